package buildstamp

import (
	"runtime/debug"
	"strings"
	"testing"
)

func TestDescribe(t *testing.T) {
	rev := "0123456789abcdef0123456789abcdef01234567"
	tests := []struct {
		name  string
		stamp Stamp
		info  *debug.BuildInfo
		want  string
	}{
		{
			name:  "release stamp",
			stamp: Stamp{Version: "1.2.3", Commit: rev, Date: "2026-12-02T15:04:05Z"},
			info:  &debug.BuildInfo{GoVersion: "go1.26.8", Main: debug.Module{Version: "(devel)"}},
			want:  "1.2.3 (commit 0123456789ab, built 2026-12-02T15:04:05Z)",
		},
		{
			name:  "stamp wins over build info",
			stamp: Stamp{Version: "0.0.0-snapshot.0123456789ab", Commit: rev, Date: "2026-12-02T15:04:05Z"},
			info:  &debug.BuildInfo{GoVersion: "go1.26.8", Main: debug.Module{Version: "v9.9.9"}},
			want:  "0.0.0-snapshot.0123456789ab (commit 0123456789ab, built 2026-12-02T15:04:05Z)",
		},
		{
			name: "go install of a tag",
			info: &debug.BuildInfo{GoVersion: "go1.26.8", Main: debug.Module{Version: "v1.2.3"}},
			want: "v1.2.3 (go install, go1.26.8)",
		},
		{
			name: "go install with VCS info",
			info: &debug.BuildInfo{GoVersion: "go1.26.8", Main: debug.Module{Version: "v1.2.4-0.20261202150405-0123456789ab"},
				Settings: []debug.BuildSetting{{Key: "vcs.revision", Value: rev}, {Key: "vcs.time", Value: "2026-12-02T15:04:05Z"}}},
			want: "v1.2.4-0.20261202150405-0123456789ab (go install, go1.26.8, commit 0123456789ab, built 2026-12-02T15:04:05Z)",
		},
		{
			name: "local build with VCS info and changes",
			info: &debug.BuildInfo{GoVersion: "go1.26.8", Main: debug.Module{Version: "(devel)"},
				Settings: []debug.BuildSetting{{Key: "vcs.revision", Value: rev}, {Key: "vcs.modified", Value: "true"}}},
			want: "dev (not a release build, commit 0123456789ab with uncommitted changes)",
		},
		{
			name: "local build, nothing known",
			info: &debug.BuildInfo{GoVersion: "go1.26.8", Main: debug.Module{Version: "(devel)"}},
			want: "dev (not a release build)",
		},
		{
			name:  "a stamp of dev is not a release",
			stamp: Stamp{Version: "dev"},
			info:  nil,
			want:  "dev (not a release build)",
		},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			if got := describe(tt.stamp, tt.info); got != tt.want {
				t.Errorf("describe() = %q, want %q", got, tt.want)
			}
		})
	}
}

// A release never says just "dev", and the live build info path answers.
func TestDescribeRunningBinary(t *testing.T) {
	got := Describe(Stamp{Version: "1.0.0", Commit: "abc", Date: "2026-01-01T00:00:00Z"})
	if got != "1.0.0 (commit abc, built 2026-01-01T00:00:00Z)" {
		t.Errorf("Describe(stamped) = %q", got)
	}
	if got := Describe(Stamp{}); !strings.HasPrefix(got, "dev (not a release build") && !strings.HasPrefix(got, "v") {
		t.Errorf("Describe(unstamped) = %q, want dev or a module version", got)
	}
}

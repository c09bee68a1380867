// Package buildstamp names the build that is running, for --version and for
// support requests: the version, commit and build date that tools/release
// stamps into a release with -ldflags -X, or else what Go's build info knows
// (the module version of a `go install` build, the VCS revision when Go
// recorded one).
//
// It must never invent a version: an unstamped local build says it is not a
// release, and a value it does not know is left out rather than guessed.
package buildstamp

import (
	"runtime/debug"
	"strings"
)

// Stamp is what tools/release writes into main.version, main.commit and
// main.date. Empty fields were not stamped.
type Stamp struct {
	Version string // release version, e.g. "1.2.3" or "0.0.0-snapshot.0123456789ab"
	Commit  string // full git commit hash
	Date    string // commit time, RFC 3339 in UTC (the build date of a reproducible build)
}

// Describe returns one line naming this build, from the stamp when there is
// one, else from the running binary's build info.
func Describe(s Stamp) string {
	info, _ := debug.ReadBuildInfo()
	return describe(s, info)
}

// describe is Describe with the build info passed in, for tests.
func describe(s Stamp, info *debug.BuildInfo) string {
	if v := strings.TrimSpace(s.Version); v != "" && v != "dev" {
		return v + details(s.Commit, s.Date, false, "")
	}
	var rev, when string
	modified := false
	goVersion := ""
	moduleVersion := ""
	if info != nil {
		goVersion = info.GoVersion
		if v := info.Main.Version; v != "" && v != "(devel)" {
			moduleVersion = v
		}
		for _, kv := range info.Settings {
			switch kv.Key {
			case "vcs.revision":
				rev = kv.Value
			case "vcs.time":
				when = kv.Value
			case "vcs.modified":
				modified = kv.Value == "true"
			}
		}
	}
	if moduleVersion != "" {
		// `go install module@version`: the module version (a tag, or a
		// pseudo-version carrying the commit time and hash) names the build.
		return moduleVersion + details(rev, when, modified, "go install, "+goVersion)
	}
	return "dev" + details(rev, when, modified, "not a release build")
}

// details renders " (note, commit C, built D)" with the parts that are known.
func details(commit, date string, modified bool, note string) string {
	var parts []string
	if note != "" {
		parts = append(parts, strings.TrimSuffix(note, ", "))
	}
	if commit != "" {
		c := "commit " + short(commit)
		if modified {
			c += " with uncommitted changes"
		}
		parts = append(parts, c)
	}
	if date != "" {
		parts = append(parts, "built "+date)
	}
	if len(parts) == 0 {
		return ""
	}
	return " (" + strings.Join(parts, ", ") + ")"
}

// short keeps the first 12 hex digits of a commit hash, enough to find it.
func short(commit string) string {
	if len(commit) > 12 {
		return commit[:12]
	}
	return commit
}

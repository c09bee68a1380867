package main

import (
	"context"
	"errors"
	"os"
	"os/exec"
	"path/filepath"
	"regexp"
	"strings"
	"testing"
	"time"

	"github.com/justt-ai/justt-onboard/internal/testtool"
)

// newRepo makes a one-commit git repository with a fixed commit time.
// It returns the folder and a function running git in it.
func newRepo(t *testing.T) (string, func(args ...string)) {
	t.Helper()
	testtool.Need(t, "git", "the release is stamped from git")
	dir := t.TempDir()
	run := func(args ...string) {
		t.Helper()
		cmd := exec.Command("git", args...)
		cmd.Dir = dir
		cmd.Env = append(os.Environ(),
			"GIT_AUTHOR_NAME=t", "GIT_AUTHOR_EMAIL=t@example.com", "GIT_COMMITTER_NAME=t", "GIT_COMMITTER_EMAIL=t@example.com",
			"GIT_AUTHOR_DATE=2026-12-02T15:04:05Z", "GIT_COMMITTER_DATE=2026-12-02T15:04:05Z", "GIT_CONFIG_GLOBAL=/dev/null")
		if out, err := cmd.CombinedOutput(); err != nil {
			t.Fatalf("git %v: %v\n%s", args, err, out)
		}
	}
	run("init", "-q")
	if err := os.WriteFile(filepath.Join(dir, "a.txt"), []byte("a\n"), 0o644); err != nil {
		t.Fatal(err)
	}
	run("add", "a.txt")
	run("commit", "-q", "-m", "first")
	return dir, run
}

func TestSnapshotStamp(t *testing.T) {
	dir, repoGit := newRepo(t)
	ctx := context.Background()
	s, err := readStamp(ctx, dir, true)
	if err != nil {
		t.Fatal(err)
	}
	if !regexp.MustCompile(`^[0-9a-f]{40}$`).MatchString(s.Commit) {
		t.Errorf("commit %q is not a full hash", s.Commit)
	}
	if want := time.Date(2026, 12, 2, 15, 4, 5, 0, time.UTC); !s.Time.Equal(want) || s.Date() != "2026-12-02T15:04:05Z" {
		t.Errorf("time %v date %q, want the commit time %v", s.Time, s.Date(), want)
	}
	if want := "0.0.1-snapshot." + s.Commit[:12]; s.Version != want || s.Dirty {
		t.Errorf("version %q dirty %v, want %q clean", s.Version, s.Dirty, want)
	}

	repoGit("tag", "v1.2.3")
	repoGit("commit", "-q", "--allow-empty", "-m", "second")
	s, err = readStamp(ctx, dir, true)
	if err != nil {
		t.Fatal(err)
	}
	if want := "1.2.4-snapshot." + s.Commit[:12]; s.Version != want {
		t.Errorf("after v1.2.3: version %q, want %q", s.Version, want)
	}

	if err := os.WriteFile(filepath.Join(dir, "a.txt"), []byte("changed\n"), 0o644); err != nil {
		t.Fatal(err)
	}
	s, err = readStamp(ctx, dir, true)
	if err != nil {
		t.Fatal(err)
	}
	if !s.Dirty || !strings.HasSuffix(s.Version, ".dirty") {
		t.Errorf("changed tree: version %q dirty %v, want a .dirty snapshot", s.Version, s.Dirty)
	}
	// A tagged release refuses a changed tree.
	var ue *usageError
	if _, err := readStamp(ctx, dir, false); !errors.As(err, &ue) || !strings.Contains(err.Error(), "uncommitted") {
		t.Errorf("tagged release of a changed tree: err %v, want a usage error about uncommitted changes", err)
	}
}

func TestTaggedStamp(t *testing.T) {
	dir, repoGit := newRepo(t)
	ctx := context.Background()
	var ue *usageError
	if _, err := readStamp(ctx, dir, false); !errors.As(err, &ue) || !strings.Contains(err.Error(), "no release tag") {
		t.Fatalf("untagged HEAD: err %v, want a usage error naming the missing tag", err)
	}
	repoGit("tag", "v1.2")
	if _, err := readStamp(ctx, dir, false); !errors.As(err, &ue) || !strings.Contains(err.Error(), `"v1.2"`) {
		t.Fatalf("HEAD tagged v1.2: err %v, want a usage error naming the bad tag", err)
	}
	repoGit("tag", "v1.3.0-rc.1")
	s, err := readStamp(ctx, dir, false)
	if err != nil {
		t.Fatal(err)
	}
	if s.Version != "1.3.0-rc.1" || s.Tag != "v1.3.0-rc.1" {
		t.Errorf("version %q tag %q, want 1.3.0-rc.1 from v1.3.0-rc.1", s.Version, s.Tag)
	}
	repoGit("tag", "v1.3.0")
	if _, err := readStamp(ctx, dir, false); !errors.As(err, &ue) || !strings.Contains(err.Error(), "several") {
		t.Fatalf("two release tags: err %v, want a usage error", err)
	}
}

func TestNextPatch(t *testing.T) {
	for tag, want := range map[string]string{"v1.2.3": "1.2.4", "v0.0.9": "0.0.10", "v2.0.0-rc.1": "2.0.0", "v1.2": "", "1.2.3": ""} {
		got, ok := nextPatch(tag)
		if got != want || ok != (want != "") {
			t.Errorf("nextPatch(%q) = %q, %v; want %q", tag, got, ok, want)
		}
	}
}

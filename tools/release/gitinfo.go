package main

import (
	"context"
	"fmt"
	"os/exec"
	"regexp"
	"sort"
	"strconv"
	"strings"
	"time"
)

// Stamp is what a release build writes into main.version, main.commit and
// main.date, read from git itself: GOFLAGS=-buildvcs=false (set on the
// project's machines) leaves Go's build info without a commit.
type Stamp struct {
	Version string    // without the leading v: "1.2.3", or "1.2.4-snapshot.0123456789ab"
	Tag     string    // the tag for a tagged release ("v1.2.3"), empty for a snapshot
	Commit  string    // full hash of HEAD
	Time    time.Time // commit time in UTC: the build date and every mtime in the artifacts
	Dirty   bool      // the work tree differs from HEAD (snapshot only)
}

// Date is the stamped build date.
func (s Stamp) Date() string { return s.Time.UTC().Format(time.RFC3339) }

// releaseTag is the tag form a release takes: vMAJOR.MINOR.PATCH with an
// optional pre-release part. Anything else (a typo like v1.2) is not a release.
var releaseTag = regexp.MustCompile(`^v(0|[1-9][0-9]*)\.(0|[1-9][0-9]*)\.(0|[1-9][0-9]*)(-[0-9A-Za-z.-]+)?$`)

// git runs git in dir and returns its trimmed standard output.
func git(ctx context.Context, dir string, args ...string) (string, error) {
	cmd := exec.CommandContext(ctx, "git", args...)
	cmd.Dir = dir
	var stderr strings.Builder
	cmd.Stderr = &stderr
	out, err := cmd.Output()
	if err != nil {
		return "", fmt.Errorf("git %s: %w (%s)", strings.Join(args, " "), err, strings.TrimSpace(stderr.String()))
	}
	return strings.TrimSpace(string(out)), nil
}

// repoRoot is the top of the git work tree holding dir.
func repoRoot(ctx context.Context, dir string) (string, error) {
	root, err := git(ctx, dir, "rev-parse", "--show-toplevel")
	if err != nil {
		return "", fmt.Errorf("the release is built from a git checkout of justt-onboard, and this is not one: %w", err)
	}
	return root, nil
}

// readStamp reads HEAD's commit, time, state and version. A tagged release
// needs a clean tree and a vX.Y.Z tag on HEAD; a snapshot takes any state.
func readStamp(ctx context.Context, root string, snapshot bool) (Stamp, error) {
	var s Stamp
	var err error
	if s.Commit, err = git(ctx, root, "rev-parse", "HEAD"); err != nil {
		return s, err
	}
	ct, err := git(ctx, root, "show", "-s", "--format=%ct", "HEAD")
	if err != nil {
		return s, err
	}
	secs, err := strconv.ParseInt(ct, 10, 64)
	if err != nil {
		return s, fmt.Errorf("git gave commit time %q: %w", ct, err)
	}
	s.Time = time.Unix(secs, 0).UTC()
	status, err := git(ctx, root, "status", "--porcelain")
	if err != nil {
		return s, err
	}
	s.Dirty = status != ""

	if snapshot {
		s.Version = snapshotVersion(ctx, root, s)
		return s, nil
	}
	if s.Dirty {
		return s, &usageError{"the work tree has uncommitted changes, so a release would not match its tag: commit or stash them, or build with --snapshot"}
	}
	tags, err := git(ctx, root, "tag", "--points-at", "HEAD", "--list", "v*")
	if err != nil {
		return s, err
	}
	s.Tag, err = pickReleaseTag(strings.Fields(tags))
	if err != nil {
		return s, err
	}
	s.Version = strings.TrimPrefix(s.Tag, "v")
	return s, nil
}

// pickReleaseTag chooses the release tag among the v* tags on HEAD.
func pickReleaseTag(tags []string) (string, error) {
	var valid []string
	for _, t := range tags {
		if releaseTag.MatchString(t) {
			valid = append(valid, t)
		}
	}
	switch len(valid) {
	case 0:
		if len(tags) > 0 {
			return "", &usageError{fmt.Sprintf("HEAD's tag %q is not a release tag vMAJOR.MINOR.PATCH: tag it like v1.2.3, or build with --snapshot", tags[0])}
		}
		return "", &usageError{"HEAD has no release tag: tag it (git tag v1.2.3) for a release, or build with --snapshot"}
	case 1:
		return valid[0], nil
	}
	sort.Strings(valid)
	return "", &usageError{fmt.Sprintf("HEAD carries several release tags (%s): keep one", strings.Join(valid, ", "))}
}

// snapshotVersion is the next patch after the newest release tag reachable
// from HEAD (0.0.1 with none), marked as a snapshot of this commit, so it
// sorts after the release it follows and before the next one.
func snapshotVersion(ctx context.Context, root string, s Stamp) string {
	base := "0.0.1"
	if tag, err := git(ctx, root, "describe", "--tags", "--abbrev=0", "--match", "v*", "HEAD"); err == nil {
		if next, ok := nextPatch(tag); ok {
			base = next
		}
	}
	v := base + "-snapshot." + short(s.Commit)
	if s.Dirty {
		v += ".dirty"
	}
	return v
}

// nextPatch turns "v1.2.3" (or "v1.2.3-rc.1") into "1.2.4".
func nextPatch(tag string) (string, bool) {
	m := releaseTag.FindStringSubmatch(tag)
	if m == nil {
		return "", false
	}
	patch, err := strconv.Atoi(m[3])
	if err != nil {
		return "", false
	}
	if m[4] != "" {
		// v1.2.3-rc.1 is before 1.2.3, so the snapshot after it is 1.2.3-…
		return fmt.Sprintf("%s.%s.%d", m[1], m[2], patch), true
	}
	return fmt.Sprintf("%s.%s.%d", m[1], m[2], patch+1), true
}

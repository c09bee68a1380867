package main

import (
	"context"
	"fmt"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
)

// AllTargets are the platforms a release ships for.
var AllTargets = []string{"darwin/amd64", "darwin/arm64", "linux/amd64", "linux/arm64", "windows/amd64"}

// Target is one platform.
type Target struct{ OS, Arch string }

func (t Target) String() string { return t.OS + "/" + t.Arch }

// BinaryName is the executable's file name on the target.
func (t Target) BinaryName() string {
	if t.OS == "windows" {
		return "justt-onboard.exe"
	}
	return "justt-onboard"
}

func parseTargets(list string) ([]Target, error) {
	known := map[string]bool{}
	for _, t := range AllTargets {
		known[t] = true
	}
	var out []Target
	seen := map[string]bool{}
	for _, item := range strings.Split(list, ",") {
		item = strings.TrimSpace(item)
		if item == "" {
			continue
		}
		if !known[item] {
			return nil, fmt.Errorf("--targets: %q is not a release platform (one of %s)", item, strings.Join(AllTargets, ", "))
		}
		if seen[item] {
			continue
		}
		seen[item] = true
		os, arch, _ := strings.Cut(item, "/")
		out = append(out, Target{OS: os, Arch: arch})
	}
	if len(out) == 0 {
		return nil, fmt.Errorf("--targets is empty: name at least one of %s", strings.Join(AllTargets, ", "))
	}
	return out, nil
}

// ldflags stamps the build and drops what would differ between two builds
// of the same commit (the build id) or is not needed to run (symbol tables;
// the build info that the SBOM reads is kept).
func ldflags(s Stamp) string {
	return fmt.Sprintf("-s -w -buildid= -X main.version=%s -X main.commit=%s -X main.date=%s", s.Version, s.Commit, s.Date())
}

// buildBinary cross-compiles the module at root for t into out. The
// environment is pinned so that the machine's settings (GOFLAGS, GOAMD64,
// CGO) cannot change the bytes.
func buildBinary(ctx context.Context, root string, t Target, s Stamp, out string) error {
	cmd := exec.CommandContext(ctx, "go", "build", "-trimpath", "-buildvcs=false", "-mod=readonly",
		"-ldflags", ldflags(s), "-o", out, ".")
	cmd.Dir = root
	cmd.Env = append(os.Environ(),
		"GOOS="+t.OS, "GOARCH="+t.Arch, "CGO_ENABLED=0",
		"GOFLAGS=", "GOAMD64=v1", "GOARM64=v8.0", "GOEXPERIMENT=")
	var stderr strings.Builder
	cmd.Stderr = &stderr
	cmd.Stdout = &stderr
	if err := cmd.Run(); err != nil {
		return fmt.Errorf("go build for %s failed: %w\n%s", t, err, strings.TrimSpace(stderr.String()))
	}
	if _, err := os.Stat(out); err != nil {
		return fmt.Errorf("go build for %s left no binary at %s: %w", t, filepath.Base(out), err)
	}
	return nil
}

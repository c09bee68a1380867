package main

import (
	"archive/tar"
	"compress/gzip"
	"context"
	"crypto/sha256"
	"encoding/json"
	"fmt"
	"io"
	"os"
	"os/exec"
	"path/filepath"
	"regexp"
	"runtime"
	"sort"
	"strings"
	"sync"
	"testing"

	"github.com/justt-ai/justt-onboard/internal/testtool"
)

// ReleaseDirEnv names a release folder already built from this checkout
// (.ci/run builds the full snapshot once and passes it here); without it
// the tests build this platform's part of a snapshot themselves.
const ReleaseDirEnv = "JUSTT_RELEASE_DIR"

var (
	builtOnce sync.Once
	builtDir  string
	builtErr  error
)

// hostTarget is the release platform the tests can run binaries of.
func hostTarget(t *testing.T) Target {
	t.Helper()
	host := runtime.GOOS + "/" + runtime.GOARCH
	for _, a := range AllTargets {
		if a == host {
			return Target{OS: runtime.GOOS, Arch: runtime.GOARCH}
		}
	}
	t.Skipf("skipped: no release is built for this machine (%s)", host)
	return Target{}
}

// releaseDir returns the folder of a snapshot release holding at least the
// host's archive.
func releaseDir(t *testing.T) string {
	t.Helper()
	host := hostTarget(t)
	if dir := os.Getenv(ReleaseDirEnv); dir != "" {
		return dir
	}
	if testing.Short() {
		t.Skip("skipped in -short mode: builds a release (set " + ReleaseDirEnv + " to test a built one)")
	}
	testtool.Need(t, "git", "the release is stamped from git")
	builtOnce.Do(func() {
		builtDir, builtErr = os.MkdirTemp("", "justt-onboard-release-test-")
		if builtErr != nil {
			return
		}
		_, builtErr = Build(context.Background(), Options{
			Snapshot: true, Out: builtDir, Targets: []Target{host}, DownloadURL: DefaultDownloadURL, Dir: ".",
		}, io.Discard)
	})
	if builtErr != nil {
		t.Fatalf("building the snapshot: %v", builtErr)
	}
	return builtDir
}

func TestMain(m *testing.M) {
	code := m.Run()
	if builtDir != "" {
		os.RemoveAll(builtDir)
	}
	os.Exit(code)
}

func readSumsFile(t *testing.T, dir string) map[string]string {
	t.Helper()
	f, err := os.Open(filepath.Join(dir, SumsFile))
	if err != nil {
		t.Fatal(err)
	}
	defer f.Close()
	sums, err := parseSums(f)
	if err != nil {
		t.Fatal(err)
	}
	return sums
}

// hostArchive finds the host's archive in SHA256SUMS and returns its name
// and the version in it.
func hostArchive(t *testing.T, sums map[string]string, host Target) (name, version string) {
	t.Helper()
	re := regexp.MustCompile(`^justt-onboard_(.+)_` + host.OS + `_` + host.Arch + `\.tar\.gz$`)
	for n := range sums {
		if m := re.FindStringSubmatch(n); m != nil {
			return n, m[1]
		}
	}
	t.Fatalf("%s lists no archive for %s: %v", SumsFile, host, sums)
	return "", ""
}

// untar extracts a .tar.gz into dir and returns the entry names.
func untar(t *testing.T, archive, dir string) []string {
	t.Helper()
	f, err := os.Open(archive)
	if err != nil {
		t.Fatal(err)
	}
	defer f.Close()
	gz, err := gzip.NewReader(f)
	if err != nil {
		t.Fatal(err)
	}
	tr := tar.NewReader(gz)
	var names []string
	for {
		h, err := tr.Next()
		if err == io.EOF {
			break
		}
		if err != nil {
			t.Fatal(err)
		}
		names = append(names, h.Name)
		if strings.Contains(h.Name, "/") {
			t.Fatalf("archive entry %q is not a plain file name", h.Name)
		}
		out, err := os.OpenFile(filepath.Join(dir, h.Name), os.O_CREATE|os.O_WRONLY|os.O_EXCL, os.FileMode(h.Mode))
		if err != nil {
			t.Fatal(err)
		}
		if _, err := io.Copy(out, tr); err != nil {
			t.Fatal(err)
		}
		out.Close()
	}
	return names
}

var stampedVersion = regexp.MustCompile(`^justt-onboard (\S+) \(commit ([0-9a-f]{12}), built (\d{4}-\d\d-\d\dT\d\d:\d\d:\d\dZ)\)\n$`)

// checkVersionOutput runs binary --version and checks it names version and
// this checkout's HEAD.
func checkVersionOutput(t *testing.T, binary, version string) {
	t.Helper()
	out, err := exec.Command(binary, "--version").CombinedOutput()
	if err != nil {
		t.Fatalf("%s --version: %v\n%s", binary, err, out)
	}
	m := stampedVersion.FindStringSubmatch(string(out))
	if m == nil {
		t.Fatalf("--version printed %q, want \"justt-onboard VERSION (commit HASH, built DATE)\"", out)
	}
	if m[1] != version {
		t.Errorf("--version names %s, the archive %s", m[1], version)
	}
	head, err := git(context.Background(), ".", "rev-parse", "HEAD")
	if err != nil {
		t.Fatal(err)
	}
	if !strings.HasPrefix(head, m[2]) {
		t.Errorf("--version names commit %s, HEAD is %s", m[2], head)
	}
}

func TestSnapshotRelease(t *testing.T) {
	dir := releaseDir(t)
	host := hostTarget(t)
	sums := readSumsFile(t, dir)

	// SHA256SUMS covers every file, and every sum matches.
	entries, err := os.ReadDir(dir)
	if err != nil {
		t.Fatal(err)
	}
	for _, e := range entries {
		if e.Name() == SumsFile {
			continue
		}
		want, ok := sums[e.Name()]
		if !ok {
			t.Errorf("%s is not in %s", e.Name(), SumsFile)
			continue
		}
		got, err := fileSHA256(filepath.Join(dir, e.Name()))
		if err != nil || got != want {
			t.Errorf("%s: sha256 %s, %s says %s (err %v)", e.Name(), got, SumsFile, want, err)
		}
	}
	if len(sums) != len(entries)-1 {
		t.Errorf("%s lists %d files, the folder has %d besides it", SumsFile, len(sums), len(entries)-1)
	}

	name, version := hostArchive(t, sums, host)
	x := t.TempDir()
	names := untar(t, filepath.Join(dir, name), x)
	sort.Strings(names)
	if strings.Join(names, ",") != "LICENSE,README.md,justt-onboard" {
		t.Errorf("%s holds %v, want LICENSE, README.md, justt-onboard", name, names)
	}
	binary := filepath.Join(x, "justt-onboard")
	checkVersionOutput(t, binary, version)

	// The SBOM describes this binary and what is linked into it.
	raw, err := os.ReadFile(filepath.Join(dir, sbomName(Stamp{Version: version}, host)))
	if err != nil {
		t.Fatal(err)
	}
	var bom struct {
		Metadata struct {
			Component struct {
				Version string
				Hashes  []struct{ Alg, Content string }
			}
		}
		Components []struct{ Purl string }
	}
	if err := json.Unmarshal(raw, &bom); err != nil {
		t.Fatal(err)
	}
	data, err := os.ReadFile(binary)
	if err != nil {
		t.Fatal(err)
	}
	if c := bom.Metadata.Component; c.Version != version || len(c.Hashes) != 1 || c.Hashes[0].Content != fmt.Sprintf("%x", sha256.Sum256(data)) {
		t.Errorf("SBOM names %+v, not this binary (version %s)", c, version)
	}
	var cobra, stdlib bool
	for _, c := range bom.Components {
		cobra = cobra || strings.HasPrefix(c.Purl, "pkg:golang/github.com/spf13/cobra@v")
		stdlib = stdlib || strings.HasPrefix(c.Purl, "pkg:golang/stdlib@")
	}
	if !cobra || !stdlib {
		t.Errorf("SBOM components lack cobra (%v) or stdlib (%v)", cobra, stdlib)
	}
	if strings.Contains(string(raw), "goreleaser/nfpm") || strings.Contains(string(raw), "CycloneDX/cyclonedx-go") {
		t.Error("the release tool's own dependencies are listed in the shipped binary's SBOM")
	}

	if host.OS == "linux" {
		checkLinuxPackages(t, dir, sums)
	}
	if host.OS == "darwin" || host.OS == "linux" {
		formula, err := os.ReadFile(filepath.Join(dir, FormulaFile))
		if err != nil {
			t.Fatal(err)
		}
		if !strings.Contains(string(formula), `sha256 "`+sums[name]+`"`) {
			t.Errorf("the formula does not carry %s's sum:\n%s", name, formula)
		}
	}
}

// checkLinuxPackages lists the .deb and .rpm contents with the distributions'
// own tools: both install /usr/bin/justt-onboard.
func checkLinuxPackages(t *testing.T, dir string, sums map[string]string) {
	t.Helper()
	var deb, rpm string
	for n := range sums {
		switch {
		case strings.HasSuffix(n, "_"+runtime.GOARCH+".deb"):
			deb = n
		case strings.HasSuffix(n, ".rpm") && strings.Contains(n, map[string]string{"amd64": "x86_64", "arm64": "aarch64"}[runtime.GOARCH]):
			rpm = n
		}
	}
	if deb == "" || rpm == "" {
		t.Fatalf("no .deb (%q) or .rpm (%q) for %s in %v", deb, rpm, runtime.GOARCH, sums)
	}
	testtool.Need(t, "dpkg-deb", "lists the .deb's contents")
	out, err := exec.Command("dpkg-deb", "--contents", filepath.Join(dir, deb)).CombinedOutput()
	if err != nil || !regexp.MustCompile(`(?m)^-rwxr-xr-x root/root .* \./usr/bin/justt-onboard$`).Match(out) {
		t.Errorf("dpkg-deb --contents %s (err %v) lacks an executable ./usr/bin/justt-onboard owned by root:\n%s", deb, err, out)
	}
	testtool.Need(t, "rpm", "lists the .rpm's contents")
	out, err = exec.Command("rpm", "-qlp", filepath.Join(dir, rpm)).CombinedOutput()
	if err != nil || !regexp.MustCompile(`(?m)^/usr/bin/justt-onboard$`).Match(out) {
		t.Errorf("rpm -qlp %s (err %v) lacks /usr/bin/justt-onboard:\n%s", rpm, err, out)
	}
}

// TestSnapshotIsReproducible builds this platform's part a second time and
// compares every checksum. (.ci/run does the same for all platforms.)
func TestSnapshotIsReproducible(t *testing.T) {
	if os.Getenv(ReleaseDirEnv) != "" {
		t.Skip("skipped: .ci/run compares two full builds itself")
	}
	first := releaseDir(t)
	second := t.TempDir()
	if _, err := Build(context.Background(), Options{
		Snapshot: true, Out: second, Targets: []Target{hostTarget(t)}, DownloadURL: DefaultDownloadURL, Dir: ".",
	}, io.Discard); err != nil {
		t.Fatal(err)
	}
	a, b := readSumsFile(t, first), readSumsFile(t, second)
	if len(a) == 0 || len(a) != len(b) {
		t.Fatalf("first build has %d files, second %d", len(a), len(b))
	}
	for n, sum := range a {
		if b[n] != sum {
			t.Errorf("%s differs between two builds of the same commit: %s vs %s", n, sum, b[n])
		}
	}
}

func TestOutMustBeEmpty(t *testing.T) {
	testtool.Need(t, "git", "the release is stamped from git")
	out := t.TempDir()
	if err := os.WriteFile(filepath.Join(out, "stale.tar.gz"), []byte("x"), 0o644); err != nil {
		t.Fatal(err)
	}
	var stderr strings.Builder
	code := run(context.Background(), []string{"--snapshot", "--out", out}, io.Discard, &stderr)
	if code != 2 || !strings.Contains(stderr.String(), "not empty") {
		t.Errorf("exit %d, stderr %q; want 2 and a not-empty refusal", code, stderr.String())
	}
}

func TestInterruptedBuild(t *testing.T) {
	testtool.Need(t, "git", "the release is stamped from git")
	ctx, cancel := context.WithCancel(context.Background())
	cancel() // as if ctrl+c arrived before the first build
	var stderr strings.Builder
	out := filepath.Join(t.TempDir(), "out")
	if code := run(ctx, []string{"--snapshot", "--out", out}, io.Discard, &stderr); code != 130 || !strings.Contains(stderr.String(), "interrupted") {
		t.Errorf("exit %d, stderr %q; want 130 and interrupted", code, stderr.String())
	}
}

func TestFlagErrorsAreUsage(t *testing.T) {
	for _, args := range [][]string{
		{"--snapshot"},
		{"--snapshot", "--out", ""},
		{"--out", "x", "--targets", "plan9/386"},
		{"--out", "x", "--targets", ","},
		{"--out", "x", "extra"},
		{"--out", "x", "--download-url", "http://example.com/{version}"},
		{"--out", "x", "--download-url", "http://127.0.0.1.example.com/{version}"},
		{"--out", "x", "--download-url", "https://user:pw@example.com/{version}"},
		{"--bogus"},
	} {
		var stderr strings.Builder
		if code := run(context.Background(), args, io.Discard, &stderr); code != 2 || stderr.Len() == 0 {
			t.Errorf("release %q: exit %d, stderr %q; want 2 with a reason", args, code, stderr.String())
		}
	}
}

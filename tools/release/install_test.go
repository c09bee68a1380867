package main

import (
	"bytes"
	"net/http"
	"net/http/httptest"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"testing"

	"github.com/justt-ai/justt-onboard/internal/testtool"
)

// installScript is the repository's install.sh.
const installScript = "../../install.sh"

// runInstall runs `sh install.sh args...` with a PATH that has the usual
// tools but not the install folder, and returns exit code and stderr.
func runInstall(t *testing.T, env []string, args ...string) (int, string) {
	t.Helper()
	testtool.Need(t, "sh", "install.sh is a POSIX shell script")
	if _, err := exec.LookPath("curl"); err != nil {
		testtool.Need(t, "wget", "install.sh downloads with curl or wget")
	}
	cmd := exec.Command("sh", append([]string{installScript}, args...)...)
	cmd.Env = append([]string{"PATH=" + os.Getenv("PATH"), "HOME=" + t.TempDir()}, env...)
	var stderr bytes.Buffer
	cmd.Stderr = &stderr
	cmd.Stdout = &stderr
	err := cmd.Run()
	code := 0
	if ee, ok := err.(*exec.ExitError); ok {
		code = ee.ExitCode()
	} else if err != nil {
		t.Fatal(err)
	}
	return code, stderr.String()
}

// serve serves dir on loopback, as a release page would.
func serve(t *testing.T, dir string) string {
	t.Helper()
	srv := httptest.NewServer(http.FileServer(http.Dir(dir)))
	t.Cleanup(srv.Close)
	return srv.URL
}

// partialRelease copies SHA256SUMS and the host archive into a new folder,
// applying change to the archive bytes and sums to the SHA256SUMS text.
func partialRelease(t *testing.T, change func([]byte) []byte, sums func(string) string) string {
	t.Helper()
	src := releaseDir(t)
	name, _ := hostArchive(t, readSumsFile(t, src), hostTarget(t))
	dst := t.TempDir()
	data, err := os.ReadFile(filepath.Join(src, name))
	if err != nil {
		t.Fatal(err)
	}
	text, err := os.ReadFile(filepath.Join(src, SumsFile))
	if err != nil {
		t.Fatal(err)
	}
	if err := os.WriteFile(filepath.Join(dst, name), change(data), 0o644); err != nil {
		t.Fatal(err)
	}
	if err := os.WriteFile(filepath.Join(dst, SumsFile), []byte(sums(string(text))), 0o644); err != nil {
		t.Fatal(err)
	}
	return dst
}

func TestInstallScriptInstallsAVerifiedBinary(t *testing.T) {
	dir := releaseDir(t)
	_, version := hostArchive(t, readSumsFile(t, dir), hostTarget(t))
	bin := filepath.Join(t.TempDir(), "bin")
	code, out := runInstall(t, nil, "--base-url", serve(t, dir), "--dir", bin)
	if code != 0 {
		t.Fatalf("install.sh exit %d:\n%s", code, out)
	}
	if !strings.Contains(out, "checksum verified") || !strings.Contains(out, "is not on your PATH") {
		t.Errorf("install.sh did not report the verified checksum and the PATH note:\n%s", out)
	}
	checkVersionOutput(t, filepath.Join(bin, "justt-onboard"), version)

	// The folder also comes from JUSTT_ONBOARD_INSTALL_DIR, and a second run
	// replaces the binary in place; on PATH, no note.
	code, out = runInstall(t, []string{"JUSTT_ONBOARD_INSTALL_DIR=" + bin, "JUSTT_ONBOARD_BASE_URL=" + serve(t, dir),
		"PATH=" + bin + ":" + os.Getenv("PATH")})
	if code != 0 || strings.Contains(out, "not on your PATH") {
		t.Fatalf("install.sh from variables: exit %d:\n%s", code, out)
	}
	left, _ := filepath.Glob(filepath.Join(bin, ".justt-onboard.new.*"))
	if len(left) > 0 {
		t.Errorf("install.sh left temporary files: %v", left)
	}
}

func TestInstallScriptRefusesATamperedArchive(t *testing.T) {
	tampered := partialRelease(t, func(b []byte) []byte {
		b = append([]byte(nil), b...)
		b[len(b)/2] ^= 0xff
		return b
	}, func(s string) string { return s })
	bin := filepath.Join(t.TempDir(), "bin")
	code, out := runInstall(t, nil, "--base-url", serve(t, tampered), "--dir", bin)
	if code != 1 || !strings.Contains(out, "checksum mismatch") || !strings.Contains(out, "nothing was installed") {
		t.Errorf("tampered archive: exit %d, want 1 and a checksum mismatch:\n%s", code, out)
	}
	if _, err := os.Stat(filepath.Join(bin, "justt-onboard")); !os.IsNotExist(err) {
		t.Errorf("a tampered archive was installed (stat err %v)", err)
	}
}

func TestInstallScriptRefusals(t *testing.T) {
	host := hostTarget(t)
	noPlatform := partialRelease(t, func(b []byte) []byte { return b }, func(s string) string {
		return strings.ReplaceAll(s, "_"+host.OS+"_"+host.Arch+".tar.gz", "_plan9_"+host.Arch+".tar.gz")
	})
	for _, tc := range []struct {
		name string
		args []string
		code int
		want string
	}{
		{"plain http off loopback", []string{"--base-url", "http://downloads.example.com/justt"}, 2, "must be an https URL"},
		{"unknown option", []string{"--prefix", "/usr"}, 2, "unknown option"},
		{"no platform in SHA256SUMS", []string{"--base-url", serve(t, noPlatform)}, 1, "lists no archive for " + host.String()},
		{"nothing served", []string{"--base-url", serve(t, t.TempDir())}, 1, "could not download SHA256SUMS"},
	} {
		t.Run(tc.name, func(t *testing.T) {
			bin := filepath.Join(t.TempDir(), "bin")
			code, out := runInstall(t, nil, append(tc.args, "--dir", bin)...)
			if code != tc.code || !strings.Contains(out, tc.want) {
				t.Errorf("exit %d, want %d with %q:\n%s", code, tc.code, tc.want, out)
			}
			if _, err := os.Stat(filepath.Join(bin, "justt-onboard")); !os.IsNotExist(err) {
				t.Errorf("something was installed (stat err %v)", err)
			}
		})
	}
}

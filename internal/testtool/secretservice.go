package testtool

import (
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"testing"
)

// insideEnv marks the test binary re-run inside a Secret Service session.
const insideEnv = "JUSTT_ONBOARD_TEST_IN_SECRET_SERVICE"

// InSecretService runs the calling test inside a real Secret Service: a
// private D-Bus session (dbus-run-session) with gnome-keyring's secrets
// component unlocked, and HOME, XDG folders and TMPDIR in a fresh folder,
// so the merchant's own keyring is never touched. The outer call re-runs
// this one test that way and returns false (the caller returns); inside it
// returns true with home, the fresh HOME, for the test to scan afterwards.
func InSecretService(t *testing.T) (inside bool, home string) {
	t.Helper()
	if os.Getenv(insideEnv) != "" {
		return true, os.Getenv("HOME")
	}
	dbus := Need(t, "dbus-run-session", "runs a private D-Bus session for the Secret Service")
	Need(t, "gnome-keyring-daemon", "is the Secret Service the keyring tests run against")
	home = t.TempDir()
	for _, d := range []string{"data", "config", "cache", "runtime", "tmp"} {
		if err := os.MkdirAll(filepath.Join(home, d), 0o700); err != nil {
			t.Fatal(err)
		}
	}
	// gnome-keyring creates and unlocks the login collection with the
	// password on standard input; then the test binary runs this test.
	script := `echo pw | gnome-keyring-daemon --unlock --components=secrets >/dev/null || exit 97
exec "$0" -test.run "^$1\$" -test.v -test.count=1`
	cmd := exec.Command(dbus, "--", "sh", "-c", script, os.Args[0], t.Name())
	cmd.Env = append(os.Environ(), insideEnv+"=1", "HOME="+home,
		"XDG_DATA_HOME="+filepath.Join(home, "data"), "XDG_CONFIG_HOME="+filepath.Join(home, "config"),
		"XDG_CACHE_HOME="+filepath.Join(home, "cache"), "XDG_RUNTIME_DIR="+filepath.Join(home, "runtime"),
		"TMPDIR="+filepath.Join(home, "tmp"))
	// A fresh HOME must not mean a fresh Go build cache: keep the outer one.
	if env, err := exec.Command("go", "env", "GOCACHE", "GOMODCACHE", "GOPATH").Output(); err == nil {
		vals := strings.Split(strings.TrimSpace(string(env)), "\n")
		for i, name := range []string{"GOCACHE", "GOMODCACHE", "GOPATH"} {
			if i < len(vals) && vals[i] != "" {
				cmd.Env = append(cmd.Env, name+"="+vals[i])
			}
		}
	}
	out, err := cmd.CombinedOutput()
	text := string(out)
	switch {
	case strings.Contains(text, "--- PASS: "+t.Name()):
		t.Logf("passed inside a private Secret Service session")
	case strings.Contains(text, "--- SKIP: "+t.Name()):
		t.Skipf("skipped inside the Secret Service session:\n%s", text)
	default:
		t.Fatalf("inside a private Secret Service session (%v):\n%s", err, text)
	}
	return false, home
}

// InsideSecretService is true in a test binary re-run by InSecretService:
// its keyring and HOME are private, so a program it starts may use them.
func InsideSecretService() bool { return os.Getenv(insideEnv) != "" }

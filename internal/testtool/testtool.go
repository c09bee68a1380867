// Package testtool lets a test that needs a program from outside Go (tmux,
// gnome-keyring, dbus-run-session) skip with a one-line reason where the
// program is missing, and fail instead where CI asked for every tool
// (RequireEnv=1), so CI never skips silently.
package testtool

import (
	"os"
	"os/exec"
	"testing"
)

// RequireEnv is the variable .ci/run sets to turn every such skip into a failure.
const RequireEnv = "JUSTT_ONBOARD_REQUIRE_TOOLS"

// Need returns the path of program, or skips (fails under RequireEnv) when
// it is not installed.
func Need(t testing.TB, program, why string) string {
	t.Helper()
	path, err := exec.LookPath(program)
	if err == nil {
		return path
	}
	Missing(t, program+" is not installed ("+why+")")
	return ""
}

// Missing skips with reason, or fails when RequireEnv is set.
func Missing(t testing.TB, reason string) {
	t.Helper()
	if os.Getenv(RequireEnv) != "" {
		t.Fatalf("%s; %s is set, so this is a failure, not a skip", reason, RequireEnv)
	}
	t.Skip("skipped: " + reason)
}

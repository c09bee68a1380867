//go:build !windows

package wizard

import (
	"bytes"
	"os"
	"os/exec"
	"path/filepath"
	"strconv"
	"strings"
	"syscall"
	"testing"
	"time"

	"github.com/justt-ai/justt-onboard/internal/testtool"
	"github.com/justt-ai/justt-onboard/onboarding"
	"github.com/justt-ai/justt-onboard/sandbox"
	"github.com/justt-ai/justt-onboard/steps"
)

// TestResumeInARealTerminalWithARealKeyring: the real wizard against the
// sandbox, in tmux, under a real Secret Service. The key is pasted at step
// 11, the merchant goes to step 14, and the wizard is killed (-9). The next
// start offers step 14; enter lands there with the key from the keyring
// checked again and nothing pasted. Then `forget --yes` leaves no keyring
// entry and no progress file, and the next start opens at step 1. No
// secret is ever in a plain file of HOME or TMPDIR.
func TestResumeInARealTerminalWithARealKeyring(t *testing.T) {
	if testing.Short() {
		t.Skip("builds the binary and drives it in tmux under a Secret Service")
	}
	inside, home := testtool.InSecretService(t)
	if !inside {
		return
	}
	secretTool := testtool.Need(t, "secret-tool", "lists the keyring's entries independently of the tool")
	sb, url := loopbackSandbox(t)
	var scopes []string
	for _, p := range steps.Required {
		scopes = append(scopes, p.Scope)
	}
	key := sb.MintLiveKey(scopes...)
	dir, err := onboarding.DefaultDir(os.Getenv)
	if err != nil {
		t.Fatal(err)
	}
	progress := onboarding.Store{Dir: dir}.Path()
	args := []string{"--stripe-api-url=" + url, "--stripe-uploads-url=" + url}

	s := startInTmux(t, args...)
	s.waitFor("Step 1 of 18", "Sign in to Stripe")
	s.keys("g", "1", "1")
	s.waitFor("Step 11 of 18", "(empty: paste here)")
	s.paste(key)
	s.waitFor("All 9 permissions granted")
	s.keys("Enter")
	s.waitFor("Register it for me")
	s.keys("b")
	s.waitFor("Step 12 of 18")
	s.keys("g", "1", "4")
	s.waitFor("Step 14 of 18")
	waitForFile(t, progress, `"step": 14`, `"secret": "restricted-key"`)

	s.kill9()
	s.waitFor("exited with status 137")
	s.respawn(args...)
	s.waitFor("Welcome back", "step 14 of 18", "rk_live_…"+key[len(key)-4:], sandbox.DefaultAccountID, "in your keyring")
	before := len(sb.Requests())
	s.keys("Enter")
	s.waitFor("Step 14 of 18", "checked again: all 9 permissions granted")
	if n := len(sb.Requests()) - before; n < len(steps.Required) {
		t.Fatalf("%d requests after resuming: the key was not checked again", n)
	}
	s.keys("q")
	s.waitFor("Stopped at step 14 of 18", "justt-onboard exited with status 0")
	noSecretUnder(t, key, home, os.TempDir(), dir)

	bin := s.bin
	out, err := exec.Command(bin, "forget", "--yes").CombinedOutput()
	if err != nil || !strings.Contains(string(out), "Removed the restricted key of "+sandbox.DefaultAccountID) ||
		!strings.Contains(string(out), "Removed the progress file") {
		t.Fatalf("forget --yes: %v\n%s", err, out)
	}
	if _, err := os.Stat(progress); !os.IsNotExist(err) {
		t.Fatalf("the progress file is still there: %v", err)
	}
	if left, _ := exec.Command(secretTool, "search", "--all", "service", "justt-onboard").CombinedOutput(); bytes.Contains(left, []byte("justt-onboard")) {
		t.Fatalf("keyring entries left after forget:\n%s", left)
	}
	s.respawn(args...)
	screen := s.waitFor("Step 1 of 18", "Sign in to Stripe")
	if strings.Contains(screen, "Welcome back") {
		t.Fatal("the wizard offered to resume after forget")
	}
	noSecretUnder(t, key, home, os.TempDir())
}

// waitForFile polls path until it holds every text: the progress file is
// written in a command, so it lands just after the screen changed.
func waitForFile(t *testing.T, path string, texts ...string) {
	t.Helper()
	deadline := time.Now().Add(20 * time.Second)
	for {
		b, _ := os.ReadFile(path)
		missing := ""
		for _, x := range texts {
			if !bytes.Contains(b, []byte(x)) {
				missing = x
			}
		}
		if missing == "" {
			return
		}
		if time.Now().After(deadline) {
			t.Fatalf("%s never held %q:\n%s", path, missing, b)
		}
		time.Sleep(40 * time.Millisecond)
	}
}

// noSecretUnder fails if a file under any dir holds the secret, or more
// than its last 4, in plain text.
func noSecretUnder(t *testing.T, secret string, dirs ...string) {
	t.Helper()
	for _, dir := range dirs {
		_ = filepath.Walk(dir, func(p string, fi os.FileInfo, err error) error {
			if err != nil || !fi.Mode().IsRegular() {
				return nil
			}
			if b, _ := os.ReadFile(p); leaks(string(b), secret) {
				t.Errorf("%s holds the key in plain text", p)
			}
			return nil
		})
	}
}

// kill9 kills the wizard itself (the shell's child) with SIGKILL, as a
// crash or a closed laptop lid would: nothing gets to clean up.
func (s *tmuxSession) kill9() {
	s.t.Helper()
	shell, err := strconv.Atoi(strings.TrimSpace(s.run("", "list-panes", "-t", "wizard", "-F", "#{pane_pid}")))
	if err != nil {
		s.t.Fatalf("no pane pid: %v", err)
	}
	children, err := os.ReadFile("/proc/" + strconv.Itoa(shell) + "/task/" + strconv.Itoa(shell) + "/children")
	if err != nil {
		testtool.Missing(s.t, "no /proc children list to find the wizard's pid ("+err.Error()+")")
	}
	fields := strings.Fields(string(children))
	if len(fields) != 1 {
		s.t.Fatalf("the shell has %d children, want the wizard alone", len(fields))
	}
	pid, _ := strconv.Atoi(fields[0])
	if err := syscall.Kill(pid, syscall.SIGKILL); err != nil {
		s.t.Fatalf("kill -9 %d: %v", pid, err)
	}
}

// respawn starts the binary again in the same pane.
func (s *tmuxSession) respawn(args ...string) {
	s.t.Helper()
	s.run("", append([]string{"respawn-pane", "-k", "-t", "wizard", "sh", "-c", tmuxScript, s.bin}, args...)...)
}

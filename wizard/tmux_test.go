package wizard

import (
	"fmt"
	"os"
	"os/exec"
	"path/filepath"
	"regexp"
	"strings"
	"testing"
	"time"

	"github.com/justt-ai/justt-onboard/internal/testtool"
)

// keyOnScreen is any restricted key longer than its redacted form: the demo
// key is minted inside the binary, so the test only knows that shape.
var keyOnScreen = regexp.MustCompile(`rk_(test|live)_[A-Za-z0-9]{12,}`)

// tmuxSession is `justt-onboard demo` in a real terminal: a detached tmux
// session on a socket of its own.
type tmuxSession struct {
	t       *testing.T
	tmux    string
	socket  string
	secrets []string
	last    string
}

func (s *tmuxSession) run(stdin string, args ...string) string {
	s.t.Helper()
	cmd := exec.Command(s.tmux, append([]string{"-u", "-L", s.socket}, args...)...)
	cmd.Env = append(os.Environ(), "LANG=C.UTF-8", "LC_ALL=C.UTF-8")
	cmd.Stdin = strings.NewReader(stdin)
	out, err := cmd.CombinedOutput()
	if err != nil {
		s.t.Fatalf("tmux %s: %v\n%s", args[0], err, out)
	}
	return string(out)
}

func (s *tmuxSession) keys(keys ...string) {
	s.t.Helper()
	s.run("", append([]string{"send-keys", "-t", "wizard"}, keys...)...)
}

// paste puts text in a tmux buffer (through stdin, not the command line)
// and pastes it with -p: tmux wraps it in bracketed-paste markers because
// the wizard turned bracketed paste on.
func (s *tmuxSession) paste(text string) {
	s.t.Helper()
	s.secrets = append(s.secrets, text)
	s.run(text, "load-buffer", "-b", "secret", "-")
	s.run("", "paste-buffer", "-p", "-d", "-b", "secret", "-t", "wizard")
}

// screen captures the pane and fails on anything key-shaped.
func (s *tmuxSession) screen() string {
	s.t.Helper()
	got := s.run("", "capture-pane", "-p", "-t", "wizard")
	if m := keyOnScreen.FindString(got); m != "" {
		s.t.Fatalf("the terminal shows a key:\n%s", got)
	}
	for _, secret := range s.secrets {
		if strings.Contains(got, secret) || strings.Contains(got, secret[len(secret)-12:]) {
			s.t.Fatalf("the terminal shows a pasted secret:\n%s", got)
		}
	}
	s.last = got
	return got
}

// waitFor polls the pane until every text is on it, up to a deadline: it
// waits on what the terminal shows, not for a fixed time.
func (s *tmuxSession) waitFor(texts ...string) string {
	s.t.Helper()
	deadline := time.Now().Add(20 * time.Second)
	for {
		screen := s.screen()
		missing := ""
		for _, text := range texts {
			if !strings.Contains(screen, text) {
				missing = text
				break
			}
		}
		if missing == "" {
			return screen
		}
		if time.Now().After(deadline) {
			s.t.Fatalf("the terminal never showed %q; last screen:\n%s", missing, screen)
		}
		time.Sleep(40 * time.Millisecond)
	}
}

func TestDemoInARealTerminal(t *testing.T) {
	if testing.Short() {
		t.Skip("builds the binary and drives it in tmux")
	}
	tmux := testtool.Need(t, "tmux", "drives the demo in a real terminal")
	t.Parallel()
	bin := filepath.Join(t.TempDir(), "justt-onboard")
	build := exec.Command("go", "build", "-o", bin, "github.com/justt-ai/justt-onboard")
	if out, err := build.CombinedOutput(); err != nil {
		t.Fatalf("go build: %v\n%s", err, out)
	}
	s := &tmuxSession{t: t, tmux: tmux, socket: fmt.Sprintf("justt-wizard-test-%d-%d", os.Getpid(), time.Now().UnixNano())}
	t.Cleanup(func() { _ = exec.Command(tmux, "-L", s.socket, "kill-server").Run() })
	// A shell runs the wizard and reports how it ended, then waits: the
	// exit is read off the screen like everything else.
	s.run("", "-f", "/dev/null", "new-session", "-d", "-s", "wizard", "-x", "100", "-y", "30",
		"sh", "-c", `"$0" demo; echo "justt-onboard exited with status $?"; read _`, bin)

	s.waitFor("Step 1 of 18", "Sign in to Stripe", "DEMO")
	s.keys("g", "7")
	s.waitFor("Step 7 of 18", "Mock of Stripe's form", "Issuing")
	s.keys("a", "Enter", "Enter")
	s.waitFor("Step 9 of 18", "demo key — fake, sandbox only", "rk_test_…")
	s.keys("Enter", "Enter")
	s.waitFor("Step 11 of 18", "(empty: paste here)")

	// A bracketed paste is checked at once, without enter.
	s.paste("pk_test_" + strings.Repeat("Tm8x", 24) + "PUBL")
	s.waitFor("publishable key", "Nothing was sent to Stripe")

	s.keys("C-p")
	screen := s.waitFor("All 9 permissions granted", "restricted key · test mode · rk_test_…", "acct_")
	for _, row := range []string{"✓ Charges", "✓ Files", "✓ Disputes", "✓ Reviews"} {
		if !strings.Contains(screen, row) {
			t.Fatalf("the checklist lacks %q:\n%s", row, screen)
		}
	}
	s.keys("y")
	s.waitFor("Register it for me", "Skip the webhook")
	s.keys("c")
	s.waitFor("Summary", "Part 2, webhook: skipped", "What happens next")
	s.keys("Enter")
	s.waitFor("justt-onboard exited with status 0")
}

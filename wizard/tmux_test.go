package wizard

import (
	"context"
	"fmt"
	"os"
	"os/exec"
	"path/filepath"
	"regexp"
	"strings"
	"testing"
	"time"

	"github.com/justt-ai/justt-onboard/internal/testtool"
	"github.com/justt-ai/justt-onboard/sandbox"
	"github.com/justt-ai/justt-onboard/steps"
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
	bin     string // the built justt-onboard
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
	if leaks(got, s.secrets...) {
		s.t.Fatalf("the terminal shows a pasted secret:\n%s", got)
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
	s := startInTmux(t, "demo")

	// The demo token is proven against the sandbox's Justt at once.
	s.waitFor("Justt accepted the token", "This onboarding is for Demo Merchant", "demo-onboarding-token-0000")
	s.keys("Enter")
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
	s.waitFor("Review: what will be sent to Justt", "Justt onboarding for Demo Merchant", "rk_test_…", "none (API-key-only mode)")
	s.keys("Enter")
	s.waitFor("Justt received the key: receipt onb_", "The Justt team has been notified")
	s.keys("Enter")
	s.waitFor("Summary", "Part 2, webhook: skipped", "✓ Hand-off to Justt: Justt received the key (receipt onb_")
	s.keys("Enter")
	end := s.waitFor("justt-onboard exited with status 0")
	if strings.Contains(end, sandbox.JusttDemoToken) {
		t.Fatalf("the token stayed on screen after the wizard:\n%s", end)
	}
}

// startInTmux builds the binary and runs it with args in a detached tmux
// session sized 100×30. A shell runs the wizard and reports how it ended,
// then waits: the exit is read off the screen like everything else.
func startInTmux(t *testing.T, args ...string) *tmuxSession {
	t.Helper()
	tmux := testtool.Need(t, "tmux", "drives the wizard in a real terminal")
	t.Parallel()
	bin := filepath.Join(t.TempDir(), "justt-onboard")
	build := exec.Command("go", "build", "-o", bin, "github.com/justt-ai/justt-onboard")
	if out, err := build.CombinedOutput(); err != nil {
		t.Fatalf("go build: %v\n%s", err, out)
	}
	s := &tmuxSession{t: t, tmux: tmux, bin: bin, socket: fmt.Sprintf("justt-wizard-test-%d-%d", os.Getpid(), time.Now().UnixNano())}
	t.Cleanup(func() { _ = exec.Command(tmux, "-L", s.socket, "kill-server").Run() })
	session := []string{"-f", "/dev/null", "new-session", "-d", "-s", "wizard", "-x", "100", "-y", "30"}
	if !testtool.InsideSecretService() {
		// Never the merchant's keyring or progress file: this test's own.
		session = append(session, "-e", "JUSTT_ONBOARD_KEYRING=off", "-e", "JUSTT_ONBOARD_CONFIG_DIR="+filepath.Join(t.TempDir(), "config"))
	}
	s.run("", append(append(session, "sh", "-c", tmuxScript, bin), args...)...)
	return s
}

// tmuxScript runs the binary, says how it ended, and waits, so the exit is
// read off the screen like everything else.
const tmuxScript = `"$0" "$@"; echo "justt-onboard exited with status $?"; read _`

// TestWizardAgainstTheSandboxInARealTerminal runs the real wizard (not the
// demo) against a sandbox on loopback: a restricted key missing Disputes:
// Write is pasted as a bracketed paste, the checklist names the fix, the
// merchant edits the key in "Stripe", and r re-checks.
func TestWizardAgainstTheSandboxInARealTerminal(t *testing.T) {
	if testing.Short() {
		t.Skip("builds the binary and drives it in tmux")
	}
	sb, url := loopbackSandbox(t)
	var scopes []string
	for _, p := range steps.Required {
		if p.Scope != "rak_dispute_write" {
			scopes = append(scopes, p.Scope)
		}
	}
	key := sb.MintLiveKey(scopes...)

	s := startInTmux(t, "--stripe-api-url="+url, "--stripe-uploads-url="+url)
	s.waitFor("Step 1 of 18", "Sign in to Stripe")
	s.keys("g", "1", "1")
	s.waitFor("Step 11 of 18", "(empty: paste here)")
	s.paste(key)
	screen := s.waitFor("✗ Disputes", "Fix: Step 7", "restricted key · live mode · rk_live_…"+key[len(key)-4:], sandbox.DefaultAccountID)
	if !strings.Contains(screen, "✓ Reviews") {
		t.Fatalf("the checklist lacks ✓ Reviews:\n%s", screen)
	}

	sb.Grant(key, "rak_dispute_write") // the merchant edits the key in Stripe
	s.keys("r")
	s.waitFor("✓ Disputes", "All 9 permissions granted")
	s.keys("Enter")
	s.waitFor("Register it for me", "Skip the webhook")
	s.keys("c")
	s.waitFor("Summary", "What happens next")
	s.keys("Enter")
	s.waitFor("justt-onboard exited with status 0")
	if n := len(sb.Mutations()); n != 0 {
		t.Errorf("the wizard's check changed %d objects in Stripe", n)
	}
}

// c inside tmux: tmux 3.3 drops the passthrough-wrapped OSC 52 unless
// allow-passthrough is on, but with set-clipboard on it takes the plain
// sequence into its own paste buffer. Where a system clipboard tool took
// the copy instead, the status says "Copied" and tmux is not involved.
func TestCopyInTmuxReachesItsBuffer(t *testing.T) {
	if testing.Short() {
		t.Skip("builds the binary and drives it in tmux")
	}
	s := startInTmux(t, "demo")
	s.run("", "set-option", "-g", "set-clipboard", "on")
	s.waitFor("Justt accepted the token")
	s.keys("Enter")
	s.waitFor("Step 1 of 18", "Sign in to Stripe")
	s.keys("c")
	deadline := time.Now().Add(20 * time.Second)
	for {
		screen := s.screen()
		if strings.Contains(screen, "Copied Dashboard.") {
			t.Log("a system clipboard tool took the copy; tmux's buffer is not involved")
			return
		}
		if strings.Contains(screen, "Sent to your terminal's clipboard (OSC 52)") {
			if !strings.Contains(screen, "\n"+steps.LoginURL) {
				t.Fatalf("the full link is not on screen to copy by hand:\n%s", screen)
			}
			break
		}
		if time.Now().After(deadline) {
			t.Fatalf("no copy status; last screen:\n%s", screen)
		}
		time.Sleep(40 * time.Millisecond)
	}
	// The status is drawn after the sequence was written, and tmux reads
	// the pane in order: the buffer is set by now.
	out, err := exec.Command(s.tmux, "-L", s.socket, "show-buffer").CombinedOutput()
	if err != nil || string(out) != steps.LoginURL {
		t.Fatalf("tmux's buffer holds %q (%v), want the link", out, err)
	}
}

// TestPrintLinkInARealTerminal: w leaves the wizard's screen, prints step
// 4's long pre-filled link whole (a joined capture of the soft-wrapped
// line gives exactly the link), and enter brings the wizard back.
func TestPrintLinkInARealTerminal(t *testing.T) {
	if testing.Short() {
		t.Skip("builds the binary and drives it in tmux")
	}
	s := startInTmux(t, "demo")
	// enter moves on only once the demo token is proven: wait for the proof.
	s.waitFor("Justt accepted the token")
	s.keys("Enter")
	s.waitFor("Step 1 of 18")
	s.keys("g", "4")
	s.waitFor("Step 4 of 18", "Pre-filled form (live mode)")
	s.keys("Tab", "w")
	s.waitFor("Press enter to go back to the wizard")
	joined := s.run("", "capture-pane", "-p", "-J", "-t", "wizard")
	found := false
	for _, l := range strings.Split(joined, "\n") {
		found = found || strings.TrimRight(l, " ") == steps.PrefilledKeyURL(false)
	}
	if !found {
		t.Fatalf("no line of the terminal holds the whole link:\n%s", joined)
	}
	s.keys("Enter")
	s.waitFor("Step 4 of 18", "Printed Pre-filled form (live mode)")
	s.keys("q")
	s.waitFor("justt-onboard exited with status 0")
}

// loopbackSandbox serves a fresh sandbox on 127.0.0.1 for a test that runs
// the built binary, until the test ends.
func loopbackSandbox(t *testing.T) (*sandbox.Sandbox, string) {
	t.Helper()
	sb := sandbox.New()
	ctx, cancel := context.WithCancel(context.Background())
	t.Cleanup(cancel)
	url, err := sb.Start(ctx)
	if err != nil {
		t.Fatal(err)
	}
	return sb, url
}

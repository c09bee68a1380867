//go:build unix

package main

import (
	"fmt"
	"os"
	"os/exec"
	"path/filepath"
	"regexp"
	"strconv"
	"strings"
	"syscall"
	"testing"
	"time"

	"github.com/justt-ai/justt-onboard/internal/testtool"
)

// pane is the built binary in a real terminal: a detached tmux session on
// a socket of its own, run by a shell that writes the process id to a file
// (the wizard's alternate screen would hide it on screen), then prints how
// it ended and whether the terminal echoes again.
type pane struct {
	t      *testing.T
	tmux   string
	socket string
	script string
}

// The shell catches SIGINT with a no-op (so ctrl+c, sent to the whole
// foreground group, does not end it); a caught signal is reset to the
// default in the child, so the binary sees ctrl+c as a user's shell would.
const paneScript = `trap : INT
sh -c 'echo $$ > "$0.pid"; exec "$@"' "$0" "$@"
echo "exited with status $?"
echo "echo state: $(stty -a | tr ' ;' '\n\n' | grep -xE -- '-?echo')"
read _
`

func startPane(t *testing.T, args ...string) *pane {
	t.Helper()
	tmux := testtool.Need(t, "tmux", "checks the terminal state after a signal")
	script := filepath.Join(t.TempDir(), "run.sh")
	if err := os.WriteFile(script, []byte(paneScript), 0o755); err != nil {
		t.Fatal(err)
	}
	p := &pane{t: t, tmux: tmux, script: script, socket: fmt.Sprintf("justt-signal-test-%d-%d", os.Getpid(), time.Now().UnixNano())}
	t.Cleanup(func() { _ = exec.Command(tmux, "-L", p.socket, "kill-server").Run() })
	p.run(append([]string{"-f", "/dev/null", "new-session", "-d", "-s", "t", "-x", "100", "-y", "30", "sh", script, builtBinary(t)}, args...)...)
	return p
}

func (p *pane) run(args ...string) string {
	p.t.Helper()
	cmd := exec.Command(p.tmux, append([]string{"-u", "-L", p.socket}, args...)...)
	cmd.Env = append(os.Environ(), "LANG=C.UTF-8", "LC_ALL=C.UTF-8")
	out, err := cmd.CombinedOutput()
	if err != nil {
		p.t.Fatalf("tmux %s: %v\n%s", args[0], err, out)
	}
	return string(out)
}

// waitFor polls the screen until it matches re: it waits on what the
// terminal shows, not for a fixed time. It returns the submatches and, last,
// the whole screen.
func (p *pane) waitFor(re string) []string {
	p.t.Helper()
	rx := regexp.MustCompile(re)
	deadline := time.Now().Add(30 * time.Second)
	for {
		screen := p.run("capture-pane", "-p", "-t", "t")
		if m := rx.FindStringSubmatch(screen); m != nil {
			return append(m, screen)
		}
		if time.Now().After(deadline) {
			p.t.Fatalf("the terminal never showed %q; last screen:\n%s", re, screen)
		}
		time.Sleep(40 * time.Millisecond)
	}
}

// pid is the binary's process id, as the shell wrote it before exec.
func (p *pane) pid() int {
	p.t.Helper()
	deadline := time.Now().Add(30 * time.Second)
	for {
		b, _ := os.ReadFile(p.script + ".pid")
		if n, err := strconv.Atoi(strings.TrimSpace(string(b))); err == nil && n > 0 {
			return n
		}
		if time.Now().After(deadline) {
			p.t.Fatalf("the shell never wrote the process id")
		}
		time.Sleep(20 * time.Millisecond)
	}
}

// state is tmux's view of the terminal: alternate screen on, cursor shown.
func (p *pane) state() string {
	return strings.TrimSpace(p.run("display-message", "-p", "-t", "t", "alt=#{alternate_on} cursor=#{cursor_flag}"))
}

// exitedWithEcho waits for the end, requires the exit code and echo on, and
// returns the last screen.
func (p *pane) exitedWithEcho(code int) string {
	p.t.Helper()
	m := p.waitFor(fmt.Sprintf("exited with status %d\n(?:.*\n)*echo state: (-?echo)\n", code))
	if m[1] != "echo" {
		p.t.Errorf("the terminal was left with %s", m[1])
	}
	return m[2]
}

// TestHiddenPromptSignals: at the hidden key prompt, ctrl+c cancels at
// once (130) and SIGTERM and SIGHUP end the run too (143, 129); each time
// echo is back on and no check ran.
func TestHiddenPromptSignals(t *testing.T) {
	if testing.Short() {
		t.Skip("drives the binary in tmux")
	}
	t.Parallel()
	for _, tt := range []struct {
		name string
		sig  syscall.Signal // 0: ctrl+c typed in the terminal
		code int
	}{{"ctrl+c", 0, 130}, {"SIGTERM", syscall.SIGTERM, 143}, {"SIGHUP", syscall.SIGHUP, 129}} {
		t.Run(tt.name, func(t *testing.T) {
			t.Parallel()
			p := startPane(t, "check", "--api-key-stdin", "--stripe-api-url", "http://127.0.0.1:9")
			pid := p.pid()
			p.waitFor("Paste the restricted key for --api-key-stdin")
			if tt.sig == 0 {
				p.run("send-keys", "-t", "t", "C-c")
			} else if err := syscall.Kill(pid, tt.sig); err != nil {
				t.Fatal(err)
			}
			screen := p.exitedWithEcho(tt.code)
			if strings.Contains(screen, "Could not decide") || strings.Contains(screen, "Charges") {
				t.Errorf("a check ran after the stop:\n%s", screen)
			}
		})
	}
}

// TestWizardSignals: INT, TERM and HUP end the wizard (the demo) with
// 128+signal, and the terminal is left as it was: main screen, cursor
// shown, echo on.
func TestWizardSignals(t *testing.T) {
	if testing.Short() {
		t.Skip("drives the wizard in tmux")
	}
	t.Parallel()
	for _, sig := range []syscall.Signal{syscall.SIGTERM, syscall.SIGHUP, syscall.SIGINT} {
		t.Run(sig.String(), func(t *testing.T) {
			t.Parallel()
			p := startPane(t, "demo")
			pid := p.pid()
			p.waitFor("Your Justt onboarding token") // the demo opens on its token screen
			if s := p.state(); s != "alt=1 cursor=0" {
				t.Fatalf("while the wizard runs tmux says %q; the test cannot tell a restored terminal", s)
			}
			if err := syscall.Kill(pid, sig); err != nil {
				t.Fatal(err)
			}
			p.exitedWithEcho(128 + int(sig))
			if s := p.state(); s != "alt=0 cursor=1" {
				t.Errorf("after the wizard: %s, want alt=0 cursor=1", s)
			}
		})
	}
}

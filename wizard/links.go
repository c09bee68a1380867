package wizard

import (
	"fmt"
	"io"
	"os"
	"os/exec"
	"runtime"
	"strings"

	"github.com/aymanbagabas/go-osc52/v2"
	"github.com/charmbracelet/bubbles/key"
	tea "github.com/charmbracelet/bubbletea"
	"github.com/justt-ai/justt-onboard/steps"
)

// linkKey handles o (open), c (copy) and tab (next link) on a step screen.
func (m model) linkKey(msg tea.KeyMsg) (tea.Model, tea.Cmd) {
	links := stepLinks(steps.All[m.step()-1])
	if len(links) == 0 {
		m.status = "This step has no link: it happens in the dashboard page you already have open."
		return m, nil
	}
	k := m.c.keys
	m.linkSel = min(m.linkSel, len(links)-1)
	l := links[m.linkSel]
	switch {
	case key.Matches(msg, k.NextLink):
		m.linkSel = (m.linkSel + 1) % len(links)
		return m, nil
	case key.Matches(msg, k.PrintLink):
		return m, tea.Exec(&linkPrinter{url: l.url}, func(err error) tea.Msg {
			if err != nil {
				return linkDoneMsg{verb: "Printed " + l.label, url: l.url, err: fmt.Errorf("printing it: %w", err)}
			}
			return linkDoneMsg{verb: "Printed " + l.label + " above this screen (it stays in your terminal's scrollback)"}
		})
	case key.Matches(msg, k.Open):
		open := m.c.open
		return m, func() tea.Msg { return linkDoneMsg{verb: "Opened " + l.label, url: l.url, err: open(l.url)} }
	default:
		cp := m.c.copy
		return m, func() tea.Msg {
			native, err := cp(l.url)
			return linkDoneMsg{verb: "Copied " + l.label, url: l.url, copied: true, native: native, err: err}
		}
	}
}

// linkStatus is the status line after o or c, and the link to show in
// full when the merchant may have to copy it by hand: the step screen cuts
// long links (the pre-filled form's is ~390 characters) with "…". Only the
// system clipboard confirms a copy; OSC 52 is sent blind, so its status
// says so.
func linkStatus(msg linkDoneMsg) (status, full string) {
	switch {
	case msg.copied && msg.err != nil:
		return fmt.Sprintf("Could not copy the link (%v). Copy it by hand:", msg.err), msg.url
	case msg.err != nil:
		return fmt.Sprintf("Could not open the link (%v). Copy it by hand:", msg.err), msg.url
	case msg.copied && !msg.native:
		return "Sent to your terminal's clipboard (OSC 52); if nothing was copied, copy it by hand:", msg.url
	}
	return msg.verb + ".", ""
}

// openInBrowser starts the system's browser on url without waiting for it.
func openInBrowser(url string) error {
	var cmd *exec.Cmd
	switch runtime.GOOS {
	case "darwin":
		cmd = exec.Command("open", url)
	case "windows":
		cmd = exec.Command("rundll32", "url.dll,FileProtocolHandler", url)
	default:
		cmd = exec.Command("xdg-open", url)
	}
	if err := cmd.Start(); err != nil {
		return fmt.Errorf("starting the browser: %w", err)
	}
	go func() { _ = cmd.Wait() }() // reap it; its exit status tells nothing useful
	return nil
}

// clipboardCopier copies with the system clipboard (native, in a real run
// clipboard.WriteAll: pbcopy, xclip, xsel, wl-copy or the Windows API) and,
// when that fails (no such tool, no display, over SSH), with the terminal's
// OSC 52. native reports which one took it. It runs in a command, off the
// program's goroutine, since the system tools are separate processes.
func clipboardCopier(native func(string) error, out io.Writer) func(string) (bool, error) {
	terminal := osc52Copier(out)
	return func(text string) (bool, error) {
		if native != nil && native(text) == nil {
			return true, nil
		}
		return false, terminal(text)
	}
}

// osc52Copier copies through the terminal (OSC 52), which works over SSH
// too. Inside tmux or screen it sends the sequence twice: plain first,
// which tmux takes into its own buffer (and passes on) with set-clipboard
// on, then wrapped for passthrough, which reaches the outer terminal where
// tmux allows it (tmux 3.3 drops it unless allow-passthrough is on). out
// must be the program's syncOutput: the copy runs in a command's goroutine
// while the renderer draws frames.
func osc52Copier(out io.Writer) func(string) error {
	return func(text string) error {
		plain := osc52.New(text)
		seq := plain.String()
		switch {
		case os.Getenv("TMUX") != "":
			seq += plain.Tmux().String()
		case os.Getenv("STY") != "":
			seq += plain.Screen().String()
		}
		// One Write: the output lets a whole write through between frames.
		if _, err := io.WriteString(out, seq); err != nil {
			return fmt.Errorf("writing the copy sequence to the terminal: %w", err)
		}
		return nil
	}
}

// linkPrinter is w: the wizard leaves the alternate screen (tea.Exec) and
// prints the link whole on one line of the normal screen, where the
// terminal soft-wraps it and a mouse copy gets it without line breaks,
// then waits for enter. The link stays in the scrollback after the wizard.
type linkPrinter struct {
	url     string
	in      io.Reader
	out     io.Writer
	discard io.Writer
}

func (p *linkPrinter) SetStdin(r io.Reader)  { p.in = r }
func (p *linkPrinter) SetStdout(w io.Writer) { p.out = w }
func (p *linkPrinter) SetStderr(w io.Writer) { p.discard = w }

// Run prints the link and reads up to the end of a line (at most 1 KiB;
// anything typed is dropped).
func (p *linkPrinter) Run() error {
	if p.out == nil {
		p.out = os.Stdout
	}
	if p.in == nil {
		p.in = os.Stdin
	}
	url := strings.Map(func(r rune) rune {
		if r < 0x20 || r == 0x7f {
			return -1 // a control character could reach the terminal as a command
		}
		return r
	}, p.url)
	if _, err := fmt.Fprintf(p.out, "\r\n%s\r\n\r\nThe whole link, on one line for a mouse copy. Press enter to go back to the wizard.", url); err != nil {
		return fmt.Errorf("writing the link: %w", err)
	}
	buf := make([]byte, 1)
	for n := 0; n < 1024; n++ {
		if _, err := p.in.Read(buf); err != nil || buf[0] == '\n' || buf[0] == '\r' {
			break
		}
	}
	return nil
}

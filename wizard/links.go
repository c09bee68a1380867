package wizard

import (
	"fmt"
	"io"
	"os"
	"os/exec"
	"runtime"

	"github.com/aymanbagabas/go-osc52/v2"
	"github.com/charmbracelet/bubbles/key"
	tea "github.com/charmbracelet/bubbletea"
	"github.com/justt-ai/justt-onboard/steps"
)

// linkKey handles o (open), c (copy) and tab (next link) on a step screen.
func (m model) linkKey(msg tea.KeyMsg) (tea.Model, tea.Cmd) {
	links := stepLinks(steps.All[m.step-1])
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
	case key.Matches(msg, k.Open):
		open := m.c.open
		return m, func() tea.Msg { return linkDoneMsg{verb: "Opened " + l.label, err: open(l.url)} }
	default:
		cp := m.c.copy
		return m, func() tea.Msg { return linkDoneMsg{verb: "Copied " + l.label, err: cp(l.url)} }
	}
}

func linkStatus(msg linkDoneMsg) string {
	if msg.err != nil {
		return fmt.Sprintf("Could not do that (%v). Select the link on screen and copy it by hand.", msg.err)
	}
	return msg.verb + "."
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

// osc52Copier copies through the terminal (OSC 52), which works over SSH
// too; inside tmux or screen the sequence is wrapped so it reaches the
// outer terminal. out must be the program's syncOutput: the copy runs in a
// command's goroutine while the renderer draws frames.
func osc52Copier(out io.Writer) func(string) error {
	return func(text string) error {
		seq := osc52.New(text)
		switch {
		case os.Getenv("TMUX") != "":
			seq = seq.Tmux()
		case os.Getenv("STY") != "":
			seq = seq.Screen()
		}
		// One Write: the output lets a whole write through between frames.
		if _, err := io.WriteString(out, seq.String()); err != nil {
			return fmt.Errorf("writing the copy sequence to the terminal: %w", err)
		}
		return nil
	}
}

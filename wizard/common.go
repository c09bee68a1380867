package wizard

import (
	"context"
	"time"

	tea "github.com/charmbracelet/bubbletea"
	"github.com/justt-ai/justt-onboard/recheck"

	"github.com/charmbracelet/lipgloss"
)

// common is what every screen shares: the terminal size, styles, keys, the
// engine and the onboarding (flow). Secrets are held as stripecheck.Key
// only, so a Key printed by mistake shows its last 4 at most.
type common struct {
	ctx    context.Context
	width  int
	height int
	st     styles
	keys   keyMap
	eng    engine
	demo   *Demo
	// open and copy act on a dashboard link. They are injected so tests
	// never launch a browser or write to the clipboard. copy reports
	// whether the system clipboard took the text (native); otherwise it
	// went to the terminal as OSC 52, which no terminal confirms.
	open func(url string) error
	copy func(text string) (native bool, err error)

	// hyperlinks is set when the terminal draws OSC 8 links
	// (textlayout.HyperlinksSupported): links are then clickable whole.
	hyperlinks bool

	// flow is the onboarding of this run: the record and its secrets.
	flow *flow
	// hand is how this run hands the integration to Justt.
	hand Handoff

	// now and tick are the clock of step 11's re-check (nil: time.Now and
	// tea.Tick); tests inject theirs. policy is its schedule (zero:
	// recheck.DefaultPolicy).
	now    func() time.Time
	tick   func(d time.Duration, fn func(time.Time) tea.Msg) tea.Cmd
	policy recheck.Policy
}

// styles are built from the renderer of the wizard's own output, so
// NO_COLOR and the terminal's background are honoured.
type styles struct {
	title, part, accent, faint, ok, bad, warn, link, selected, badge, bar, barEmpty lipgloss.Style
}

func newStyles(r *lipgloss.Renderer) styles {
	c := func(light, dark string) lipgloss.TerminalColor {
		return lipgloss.AdaptiveColor{Light: light, Dark: dark}
	}
	return styles{
		title:    r.NewStyle().Bold(true),
		part:     r.NewStyle().Foreground(c("#5A4FCF", "#9D94FF")).Bold(true),
		accent:   r.NewStyle().Foreground(c("#5A4FCF", "#9D94FF")),
		faint:    r.NewStyle().Foreground(c("#6B6B6B", "#8A8A8A")),
		ok:       r.NewStyle().Foreground(c("#1A7F37", "#4AC26B")),
		bad:      r.NewStyle().Foreground(c("#CF222E", "#FF7B72")).Bold(true),
		warn:     r.NewStyle().Foreground(c("#9A6700", "#D29922")),
		link:     r.NewStyle().Foreground(c("#0969DA", "#58A6FF")).Underline(true),
		selected: r.NewStyle().Foreground(c("#5A4FCF", "#9D94FF")).Bold(true),
		badge:    r.NewStyle().Foreground(c("#9A6700", "#D29922")).Bold(true),
		bar:      r.NewStyle().Foreground(c("#5A4FCF", "#9D94FF")),
		barEmpty: r.NewStyle().Foreground(c("#B0B0B0", "#4A4A4A")),
	}
}

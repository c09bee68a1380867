package wizard

import (
	"context"

	"github.com/charmbracelet/lipgloss"
	"github.com/justt-ai/justt-onboard/stripecheck"
)

// common is what every screen shares: the terminal size, styles, keys, the
// engine and what the merchant has handed over so far. Secrets are held as
// stripecheck.Key only, so a Key printed by mistake shows its last 4 at most.
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

	apiKey stripecheck.Key
	report stripecheck.Report
	// keyAccepted is true once the key part is done: the report is Ready,
	// or the merchant knowingly continued past caveat.
	keyAccepted bool
	caveat      string
	webhook     webhookOutcome
}

// forgetKey reopens the key part: another key is being checked.
func (c *common) forgetKey() {
	c.apiKey, c.report, c.keyAccepted, c.caveat = stripecheck.Key{}, stripecheck.Report{}, false, ""
}

// webhookWay is how Part 2 ended.
type webhookWay int

const (
	webhookUndecided webhookWay = iota
	webhookRegistered
	webhookPasted
	webhookSkipped
)

// webhookOutcome is Part 2's result, for the summary.
type webhookOutcome struct {
	way      webhookWay
	endpoint stripecheck.WebhookEndpoint
	// secret is the whsec_ signing secret, received from Stripe at
	// registration or pasted at step 18.
	secret stripecheck.Key
	// savedTo is the file the merchant saved a registered endpoint's
	// secret to (mode 0600), or "".
	savedTo string
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

package wizard

import (
	"github.com/charmbracelet/bubbles/key"
	tea "github.com/charmbracelet/bubbletea"
	"github.com/justt-ai/justt-onboard/onboarding"
)

// webhookChoice is a way through Part 2.
type webhookChoice int

const (
	choiceRegister webhookChoice = iota
	choiceByHand
	choiceSkip
)

// choiceScreen follows step 11: register the webhook for the merchant, walk
// steps 12-18 by hand, or skip it (the guide's API-key-only mode).
type choiceScreen struct{ cursor webhookChoice }

func (s choiceScreen) picked() webhookChoice { return s.cursor }

func (s choiceScreen) update(msg tea.KeyMsg, k keyMap) (choiceScreen, outcome) {
	switch {
	case key.Matches(msg, k.Register):
		s.cursor = choiceRegister
	case key.Matches(msg, k.ByHand):
		s.cursor = choiceByHand
	case key.Matches(msg, k.Skip):
		s.cursor = choiceSkip
	case key.Matches(msg, k.Up):
		s.cursor = (s.cursor + 2) % 3
		return s, outcome{handled: true}
	case key.Matches(msg, k.Down):
		s.cursor = (s.cursor + 1) % 3
		return s, outcome{handled: true}
	case key.Matches(msg, k.Next):
	default:
		return s, outcome{}
	}
	return s, outcome{handled: true, next: true}
}

var choiceText = []struct{ key, title, detail string }{
	{"a", "Register it for me (recommended)", "Give a setup key once; the wizard creates the charge.succeeded endpoint with API version 2020-08-27 and receives its signing secret."},
	{"b", "Do it by hand", "Steps 12-18 in the Stripe dashboard, then paste the signing secret here. Stripe's dashboard may not offer API version 2020-08-27 (step 16 says what to do then)."},
	{"c", "Skip the webhook", "API-key-only mode: Justt can fight chargebacks, but gives up real-time transaction data enrichment."},
}

func (s choiceScreen) view(c *common, w int) string {
	st := c.st
	var b lines
	b.add(st.title.Render("Part 2: the webhook (optional, recommended)"))
	b.add("")
	b.wrap("With the webhook, Stripe sends each charge.succeeded event to Justt, which enriches your chargeback submissions with real-time transaction data. Webhook support covers transactions only.", w)
	b.add("")
	for i, t := range choiceText {
		pointer, title := "  ", t.title
		if webhookChoice(i) == s.cursor {
			pointer, title = st.selected.Render("› "), st.selected.Render(title)
		}
		b.add(pointer + st.accent.Render(t.key) + "  " + title)
		b.wrap("     "+st.faint.Render(t.detail), w)
	}
	if w := c.flow.rec.Webhook; w.Way == onboarding.WebhookRegistered {
		b.add("")
		b.add(st.ok.Render("✓ Already registered: " + w.EndpointID))
	}
	return b.String()
}

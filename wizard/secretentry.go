package wizard

import (
	"github.com/charmbracelet/bubbles/key"
	tea "github.com/charmbracelet/bubbletea"
	"github.com/justt-ai/justt-onboard/steps"
	"github.com/justt-ai/justt-onboard/stripecheck"
)

// secretEntry is step 18: the whsec_ signing secret, pasted the same masked
// way as the key. Only its format can be checked here: it is fully verified
// when Justt receives the first charge.succeeded event.
type secretEntry struct {
	field    secretField
	parseErr *stripecheck.KeyError
	accepted stripecheck.Key
}

func newSecretEntry() secretEntry { return secretEntry{field: newSecretField()} }

func (s secretEntry) update(msg tea.KeyMsg, c *common) (secretEntry, outcome) {
	if !s.field.focused() {
		switch {
		case key.Matches(msg, c.keys.Another):
			s.field.clear()
			s.field.focus()
			return s, outcome{handled: true}
		case key.Matches(msg, c.keys.Next) && !s.accepted.IsZero():
			return s, outcome{handled: true, next: true}
		}
		return s, outcome{}
	}
	if msg.Type == tea.KeyEsc {
		return s, outcome{}
	}
	var submitted bool
	s.field, submitted = s.field.update(msg)
	if !submitted {
		return s, outcome{handled: true}
	}
	parsed, err := stripecheck.ParseKey(s.field.value())
	if err == nil && parsed.Kind() != stripecheck.WebhookSecret {
		err = &stripecheck.KeyError{
			Message: "That is not a webhook signing secret (what you pasted: " + parsed.Summary() + ").",
			Fix:     "Step 17: open the Justt destination in Stripe, reveal its Signing secret (it starts with " + steps.WebhookSecretPrefix + ") and paste that.",
		}
	}
	if err != nil {
		s.parseErr = asKeyError(err)
		s.field.refused()
		return s, outcome{handled: true}
	}
	s.parseErr, s.accepted = nil, parsed
	s.field.clear()
	s.field.blur()
	c.webhook = webhookOutcome{way: webhookPasted, secret: parsed}
	return s, outcome{handled: true}
}

func (s secretEntry) view(c *common, w int) string {
	st := c.st
	var b lines
	if s.field.focused() || s.accepted.IsZero() {
		b.add(s.field.view(st))
	}
	if s.parseErr != nil {
		b.wrap(st.bad.Render("✗")+" "+s.parseErr.Message, w)
		b.wrap("  "+s.parseErr.Fix, w)
	}
	if !s.accepted.IsZero() && !s.field.focused() {
		b.add(st.ok.Render("✓ Format OK: ") + s.accepted.Summary())
		b.wrap(st.faint.Render("It can only be fully verified when Justt receives the first "+steps.WebhookEvent+" event."), w)
		b.add("Press enter for the summary, or e to paste another.")
	}
	return b.String()
}

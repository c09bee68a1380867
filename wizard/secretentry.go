package wizard

import (
	"github.com/charmbracelet/bubbles/key"
	tea "github.com/charmbracelet/bubbletea"
	"github.com/justt-ai/justt-onboard/onboarding"
	"github.com/justt-ai/justt-onboard/steps"
	"github.com/justt-ai/justt-onboard/stripecheck"
	"github.com/justt-ai/justt-onboard/vault"
)

// secretEntry is step 18: the whsec_ signing secret, pasted the same masked
// way as the key. Only its format can be checked here: it is fully verified
// when Justt receives the first charge.succeeded event.
type secretEntry struct {
	field    secretField
	parseErr *stripecheck.KeyError
}

// pastedSecret is the signing secret pasted at step 18, from the flow.
func pastedSecret(c *common) stripecheck.Key {
	if c.flow.rec.Webhook.Way != onboarding.WebhookByHand {
		return stripecheck.Key{}
	}
	return c.flow.secret
}

func newSecretEntry() secretEntry { return secretEntry{field: newSecretField()} }

func (s secretEntry) update(msg tea.KeyMsg, c *common) (secretEntry, tea.Cmd, outcome) {
	if !s.field.focused() {
		switch {
		case key.Matches(msg, c.keys.Another):
			s.field.clear()
			s.field.focus()
			return s, nil, outcome{handled: true}
		case key.Matches(msg, c.keys.Next) && !pastedSecret(c).IsZero():
			return s, nil, outcome{handled: true, next: true}
		}
		return s, nil, outcome{}
	}
	if msg.Type == tea.KeyEsc {
		return s, nil, outcome{}
	}
	var submitted bool
	s.field, submitted = s.field.update(msg)
	if !submitted {
		return s, nil, outcome{handled: true}
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
		return s, nil, outcome{handled: true}
	}
	if err := c.flow.pasted(parsed); err != nil {
		return s, nil, outcome{handled: true, status: err.Error()}
	}
	s.parseErr = nil
	s.field.clear()
	s.field.blur()
	return s, c.flow.keep(vault.WebhookSigningSecret), outcome{handled: true}
}

func (s secretEntry) view(c *common, w int) string {
	st := c.st
	var b lines
	accepted := pastedSecret(c)
	if s.field.focused() || accepted.IsZero() {
		b.add(s.field.view(st))
	}
	if s.parseErr != nil {
		b.wrap(st.bad.Render("✗")+" "+s.parseErr.Message, w)
		b.wrap("  "+s.parseErr.Fix, w)
	}
	if !accepted.IsZero() && !s.field.focused() {
		b.add(st.ok.Render("✓ Format OK: ") + accepted.Summary())
		b.wrap(st.faint.Render("It can only be fully verified when Justt receives the first "+steps.WebhookEvent+" event."), w)
		b.add("Press enter for the summary, or e to paste another.")
	}
	return b.String()
}

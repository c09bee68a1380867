package wizard

import (
	"github.com/charmbracelet/bubbles/key"
	"github.com/charmbracelet/bubbles/textinput"
	tea "github.com/charmbracelet/bubbletea"
	"github.com/justt-ai/justt-onboard/stripecheck"
)

// verifyStep17 is the step of the by-hand path where "v" verifies the
// endpoint the merchant just made in the dashboard.
const verifyStep17 = 17

type panelPhase int

const (
	panelOffered  panelPhase = iota // v starts it
	panelSetupKey                   // the masked setup key field
	panelURL                        // the Justt webhook URL field
	panelChecked                    // the check is out or answered
)

// verifyPanel is step 17's "v verify with a setup key": a setup key and the
// Justt webhook URL, then VerifyWebhook. The setup key is held only
// between its paste and the start of the check, then forgotten: verifying
// again asks for it again.
type verifyPanel struct {
	phase    panelPhase
	setup    secretField
	setupKey stripecheck.Key
	keyErr   *stripecheck.KeyError
	url      textinput.Model
	urlErr   string
	check    endpointCheck
}

func newVerifyPanel(c *common) verifyPanel {
	return verifyPanel{setup: newSecretField(), url: newURLField(c), check: newEndpointCheck(c)}
}

// newURLField is the Justt webhook URL field, prefilled in the demo.
func newURLField(c *common) textinput.Model {
	url := textinput.New()
	url.Prompt = "› "
	url.Placeholder = "https://… (from your Justt onboarding manager)"
	url.CharLimit = 0
	url.Width = max(min(c.width, maxWidth)-6, 10)
	if c.demo != nil {
		url.SetValue(c.demo.WebhookURL)
	}
	return url
}

func (p verifyPanel) fieldFocused() bool { return p.setup.focused() || p.url.Focused() }

// partOneNotice refuses what must wait for the key part, and says why.
const partOneNotice = "Part 1 isn't finished: the key at step 11 still has to pass its check."

func (p verifyPanel) update(msg tea.KeyMsg, c *common) (verifyPanel, tea.Cmd, outcome) {
	switch p.phase {
	case panelSetupKey:
		return p.setupKeyKey(msg, c)
	case panelURL:
		return p.urlKey(msg, c)
	}
	if !key.Matches(msg, c.keys.Verify) {
		return p, nil, outcome{}
	}
	if !c.keyAccepted {
		return p, nil, outcome{handled: true, status: partOneNotice + " Verifying the webhook opens once it has."}
	}
	p.phase, p.keyErr, p.urlErr = panelSetupKey, nil, ""
	p.setup.clear()
	p.setup.focus()
	return p, nil, outcome{handled: true}
}

func (p verifyPanel) setupKeyKey(msg tea.KeyMsg, c *common) (verifyPanel, tea.Cmd, outcome) {
	if msg.Type == tea.KeyEsc {
		return p.cancel(), nil, outcome{handled: true, status: "Verification cancelled; the setup key was forgotten."}
	}
	if c.demo != nil && c.demo.MintSetupKey != nil && key.Matches(msg, c.keys.DemoPasteField) {
		return p, mintCmd(c.demo.MintSetupKey, 0, mintSetupVerify), outcome{handled: true, status: "Pasting a demo setup key…"}
	}
	var submitted bool
	p.setup, submitted = p.setup.update(msg)
	if !submitted {
		return p, nil, outcome{handled: true}
	}
	parsed, err := stripecheck.ParseKey(p.setup.value())
	if err != nil {
		p.keyErr = asKeyError(err)
		p.setup.refused()
		return p, nil, outcome{handled: true}
	}
	return p.onSetupKey(parsed)
}

// onSetupKey takes a pasted (or demo) setup key and moves to the URL.
func (p verifyPanel) onSetupKey(parsed stripecheck.Key) (verifyPanel, tea.Cmd, outcome) {
	if p.phase != panelSetupKey {
		return p, nil, outcome{handled: true} // the merchant cancelled meanwhile
	}
	if ke := setupKeyProblem(parsed, "Read"); ke != nil {
		p.keyErr = ke
		p.setup.refused()
		return p, nil, outcome{handled: true}
	}
	p.keyErr, p.setupKey = nil, parsed
	p.setup.clear()
	p.setup.blur()
	p.phase = panelURL
	p.url.Focus()
	p.url.CursorEnd()
	return p, nil, outcome{handled: true}
}

func (p verifyPanel) urlKey(msg tea.KeyMsg, c *common) (verifyPanel, tea.Cmd, outcome) {
	switch msg.Type {
	case tea.KeyEsc:
		return p.cancel(), nil, outcome{handled: true, status: "Verification cancelled; the setup key was forgotten."}
	case tea.KeyEnter:
	default:
		p.url, _ = p.url.Update(msg)
		return p, nil, outcome{handled: true}
	}
	if err := stripecheck.ValidateWebhookURL(p.url.Value()); err != nil {
		p.urlErr = err.Error()
		return p, nil, outcome{handled: true}
	}
	p.urlErr = ""
	p.url.Blur()
	var cmd tea.Cmd
	p.check, cmd = p.check.start(c, verifyAtStep17, p.setupKey, p.url.Value())
	// The command holds the key for this one call; the panel lets it go.
	p.setupKey = stripecheck.Key{}
	p.phase = panelChecked
	return p, cmd, outcome{handled: true}
}

// cancel closes the fields and forgets the setup key; an earlier answer
// stays on screen.
func (p verifyPanel) cancel() verifyPanel {
	p.setup.clear()
	p.setup.blur()
	p.url.Blur()
	p.setupKey, p.keyErr, p.urlErr = stripecheck.Key{}, nil, ""
	p.phase = panelOffered
	if p.check.working || p.check.done {
		p.phase = panelChecked
	}
	return p
}

func (p verifyPanel) view(c *common, w int) string {
	st := c.st
	var b lines
	switch p.phase {
	case panelOffered:
		if !c.keyAccepted {
			return "" // the step is read-only until the key part is done
		}
		b.wrap(st.accent.Render("v")+"  Verify with a setup key: the wizard asks Stripe whether the endpoint exists, is enabled, listens to exactly charge.succeeded and uses API version 2020-08-27.", w)
		return b.String()
	case panelSetupKey:
		b.wrap(st.title.Render("Verify the endpoint")+": paste a setup key, your secret key (sk_…) or a restricted key with Webhook Endpoints: Read. It is used for this one check, held in memory only and then forgotten; never stored or sent to Justt.", w)
		b.add("Setup key: " + p.setup.view(st))
		if p.keyErr != nil {
			b.wrap(st.bad.Render("✗")+" "+p.keyErr.Message, w)
			b.wrap("  "+p.keyErr.Fix, w)
		}
		if c.demo != nil {
			b.add(st.badge.Render("Demo: ") + "press ctrl+p to paste a demo setup key.")
		}
		return b.String()
	case panelURL:
		b.add(st.title.Render("Verify the endpoint"))
		b.add("Setup key: " + st.ok.Render("received") + st.faint.Render(" (for this check only)"))
		b.add("Justt webhook URL (step 16):")
		b.add(p.url.View())
		if p.urlErr != "" {
			b.wrap(st.bad.Render("✗ ")+p.urlErr, w)
		}
		return b.String()
	}
	b.add(st.title.Render("Verify the endpoint") + ": " + p.url.Value())
	b.add(p.check.view(st, w))
	if p.check.done {
		b.wrap(st.faint.Render("The setup key was forgotten. Press v to verify again (it asks for the key again)."), w)
	}
	return b.String()
}

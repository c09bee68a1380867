package wizard

import (
	"github.com/charmbracelet/bubbles/key"
	"github.com/charmbracelet/bubbles/textinput"
	tea "github.com/charmbracelet/bubbletea"
	"github.com/justt-ai/justt-onboard/stripecheck"
)

// entryStage is how far a setupEntry has got.
type entryStage int

const (
	entrySetupKey entryStage = iota // the masked setup key field
	entryURL                        // the Justt webhook URL field
	entryReady                      // a setup key is held and the URL is valid
)

// setupEntry is the two fields both webhook screens ask for before they
// call Stripe: a setup key (Justt's own key deliberately cannot manage
// webhooks), then the Justt webhook URL. Registering and verifying embed it
// and differ only in the access the key needs and in what esc and a ready
// entry mean, which stay theirs. The entry holds the setup key from its
// paste on; the screen that embeds it decides when to forget it.
type setupEntry struct {
	stage    entryStage
	access   string      // Webhook Endpoints access the key needs: Write or Read
	mint     mintPurpose // where ctrl+p's demo setup key is delivered
	setup    secretField
	setupKey stripecheck.Key
	keyErr   *stripecheck.KeyError
	url      textinput.Model
	urlErr   string
}

func newSetupEntry(c *common, access string, mint mintPurpose) setupEntry {
	return setupEntry{access: access, mint: mint, setup: newSecretField(), url: newURLField(c)}
}

// newURLField is the Justt webhook URL field, prefilled in the demo.
func newURLField(c *common) textinput.Model {
	url := textinput.New()
	url.Prompt = "› "
	url.Placeholder = "https://… (from your Justt onboarding manager)"
	url.CharLimit = 0
	url.Width = urlWidth(c.width)
	if c.demo != nil {
		url.SetValue(c.demo.WebhookURL)
	}
	return url
}

func (e setupEntry) entryFocused() bool { return e.setup.focused() || e.url.Focused() }

// restart goes back to the setup key field with no refusal on show.
func (e *setupEntry) restart() {
	e.stage, e.keyErr, e.urlErr = entrySetupKey, nil, ""
}

// forget drops the setup key, held or still in its field.
func (e *setupEntry) forget() {
	e.setup.clear()
	e.setupKey = stripecheck.Key{}
}

// update feeds a key to the open field. ready is true once enter took a
// valid URL. esc is left unhandled: what leaving means is the screen's.
func (e setupEntry) update(msg tea.KeyMsg, c *common) (_ setupEntry, _ tea.Cmd, _ outcome, ready bool) {
	if msg.Type == tea.KeyEsc {
		return e, nil, outcome{}, false
	}
	switch e.stage {
	case entrySetupKey:
		e, cmd, out := e.setupKeyKey(msg, c)
		return e, cmd, out, false
	case entryURL:
		return e.urlKey(msg)
	}
	return e, nil, outcome{}, false
}

func (e setupEntry) setupKeyKey(msg tea.KeyMsg, c *common) (setupEntry, tea.Cmd, outcome) {
	if c.demo != nil && c.demo.MintSetupKey != nil && key.Matches(msg, c.keys.DemoPasteField) {
		return e, mintCmd(c.demo.MintSetupKey, 0, e.mint), outcome{handled: true, status: "Pasting a demo setup key…"}
	}
	var submitted bool
	e.setup, submitted = e.setup.update(msg)
	if !submitted {
		return e, nil, outcome{handled: true}
	}
	parsed, err := stripecheck.ParseKey(e.setup.value())
	if err != nil {
		e.keyErr = asKeyError(err)
		e.setup.refused()
		return e, nil, outcome{handled: true}
	}
	return e.takeKey(parsed), nil, outcome{handled: true}
}

// takeKey takes a pasted (or demo) setup key and moves to the URL. Any
// secret or restricted key may try; Stripe decides whether it may manage
// webhooks.
func (e setupEntry) takeKey(parsed stripecheck.Key) setupEntry {
	if ke := setupKeyProblem(parsed, e.access); ke != nil {
		e.keyErr = ke
		e.setup.refused()
		return e
	}
	e.keyErr, e.setupKey = nil, parsed
	e.setup.clear()
	e.setup.blur()
	e.stage = entryURL
	e.url.Focus()
	e.url.CursorEnd()
	return e
}

func (e setupEntry) urlKey(msg tea.KeyMsg) (_ setupEntry, _ tea.Cmd, _ outcome, ready bool) {
	if msg.Type != tea.KeyEnter {
		e.url, _ = e.url.Update(msg)
		return e, nil, outcome{handled: true}, false
	}
	if err := stripecheck.ValidateWebhookURL(e.url.Value()); err != nil {
		e.urlErr = err.Error()
		return e, nil, outcome{handled: true}, false
	}
	e.urlErr = ""
	e.url.Blur()
	e.stage = entryReady
	return e, nil, outcome{handled: true}, true
}

// keyView draws the setup key field, its refusal and the demo's hint.
func (e setupEntry) keyView(b *lines, c *common, w int) {
	st := c.st
	b.add("Setup key: " + e.setup.view(st))
	if e.keyErr != nil {
		b.wrap(st.bad.Render("✗")+" "+e.keyErr.Message, w)
		b.wrap("  "+e.keyErr.Fix, w)
	}
	if c.demo != nil {
		b.add(st.badge.Render("Demo: ") + "press ctrl+p to paste a demo setup key.")
	}
}

// urlView draws the received key, heldFor saying for how long, and the URL
// field with its refusal.
func (e setupEntry) urlView(b *lines, st styles, w int, heldFor string) {
	b.add("Setup key: " + st.ok.Render("received") + st.faint.Render(heldFor))
	b.add("Justt webhook URL (step 16):")
	b.add(e.url.View())
	if e.urlErr != "" {
		b.wrap(st.bad.Render("✗ ")+e.urlErr, w)
	}
}

// setupKeyProblem refuses, before any request, what cannot be a setup key;
// access is the Webhook Endpoints access the use needs (Write to register,
// Read to verify). nil means Stripe may be asked.
func setupKeyProblem(parsed stripecheck.Key, access string) *stripecheck.KeyError {
	if parsed.IsZero() {
		return &stripecheck.KeyError{Message: "The sandbox did not return a demo setup key.", Fix: "Press ctrl+p to try again."}
	}
	if err := stripecheck.CheckSetupKey(parsed); err != nil {
		return setupKeyRefusal(err, access)
	}
	return nil
}

// setupKeyRefusal words CheckSetupKey's refusal for the screen (its own Fix
// speaks of the command line's flags).
func setupKeyRefusal(err error, access string) *stripecheck.KeyError {
	msg := err.Error()
	return &stripecheck.KeyError{Message: msg, Fix: "Paste your secret key (sk_…) or a restricted key with Webhook Endpoints: " + access + "."}
}

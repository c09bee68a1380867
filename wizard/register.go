package wizard

import (
	"errors"

	"github.com/charmbracelet/bubbles/key"
	"github.com/charmbracelet/bubbles/spinner"
	tea "github.com/charmbracelet/bubbletea"
	"github.com/justt-ai/justt-onboard/stripecheck"
	"github.com/justt-ai/justt-onboard/vault"
)

type regPhase int

const (
	regEntry   regPhase = iota // the setupEntry asks for the setup key and URL
	regWorking                 // RegisterWebhook is out
	regDone                    // registered: the signing secret is held
	regFailed                  // refused or failed: Message and Fix shown
)

// registerScreen is Part 2's "register it for me": a setup key (Justt's own
// key deliberately cannot manage webhooks), the Justt webhook URL, then
// RegisterWebhook. The setup key lives only in this screen and is forgotten
// when the registration succeeds or the merchant leaves.
type registerScreen struct {
	phase regPhase
	setupEntry
	gen    int
	result stripecheck.RegisterResult
	werr   *stripecheck.WebhookError
	spin   spinner.Model
	// verify checks the new endpoint with the setup key still held, at
	// once after the registration; saver offers to put the secret in a file.
	verify endpointCheck
	saver  secretSaver
	// revealInstead is set when the merchant picks "use the existing
	// endpoint" after a duplicate: the root moves to step 17.
	revealInstead bool
}

func newRegisterScreen(c *common) registerScreen {
	return registerScreen{setupEntry: newSetupEntry(c, "Write", mintSetupRegister),
		spin:   spinner.New(spinner.WithSpinner(spinner.MiniDot), spinner.WithStyle(c.st.accent)),
		verify: newEndpointCheck(c), saver: newSecretSaver(c)}
}

func (r *registerScreen) setWidth(w int) {
	r.url.Width = urlWidth(w)
	r.saver.path.Width = urlWidth(w)
}

// urlWidth is the width of a one-line text field in a w-column terminal.
func urlWidth(w int) int { return max(min(w, maxWidth)-6, 10) }

// show is called when the screen is shown: a fresh screen focuses the
// setup key field; a finished one stays as it is.
func (r *registerScreen) show() {
	if r.entering(entrySetupKey) {
		r.setup.focus()
	}
}

// leave forgets the setup key; the URL and any result stay.
func (r registerScreen) leave() registerScreen {
	r.forget()
	r.revealInstead = false
	r.gen++ // an answer still on its way is dropped
	if r.phase != regDone {
		r.phase, r.werr = regEntry, nil
		r.restart()
	}
	r.url.Blur()
	return r
}

// registeringStatus answers a key that would leave while Stripe has not
// answered the registration yet.
const registeringStatus = "Registering… wait for Stripe's answer: leaving now would lose the new endpoint's signing secret. ctrl+c still quits, at that cost."

func (r registerScreen) fieldFocused() bool {
	return r.entryFocused() || r.saver.focused()
}

// entering is true while the setup entry asks for the field at stage s.
func (r registerScreen) entering(s entryStage) bool {
	return r.phase == regEntry && r.stage == s
}

func (r registerScreen) update(msg tea.KeyMsg, c *common) (registerScreen, tea.Cmd, outcome) {
	k := c.keys
	switch r.phase {
	case regEntry:
		// esc is left to the root: back to the choice.
		e, cmd, out, ready := r.setupEntry.update(msg, c)
		r.setupEntry = e
		if !ready {
			return r, cmd, out
		}
		r, cmd = r.start(c, false)
		return r, cmd, outcome{handled: true}
	case regWorking:
		// Leaving would drop Stripe's answer: the endpoint would exist with
		// its signing secret lost, and registering again would be refused
		// as a duplicate. Help and scrolling still work.
		if key.Matches(msg, k.Back, k.Quit, k.GoTo, k.Next) {
			return r, nil, outcome{handled: true, status: registeringStatus}
		}
	case regDone:
		return r.doneKey(msg, c)
	case regFailed:
		return r.failedKey(msg, c)
	}
	return r, nil, outcome{}
}

// onSetupKey takes a demo setup key minted by ctrl+p.
func (r registerScreen) onSetupKey(parsed stripecheck.Key) registerScreen {
	if r.entering(entrySetupKey) { // else the merchant left meanwhile
		r.setupEntry = r.takeKey(parsed)
	}
	return r
}

func (r registerScreen) start(c *common, replace bool) (registerScreen, tea.Cmd) {
	r.gen++
	r.phase, r.werr = regWorking, nil
	opts := stripecheck.RegisterOptions{URL: r.url.Value(), Replace: replace}
	return r, tea.Batch(r.spin.Tick, registerCmd(c.ctx, c.eng, r.gen, r.setupKey, opts))
}

func (r registerScreen) failedKey(msg tea.KeyMsg, c *common) (registerScreen, tea.Cmd, outcome) {
	k := c.keys
	dup := r.werr != nil && r.werr.Code == stripecheck.CodeDuplicate
	switch {
	case dup && key.Matches(msg, k.Reveal):
		r.revealInstead = true
		return r, nil, outcome{handled: true, next: true}
	case dup && key.Matches(msg, k.Replace):
		r, cmd := r.start(c, true)
		return r, cmd, outcome{handled: true}
	case !dup && key.Matches(msg, k.Retry):
		r, cmd := r.start(c, false)
		return r, cmd, outcome{handled: true}
	case key.Matches(msg, k.Another):
		r.phase, r.stage = regEntry, entryURL
		r.url.Focus()
		return r, nil, outcome{handled: true}
	}
	return r, nil, outcome{}
}

// doneKey is a key once the endpoint exists: s saves the signing secret to
// a file, enter goes on to the summary.
func (r registerScreen) doneKey(msg tea.KeyMsg, c *common) (registerScreen, tea.Cmd, outcome) {
	k := c.keys
	if r.saver.focused() {
		var cmd tea.Cmd
		var out outcome
		r.saver, cmd, out = r.saver.update(msg, r.result.Secret)
		return r, cmd, out
	}
	switch {
	case key.Matches(msg, k.SaveSecret) && r.saver.savedTo != "":
		return r, nil, outcome{handled: true, status: "Already saved: " + savedLine(r.saver.savedTo)}
	case key.Matches(msg, k.SaveSecret) && !r.saver.working:
		r.saver = r.saver.open()
		return r, nil, outcome{handled: true}
	case key.Matches(msg, k.Next):
		return r, nil, outcome{handled: true, next: true}
	}
	return r, nil, outcome{}
}

// onRegistered takes Stripe's answer. A new endpoint is verified at once,
// with the setup key still held; then the key is forgotten.
func (r registerScreen) onRegistered(msg registeredMsg, c *common) (registerScreen, tea.Cmd) {
	if msg.gen != r.gen || r.phase != regWorking {
		return r, nil
	}
	res := msg.result
	if !res.Created || res.Secret.IsZero() {
		r.phase, r.werr = regFailed, webhookErrorOf(msg.err, res.Existing)
		return r, nil
	}
	// Created, but Replace may have failed to disable the old endpoint:
	// the new one and its secret are real, and the leftover is explained.
	r.werr = nil
	if msg.err != nil {
		r.werr = webhookErrorOf(msg.err, nil)
	}
	r.phase, r.result = regDone, res
	c.flow.registered(res)
	var cmd tea.Cmd
	r.verify, cmd = r.verify.start(c, verifyAfterRegister, r.setupKey, r.url.Value())
	// The setup key was for this registration and its check, which holds
	// it until Stripe answers.
	r.setupKey = stripecheck.Key{}
	return r, tea.Batch(cmd, c.flow.keep(vault.WebhookSigningSecret))
}

func (r registerScreen) onSpin(msg spinner.TickMsg) (registerScreen, tea.Cmd) {
	var a, b tea.Cmd
	if r.phase == regWorking {
		r.spin, a = r.spin.Update(msg)
	}
	r.verify, b = r.verify.onSpin(msg)
	return r, tea.Batch(a, b)
}

// webhookErrorOf turns a registration's failure into the refusal to show.
// No error but no new endpoint means Stripe kept an existing one: a
// duplicate, whose secret Stripe will not hand out again.
func webhookErrorOf(err error, existing *stripecheck.WebhookEndpoint) *stripecheck.WebhookError {
	var we *stripecheck.WebhookError
	switch {
	case errors.As(err, &we):
		return we
	case err != nil:
		return &stripecheck.WebhookError{Message: "Registering failed: " + err.Error(),
			Fix: "Check the connection to Stripe and try again."}
	}
	return &stripecheck.WebhookError{Code: stripecheck.CodeDuplicate, Endpoint: existing,
		Message: "Stripe already has an endpoint for this URL, so no new signing secret was issued.",
		Fix:     "Use the existing endpoint (reveal its secret at step 17) or replace it."}
}

func asKeyError(err error) *stripecheck.KeyError {
	var ke *stripecheck.KeyError
	if errors.As(err, &ke) {
		return ke
	}
	return &stripecheck.KeyError{Message: "That does not look like a Stripe key.", Fix: "Copy the key from Stripe and paste it again."}
}

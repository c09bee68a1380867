package wizard

import (
	"github.com/charmbracelet/bubbles/key"
	tea "github.com/charmbracelet/bubbletea"
	"github.com/justt-ai/justt-onboard/onboarding"
	"github.com/justt-ai/justt-onboard/stripecheck"
)

// verifyStep17 is the step of the by-hand path where "v" verifies the
// endpoint the merchant just made in the dashboard.
const verifyStep17 = 17

type panelPhase int

const (
	panelOffered panelPhase = iota // v starts it
	panelEntry                     // the setupEntry asks for the setup key and URL
	panelChecked                   // the check is out or answered
)

// verifyPanel is step 17's "v verify with a setup key": a setup key and the
// Justt webhook URL, then VerifyWebhook. The setup key is held only
// between its paste and the start of the check, then forgotten: verifying
// again asks for it again.
type verifyPanel struct {
	phase panelPhase
	setupEntry
	check endpointCheck
}

func newVerifyPanel(c *common) verifyPanel {
	return verifyPanel{setupEntry: newSetupEntry(c, "Read", mintSetupVerify), check: newEndpointCheck(c)}
}

func (p verifyPanel) fieldFocused() bool { return p.entryFocused() }

// entering is true while the setup entry asks for the field at stage s.
func (p verifyPanel) entering(s entryStage) bool {
	return p.phase == panelEntry && p.stage == s
}

// partOneNotice refuses what must wait for the key part, and says why: the
// record's own refusal.
var partOneNotice = onboarding.ErrKeyPartOpen.Reason

func (p verifyPanel) update(msg tea.KeyMsg, c *common) (verifyPanel, tea.Cmd, outcome) {
	if p.phase == panelEntry {
		return p.entryKey(msg, c)
	}
	if !key.Matches(msg, c.keys.Verify) {
		return p, nil, outcome{}
	}
	if !c.flow.keyPassed() {
		return p, nil, outcome{handled: true, status: partOneNotice + " Verifying the webhook opens once it has."}
	}
	p.phase = panelEntry
	p.restart()
	p.setup.clear()
	p.setup.focus()
	return p, nil, outcome{handled: true}
}

// entryKey is a key while the setup entry is open: esc cancels, a ready
// entry starts the check.
func (p verifyPanel) entryKey(msg tea.KeyMsg, c *common) (verifyPanel, tea.Cmd, outcome) {
	if msg.Type == tea.KeyEsc {
		return p.cancel(), nil, outcome{handled: true, status: "Verification cancelled; the setup key was forgotten."}
	}
	e, cmd, out, ready := p.setupEntry.update(msg, c)
	p.setupEntry = e
	if !ready {
		return p, cmd, out
	}
	p.check, cmd = p.check.start(c, verifyAtStep17, p.setupKey, p.url.Value())
	// The command holds the key for this one call; the panel lets it go.
	p.setupKey = stripecheck.Key{}
	p.phase = panelChecked
	return p, cmd, outcome{handled: true}
}

// onSetupKey takes a demo setup key minted by ctrl+p.
func (p verifyPanel) onSetupKey(parsed stripecheck.Key) verifyPanel {
	if p.entering(entrySetupKey) { // else the merchant cancelled meanwhile
		p.setupEntry = p.takeKey(parsed)
	}
	return p
}

// cancel closes the fields and forgets the setup key; an earlier answer
// stays on screen.
func (p verifyPanel) cancel() verifyPanel {
	p.forget()
	p.setup.blur()
	p.url.Blur()
	p.keyErr, p.urlErr = nil, ""
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
		if !c.flow.keyPassed() {
			return "" // the step is read-only until the key part is done
		}
		b.wrap(st.accent.Render("v")+" Verify with a setup key: the wizard asks Stripe whether the endpoint exists, is enabled, listens to exactly charge.succeeded and uses API version 2020-08-27.", w)
		return b.String()
	case panelEntry:
		if p.stage == entrySetupKey {
			b.wrap(st.title.Render("Verify the endpoint")+": paste a setup key, your secret key (sk_…) or a restricted key with Webhook Endpoints: Read. It is used for this one check, held in memory only and then forgotten; never stored or sent to Justt.", w)
			p.keyView(&b, c, w)
		} else {
			b.add(st.title.Render("Verify the endpoint"))
			p.urlView(&b, st, w, " (for this check only)")
		}
		return b.String()
	}
	b.wrap(st.title.Render("Verify the endpoint")+": "+p.url.Value(), w)
	b.add(p.check.view(st, w))
	if p.check.done {
		b.wrap(st.faint.Render("The setup key was forgotten. Press v to verify again (it asks for the key again)."), w)
	}
	return b.String()
}

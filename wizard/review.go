package wizard

import (
	"errors"

	"github.com/charmbracelet/bubbles/key"
	tea "github.com/charmbracelet/bubbletea"
	"github.com/justt-ai/justt-onboard/justt"
	"github.com/justt-ai/justt-onboard/steps"
	"github.com/justt-ai/justt-onboard/stripecheck"
)

// reviewPhase is where the hand-off stands on the review screen.
type reviewPhase int

const (
	reviewReady   reviewPhase = iota // what will be sent is shown; enter sends
	reviewSending                    // Justt has not answered yet
	reviewSent                       // Justt gave a receipt
	reviewFailed                     // unreachable or refused: nothing was lost
)

// reviewScreen shows exactly what will be handed to Justt (redacted), to
// which URL, for which Stripe account and mode; enter sends it.
type reviewScreen struct {
	phase   reviewPhase
	receipt justt.Receipt
	problem string
	// keep is the merchant's choice to keep the secrets in the keyring
	// after the receipt (by default they are removed: Justt holds them).
	keep bool
	// removed says how removing them went, "" until it did.
	removed string
	// from is the screen the review was reached from, for esc.
	from state
}

// toReview opens the review when a proven token can hand over; else the
// summary. What Finish would refuse is said instead.
func (m model) toReview(from state, cmd tea.Cmd) (tea.Model, tea.Cmd) {
	f := m.c.flow
	if f.justt == nil || f.handedOver() {
		return m.toSummary(cmd)
	}
	probe := f.rec
	if err := probe.Finish(f.now()); err != nil {
		m.status = err.Error()
		return m, cmd
	}
	m.review = reviewScreen{from: from}
	m.state, m.scroll = stateReview, 0
	return m, cmd
}

// reviewKey is a key on the review screen.
func (m model) reviewKey(msg tea.KeyMsg) (model, tea.Cmd, outcome) {
	k := m.c.keys
	r := &m.review
	f := m.c.flow
	switch {
	case r.phase == reviewSending:
		return m, nil, outcome{handled: !key.Matches(msg, k.Help, k.Quit)}
	case key.Matches(msg, k.Keep) && r.phase != reviewSent && len(f.secretEntries()) > 0:
		r.keep = !r.keep
		return m, nil, outcome{handled: true}
	case key.Matches(msg, k.Next) && r.phase == reviewSent:
		next, cmd := m.toSummary(nil)
		return next.(model), cmd, outcome{handled: true}
	case key.Matches(msg, k.Next) && f.canSend() != "":
		next, cmd := m.toSummary(nil)
		return next.(model), cmd, outcome{handled: true}
	case key.Matches(msg, k.Next):
		r.phase, r.problem = reviewSending, ""
		return m, f.sendCmd(m.c.ctx), outcome{handled: true, status: "Sending to Justt…"}
	case key.Matches(msg, k.Back) && r.phase != reviewSent:
		next, cmd := m.leaveReview()
		return next, cmd, outcome{handled: true}
	}
	return m, nil, outcome{}
}

// leaveReview is esc: back to the screen the review was reached from.
func (m model) leaveReview() (model, tea.Cmd) {
	if m.review.from == stateStep {
		next, cmd := m.enterStep(steps.Total)
		return next.(model), cmd
	}
	m.state, m.scroll = m.review.from, 0
	return m, nil
}

// onSent takes Justt's answer: a receipt (kept in the record; the
// keyring's copies are removed unless kept) or what went wrong.
func (m model) onSent(msg sentMsg) (tea.Model, tea.Cmd) {
	f := m.c.flow
	f.sent(msg)
	r := &m.review
	var refused *justt.RefusedTokenError
	if errors.As(msg.err, &refused) {
		// The token expired on the way: ask for a new one, then come back.
		f.justt = nil
		r.phase = reviewReady
		m.tok = newTokenScreen()
		m.tok.then, m.state = stateReview, stateToken
		m.tok.problem = "✗ Justt refused the token when sending (it may have expired); nothing was recorded. Paste a new one, or press enter with the field empty to continue without (the summary then says where to paste each secret)."
		m.tok.field.focus()
		m.status = ""
		return m, nil
	}
	if msg.err != nil {
		r.phase, r.problem = reviewFailed, sendFailure(msg.err)
		m.status = ""
		return m, nil
	}
	r.phase, r.receipt = reviewSent, msg.receipt
	m.status = "Justt received it: receipt " + msg.receipt.ID + "."
	if msg.saveErr != nil {
		m.status = "Justt has it (receipt " + msg.receipt.ID + "), but the progress file was not updated: " + msg.saveErr.Error()
	}
	if r.keep {
		return m, nil
	}
	return m, f.deleteSecretsCmd()
}

// onSecretsDeleted says whether the keyring copies are gone.
func (m model) onSecretsDeleted(msg secretsDeletedMsg) (tea.Model, tea.Cmd) {
	m.c.flow.secretsDeleted(msg)
	if msg.err != nil {
		m.review.removed = "! The secrets could not be removed from " + m.c.flow.secretsHome() + " (" + msg.err.Error() + "): 'justt-onboard forget' removes them."
	} else {
		m.review.removed = removedWords(msg.entries, m.c.flow.secretsHome())
	}
	return m, nil
}

func (m model) reviewView(w int) string {
	st := m.c.st
	f := m.c.flow
	r := m.review
	var b lines
	if r.phase == reviewSent {
		b.add(st.title.Render("Handed over to Justt"))
		b.add("")
		for _, l := range receiptLines(f, r.receipt) {
			b.wrap(l, w)
		}
		if r.removed != "" {
			b.wrap("  "+r.removed, w)
		} else if r.keep && f.secretsOutliveRun() {
			b.wrap("  The secrets stay in "+f.secretsHome()+", as you chose: 'justt-onboard forget' removes them.", w)
		} else if r.keep {
			b.wrap("  The secrets stay in "+f.secretsHome()+" until this run ends, as you chose.", w)
		}
		b.add("")
		b.wrap("Press "+st.accent.Render("enter")+" for the summary.", w)
		return b.String()
	}
	b.add(st.title.Render("Review: what will be sent to Justt"))
	b.add("")
	for _, l := range reviewLines(f) {
		b.wrap(l, w)
	}
	b.add("")
	if why := f.canSend(); why != "" {
		b.wrap(st.bad.Render("✗ ")+"Not sendable: "+why+".", w)
		b.wrap("Press esc to go back, or enter for the summary without sending (it says where to paste each secret in the CustomerHub).", w)
		return b.String()
	}
	if n := len(f.secretEntries()); n > 0 {
		after := "After the receipt, the copies in " + m.c.flow.secretsHome() + " are removed (Justt holds them); press " + st.accent.Render("k") + " to keep them."
		if r.keep {
			after = "After the receipt, the copies in " + m.c.flow.secretsHome() + " are kept, as you chose (" + st.accent.Render("k") + " to remove them instead)."
		}
		b.wrap(after, w)
	}
	switch r.phase {
	case reviewSending:
		b.add("Sending to Justt…")
	case reviewFailed:
		b.wrap(st.bad.Render("✗ ")+r.problem, w)
	default:
		b.wrap("Press "+st.accent.Render("enter")+" to send, or esc to go back.", w)
	}
	return b.String()
}

// reviewLines is what will be sent, redacted: the same lines on both faces.
func reviewLines(f *flow) []string {
	h := f.rec.Handoff
	acct := f.report.AccountID
	if acct == "" {
		acct = "not named by Stripe (sent as null)"
	}
	out := []string{
		"To: " + f.justt.BaseURL() + justt.SubmitPath + " (Justt onboarding for " + orWord(f.justtCfg.MerchantName, h.MerchantName) + ")",
		"Stripe account: " + acct + " · " + orWord(f.rec.Key.Mode, "unknown") + " mode",
		"API key: " + keySummary(f.rec.Key),
	}
	if w := f.rec.Webhook; w.SecretRedacted != "" {
		ep := ""
		if w.EndpointID != "" {
			ep = " (endpoint " + w.EndpointID + ")"
		}
		out = append(out, "Webhook signing secret: "+w.SecretRedacted+ep)
	} else {
		out = append(out, "Webhook signing secret: none (API-key-only mode)")
	}
	out = append(out, "Check: the report of the key's check at step "+itoa(keyPartStep)+" ("+
		itoa(f.report.Count(stripecheck.Granted))+" of "+itoa(len(steps.Required))+" permissions granted; no secret in it)")
	return out
}

// receiptLines say what Justt confirmed, and nothing it did not.
func receiptLines(f *flow, r justt.Receipt) []string {
	what := "the key"
	if f.rec.Webhook.SecretRedacted != "" {
		what = "the key and the webhook signing secret"
	}
	first := "✓ Justt received " + what + ": receipt " + r.ID + "."
	if r.Replayed {
		first = "✓ Justt has " + what + ": receipt " + r.ID + " (it had this submission already, from an earlier attempt, and kept it once)."
	}
	out := []string{first}
	if r.ConfirmationEmailSent {
		out = append(out, "  The Justt team has been notified (a confirmation e-mail was sent).")
	} else {
		out = append(out, "  Justt did not say it notified its team: tell your Justt contact you have finished.")
	}
	return out
}

// reviewKeys are the keys the review screen shows.
func (m model) reviewKeys() []key.Binding {
	k := m.c.keys
	r := m.review
	f := m.c.flow
	next := k.Next
	switch {
	case r.phase == reviewSending:
		return []key.Binding{k.Help, k.Quit}
	case r.phase == reviewSent:
		next.SetHelp("enter", "summary")
		return []key.Binding{next, k.Help, k.Quit}
	case f.canSend() != "":
		next.SetHelp("enter", "summary, not sent")
		return []key.Binding{next, k.Back, k.Help, k.Quit}
	case r.phase == reviewFailed:
		next.SetHelp("enter", "try again")
	default:
		next.SetHelp("enter", "send to Justt")
	}
	out := []key.Binding{next}
	if len(f.secretEntries()) > 0 {
		keep := k.Keep
		if r.keep {
			keep.SetHelp("k", "remove them after")
		}
		out = append(out, keep)
	}
	return append(out, k.Back, k.Help, k.Quit)
}

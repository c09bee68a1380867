package wizard

import (
	"context"
	"fmt"
	"strings"

	"github.com/charmbracelet/bubbles/key"
	tea "github.com/charmbracelet/bubbletea"
	"github.com/justt-ai/justt-onboard/onboarding"
	"github.com/justt-ai/justt-onboard/steps"
	"github.com/justt-ai/justt-onboard/stripecheck"
	"github.com/justt-ai/justt-onboard/vault"
)

// vaultProbedMsg says whether a keyring answers; notice is said once.
type vaultProbedMsg struct{ notice string }

// probeVaultCmd asks the keyring once at the start, so the merchant hears
// up front (and once) when secrets will not outlive this run.
func probeVaultCmd(v *vault.Vault) tea.Cmd {
	return func() tea.Msg {
		_ = v.Probe(context.Background())
		return vaultProbedMsg{notice: noKeyringNotice(v)}
	}
}

// noKeyringNotice is "" while the keyring works.
func noKeyringNotice(v *vault.Vault) string {
	err := v.Unavailable()
	if err == nil {
		return ""
	}
	return "No keyring answers here (" + err.Error() + "): secrets stay in memory for this run only, never in a file."
}

// resumeOffer describes the onboarding in progress, for the offer.
func resumeOffer(rec onboarding.Record) []string {
	s := steps.All[rec.Step-1]
	where := fmt.Sprintf("step %d of %d (%s)", rec.Step, steps.Total, s.Title)
	if rec.Finished() {
		where = "the summary (everything done)"
	}
	out := []string{"An onboarding is in progress, saved " + rec.Updated.Local().Format("2 Jan 15:04") + ": you were at " + where + "."}
	if rec.Key.Redacted != "" {
		acct := rec.Key.AccountID
		if acct == "" {
			acct = "account not named by Stripe yet"
		}
		state := "pasted, not passed yet"
		if rec.KeyPassed() {
			state = "passed its check"
		}
		kept := "not kept: no keyring had it, so you paste it again."
		if rec.Key.Vault != nil {
			kept = "in your keyring: it is checked again at once."
		}
		out = append(out, "Key: "+keySummary(rec.Key)+", "+state+".", "Account: "+acct+".", "Key "+kept)
	}
	switch w := rec.Webhook; w.Way {
	case onboarding.WebhookRegistered:
		out = append(out, "Webhook: registered "+w.EndpointID+", signing secret "+w.SecretRedacted+".")
	case onboarding.WebhookByHand:
		if w.SecretRedacted != "" {
			out = append(out, "Webhook: by hand, signing secret "+w.SecretRedacted+" pasted.")
		} else {
			out = append(out, "Webhook: by hand, signing secret not pasted yet.")
		}
	case onboarding.WebhookSkipped:
		out = append(out, "Webhook: skipped.")
	}
	return out
}

// secretsLoadedMsg carries the secrets the record names, from the vault.
type secretsLoadedMsg struct {
	key, secret stripecheck.Key
	err         error
}

// loadSecretsCmd reads the entries the record names.
func loadSecretsCmd(f *flow) tea.Cmd {
	v, kv, sv := f.vault, f.rec.Key.Vault, f.rec.Webhook.Vault
	return func() tea.Msg {
		var msg secretsLoadedMsg
		ctx := context.Background()
		if kv != nil {
			msg.key, _, msg.err = v.Get(ctx, *kv)
		}
		if sv != nil {
			var err error
			msg.secret, _, err = v.Get(ctx, *sv)
			if msg.err == nil {
				msg.err = err
			}
		}
		return msg
	}
}

// resumed takes the secrets found; what the record names but this run does
// not hold is taken off the record and said (lost).
func (f *flow) resumed(msg secretsLoadedMsg) (lost []string) {
	rec := f.rec
	keyLost := rec.Key.Redacted != "" && (msg.key.IsZero() || msg.key.Redacted() != rec.Key.Redacted)
	secretLost := rec.Webhook.SecretRedacted != "" && (msg.secret.IsZero() || msg.secret.Redacted() != rec.Webhook.SecretRedacted)
	if !keyLost {
		f.key = msg.key
	}
	if !secretLost {
		f.secret = msg.secret
	}
	lost = f.rec.SecretsLost(keyLost, secretLost, f.now())
	if len(lost) > 0 {
		f.changed()
	}
	return lost
}

// startOver forgets the onboarding in progress: its keyring entries go
// (in the command returned) and a fresh record is saved.
func (f *flow) startOver() tea.Cmd {
	entries := f.secretEntries()
	f.rec = onboarding.New(f.now())
	f.key, f.secret, f.report = stripecheck.Key{}, stripecheck.Key{}, stripecheck.Report{}
	f.changed()
	v := f.vault
	return func() tea.Msg {
		for _, e := range entries {
			_ = v.Delete(context.Background(), e)
		}
		return nil
	}
}

// lostStatus says which secrets must be pasted again, and why: the
// keyring's own answer when reading failed (loadErr).
func lostStatus(lost []string, v *vault.Vault, loadErr error) string {
	why := "they were not in the keyring"
	switch {
	case v.Unavailable() != nil:
		why = "no keyring answers here"
	case loadErr != nil:
		why = "the keyring could not give them back (" + loadErr.Error() + ")"
	}
	// What to paste comes first: a long reason may be cut on the status line.
	return "Resumed: paste again " + strings.Join(lost, "; ") + " (" + why + ")."
}

// resumeCheckStatus says the outcome of checking the kept key again.
func resumeCheckStatus(f *flow) string {
	r := f.report
	switch {
	case r.Ready():
		return fmt.Sprintf("Key from your keyring checked again: all %d permissions granted.", len(steps.Required))
	case f.rec.Key.Verdict == onboarding.VerdictUndecided:
		return "Key from your keyring checked again: Stripe could not confirm every permission; g 1 1 shows the check."
	}
	return "Key from your keyring checked again: it is not ready any more (a permission changed in Stripe). g 1 1 shows what to fix."
}

// resumeKey is a key on the resume offer: enter resumes, n starts over.
func (m model) resumeKey(msg tea.KeyMsg) (model, tea.Cmd, outcome) {
	k := m.c.keys
	switch {
	case key.Matches(msg, k.Next):
		m.status = "Opening your keyring…"
		return m, loadSecretsCmd(m.c.flow), outcome{handled: true}
	case key.Matches(msg, k.StartOver):
		cmd := m.c.flow.startOver()
		next, c2 := m.enterStep(1)
		nm := next.(model)
		nm.status = "Started over: the old progress and its keyring entries are gone."
		nm, cmd = nm.askToken(tea.Batch(cmd, c2))
		return nm, cmd, outcome{handled: true}
	}
	return m, nil, outcome{handled: key.Matches(msg, k.Back, k.GoTo)}
}

// onSecretsLoaded lands where the merchant stopped; the key from the
// keyring is checked again at once (permissions may have changed).
func (m model) onSecretsLoaded(msg secretsLoadedMsg) (tea.Model, tea.Cmd) {
	if m.state != stateResume {
		return m, nil
	}
	f := m.c.flow
	lost := f.resumed(msg)
	var next tea.Model = m
	var cmd tea.Cmd
	if f.rec.Finished() {
		m.state, m.from = stateSummary, stateStep
		next = m
	} else {
		m.state = stateStep
		next, cmd = m.enterStep(f.rec.Step)
	}
	nm := next.(model)
	nm.status = ""
	if len(lost) > 0 {
		nm.status = lostStatus(lost, f.vault, msg.err)
	}
	if !f.key.IsZero() {
		var c2 tea.Cmd
		nm.check, c2 = nm.check.start(f.key, nm.c)
		nm.resumeCheck = true
		if nm.status == "" {
			nm.status = "Checking the key from your keyring again…"
		}
		cmd = tea.Batch(cmd, c2)
	}
	if !f.secret.IsZero() && f.rec.Webhook.Way == onboarding.WebhookRegistered {
		nm.reg.phase = regDone
		nm.reg.result = stripecheck.RegisterResult{Created: true, Secret: f.secret,
			Endpoint: stripecheck.WebhookEndpoint{ID: f.rec.Webhook.EndpointID, URL: f.rec.Webhook.URL, APIVersion: f.rec.Webhook.APIVersion}}
	}
	// The token is never kept: a resumed onboarding asks for it again.
	return nm.askToken(cmd)
}

func (m model) resumeView(w int) string {
	st := m.c.st
	var b lines
	b.add(st.title.Render("Welcome back"))
	b.add("")
	for _, l := range resumeOffer(m.c.flow.rec) {
		b.wrap(l, w)
	}
	b.add("")
	b.wrap("Press "+st.accent.Render("enter")+" to resume where you stopped, or "+st.accent.Render("n")+" to start over (the saved progress and its keyring entries are removed).", w)
	return b.String()
}

// quitKey is q or ctrl+c: it asks first when leaving would lose a secret
// held only in memory.
func (m model) quitKey() (tea.Model, tea.Cmd) {
	if m.confirmQuit || m.c.flow.secretAtRisk() == "" {
		return m, tea.Quit
	}
	m.confirmQuit = true
	return m, nil
}

// confirmKey answers the question: y (or ctrl+c again) quits, anything
// else stays.
func (m model) confirmKey(msg tea.KeyMsg) (tea.Model, tea.Cmd) {
	if key.Matches(msg, m.c.keys.Anyway, m.c.keys.ForceQuit) {
		return m, tea.Quit
	}
	m.confirmQuit = false
	m.status = "Not quitting."
	return m, nil
}

func (m model) confirmView(w int) string {
	st := m.c.st
	var b lines
	b.add(st.bad.Render("Quit now?"))
	b.add("")
	b.wrap("If you quit now, "+m.c.flow.secretAtRisk()+".", w)
	b.add("")
	then := ", after registering, " + st.accent.Render("s") + " saves the secret to a file"
	if m.state == stateReview && m.c.flow.canSend() == "" {
		// The review has no s: sending is what keeps the secret.
		then = " " + st.accent.Render("enter") + " sends it to Justt, which keeps it"
	}
	b.wrap("Press "+st.accent.Render("y")+" to quit anyway, or any other key to stay (then"+then+").", w)
	return b.String()
}

// farewell is what stays in the terminal once the wizard has left the
// alternate screen: the summary and what happens next, or where the
// merchant stopped and how to go on.
func farewell(m model) string {
	f := m.c.flow
	var b strings.Builder
	if !f.rec.Finished() {
		b.WriteString(fmt.Sprintf("Stopped at step %d of %d.", f.rec.Step, steps.Total))
		_, inMemory := f.store.(*memoryProgress)
		switch {
		case m.c.demo != nil:
			b.WriteString(" Demo: nothing was kept.\n\n")
		case inMemory:
			b.WriteString(" This run's progress was not saved to a file.\n\n")
		default:
			b.WriteString(" Your progress is saved (no secret in it): run justt-onboard again to resume, or 'justt-onboard forget' to remove it.\n\n")
		}
	}
	b.WriteString(summaryText(m.c, min(m.c.width, maxWidth)-1))
	b.WriteString("\n")
	return b.String()
}

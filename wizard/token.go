package wizard

import (
	"errors"

	"github.com/charmbracelet/bubbles/key"
	tea "github.com/charmbracelet/bubbletea"
	"github.com/justt-ai/justt-onboard/justt"
	"github.com/justt-ai/justt-onboard/steps"
)

// tokenPhase is where the token screen stands.
type tokenPhase int

const (
	tokenEntering tokenPhase = iota // the masked field takes a token
	tokenProving                    // Justt has not answered GetConfig yet
	tokenProven                     // Justt named the merchant
)

// tokenScreen asks for the Justt onboarding token at the start (after the
// resume offer) and proves it at once. The token is never drawn (not even
// its last characters), never saved.
type tokenScreen struct {
	field secretField // masked: draws nothing of what it holds
	phase tokenPhase
	// problem is why the last token was not taken, "" when none was refused.
	problem string
	// then is the screen shown once the merchant is done here.
	then state
}

func newTokenScreen() tokenScreen { return tokenScreen{field: newSecretField()} }

// wantsToken is true when this run can hand over and has not yet: the
// token screen then opens at the start.
func (m model) wantsToken() bool {
	return m.c.hand.Connect != nil && !m.c.flow.handedOver()
}

// askToken shows the token screen before the screen m is on; a token
// from the environment is proven at once.
func (m model) askToken(cmd tea.Cmd) (model, tea.Cmd) {
	if !m.wantsToken() {
		return m, cmd
	}
	m.tok = newTokenScreen()
	m.tok.then = m.state
	m.state = stateToken
	if tok := m.c.hand.Token; !tok.IsZero() {
		m.tok.phase = tokenProving
		return m, tea.Batch(cmd, proveTokenCmd(m.c.ctx, m.c.hand, tok))
	}
	m.tok.field.focus()
	return m, cmd
}

// tokenKey is a key on the token screen.
func (m model) tokenKey(msg tea.KeyMsg) (model, tea.Cmd, outcome) {
	k := m.c.keys
	t := &m.tok
	switch t.phase {
	case tokenProving:
		return m, nil, outcome{handled: !key.Matches(msg, k.Quit, k.Help)}
	case tokenProven:
		switch {
		case key.Matches(msg, k.Next):
			next, cmd := m.leaveToken()
			return next, cmd, outcome{handled: true}
		case key.Matches(msg, k.Another):
			m.c.flow.withoutToken()
			t.phase, t.problem = tokenEntering, ""
			t.field.focus()
			return m, nil, outcome{handled: true}
		}
		return m, nil, outcome{handled: key.Matches(msg, k.Back, k.GoTo)}
	}
	if m.c.demo != nil && key.Matches(msg, k.DemoPasteField) && m.c.hand.DemoToken != "" {
		t.field.in.SetValue(m.c.hand.DemoToken)
		msg = tea.KeyMsg{Type: tea.KeyEnter}
	}
	var submitted bool
	t.field, submitted = t.field.update(msg)
	if !submitted {
		return m, nil, outcome{handled: true}
	}
	raw := t.field.value()
	t.field.clear()
	if raw == "" {
		m.c.flow.withoutToken()
		next, cmd := m.leaveToken()
		next.status = "No token: at the end, the summary says where in Justt's CustomerHub each secret goes."
		return next, cmd, outcome{handled: true}
	}
	tok, err := justt.ParseToken(raw)
	if err != nil {
		t.problem = err.Error() + "."
		return m, nil, outcome{handled: true}
	}
	t.phase, t.problem = tokenProving, ""
	t.field.blur()
	return m, proveTokenCmd(m.c.ctx, m.c.hand, tok), outcome{handled: true}
}

// onTokenProved takes Justt's answer about a token.
func (m model) onTokenProved(msg tokenProvedMsg) (tea.Model, tea.Cmd) {
	m.c.flow.tokenProved(msg)
	if m.state != stateToken || m.tok.phase != tokenProving {
		return m, nil
	}
	t := &m.tok
	if msg.err == nil {
		t.phase, t.problem = tokenProven, ""
		// Nobody types the webhook URL: Justt gave it.
		m.reg.url.SetValue(msg.cfg.WebhookURL)
		m.verify.url.SetValue(msg.cfg.WebhookURL)
		return m, nil
	}
	t.phase = tokenEntering
	t.field.focus()
	var refused *justt.RefusedTokenError
	switch {
	case errors.As(msg.err, &refused):
		t.problem = "✗ Justt refused this token: it is invalid, revoked or expired. Paste another (your Justt onboarding manager can send a new one), or press enter with the field empty to continue without."
	default:
		t.problem = "? The token could not be proven: " + msg.err.Error() + ". Paste it again to retry, or press enter with the field empty to continue without."
	}
	return m, nil
}

// leaveToken goes to the screen the token screen was put before.
func (m model) leaveToken() (model, tea.Cmd) {
	m.tok.field.blur()
	if m.tok.then == stateReview && m.c.flow.justt == nil {
		next, cmd := m.toSummary(nil)
		return next.(model), cmd
	}
	if m.tok.then == stateStep {
		next, cmd := m.enterStep(m.step())
		return next.(model), cmd
	}
	m.state = m.tok.then
	return m, nil
}

func (m model) tokenView(w int) string {
	st := m.c.st
	t := m.tok
	var b lines
	b.add(st.title.Render("Your Justt onboarding token"))
	b.add("")
	if t.phase == tokenProven {
		if d := m.c.hand.DemoToken; m.c.demo != nil && d != "" {
			b.wrap("Demo token (fake, sandbox only): "+st.accent.Render(d), w)
		}
		cfg := m.c.flow.justtCfg
		until := ""
		if !cfg.ExpiresAt.IsZero() {
			until = " (good until " + cfg.ExpiresAt.Local().Format("2 Jan 2006 15:04") + ")"
		}
		b.wrap(st.ok.Render("✓ ")+"Justt accepted the token"+until+". This onboarding is for "+st.title.Render(cfg.MerchantName)+".", w)
		b.wrap("    Webhook URL for step 16, from Justt: "+cfg.WebhookURL, w)
		b.add("")
		b.wrap("At the end, after a review of exactly what will be sent, the wizard hands the key and the signing secret to Justt for you. The token itself is never saved: if you stop and resume, it is asked again.", w)
		b.add("")
		b.wrap("Press "+st.accent.Render("enter")+" to continue, or "+st.accent.Render("e")+" to use another token.", w)
		return b.String()
	}
	b.wrap("Your Justt onboarding manager sends a token with the Justt API address. With it, the wizard proves the token now, shows which merchant this onboarding is for, fills in the webhook URL, and at the end sends the key and signing secret to Justt for you.", w)
	b.add("")
	if d := m.c.hand.DemoToken; m.c.demo != nil && d != "" {
		b.wrap("Demo token (fake, sandbox only): "+st.accent.Render(d)+"; ctrl+p pastes it for you.", w)
		b.add("")
	}
	if t.phase == tokenProving {
		b.add("Token: " + st.accent.Render("(received, hidden)"))
		b.add("Asking Justt about this token…")
		return b.String()
	}
	b.add("Token: " + t.field.view(st))
	if t.problem != "" {
		b.add("")
		b.wrap(t.problem, w)
	}
	b.add("")
	b.wrap("I don't have one? Press "+st.accent.Render("enter")+" with the field empty: at the end you paste the key and the signing secret in Justt's CustomerHub yourself (Integrations), as step "+itoa(keyPartStep)+" and step "+itoa(steps.Total)+" say.", w)
	return b.String()
}

// tokenKeys are the keys the token screen shows.
func (m model) tokenKeys() []key.Binding {
	k := m.c.keys
	switch m.tok.phase {
	case tokenProving:
		return []key.Binding{k.Help, k.Quit}
	case tokenProven:
		another := k.Another
		another.SetHelp("e", "another token")
		return []key.Binding{k.Next, another, k.Help, k.Quit}
	}
	// One binding, so the footer keeps help and quit at 60 columns.
	submit := k.Submit
	submit.SetHelp("enter", "prove it (empty: no token)")
	out := []key.Binding{submit}
	if m.c.demo != nil && m.c.hand.DemoToken != "" {
		demo := k.DemoPasteField
		demo.SetHelp("ctrl+p", "demo token")
		out = append(out, demo)
	}
	return append(out, k.Help, k.ForceQuit)
}

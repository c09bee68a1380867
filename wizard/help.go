package wizard

import (
	"github.com/charmbracelet/bubbles/help"
	"github.com/charmbracelet/bubbles/key"
	"github.com/justt-ai/justt-onboard/stripecheck"
)

// screenKeys are the keys that mean something on the screen on show, most
// useful first: the footer shows as many as fit, ? shows them all.
func (m model) screenKeys() []key.Binding {
	k := m.c.keys
	nav := []key.Binding{k.Next, k.Back, k.GoTo, k.Help, k.Quit}
	if m.fieldFocused() {
		submit := k.Submit
		if m.state == stateRegister && m.reg.phase == regURL {
			submit.SetHelp("enter", "register the webhook")
		}
		out := []key.Binding{submit, k.Back}
		if m.c.demo != nil && (m.state == stateStep && m.step == keyPartStep || m.state == stateRegister && m.reg.phase == regSetupKey) {
			demoPaste := k.DemoPasteField
			if m.state == stateRegister {
				demoPaste.SetHelp("ctrl+p", "paste a demo setup key")
			}
			out = append(out, demoPaste)
		}
		return append(out, k.ForceQuit)
	}
	switch m.state {
	case stateWebhookChoice:
		return []key.Binding{k.Register, k.ByHand, k.Skip, k.Up, k.Down, k.Back, k.Help, k.Quit}
	case stateRegister:
		return append(m.registerKeys(), k.Back, k.Help, k.Quit)
	case stateSummary:
		finish := k.Next
		finish.SetHelp("enter", "finish")
		return []key.Binding{finish, k.Back, k.Quit}
	}
	switch {
	case m.step == 7 && m.c.demo != nil:
		return append([]key.Binding{k.Up, k.Down, k.Toggle, k.FillNine}, nav...)
	case m.step == keyPartStep:
		return append(m.checkKeys(), k.Back, k.GoTo, k.Help, k.Quit)
	case m.step == 18:
		return []key.Binding{k.Next, k.Another, k.Back, k.GoTo, k.Help, k.Quit}
	}
	switch n := len(stepLinks(m.currentStep())); {
	case n > 1:
		return []key.Binding{k.Next, k.Open, k.Copy, k.NextLink, k.Back, k.GoTo, k.Help, k.Quit}
	case n == 1:
		return []key.Binding{k.Next, k.Open, k.Copy, k.Back, k.GoTo, k.Help, k.Quit}
	}
	return nav
}

func (m model) checkKeys() []key.Binding {
	k := m.c.keys
	out := []key.Binding{k.Next, k.Recheck}
	if m.c.demo != nil && m.check.phase == phaseChecked && m.check.report.Count(stripecheck.Missing) > 0 {
		out = append(out, k.DemoFix)
	}
	if ok, _, _ := m.check.canContinue(true); ok {
		out = append(out, k.Anyway)
	}
	out = append(out, k.Another)
	if m.c.demo != nil {
		out = append(out, k.DemoPaste)
	}
	return out
}

func (m model) registerKeys() []key.Binding {
	k := m.c.keys
	switch m.reg.phase {
	case regDone:
		return []key.Binding{k.Next}
	case regFailed:
		if m.reg.werr != nil && m.reg.werr.Code == stripecheck.CodeDuplicate {
			return []key.Binding{k.Reveal, k.Replace, k.Another}
		}
		return []key.Binding{k.Retry, k.Another}
	}
	return nil
}

func (m model) helpModel(w int) help.Model {
	h := help.New()
	h.Width = w
	st := m.c.st
	h.Styles.ShortKey, h.Styles.FullKey = st.accent, st.accent
	h.Styles.ShortDesc, h.Styles.FullDesc = st.faint, st.faint
	h.Styles.ShortSeparator, h.Styles.FullSeparator, h.Styles.Ellipsis = st.faint, st.faint, st.faint
	return h
}

func (m model) helpLine(w int) string {
	return m.helpModel(w).ShortHelpView(m.screenKeys())
}

// helpView is the ? overlay: every key of this screen and how to move around.
func (m model) helpView(w int) string {
	k := m.c.keys
	var b lines
	b.add(m.c.st.title.Render("Keys"))
	b.add("")
	screen := m.screenKeys()
	b.add(m.helpModel(w).FullHelpView([][]key.Binding{
		screen,
		without(screen, k.Next, k.Back, k.GoTo, k.ScrollUp, k.ScrollDown),
		without(screen, k.Help, k.Quit, k.ForceQuit),
	}))
	b.add("")
	b.wrap("g then a step number jumps to that step (g 7, g 1 2). Steps 12-18 open once your key has passed step 11. q quits whenever no field is waiting for a paste; ctrl+c always quits. Secrets are never shown: only their kind, mode and last 4 characters.", w)
	b.add("")
	b.add("Press ? or esc to close this help.")
	return b.String()
}

// without is bindings minus those already listed in shown (by their help).
func without(shown []key.Binding, bindings ...key.Binding) []key.Binding {
	var out []key.Binding
	for _, b := range bindings {
		dup := false
		for _, s := range shown {
			dup = dup || s.Help() == b.Help()
		}
		if !dup {
			out = append(out, b)
		}
	}
	return out
}

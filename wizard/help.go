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
	if m.confirmQuit {
		quit, stay := k.Anyway, k.Back
		quit.SetHelp("y", "quit anyway")
		stay.SetHelp("any other key", "stay")
		return []key.Binding{quit, stay}
	}
	if m.fieldFocused() && m.state != stateToken {
		return m.fieldKeys()
	}
	if m.registering() {
		return []key.Binding{k.Help, m.registeringQuit()}
	}
	switch m.state {
	case stateToken:
		return m.tokenKeys()
	case stateReview:
		return m.reviewKeys()
	case stateWebhookChoice:
		return []key.Binding{k.Register, k.ByHand, k.Skip, k.Up, k.Down, k.Back, k.Help, k.Quit}
	case stateRegister:
		return append(m.registerKeys(), k.Back, k.Help, k.Quit)
	case stateResume:
		resume := k.Next
		resume.SetHelp("enter", "resume")
		return []key.Binding{resume, k.StartOver, k.Quit}
	case stateSummary:
		finish := k.Next
		finish.SetHelp("enter", "finish")
		return []key.Binding{finish, k.Back, k.Quit}
	}
	switch {
	case m.step() == 7 && m.c.demo != nil:
		return append([]key.Binding{k.Up, k.Down, k.Toggle, k.FillNine}, nav...)
	case m.step() == keyPartStep:
		return append(append(m.checkKeys(), m.copySecretKeys()...), k.Back, k.GoTo, k.Help, k.Quit)
	case m.step() == 18:
		return append(append([]key.Binding{k.Next, k.Another}, m.copySecretKeys()...), k.Back, k.GoTo, k.Help, k.Quit)
	}
	out := []key.Binding{k.Next}
	if m.step() == verifyStep17 && m.c.flow.keyPassed() {
		out = append(out, k.Verify)
	}
	switch n := len(stepLinks(m.currentStep())); {
	case n > 1:
		out = append(out, k.Open, k.Copy, k.NextLink)
	case n == 1:
		out = append(out, k.Open, k.Copy)
	}
	return append(out, k.Back, k.GoTo, k.Help, k.Quit)
}

// fieldKeys are the keys that work while a field has focus: letters are
// text there, so g, o, c and q are not among them; esc leaves the field
// for the screen before, where they work again.
func (m model) fieldKeys() []key.Binding {
	k := m.c.keys
	submit, back := k.Submit, k.Back
	back.SetHelp("esc", "leave field (to step "+itoa(m.step()-1)+")")
	verifying := m.state == stateStep && m.step() == verifyStep17
	switch {
	case m.state == stateRegister && m.reg.saver.focused():
		submit.SetHelp("enter", "save the file")
		back.SetHelp("esc", "don't save")
	case m.state == stateRegister:
		if m.reg.entering(entryURL) {
			submit.SetHelp("enter", "register the webhook")
		}
		back.SetHelp("esc", "leave field (to the choice)")
	case verifying:
		if m.verify.entering(entryURL) {
			submit.SetHelp("enter", "verify the endpoint")
		}
		back.SetHelp("esc", "cancel verifying")
	}
	out := []key.Binding{submit}
	setupField := m.state == stateRegister && m.reg.entering(entrySetupKey) || verifying && m.verify.entering(entrySetupKey)
	if m.c.demo != nil && (m.state == stateStep && m.step() == keyPartStep || setupField) {
		demoPaste := k.DemoPasteField
		demoPaste.SetHelp("ctrl+p", "paste demo key")
		if setupField {
			demoPaste.SetHelp("ctrl+p", "demo setup key")
		}
		out = append(out, demoPaste)
	}
	out = append(out, back)
	if m.secretFieldFocused() {
		out = append(out, k.Help)
	}
	return append(out, k.ForceQuit)
}

// registeringQuit is ctrl+c while Stripe has the registration: it still
// quits, and says what that costs.
func (m model) registeringQuit() key.Binding {
	quit := m.c.keys.ForceQuit
	quit.SetHelp("ctrl+c", "quit (loses Stripe's answer)")
	return quit
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
		if m.reg.saver.savedTo == "" {
			return append([]key.Binding{k.Next, k.SaveSecret}, m.copySecretKeys()...)
		}
		return append([]key.Binding{k.Next}, m.copySecretKeys()...)
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
	var b lines
	b.add(m.c.st.title.Render("Keys"))
	b.add("")
	screen := m.screenKeys()
	move, leave := m.otherKeys()
	b.add(m.helpModel(w).FullHelpView([][]key.Binding{screen, without(screen, move...), without(screen, leave...)}))
	b.add("")
	b.wrap("g then a step number jumps to that step (g 7, g 1 2). Steps 12-17 can be read at any time; step 18, the webhook choice and the summary open once your key has passed step 11. While a field waits for a paste, letters are text: esc leaves the field (back to the screen before), where g, o, c and q work again. q quits except while a field waits for a paste or a registration waits for Stripe; ctrl+c always quits. Secrets are never shown: only their kind, mode and last 4 characters.", w)
	b.add("")
	b.add("Press ? or esc to close this help.")
	return b.String()
}

// otherKeys are the full help's other columns: the ways to move and to
// leave that work on this screen besides the footer's.
func (m model) otherKeys() (move, leave []key.Binding) {
	k := m.c.keys
	scroll := []key.Binding{k.ScrollUp, k.ScrollDown}
	switch {
	case m.registering():
		return scroll, []key.Binding{m.registeringQuit()}
	case m.secretFieldFocused():
		return scroll, []key.Binding{k.Help, k.ForceQuit}
	case m.fieldFocused():
		return scroll, []key.Binding{k.ForceQuit}
	}
	return append([]key.Binding{k.Next, k.Back, k.GoTo}, scroll...), []key.Binding{k.Help, k.Quit, k.ForceQuit}
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

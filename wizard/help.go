package wizard

import (
	"github.com/charmbracelet/bubbles/help"
	"github.com/charmbracelet/bubbles/key"
	tea "github.com/charmbracelet/bubbletea"
	"github.com/charmbracelet/x/ansi"
	"github.com/justt-ai/justt-onboard/stripecheck"
)

// screenKeys are the keys that mean something on the screen on show, most
// useful first: the footer shows as many as fit, ? shows them all.
func (m model) screenKeys() []key.Binding {
	k := m.c.keys
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
		return []key.Binding{resume, k.StartOver, k.Help, k.Quit}
	case stateSummary:
		finish := k.Next
		finish.SetHelp("enter", "finish")
		return []key.Binding{finish, k.Back, k.Help, k.Quit}
	}
	switch {
	case m.step() == 7 && m.c.demo != nil:
		return []key.Binding{k.Next, k.FillNine, k.Toggle, k.Up, k.Down, k.Back, k.GoTo, k.Help, k.Quit}
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
	out = append(out, k.Back, k.GoTo, k.Help, k.Quit)
	if n := len(stepLinks(m.currentStep())); n > 0 {
		out = append(out, k.PrintLink) // the least used: first to go from the footer
	}
	return out
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

// checkKeys are step 11's keys once a key was pasted, the one that moves
// on first: enter when the check passed, y when only a warning or
// unconfirmed rows stand in the way, neither otherwise.
func (m model) checkKeys() []key.Binding {
	k := m.c.keys
	var out []key.Binding
	anyway, _ := m.check.canContinue(true)
	plain, _ := m.check.canContinue(false)
	switch {
	case plain:
		out = append(out, k.Next)
	case anyway:
		out = append(out, k.Anyway)
	}
	if m.check.phase == phaseChecked && !m.check.rejected() {
		out = append(out, k.Recheck)
	}
	if m.c.demo != nil && m.check.phase == phaseChecked && m.check.report.Count(stripecheck.Missing) > 0 {
		out = append(out, k.DemoFix)
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
		// e here goes back to the URL and setup key, not to step 11's key.
		again := k.Another
		again.SetHelp("e", "change the URL or setup key")
		if m.reg.werr != nil && m.reg.werr.Code == stripecheck.CodeDuplicate {
			return []key.Binding{k.Reveal, k.Replace, again}
		}
		return []key.Binding{k.Retry, again}
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

// helpLine is the footer's keys: as many as fit, dropping the least useful
// (the end of screenKeys) first, but always the main action (the first),
// ? and the way to quit.
func (m model) helpLine(w int) string {
	keys := m.footerKeys()
	h := m.helpModel(0) // no width: it would cut with "…" instead of choosing
	for {
		line := h.ShortHelpView(keys)
		drop := -1
		for i := len(keys) - 1; i > 0 && drop < 0; i-- {
			if !essentialKey(keys[i]) {
				drop = i
			}
		}
		if ansi.StringWidth(line) <= w || drop < 0 {
			return line
		}
		keys = append(append([]key.Binding{}, keys[:drop]...), keys[drop+1:]...)
	}
}

// essentialKey is a key the footer never drops: help and quitting.
func essentialKey(b key.Binding) bool {
	switch b.Help().Key {
	case "?", "esc then ?", "q", "ctrl+c":
		return true
	}
	return false
}

// footerKeys are the screen's keys, with ? and a way to quit always among
// them (ctrl+c while a field takes letters as text).
func (m model) footerKeys() []key.Binding {
	k := m.c.keys
	if m.help {
		closeHelp, scroll := k.Help, k.ScrollDown
		closeHelp.SetHelp("?/esc", "close help")
		scroll.SetHelp("pgup/pgdn", "scroll")
		quit := k.Quit
		if m.fieldFocused() || m.registering() {
			quit = m.registeringQuit()
			if !m.registering() {
				quit = k.ForceQuit
			}
		}
		return []key.Binding{closeHelp, scroll, quit}
	}
	keys := m.screenKeys()
	has := func(h string) bool {
		for _, b := range keys {
			if b.Help().Key == h {
				return true
			}
		}
		return false
	}
	if m.confirmQuit {
		return keys
	}
	switch {
	case has("?"):
	case !m.fieldFocused() || m.secretFieldFocused():
		keys = append(keys, k.Help)
	default:
		// In a URL or path field ? is text: say how help is reached.
		keys = append(keys, key.NewBinding(key.WithKeys("esc"), key.WithHelp("esc then ?", "help")))
	}
	if !has("q") && !has("ctrl+c") {
		if m.fieldFocused() {
			keys = append(keys, k.ForceQuit)
		} else {
			keys = append(keys, k.Quit)
		}
	}
	return keys
}

// helpFrame is the ? overlay in room lines: its heading stays, the rest
// scrolls with pgup/pgdn and ↑/↓ (helpScroll).
func (m model) helpFrame(w, room int) string {
	head := m.c.st.title.Render("Keys") + m.c.st.faint.Render("  Press ? or esc to close this help.")
	if room < 3 {
		return clip(head, room, 0, -1, m.c.st)
	}
	return head + "\n" + clip(m.helpText(w), room-1, m.helpScroll, -1, m.c.st)
}

// scrollHelp moves the help overlay's text, kept inside it.
func (m model) scrollHelp(msg tea.KeyMsg) model {
	k := m.c.keys
	cw := min(m.c.width, maxWidth) - 1
	page := max(m.bodyHeight()-2, 1)
	switch {
	case key.Matches(msg, k.ScrollUp):
		m.helpScroll -= page
	case key.Matches(msg, k.ScrollDown):
		m.helpScroll += page
	case key.Matches(msg, k.Up):
		m.helpScroll--
	default:
		m.helpScroll++
	}
	// As clip draws it: one line of the room for the heading, one for a marker.
	m.helpScroll = max(min(m.helpScroll, countLines(m.helpText(cw))-(m.bodyHeight()-1)+1), 0)
	return m
}

// helpText is the ? overlay below its heading: every key of this screen
// and how to move around.
func (m model) helpText(w int) string {
	var b lines
	screen := m.screenKeys()
	move, leave := m.otherKeys()
	b.add(m.helpModel(w).FullHelpView([][]key.Binding{screen, without(screen, move...), without(screen, leave...)}))
	b.add("")
	b.wrap("g then a step number jumps to that step (g 7, g 1 2). Steps 12-17 can be read at any time; step 18, the webhook choice and the summary open once your key has passed step 11. While a field waits for a paste, letters are text: esc leaves the field (back to the screen before), where g, o, c and q work again. q quits except while a field waits for a paste or a registration waits for Stripe; ctrl+c always quits. Secrets are never shown: only their kind, mode and last 4 characters.", w)
	b.add("")
	b.wrap("A link too long for the screen: c copies it, o opens it, w prints it whole on one line of your terminal (for a mouse copy).", w)
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

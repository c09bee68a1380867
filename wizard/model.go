package wizard

import (
	"time"

	"github.com/charmbracelet/bubbles/key"
	"github.com/charmbracelet/bubbles/spinner"
	tea "github.com/charmbracelet/bubbletea"
	"github.com/justt-ai/justt-onboard/onboarding"
	"github.com/justt-ai/justt-onboard/steps"
	"github.com/justt-ai/justt-onboard/stripecheck"
)

// state is which kind of screen the root shows.
type state int

const (
	stateStep          state = iota // one of the guide's 18 steps
	stateWebhookChoice              // after step 11: register, by hand, or skip
	stateRegister                   // register the webhook with a setup key
	stateSummary                    // what was handed over and what happens next
	stateResume                     // the offer to resume an onboarding in progress
	stateToken                      // the Justt onboarding token, at the start
	stateReview                     // what will be handed to Justt; enter sends
)

func (s state) String() string {
	switch s {
	case stateStep:
		return "step"
	case stateWebhookChoice:
		return "webhook choice"
	case stateRegister:
		return "webhook registration"
	case stateSummary:
		return "summary"
	case stateResume:
		return "resume offer"
	case stateToken:
		return "token"
	case stateReview:
		return "hand-off review"
	}
	return "unknown state"
}

// model is the root: it routes keys and answers to the screen on show and
// draws the frame (header, progress, status and help) around it.
type model struct {
	c       *common
	state   state
	linkSel int
	scroll  int
	help    bool
	// helpScroll is the help overlay's own scroll: its heading stays put.
	helpScroll int
	goTo       goTo
	status     string
	// from is the screen the summary was reached from, for esc.
	from state

	form   permForm
	check  keyCheck
	choice choiceScreen
	reg    registerScreen
	secret secretEntry
	verify verifyPanel // step 17's "v"
	tok    tokenScreen
	review reviewScreen

	// fullLink is a link copied without confirmation, shown in full under
	// the status (the step screen cuts long links), until the next key.
	fullLink string

	// demoKey is the fake key minted at step 9 from form version
	// demoKeyVersion (demo only).
	demoKey        stripecheck.Key
	demoKeyVersion int
	minting        bool
	finished       bool
	// saveFailed is set once a save failed and the merchant was told.
	saveFailed bool
	// resumeCheck is set while the key from the keyring is checked again
	// after a resume, so its answer is said wherever the merchant is.
	resumeCheck bool
	// confirmQuit is the question before leaving would lose a secret.
	confirmQuit bool
}

// step is the guide's step on show when state is stateStep (1-18): the
// record's, never a copy of it.
func (m model) step() int { return m.c.flow.rec.Step }

func newModel(c *common) model {
	if c.flow == nil {
		c.flow = newFlow(onboarding.New(time.Now()), nil, nil)
	}
	return model{
		c:      c,
		form:   newPermForm(),
		check:  newKeyCheck(c),
		reg:    newRegisterScreen(c),
		secret: newSecretEntry(),
		verify: newVerifyPanel(c),
	}
}

func (m model) Init() tea.Cmd {
	var prove tea.Cmd
	if m.state == stateToken && m.tok.phase == tokenProving {
		prove = proveTokenCmd(m.c.ctx, m.c.hand, m.c.hand.Token)
	}
	return tea.Batch(probeVaultCmd(m.c.flow.vault), prove)
}

// Update hands msg to the screens, then saves the record when it changed:
// the progress file follows every transition, in a command.
func (m model) Update(msg tea.Msg) (tea.Model, tea.Cmd) {
	v := m.c.flow.version
	next, cmd := m.update(msg)
	if nm, ok := next.(model); ok {
		// The re-check holds while step 11 is not on screen or a field takes typing.
		var hold tea.Cmd
		nm.check, hold = nm.check.holdWatch(nm.holdsRecheck(), m.c)
		next, cmd = nm, tea.Batch(cmd, hold)
	}
	if m.c.flow.version != v {
		cmd = tea.Batch(cmd, m.c.flow.persist())
	}
	return next, cmd
}

func (m model) update(msg tea.Msg) (tea.Model, tea.Cmd) {
	switch msg := msg.(type) {
	case tea.WindowSizeMsg:
		m.c.width, m.c.height = msg.Width, msg.Height
		m.reg.setWidth(msg.Width)
		m.verify.url.Width = urlWidth(msg.Width)
		return m.clampScroll(), nil
	case tea.KeyMsg:
		return m.onKeys(msg)
	case probedMsg:
		return m.onCheck(m.check.onProbe(msg))
	case diagnosedMsg:
		return m.onCheck(m.check.onDiagnose(msg))
	case recheckTickMsg:
		var cmd tea.Cmd
		m.check, cmd = m.check.onRecheckTick(msg, m.c)
		return m, cmd
	case recheckedMsg:
		var cmd tea.Cmd
		m.check, cmd = m.check.onRechecked(msg, m.c)
		return m, cmd
	case reconfirmedMsg:
		m.check = m.check.onReconfirmed(msg, m.c)
	case keptMsg:
		m.c.flow.onKept(msg)
	case secretsLoadedMsg:
		return m.onSecretsLoaded(msg)
	case progressSavedMsg:
		if msg.err != nil && !m.saveFailed {
			m.saveFailed = true
			m.status = "Progress not saved: " + msg.err.Error()
		}
	case vaultProbedMsg:
		if msg.notice != "" {
			m.status = msg.notice
		}
	case spinner.TickMsg:
		var a, b, c tea.Cmd
		m.check, a = m.check.onSpin(msg)
		m.reg, b = m.reg.onSpin(msg)
		m.verify.check, c = m.verify.check.onSpin(msg)
		return m, tea.Batch(a, b, c)
	case mintedMsg:
		return m.onMinted(msg)
	case grantedMsg:
		// The answer to f goes where the eye is (the status line), not
		// under the rows where it may be out of view.
		var cmd tea.Cmd
		m.check, cmd = m.check.onGranted(msg, m.c)
		m.status, m.check.note = m.check.note, ""
		return m, cmd
	case registeredMsg:
		var cmd tea.Cmd
		m.reg, cmd = m.reg.onRegistered(msg, m.c)
		return m, cmd
	case verifiedMsg:
		if msg.origin == verifyAfterRegister {
			m.reg.verify = m.reg.verify.onVerified(msg)
		} else {
			m.verify.check = m.verify.check.onVerified(msg)
		}
		m.c.flow.verified(msg.url, msg.result, msg.err)
	case savedMsg:
		m.reg.saver = m.reg.saver.onSaved(msg, m.c)
		if m.reg.saver.savedTo != "" && m.reg.saver.savedTo == msg.path {
			m.status = savedLine(msg.path)
		}
	case linkDoneMsg:
		m.status, m.fullLink = linkStatus(msg)
	case tokenProvedMsg:
		return m.onTokenProved(msg)
	case sentMsg:
		return m.onSent(msg)
	case secretsDeletedMsg:
		return m.onSecretsDeleted(msg)
	case secretCopiedMsg:
		m.status = copiedStatus(msg)
	}
	return m, nil
}

func (m model) onMinted(msg mintedMsg) (tea.Model, tea.Cmd) {
	pasted := "Pasted a demo setup key (" + msg.key.Redacted() + ")."
	switch msg.purpose {
	case mintSetupRegister:
		m.reg = m.reg.onSetupKey(msg.key)
		if m.reg.entering(entryURL) {
			m.status = pasted
		}
		return m, nil
	case mintSetupVerify:
		m.verify = m.verify.onSetupKey(msg.key)
		if m.verify.entering(entryURL) {
			m.status = pasted
		}
		return m, nil
	}
	m.minting = false
	if msg.key.IsZero() {
		m.status = "The sandbox did not return a demo key. Press esc and enter to try step 9 again."
		return m, nil
	}
	m.demoKey, m.demoKeyVersion = msg.key, msg.version
	return m, nil
}

// onKeys splits typed-ahead keys: a terminal delivers quickly typed
// characters ("g7") as one message, but each one is a command here unless
// a field is taking text. A bracketed paste always stays whole.
func (m model) onKeys(msg tea.KeyMsg) (tea.Model, tea.Cmd) {
	if msg.Type != tea.KeyRunes || msg.Paste || len(msg.Runes) < 2 || m.fieldFocused() {
		return m.onKey(msg)
	}
	var cmds []tea.Cmd
	var next tea.Model = m
	for i, r := range msg.Runes {
		cur := next.(model)
		if cur.fieldFocused() {
			// The rest is text for the field that just opened.
			rest := tea.KeyMsg{Type: tea.KeyRunes, Runes: msg.Runes[i:], Alt: msg.Alt}
			var cmd tea.Cmd
			next, cmd = cur.onKey(rest)
			return next, tea.Batch(append(cmds, cmd)...)
		}
		var cmd tea.Cmd
		next, cmd = cur.onKey(tea.KeyMsg{Type: tea.KeyRunes, Runes: []rune{r}, Alt: msg.Alt})
		cmds = append(cmds, cmd)
	}
	return next, tea.Batch(cmds...)
}

func (m model) onKey(msg tea.KeyMsg) (tea.Model, tea.Cmd) {
	k := m.c.keys
	if m.confirmQuit {
		return m.confirmKey(msg)
	}
	if key.Matches(msg, k.ForceQuit) {
		return m.quitKey()
	}
	m.fullLink = "" // it belongs to the status of the key before
	if m.goTo.active {
		return m.onGoTo(msg)
	}
	if m.help {
		return m.helpKey(msg)
	}
	m.status = ""
	if m.fieldFocused() && m.fieldPasses(msg) {
		return m.globalKey(msg)
	}
	m, cmd, out := m.screenKey(msg)
	if out.status != "" {
		m.status = out.status
	}
	if out.next {
		return m.forward(cmd)
	}
	if out.handled || m.fieldFocused() && !key.Matches(msg, k.Back) {
		return m, cmd
	}
	return m.globalKey(msg)
}

// globalKey handles what every screen shares, once the screen passed.
func (m model) globalKey(msg tea.KeyMsg) (tea.Model, tea.Cmd) {
	k := m.c.keys
	switch {
	case key.Matches(msg, k.Quit):
		return m.quitKey()
	case key.Matches(msg, k.Help):
		m.help = true
	case key.Matches(msg, k.GoTo):
		m.goTo = goTo{active: true}
	case key.Matches(msg, k.Back):
		return m.back()
	case key.Matches(msg, k.Next):
		return m.forward(nil)
	case key.Matches(msg, k.ScrollUp):
		m.scroll -= max(m.bodyHeight()-1, 1)
	case key.Matches(msg, k.ScrollDown):
		m.scroll += max(m.bodyHeight()-1, 1)
	case key.Matches(msg, k.Up):
		m.scroll--
	case key.Matches(msg, k.Down):
		m.scroll++
	case m.state == stateStep && key.Matches(msg, k.Open, k.Copy, k.NextLink, k.PrintLink):
		return m.linkKey(msg)
	}
	return m.clampScroll(), nil
}

func (m model) onGoTo(msg tea.KeyMsg) (tea.Model, tea.Cmd) {
	var res goToResult
	m.goTo, res = m.goTo.update(msg)
	switch {
	case res.refuse != "":
		m.status = res.refuse
	case res.step > 0:
		return m.enterStep(res.step)
	}
	return m, nil
}

// helpKey is a key while the help overlay is shown: ? or esc close it, q
// quits where it would without the overlay.
func (m model) helpKey(msg tea.KeyMsg) (tea.Model, tea.Cmd) {
	k := m.c.keys
	switch {
	case key.Matches(msg, k.Help, k.Back):
		m.help, m.helpScroll = false, 0
	case key.Matches(msg, k.ScrollUp, k.ScrollDown, k.Up, k.Down):
		return m.scrollHelp(msg), nil
	case key.Matches(msg, k.Quit) && m.registering():
		m.status = registeringStatus
	case key.Matches(msg, k.Quit) && !m.fieldFocused():
		return m.quitKey()
	}
	return m, nil
}

// fieldPasses is true for the keys a focused field leaves to the frame
// because they are never text in it: scrolling and tab everywhere, and ?
// in a secret field (Stripe keys and signing secrets are [A-Za-z0-9_]; a
// URL may hold a ?, so there it stays text). A paste is always text.
func (m model) fieldPasses(msg tea.KeyMsg) bool {
	if msg.Paste {
		return false
	}
	switch msg.Type {
	case tea.KeyPgUp, tea.KeyPgDown, tea.KeyUp, tea.KeyDown, tea.KeyTab:
		return true
	}
	return m.secretFieldFocused() && key.Matches(msg, m.c.keys.Help)
}

// secretFieldFocused is true while a masked field (key, setup key or
// signing secret) has focus.
func (m model) secretFieldFocused() bool {
	return m.fieldFocused() && !m.textFieldFocused()
}

// textFieldFocused is true while a plain text field (a URL or a file path)
// has focus: there ? is text.
func (m model) textFieldFocused() bool {
	switch m.state {
	case stateRegister:
		return m.reg.url.Focused() || m.reg.saver.focused()
	case stateStep:
		return m.step() == verifyStep17 && m.verify.url.Focused()
	}
	return false
}

// registering is true while Stripe has not answered the registration.
func (m model) registering() bool {
	return m.state == stateRegister && m.reg.phase == regWorking
}

// fieldFocused is true while a text field takes every key but ctrl+c, esc
// and the few fieldPasses lets through.
func (m model) fieldFocused() bool {
	switch m.state {
	case stateStep:
		return m.step() == 11 && m.check.field.focused() || m.step() == 18 && m.secret.field.focused() ||
			m.step() == verifyStep17 && m.verify.fieldFocused()
	case stateRegister:
		return m.reg.fieldFocused()
	case stateToken:
		return m.tok.field.focused()
	}
	return false
}

// screenKey gives the screen on show the first look at a key.
func (m model) screenKey(msg tea.KeyMsg) (model, tea.Cmd, outcome) {
	var cmd tea.Cmd
	var out outcome
	switch m.state {
	case stateStep:
		return m.stepKey(msg)
	case stateResume:
		return m.resumeKey(msg)
	case stateToken:
		return m.tokenKey(msg)
	case stateReview:
		return m.reviewKey(msg)
	case stateWebhookChoice:
		m.choice, out = m.choice.update(msg, m.c.keys)
	case stateRegister:
		if next, cmd, ok := m.copySecretKey(msg); ok {
			return next, cmd, outcome{handled: true}
		}
		m.reg, cmd, out = m.reg.update(msg, m.c)
	case stateSummary:
		if key.Matches(msg, m.c.keys.Next) {
			m.finished = true
			return m, tea.Quit, outcome{handled: true}
		}
	}
	return m, cmd, out
}

func (m model) stepKey(msg tea.KeyMsg) (model, tea.Cmd, outcome) {
	var cmd tea.Cmd
	var out outcome
	if next, cmd, ok := m.copySecretKey(msg); ok {
		return next, cmd, outcome{handled: true}
	}
	switch {
	case m.step() == steps.PermissionStep && m.c.demo != nil:
		m.form, out.handled = m.form.update(msg, m.c.keys)
	case m.step() == 11:
		if m.c.demo != nil && (key.Matches(msg, m.c.keys.DemoPasteField) ||
			!m.check.field.focused() && key.Matches(msg, m.c.keys.DemoPaste)) {
			return m.pasteDemoKey()
		}
		return m.checkKey(msg)
	case m.step() == verifyStep17:
		m.verify, cmd, out = m.verify.update(msg, m.c)
	case m.step() == 18:
		m.secret, cmd, out = m.secret.update(msg, m.c)
	}
	return m, cmd, out
}

// pasteDemoKey stands in for copying the key from a real dashboard.
func (m model) pasteDemoKey() (model, tea.Cmd, outcome) {
	if m.demoKey.IsZero() {
		return m, nil, outcome{handled: true, status: "No demo key yet: step 9 creates it from the rows ticked at step 7 (press g 9)."}
	}
	var cmd tea.Cmd
	m.check, cmd = m.check.submitKey(m.demoKey, m.c)
	return m, cmd, outcome{handled: true, status: "Pasted the demo key (" + m.demoKey.Redacted() + ")."}
}

// onCheck takes the key check's progress; a finished check goes to the
// record (which decides whether the key part stays passed).
func (m model) onCheck(k keyCheck) (tea.Model, tea.Cmd) {
	finished := m.check.phase == phaseChecking && k.phase == phaseChecked
	m.check = k
	if !finished {
		return m, nil
	}
	m.c.flow.checked(k)
	if m.resumeCheck {
		m.resumeCheck = false
		m.status = resumeCheckStatus(m.c.flow)
	}
	var cmd tea.Cmd
	m.check, cmd = m.check.watchAfterCheck(m.c)
	return m, cmd
}

// holdsRecheck is true while step 11's re-check should wait: its screen is
// not on show, or the merchant is typing (a field, a step number).
func (m model) holdsRecheck() bool {
	return m.state != stateStep || m.step() != 11 || m.fieldFocused() || m.goTo.active
}

package wizard

import (
	"errors"

	tea "github.com/charmbracelet/bubbletea"
	"github.com/justt-ai/justt-onboard/onboarding"
	"github.com/justt-ai/justt-onboard/steps"
)

// keyPartStep is the step that ends Part 1 (the record's KeyStep).
const keyPartStep = onboarding.KeyStep

// forward is enter on a screen that is done (or has nothing to take).
// cmd is what the screen itself asked for on the way.
func (m model) forward(cmd tea.Cmd) (tea.Model, tea.Cmd) {
	switch m.state {
	case stateStep:
		switch {
		case m.step() == keyPartStep:
			if !m.c.flow.keyPassed() {
				m.status = "Paste the key first: the wizard moves on once the check passes."
				return m, cmd
			}
			m.state = stateWebhookChoice
			m.scroll = 0
			return m, cmd
		case m.step() == steps.Total:
			return m.toReview(stateStep, cmd)
		}
		next, c2 := m.enterStep(m.step() + 1)
		return next, tea.Batch(cmd, c2)
	case stateWebhookChoice:
		switch m.choice.picked() {
		case choiceRegister:
			m.state, m.scroll = stateRegister, 0
			m.reg.show()
			return m, cmd
		case choiceByHand:
			if err := m.c.flow.chooseWebhook(onboarding.WebhookByHand); err != nil {
				m.status = err.Error()
				return m, cmd
			}
			next, c2 := m.enterStep(keyPartStep + 1)
			return next, tea.Batch(cmd, c2)
		default:
			if err := m.c.flow.chooseWebhook(onboarding.WebhookSkipped); err != nil {
				m.status = err.Error()
				return m, cmd
			}
			return m.toReview(stateWebhookChoice, cmd)
		}
	case stateRegister:
		if m.reg.revealInstead {
			// The existing endpoint's secret is revealed and pasted by hand.
			if err := m.c.flow.chooseWebhook(onboarding.WebhookByHand); err != nil {
				m.status = err.Error()
				return m, cmd
			}
			m.reg = m.reg.leave()
			next, c2 := m.enterStep(17)
			return next, tea.Batch(cmd, c2)
		}
		return m.toReview(stateRegister, cmd)
	}
	return m, cmd
}

// toSummary is the record's Finish: it says what is still missing.
func (m model) toSummary(cmd tea.Cmd) (tea.Model, tea.Cmd) {
	if err := m.c.flow.finish(); err != nil {
		m.status = err.Error()
		return m, cmd
	}
	m.from, m.state, m.scroll = m.state, stateSummary, 0
	return m, cmd
}

// back is esc: the previous step, or the screen this one was reached from.
func (m model) back() (tea.Model, tea.Cmd) {
	switch m.state {
	case stateStep:
		switch m.step() {
		case 1:
			m.status = "This is the first step."
			return m, nil
		case keyPartStep + 1:
			if !m.c.flow.keyPassed() {
				// The choice waits for the key: back is step 11 itself.
				return m.enterStep(keyPartStep)
			}
			m.state, m.scroll = stateWebhookChoice, 0
			return m, nil
		}
		return m.enterStep(m.step() - 1)
	case stateWebhookChoice:
		return m.enterStep(keyPartStep)
	case stateRegister:
		m.reg = m.reg.leave()
		m.state, m.scroll = stateWebhookChoice, 0
	case stateReview:
		return m.leaveReview()
	case stateSummary:
		m.c.flow.unfinish()
		if m.from == stateReview {
			m.state, m.scroll = stateReview, 0
			return m, nil
		}
		if m.from == stateStep {
			return m.enterStep(steps.Total)
		}
		m.state, m.scroll = m.from, 0
	}
	return m, nil
}

// enterStep shows step n. Steps 12-17 may be read at any time (the
// onboarding manager says "go to step 12" during a screen share); step 18,
// which takes the signing secret, waits until the key part is done: the
// webhook is worth nothing to Justt without a working key.
func (m model) enterStep(n int) (tea.Model, tea.Cmd) {
	if err := m.c.flow.goTo(n); err != nil {
		m.status = err.Error()
		if errors.Is(err, onboarding.ErrKeyPartOpen) {
			m.status = partOneNotice + " Step 18 takes the signing secret once it has: finish step 11 first."
		}
		return m, nil
	}
	m.state, m.linkSel, m.scroll = stateStep, 0, 0
	var cmd tea.Cmd
	switch n {
	case 9:
		if d := m.c.demo; d != nil && d.MintKey != nil && (m.demoKey.IsZero() || m.demoKeyVersion != m.form.version) {
			m.minting = true
			scopes := m.form.scopes()
			cmd = mintCmd(func() string { return d.MintKey(scopes) }, m.form.version, mintAPIKey)
		}
	case keyPartStep:
		if m.check.phase == phaseEntering {
			m.check.field.focus()
		}
	case steps.Total:
		if pastedSecret(m.c).IsZero() {
			m.secret.field.focus()
		}
	}
	return m, cmd
}

func (m model) currentStep() steps.Step { return steps.All[m.step()-1] }

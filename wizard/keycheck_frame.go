package wizard

import (
	"github.com/charmbracelet/bubbles/key"
	tea "github.com/charmbracelet/bubbletea"
)

// checkKey is a key at step 11, with two rules of the frame around the
// check: a key pasted while results are shown replaces the key shown and
// is checked at once (as e then a paste would), and enter or y that cannot
// continue says so in one line, since the check on screen already says
// why (repeating it in the status would push Key: off the screen).
func (m model) checkKey(msg tea.KeyMsg) (model, tea.Cmd, outcome) {
	k := m.c.keys
	if msg.Paste && !m.check.field.focused() {
		m.check, _, _ = m.check.update(tea.KeyMsg{Type: tea.KeyRunes, Runes: []rune{'e'}}, m.c)
		if !m.check.field.focused() {
			return m, nil, outcome{handled: true} // e did not open the field: nothing to replace
		}
	}
	var cmd tea.Cmd
	var out outcome
	m.check, cmd, out = m.check.update(msg, m.c)
	if m.check.phase == phaseChecked && !out.next && out.status != "" && key.Matches(msg, k.Next, k.Anyway) {
		out.status = "Not yet: the check above says why, and what to press."
	}
	return m, cmd, out
}

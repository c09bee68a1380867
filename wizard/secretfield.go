package wizard

import (
	"strings"

	"github.com/charmbracelet/bubbles/cursor"
	"github.com/charmbracelet/bubbles/textinput"
	tea "github.com/charmbracelet/bubbletea"
)

// secretField takes a secret by paste or typing and never draws it: not its
// characters, not a mask whose width would tell its length. It has no
// character limit, so a 107-character key arrives whole.
type secretField struct {
	in textinput.Model
	// stale is set when what the field holds was refused: a new bracketed
	// paste then replaces it instead of being appended to it, while typing
	// keeps editing it (nothing the merchant entered is thrown away).
	stale bool
}

func newSecretField() secretField {
	in := textinput.New()
	in.Prompt = "› "
	in.EchoMode = textinput.EchoNone
	in.CharLimit = 0
	// A static cursor: no blink timer redrawing the screen while the
	// merchant reads.
	in.Cursor.SetMode(cursor.CursorStatic)
	return secretField{in: in}
}

// update feeds a key to the field. submitted is true when the merchant
// pressed enter or pasted (a bracketed paste is a whole key: check it at once).
func (f secretField) update(msg tea.KeyMsg) (secretField, bool) {
	if msg.Type == tea.KeyEnter {
		return f, true
	}
	if msg.Paste {
		if f.stale {
			f.in.SetValue("")
		}
		f.stale = false
		f.in, _ = f.in.Update(msg)
		return f, true
	}
	f.in, _ = f.in.Update(msg)
	return f, false
}

// value is what was entered, trimmed of the white space a copy often drags along.
func (f secretField) value() string { return strings.TrimSpace(f.in.Value()) }

// refused marks the content as rejected; it stays in the field.
func (f *secretField) refused() { f.stale = true }

func (f *secretField) focus() { f.in.Focus() }
func (f *secretField) blur()  { f.in.Blur() }
func (f secretField) focused() bool {
	return f.in.Focused()
}

// clear forgets the content, once it is held as a stripecheck.Key.
func (f *secretField) clear() {
	f.in.SetValue("")
	f.stale = false
}

// view draws the prompt and whether something is in the field, never what.
func (f secretField) view(st styles) string {
	state := st.faint.Render("(empty: paste here)")
	if f.in.Value() != "" {
		state = st.accent.Render("(received, hidden)")
	}
	cursor := ""
	if f.focused() {
		cursor = "▌ "
	}
	return f.in.Prompt + cursor + state
}

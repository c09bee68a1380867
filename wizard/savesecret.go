package wizard

import (
	"errors"
	"io/fs"
	"path/filepath"
	"strings"

	"github.com/charmbracelet/bubbles/textinput"
	tea "github.com/charmbracelet/bubbletea"
	"github.com/justt-ai/justt-onboard/internal/safetext"
	"github.com/justt-ai/justt-onboard/internal/secretfile"
	"github.com/justt-ai/justt-onboard/stripecheck"
)

// defaultSecretPath is where the signing secret is saved unless the
// merchant types another path: the folder the wizard was started in.
const defaultSecretPath = "./justt-webhook-secret.txt"

// secretSaver is "s save the signing secret to a file" after a
// registration. Until the wizard can hand the secret to Justt (or keep it
// in the OS keyring), a new file with mode 0600 spares the merchant
// revealing it in the dashboard. A file that exists is never overwritten.
type secretSaver struct {
	path    textinput.Model
	working bool
	gen     int
	// problem is why the last try failed and what to do, or "".
	problem string
	// savedTo is the file the secret went to, once it did.
	savedTo string
}

func newSecretSaver(c *common) secretSaver {
	in := textinput.New()
	in.Prompt = "› "
	in.CharLimit = 0
	in.Width = urlWidth(c.width)
	in.SetValue(defaultSecretPath)
	return secretSaver{path: in}
}

func (s secretSaver) focused() bool { return s.path.Focused() }

// open shows the path field, the default (or the last try) in it.
func (s secretSaver) open() secretSaver {
	s.path.Focus()
	s.path.CursorEnd()
	return s
}

// update takes the path field's keys: enter saves, esc closes the field.
func (s secretSaver) update(msg tea.KeyMsg, secret stripecheck.Key) (secretSaver, tea.Cmd, outcome) {
	switch msg.Type {
	case tea.KeyEsc:
		s.path.Blur()
		s.problem = ""
		return s, nil, outcome{handled: true, status: "Not saved: the signing secret stays in memory for this run only."}
	case tea.KeyEnter:
	default:
		s.path, _ = s.path.Update(msg)
		return s, nil, outcome{handled: true}
	}
	path := strings.TrimSpace(s.path.Value())
	if path == "" {
		s.problem = "Type the path of a new file, such as " + defaultSecretPath + "."
		return s, nil, outcome{handled: true}
	}
	s.gen++
	s.working, s.problem = true, ""
	s.path.Blur()
	return s, saveSecretCmd(s.gen, path, secret), outcome{handled: true, status: "Saving the signing secret…"}
}

func (s secretSaver) onSaved(msg savedMsg, c *common) secretSaver {
	if msg.gen != s.gen || !s.working {
		return s
	}
	s.working = false
	if msg.err != nil {
		s.problem = saveProblem(msg.path, msg.err)
		return s.open()
	}
	s.savedTo = msg.path
	c.flow.savedTo(msg.path)
	return s
}

// saveSecretCmd writes the secret to a new file with mode 0600. The path
// it reports is absolute when it can be, so the merchant knows where to
// find (and later delete) the file.
func saveSecretCmd(gen int, path string, secret stripecheck.Key) tea.Cmd {
	return func() tea.Msg {
		shown := path
		if abs, err := filepath.Abs(path); err == nil {
			shown = abs
		}
		shown = safetext.Line(shown) // a typed or pasted path is drawn: no controls
		f, err := secretfile.Reserve(path)
		if err != nil {
			return savedMsg{gen: gen, path: shown, err: err}
		}
		if err := f.Keep(secret.Reveal()); err != nil {
			f.Discard()
			return savedMsg{gen: gen, path: shown, err: err}
		}
		return savedMsg{gen: gen, path: shown}
	}
}

// saveProblem says why the file could not be made and the way forward:
// another path.
func saveProblem(path string, err error) string {
	reason := err
	var pe *fs.PathError
	if errors.As(err, &pe) {
		reason = pe.Err // the path is said once, below
	}
	switch {
	case errors.Is(err, fs.ErrExist):
		return "A file already exists at " + path + ": the wizard never overwrites one. Type another path (or move that file away first)."
	case errors.Is(err, fs.ErrNotExist):
		return "The folder of " + path + " does not exist. Type a path in a folder that exists."
	case errors.Is(err, fs.ErrPermission):
		return "You may not create " + path + " (permission denied). Type a path in a folder you can write to, such as your home folder."
	}
	return "Could not save to " + path + " (" + reason.Error() + "). Type another path."
}

// savedLine is the sentence the register screen, the summary and the
// accessible mode use once the file exists.
func savedLine(path string) string {
	return "Signing secret saved to " + path + " (mode 0600)."
}

func (s secretSaver) view(c *common, w int) string {
	st := c.st
	var b lines
	switch {
	case s.savedTo != "":
		b.wrap(st.ok.Render("✓ ")+savedLine(s.savedTo), w)
	case s.working:
		b.add(st.faint.Render("Saving the signing secret…"))
	case s.focused():
		b.wrap("Save the signing secret to a new file (mode 0600, readable by you only; an existing file is never overwritten):", w)
		b.add(s.path.View())
		if s.problem != "" {
			b.wrap(st.bad.Render("✗ ")+s.problem, w)
		}
	default:
		b.wrap("Press "+st.accent.Render("s")+" to save the signing secret to a file, so you need not reveal it in the dashboard.", w)
	}
	return b.String()
}

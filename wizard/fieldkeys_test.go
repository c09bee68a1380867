package wizard

import (
	"strings"
	"testing"

	tea "github.com/charmbracelet/bubbletea"
)

// secretFields are the masked fields, each opened with something refused
// in it (so the screen is long enough to scroll and the field keeps text).
var secretFields = []struct {
	name  string
	open  func(h *harness) *harness
	value func(m model) string
	back  string // what the footer says esc does
}{
	{"step 11 key", func(h *harness) *harness { return h.goStep(11).paste("not a Stripe key") },
		func(m model) string { return m.check.field.in.Value() }, "esc leave field (to step 10)"},
	{"step 18 signing secret", func(h *harness) *harness {
		return h.passKeyPart().goStep(18).paste(testKey("rk_live_", "WRNG"))
	}, func(m model) string { return m.secret.field.in.Value() }, "esc leave field (to step 17)"},
	{"setup key", func(h *harness) *harness { return h.passKeyPart().keys("a").paste(testKey("whsec_", "NOPE")) },
		func(m model) string { return m.reg.setup.in.Value() }, "esc leave field (to the choice)"},
	{"step 17 verify setup key", func(h *harness) *harness {
		return h.passKeyPart().goStep(17).keys("v").paste(testKey("whsec_", "NOPE"))
	}, func(m model) string { return m.verify.setup.in.Value() }, "esc cancel verifying"},
}

// ?, pgup/pgdn and tab are never part of a Stripe key, so a masked field
// leaves them to the frame: the help and scrolling the footer lists work.
func TestSecretFieldsLeaveHelpAndScrollingToTheFrame(t *testing.T) {
	for _, f := range secretFields {
		t.Run(f.name, func(t *testing.T) {
			h := f.open(newHarness(t, newFakeEngine(), nil))
			h.send(tea.WindowSizeMsg{Width: 60, Height: 16})
			held := f.value(h.m)
			if !h.m.secretFieldFocused() || held == "" {
				t.Fatalf("the field is not focused with the refused paste in it (focused %v)", h.m.secretFieldFocused())
			}
			h.keys("?")
			if !h.m.help {
				t.Fatalf("? did not open the help:\n%s", h.view())
			}
			h.keys("q")
			if h.quit {
				t.Fatal("q under the help quit while a field waits for a paste")
			}
			if h.keys("esc"); h.m.help {
				t.Fatal("esc did not close the help")
			}
			h.keys("pgdown")
			if h.m.scroll == 0 {
				t.Fatalf("pgdn did not scroll:\n%s", h.view())
			}
			h.keys("pgup")
			if h.m.scroll != 0 {
				t.Fatalf("pgup left the scroll at %d", h.m.scroll)
			}
			h.keys("tab")
			if got := f.value(h.m); got != held {
				t.Fatalf("the field went from %q to %q: a frame key was taken as text", held, got)
			}
			if !h.m.secretFieldFocused() {
				t.Fatal("the field lost focus")
			}
		})
	}
}

func TestTabOnAStepFieldReachesTheLinks(t *testing.T) {
	h := newHarness(t, newFakeEngine(), nil).goStep(11)
	h.keys("tab").want("This step has no link")
}

// A URL may hold a '?', so the URL field keeps it as text; scrolling still
// passes.
func TestURLFieldKeepsQuestionMarkAsText(t *testing.T) {
	h := newHarness(t, newFakeEngine(), nil).passKeyPart()
	h.keys("a").paste(testKey("sk_live_", "SETU")).typeText(hookURL + "?acct=1")
	if got := h.m.reg.url.Value(); got != hookURL+"?acct=1" {
		t.Fatalf("the URL field holds %q", got)
	}
	h.wantNot("Press ? or esc to close")
	shown := keysShown(h.m)
	if containsPrefix(shown, "? ") {
		t.Errorf("the URL field's help lists ?: %v", shown)
	}
	// The same for step 17's verify.
	h = newHarness(t, newFakeEngine(), nil).passKeyPart()
	h.goStep(17).keys("v").paste(testKey("sk_live_", "SETU")).typeText(hookURL + "?acct=1")
	if got := h.m.verify.url.Value(); got != hookURL+"?acct=1" {
		t.Fatalf("step 17's URL field holds %q", got)
	}
	h.wantNot("Press ? or esc to close")
}

// The footer and the ? help list only keys that work while a field has
// focus, and say what esc does there.
func TestFieldHelpListsOnlyWorkingKeys(t *testing.T) {
	for _, f := range secretFields {
		t.Run(f.name, func(t *testing.T) {
			h := f.open(newHarness(t, newFakeEngine(), nil))
			shown := keysShown(h.m)
			for _, want := range []string{f.back, "? help", "ctrl+c quit", "pgdn scroll down"} {
				if !strings.Contains(strings.Join(shown, "|"), want) {
					t.Errorf("the help lacks %q: %v", want, shown)
				}
			}
			for _, gone := range []string{"g ", "q ", "o ", "c ", "enter continue", "esc back"} {
				if containsPrefix(shown, gone) {
					t.Errorf("the help lists %q, which is text in the field: %v", gone, shown)
				}
			}
			// The footer fits at 80 columns, esc included.
			h.want(f.back)
			h.keys("esc")
			if h.m.fieldFocused() {
				t.Fatal("esc did not leave the field")
			}
		})
	}
}

// The field itself never tells how much was typed: not the characters, not
// a mask, not a count. (A refused key's summary below it may give a short
// string's length; that is the key's redaction, not the field.)
func TestSecretFieldsNeverShowALength(t *testing.T) {
	open := map[string]func(h *harness) *harness{
		"step 11":   func(h *harness) *harness { return h.goStep(11) },
		"step 18":   func(h *harness) *harness { return h.passKeyPart().goStep(18) },
		"setup key": func(h *harness) *harness { return h.passKeyPart().keys("a") },
		"step 17":   func(h *harness) *harness { return h.passKeyPart().goStep(17).keys("v") },
	}
	for name, o := range open {
		t.Run(name, func(t *testing.T) {
			var screens []string
			for _, typed := range []string{"a", "abc", strings.Repeat("x", 64)} {
				h := o(newHarness(t, newFakeEngine(), nil))
				screens = append(screens, h.typeText(typed).view())
			}
			for i := 1; i < len(screens); i++ {
				if screens[i] != screens[0] {
					t.Fatalf("the screen differs with the length typed:\n%s\n---\n%s", screens[0], screens[i])
				}
			}
			if !strings.Contains(screens[0], "(received, hidden)") {
				t.Fatalf("the field does not say it holds something:\n%s", screens[0])
			}
		})
	}
}

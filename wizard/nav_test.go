package wizard

import (
	"errors"
	"slices"
	"strings"
	"testing"

	tea "github.com/charmbracelet/bubbletea"
	"github.com/charmbracelet/x/ansi"
	"github.com/justt-ai/justt-onboard/steps"
)

func TestStateNames(t *testing.T) {
	seen := map[string]bool{}
	for s := stateStep; s <= stateSummary; s++ {
		name := s.String()
		if name == "" || name == "unknown state" || seen[name] {
			t.Errorf("state %d is named %q", s, name)
		}
		seen[name] = true
	}
	if got := state(99).String(); got != "unknown state" {
		t.Errorf("state(99) = %q", got)
	}
}

func TestEveryStepScreenShowsWhereTheMerchantIs(t *testing.T) {
	h := newHarness(t, newFakeEngine(), nil)
	h.passKeyPart()
	for _, s := range steps.All {
		h.goStep(s.Number).at(stateStep, s.Number)
		h.want(
			"Step "+itoa(s.Number)+" of 18",
			"Part "+itoa(int(s.Part))+" · "+s.Part.String(),
			strings.Repeat("█", s.Number)+strings.Repeat("░", 18-s.Number),
			s.Title,
		)
		if s.Number != keyPartStep && s.Number != steps.Total {
			h.want("Needs: ")
		}
		if s.Link != "" {
			// Next to the links (the footer may drop them for want of room).
			h.want("o opens the selected link", "c copies it")
		}
	}
}

func TestNextAndBack(t *testing.T) {
	h := newHarness(t, newFakeEngine(), nil)
	h.at(stateStep, 1).keys("enter").at(stateStep, 2).keys("enter").at(stateStep, 3)
	h.keys("esc").at(stateStep, 2).keys("esc", "esc").at(stateStep, 1)
	h.want("This is the first step.")
	// Enter at step 11 without a key does not leave the key part.
	h.goStep(11).keys("enter").at(stateStep, 11)
}

// The onboarding manager says "go to step 12" during a screen share: steps
// 12-17 can be read before the key passes, with a note that Part 1 isn't
// finished; what takes or hands over something stays locked.
func TestWebhookStepsBeforeTheKeyPasses(t *testing.T) {
	h := newHarness(t, newFakeEngine(), nil)
	h.send(tea80x40())
	h.goStep(10).goStep(12).at(stateStep, 12).want("Step 12 of 18", "Part 1 isn't finished: the key at step 11 still has to pass its check.", "Open Developers → Webhooks")
	for n := 13; n <= 17; n++ {
		h.keys("enter").at(stateStep, n).want("Part 1 isn't finished")
	}
	// Step 18's secret field waits for the key, by enter or by g.
	h.keys("enter").at(stateStep, 17)
	wantStatus(t, h, "Step 18 takes the signing secret once it has: finish step 11 first.")
	h.goStep(18).at(stateStep, 17)
	wantStatus(t, h, "Step 18 takes the signing secret")
	if h.m.secret.field.focused() {
		t.Fatal("the signing secret field opened before the key passed")
	}
	// Step 17's verify is locked too, and not offered.
	h.wantNot("v verify").keys("v").at(stateStep, 17)
	wantStatus(t, h, "Verifying the webhook opens once it has.")
	if h.m.verify.phase != panelOffered {
		t.Fatal("v opened the verify fields before the key passed")
	}
	// Back from step 12 is step 11 (the webhook choice waits for the key).
	h.goStep(12).keys("esc").at(stateStep, 11)
	// Once the key passes, the note is gone.
	h.paste(testKey("rk_live_", "LIVE")).keys("enter").at(stateWebhookChoice, 0)
	h.goStep(12).wantNot("Part 1 isn't finished")
	h.keys("esc").at(stateWebhookChoice, 0)
}

func TestGoTo(t *testing.T) {
	tests := []struct {
		name       string
		keys       []string
		keyDone    bool
		wantStep   int
		wantStatus string
	}{
		{"two digits", []string{"g", "1", "2"}, true, 12, ""},
		{"two digits before the key is checked", []string{"g", "1", "2"}, false, 12, "Part 1 isn't finished"},
		{"17 before the key is checked", []string{"g", "1", "7"}, false, 17, "Part 1 isn't finished"},
		{"18 waits for the key", []string{"g", "1", "8"}, false, 3, "Part 1 isn't finished: the key at step 11"},
		{"one digit jumps at once", []string{"g", "7"}, false, 7, ""},
		{"1 then enter", []string{"g", "1", "enter"}, false, 1, ""},
		{"18", []string{"g", "1", "8"}, true, 18, ""},
		{"no step 19", []string{"g", "1", "9"}, true, 3, "There is no step 19"},
		{"no step 0", []string{"g", "0"}, false, 3, "There is no step 0"},
		{"esc cancels", []string{"g", "1", "esc"}, false, 3, ""},
		{"a letter cancels", []string{"g", "x"}, false, 3, "Go to step cancelled"},
		{"backspace edits", []string{"g", "1", "backspace", "5"}, false, 5, ""},
		{"enter alone cancels", []string{"g", "enter"}, false, 3, ""},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			h := newHarness(t, newFakeEngine(), nil)
			if tt.keyDone {
				h.passKeyPart()
			}
			h.goStep(3).keys(tt.keys...).at(stateStep, tt.wantStep)
			if h.m.goTo.active {
				t.Fatal("the jump is still pending")
			}
			if tt.wantStatus != "" {
				h.want(tt.wantStatus)
			}
		})
	}
}

// wantStatus checks the status line's words (the screen wraps them).
func wantStatus(t *testing.T, h *harness, want string) {
	t.Helper()
	if !strings.Contains(h.m.status, want) {
		t.Fatalf("the status is %q, want it to say %q", h.m.status, want)
	}
}

func TestGoToShowsWhatWasTyped(t *testing.T) {
	h := newHarness(t, newFakeEngine(), nil)
	h.keys("g").want("Go to step: _").keys("1").want("Go to step: 1_")
}

func TestQuit(t *testing.T) {
	t.Run("q quits on a step", func(t *testing.T) {
		h := newHarness(t, newFakeEngine(), nil)
		if h.keys("q"); !h.quit {
			t.Fatal("q did not quit")
		}
	})
	t.Run("q is typed into a focused field", func(t *testing.T) {
		h := newHarness(t, newFakeEngine(), nil)
		h.goStep(11).keys("q")
		if h.quit {
			t.Fatal("q quit while the key field had focus")
		}
		if got := h.m.check.field.in.Value(); got != "q" {
			t.Fatalf("the field holds %q, want q", got)
		}
	})
	t.Run("ctrl+c quits from a field", func(t *testing.T) {
		h := newHarness(t, newFakeEngine(), nil)
		if h.goStep(11).keys("ctrl+c"); !h.quit {
			t.Fatal("ctrl+c did not quit")
		}
	})
	t.Run("ctrl+c quits from help and go-to", func(t *testing.T) {
		h := newHarness(t, newFakeEngine(), nil)
		if h.keys("?", "ctrl+c"); !h.quit {
			t.Fatal("ctrl+c did not quit from help")
		}
		h = newHarness(t, newFakeEngine(), nil)
		if h.keys("g", "ctrl+c"); !h.quit {
			t.Fatal("ctrl+c did not quit from go-to")
		}
	})
}

func TestHelpToggle(t *testing.T) {
	h := newHarness(t, newFakeEngine(), nil)
	h.wantNot("Press ? or esc to close").keys("?").want("Keys", "go to step", "Press ? or esc to close")
	h.keys("enter").at(stateStep, 1).want("Keys") // keys other than ?/esc do nothing under help
	h.keys("?").wantNot("Press ? or esc to close")
	h.keys("?", "esc").wantNot("Press ? or esc to close").at(stateStep, 1)
}

func TestLinksOpenAndCopyThroughInjectedActions(t *testing.T) {
	h := newHarness(t, newFakeEngine(), nil)
	h.keys("o")
	if len(h.opened) != 1 || h.opened[0] != steps.LoginURL {
		t.Fatalf("opened %v, want the login page", h.opened)
	}
	h.want("Opened Dashboard.")
	h.goStep(4).keys("tab", "c")
	if len(h.copied) != 1 || h.copied[0] != steps.PrefilledKeyURL(false) {
		t.Fatalf("copied %v, want the live pre-filled link", h.copied)
	}
	h.keys("tab", "o")
	if h.opened[len(h.opened)-1] != steps.PrefilledKeyURL(true) {
		t.Fatalf("opened %v, want the test-mode pre-filled link", h.opened)
	}
	h.want("Pre-filled form (live mode)", "Pre-filled form (test mode)")
	h.keys("tab").want("› Dashboard")
	h.goStep(5).keys("o").want("This step has no link")
}

func TestResize(t *testing.T) {
	h := newHarness(t, newFakeEngine(), nil)
	h.send(tea.WindowSizeMsg{Width: 120, Height: 40})
	if h.c.width != 120 || h.c.height != 40 {
		t.Fatalf("size %d×%d after resize", h.c.width, h.c.height)
	}
	for _, line := range strings.Split(h.view(), "\n") {
		if w := len([]rune(line)); w > 120 {
			t.Fatalf("a line is %d wide in 120 columns: %q", w, line)
		}
	}
	if got := strings.Count(h.view(), "\n") + 1; got != 40 {
		t.Fatalf("the frame is %d lines high in a 40-line terminal", got)
	}
	h.send(tea.WindowSizeMsg{Width: 59, Height: 30}).want("Terminal too small", "60×16", "59×30")
	h.send(tea.WindowSizeMsg{Width: 80, Height: 15}).want("Terminal too small", "80×15")
	h.send(tea.WindowSizeMsg{Width: 60, Height: 16}).wantNot("Terminal too small").want("Step 1 of 18")
}

func TestNoPanicAtAnySize(t *testing.T) {
	t.Parallel()
	h := newHarness(t, newFakeEngine("rak_dispute_write"), nil)
	h.goStep(11).paste(testKey("rk_test_", "SIZE"))
	screens := []model{h.m}
	h.keys("?")
	screens = append(screens, h.m)
	// The long pre-filled link shown in full after an unconfirmed copy.
	h = newHarness(t, newFakeEngine(), nil)
	h.copyNative = false
	h.goStep(4).keys("tab", "c")
	if h.m.fullLink == "" {
		t.Fatal("no full link to draw")
	}
	screens = append(screens, h.m)
	for _, m := range screens {
		for w := 1; w <= 300; w++ {
			for ht := 1; ht <= 100; ht++ {
				// Every size below the minimum, and a fine sample above it
				// (where a frame costs more), always with the edges.
				full := w >= minWidth && ht >= minHeight
				edge := w <= minWidth+1 || w >= 299 || w == 80 || w == maxWidth || ht <= minHeight+1 || ht >= 99 || ht == 24
				if full && !edge && (w+ht)%9 != 0 {
					continue
				}
				m.c.width, m.c.height = w, ht
				v := m.View()
				if n := strings.Count(v, "\n") + 1; n > ht {
					t.Fatalf("at %d×%d the view has %d lines", w, ht, n)
				}
				for _, line := range strings.Split(v, "\n") {
					if lw := ansi.StringWidth(line); lw > w {
						t.Fatalf("at %d×%d a line is %d wide: %q", w, ht, lw, line)
					}
				}
			}
		}
	}
}

func TestScroll(t *testing.T) {
	h := newHarness(t, newFakeEngine(), nil)
	h.send(tea.WindowSizeMsg{Width: 80, Height: 16})
	h.goStep(7).want("more lines").wantNot("Reviews          Read")
	h.keys("pgdown").want("Reviews", "more above")
	h.keys("pgup").want("Set the nine permissions")
	for i := 0; i < 50; i++ {
		h.keys("down")
	}
	if h.m.scroll > 20 {
		t.Fatalf("scroll ran past the body: %d", h.m.scroll)
	}
}

// A terminal delivers fast typing ("g7") as one message.
func TestTypedAheadKeysAreEachACommand(t *testing.T) {
	h := newHarness(t, newFakeEngine(), nil)
	h.send(tea.KeyMsg{Type: tea.KeyRunes, Runes: []rune("g7")}).at(stateStep, 7)
	h.send(tea.KeyMsg{Type: tea.KeyRunes, Runes: []rune("g11ab")}).at(stateStep, 11)
	if got := h.m.check.field.in.Value(); got != "ab" {
		t.Fatalf("the field got %q, want the keys typed after it opened", got)
	}
}

// "Copied" only when the system clipboard took the link; OSC 52 is sent
// blind, so then (and on failure) the whole link is on screen to copy by
// hand, even the ~390-character pre-filled one the step cuts with "…".
func TestCopyStatusIsHonest(t *testing.T) {
	long := steps.PrefilledKeyURL(false)
	tests := []struct {
		name   string
		native bool
		err    error
		want   string
		full   bool
	}{
		{"system clipboard", true, nil, "Copied Pre-filled form (live mode).", false},
		{"OSC 52", false, nil, "Sent to your terminal's clipboard (OSC 52); if nothing was copied, copy it by hand:", true},
		{"failed", false, errors.New("writing the copy sequence to the terminal: broken pipe"), "Could not copy the link (writing the copy sequence to the terminal: broken pipe)", true},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			h := newHarness(t, newFakeEngine(), nil)
			h.copyNative, h.copyErr = tt.native, tt.err
			h.goStep(4).keys("tab")
			if strings.Contains(strings.ReplaceAll(h.view(), "\n", ""), long) {
				t.Fatal("the step shows the long link whole before any copy: the test cannot tell")
			}
			h.keys("c")
			if len(h.copied) != 1 || h.copied[0] != long {
				t.Fatalf("copied %v", h.copied)
			}
			wantStatus(t, h, tt.want)
			// A link too long for a line is never hard-wrapped over lines
			// (a mouse copy would get line breaks in it): w prints it whole.
			if strings.Contains(strings.ReplaceAll(h.view(), "\n", ""), long) {
				t.Fatalf("the long link is cut into lines on screen:\n%s", h.view())
			}
			offered := strings.Contains(h.view(), "press w to print it whole")
			if offered != tt.full {
				t.Fatalf("w is offered for a copy by hand: %v, want %v\n%s", offered, tt.full, h.view())
			}
			if got := strings.Count(h.view(), "\n") + 1; got != 24 {
				t.Fatalf("the frame is %d lines high after the copy", got)
			}
			// The next key clears it, even one that opens go-to.
			h.keys("g").wantNot("press w to print it whole").keys("esc")
			if strings.Contains(strings.ReplaceAll(h.view(), "\n", ""), long) {
				t.Fatal("the full link came back after go-to")
			}
			h.keys("c", "tab").wantNot("press w to print it whole")
			if strings.Contains(strings.ReplaceAll(h.view(), "\n", ""), long) {
				t.Fatal("the full link stayed after the next key")
			}
		})
	}
}

func TestPrintLinkPrintsItWholeOnOneLine(t *testing.T) {
	long := steps.PrefilledKeyURL(false)
	var out strings.Builder
	p := &linkPrinter{url: long}
	p.SetStdin(strings.NewReader("typed\nmore"))
	p.SetStdout(&out)
	if err := p.Run(); err != nil {
		t.Fatal(err)
	}
	lines := strings.Split(strings.ReplaceAll(out.String(), "\r\n", "\n"), "\n")
	if !slices.Contains(lines, long) {
		t.Fatalf("no line holds the whole link:\n%q", out.String())
	}
	p = &linkPrinter{url: "https://x.example/\x1b]52;c;AAAA\x07"}
	out.Reset()
	p.SetStdin(strings.NewReader("\n"))
	p.SetStdout(&out)
	if err := p.Run(); err != nil {
		t.Fatal(err)
	}
	if strings.ContainsAny(out.String(), "\x1b\x07") {
		t.Fatalf("a control character reached the terminal: %q", out.String())
	}

	h := newHarness(t, newFakeEngine(), nil)
	h.goStep(4).keys("tab")
	if _, cmd := h.m.Update(keyMsg("w")); cmd == nil {
		t.Fatal("w at a step with a link does nothing")
	}
}

package wizard

import (
	"strings"
	"testing"

	tea "github.com/charmbracelet/bubbletea"
	"github.com/charmbracelet/x/ansi"
	"github.com/justt-ai/justt-onboard/stripecheck"
)

func TestPasteOverResultsReplacesTheKeyAndChecksIt(t *testing.T) {
	h := newHarness(t, newFakeEngine("rak_dispute_write"), nil)
	first, second := testKey("rk_live_", "AAA1"), testKey("rk_live_", "BBB2")
	h.goStep(11).paste(first).want("…AAA1", "✗ Disputes")
	h.paste(second).want("…BBB2").wantNot("…AAA1", "(empty: paste here)")
	if h.m.check.phase != phaseChecked || !strings.HasSuffix(h.m.check.key.Redacted(), "BBB2") {
		t.Fatalf("after a paste over the results: phase %v, key %s; want the new key checked", h.m.check.phase, h.m.check.key.Redacted())
	}
}

func TestEnterAtAFailingCheckKeepsKeyInView(t *testing.T) {
	h := newHarness(t, newFakeEngine("rak_dispute_write"), nil)
	h.goStep(11).paste(testKey("rk_live_", "AAA1")).keys("enter")
	wantStatus(t, h, "Not yet: the check above says why")
	if strings.Contains(h.m.status, "\n") || len(h.m.status) > 79 {
		t.Fatalf("the status is longer than one line: %q", h.m.status)
	}
	if first := strings.Split(h.view(), "\n")[4]; !strings.HasPrefix(first, "Key: ") {
		t.Fatalf("Key: scrolled away after enter:\n%s", h.view())
	}
}

func TestFooterOffersYOnlyWhenItDoesSomething(t *testing.T) {
	h := newHarness(t, newFakeEngine(), nil)
	h.goStep(11).paste(testKey("rk_live_", "GOOD"))
	if h.m.check.report.Count(stripecheck.Granted) != 9 {
		t.Fatal("the check did not pass: the test cannot tell")
	}
	h.wantNot("y continue anyway")
	h = newHarness(t, newFakeEngine(), nil)
	h.eng.unknown["rak_charge_read"] = true
	h.goStep(11).paste(testKey("rk_live_", "GOOD")).want("y continue anyway")
}

func TestHelpOverlayScrollsUnderItsHeading(t *testing.T) {
	h := newHarness(t, newFakeEngine(), nil)
	h.send(tea.WindowSizeMsg{Width: 60, Height: 16}).keys("?")
	top := h.view()
	if !strings.Contains(top, "more lines") {
		t.Fatalf("the help fits in 60×16: the test cannot tell\n%s", top)
	}
	h.keys("pgdown")
	if h.m.helpScroll == 0 || h.view() == top {
		t.Fatalf("pgdn did not scroll the help:\n%s", h.view())
	}
	heading := strings.Split(h.view(), "\n")[3]
	if !strings.HasPrefix(heading, "Keys") {
		t.Fatalf("the heading scrolled away: line 4 is %q", heading)
	}
	for range 20 {
		h.keys("pgdown")
	}
	bottom := h.view()
	h.keys("pgup")
	if h.view() == bottom {
		t.Fatal("pgup at the end of the help does nothing")
	}
	h.keys("esc")
	if h.m.help {
		t.Fatal("esc did not close the help")
	}
}

func TestHeaderNeverCutMidWord(t *testing.T) {
	for _, demo := range []bool{false, true} {
		for w := minWidth; w <= 100; w++ {
			h := newHarness(t, newFakeEngine(), nil)
			if demo {
				h.c.demo = (&fakeDemo{eng: h.eng}).hooks()
			}
			h.goStep(11).send(tea.WindowSizeMsg{Width: w, Height: 24})
			ls := strings.Split(h.view(), "\n")
			for _, l := range ls[:2] {
				if ansi.StringWidth(l) > w-1 {
					t.Fatalf("at width %d the header line %q is cut", w, l)
				}
			}
		}
	}
}

func TestFooterKeepsTheMainActionHelpAndQuit(t *testing.T) {
	for _, demo := range []bool{false, true} {
		h := newHarness(t, newFakeEngine(), nil)
		if demo {
			h.c.demo = (&fakeDemo{eng: h.eng}).hooks()
		}
		h.passKeyPart().send(tea.WindowSizeMsg{Width: minWidth, Height: 20})
		for n := 1; n <= 18; n++ {
			h.goStep(n)
			keys := h.m.footerKeys()
			line := h.m.helpLine(minWidth - 1)
			first := keys[0].Help()
			if !strings.Contains(line, first.Key+" "+first.Desc) {
				t.Errorf("step %d (demo %v): the footer %q drops the main action %q", n, demo, line, first.Key+" "+first.Desc)
			}
			if !strings.Contains(line, "? help") && !strings.Contains(line, "?/esc") {
				t.Errorf("step %d: the footer %q drops ? help", n, line)
			}
			if !strings.Contains(line, "q quit") && !strings.Contains(line, "ctrl+c quit") {
				t.Errorf("step %d: the footer %q drops the way to quit", n, line)
			}
			if ansi.StringWidth(line) > minWidth-1 {
				t.Errorf("step %d: the footer %q is wider than %d", n, line, minWidth-1)
			}
		}
	}
}

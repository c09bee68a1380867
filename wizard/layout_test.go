package wizard

import (
	"strings"
	"testing"

	"github.com/charmbracelet/x/ansi"
	"github.com/justt-ai/justt-onboard/steps"
)

func TestScreenTextNeverBreaksAPathOrLink(t *testing.T) {
	path := "/Users/jane-doe/ux-walk/clone/whsec-secret.txt"
	long := steps.PrefilledKeyURL(false)
	for w := minWidth - 1; w <= maxWidth-1; w++ {
		got := hangText("  ✗ The signing secret was saved to "+path+" (mode 0600); keep it until the hand-off.", w)
		if !strings.Contains(got, path) {
			t.Fatalf("width %d: the path is broken:\n%s", w, got)
		}
		for _, l := range strings.Split(got, "\n") {
			if ansi.StringWidth(l) > w {
				t.Fatalf("width %d: line %q is wider", w, l)
			}
		}
		// A link longer than the line: pieces of at most w cells that join
		// back to exactly the link (c copies it whole; w prints it whole).
		got = wrapText("Open "+long+" to see the form.", w)
		ls := strings.Split(got, "\n")
		var joined string
		for _, l := range ls {
			if ansi.StringWidth(l) > w {
				t.Fatalf("width %d: line %q is wider", w, l)
			}
			if strings.HasPrefix(l, "https://") || joined != "" && !strings.Contains(l, " ") {
				joined += l
			}
		}
		if joined != long {
			t.Fatalf("width %d: the link's lines join to %q", w, joined)
		}
	}
}

func TestFitLineCutsAtAWord(t *testing.T) {
	got := fitLine("Could not open the link (exec: xdg-open not found): copy it by hand", 30)
	if got != "Could not open the link …" {
		t.Fatalf("fitLine = %q", got)
	}
}

// TestHangTextStyledIndent: a paragraph whose colour starts before its
// indent is indented once, not twice.
func TestHangTextStyledIndent(t *testing.T) {
	styled := "\x1b[33m    You continued past: \x1b[0ma test-mode key"
	got := ansi.Strip(hangText(styled, 80))
	if got != "    You continued past: a test-mode key" {
		t.Fatalf("hangText = %q", got)
	}
}

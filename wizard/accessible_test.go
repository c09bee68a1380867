package wizard

import (
	"bytes"
	"context"
	"errors"
	"io"
	"regexp"
	"strings"
	"testing"

	"github.com/justt-ai/justt-onboard/steps"
)

// keyShaped matches any Stripe secret, or Justt onboarding token (jot_ and
// hex, as the fake receiver mints them), longer than a redacted form.
var keyShaped = regexp.MustCompile(`(rk|sk|pk)_(test|live)_[A-Za-z0-9]{12,}|whsec_[A-Za-z0-9]{12,}|jot_[0-9a-f]{12,}`)

func runPlain(t *testing.T, eng *fakeEngine, demo *Demo, lines ...string) (string, error) {
	t.Helper()
	var out bytes.Buffer
	in := strings.NewReader(strings.Join(lines, "\n") + "\n")
	err := runAccessible(context.Background(), eng, demo, Handoff{}, freshStart(), in, &out)
	s := out.String()
	if m := keyShaped.FindString(s); m != "" {
		t.Fatalf("the accessible output shows a secret: %q", m)
	}
	if leaks(s, typedSecrets(lines)...) {
		t.Fatal("the accessible output shows a typed line of 12 or more characters in full or by its last 12")
	}
	for _, bad := range []string{"\x1b[", "█", "─", "│", "╭"} {
		if strings.Contains(s, bad) {
			t.Fatalf("the accessible output has %q (escape codes or box drawing)", bad)
		}
	}
	return s, err
}

func enters(n int) []string { return make([]string, n) }

func TestAccessibleKeyOnly(t *testing.T) {
	eng := newFakeEngine()
	in := append(enters(10), testKey("rk_live_", "ACC1"), "", "c")
	out, err := runPlain(t, eng, nil, in...)
	if err != nil {
		t.Fatal(err)
	}
	for _, s := range steps.All[:11] {
		if !strings.Contains(out, "Step "+itoa(s.Number)+" of 18") {
			t.Errorf("step %d is missing", s.Number)
		}
	}
	for _, want := range []string{
		"Disputes: Write, under All core resources. Careful:", steps.PrefilledKeyURL(true),
		"✓ granted: Charges, Read", "rk_live_…ACC1", "All 9 permissions granted",
		"Part 2, webhook: skipped", "tell your Justt contact you have finished",
	} {
		if !strings.Contains(out, want) {
			t.Errorf("the output lacks %q", want)
		}
	}
}

func TestAccessibleWrongKindThenBackAndQuit(t *testing.T) {
	in := append([]string{"b"}, enters(10)...)
	in = append(in, testKey("pk_live_", "PUB1"), "b", "b", "q")
	out, err := runPlain(t, newFakeEngine(), nil, in...)
	if err != nil {
		t.Fatal(err)
	}
	for _, want := range []string{"This is the first step.", "publishable key", "Nothing was sent to Stripe", "Stopped at step 9 of 18"} {
		if !strings.Contains(out, want) {
			t.Errorf("the output lacks %q", want)
		}
	}
	// b at the key goes to step 10, b again to step 9.
	if i, j := strings.LastIndex(out, "Step 10 of 18"), strings.LastIndex(out, "Step 9 of 18"); j < i {
		t.Errorf("b at step 10 did not go back to step 9")
	}
}

func TestAccessibleInputEnds(t *testing.T) {
	_, err := runPlain(t, newFakeEngine(), nil, "", "")
	if !errors.Is(err, errInputEnded) {
		t.Fatalf("err = %v, want errInputEnded", err)
	}
}

func TestAccessibleDemoFixRegisterAndSummary(t *testing.T) {
	eng := newFakeEngine()
	eng.register = registered
	fd := &fakeDemo{eng: eng}
	// Step 7: typed rows replace the form: the guide's nine but Disputes
	// under core, which stays at None.
	in := append(enters(6), guidePairsWithout(t, "Disputes", steps.SectionCore))
	in = append(in, enters(4)...)                          // steps 7 (done), 8, 9, 10
	in = append(in, "demo", "f", "y", "a", "demo", "", "") // the last enter declines saving to a file
	out, err := runPlain(t, eng, fd.hooks(), in...)
	if err != nil {
		t.Fatalf("%v\n%s", err, out)
	}
	for _, want := range []string{
		"demo key — fake, sandbox only", "✗ missing: Disputes, Write", "Fix: Step 7",
		"f to fix it in the mock dashboard", "granted the missing permissions",
		"✓ granted: Disputes, Write", "y to continue anyway",
		"Signing secret received (whsec_…WH42); held in memory for this run only", "registered we_1Registered",
		"No keyring keeps the signing secret",
		"You continued past",
		// Verified at once with the same setup key, which is then forgotten.
		"✓ Endpoint we_1Registered exists for this URL", "✓ Listens to exactly charge.succeeded",
		"✓ API version 2020-08-27", "The setup key is now forgotten.",
		"Type s to save the signing secret to a file",
	} {
		if !strings.Contains(out, want) {
			t.Errorf("the output lacks %q", want)
		}
	}
	if len(eng.regOpts) != 1 || eng.regOpts[0].URL != "https://hooks.justt.example/stripe/demo" {
		t.Fatalf("registered with %+v", eng.regOpts)
	}
	if len(eng.verifyKeys) != 1 || eng.verifyKeys[0] != eng.regKeys[0] || eng.verifyURLs[0] != eng.regOpts[0].URL {
		t.Fatalf("verified %d times (URLs %v), want once with the registration's setup key and URL", len(eng.verifyKeys), eng.verifyURLs)
	}
}

func TestAccessibleByHand(t *testing.T) {
	in := append(enters(10), testKey("rk_live_", "ACC2"), "", "b")
	in = append(in, enters(6)...) // steps 12-17
	in = append(in, testKey("rk_live_", "NOT1"), testKey("whsec_", "SEC1"), "")
	out, err := runPlain(t, newFakeEngine(), nil, in...)
	if err != nil {
		t.Fatalf("%v\n%s", err, out)
	}
	for _, want := range []string{"Step 17 of 18", "Payload style: Snapshot", "not a webhook signing secret",
		"Format OK", "whsec_…SEC1", "signing secret whsec_…SEC1 pasted"} {
		if !strings.Contains(out, want) {
			t.Errorf("the output lacks %q", want)
		}
	}
}

// guidePairsWithout is the guide's nine as row=access pairs of the mock
// form, as the accessible mode lists it, but the one row left out.
func guidePairsWithout(t *testing.T, resource, section string) string {
	var pairs []string
	left := false
	for i, r := range newPermForm().fillGuide().rows {
		if r.resource == resource && r.section == section {
			left = true
			continue
		}
		if r.access != steps.None {
			pairs = append(pairs, itoa(i+1)+"="+r.access.String())
		}
	}
	if !left || len(pairs) != len(steps.Required)-1 {
		t.Fatalf("the mock form has no row %s under %s, or not the guide's nine", resource, section)
	}
	return strings.Join(pairs, " ")
}

func TestAccessibleStopsWithItsContext(t *testing.T) {
	ctx, cancel := context.WithCancel(context.Background())
	in, w := io.Pipe() // nobody answers
	defer w.Close()
	done := make(chan error, 1)
	go func() { done <- runAccessible(ctx, newFakeEngine(), nil, Handoff{}, freshStart(), in, io.Discard) }()
	cancel()
	if err := <-done; !errors.Is(err, context.Canceled) {
		t.Fatalf("err = %v, want context.Canceled", err)
	}
}

// On a terminal the accessible face wraps between words under each line's
// indent: the terminal's own wrap would cut a word, a link or an id.
func TestAccessibleWrapsBetweenWordsOnATerminal(t *testing.T) {
	var out bytes.Buffer
	p := &plain{out: &out, width: func() int { return 40 }}
	link := steps.PrefilledKeyURL(true)
	p.say("Justt accepted the token. This onboarding is for Demo Merchant Ltd.\n\n  Dashboard: " + link)
	lines := strings.Split(strings.TrimSuffix(out.String(), "\n"), "\n")
	if len(lines) < 4 {
		t.Fatalf("not wrapped at 40 columns:\n%s", out.String())
	}
	for _, l := range lines {
		if l != link && len([]rune(l)) > 40 {
			t.Errorf("line wider than 40 columns: %q", l)
		}
		if strings.HasSuffix(l, " ") {
			t.Errorf("line ends in a space: %q", l)
		}
	}
	if !strings.HasSuffix(out.String(), "\n"+link+"\n") {
		t.Errorf("the link is not whole on a line of its own (at column 0: it is wider than any line):\n%s", out.String())
	}
	if lines[2] != "" {
		t.Errorf("the blank line was lost: %q", lines)
	}

	out.Reset()
	for _, item := range []string{
		"  - Disputes: Write, under All core resources. Careful: the row under All core resources",
		"✓ Part 2, webhook: registered we_Za7XF646mvSooX7uz4WxdJwm (charge.succeeded, API version 2020-08-27)",
		"  a: Register it for me (recommended). Give a setup key once; the wizard creates the endpoint",
	} {
		out.Reset()
		p.say(item)
		lead := len(item) - len(strings.TrimLeft(item, " "))
		marker := listMarker.FindString(strings.TrimLeft(item, " "))
		want := "\n" + strings.Repeat(" ", lead+len([]rune(marker))) + `\S`
		if !regexp.MustCompile(want).MatchString(out.String()) {
			t.Errorf("a list item does not continue under its text:\n%s", out.String())
		}
	}
	out.Reset()
	p.prompt("Press enter to tick the guide's nine, or type every row you want as row=access pairs: ")
	if got := out.String(); !strings.HasSuffix(got, "pairs: ") || !strings.Contains(got, "\n") {
		t.Errorf("the prompt is not wrapped with its trailing space kept: %q", got)
	}
	out.Reset()
	p.width = func() int { return 0 } // piped: one line per line, as given
	p.say("a b c\n  d")
	if out.String() != "a b c\n  d\n" {
		t.Errorf("piped output was changed: %q", out.String())
	}
}

package wizard

import (
	"slices"
	"sort"
	"strings"
	"sync"
	"testing"

	"github.com/justt-ai/justt-onboard/steps"
)

// fakeDemo records what the wizard asked of the sandbox hooks.
type fakeDemo struct {
	mu      sync.Mutex
	eng     *fakeEngine
	minted  [][]string
	granted [][]string
	keys    int
}

func (d *fakeDemo) hooks() *Demo {
	return &Demo{
		MintKey: func(scopes []string) string {
			d.mu.Lock()
			defer d.mu.Unlock()
			d.minted = append(d.minted, scopes)
			d.keys++
			// The fake engine grants what the form ticked, like the sandbox.
			d.eng.mu.Lock()
			d.eng.granted = map[string]bool{}
			for _, s := range scopes {
				d.eng.granted[s] = true
			}
			d.eng.mu.Unlock()
			return testKey("rk_test_", "DEM"+itoa(d.keys))
		},
		MintSetupKey: func() string { return testKey("sk_test_", "SETK") },
		Grant: func(_ string, scopes []string) {
			d.mu.Lock()
			d.granted = append(d.granted, scopes)
			d.mu.Unlock()
			d.eng.grant(scopes...)
		},
		WebhookURL: "https://hooks.justt.example/stripe/demo",
	}
}

func requiredScopes() []string {
	var out []string
	for _, p := range steps.Required {
		out = append(out, p.Scope)
	}
	sort.Strings(out)
	return out
}

func TestDemoFormHasTheTrapAndMintsWhatWasTicked(t *testing.T) {
	eng := newFakeEngine()
	fd := &fakeDemo{eng: eng}
	h := newHarness(t, eng, fd.hooks())
	h.send(tea80x40())
	h.goStep(7).want("Mock of Stripe's form", "All core resources", "Issuing", "Radar", "Webhook Endpoints")
	if n := strings.Count(h.view(), "Disputes"); n < 2 {
		t.Fatalf("Disputes appears %d times in the mock form, want both rows", n)
	}
	if len(h.m.form.scopes()) != 0 {
		t.Fatalf("the form starts with %v ticked, want nothing (like Stripe)", h.m.form.scopes())
	}
	h.keys("a")
	got := append([]string{}, h.m.form.scopes()...)
	sort.Strings(got)
	if !slices.Equal(got, requiredScopes()) {
		t.Fatalf("a ticked %v, want the guide's nine", got)
	}
	h.keys("enter", "enter").at(stateStep, 9).want("rk_test_…DEM1", "demo key — fake, sandbox only")
	if len(fd.minted) != 1 {
		t.Fatalf("minted %d keys at step 9", len(fd.minted))
	}
	// Coming back without changing the form keeps the same key.
	h.keys("esc", "enter").want("rk_test_…DEM1")
	if len(fd.minted) != 1 {
		t.Fatalf("minted again without a change: %d keys", len(fd.minted))
	}
}

func TestDemoFormKeys(t *testing.T) {
	h := newHarness(t, newFakeEngine(), (&fakeDemo{eng: newFakeEngine()}).hooks())
	h.goStep(7)
	first := h.m.form.rows[0]
	h.keys("space").want("[Read]")
	if got := h.m.form.rows[0].access; got != steps.Read {
		t.Fatalf("space set %s on %s, want Read", got, first.resource)
	}
	h.keys("right")
	if got := h.m.form.rows[0].access; got != steps.Write {
		t.Fatalf("right set %s, want Write", got)
	}
	h.keys("right", "left", "left")
	if got := h.m.form.rows[0].access; got != steps.None {
		t.Fatalf("after right, left, left the row is %s, want None", got)
	}
	h.keys("down", "down")
	if h.m.form.cursor != 2 {
		t.Fatalf("cursor at %d after two downs", h.m.form.cursor)
	}
	h.keys("up", "up", "up")
	if h.m.form.cursor != len(h.m.form.rows)-1 {
		t.Fatalf("up from the top does not wrap: cursor %d", h.m.form.cursor)
	}
}

// A rehearsal ticks Disputes under Issuing instead of the core row, sees
// the check catch it, fixes it in the mock dashboard and re-checks.
func TestDemoWrongDisputesRowThenFixAndRecheck(t *testing.T) {
	eng := newFakeEngine()
	fd := &fakeDemo{eng: eng}
	h := newHarness(t, eng, fd.hooks())
	h.send(tea80x40())
	h.goStep(7).keys("a")
	form := h.m.form
	for i, r := range form.rows {
		switch {
		case r.resource == "Disputes" && r.section == steps.SectionCore:
			form.cursor = i
			form = form.set(steps.None)
		case r.resource == "Disputes" && r.section == steps.SectionIssuing:
			form.cursor = i
			form = form.set(steps.Write)
		}
	}
	h.m.form = form
	h.keys("enter", "enter").at(stateStep, 9)
	if !slices.Contains(fd.minted[0], "rak_issuing_dispute_write") || slices.Contains(fd.minted[0], "rak_dispute_write") {
		t.Fatalf("minted %v", fd.minted[0])
	}
	h.keys("enter", "enter").at(stateStep, 11).want("ctrl+p to paste the demo key")
	h.keys("ctrl+p").want("✗ Disputes", "press f to fix it in the mock dashboard", "f fix in mock dashboard")
	h.keys("f").want("Mock dashboard: granted Disputes: Write")
	if len(fd.granted) != 1 || !slices.Equal(fd.granted[0], []string{"rak_dispute_write"}) {
		t.Fatalf("granted %v, want the missing Disputes write", fd.granted)
	}
	h.keys("r").want("✓ Disputes", "All 9 permissions granted", "every demo key is").wantNot("Press r to re-check")
	h.keys("y").at(stateWebhookChoice, 0)
}

func TestDemoPasteBeforeAKeyExists(t *testing.T) {
	h := newHarness(t, newFakeEngine(), (&fakeDemo{eng: newFakeEngine()}).hooks())
	h.goStep(11).keys("ctrl+p").want("No demo key yet").at(stateStep, 11)
}

func TestDemoPasteIsOnlyInDemo(t *testing.T) {
	h := newHarness(t, newFakeEngine(), nil)
	h.goStep(11).keys("ctrl+p").wantNot("demo key")
	if h.m.check.phase != phaseEntering {
		t.Fatal("ctrl+p did something outside the demo")
	}
}

// An empty enter before the demo paste must not leave its refusal pinning
// the view to the bottom: the key's line stays in view after the check.
func TestDemoPasteAfterARefusalKeepsTheKeyInView(t *testing.T) {
	eng := newFakeEngine()
	h := newHarness(t, eng, (&fakeDemo{eng: eng}).hooks())
	h.goStep(7).keys("a", "enter", "enter", "enter", "enter").at(stateStep, 11)
	h.keys("enter").want("Nothing was pasted")
	h.keys("ctrl+p").want("Key: restricted key", "All 9 permissions granted").wantNot("Nothing was pasted")
}

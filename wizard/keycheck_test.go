package wizard

import (
	"strings"
	"testing"

	"github.com/justt-ai/justt-onboard/steps"
	"github.com/justt-ai/justt-onboard/stripecheck"
)

func TestPastedKeyIsCheckedAndNeverShown(t *testing.T) {
	eng := newFakeEngine()
	h := newHarness(t, eng, nil)
	key := testKey("rk_live_", "AB12")
	// A bracketed paste with the newline a copy drags along.
	h.goStep(11).paste("  " + key + "\n")
	h.want("restricted key · live mode · rk_live_…AB12", "acct_1FakeAccount", "All 9 permissions granted")
	for _, p := range steps.Required {
		h.want("✓ " + p.Resource)
	}
	if probes, diag := eng.calls(); probes != len(steps.Required) || diag != 1 {
		t.Fatalf("%d probes and %d diagnoses, want 9 and 1", probes, diag)
	}
	if h.m.check.field.in.Value() != "" {
		t.Fatal("the field still holds the key after it was accepted")
	}
	h.keys("enter").at(stateWebhookChoice, 0)
	if f := h.c.flow; f.key.Reveal() != key || !f.keyPassed() || f.caveatText() != "" {
		t.Fatalf("the key part ended with key %v, accepted %v, caveat %q", f.key, f.keyPassed(), f.caveatText())
	}
}

func TestTypedKeyIsCheckedOnEnter(t *testing.T) {
	h := newHarness(t, newFakeEngine(), nil)
	key := testKey("rk_live_", "TYPE")
	h.secrets = append(h.secrets, key)
	h.goStep(11).typeText(key)
	if h.m.check.phase != phaseEntering {
		t.Fatal("typing alone started the check")
	}
	h.wantNot(key[:20]).want("(received, hidden)")
	h.keys("enter").want("rk_live_…TYPE", "All 9 permissions granted")
}

func TestWrongKindsAreExplainedBeforeAnyRequest(t *testing.T) {
	tests := []struct {
		name, pasted string
		want         []string
	}{
		{"publishable", testKey("pk_live_", "PUBK"), []string{"publishable key", "pk_live_…PUBK", "Nothing was sent to Stripe"}},
		{"secret", testKey("sk_live_", "SECR"), []string{"secret key", "restricted key", "Nothing was sent to Stripe"}},
		{"signing secret", testKey("whsec_", "WHSC"), []string{"signing secret", "step 18"}},
		{"unrecognized", "hello_there_this_is_not_a_key_at_all", []string{"not a Stripe API key"}},
		{"inner space", "rk_live_abc def", []string{"space or line break", "still in the field"}},
		{"look-alike letter", "rk_live_abcdéfghijklmnopqrstu", []string{"not plain ASCII", "still in the field"}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			eng := newFakeEngine()
			h := newHarness(t, eng, nil)
			h.goStep(11).paste(tt.pasted).want(tt.want...).at(stateStep, 11)
			if probes, diag := eng.calls(); probes+diag != 0 {
				t.Fatalf("%d requests were made for a key that must not be sent", probes+diag)
			}
			if got := h.m.check.field.in.Value(); got != tt.pasted {
				t.Fatalf("the field lost what was pasted: it holds %d characters, not %d", len(got), len(tt.pasted))
			}
			// A new paste replaces the refused text instead of appending to it.
			h.paste(testKey("rk_live_", "GOOD")).want("rk_live_…GOOD", "All 9 permissions granted")
		})
	}
}

func TestTypingAfterARefusalKeepsEditing(t *testing.T) {
	h := newHarness(t, newFakeEngine(), nil)
	h.goStep(11).paste("rk_live_abc def").typeText("x")
	if got := h.m.check.field.in.Value(); got != "rk_live_abc defx" {
		t.Fatalf("typing after a refusal left %q in the field", got)
	}
}

func TestRowsFillInAsAnswersArrive(t *testing.T) {
	h := newHarness(t, newFakeEngine(), nil)
	h.goStep(11)
	key, _ := stripecheck.ParseKey(testKey("rk_live_", "ROWS"))
	h.secrets = append(h.secrets, key.Reveal())
	// Start the check without running its commands: answers come by hand.
	h.m.check, _ = h.m.check.submitKey(key, h.c)
	h.m.check.field.blur()
	if got := strings.Count(h.view(), "checking…"); got != len(steps.Required) {
		t.Fatalf("%d rows are waiting, want all 9", got)
	}
	first := steps.Required[0]
	h.send(probedMsg{gen: h.m.check.gen, row: 0, result: stripecheck.Result{Permission: first, Status: stripecheck.Granted}})
	h.want("✓ Charges")
	if got := strings.Count(h.view(), "checking…"); got != len(steps.Required)-1 {
		t.Fatalf("%d rows are waiting after one answer, want 8", got)
	}
	// An answer to an older check is dropped.
	h.send(probedMsg{gen: h.m.check.gen - 1, row: 1, result: stripecheck.Result{Permission: steps.Required[1], Status: stripecheck.Missing}})
	h.wantNot("✗ Customers")
	for i, p := range steps.Required[1:] {
		h.send(probedMsg{gen: h.m.check.gen, row: i + 1, result: stripecheck.Result{Permission: p, Status: stripecheck.Granted}})
	}
	if h.m.check.phase != phaseChecking {
		t.Fatal("the report was assembled before the diagnosis arrived")
	}
	h.send(diagnosedMsg{gen: h.m.check.gen, diagnosis: stripecheck.Diagnosis{AccountID: "acct_rows"}})
	h.want("acct_rows", "All 9 permissions granted").wantNot("checking…")
}

func TestMissingPermissionShowsItsFixThenRecheck(t *testing.T) {
	eng := newFakeEngine("rak_dispute_write")
	h := newHarness(t, eng, nil)
	h.send(tea80x40())
	h.goStep(11).paste(testKey("rk_live_", "MISS"))
	disputes, _ := steps.RequiredByResource("Disputes")
	h.want("✗ Disputes", "Fix: Step 7", "not the one under Issuing", "then press r to")
	h.keys("enter").at(stateStep, 11).want("Not ready yet")
	h.keys("y").at(stateStep, 11).want("Not ready yet")
	eng.grant(disputes.Scope)
	h.keys("r").want("✓ Disputes", "All 9 permissions granted")
	if probes, _ := eng.calls(); probes != 2*len(steps.Required) {
		t.Fatalf("%d probes after one re-check, want 18", probes)
	}
	h.keys("enter").at(stateWebhookChoice, 0)
}

func TestTestModeKeyNeedsAnExplicitYes(t *testing.T) {
	h := newHarness(t, newFakeEngine(), nil)
	h.send(tea80x40())
	h.goStep(11).paste(testKey("rk_test_", "TEST")).want("test-mode key", "press y to continue")
	h.keys("enter").at(stateStep, 11)
	h.keys("y").at(stateWebhookChoice, 0)
	if !strings.Contains(h.c.flow.caveatText(), "test-mode") {
		t.Fatalf("caveat %q does not name the test mode", h.c.flow.caveatText())
	}
}

func TestUndecidedRowsMayBeKnowinglySkipped(t *testing.T) {
	eng := newFakeEngine()
	eng.unknown["rak_review_read"] = true
	h := newHarness(t, eng, nil)
	h.send(tea80x40())
	h.goStep(11).paste(testKey("rk_live_", "UNKN")).want("? Reviews", "could not be confirmed")
	h.keys("enter").at(stateStep, 11)
	h.keys("y").at(stateWebhookChoice, 0)
	if !strings.Contains(h.c.flow.caveatText(), "1 of 9") {
		t.Fatalf("caveat %q", h.c.flow.caveatText())
	}
}

func TestAnotherKeyAfterACheck(t *testing.T) {
	h := newHarness(t, newFakeEngine("rak_file_write"), nil)
	h.goStep(11).paste(testKey("rk_live_", "ONE1")).keys("e")
	if !h.m.check.field.focused() || h.m.check.phase != phaseEntering {
		t.Fatal("e did not reopen the field")
	}
	h.want("(empty: paste here)")
	// Going back and forth keeps the step's state.
	h.keys("esc").at(stateStep, 10).keys("enter").at(stateStep, 11)
	if !h.m.check.field.focused() {
		t.Fatal("the field lost focus on the way back")
	}
}

// invalidKey is Stripe's refusal of a key it does not know (401).
var invalidKey = stripecheck.Problem{Severity: stripecheck.SeverityError, Code: stripecheck.CodeKeyInvalid,
	Message: "Stripe does not recognise this key: it was mistyped or cut short, rolled, or deleted.",
	Fix:     "Step 9: copy the key again with Stripe's copy button. If it was rolled or deleted, go back to step 4 and create a new restricted key."}

// A key Stripe refused has no ✗ rows: the verdict points at the refusal's
// fix and e, and each row says plainly it was not checked.
func TestRejectedKeyHasItsOwnVerdict(t *testing.T) {
	eng := newFakeEngine()
	eng.rejected = &invalidKey
	h := newHarness(t, eng, nil)
	h.send(tea80x40())
	h.goStep(11).paste(testKey("rk_live_", "GONE"))
	view := strings.Join(strings.Fields(h.view()), " ")
	for _, want := range []string{
		"Stripe refused this key, so none of the 9 permissions could be checked: do what the ✗ below says, then press e",
		"✗ Stripe does not recognise this key", "Step 9: copy the key again",
		"? Charges Read not checked: Stripe refused the key",
	} {
		if !strings.Contains(view, want) {
			t.Errorf("the screen lacks %q:\n%s", want, h.view())
		}
	}
	h.wantNot("not confirmed: not checked", "fix the ✗ rows", "y continue anyway")
	h.keys("enter").at(stateStep, 11)
	h.keys("e")
	if !h.m.check.field.focused() {
		t.Fatal("e did not reopen the field")
	}
}

func TestAccessibleRejectedKey(t *testing.T) {
	eng := newFakeEngine()
	eng.rejected = &invalidKey
	in := append(enters(10), testKey("rk_live_", "GONE"), "q")
	out, err := runPlain(t, eng, nil, in...)
	if err != nil {
		t.Fatal(err)
	}
	for _, want := range []string{"? not checked: Charges, Read", "Stripe does not recognise this key",
		"error: Stripe does not recognise this key",
		"Stripe refused this key, so none of the 9 permissions could be checked: do what the error above says, then type e"} {
		if !strings.Contains(out, want) {
			t.Errorf("the output lacks %q:\n%s", want, out)
		}
	}
	for _, gone := range []string{"not confirmed: not checked", "not checked: Stripe refused the key)", "fix the ✗ rows"} {
		if strings.Contains(out, gone) {
			t.Errorf("the output says %q", gone)
		}
	}
}

func TestEnterOnAnEmptyFieldDoesNotSpeakOfAPaste(t *testing.T) {
	h := newHarness(t, newFakeEngine(), nil)
	h.goStep(11).keys("enter").want("Nothing was pasted").wantNot("still in the field").at(stateStep, 11)
}

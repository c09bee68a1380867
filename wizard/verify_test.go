package wizard

import (
	"errors"
	"strings"
	"testing"

	"github.com/justt-ai/justt-onboard/stripecheck"
)

// wrongVersion is VerifyWebhook's answer for an endpoint pinned to the
// account's default API version and listening to every event.
func wrongVersion(url string) (stripecheck.VerifyResult, error) {
	return stripecheck.CompareWebhooks([]stripecheck.WebhookEndpoint{{
		ID: "we_1Wrong", URL: url, EnabledEvents: []string{"*"}, APIVersion: "2024-06-20", Status: "enabled",
	}}, url), nil
}

func TestVerifyVerdict(t *testing.T) {
	tests := []struct {
		name string
		res  stripecheck.VerifyResult
		err  error
		want []string // "mark text" prefixes, in order
	}{
		{"right", rightEndpoint(hookURL), nil, []string{
			"✓ Endpoint we_1Registered exists", "✓ Enabled", "✓ Listens to exactly charge.succeeded",
			"✓ API version 2020-08-27", "✓ Verified with Stripe"}},
		{"wrong events and version", must(wrongVersion(hookURL)), nil, []string{
			"✓ Endpoint we_1Wrong exists", "✓ Enabled", "✗ Endpoint we_1Wrong listens to every event (*)",
			"✗ Endpoint we_1Wrong uses API version 2024-06-20", "✗ Not right yet"}},
		{"missing", stripecheck.CompareWebhooks(nil, hookURL), nil, []string{
			"✗ No webhook endpoint on this account sends events to " + hookURL, "✗ Not verified"}},
		{"refused", stripecheck.VerifyResult{}, &stripecheck.WebhookError{Message: "The setup key may not read webhook endpoints.", Fix: "Give it Webhook Endpoints: Read."},
			[]string{"✗ Could not verify the endpoint: The setup key may not read webhook endpoints."}},
		{"other failure", stripecheck.VerifyResult{}, errors.New("connection reset"),
			[]string{"✗ Could not verify the endpoint: the check failed (connection reset)."}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			got := verifyVerdict(tt.res, verifyErrorOf(tt.err))
			if len(got) != len(tt.want) {
				t.Fatalf("%d lines, want %d: %+v", len(got), len(tt.want), got)
			}
			for i, l := range got {
				if line := l.mark + " " + l.text; !strings.HasPrefix(line, tt.want[i]) {
					t.Errorf("line %d is %q, want %q…", i, line, tt.want[i])
				}
				if l.mark == "✗" && l.fix == "" && !strings.HasPrefix(l.text, "Not ") {
					t.Errorf("line %d has no fix: %q", i, l.text)
				}
			}
		})
	}
}

func must(res stripecheck.VerifyResult, err error) stripecheck.VerifyResult {
	if err != nil {
		panic(err)
	}
	return res
}

// "register it for me" verifies the new endpoint at once, with the setup
// key still held, then forgets the key.
func TestRegisterThenVerifyAtOnce(t *testing.T) {
	t.Run("right", func(t *testing.T) {
		eng := newFakeEngine()
		eng.register = registered
		h := newHarness(t, eng, nil).passKeyPart()
		h.send(tea80x40())
		setup := testKey("sk_live_", "SETU")
		h.keys("a").paste(setup).typeText(hookURL).keys("enter")
		h.want("✓ Webhook registered", "✓ Endpoint we_1Registered exists for this URL", "✓ Enabled",
			"✓ Listens to exactly charge.succeeded", "✓ API version 2020-08-27", "setup key is now forgotten")
		if len(eng.verifyKeys) != 1 || eng.verifyKeys[0].Reveal() != setup || eng.verifyURLs[0] != hookURL {
			t.Fatalf("verified %d times with URLs %v, want once with the setup key and %s", len(eng.verifyKeys), eng.verifyURLs, hookURL)
		}
		if !h.m.reg.setupKey.IsZero() {
			t.Fatal("the setup key is still held after the verification")
		}
	})
	t.Run("each problem with its fix", func(t *testing.T) {
		eng := newFakeEngine()
		eng.register = registered
		eng.verify = wrongVersion
		h := newHarness(t, eng, nil).passKeyPart()
		h.send(tea80x40())
		h.keys("a").paste(testKey("sk_live_", "SETU")).typeText(hookURL).keys("enter")
		h.want("✗ Endpoint we_1Wrong uses API version 2024-06-20", "Step 16:", "✗ Endpoint we_1Wrong listens to every",
			"Step 15:", "Not right yet").wantNot("✓ API version")
	})
	t.Run("the answer may arrive after leaving for the summary", func(t *testing.T) {
		eng := newFakeEngine()
		h := newHarness(t, eng, nil).passKeyPart()
		h.send(tea80x40())
		h.keys("a").paste(testKey("sk_live_", "SETU")).typeText(hookURL)
		_ = h.hold(keyMsg("enter")) // the registration is out
		res, _ := registered(stripecheck.RegisterOptions{URL: hookURL})
		next, verify := h.m.Update(registeredMsg{gen: h.m.reg.gen, result: res})
		h.m = next.(model)
		h.want("Checking the endpoint with Stripe…").keys("enter").at(stateSummary, 0)
		h.run(verify) // Stripe answers the verification now
		h.keys("esc").at(stateRegister, 0).want("✓ Verified with Stripe")
	})
}

// openVerify goes the by-hand way to step 17 and presses v.
func openVerify(t *testing.T, eng *fakeEngine, demo *Demo) *harness {
	t.Helper()
	h := newHarness(t, eng, demo).passKeyPart()
	h.send(tea80x40())
	h.keys("b").at(stateStep, 12).goStep(17)
	h.want("v Verify with a setup key", "v verify the endpoint")
	return h.keys("v").want("Verify the endpoint", "Webhook Endpoints: Read", "then forgotten")
}

func TestVerifyAtStep17(t *testing.T) {
	eng := newFakeEngine()
	eng.verify = wrongVersion
	h := openVerify(t, eng, nil)
	if !h.m.fieldFocused() || !h.m.secretFieldFocused() {
		t.Fatal("v did not open the masked setup key field")
	}
	h.paste(testKey("pk_live_", "PUBK")).want("publishable key", "Webhook Endpoints: Read")
	setup := testKey("rk_live_", "SETV")
	h.paste(setup).want("Setup key: received", "Justt webhook URL (step 16)", "enter verify the endpoint")
	if h.m.secretFieldFocused() || !h.m.fieldFocused() {
		t.Fatal("the URL field is not the one with focus")
	}
	h.typeText("http://example.com/hook").keys("enter").want("✗")
	if len(eng.verifyKeys) != 0 {
		t.Fatal("verified with an invalid URL")
	}
	h.keys("ctrl+u").typeText(hookURL).keys("enter")
	h.at(stateStep, 17).want("✗ Endpoint we_1Wrong uses API version 2024-06-20", "Step 16:", "setup key was forgotten")
	if len(eng.verifyKeys) != 1 || eng.verifyKeys[0].Reveal() != setup || eng.verifyURLs[0] != hookURL {
		t.Fatalf("verified %d times with %v", len(eng.verifyKeys), eng.verifyURLs)
	}
	if !h.m.verify.setupKey.IsZero() || h.m.verify.setup.in.Value() != "" {
		t.Fatal("the setup key outlived the verification")
	}
	// v again asks for the key again; esc cancels and keeps the answer.
	h.keys("v").want("(empty: paste here)").keys("esc").at(stateStep, 17)
	wantStatus(t, h, "Verification cancelled")
	h.want("uses API version 2024-06-20")
	// Enter goes on to step 18 as before.
	h.keys("enter").at(stateStep, 18)
}

func TestVerifyAtStep17EscForgetsTheKey(t *testing.T) {
	h := openVerify(t, newFakeEngine(), nil)
	h.paste(testKey("sk_live_", "SETU"))
	if h.m.verify.setupKey.IsZero() {
		t.Fatal("the setup key was not taken")
	}
	h.keys("esc").at(stateStep, 17)
	if !h.m.verify.setupKey.IsZero() || h.m.verify.phase != panelOffered || h.m.fieldFocused() {
		t.Fatal("esc did not close the verify fields and forget the key")
	}
	h.want("v Verify with a setup key")
}

func TestVerifyAtStep17InTheDemo(t *testing.T) {
	eng := newFakeEngine()
	h := openVerify(t, eng, (&fakeDemo{eng: eng}).hooks())
	h.want("ctrl+p to paste a demo setup key").keys("ctrl+p")
	if got := h.m.verify.url.Value(); got != "https://hooks.justt.example/stripe/demo" {
		t.Fatalf("the URL field holds %q, want the demo URL", got)
	}
	h.keys("enter").want("✓ Verified with Stripe")
	if len(eng.verifyKeys) != 1 || eng.verifyKeys[0].Reveal() != testKey("sk_test_", "SETK") {
		t.Fatal("ctrl+p did not verify with the demo setup key")
	}
}

func TestAccessibleVerifyAtStep17(t *testing.T) {
	eng := newFakeEngine()
	eng.verify = wrongVersion
	in := append(enters(10), testKey("rk_live_", "ACC3"), "", "b")
	in = append(in, enters(5)...) // steps 12-16
	// Step 17: v, a setup key, the URL; then on to step 18.
	in = append(in, "v", testKey("sk_live_", "SETA"), hookURL, "", testKey("whsec_", "SEC2"), "")
	out, err := runPlain(t, eng, nil, in...)
	if err != nil {
		t.Fatalf("%v\n%s", err, out)
	}
	for _, want := range []string{"type v to verify the endpoint with a setup key", "Webhook Endpoints: Read",
		"✓ Endpoint we_1Wrong exists", "✗ Endpoint we_1Wrong uses API version 2024-06-20", "Step 16:",
		"The setup key is now forgotten.", "signing secret whsec_…SEC2 pasted"} {
		if !strings.Contains(out, want) {
			t.Errorf("the output lacks %q", want)
		}
	}
	if len(eng.verifyURLs) != 1 || eng.verifyURLs[0] != hookURL || eng.verifyKeys[0].Reveal() != testKey("sk_live_", "SETA") {
		t.Fatalf("verified with %v", eng.verifyURLs)
	}
	if strings.Count(out, "Step 17 of 18") != 1 {
		t.Error("verifying showed step 17 again instead of asking again")
	}
}

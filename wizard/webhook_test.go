package wizard

import (
	"slices"
	"strings"
	"testing"

	tea "github.com/charmbracelet/bubbletea"

	"github.com/justt-ai/justt-onboard/onboarding"
	"github.com/justt-ai/justt-onboard/steps"
	"github.com/justt-ai/justt-onboard/stripecheck"
)

const hookURL = "https://hooks.justt.example/stripe/acme"

func registered(opts stripecheck.RegisterOptions) (stripecheck.RegisterResult, error) {
	secret, _ := stripecheck.ParseKey(testKey("whsec_", "WH42"))
	return stripecheck.RegisterResult{Created: true, Secret: secret, Endpoint: stripecheck.WebhookEndpoint{
		ID: "we_1Registered", URL: opts.URL, EnabledEvents: []string{steps.WebhookEvent},
		APIVersion: steps.WebhookAPIVersion, Status: "enabled",
	}}, nil
}

func TestWebhookChoiceScreen(t *testing.T) {
	h := newHarness(t, newFakeEngine(), nil).passKeyPart()
	h.want("Register it for me", "Do it by hand", "Skip the webhook", "gives up real-time")
	h.want("Part 2 · Webhook", "11/18")
	h.keys("down", "down").want("› c  Skip the webhook")
	h.keys("up").want("› b  Do it by hand")
	h.keys("esc").at(stateStep, 11)
}

func TestSkipTheWebhook(t *testing.T) {
	h := newHarness(t, newFakeEngine(), nil).passKeyPart()
	h.send(tea80x40())
	h.keys("c").at(stateSummary, 0)
	h.want("✓ Part 1, API key: restricted key · live mode · rk_live_…LIVE",
		"acct_1FakeAccount", "Part 2, webhook: skipped",
		"gives up real-time",
		"? Hand-off to Justt: not done from here (no Justt onboarding token)",
		"Integrations page in Justt's CustomerHub", "Stripe API Key field", "tell your Justt contact")
	h.wantNot("Webhook Secret field", "comes in a later version")
	h.keys("esc").at(stateWebhookChoice, 0)
	h.keys("c", "enter")
	if !h.quit || !h.m.finished {
		t.Fatal("enter on the summary did not finish")
	}
}

func TestRegisterForMe(t *testing.T) {
	eng := newFakeEngine()
	eng.register = registered
	h := newHarness(t, eng, nil).passKeyPart()
	h.send(tea80x40())
	h.keys("a").at(stateRegister, 0).want("deliberately lacks the Webhook Endpoints permission",
		"used once for this registration", "held in memory only", "never stored or sent to Justt")
	// A signing secret is not a setup key.
	h.paste(testKey("whsec_", "NOPE")).want("not an API key")
	setup := testKey("sk_live_", "SETU")
	h.paste(setup).want("Setup key: received")
	h.typeText("http://example.com/hook").keys("enter").want("✗")
	if len(eng.regOpts) != 0 {
		t.Fatal("registered with an invalid URL")
	}
	h.keys("ctrl+u").typeText(hookURL).keys("enter")
	h.want("✓ Webhook registered: we_1Registered", "Signing secret received (whsec_…WH42); held in memory for this run only",
		"charge.succeeded", "API version: 2020-08-27").wantNot("received and stored")
	if len(eng.regOpts) != 1 || eng.regOpts[0].URL != hookURL || eng.regOpts[0].Replace {
		t.Fatalf("registered with %+v", eng.regOpts)
	}
	if eng.regKeys[0].Reveal() != setup {
		t.Fatal("the setup key pasted was not the one used")
	}
	if !h.m.reg.setupKey.IsZero() {
		t.Fatal("the setup key is still held after the registration")
	}
	h.keys("enter").at(stateSummary, 0).want("registered we_1Registered", "whsec_…WH42", "in memory for this run only")
	// Without a token and a keyring, the summary says the secret ends
	// with the run, where it goes, and where the merchant gets it again.
	h.want("No keyring keeps the signing secret", "gone when the wizard closes", "Stripe Webhook Secret field", "we_1Registered in Stripe", "step 17")
	if h.c.flow.secret.Reveal() != testKey("whsec_", "WH42") {
		t.Fatal("the signing secret was not kept for the hand-off")
	}
}

func TestRegisterDuplicate(t *testing.T) {
	existing := stripecheck.WebhookEndpoint{ID: "we_1Old", URL: hookURL, Status: "enabled"}
	eng := newFakeEngine()
	eng.register = func(opts stripecheck.RegisterOptions) (stripecheck.RegisterResult, error) {
		if opts.Replace {
			res, err := registered(opts)
			res.Replaced = &existing
			return res, err
		}
		return stripecheck.RegisterResult{Existing: &existing}, &stripecheck.WebhookError{
			Code: stripecheck.CodeDuplicate, Message: "An endpoint for this URL already exists (we_1Old).",
			Fix: "Reveal its secret or replace it.", Endpoint: &existing}
	}
	start := func(t *testing.T) *harness {
		h := newHarness(t, eng, nil).passKeyPart()
		h.send(tea80x40())
		h.keys("a").paste(testKey("sk_live_", "SETU")).typeText(hookURL).keys("enter")
		return h.want("already exists", "we_1Old", "Use the existing endpoint", "Replace it")
	}
	t.Run("replace", func(t *testing.T) {
		h := start(t)
		h.keys("2").want("✓ Webhook registered", "old endpoint we_1Old was disabled")
		if last := eng.regOpts[len(eng.regOpts)-1]; !last.Replace {
			t.Fatal("2 did not ask for Replace")
		}
	})
	t.Run("reveal in the dashboard", func(t *testing.T) {
		h := start(t)
		h.keys("1").at(stateStep, 17)
		if !h.m.reg.setupKey.IsZero() {
			t.Fatal("the setup key is still held after leaving the registration")
		}
	})
}

func TestRegisterFailureShowsMessageAndFix(t *testing.T) {
	eng := newFakeEngine()
	calls := 0
	eng.register = func(opts stripecheck.RegisterOptions) (stripecheck.RegisterResult, error) {
		calls++
		if calls == 1 {
			return stripecheck.RegisterResult{}, &stripecheck.WebhookError{Code: stripecheck.CodeSetupKeyPermission,
				Message: "The setup key may not manage webhook endpoints.", Fix: "Give it Webhook Endpoints: Write."}
		}
		return registered(opts)
	}
	h := newHarness(t, eng, nil).passKeyPart()
	h.send(tea80x40())
	h.keys("a").paste(testKey("rk_live_", "SETR")).typeText(hookURL).keys("enter")
	h.want("may not manage webhook endpoints", "Give it Webhook Endpoints: Write", "r to try again")
	h.keys("r").want("✓ Webhook registered")
}

func TestLeavingRegistrationForgetsTheSetupKey(t *testing.T) {
	h := newHarness(t, newFakeEngine(), nil).passKeyPart()
	h.keys("a").paste(testKey("sk_live_", "SETU"))
	if h.m.reg.setupKey.IsZero() {
		t.Fatal("the setup key was not taken")
	}
	h.keys("esc").at(stateWebhookChoice, 0)
	if !h.m.reg.setupKey.IsZero() || h.m.reg.setup.in.Value() != "" {
		t.Fatal("the setup key outlived the registration screen")
	}
}

func TestDemoSetupKeyAndURL(t *testing.T) {
	eng := newFakeEngine()
	eng.register = registered
	h := newHarness(t, eng, (&fakeDemo{eng: eng}).hooks()).passKeyPart()
	h.keys("a").want("ctrl+p to paste a demo setup key").keys("ctrl+p")
	if h.m.reg.setupKey.Reveal() != testKey("sk_test_", "SETK") {
		t.Fatal("ctrl+p did not paste the demo setup key")
	}
	if h.m.reg.url.Value() != "https://hooks.justt.example/stripe/demo" {
		t.Fatalf("the URL field holds %q, want the demo URL", h.m.reg.url.Value())
	}
	h.keys("enter").want("✓ Webhook registered")
}

func TestByHandEndsWithTheSigningSecret(t *testing.T) {
	h := newHarness(t, newFakeEngine(), nil).passKeyPart()
	h.send(tea80x40())
	h.keys("b").at(stateStep, 12)
	h.keys("esc").at(stateWebhookChoice, 0).keys("b")
	for n := 12; n < 16; n++ {
		h.at(stateStep, n).keys("enter")
	}
	h.at(stateStep, 16)
	for _, kv := range steps.WebhookSummary {
		h.want(kv.Label+":", kv.Value)
	}
	h.keys("enter", "enter").at(stateStep, 18)
	h.paste(testKey("rk_live_", "WRNG")).want("not a webhook signing", "Step 17")
	if !pastedSecret(h.c).IsZero() {
		t.Fatal("a restricted key was taken as the signing secret")
	}
	h.paste(testKey("whsec_", "SIGN")).want("Format OK", "whsec_…SIGN", "fully verified when Justt receives the first")
	h.keys("enter").at(stateSummary, 0).want("signing secret whsec_…SIGN pasted")
	if strings.Contains(h.view(), "skipped") {
		t.Fatal("the summary says skipped")
	}
}

func TestStep18EnterWithoutASecret(t *testing.T) {
	h := newHarness(t, newFakeEngine(), nil).passKeyPart()
	h.goStep(18).keys("enter").at(stateStep, 18).want("Nothing was pasted")
}

// Stripe may already have created the endpoint when it answers: a key that
// left the screen would drop the answer, losing the only copy of the
// signing secret, and registering again would be refused as a duplicate.
func TestRegisteringWaitsForStripesAnswer(t *testing.T) {
	start := func(t *testing.T) (*harness, *fakeEngine, tea.Cmd) {
		eng := newFakeEngine()
		eng.register = registered
		h := newHarness(t, eng, nil).passKeyPart()
		h.send(tea80x40())
		h.keys("a").paste(testKey("sk_live_", "SETU")).typeText(hookURL)
		answer := h.hold(keyMsg("enter")) // Stripe answers later
		return h.want("Registering the endpoint with Stripe…"), eng, answer
	}
	t.Run("leaving keys wait", func(t *testing.T) {
		h, eng, answer := start(t)
		for _, k := range []string{"esc", "q", "g", "enter"} {
			h.keys(k).at(stateRegister, 0).want("wait for Stripe's answer", "ctrl+c still quits")
			if h.quit || h.m.goTo.active || !h.m.registering() {
				t.Fatalf("%s left the registration (quit %v, go-to %v, phase %v)", k, h.quit, h.m.goTo.active, h.m.reg.phase)
			}
		}
		h.keys("1", "7").at(stateRegister, 0) // g was refused, so no jump is pending
		h.keys("?").want("Press ? or esc to close").keys("q").want("wait for Stripe's answer")
		if h.quit {
			t.Fatal("q quit from the help while registering")
		}
		h.keys("esc").wantNot("Press ? or esc to close").at(stateRegister, 0)
		h.run(answer)
		h.want("✓ Webhook registered: we_1Registered", "whsec_…WH42")
		if h.c.flow.rec.Webhook.Way != onboarding.WebhookRegistered || h.c.flow.secret.Reveal() != testKey("whsec_", "WH42") {
			t.Fatal("Stripe's answer was dropped: the signing secret is lost")
		}
		if len(eng.regOpts) != 1 {
			t.Fatalf("registered %d times, want once", len(eng.regOpts))
		}
	})
	t.Run("ctrl+c still quits", func(t *testing.T) {
		h, _, _ := start(t)
		if h.keys("ctrl+c"); !h.quit {
			t.Fatal("ctrl+c did not quit while registering")
		}
	})
	t.Run("the keys shown are the keys that work", func(t *testing.T) {
		h, _, _ := start(t)
		shown := keysShown(h.m)
		for _, gone := range []string{"esc", "q quit", "g 1-18", "enter"} {
			if containsPrefix(shown, gone) {
				t.Errorf("the help lists %q while registering: %v", gone, shown)
			}
		}
		if !slices.Contains(shown, "ctrl+c quit (loses Stripe's answer)") || !slices.Contains(shown, "? help") {
			t.Errorf("the help lacks ctrl+c or ?: %v", shown)
		}
	})
}

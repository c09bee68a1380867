package wizard

import (
	"bytes"
	"context"
	"encoding/json"
	"strings"
	"testing"
	"time"

	"github.com/justt-ai/justt-onboard/onboarding"
	"github.com/justt-ai/justt-onboard/steps"
	"github.com/justt-ai/justt-onboard/stripecheck"
	"github.com/justt-ai/justt-onboard/vault"
)

// A walk is one merchant's path, written for both faces: keys for the full
// screen, typed lines for the accessible mode. Both must end with the same
// record: the faces are views of one onboarding, not two copies of it.
type walk struct {
	name    string
	missing []string // scopes the fake Stripe does not grant
	// register answers the webhook registration; nil: none configured
	register func(stripecheck.RegisterOptions) (stripecheck.RegisterResult, error)
	screen   func(h *harness)
	lines    []string
	check    func(t *testing.T, r onboarding.Record)
}

var (
	walkLive   = testKey("rk_live_", "WLK1")
	walkTest   = testKey("rk_test_", "WLK2")
	walkSecret = testKey("whsec_", "WLK3")
	walkSetup  = testKey("sk_live_", "WLK4")
)

// duplicate is Stripe already holding an endpoint for the URL.
func duplicate(stripecheck.RegisterOptions) (stripecheck.RegisterResult, error) {
	existing := stripecheck.WebhookEndpoint{ID: "we_1Old", URL: hookURL, Status: "enabled"}
	return stripecheck.RegisterResult{Existing: &existing}, &stripecheck.WebhookError{
		Code: stripecheck.CodeDuplicate, Message: "An endpoint for this URL already exists (we_1Old).",
		Fix: "Reveal its secret or replace it.", Endpoint: &existing}
}

func walks() []walk {
	return []walk{
		{
			name:   "key only, webhook skipped, finished",
			screen: func(h *harness) { h.goStep(11).paste(walkLive).keys("enter", "c", "enter") },
			lines:  []string{"go to step 11", walkLive, "", "c"},
			check: func(t *testing.T, r onboarding.Record) {
				if !r.Finished() || !r.KeyPassed() || r.Webhook.Way != onboarding.WebhookSkipped || r.Key.Vault == nil {
					t.Errorf("record %+v", r)
				}
			},
		},
		{
			name: "by hand, secret pasted at step 18, finished",
			screen: func(h *harness) {
				h.goStep(11).paste(walkLive).keys("enter", "b").goStep(18).paste(walkSecret).keys("enter")
			},
			lines: []string{"g 11", walkLive, "", "b", "g 18", walkSecret, ""},
			check: func(t *testing.T, r onboarding.Record) {
				if !r.Finished() || r.Webhook.Way != onboarding.WebhookByHand || r.Webhook.SecretRedacted != "whsec_…WLK3" || r.Webhook.Vault == nil {
					t.Errorf("webhook part %+v", r.Webhook)
				}
			},
		},
		{
			name:   "test-mode key continued past, by hand, stopped at 14",
			screen: func(h *harness) { h.goStep(11).paste(walkTest).keys("y", "b").goStep(14).keys("q") },
			lines:  []string{"g 11", walkTest, "y", "b", "go to step 14", "q"},
			check: func(t *testing.T, r onboarding.Record) {
				if r.Step != 14 || r.Key.ContinuedPast != "test_mode_key" || r.Finished() {
					t.Errorf("record %+v", r)
				}
			},
		},
		{
			name:    "missing permission: the key part stays open, step 18 refused",
			missing: []string{"rak_dispute_write"},
			screen:  func(h *harness) { h.goStep(11).paste(walkLive).keys("enter").goStep(18).goStep(13).keys("q") },
			lines:   []string{"g 11", walkLive, "", "g 18", "g 13", "q"},
			check: func(t *testing.T, r onboarding.Record) {
				if r.Step != 13 || r.KeyPassed() || r.Key.Verdict != onboarding.VerdictNotReady {
					t.Errorf("record %+v", r)
				}
			},
		},
		{
			name:     "registered for me, verified, secret kept, finished",
			register: registered,
			screen: func(h *harness) {
				h.goStep(11).paste(walkLive).keys("enter", "a").paste(walkSetup).typeText(hookURL).keys("enter", "enter")
			},
			lines: []string{"g 11", walkLive, "", "a", walkSetup, hookURL, ""},
			check: func(t *testing.T, r onboarding.Record) {
				w := r.Webhook
				if !r.Finished() || w.Way != onboarding.WebhookRegistered || !w.Verified || w.Vault == nil || w.EndpointID != "we_1Registered" {
					t.Errorf("webhook part %+v", w)
				}
			},
		},
		{
			name:     "duplicate endpoint: its secret revealed and pasted by hand",
			register: duplicate,
			screen: func(h *harness) {
				h.goStep(11).paste(walkLive).keys("enter", "a").paste(walkSetup).typeText(hookURL).keys("enter", "1", "enter").
					paste(walkSecret).keys("enter")
			},
			lines: []string{"g 11", walkLive, "", "a", walkSetup, hookURL, "1", "", walkSecret, ""},
			check: func(t *testing.T, r onboarding.Record) {
				if !r.Finished() || r.Webhook.Way != onboarding.WebhookByHand || r.Webhook.SecretRedacted != "whsec_…WLK3" {
					t.Errorf("webhook part %+v", r.Webhook)
				}
			},
		},
		{
			name:   "another key after a check",
			screen: func(h *harness) { h.goStep(11).paste(walkLive).keys("e").paste(walkTest).keys("q") },
			lines:  []string{"g 11", walkLive, "e", walkTest, "q"},
			check: func(t *testing.T, r onboarding.Record) {
				if r.Key.Redacted != "rk_test_…WLK2" || r.KeyPassed() || r.Key.Verdict != onboarding.VerdictReady {
					t.Errorf("key part %+v", r.Key)
				}
			},
		},
	}
}

func TestBothFacesEndWithTheSameRecord(t *testing.T) {
	for _, w := range walks() {
		t.Run(w.name, func(t *testing.T) {
			screenStore, plainStore := &memoryProgress{}, &memoryProgress{}

			engine := func() *fakeEngine {
				e := newFakeEngine(w.missing...)
				e.register = w.register
				return e
			}
			h := newHarness(t, engine(), nil)
			h.c.flow = newFlow(onboarding.New(time.Now()), vault.New(vault.NewMemory(), 0), screenStore)
			h.m = newModel(h.c)
			w.screen(h)
			fromScreen := h.c.flow.rec

			f := newFlow(onboarding.New(time.Now()), vault.New(vault.NewMemory(), 0), plainStore)
			var out bytes.Buffer
			in := strings.NewReader(strings.Join(w.lines, "\n") + "\n")
			if err := runAccessible(context.Background(), engine(), nil, Handoff{}, start{flow: f}, in, &out); err != nil {
				t.Fatalf("accessible: %v\n%s", err, out.String())
			}
			if m := keyShaped.FindString(out.String()); m != "" {
				t.Fatalf("the accessible output shows a secret")
			}
			if leaks(out.String(), typedSecrets(w.lines)...) {
				t.Fatalf("the accessible output shows a typed line of 12 or more characters in full or by its last 12")
			}
			fromLines := f.rec

			a, b := comparable(t, fromScreen), comparable(t, fromLines)
			if a != b {
				t.Fatalf("the faces disagree:\nscreen:     %s\naccessible: %s\n%s", a, b, out.String())
			}
			w.check(t, fromScreen)
			for name, s := range map[string]*memoryProgress{"screen": screenStore, "accessible": plainStore} {
				saved, n := s.last()
				rec := fromScreen
				if name == "accessible" {
					rec = fromLines
				}
				if n == 0 || comparable(t, saved) != comparable(t, rec) {
					t.Errorf("%s: the last save (%d saves) is not the record it ended with", name, n)
				}
				raw, _ := json.Marshal(saved)
				for _, secret := range []string{walkLive, walkTest, walkSecret, walkSetup, testKey("whsec_", "WH42")} {
					if leaks(string(raw), secret) {
						t.Errorf("%s: the saved record holds a secret", name)
					}
				}
			}
		})
	}
}

// comparable is the record as JSON with times reduced to set / not set:
// the two runs happen at different moments.
func comparable(t *testing.T, r onboarding.Record) string {
	t.Helper()
	stamp := func(x *time.Time) {
		if !x.IsZero() {
			*x = time.Date(2026, 1, 1, 0, 0, 0, 0, time.UTC)
		}
	}
	stamp(&r.Started)
	stamp(&r.Updated)
	stamp(&r.Key.CheckedAt)
	stamp(&r.FinishedAt)
	stamp(&r.Handoff.ReceivedAt)
	raw, err := json.Marshal(r)
	if err != nil {
		t.Fatal(err)
	}
	return string(raw)
}

// The accessible mode re-asks what it does not understand, and offers the
// screens' commands in words.
func TestAccessibleCommandsInWords(t *testing.T) {
	eng := newFakeEngine()
	lines := []string{"x", "?", "go to step 12", "back", "step 18", "g 11", walkLive, "r", "huh", "", "q"}
	out, err := runPlain(t, eng, nil, lines...)
	if err != nil {
		t.Fatal(err)
	}
	for _, want := range []string{
		`Not understood: "x"`, "Commands: enter (done, next step)", "Step 12 of 18", "Step 11 of 18",
		partOneNotice, `Not understood: "huh"`, "Part 2: the webhook",
	} {
		if !strings.Contains(out, want) {
			t.Errorf("the output lacks %q", want)
		}
	}
	// x and ? did not move on: step 2 is never shown before the go to.
	if i, j := strings.Index(out, "Step 2 of 18"), strings.Index(out, "Step 12 of 18"); i >= 0 && i < j {
		t.Error("an answer that was not understood moved on to step 2")
	}
	if probes, _ := eng.calls(); probes != 2*len(steps.Required) {
		t.Errorf("%d probes, want two checks (the paste and r)", probes)
	}
}

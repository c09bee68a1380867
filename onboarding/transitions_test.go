package onboarding

import (
	"errors"
	"testing"
	"time"

	"github.com/justt-ai/justt-onboard/vault"
)

var live = KeyFacts{Redacted: "rk_live_…a1b2", Kind: "restricted", Mode: "live"}

func checked(t *testing.T, v Verdict, warnings ...string) Record {
	t.Helper()
	r := New(now)
	r.KeyPasted(live, now)
	r.KeyChecked(KeyCheck{Verdict: v, AccountID: "acct_1", Warnings: warnings}, now)
	return r
}

func TestStep18AndTheSummaryWaitForTheKeyPart(t *testing.T) {
	r := New(now)
	if err := r.GoTo(14, now); err != nil || r.Step != 14 {
		t.Fatalf("steps 12-17 may be read at any time: %v, step %d", err, r.Step)
	}
	if err := r.GoTo(18, now); !errors.Is(err, ErrKeyPartOpen) || r.Step != 14 {
		t.Fatalf("GoTo(18) before the key = %v, step %d", err, r.Step)
	}
	if err := r.Finish(now); !errors.Is(err, ErrKeyPartOpen) || r.Finished() {
		t.Fatalf("Finish before the key = %v", err)
	}
	if err := r.ChooseWebhook(WebhookSkipped, now); !errors.Is(err, ErrKeyPartOpen) {
		t.Fatalf("ChooseWebhook before the key = %v", err)
	}
	if err := r.GoTo(19, now); err == nil {
		t.Fatal("step 19 accepted")
	}
}

func TestAcceptKeyRules(t *testing.T) {
	cases := []struct {
		name     string
		verdict  Verdict
		warnings []string
		anyway   bool
		want     error
		caveat   string
	}{
		{"ready", VerdictReady, nil, false, nil, ""},
		{"ready with a warning", VerdictReady, []string{"test_mode_key"}, false, ErrNeedsConsent, ""},
		{"ready with a warning, anyway", VerdictReady, []string{"test_mode_key"}, true, nil, "test_mode_key"},
		{"undecided", VerdictUndecided, nil, false, ErrNeedsConsent, ""},
		{"undecided, anyway", VerdictUndecided, nil, true, nil, "undecided"},
		{"not ready, anyway", VerdictNotReady, nil, true, ErrNotReady, ""},
		{"not checked", VerdictNone, nil, true, ErrNotChecked, ""},
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			r := checked(t, c.verdict, c.warnings...)
			err := r.AcceptKey(c.anyway, now)
			if !errors.Is(err, c.want) {
				t.Fatalf("AcceptKey = %v, want %v", err, c.want)
			}
			if r.KeyPassed() != (c.want == nil) || r.Key.ContinuedPast != c.caveat {
				t.Fatalf("passed %v, continued past %q", r.KeyPassed(), r.Key.ContinuedPast)
			}
		})
	}
}

func TestRecheckRules(t *testing.T) {
	r := checked(t, VerdictReady)
	if err := r.AcceptKey(false, now); err != nil {
		t.Fatal(err)
	}
	r.KeyPasted(live, now) // the same key, checked again (resume, r)
	r.KeyChecked(KeyCheck{Verdict: VerdictUndecided}, now)
	if !r.KeyPassed() || r.Key.AccountID != "acct_1" {
		t.Fatalf("an outage undid a decision: %+v", r.Key)
	}
	r.KeyChecked(KeyCheck{Verdict: VerdictNotReady}, now)
	if r.KeyPassed() {
		t.Fatal("a key that lost a permission still counts as passed")
	}
	r.AcceptKey(false, now)
	other := live
	other.Redacted = "rk_live_…c3d4"
	r.KeyPasted(other, now)
	if r.KeyPassed() || r.Key.Verdict != VerdictNone || r.Key.Redacted != other.Redacted {
		t.Fatalf("another key kept the old one's verdict: %+v", r.Key)
	}
}

func TestWebhookWaysAndFinish(t *testing.T) {
	r := checked(t, VerdictReady)
	r.AcceptKey(false, now)
	if err := r.Finish(now); err == nil {
		t.Fatal("finished with Part 2 undecided")
	}
	r.ChooseWebhook(WebhookByHand, now)
	if err := r.Finish(now); err == nil {
		t.Fatal("finished by hand without a signing secret")
	}
	r.SecretPasted("whsec_…9z9z", now)
	if !r.SecretNeeded() {
		t.Fatal("a pasted secret held nowhere is not flagged")
	}
	r.SecretKept(&vault.Entry{Secret: vault.WebhookSigningSecret, Account: "acct_1"}, now)
	if r.SecretNeeded() {
		t.Fatal("a secret in the keyring is flagged as held nowhere")
	}
	if err := r.Finish(now); err != nil || !r.Finished() {
		t.Fatalf("Finish = %v", err)
	}
	if err := r.GoTo(12, now); err != nil || r.Finished() {
		t.Fatalf("going back to a step still counts as finished: %v", err)
	}
	r.WebhookRegistered(Endpoint{ID: "we_1", URL: "https://x", APIVersion: "2020-08-27"}, "whsec_…a1a1", now)
	r.ChooseWebhook(WebhookByHand, now)
	if r.Webhook.Way != WebhookRegistered {
		t.Fatal("choosing again lost a registered endpoint")
	}
	r.ChooseWebhook(WebhookSkipped, now)
	if r.Webhook.Way != WebhookSkipped || r.Webhook.EndpointID != "" {
		t.Fatalf("skip = %+v", r.Webhook)
	}
}

func TestSecretsLostOnResume(t *testing.T) {
	r := checked(t, VerdictReady)
	r.AcceptKey(false, now)
	r.WebhookRegistered(Endpoint{ID: "we_1"}, "whsec_…a1a1", now)
	r.GoTo(18, now)
	lost := r.SecretsLost(true, true, now)
	if len(lost) != 2 || r.KeyPassed() || r.Step != KeyStep || r.Webhook.SecretRedacted != "" || r.Webhook.Way != WebhookByHand {
		t.Fatalf("lost %q, record %+v", lost, r)
	}
	if again := r.SecretsLost(true, true, now); len(again) != 0 {
		t.Fatalf("lost twice: %q", again)
	}
}

func TestVerifyFailedAndSecretsDeleted(t *testing.T) {
	now := time.Now()
	r := New(now)
	r.WebhookVerified("https://hooks.example/x", "we_1", false, now)
	if r.Webhook.Verified || !r.Webhook.VerifyFailed {
		t.Fatalf("a failed verification: %+v", r.Webhook)
	}
	r.WebhookVerified("https://hooks.example/x", "we_1", true, now)
	if !r.Webhook.Verified || r.Webhook.VerifyFailed {
		t.Fatalf("a passed verification: %+v", r.Webhook)
	}
	r.Key.Vault = &vault.Entry{Secret: vault.RestrictedKey, Account: "acct_1"}
	r.Webhook.Vault = &vault.Entry{Secret: vault.WebhookSigningSecret, Account: "acct_1"}
	r.SecretsDeletedAfterReceipt(now)
	if r.Key.Vault != nil || r.Webhook.Vault != nil || !r.Handoff.SecretsDeleted {
		t.Fatalf("after deleting: %+v %+v", r.Key, r.Handoff)
	}
}

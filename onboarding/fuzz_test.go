package onboarding

import (
	"bytes"
	"encoding/json"
	"os"
	"path/filepath"
	"testing"
	"time"

	"github.com/justt-ai/justt-onboard/internal/safetext"
	"github.com/justt-ai/justt-onboard/stripecheck"
	"github.com/justt-ai/justt-onboard/vault"
)

// FuzzLoad: whatever bytes the progress file holds, Load never panics and
// never fails on a readable file; it either returns a record that keeps
// the record's invariants (a step of the guide, known states, no secret,
// no control character, the keyring entries this tool writes) and that
// survives Save and Load unchanged, or it sets the file aside, byte for
// byte, with a reason safe to print, and reports nothing found.
func FuzzLoad(f *testing.F) {
	r := New(time.Date(2026, 12, 2, 10, 0, 0, 0, time.UTC))
	r.Step = 18
	r.Key = KeyPart{Redacted: "rk_live_…a1b2", Kind: "restricted", Mode: "live", AccountID: "acct_1",
		Check: json.RawMessage(`{"ready": true}`), Verdict: VerdictReady, Accepted: true,
		Vault: &vault.Entry{Secret: vault.RestrictedKey, Account: "acct_1"}}
	r.Webhook = WebhookPart{Way: WebhookRegistered, EndpointID: "we_1", URL: "https://hooks.justt.example/x",
		SecretRedacted: "whsec_…9f9f", Vault: &vault.Entry{Secret: vault.WebhookSigningSecret, Account: "acct_1"}}
	r.Handoff = Handoff{State: HandoffReceived, APIURL: "https://api.justt.example", IdempotencyKey: "onb-0123456789abcdef",
		SubmissionID: "onb_1", ReceivedAt: r.Started}
	good, _ := json.MarshalIndent(r, "", "  ")
	f.Add(good)
	for _, seed := range []string{
		"", "{not json", `{"schema": 99, "step": 3}`, `{"schema": 1, "step": 0}`, `{"schema": 1, "step": 19}`, "null", "[]",
		`{"schema": 1, "step": 3, "key": {"redacted": "rk_live_51AbCdEfGhIjKlMnOpQrStUv"}}`,
		`{"schema": 1, "step": 3, "handoff": {"state": "received"}}`,
		`{"schema": 1, "step": 3, "handoff": {"merchant_name": "\u001b]0;pwned\u0007"}}`,
		`{"schema": 1, "step": 3, "key": {"vault": {"secret": "webhook-signing-secret", "account": "acct_1"}}}`,
		`{"schema": 1, "step": 3, "key": {"accepted": true, "verdict": "not_ready"}}`,
		`{"schema": 1.5, "step": 3}`, `{"schema": 1, "step": 3, "schema": 2}`, "\xef\xbb\xbf{\"schema\": 1, \"step\": 2}",
	} {
		f.Add([]byte(seed))
	}
	dir := f.TempDir()
	f.Fuzz(func(t *testing.T, data []byte) {
		entries, _ := os.ReadDir(dir)
		for _, e := range entries {
			_ = os.Remove(filepath.Join(dir, e.Name()))
		}
		s := Store{Dir: dir}
		if err := os.WriteFile(s.Path(), data, 0o600); err != nil {
			t.Fatal(err)
		}
		r, found, aside, err := s.Load()
		if err != nil {
			t.Fatalf("Load of a readable file failed: %v", err)
		}
		if !found {
			if aside == nil {
				t.Fatal("nothing found, nothing set aside")
			}
			kept, rerr := os.ReadFile(aside.MovedTo)
			if rerr != nil || !bytes.Equal(kept, data) {
				t.Fatalf("the set-aside file does not hold what was there (%v)", rerr)
			}
			if safetext.Has(aside.Reason) {
				t.Fatalf("reason unsafe to print: %q", aside.Reason)
			}
			return
		}
		if aside != nil {
			t.Fatal("found and set aside")
		}
		if p := r.problem(); p != "" || r.Step < 1 || r.Step > TotalSteps || r.Schema != SchemaVersion {
			t.Fatalf("Load returned a record that breaks its invariants (%s): %+v", p, r)
		}
		// The same, said independently of problem().
		js, _ := json.Marshal(r)
		known := map[string]bool{"": true, "ready": true, "not_ready": true, "undecided": true, "registered": true,
			"by_hand": true, "skipped": true, "sending": true, "received": true, "manual": true}
		if stripecheck.Redact(string(js)) != string(js) || !known[string(r.Key.Verdict)] || !known[string(r.Webhook.Way)] ||
			!known[string(r.Handoff.State)] || (r.Key.Vault != nil && r.Key.Vault.Secret != vault.RestrictedKey) ||
			safetext.Has(r.Handoff.MerchantName+r.Webhook.URL+r.Key.Redacted+r.Key.AccountID+r.Handoff.SubmissionID) {
			t.Fatalf("Load returned a record that breaks its invariants: %s", js)
		}
		if err := s.Save(r); err != nil {
			t.Fatal(err)
		}
		again, found, aside, err := s.Load()
		a, _ := json.Marshal(r)
		b, _ := json.Marshal(again)
		if err != nil || !found || aside != nil || !bytes.Equal(a, b) {
			t.Fatalf("a loaded record did not survive Save and Load (%v, %v, %v):\n%s\n%s", err, found, aside, a, b)
		}
	})
}

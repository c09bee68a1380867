package wizard

import (
	"context"
	"encoding/json"
	"net/http/httptest"
	"strings"
	"testing"
	"time"

	"github.com/justt-ai/justt-onboard/justt"
	"github.com/justt-ai/justt-onboard/onboarding"
	"github.com/justt-ai/justt-onboard/sandbox"
	"github.com/justt-ai/justt-onboard/stripecheck"
	"github.com/justt-ai/justt-onboard/vault"
)

// justtRun is a harness whose wizard hands over to a real sandbox Justt
// receiver on loopback, one attempt per call (no retries, no waits), so
// a fault shows on the screen at once.
type justtRun struct {
	*harness
	rx  *sandbox.Justt
	url string
}

func newJusttRun(t *testing.T) *justtRun {
	t.Helper()
	rx := sandbox.NewJustt()
	srv := httptest.NewServer(rx.Handler())
	t.Cleanup(srv.Close)
	h := newHarness(t, newFakeEngine(), nil)
	h.c.hand = Handoff{Connect: func(tok justt.Token) (*justt.Client, error) {
		return justt.New(justt.Config{BaseURL: srv.URL, Token: tok, MaxAttempts: 1,
			Wait: func(context.Context, int, time.Duration) error { return nil }})
	}}
	h.send(tea80x40())
	var cmd = h.hold(nil)
	h.m, cmd = h.m.askToken(cmd)
	h.run(cmd)
	return &justtRun{harness: h, rx: rx, url: srv.URL}
}

// token pastes a token, as the merchant would.
func (r *justtRun) token(tok string) *justtRun {
	r.t.Helper()
	r.paste(tok)
	return r
}

// recordJSON is the record as the progress file would hold it.
func (r *justtRun) recordJSON() string {
	b, err := json.Marshal(r.c.flow.rec)
	if err != nil {
		r.t.Fatal(err)
	}
	return string(b)
}

func TestTokenProvedNamesTheMerchantAndFillsTheWebhookURL(t *testing.T) {
	r := newJusttRun(t)
	r.at(stateToken, 0).want("Your Justt onboarding token", "(empty: paste here)", "I don't have one")
	tok := r.rx.MintToken("Acme Ltd")
	r.token(tok).at(stateToken, 0)
	r.want("✓ Justt accepted the token", "This onboarding is for Acme Ltd", sandbox.JusttDemoWebhookURL)
	if got := r.m.reg.url.Value(); got != sandbox.JusttDemoWebhookURL {
		t.Fatalf("the webhook URL field holds %q, want Justt's", got)
	}
	if strings.Contains(r.recordJSON(), tok) {
		t.Fatal("the token reached the record")
	}
	if r.c.flow.rec.Handoff.MerchantName != "Acme Ltd" {
		t.Fatalf("record: %+v", r.c.flow.rec.Handoff)
	}
	r.keys("enter").at(stateStep, 1)
	r.goStep(16).want("Endpoint URL:", sandbox.JusttDemoWebhookURL, "(from Justt)")
}

func TestTokenRefusedThenAnotherOrNone(t *testing.T) {
	r := newJusttRun(t)
	bad := r.rx.MintToken("Acme Ltd")
	r.rx.ExpireToken(bad)
	r.token(bad).at(stateToken, 0)
	r.want("✗ Justt refused this token", "invalid, revoked or expired", "Paste another", "continue without")
	if !r.m.fieldFocused() || r.c.flow.justt != nil {
		t.Fatal("after a refusal the field should take another token, with no client kept")
	}
	// Something that cannot be a token is refused without asking Justt.
	before := len(r.rx.Requests())
	r.token("x1y2z").want("too short")
	if len(r.rx.Requests()) != before {
		t.Fatal("a malformed token was sent to Justt")
	}
	// "I don't have one": enter on the empty field.
	r.keys("enter").at(stateStep, 1)
	if r.c.flow.rec.Handoff.State != onboarding.HandoffManual {
		t.Fatalf("hand-off state %q, want manual", r.c.flow.rec.Handoff.State)
	}
	wantStatus(t, r.harness, "No token")
}

func TestNoTokenSummaryNamesTheCustomerHubAndClaimsNothing(t *testing.T) {
	r := newJusttRun(t)
	r.keys("enter").at(stateStep, 1)
	r.passKeyPart()
	r.keys("c").at(stateSummary, 0)
	r.want("? Hand-off to Justt: not done from here (no Justt onboarding token)",
		"Justt's CustomerHub", "Stripe API Key field", "Then tell your Justt contact you have finished")
	r.wantNot("✓ Hand-off", "receipt", "has been notified", "later version")
	if len(r.rx.Submissions()) != 0 {
		t.Fatal("something was sent without a token")
	}
}

// handOverSkipped proves a token, passes the key part and skips the
// webhook: the review is on show.
func (r *justtRun) handOverSkipped() *justtRun {
	r.t.Helper()
	r.token(sandbox.JusttDemoToken).keys("enter").at(stateStep, 1)
	r.passKeyPart()
	r.keys("c").at(stateReview, 0)
	return r
}

func TestReviewSendReceipt(t *testing.T) {
	r := newJusttRun(t)
	r.c.flow.vault = vault.New(vault.NewMemory(), time.Second)
	r.handOverSkipped()
	r.want("Review: what will be sent to Justt", r.url+justt.SubmitPath, sandbox.JusttDemoMerchant,
		"acct_1FakeAccount", "live mode", "rk_live_…LIVE", "none (API-key-only mode)",
		"9 of 9 permissions granted", "removed (Justt holds them)")
	if r.c.flow.rec.Key.Vault == nil {
		t.Fatal("the key was not in the keyring before the hand-off")
	}
	entry := *r.c.flow.rec.Key.Vault
	r.keys("enter").at(stateReview, 0)
	r.want("✓ Justt received the key: receipt onb_", "The Justt team has been notified", "removed from your keyring")
	subs := r.rx.Submissions()
	if len(subs) != 1 || subs[0].APIKey != testKey("rk_live_", "LIVE") || subs[0].WebhookSecret != "" || !subs[0].Livemode {
		t.Fatalf("the receiver holds %d submissions:%s", len(subs), submissionsSeen(subs))
	}
	h := r.c.flow.rec.Handoff
	if h.State != onboarding.HandoffReceived || h.SubmissionID != subs[0].ID || !h.SecretsDeleted || r.c.flow.rec.Key.Vault != nil {
		t.Fatalf("record after the receipt: %+v", h)
	}
	if _, found, _ := r.c.flow.vault.Get(context.Background(), entry); found {
		t.Fatal("the key is still in the keyring after a confirmed receipt")
	}
	r.keys("enter").at(stateSummary, 0)
	r.want("✓ Hand-off to Justt: Justt received the key (receipt "+subs[0].ID+")",
		"Removed from your keyring after Justt's receipt", "the Justt team has been notified")
	r.wantNot("tell your Justt contact", "Stripe API Key field")
	if strings.Contains(r.recordJSON(), sandbox.JusttDemoToken) {
		t.Fatal("the token reached the record")
	}
}

func TestReviewKeepsTheSecretsWhenAsked(t *testing.T) {
	r := newJusttRun(t)
	r.c.flow.vault = vault.New(vault.NewMemory(), time.Second)
	r.handOverSkipped()
	entry := *r.c.flow.rec.Key.Vault
	r.keys("k").want("are kept, as you chose")
	r.keys("enter").want("receipt onb_", "stay in your keyring, as you chose")
	if _, found, _ := r.c.flow.vault.Get(context.Background(), entry); !found || r.c.flow.rec.Handoff.SecretsDeleted {
		t.Fatal("the key was removed although the merchant chose to keep it")
	}
}

func TestSendUnreachableThenRetrySameIdempotencyKey(t *testing.T) {
	r := newJusttRun(t)
	r.handOverSkipped()
	// Justt records the submission, then the connection drops (on every
	// attempt, net/http's own retry included): the client cannot know it
	// arrived.
	r.rx.SetFault(sandbox.JusttFault{Kind: sandbox.JusttReset, Path: justt.SubmitPath})
	r.keys("enter").at(stateReview, 0)
	r.want("Justt could not be reached", "Nothing was lost", "press enter to try again")
	r.wantNot("receipt onb_")
	h := r.c.flow.rec.Handoff
	if h.State != onboarding.HandoffSending || h.IdempotencyKey == "" {
		t.Fatalf("the record lost the attempt: %+v", h)
	}
	first := h.IdempotencyKey
	r.rx.SetFault(sandbox.JusttFault{})
	r.keys("enter").want("✓ Justt has the key: receipt onb_", "kept it once")
	if n := len(r.rx.Submissions()); n != 1 {
		t.Fatalf("the receiver recorded %d submissions, want 1", n)
	}
	var keys []string
	for _, q := range r.rx.Requests() {
		if q.Path == justt.SubmitPath {
			keys = append(keys, q.IdempotencyKey)
		}
	}
	if len(keys) < 2 {
		t.Fatalf("%d submit attempts, want the failed one and the retry", len(keys))
	}
	for _, k := range keys {
		if k != first {
			t.Fatalf("submit attempts used keys %v, want every one %s", keys, first)
		}
	}
	r.keys("enter").at(stateSummary, 0).want("✓ Hand-off to Justt")
}

func TestReviewRefusesAKeyThatDidNotPass(t *testing.T) {
	r := newJusttRun(t)
	r.eng.offline = true // Stripe never answers: every row undecided
	r.token(sandbox.JusttDemoToken).keys("enter")
	r.goStep(11).paste(testKey("rk_live_", "LIVE")).keys("y").at(stateWebhookChoice, 0)
	r.keys("c").at(stateReview, 0)
	r.want("✗ Not sendable", "Justt takes the key only once its check passes")
	r.keys("enter").at(stateSummary, 0)
	r.want("? Part 1, API key:", "not verified (Stripe was never reached", "Account: not known (Stripe was not reached)",
		"? Hand-off to Justt: not sent from here")
	r.wantNot("✓ Part 1", "not shown by Stripe", "✓ Hand-off")
	if len(r.rx.Submissions()) != 0 {
		t.Fatal("a key whose check did not pass was sent")
	}
}

// runPlainHandoff is the accessible face with a hand-off to rx.
func runPlainHandoff(t *testing.T, rx *sandbox.Justt, lines ...string) string {
	t.Helper()
	srv := httptest.NewServer(rx.Handler())
	t.Cleanup(srv.Close)
	hand := Handoff{Connect: func(tok justt.Token) (*justt.Client, error) {
		return justt.New(justt.Config{BaseURL: srv.URL, Token: tok, MaxAttempts: 1})
	}}
	var out strings.Builder
	in := strings.NewReader(strings.Join(lines, "\n") + "\n")
	if err := runAccessible(context.Background(), newFakeEngine(), nil, hand, freshStart(), in, &out); err != nil {
		t.Fatal(err)
	}
	s := out.String()
	if m := keyShaped.FindString(s); m != "" {
		t.Fatalf("the accessible output shows a secret: %q", m)
	}
	if leaks(s, append(typedSecrets(lines), sandbox.JusttDemoToken)...) {
		t.Fatal("the accessible output shows the token or a typed line of 12 or more characters, in full or by its last 12")
	}
	return s
}

func TestAccessibleTokenReviewAndReceipt(t *testing.T) {
	rx := sandbox.NewJustt()
	bad := rx.MintToken("Acme Ltd")
	rx.ExpireToken(bad)
	in := append([]string{bad, sandbox.JusttDemoToken}, enters(10)...)
	in = append(in, testKey("rk_live_", "ACC1"), "", "c", "sned", "send")
	out := runPlainHandoff(t, rx, in...)
	for _, want := range []string{
		"Justt refused this token", "This onboarding is for " + sandbox.JusttDemoMerchant,
		"Review: what will be sent to Justt.", "API key: restricted key · live mode · rk_live_…ACC1",
		"Webhook signing secret: none (API-key-only mode)", "Not understood: type send, or skip.",
		"✓ Justt received the key: receipt onb_", "The Justt team has been notified",
		"✓ Hand-off to Justt: Justt received the key (receipt onb_",
	} {
		if !strings.Contains(flat(out), flat(want)) {
			t.Errorf("the output lacks %q", want)
		}
	}
	if n := len(rx.Submissions()); n != 1 {
		t.Fatalf("the receiver recorded %d submissions, want 1", n)
	}
}

func TestAccessibleNoToken(t *testing.T) {
	rx := sandbox.NewJustt()
	in := append([]string{""}, enters(10)...)
	in = append(in, testKey("rk_live_", "ACC1"), "", "c")
	out := runPlainHandoff(t, rx, in...)
	for _, want := range []string{"No token:", "? Hand-off to Justt: not done from here", "Stripe API Key field", "tell your Justt contact"} {
		if !strings.Contains(flat(out), flat(want)) {
			t.Errorf("the output lacks %q", want)
		}
	}
	if strings.Contains(out, "Review:") || len(rx.Submissions()) != 0 {
		t.Fatal("a review or a submission without a token")
	}
}

// Without a token, c copies each secret for the CustomerHub on request:
// the key once it passed at step 11, the signing secret at step 18.
// Neither is ever drawn.
func TestCopySecretsForTheCustomerHub(t *testing.T) {
	h := newHarness(t, newFakeEngine(), nil)
	h.send(tea80x40())
	h.goStep(11).paste(testKey("rk_live_", "LIVE"))
	h.keys("c")
	if len(h.copied) != 1 || h.copied[0] != testKey("rk_live_", "LIVE") {
		t.Fatalf("copied %d texts, want the key once", len(h.copied))
	}
	wantStatus(t, h, "Copied the key (rk_live_…LIVE) to the clipboard: paste it into the Stripe API Key field")
	h.keys("enter").at(stateWebhookChoice, 0).keys("b")
	h.goStep(18).paste(testKey("whsec_", "WH42"))
	h.keys("esc", "enter")
	h.goStep(18)
	if h.m.fieldFocused() {
		t.Fatal("the field took c as text")
	}
	h.copyNative = false // no system clipboard: OSC 52, unconfirmed
	h.keys("c")
	if len(h.copied) != 2 || h.copied[1] != testKey("whsec_", "WH42") {
		t.Fatalf("copied %v texts, want the signing secret second", len(h.copied))
	}
	wantStatus(t, h, "Sent the signing secret (whsec_…WH42) to your terminal's clipboard (OSC 52; not every terminal takes it)")
}

// A run that stopped after Justt recorded the submission but before the
// receipt arrived (a crash mid-request): the next run resumes, asks for
// the token again (it is never saved), and sends the same submission
// under the same Idempotency-Key, which Justt answers as a replay.
func TestResumeAsksForTheTokenAgainAndReplays(t *testing.T) {
	r := newJusttRun(t)
	keyring := vault.New(vault.NewMemory(), time.Second)
	r.c.flow.vault = keyring
	r.handOverSkipped()
	r.rx.SetFault(sandbox.JusttFault{Kind: sandbox.JusttReset, Path: justt.SubmitPath})
	r.keys("enter").want("Justt could not be reached")
	r.rx.SetFault(sandbox.JusttFault{})
	saved := r.c.flow.rec
	if strings.Contains(r.recordJSON(), sandbox.JusttDemoToken) || saved.Handoff.IdempotencyKey == "" {
		t.Fatalf("saved hand-off: %+v", saved.Handoff)
	}

	h := newHarness(t, newFakeEngine(), nil)
	h.c.hand = r.c.hand
	h.c.flow = newFlow(saved, keyring, nil)
	h.m = newModel(h.c)
	h.m.state = stateResume
	h.send(tea80x40())
	h.keys("enter").at(stateToken, 0).want("(empty: paste here)")
	h.paste(sandbox.JusttDemoToken).want("Justt accepted the token").keys("enter").at(stateStep, 11)
	h.keys("enter").at(stateWebhookChoice, 0).keys("c").at(stateReview, 0)
	h.keys("enter").want("✓ Justt has the key: receipt onb_", "kept it once")
	if got := h.c.flow.rec.Handoff.IdempotencyKey; got != saved.Handoff.IdempotencyKey {
		t.Fatalf("the resumed run sent under %s, want the saved %s", got, saved.Handoff.IdempotencyKey)
	}
	if n := len(r.rx.Submissions()); n != 1 {
		t.Fatalf("the receiver recorded %d submissions, want 1", n)
	}
}

// Part 2 by hand is ✓ only once Stripe confirmed the endpoint; a
// verification that found it wrong is ✗; none at all is ?.
func TestSummaryWebhookVerdicts(t *testing.T) {
	tests := []struct {
		name   string
		verify *stripecheck.VerifyResult
		want   string
	}{
		{"not verified", nil, "? Part 2, webhook: signing secret whsec_…WH42 pasted (format checked); the endpoint itself was not verified with Stripe"},
		{"verified wrong", ptr(stripecheck.CompareWebhooks(nil, hookURL)), "✗ Part 2, webhook: signing secret whsec_…WH42 pasted (format checked); verifying the endpoint with Stripe (v at step 17) reported it not right"},
		{"verified right", ptr(rightEndpoint(hookURL)), "✓ Part 2, webhook: signing secret whsec_…WH42 pasted (format checked); the endpoint we_1Registered was verified with Stripe"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			h := newHarness(t, newFakeEngine(), nil)
			h.send(tea80x40())
			h.passKeyPart().keys("b")
			h.goStep(18).paste(testKey("whsec_", "WH42"))
			if tt.verify != nil {
				h.c.flow.verified(hookURL, *tt.verify, nil)
			}
			h.keys("esc", "enter", "enter").at(stateSummary, 0)
			h.want(tt.want)
			if tt.verify == nil || !tt.verify.OK() {
				h.wantNot("✓ Part 2")
			}
		})
	}
}

func ptr[T any](v T) *T { return &v }

// With a registered webhook, the review names the signing secret and the
// endpoint (redacted), and Justt receives both in full; the URL field of
// the registration was filled from Justt's answer.
func TestReviewSendsTheRegisteredWebhook(t *testing.T) {
	r := newJusttRun(t)
	r.eng.register = registered
	r.token(sandbox.JusttDemoToken).keys("enter").at(stateStep, 1)
	r.passKeyPart()
	r.secrets = append(r.secrets, testKey("whsec_", "WH42"))
	r.keys("a").paste(testKey("sk_live_", "SETU"))
	if got := r.m.reg.url.Value(); got != sandbox.JusttDemoWebhookURL {
		t.Fatalf("the URL field holds %q, want Justt's webhook URL", got)
	}
	r.keys("enter").want("✓ Webhook registered")
	r.keys("enter").at(stateReview, 0)
	r.want("Webhook signing secret: whsec_…WH42 (endpoint we_1Registered)")
	r.keys("enter").want("✓ Justt received the key and the webhook signing secret: receipt onb_")
	subs := r.rx.Submissions()
	if len(subs) != 1 || subs[0].WebhookSecret != testKey("whsec_", "WH42") || subs[0].WebhookEndpointID != "we_1Registered" {
		t.Fatalf("the receiver holds %d submissions:%s", len(subs), submissionsSeen(subs))
	}
	r.keys("enter").at(stateSummary, 0).wantNot("No keyring keeps the signing secret", "c copies")
}

// A token from JUSTT_ONBOARDING_TOKEN is proven as the wizard starts,
// without a key press.
func TestTokenFromTheEnvironmentIsProvenAtOnce(t *testing.T) {
	rx := sandbox.NewJustt()
	srv := httptest.NewServer(rx.Handler())
	t.Cleanup(srv.Close)
	h := newHarness(t, newFakeEngine(), nil)
	tok, err := justt.ParseToken(sandbox.JusttDemoToken)
	if err != nil {
		t.Fatal(err)
	}
	h.secrets = append(h.secrets, sandbox.JusttDemoToken)
	h.c.hand = Handoff{Token: tok, Connect: func(tok justt.Token) (*justt.Client, error) {
		return justt.New(justt.Config{BaseURL: srv.URL, Token: tok})
	}}
	h.m, _ = h.m.askToken(nil)
	h.run(h.m.Init())
	h.at(stateToken, 0).want("✓ Justt accepted the token", sandbox.JusttDemoMerchant)
}

// A token that expires between the review and the sending: the wizard
// asks for a new one and comes back to the review; without one, the
// summary says nothing was handed over.
func TestTokenRefusedWhenSending(t *testing.T) {
	r := newJusttRun(t)
	tok := r.rx.MintToken("Acme Ltd")
	r.token(tok).keys("enter")
	r.passKeyPart()
	r.keys("c").at(stateReview, 0)
	r.rx.ExpireToken(tok)
	r.keys("enter").at(stateToken, 0).want("Justt refused the token when sending", "nothing was recorded")
	r.token(sandbox.JusttDemoToken).want("✓ Justt accepted the token").keys("enter").at(stateReview, 0)
	r.keys("enter").want("✓ Justt received the key: receipt onb_")
	if n := len(r.rx.Submissions()); n != 1 {
		t.Fatalf("the receiver recorded %d submissions, want 1", n)
	}

	r2 := newJusttRun(t)
	tok2 := r2.rx.MintToken("Acme Ltd")
	r2.token(tok2).keys("enter")
	r2.passKeyPart()
	r2.keys("c").at(stateReview, 0)
	r2.rx.ExpireToken(tok2)
	r2.keys("enter").at(stateToken, 0).keys("enter").at(stateSummary, 0)
	r2.want("? Hand-off to Justt:").wantNot("✓ Hand-off")
}

func TestRemovedWordsNameOnlyTheSecretsRemoved(t *testing.T) {
	key := vault.Entry{Secret: vault.RestrictedKey, Account: "acct_1"}
	secret := vault.Entry{Secret: vault.WebhookSigningSecret, Account: "acct_1"}
	for _, tt := range []struct {
		entries   []vault.Entry
		want, not string
	}{
		{[]vault.Entry{key}, "The key was removed", "signing secret"},
		{[]vault.Entry{secret}, "The signing secret was removed", "The key"},
		{[]vault.Entry{key, secret}, "The key and the signing secret were removed", "copies"},
	} {
		got := removedWords(tt.entries, "your keyring")
		if !strings.Contains(got, tt.want) || strings.Contains(got, tt.not) {
			t.Errorf("%v: %q, want %q and not %q", tt.entries, got, tt.want, tt.not)
		}
	}
}

package cmd

import (
	"context"
	"errors"
	"net/http/httptest"
	"strings"
	"testing"
	"time"

	"github.com/justt-ai/justt-onboard/onboarding"
	"github.com/justt-ai/justt-onboard/sandbox"
	"github.com/justt-ai/justt-onboard/steps"
	"github.com/justt-ai/justt-onboard/stripecheck"
	"github.com/justt-ai/justt-onboard/vault"
)

// TestSubmitUsesTheStoredSecrets: with nothing in the environment but the
// token and the address, submit sends the key and the signing secret the
// wizard kept in the keyring, and the endpoint the progress file names.
func TestSubmitUsesTheStoredSecrets(t *testing.T) {
	sb, rx := sandbox.New(), sandbox.NewJustt()
	stripeSrv, justtSrv := httptest.NewServer(sb.Handler()), httptest.NewServer(rx.Handler())
	defer stripeSrv.Close()
	defer justtSrv.Close()
	scopes := make([]string, len(steps.Required))
	for i, p := range steps.Required {
		scopes[i] = p.Scope
	}
	rawKey, rawSecret := sb.MintKey(scopes...), "whsec_"+strings.Repeat("Ab3", 11)

	dir := t.TempDir()
	v := vault.New(vault.NewMemory(), time.Second)
	keyEntry := vault.Entry{Secret: vault.RestrictedKey, Account: sb.AccountID()}
	secretEntry := vault.Entry{Secret: vault.WebhookSigningSecret, Account: sb.AccountID()}
	for e, raw := range map[vault.Entry]string{keyEntry: rawKey, secretEntry: rawSecret} {
		k, _ := stripecheck.ParseKey(raw)
		if _, err := v.Put(context.Background(), e, k); err != nil {
			t.Fatal(err)
		}
	}
	rec := onboarding.New(time.Now())
	rec.Key.Vault, rec.Webhook.Vault = &keyEntry, &secretEntry
	rec.Webhook.Way, rec.Webhook.EndpointID = onboarding.WebhookRegistered, "we_1Stored"
	store := onboarding.Store{Dir: dir}
	if err := store.Save(rec); err != nil {
		t.Fatal(err)
	}

	env, out, errb := testEnv("", false, map[string]string{
		"JUSTT_ONBOARDING_TOKEN": sandbox.JusttDemoToken, "JUSTT_API_URL": justtSrv.URL,
		onboarding.ConfigDirEnv: dir,
	})
	opts := &submitOptions{Timeout: 5 * time.Second, vault: func() *vault.Vault { return v }, now: time.Now}
	sf := &stripeFlags{APIURL: stripeSrv.URL, UploadsURL: stripeSrv.URL}
	if err := runSubmit(context.Background(), env, sf, opts); err != nil {
		t.Fatalf("submit: %v\n%s%s", err, out, errb)
	}
	subs := rx.Submissions()
	if len(subs) != 1 || subs[0].APIKey != rawKey || subs[0].WebhookSecret != rawSecret || subs[0].WebhookEndpointID != "we_1Stored" {
		t.Fatalf("Justt received %d submissions (%+v)", len(subs), subs)
	}
	got, _, _, _ := store.Load()
	if got.Handoff.State != onboarding.HandoffReceived || got.Handoff.SubmissionID != subs[0].ID || got.Handoff.MerchantName != sandbox.JusttDemoMerchant {
		t.Fatalf("record hand-off %+v", got.Handoff)
	}
	for _, s := range []string{rawKey, rawSecret, sandbox.JusttDemoToken} {
		if strings.Contains(out.String()+errb.String(), s) {
			t.Fatal("a secret was printed")
		}
	}

	// The keyring gone, the webhook set up: submit refuses (usage), naming
	// the variable to set, and sends nothing.
	v = vault.New(nil, time.Second)
	err := runSubmit(context.Background(), env, sf, opts)
	var ee *exitError
	if !errors.As(err, &ee) || ee.code != stripecheck.ExitUsage || !strings.Contains(ee.msg, "STRIPE_API_KEY") || !strings.Contains(ee.msg, "keyring") {
		t.Fatalf("without a keyring: %v", err)
	}
	if len(rx.Submissions()) != 1 {
		t.Fatal("something was sent without the key")
	}
}

// TestSubmitInterruptedSendsNothing: ctrl+c before Justt answers is exit
// 130, and nothing reached Justt.
func TestSubmitInterruptedSendsNothing(t *testing.T) {
	rx := sandbox.NewJustt()
	srv := httptest.NewServer(rx.Handler())
	defer srv.Close()
	ctx, cancel := context.WithCancel(context.Background())
	cancel()
	env, _, errb := testEnv("", false, map[string]string{
		"JUSTT_ONBOARDING_TOKEN": sandbox.JusttDemoToken, "JUSTT_API_URL": srv.URL,
		"STRIPE_API_KEY": "rk_test_" + strings.Repeat("Ab3", 30), onboarding.ConfigDirEnv: t.TempDir(),
	})
	if got := Execute(ctx, env, []string{"submit"}); got != 130 {
		t.Fatalf("exit %d, want 130; stderr %s", got, errb)
	}
	if n := len(rx.Requests()); n != 0 {
		t.Fatalf("%d requests reached Justt", n)
	}
}

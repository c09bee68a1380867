package cmd

import (
	"context"
	"errors"
	"slices"
	"strings"
	"testing"
	"time"

	"github.com/justt-ai/justt-onboard/onboarding"
	"github.com/justt-ai/justt-onboard/sandbox"
	"github.com/justt-ai/justt-onboard/steps"
	"github.com/justt-ai/justt-onboard/stripecheck"
	"github.com/justt-ai/justt-onboard/vault"
)

// stripeFlags points the Stripe flags at w's sandbox.
func (w *submitWorld) stripeFlags() *stripeFlags {
	return &stripeFlags{APIURL: w.stripeURL, UploadsURL: w.stripeURL}
}

// acceptedRecord saves a record whose key part passed with raw, kept in
// the keyring entry it names.
func acceptedRecord(t *testing.T, dir, raw, acct string) onboarding.Store {
	t.Helper()
	k, err := stripecheck.ParseKey(raw)
	if err != nil {
		t.Fatal(err)
	}
	rec := onboarding.New(time.Now())
	rec.KeyPasted(onboarding.FactsOf(k), time.Now())
	rec.KeyChecked(onboarding.KeyCheck{Verdict: onboarding.VerdictReady, AccountID: acct}, time.Now())
	if err := rec.AcceptKey(false, time.Now()); err != nil {
		t.Fatal(err)
	}
	rec.KeyKept(&vault.Entry{Secret: vault.RestrictedKey, Account: acct}, time.Now())
	store := onboarding.Store{Dir: dir}
	if err := store.Save(rec); err != nil {
		t.Fatal(err)
	}
	return store
}

// TestSubmitRecordsTheCheckByTheRecordsRules: submit records its check
// through the record's transitions, as the wizard does. A key that is not
// ready any more is no longer accepted (else the next run would set the
// progress file aside as impossible); another key drops the old key's
// keyring entry; a test key's warning is kept.
func TestSubmitRecordsTheCheckByTheRecordsRules(t *testing.T) {
	w := newSubmitWorld(t)
	acct := w.sb.AccountID()
	notReady := w.sb.MintKey(steps.Required[0].Scope)
	for _, tc := range []struct {
		name        string
		accepted    string // the key the record accepted
		keptEntry   bool   // the record still names the keyring entry after
		wantExit    int
		wantVerdict onboarding.Verdict
	}{
		{"the same key, not ready any more", notReady, true, stripecheck.ExitNotReady, onboarding.VerdictNotReady},
		{"another key, not ready", w.sb.MintKey(allScopes...), false, stripecheck.ExitNotReady, onboarding.VerdictNotReady},
	} {
		t.Run(tc.name, func(t *testing.T) {
			dir := t.TempDir()
			store := acceptedRecord(t, dir, tc.accepted, acct)
			env, out, errb := testEnv("", false, map[string]string{
				"JUSTT_ONBOARDING_TOKEN": sandbox.JusttDemoToken, "JUSTT_API_URL": w.rxURL,
				"STRIPE_API_KEY": notReady, onboarding.ConfigDirEnv: dir, KeyringEnv: "off",
			})
			opts := &submitOptions{Timeout: 5 * time.Second, vault: func() *vault.Vault { return openVault(env) }, now: time.Now}
			err := runSubmit(context.Background(), env, w.stripeFlags(), opts)
			if code := codeOf(err); code != tc.wantExit {
				t.Fatalf("exit %d (%v), want %d\n%s%s", code, err, tc.wantExit, out, errb)
			}
			got, found, aside, err := store.Load()
			if err != nil || !found || aside != nil {
				t.Fatalf("the progress file after submit: found %v, set aside %v, error %v", found, aside, err)
			}
			k, _ := stripecheck.ParseKey(notReady)
			if got.Key.Accepted || got.Key.Verdict != tc.wantVerdict || got.Key.Redacted != k.Redacted() {
				t.Fatalf("key part %+v: want %s for %s, not accepted", got.Key, tc.wantVerdict, k.Redacted())
			}
			if (got.Key.Vault != nil) != tc.keptEntry {
				t.Fatalf("keyring entry %v, want one kept: %v", got.Key.Vault, tc.keptEntry)
			}
			if !slices.Contains(got.Key.Warnings, stripecheck.CodeTestMode) {
				t.Fatalf("warnings %v, want the test-mode key's", got.Key.Warnings)
			}
		})
	}
}

// TestSubmitOpensTheKeyringAsTheOtherCommands: submit reads the keyring
// the other commands use, and JUSTT_ONBOARD_KEYRING=off turns it off for
// submit too.
func TestSubmitOpensTheKeyringAsTheOtherCommands(t *testing.T) {
	w := newSubmitWorld(t)
	raw := w.sb.MintKey(allScopes...)
	mem := vault.NewMemory()
	useKeyring(t, mem)
	k, _ := stripecheck.ParseKey(raw)
	if _, err := vault.New(mem, time.Second).Put(context.Background(), vault.Entry{Secret: vault.RestrictedKey, Account: w.sb.AccountID()}, k); err != nil {
		t.Fatal(err)
	}
	dir := t.TempDir()
	acceptedRecord(t, dir, raw, w.sb.AccountID())
	vars := map[string]string{"JUSTT_ONBOARDING_TOKEN": sandbox.JusttDemoToken, "JUSTT_API_URL": w.rxURL, onboarding.ConfigDirEnv: dir}
	args := []string{"submit", "--stripe-api-url", w.stripeURL, "--stripe-uploads-url", w.stripeURL}

	vars[KeyringEnv] = "off"
	env, _, errb := testEnv("", false, vars)
	if code := Execute(context.Background(), env, args); code != stripecheck.ExitUsage || !strings.Contains(errb.String(), "turned off with "+KeyringEnv) {
		t.Fatalf("keyring off: exit %d, want 2 saying so; stderr %s", code, errb)
	}
	if n := len(w.rx.Submissions()); n != 0 {
		t.Fatalf("%d submissions without the key", n)
	}

	delete(vars, KeyringEnv)
	env, out, errb := testEnv("", false, vars)
	if code := Execute(context.Background(), env, args); code != 0 {
		t.Fatalf("with the keyring: exit %d\n%s%s", code, out, errb)
	}
	if subs := w.rx.Submissions(); len(subs) != 1 || subs[0].APIKey != raw {
		t.Fatalf("Justt received %d submissions, want the stored key", len(subs))
	}
}

// TestSubmitNamesASecretSetToNothing: a signing secret the progress file
// needs, in a variable set to nothing (a CI secret the job does not see),
// is a usage error that says the variable is set but empty.
func TestSubmitNamesASecretSetToNothing(t *testing.T) {
	w := newSubmitWorld(t)
	dir := t.TempDir()
	store := onboarding.Store{Dir: dir}
	rec := onboarding.New(time.Now())
	rec.Webhook.Way, rec.Webhook.EndpointID = onboarding.WebhookRegistered, "we_1Stored"
	if err := store.Save(rec); err != nil {
		t.Fatal(err)
	}
	for _, set := range []bool{true, false} {
		env, _, _ := testEnv("", false, map[string]string{
			"JUSTT_ONBOARDING_TOKEN": sandbox.JusttDemoToken, "JUSTT_API_URL": w.rxURL,
			"STRIPE_API_KEY": w.sb.MintKey(allScopes...), "STRIPE_WEBHOOK_SECRET": " ", onboarding.ConfigDirEnv: dir, KeyringEnv: "off",
		})
		env.IsSet = func(name string) bool { return set && name == "STRIPE_WEBHOOK_SECRET" }
		opts := &submitOptions{Timeout: 5 * time.Second, vault: func() *vault.Vault { return openVault(env) }, now: time.Now}
		err := runSubmit(context.Background(), env, w.stripeFlags(), opts)
		var ee *exitError
		if !errors.As(err, &ee) || ee.code != stripecheck.ExitUsage || !strings.Contains(ee.msg, "signing secret is not stored: set STRIPE_WEBHOOK_SECRET") ||
			strings.HasPrefix(ee.msg, "STRIPE_WEBHOOK_SECRET is set but empty (in CI") != set {
			t.Fatalf("set to nothing: %v; got %v", set, err)
		}
	}
	if n := len(w.rx.Submissions()); n != 0 {
		t.Fatalf("%d submissions without the signing secret", n)
	}
}

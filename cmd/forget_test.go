package cmd

import (
	"bytes"
	"context"
	"encoding/json"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"github.com/justt-ai/justt-onboard/onboarding"
	"github.com/justt-ai/justt-onboard/stripecheck"
	"github.com/justt-ai/justt-onboard/vault"
)

// useKeyring makes the "OS keyring" of every command store for the test.
// Not parallel: it swaps a package variable.
func useKeyring(t *testing.T, store vault.Store) {
	t.Helper()
	old := keyringStore
	keyringStore = func() vault.Store { return store }
	t.Cleanup(func() { keyringStore = old })
}

// onboardingAt saves a record whose key part passed, for acct.
func onboardingAt(t *testing.T, dir, acct string) onboarding.Store {
	t.Helper()
	s := onboarding.Store{Dir: dir}
	now := time.Now()
	r := onboarding.New(now)
	r.KeyPasted(onboarding.KeyFacts{Redacted: "rk_test_…a1b2", Kind: "restricted", Mode: "test"}, now)
	r.KeyChecked(onboarding.KeyCheck{Verdict: onboarding.VerdictReady, AccountID: acct}, now)
	if err := r.AcceptKey(false, now); err != nil {
		t.Fatal(err)
	}
	r.KeyKept(&vault.Entry{Secret: vault.RestrictedKey, Account: acct}, now)
	if err := s.Save(r); err != nil {
		t.Fatal(err)
	}
	return s
}

func TestWebhookRegisterKeepsTheSecretInTheKeyringAndForgetRemovesIt(t *testing.T) {
	mem := vault.NewMemory()
	useKeyring(t, mem)
	w := newWebhookWorld(t)
	delete(w.vars, KeyringEnv)
	cfg := w.vars[onboarding.ConfigDirEnv]
	store := onboardingAt(t, cfg, "acct_1Merchant")
	// The key the record names is in the keyring too.
	v := vault.New(mem, time.Second)
	if _, err := v.Put(context.Background(), vault.Entry{Secret: vault.RestrictedKey, Account: "acct_1Merchant"}, mustParse(t, "rk_test_"+strings.Repeat("Kq3", 30))); err != nil {
		t.Fatal(err)
	}

	r := w.register(t)
	wantCode(t, r, 0)
	if !strings.Contains(r.stdout, "kept in your system keyring (webhook signing secret of acct_1Merchant)") {
		t.Fatalf("stdout does not say where the secret is:\n%s", r.stdout)
	}
	eps := w.sb.WebhookEndpoints()
	if len(eps) != 1 {
		t.Fatalf("%d endpoints", len(eps))
	}
	got, err := mem.Get(vault.Service, "webhook-signing-secret/acct_1Merchant")
	if err != nil || got != eps[0].Secret {
		t.Fatalf("the keyring holds %d characters (%v), not the endpoint's secret", len(got), err)
	}
	rec, found, _, _ := store.Load()
	if !found || rec.Webhook.Way != onboarding.WebhookRegistered || rec.Webhook.Vault == nil || rec.Webhook.EndpointID != eps[0].ID {
		t.Fatalf("the progress file does not name the kept secret: %+v", rec.Webhook)
	}
	assertNoSecretIn(t, cfg, eps[0].Secret)

	f := runPlainCmd(t, w.vars, "forget", "--yes", "--json")
	wantCode(t, f, 0)
	var out forgetJSON
	if err := json.Unmarshal([]byte(f.stdout), &out); err != nil {
		t.Fatalf("forget --json: %v\n%s", err, f.stdout)
	}
	if len(out.KeyringEntries) != 2 || len(out.ProgressFiles) != 1 || out.ProgressFiles[0] != store.Path() {
		t.Fatalf("forget removed %+v", out)
	}
	if mem.Len() != 0 {
		t.Fatalf("%d keyring entries left", mem.Len())
	}
	if _, err := os.Stat(cfg); !os.IsNotExist(err) {
		t.Fatalf("the config folder is still there: %v", err)
	}
	again := runPlainCmd(t, w.vars, "forget")
	wantCode(t, again, 0)
	if !strings.Contains(again.stdout, "Nothing to forget") {
		t.Fatalf("second forget:\n%s", again.stdout)
	}
}

func TestRegisterWithABrokenKeyringCreatesNothing(t *testing.T) {
	mem := vault.NewMemory()
	mem.Fail = os.ErrPermission
	useKeyring(t, mem)
	w := newWebhookWorld(t)
	delete(w.vars, KeyringEnv)
	r := w.register(t)
	wantCode(t, r, 2)
	if !strings.Contains(r.stderr, "--secret-out FILE") || len(w.sb.Requests()) != 0 {
		t.Fatalf("stderr %q, %d requests", r.stderr, len(w.sb.Requests()))
	}
}

func TestForgetAsksOnATerminal(t *testing.T) {
	useKeyring(t, vault.NewMemory())
	dir := t.TempDir()
	store := onboardingAt(t, dir, "acct_1")
	for _, tt := range []struct {
		answer  string
		removed bool
	}{{"n\n", false}, {"\n", false}, {"yes\n", true}} {
		var out bytes.Buffer
		env := &Env{Stdin: strings.NewReader(tt.answer), Stdout: &out, Stderr: &out, Version: "test",
			Getenv:      func(k string) string { return map[string]string{onboarding.ConfigDirEnv: dir}[k] },
			Interactive: func() bool { return true }}
		if code := Execute(context.Background(), env, []string{"forget"}); code != 0 {
			t.Fatalf("answer %q: exit %d\n%s", tt.answer, code, out.String())
		}
		_, err := os.Stat(store.Path())
		if gone := os.IsNotExist(err); gone != tt.removed || !strings.Contains(out.String(), "[y/N]") {
			t.Fatalf("answer %q: removed %v, want %v\n%s", tt.answer, gone, tt.removed, out.String())
		}
	}
}

// assertNoSecretIn fails if any file under dir holds secret.
func assertNoSecretIn(t *testing.T, dir, secret string) {
	t.Helper()
	_ = filepath.Walk(dir, func(p string, fi os.FileInfo, err error) error {
		if err != nil || fi.IsDir() {
			return nil
		}
		if b, _ := os.ReadFile(p); bytes.Contains(b, []byte(secret)) {
			t.Errorf("%s holds a secret", p)
		}
		return nil
	})
}

func mustParse(t *testing.T, raw string) stripecheck.Key {
	t.Helper()
	k, err := stripecheck.ParseKey(raw)
	if err != nil {
		t.Fatal(err)
	}
	return k
}

// runPlainCmd runs a command that talks to no Stripe, without a terminal.
func runPlainCmd(t *testing.T, vars map[string]string, args ...string) ran {
	t.Helper()
	var stdout, stderr bytes.Buffer
	env := &Env{Stdin: strings.NewReader(""), Stdout: &stdout, Stderr: &stderr, Version: "test",
		Getenv: func(k string) string { return vars[k] }, Interactive: func() bool { return false }}
	return ran{code: Execute(context.Background(), env, args), stdout: stdout.String(), stderr: stderr.String()}
}

// The demo keeps its record and fake secrets in memory: a rehearsal never
// writes the merchant's progress file nor asks the merchant's keyring.
func TestDemoNeverTouchesTheProgressFileOrTheKeyring(t *testing.T) {
	mem := vault.NewMemory()
	useKeyring(t, mem)
	cfg := filepath.Join(t.TempDir(), "config")
	var out bytes.Buffer
	env := &Env{Stdin: strings.NewReader(strings.Repeat("\n", 6) + "\n\n\n\n\ndemo\ny\nc\nsend\n"), Stdout: &out, Stderr: &out, Version: "test",
		Getenv:      func(k string) string { return map[string]string{onboarding.ConfigDirEnv: cfg}[k] },
		Interactive: func() bool { return true }}
	if code := Execute(context.Background(), env, []string{"demo", "--accessible"}); code != 0 {
		t.Fatalf("demo exit %d:\n%s", code, out.String())
	}
	if !strings.Contains(out.String(), "Part 2, webhook: skipped") || !strings.Contains(out.String(), "✓ Justt received the key: receipt onb_") {
		t.Fatalf("the demo did not reach the summary:\n%s", out.String())
	}
	if _, err := os.Stat(cfg); !os.IsNotExist(err) {
		t.Fatalf("the demo created %s", cfg)
	}
	if mem.Len() != 0 {
		t.Fatalf("the demo wrote %d entries to the keyring", mem.Len())
	}
}

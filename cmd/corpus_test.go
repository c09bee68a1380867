package cmd

import (
	"bytes"
	"context"
	"fmt"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/justt-ai/justt-onboard/internal/faultserver"
	"github.com/justt-ai/justt-onboard/internal/safetext"
	"github.com/justt-ai/justt-onboard/stripecheck"
)

// The input corpus: hostile or broken values of everything a merchant
// pastes or types. Each is run against the commands (and the keys against
// the accessible wizard too); docs/reliability.md counts them.
var (
	body = strings.Repeat("Zx9Qw", 20)[:99]

	corpusKeys = []string{
		"", " ", "\t\n", "rk_live_", "rk_live_abc", "whsec_", "pk_live_" + body, "whsec_" + body[:32],
		"rk_live_" + body + "\x1b]0;pwned\x07", "rk_live_\u200b" + body, "rk_live_" + body[:40] + "\u0430" + body[41:],
		"rk_live_" + body[:50] + " " + body[50:], "\u202erk_live_" + body, "rk_live_" + body + "\u009b31m",
		"Bearer  \"'rk_live_" + body + "'\"", "rk_live_" + strings.Repeat("A", 600), strings.Repeat("x", 100000),
		"rk_live_" + body + "\x00", "\xff\xfe" + body, "sk_org_live_" + body, "rk_" + body + "_live_" + body[:20],
		"rk_live_" + faultserver.Escapes,
	}

	corpusURLs = []string{
		"", "https://", "https://justt:hunter2secret@hooks.justt.ai/x", "https://justt@hooks.justt.ai/x",
		"https://hooks.justt.ai:99999/x", "https://hooks.justt.ai:0/x", "https://hooks.justt.ai:-1/x",
		"https://hooks.justt.ai/" + faultserver.Escapes, "https://hooks.jus\u200btt.ai/x", "\ufeffhttps://hooks.justt.ai/x",
		"https://hooks.justt.ai/\u202egpj.exe", "http://hooks.justt.ai/x", "ftp://hooks.justt.ai/x", "javascript:alert(1)",
		"hooks.justt.ai/x", "https://hooks.justt.ai/a b", "https://hooks.justt.ai/a\u0085b", "https://%zz/",
		"https://[::1/x", "https://hooks.justt.ai/\u2028x",
	}

	corpusPaths = []string{
		"", "dir-that-does-not-exist/whsec.txt", "whsec\x1b]0;pwned\x07.txt", "whsec\u202etxt.exe", "whsec\n.txt",
		strings.Repeat("a", 300) + ".txt", ".", "/dev/null",
	}
)

// corpusRun runs one command line with vars and stdin and checks what every
// run must hold: output safe for a terminal, no 12 characters of any
// secret given, no unexpected exit code.
func corpusRun(t *testing.T, w *webhookWorld, vars map[string]string, stdin string, secrets []string, args ...string) ran {
	t.Helper()
	var stdout, stderr bytes.Buffer
	env := &Env{Stdin: strings.NewReader(stdin), Stdout: &stdout, Stderr: &stderr,
		Getenv: func(k string) string { return vars[k] }, Interactive: func() bool { return false }, Version: "corpus"}
	args = append(args, "--stripe-api-url", w.url, "--stripe-uploads-url", w.url, "--timeout", "5s")
	r := ran{code: Execute(context.Background(), env, args), stdout: stdout.String(), stderr: stderr.String()}
	assertCorpusOutput(t, r.stdout+r.stderr, secrets)
	if r.code < 0 || r.code > 3 {
		t.Errorf("%q: exit %d", args, r.code)
	}
	return r
}

func assertCorpusOutput(t *testing.T, out string, secrets []string) {
	t.Helper()
	if safetext.Text(out) != out {
		t.Errorf("the output holds a control character: %q", out)
	}
	for _, s := range secrets {
		shown := "" // what a secret's redacted form may show: its prefix and last 4
		if k, err := stripecheck.ParseKey(s); err == nil {
			shown = k.Redacted()
		}
		for i := 0; i+12 <= len(s); i++ {
			piece := s[i : i+12]
			if shown != "" && strings.Contains(shown, piece) {
				continue // the public prefix (sk_org_live_ is 12 characters)
			}
			if strings.Trim(piece, "A") == "" || strings.Trim(piece, "x") == "" {
				continue // a run of one letter is not a secret's (and "x" fills the corpus)
			}
			if strings.Contains(out, piece) {
				t.Fatalf("the output shows 12 characters of a secret (%q):\n%s", piece, out)
			}
		}
	}
}

func TestInputCorpusKeys(t *testing.T) {
	t.Parallel()
	w := newWebhookWorld(t)
	for i, key := range corpusKeys {
		t.Run(fmt.Sprint(i), func(t *testing.T) {
			secrets := []string{key}
			r := corpusRun(t, w, map[string]string{"STRIPE_API_KEY": key}, "", secrets, "check")
			if r.code == 0 {
				t.Errorf("check passed with a corpus key:\n%s", r.stdout)
			}
			corpusRun(t, w, map[string]string{"STRIPE_API_KEY": key}, "", secrets, "check", "--json")
			corpusRun(t, w, nil, key+"\n", secrets, "check", "--api-key-stdin")
			// As the signing secret beside a good key, and as a setup key.
			good := w.sb.MintKey(allScopes...)
			corpusRun(t, w, map[string]string{"STRIPE_API_KEY": good, "STRIPE_WEBHOOK_SECRET": key}, "", append(secrets, good), "check", "--json")
			corpusRun(t, w, map[string]string{envSetupKey: key}, "", secrets, "webhook", "verify", "--url", testHookURL)
		})
	}
	if m := w.sb.Mutations(); len(m) != 0 {
		t.Errorf("the corpus changed the account: %+v", m)
	}
}

func TestInputCorpusURLs(t *testing.T) {
	t.Parallel()
	w := newWebhookWorld(t)
	setup := w.vars[envSetupKey]
	for i, url := range corpusURLs {
		t.Run(fmt.Sprint(i), func(t *testing.T) {
			for _, args := range [][]string{
				{"webhook", "verify", "--url", url},
				{"webhook", "verify", "--json", "--url", url},
				{"webhook", "register", "--json", "--url", url, "--secret-out", filepath.Join(w.dir, fmt.Sprintf("u%d.txt", i))},
			} {
				r := corpusRun(t, w, map[string]string{envSetupKey: setup}, "", []string{setup, "hunter2secret"}, args...)
				if r.code == 0 {
					t.Errorf("%q passed", args)
				}
			}
		})
	}
	if n := len(w.sb.WebhookEndpoints()); n != 0 {
		t.Errorf("the corpus registered %d endpoints", n)
	}
}

func TestInputCorpusPaths(t *testing.T) {
	t.Parallel()
	for i, path := range corpusPaths {
		t.Run(fmt.Sprint(i), func(t *testing.T) {
			t.Parallel()
			w := newWebhookWorld(t)
			if path != "" && path != "." && !filepath.IsAbs(path) {
				path = filepath.Join(w.dir, path)
			}
			setup := w.vars[envSetupKey]
			r := corpusRun(t, w, map[string]string{envSetupKey: setup}, "", []string{setup}, "webhook", "register", "--url", testHookURL, "--secret-out", path)
			if r.code == 0 {
				// Only a path that could be created may succeed, and then the secret is in it, not on screen.
				b, err := os.ReadFile(path)
				if err != nil || !strings.HasPrefix(string(b), "whsec_") {
					t.Errorf("exit 0 but %q holds no secret (%v)", path, err)
				}
				assertCorpusOutput(t, r.stdout+r.stderr, []string{string(b)})
				return
			}
			if n := len(w.sb.WebhookEndpoints()); n != 0 {
				t.Errorf("a refused path still registered %d endpoints", n)
			}
		})
	}
}

// TestInputCorpusWizard pastes every corpus key at step 11 of the
// accessible wizard, against the sandbox.
func TestInputCorpusWizard(t *testing.T) {
	t.Parallel()
	w := newWebhookWorld(t)
	for i, key := range corpusKeys {
		t.Run(fmt.Sprint(i), func(t *testing.T) {
			var stdout, stderr bytes.Buffer
			in := strings.Repeat("\n", 10) + key + "\nq\n"
			env := &Env{Stdin: strings.NewReader(in), Stdout: &stdout, Stderr: &stderr,
				Getenv: func(string) string { return "" }, Interactive: func() bool { return true }}
			code := Execute(context.Background(), env, []string{"--accessible", "--stripe-api-url", w.url, "--stripe-uploads-url", w.url})
			if code != 0 && code != 1 {
				t.Errorf("exit %d", code)
			}
			if !strings.Contains(stdout.String(), "Step 11 of 18") {
				t.Fatalf("the wizard never reached step 11:\n%s", stdout.String())
			}
			assertCorpusOutput(t, stdout.String()+stderr.String(), []string{key})
		})
	}
}

var allScopes = []string{"rak_charge_read", "rak_customer_read", "rak_file_write", "rak_payment_intent_read",
	"rak_payment_method_read", "rak_invoice_read", "rak_subscription_read", "rak_dispute_write", "rak_review_read"}

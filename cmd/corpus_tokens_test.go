package cmd

import (
	"bytes"
	"context"
	"fmt"
	"strings"
	"testing"

	"github.com/justt-ai/justt-onboard/internal/faultserver"
	"github.com/justt-ai/justt-onboard/onboarding"
	"github.com/justt-ai/justt-onboard/sandbox"
)

// corpusTokens are hostile or broken Justt onboarding tokens: what a
// merchant may paste, or a script may pass, in JUSTT_ONBOARDING_TOKEN or on
// standard input. docs/reliability.md counts them.
var corpusTokens = []string{
	"", " ", "\t\n", "Bearer ", "Bearer", "short", "jot_abc def123456", strings.Repeat("x", 1<<20),
	strings.Repeat("a", 513), "jot_abcdef\x1b]0;pwned\x07123456", "jot_abcdef\x00123456", "\u202ejot_abcdef123456",
	"jot_abc\u200bdef123456", "jot_abcdef123456\u009b31m", "\xff\xfejot_abcdef123456", "jot_\u0430bcdef123456",
	"jot_" + faultserver.Escapes, "rk_live_" + body, "sk_live_" + body, "whsec_" + body[:32], "Bearer rk_test_" + body,
	"Bearer Bearer jot_abcdef123456", "\"jot_abcdef123456\"", "jot_not_a_known_token_77", "jot_abcdef123456\r",
}

// wellFormedTokens are the corpus tokens that may be a token (Justt is
// asked, and refuses them); every other one is refused before anything is
// sent.
var wellFormedTokens = map[string]bool{"\"jot_abcdef123456\"": true, "jot_not_a_known_token_77": true, "jot_abcdef123456\r": true}

// TestInputCorpusTokens runs every corpus token through submit (from the
// environment as text and --json, and from standard input) against the
// fake Justt: none is accepted, a malformed one is a usage error (exit 2)
// with nothing sent to Justt, a well-formed unknown one is refused by Justt
// (exit 1); the output is safe for a terminal and never shows 12
// characters of the token (nor of the Stripe key or secret in play).
func TestInputCorpusTokens(t *testing.T) {
	t.Parallel()
	w := newSubmitWorld(t)
	run := func(t *testing.T, token, stdin string, args ...string) ran {
		t.Helper()
		var stdout, stderr bytes.Buffer
		vars := map[string]string{"JUSTT_API_URL": w.rxURL, "STRIPE_API_KEY": w.key, "STRIPE_WEBHOOK_SECRET": w.secret,
			onboarding.ConfigDirEnv: w.dir, KeyringEnv: "off"}
		if token != "" {
			vars["JUSTT_ONBOARDING_TOKEN"] = token
		}
		env := &Env{Stdin: strings.NewReader(stdin), Stdout: &stdout, Stderr: &stderr,
			Getenv: func(k string) string { return vars[k] }, Interactive: func() bool { return false }, Version: "corpus"}
		args = append([]string{"submit", "--stripe-api-url", w.stripeURL, "--stripe-uploads-url", w.stripeURL}, args...)
		before := len(w.rx.Requests())
		r := ran{code: Execute(context.Background(), env, args), stdout: stdout.String(), stderr: stderr.String()}
		assertCorpusOutput(t, r.stdout+r.stderr, []string{token, w.key, w.secret})
		sent := len(w.rx.Requests()) - before
		given := token
		if stdin != "" {
			given = strings.TrimSuffix(stdin, "\n")
		}
		switch want := 2; {
		case wellFormedTokens[given]:
			if r.code != 1 || sent != 1 || !strings.Contains(r.stdout+r.stderr, "refused the onboarding token") {
				t.Errorf("%q: exit %d after %d requests, want Justt's refusal (exit 1)\n%s%s", args, r.code, sent, r.stdout, r.stderr)
			}
		case r.code != want || sent != 0:
			t.Errorf("%q: exit %d after %d requests to Justt, want a usage error (2) with nothing sent\n%s%s", args, r.code, sent, r.stdout, r.stderr)
		}
		return r
	}
	for i, token := range corpusTokens {
		t.Run(fmt.Sprint(i), func(t *testing.T) {
			run(t, token, "")
			run(t, token, "", "--json")
			run(t, "", token+"\n", "--token-stdin")
		})
	}
	if n := len(w.rx.Submissions()); n != 0 {
		t.Errorf("Justt recorded %d submissions from the corpus", n)
	}
	// The harness can tell a good token: the demo's is received.
	var stdout, stderr bytes.Buffer
	vars := map[string]string{"JUSTT_API_URL": w.rxURL, "JUSTT_ONBOARDING_TOKEN": sandbox.JusttDemoToken, "STRIPE_API_KEY": w.key,
		onboarding.ConfigDirEnv: t.TempDir(), KeyringEnv: "off"}
	env := &Env{Stdin: strings.NewReader(""), Stdout: &stdout, Stderr: &stderr, Getenv: func(k string) string { return vars[k] },
		Interactive: func() bool { return false }, Version: "corpus"}
	if code := Execute(context.Background(), env, []string{"submit", "--stripe-api-url", w.stripeURL, "--stripe-uploads-url", w.stripeURL}); code != 0 {
		t.Errorf("the demo token: exit %d\n%s%s", code, stdout.String(), stderr.String())
	}
}

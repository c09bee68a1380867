package cmd

import (
	"bytes"
	"context"
	"io"
	"os"
	"strings"
	"syscall"
	"testing"

	"github.com/justt-ai/justt-onboard/internal/faultserver"
	"github.com/justt-ai/justt-onboard/internal/interrupt"
	"github.com/justt-ai/justt-onboard/internal/safetext"
	"github.com/justt-ai/justt-onboard/sandbox"
)

// TestSecretsLeaveTheEnvironment: every secret variable is removed from the
// process environment once read (a child such as stripe-go's uname would
// inherit it), and the Env still answers for it.
func TestSecretsLeaveTheEnvironment(t *testing.T) {
	t.Parallel()
	proc := map[string]string{"STRIPE_API_KEY": "rk_test_a", "STRIPE_SETUP_KEY": "sk_test_b",
		"STRIPE_WEBHOOK_SECRET": "whsec_c", "JUSTT_ONBOARDING_TOKEN": "tok", "HOME": "/home/m"}
	getenv := takeSecrets(func(k string) string { return proc[k] }, func(k string) error { delete(proc, k); return nil })
	for _, name := range SecretVars {
		if _, left := proc[name]; left {
			t.Errorf("%s is still in the process environment", name)
		}
	}
	if getenv("STRIPE_API_KEY") != "rk_test_a" || getenv("JUSTT_ONBOARDING_TOKEN") != "tok" || getenv("HOME") != "/home/m" {
		t.Error("the Env lost a value")
	}
}

// TestEmptyKeyVariableIsNamed: a key variable set to nothing (a CI secret
// missing from the job) is named as such; one not set at all is "no key";
// secretsSet keeps only whether each secret was set, read before
// takeSecrets removes it.
func TestEmptyKeyVariableIsNamed(t *testing.T) {
	t.Parallel()
	proc := map[string]string{"STRIPE_API_KEY": "", "HOME": "/home/m"}
	lookup := func(k string) (string, bool) { v, ok := proc[k]; return v, ok }
	isSet := secretsSet(lookup)
	takeSecrets(func(k string) string { return proc[k] }, func(k string) error { delete(proc, k); return nil })
	if !isSet("STRIPE_API_KEY") || isSet("JUSTT_ONBOARDING_TOKEN") || !isSet("HOME") || isSet("NOPE") {
		t.Fatal("secretsSet does not answer as the environment was")
	}
	for _, tt := range []struct {
		name  string
		isSet func(string) bool
		want  string
	}{
		{"set to nothing", func(k string) bool { return k == "STRIPE_API_KEY" }, "STRIPE_API_KEY is set but empty (in CI, check that the secret exists and is passed to this job's environment). No Stripe key given"},
		{"not set", func(string) bool { return false }, "no Stripe key given"},
	} {
		var stdout, stderr bytes.Buffer
		env := &Env{Stdin: strings.NewReader(""), Stdout: &stdout, Stderr: &stderr, Getenv: func(string) string { return "" },
			IsSet: tt.isSet, Interactive: func() bool { return false }}
		code := Execute(context.Background(), env, []string{"check"})
		if code != 2 || !strings.Contains(stderr.String(), tt.want) {
			t.Errorf("%s: exit %d, stderr %q; want 2 and %q", tt.name, code, stderr.String(), tt.want)
		}
	}
}

// countingReader counts what was read from it.
type countingReader struct {
	r io.Reader
	n int
}

func (c *countingReader) Read(p []byte) (int, error) {
	n, err := c.r.Read(p)
	c.n += n
	return n, err
}

// TestKeyFromStdinIsBounded: 10 MB on standard input is refused as a usage
// error after reading a bounded amount, and nothing is sent.
func TestKeyFromStdinIsBounded(t *testing.T) {
	t.Parallel()
	w := newWebhookWorld(t)
	in := &countingReader{r: strings.NewReader("rk_test_" + strings.Repeat("A", 10<<20) + "\n")}
	var stdout, stderr bytes.Buffer
	env := &Env{Stdin: in, Stdout: &stdout, Stderr: &stderr, Getenv: func(string) string { return "" },
		Interactive: func() bool { return false }}
	code := Execute(context.Background(), env, []string{"check", "--api-key-stdin", "--stripe-api-url", w.url, "--stripe-uploads-url", w.url})
	if code != 2 || !strings.Contains(stderr.String(), "longer than 4096") {
		t.Fatalf("exit %d, stderr %q; want 2 and the length", code, stderr.String())
	}
	if in.n > 2*maxSecretLine {
		t.Errorf("read %d bytes of standard input", in.n)
	}
	if n := len(w.sb.Requests()); n != 0 {
		t.Errorf("%d requests sent", n)
	}
}

// TestLongKeyIsRefusedLocally: a 1 MB "key" from the environment is never
// sent to Stripe.
func TestLongKeyIsRefusedLocally(t *testing.T) {
	t.Parallel()
	w := newWebhookWorld(t)
	w.vars = map[string]string{"STRIPE_API_KEY": "rk_test_" + strings.Repeat("A", 1<<20)}
	r := w.run(t, "check", "--json")
	wantCode(t, r, 1)
	if !strings.Contains(r.stdout, "key_malformed_too_long") {
		t.Errorf("stdout lacks the too_long problem:\n%.400s", r.stdout)
	}
	if n := len(w.sb.Requests()); n != 0 {
		t.Errorf("%d requests sent", n)
	}
}

// TestBareSigningSecretPrefixFailsTheFormat: "whsec_" alone is no secret.
func TestBareSigningSecretPrefixFailsTheFormat(t *testing.T) {
	t.Parallel()
	w := newWebhookWorld(t)
	w.vars = map[string]string{"STRIPE_API_KEY": w.sb.MintKey(), "STRIPE_WEBHOOK_SECRET": "whsec_"}
	r := w.run(t, "check", "--json")
	if !strings.Contains(r.stdout, `"valid_format": false`) {
		t.Errorf("whsec_ passed the format check:\n%s", r.stdout)
	}
}

// TestImpossibleEndpointsAreUsageErrors: an empty value (an unset variable
// in a script) or an impossible port never falls back to the real Stripe.
func TestImpossibleEndpointsAreUsageErrors(t *testing.T) {
	t.Parallel()
	for _, args := range [][]string{
		{"check", "--stripe-api-url", ""},
		{"check", "--stripe-api-url="},
		{"check", "--stripe-uploads-url", "  "},
		{"check", "--stripe-api-url", "http://127.0.0.1:99999"},
		{"check", "--stripe-api-url", "https://api.stripe.com:0"},
		{"webhook", "verify", "--url", testHookURL, "--stripe-api-url", ""},
		{"webhook", "register", "--url", testHookURL, "--secret-out", "x", "--stripe-api-url", ""},
	} {
		env, stdout, stderr := testEnv("", false, map[string]string{"STRIPE_API_KEY": "rk_test_" + strings.Repeat("A", 99), envSetupKey: "sk_test_" + strings.Repeat("B", 99)})
		if code := Execute(context.Background(), env, args); code != 2 {
			t.Errorf("%q: exit %d, want 2; stdout %s stderr %s", args, code, stdout, stderr)
		}
	}
}

// TestRefusedURLNeverEchoesAPasswordOrControls: the --json of a bad_url
// refusal shows the URL without its user-info and without raw controls.
func TestRefusedURLNeverEchoesAPasswordOrControls(t *testing.T) {
	t.Parallel()
	w := newWebhookWorld(t)
	for _, url := range []string{
		"https://justt:hunter2secret@hooks.justt.ai/stripe",
		"https://hooks.justt.ai/\x1b]0;pwned\x07",
		"https://hooks.justt.ai/\u202egpj",
		"https://hooks.justt.ai:99999/stripe",
		"https://hooks.jus\u200btt.ai/stripe",
	} {
		for _, cmdline := range [][]string{
			{"webhook", "register", "--json", "--url", url, "--secret-out", w.path("s.txt")},
			{"webhook", "verify", "--json", "--url", url},
			{"webhook", "verify", "--url", url},
		} {
			r := w.run(t, cmdline...)
			wantCode(t, r, 1)
			out := r.stdout + r.stderr
			if strings.Contains(out, "hunter2") || safetext.Has(strings.ReplaceAll(out, "\n", " ")) {
				t.Errorf("%q: output echoes a password or a control:\n%q", cmdline, out)
			}
			if !strings.Contains(r.stdout, "bad_url") && !strings.Contains(r.stdout, "✗") {
				t.Errorf("%q: no refusal:\n%s", cmdline, r.stdout)
			}
		}
	}
	if _, err := os.Stat(w.path("s.txt")); err == nil {
		t.Error("a refused URL left a secret file")
	}
	if n := len(w.sb.Requests()); n != 0 {
		t.Errorf("%d requests sent for refused URLs", n)
	}
}

// TestNonASCIIHostIsUsedAsPunycode: the look-alike host is registered in
// punycode, and a warning says so on stderr (stdout stays one JSON).
func TestNonASCIIHostIsUsedAsPunycode(t *testing.T) {
	t.Parallel()
	w := newWebhookWorld(t)
	r := w.run(t, "webhook", "register", "--json", "--url", "https://hooks.justt.\u0430i/stripe", "--secret-out", w.path("s.txt"))
	wantCode(t, r, 0)
	if !strings.Contains(r.stderr, "! The webhook URL's host") || !strings.Contains(r.stderr, "xn--") {
		t.Errorf("stderr lacks the punycode warning:\n%s", r.stderr)
	}
	eps := w.sb.WebhookEndpoints()
	if len(eps) != 1 || !strings.HasPrefix(eps[0].URL, "https://hooks.justt.xn--") {
		t.Errorf("registered %+v, want the punycode URL", eps)
	}
}

// TestServerTextIsMadeSafe: what Stripe holds for an endpoint (here laced
// with escapes) is printed escaped, in text and in --json.
func TestServerTextIsMadeSafe(t *testing.T) {
	t.Parallel()
	w := newWebhookWorld(t)
	w.sb.AddWebhookEndpoint(sandbox.WebhookEndpoint{URL: testHookURL, EnabledEvents: []string{"charge.succeeded" + faultserver.Escapes},
		APIVersion: "2020-08-27\x1b]0;pwned\x07"})
	for _, json := range []bool{false, true} {
		args := []string{"webhook", "verify", "--url", testHookURL}
		if json {
			args = append(args, "--json")
		}
		r := w.run(t, args...)
		wantCode(t, r, 1)
		if safetext.Has(strings.ReplaceAll(r.stdout, "\n", " ")) || strings.Contains(r.stdout, `\u001b`) {
			t.Errorf("json=%v: server text reached the output raw:\n%q", json, r.stdout)
		}
		if !strings.Contains(r.stdout, `x1b]0;pwned`) {
			t.Errorf("json=%v: the escaped text is not shown:\n%s", json, r.stdout)
		}
	}
}

// stoppedBy is a context cancelled the way main's is on a signal.
func stoppedBy(sig syscall.Signal) (context.Context, func()) {
	ctx, cancel := context.WithCancelCause(context.Background())
	return ctx, func() { cancel(&interrupt.Stopped{Signal: sig}) }
}

// TestStoppedCheckGivesNoVerdict: a signal while Stripe is being asked ends
// the check with 128+signal and prints no report and no verdict.
func TestStoppedCheckGivesNoVerdict(t *testing.T) {
	t.Parallel()
	fs := faultserver.Start(nil, faultserver.Fault{Kind: faultserver.Hang})
	defer fs.Close()
	ctx, stop := stoppedBy(syscall.SIGINT)
	go func() { <-fs.Arrived(); stop() }()
	env, stdout, stderr := testEnv("", false, map[string]string{"STRIPE_API_KEY": "rk_test_" + strings.Repeat("A", 99)})
	code := Execute(ctx, env, []string{"check", "--stripe-api-url", fs.URL, "--stripe-uploads-url", fs.URL})
	if code != 130 || stdout.Len() != 0 || !strings.Contains(stderr.String(), "stopped by SIGINT") {
		t.Fatalf("exit %d, stdout %q, stderr %q; want 130, nothing, the signal", code, stdout, stderr)
	}
}

// TestStoppedRegisterRemovesTheReservedFile: SIGHUP or SIGTERM while Stripe
// is being asked removes the empty --secret-out file, so the recommended
// rerun works.
func TestStoppedRegisterRemovesTheReservedFile(t *testing.T) {
	t.Parallel()
	for _, sig := range []syscall.Signal{syscall.SIGHUP, syscall.SIGTERM} {
		w := newWebhookWorld(t)
		fs := faultserver.Start(w.sb.Handler(), faultserver.Fault{Kind: faultserver.Hang})
		ctx, stop := stoppedBy(sig)
		go func() { <-fs.Arrived(); stop() }()
		var stdout, stderr bytes.Buffer
		env := &Env{Stdin: strings.NewReader(""), Stdout: &stdout, Stderr: &stderr,
			Getenv: func(k string) string { return w.vars[k] }, Interactive: func() bool { return false }}
		code := Execute(ctx, env, []string{"webhook", "register", "--url", testHookURL, "--secret-out", w.path("s.txt"),
			"--stripe-api-url", fs.URL})
		fs.Close()
		if code != 128+int(sig) || stdout.Len() != 0 {
			t.Errorf("%s: exit %d, stdout %q", interrupt.Name(sig), code, stdout.String())
		}
		if _, err := os.Stat(w.path("s.txt")); !os.IsNotExist(err) {
			t.Errorf("%s: the reserved secret file was left behind (%v)", interrupt.Name(sig), err)
		}
	}
}

// TestStoppedAtTheKeyPrompt: a signal while the key is being waited for
// ends the command at once; nothing is checked.
func TestStoppedAtTheKeyPrompt(t *testing.T) {
	t.Parallel()
	pr, pw := io.Pipe() // standard input that never ends
	defer pw.Close()
	ctx, stop := stoppedBy(syscall.SIGTERM)
	stop()
	var stdout, stderr bytes.Buffer
	env := &Env{Stdin: pr, Stdout: &stdout, Stderr: &stderr, Getenv: func(string) string { return "" }, Interactive: func() bool { return false }}
	if code := Execute(ctx, env, []string{"check", "--api-key-stdin"}); code != 143 || stdout.Len() != 0 {
		t.Fatalf("exit %d, stdout %q; want 143 and no report", code, stdout.String())
	}
}

// TestWebhookBehindFaults: `webhook verify` and `webhook register` through
// each cell of the fault matrix are undecided (exit 3), never a verdict
// about the endpoint; register leaves no secret file and no endpoint. A 403
// in Stripe's own error shape (the escape-laden and echoing cells) is
// Stripe refusing the listing (stripe_refused, exit 1), as webhook_errors.go
// judges it: the test holds it to that, with its message made safe.
func TestWebhookBehindFaults(t *testing.T) {
	t.Parallel()
	for _, kind := range faultserver.Kinds {
		if kind == faultserver.Latency || kind == faultserver.TrailingJunk {
			continue // an answer in the end; trailing junk is the built binary's (net/http logs)
		}
		t.Run(string(kind), func(t *testing.T) {
			t.Parallel()
			w := newWebhookWorld(t)
			fs := faultserver.Start(w.sb.Handler(), faultserver.Fault{Kind: kind})
			defer fs.Close()
			w.url = fs.URL
			for _, args := range [][]string{
				{"webhook", "verify", "--json", "--url", testHookURL, "--timeout", "2s"},
				{"webhook", "register", "--url", testHookURL, "--secret-out", w.path("s.txt"), "--timeout", "2s"},
			} {
				r := w.run(t, args...)
				want := 3
				if kind == faultserver.EscapeMessage || kind == faultserver.EchoSecret {
					want = 1
				}
				if r.code != want {
					t.Errorf("%s: exit %d, want %d\n%s%s", args[1], r.code, want, r.stdout, r.stderr)
				}
				if safetext.Text(r.stdout+r.stderr) != r.stdout+r.stderr {
					t.Errorf("%s: a control character reached the output: %q", args[1], r.stdout)
				}
			}
			if _, err := os.Stat(w.path("s.txt")); !os.IsNotExist(err) {
				t.Errorf("register left the secret file (%v)", err)
			}
			if n := len(w.sb.WebhookEndpoints()); n != 0 || fs.ElsewhereRequests() != 0 {
				t.Errorf("%d endpoints created, %d requests followed a redirect", n, fs.ElsewhereRequests())
			}
		})
	}
}

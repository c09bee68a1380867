package main

import (
	"context"
	"errors"
	"os"
	"os/exec"
	"regexp"
	"slices"
	"strconv"
	"strings"
	"testing"
	"time"

	"github.com/justt-ai/justt-onboard/internal/faultserver"
	"github.com/justt-ai/justt-onboard/sandbox"
	"github.com/justt-ai/justt-onboard/stripecheck"
	"github.com/rogpeppe/go-internal/testscript"
	"net/http/httptest"
)

// TestMain lets the scripts run the real binary's entry point as the
// command "justt-onboard" in a child process with no terminal.
func TestMain(m *testing.M) {
	testscript.Main(m, map[string]func(){
		"justt-onboard": func() { os.Exit(run()) },
	})
}

// TestScripts runs testdata/script/*.txtar against a fresh sandbox each,
// served on loopback. Keys minted for the script arrive as environment
// variables; every script can assert none of them is ever printed.
func TestScripts(t *testing.T) {
	testscript.Run(t, testscript.Params{
		Dir:                 "testdata/script",
		RequireExplicitExec: true,
		Setup:               setupSandbox,
		Cmds: map[string]func(ts *testscript.TestScript, neg bool, args []string){
			"exits":    cmdExits,
			"writeenv": cmdWriteEnv,
			"nosecret": cmdNoSecret,
			"sandbox":  cmdSandbox,
			"justt":    cmdJustt,
			"fault":    cmdFault,
		},
	})
}

// secretVars are the environment variables holding minted secrets.
var secretVars = []string{"FULL_KEY", "NO_DISPUTES_KEY", "ISSUING_KEY", "LIVE_KEY", "SECRET_KEY", "SETUP_KEY", "EXCESS_KEY", "FAULTY_KEY", "PK_KEY", "ORG_KEY", "PROXY_KEY", "IP_KEY", "NO_FILES_KEY", "ISSUING_LEFT_KEY", "WATCH_KEY", "WHSEC", "JUSTT_TOKEN"}

type scriptSandbox struct {
	sb    *sandbox.Sandbox
	justt *sandbox.Justt
}

const sandboxKey = "sandbox"

func setupSandbox(env *testscript.Env) error {
	sb := sandbox.New()
	srv := httptest.NewServer(sb.Handler())
	env.Defer(srv.Close)
	rx := sandbox.NewJustt()
	jsrv := httptest.NewServer(rx.Handler())
	env.Defer(jsrv.Close)
	env.Values[sandboxKey] = &scriptSandbox{sb: sb, justt: rx}
	// The fake Justt, a token for it, and a progress-file folder of the
	// script's own (never the user's).
	env.Setenv("JUSTT", jsrv.URL)
	env.Setenv("JUSTT_TOKEN", rx.MintToken("Acme Ltd"))
	env.Setenv("JUSTT_ONBOARD_CONFIG_DIR", env.WorkDir+"/config")

	all := requiredScopes()
	noDisputes := all[: len(all)-2 : len(all)-2]
	noDisputes = append(noDisputes, all[len(all)-1])
	issuing := append(append([]string{}, noDisputes...), "rak_issuing_dispute_write")
	faulty := sb.MintKey(all...)
	sb.SetFault(faulty, sandbox.Fault{Kind: sandbox.Unavailable})
	proxied := sb.MintKey(all...)
	sb.SetFault(proxied, sandbox.Fault{Kind: sandbox.ForeignForbidden})
	ipLimited := sb.MintKey(all...)
	sb.SetFault(ipLimited, sandbox.Fault{Kind: sandbox.IPRestricted})

	// No script reaches the merchant's keyring or config folder (set above).
	env.Setenv("JUSTT_ONBOARD_KEYRING", "off")
	env.Setenv("SANDBOX", srv.URL)
	env.Setenv("ACCOUNT", sb.AccountID())
	env.Setenv("FULL_KEY", sb.MintKey(all...))
	env.Setenv("NO_DISPUTES_KEY", sb.MintKey(noDisputes...))
	env.Setenv("ISSUING_KEY", sb.MintKey(issuing...))
	env.Setenv("ISSUING_LEFT_KEY", sb.MintKey(append(append([]string{}, all...), "rak_issuing_dispute_write")...))
	env.Setenv("LIVE_KEY", sb.MintLiveKey(all...))
	env.Setenv("SECRET_KEY", sb.MintSecretKey())
	env.Setenv("SETUP_KEY", sb.MintKey("rak_webhook_write"))
	excess := append([]string{"rak_charge_write"}, all[1:]...)
	env.Setenv("EXCESS_KEY", sb.MintKey(excess...))
	env.Setenv("FAULTY_KEY", faulty)
	env.Setenv("WATCH_KEY", sb.MintKey(noDisputes...))
	env.Setenv("CHECK_REQUESTS", strconv.Itoa(stripecheck.CheckRequests()))
	env.Setenv("PROXY_KEY", proxied)
	noFiles := append(append([]string{}, all[:2]...), all[3:]...)
	env.Setenv("NO_FILES_KEY", sb.MintKey(noFiles...))
	env.Setenv("IP_KEY", ipLimited)
	env.Setenv("PK_KEY", "pk_test_"+strings.Repeat("Ab3", 33))
	env.Setenv("ORG_KEY", "sk_org_live_"+strings.Repeat("Zx7", 32))
	env.Setenv("WHSEC", "whsec_"+strings.Repeat("Zq9", 11))
	return nil
}

func requiredScopes() []string {
	return []string{"rak_charge_read", "rak_customer_read", "rak_file_write", "rak_payment_intent_read",
		"rak_payment_method_read", "rak_invoice_read", "rak_subscription_read", "rak_dispute_write", "rak_review_read"}
}

// exits N command args...: run command and require exit code N exactly.
func cmdExits(ts *testscript.TestScript, neg bool, args []string) {
	if neg || len(args) < 2 {
		ts.Fatalf("usage: exits N command [args...]")
	}
	want, err := strconv.Atoi(args[0])
	if err != nil {
		ts.Fatalf("exits: %q is not a number", args[0])
	}
	got := 0
	if err := ts.Exec(args[1], args[2:]...); err != nil {
		var ee *exec.ExitError
		if !errors.As(err, &ee) {
			ts.Fatalf("exits: %v", err)
		}
		got = ee.ExitCode()
	}
	if got != want {
		ts.Fatalf("exit code %d, want %d", got, want)
	}
}

// writeenv FILE VAR: write $VAR and a newline to FILE, to feed it as stdin.
func cmdWriteEnv(ts *testscript.TestScript, neg bool, args []string) {
	if neg || len(args) != 2 {
		ts.Fatalf("usage: writeenv FILE VAR")
	}
	if err := os.WriteFile(ts.MkAbs(args[0]), []byte(ts.Getenv(args[1])+"\n"), 0o600); err != nil {
		ts.Fatalf("writeenv: %v", err)
	}
}

// keyShaped matches any unredacted Stripe secret.
var keyShaped = regexp.MustCompile(`(sk|rk|pk)_(org_)?(live|test)_[A-Za-z0-9]{12,}|whsec_[A-Za-z0-9]{12,}`)

// nosecret: the last command's stdout and stderr hold no minted secret and
// nothing key-shaped.
func cmdNoSecret(ts *testscript.TestScript, neg bool, args []string) {
	if neg {
		ts.Fatalf("nosecret does not take !")
	}
	for _, stream := range []string{"stdout", "stderr"} {
		out := ts.ReadFile(stream)
		for _, v := range secretVars {
			if s := ts.Getenv(v); s != "" && strings.Contains(out, s) {
				ts.Fatalf("%s contains the secret $%s", stream, v)
			}
		}
		if m := keyShaped.FindString(out); m != "" {
			ts.Fatalf("%s contains a key-shaped string (%d characters)", stream, len(m))
		}
	}
}

// fault KIND: start a fault server of that kind (internal/faultserver) in
// front of the script's sandbox and set $FAULT to its URL.
func cmdFault(ts *testscript.TestScript, neg bool, args []string) {
	if neg || len(args) != 1 {
		ts.Fatalf("usage: fault KIND")
	}
	kind := faultserver.Kind(args[0])
	if !slices.Contains(faultserver.Kinds, kind) {
		ts.Fatalf("fault: unknown kind %q (one of %q)", args[0], faultserver.Kinds)
	}
	fs := faultserver.Start(ts.Value(sandboxKey).(*scriptSandbox).sb.Handler(), faultserver.Fault{Kind: kind})
	ts.Defer(fs.Close)
	ts.Setenv("FAULT", fs.URL)
}

// sandbox mutations N | sandbox requests N | sandbox endpoints N: assert on
// the sandbox's log. sandbox await N: block until N requests are logged
// (a background command reached that point). sandbox grant VAR SCOPE...:
// the merchant edits the key held in $VAR in Stripe.
func cmdSandbox(ts *testscript.TestScript, neg bool, args []string) {
	sb := ts.Value(sandboxKey).(*scriptSandbox).sb
	if len(args) >= 3 && args[0] == "grant" && !neg {
		sb.Grant(ts.Getenv(args[1]), args[2:]...)
		return
	}
	if len(args) != 2 {
		ts.Fatalf("usage: sandbox mutations|requests|endpoints|await N, or sandbox grant VAR SCOPE...")
	}
	want, err := strconv.Atoi(args[1])
	if err != nil {
		ts.Fatalf("sandbox: %q is not a number", args[1])
	}
	var got int
	switch args[0] {
	case "await":
		ctx, cancel := context.WithTimeout(context.Background(), time.Minute)
		defer cancel()
		if err := sb.WaitRequests(ctx, want); err != nil {
			ts.Fatalf("sandbox await %d: %d requests after a minute", want, len(sb.Requests()))
		}
		return
	case "mutations":
		got = len(sb.Mutations())
	case "requests":
		got = len(sb.Requests())
	case "endpoints":
		got = len(sb.WebhookEndpoints())
	default:
		ts.Fatalf("sandbox: unknown log %q", args[0])
	}
	if (got == want) == neg {
		ts.Fatalf("sandbox %s = %d, want %s%d", args[0], got, map[bool]string{true: "not ", false: ""}[neg], want)
	}
}

// justt submissions N | justt requests N: assert on the fake Justt's
// records. justt fault KIND [TIMES] (on the submission path only; "none"
// clears it) | justt expire (the script's token): shape its answers.
func cmdJustt(ts *testscript.TestScript, neg bool, args []string) {
	rx := ts.Value(sandboxKey).(*scriptSandbox).justt
	if len(args) == 0 {
		ts.Fatalf("usage: justt submissions|requests N | justt fault KIND [TIMES] | justt expire")
	}
	if neg && (args[0] == "expire" || args[0] == "fault") {
		ts.Fatalf("justt %s: shapes the answers; it cannot be negated", args[0])
	}
	switch args[0] {
	case "expire":
		if len(args) != 1 {
			ts.Fatalf("usage: justt expire (no arguments; got %q)", args[1:])
		}
		rx.ExpireToken(ts.Getenv("JUSTT_TOKEN"))
		return
	case "fault":
		kinds := map[string]sandbox.JusttFaultKind{"none": sandbox.JusttNoFault, "unavailable": sandbox.JusttUnavailable, "hang": sandbox.JusttHang,
			"reject": sandbox.JusttReject, "reset": sandbox.JusttReset, "redirect": sandbox.JusttRedirect}
		kind, ok := sandbox.JusttNoFault, len(args) > 1
		if ok {
			kind, ok = kinds[args[1]]
		}
		if !ok {
			ts.Fatalf("justt fault: unknown kind")
		}
		f := sandbox.JusttFault{Kind: kind, Path: "/v1/onboarding/stripe"}
		switch {
		case len(args) > 3:
			ts.Fatalf("usage: justt fault KIND [TIMES] (extra arguments %q)", args[3:])
		case len(args) == 3:
			n, err := strconv.Atoi(args[2])
			if err != nil || n < 1 {
				// Times 0 would mean every request fails: say so by leaving TIMES out.
				ts.Fatalf("justt fault: TIMES %q is not a count of 1 or more (leave it out for every request)", args[2])
			}
			f.Times = n
		}
		rx.SetFault(f)
		return
	}
	if len(args) != 2 {
		ts.Fatalf("usage: justt submissions|requests N")
	}
	want, err := strconv.Atoi(args[1])
	if err != nil {
		ts.Fatalf("justt: %q is not a number", args[1])
	}
	var got int
	switch args[0] {
	case "submissions":
		got = len(rx.Submissions())
	case "requests":
		got = len(rx.Requests())
	default:
		ts.Fatalf("justt: unknown record %q", args[0])
	}
	if (got == want) == neg {
		ts.Fatalf("justt %s = %d, want %s%d", args[0], got, map[bool]string{true: "not ", false: ""}[neg], want)
	}
}

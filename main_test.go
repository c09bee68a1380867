package main

import (
	"errors"
	"os"
	"os/exec"
	"regexp"
	"slices"
	"strconv"
	"strings"
	"testing"

	"github.com/justt-ai/justt-onboard/internal/faultserver"
	"github.com/justt-ai/justt-onboard/sandbox"
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
			"fault":    cmdFault,
		},
	})
}

// secretVars are the environment variables holding minted secrets.
var secretVars = []string{"FULL_KEY", "NO_DISPUTES_KEY", "ISSUING_KEY", "LIVE_KEY", "SECRET_KEY", "SETUP_KEY", "EXCESS_KEY", "FAULTY_KEY", "PK_KEY", "WHSEC"}

type scriptSandbox struct {
	sb *sandbox.Sandbox
}

const sandboxKey = "sandbox"

func setupSandbox(env *testscript.Env) error {
	sb := sandbox.New()
	srv := httptest.NewServer(sb.Handler())
	env.Defer(srv.Close)
	env.Values[sandboxKey] = &scriptSandbox{sb: sb}

	all := requiredScopes()
	noDisputes := all[: len(all)-2 : len(all)-2]
	noDisputes = append(noDisputes, all[len(all)-1])
	issuing := append(append([]string{}, noDisputes...), "rak_issuing_dispute_write")
	faulty := sb.MintKey(all...)
	sb.SetFault(faulty, sandbox.Fault{Kind: sandbox.Unavailable})

	env.Setenv("SANDBOX", srv.URL)
	env.Setenv("ACCOUNT", sb.AccountID())
	env.Setenv("FULL_KEY", sb.MintKey(all...))
	env.Setenv("NO_DISPUTES_KEY", sb.MintKey(noDisputes...))
	env.Setenv("ISSUING_KEY", sb.MintKey(issuing...))
	env.Setenv("LIVE_KEY", sb.MintLiveKey(all...))
	env.Setenv("SECRET_KEY", sb.MintSecretKey())
	env.Setenv("SETUP_KEY", sb.MintKey("rak_webhook_write"))
	excess := append([]string{"rak_charge_write"}, all[1:]...)
	env.Setenv("EXCESS_KEY", sb.MintKey(excess...))
	env.Setenv("FAULTY_KEY", faulty)
	env.Setenv("PK_KEY", "pk_test_"+strings.Repeat("Ab3", 33))
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
var keyShaped = regexp.MustCompile(`(sk|rk|pk)_(live|test)_[A-Za-z0-9]{12,}|whsec_[A-Za-z0-9]{12,}`)

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

// sandbox mutations N | sandbox requests N: assert on the sandbox's log.
func cmdSandbox(ts *testscript.TestScript, neg bool, args []string) {
	sb := ts.Value(sandboxKey).(*scriptSandbox).sb
	if len(args) != 2 {
		ts.Fatalf("usage: sandbox mutations|requests|endpoints N")
	}
	want, err := strconv.Atoi(args[1])
	if err != nil {
		ts.Fatalf("sandbox: %q is not a number", args[1])
	}
	var got int
	switch args[0] {
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

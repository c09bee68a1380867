package cmd

import (
	"context"
	"encoding/json"
	"strings"
	"testing"

	"github.com/justt-ai/justt-onboard/stripecheck"
)

func helpOf(t *testing.T, args ...string) string {
	t.Helper()
	env, out, errb := testEnv("", false, nil)
	if code := Execute(context.Background(), env, append(args, "--help")); code != 0 {
		t.Fatalf("%v --help: exit %d: %s", args, code, errb)
	}
	return out.String()
}

// jsonKeys are the top-level keys v marshals to.
func jsonKeys(t *testing.T, v any) []string {
	t.Helper()
	b, err := json.Marshal(v)
	if err != nil {
		t.Fatal(err)
	}
	var m map[string]json.RawMessage
	if err := json.Unmarshal(b, &m); err != nil {
		t.Fatal(err)
	}
	keys := make([]string, 0, len(m))
	for k := range m {
		keys = append(keys, k)
	}
	return keys
}

// TestHelpDescribesJSON: every field and problem code of each --json shape
// is described in the command's own --help, which never sends the reader to
// a README they may not have.
func TestHelpDescribesJSON(t *testing.T) {
	full := registerJSON{Error: &errorJSON{}, ReplacedEndpointID: "we_", SecretFile: "f", Notes: []stripecheck.Problem{{}}}
	tests := []struct {
		args  []string
		shape any
		codes []string
	}{
		{[]string{"check"}, stripecheck.Report{}, []string{
			stripecheck.CodeWrongKind, stripecheck.CodeSecretKey, stripecheck.CodeTestMode, stripecheck.CodeKeyInvalid,
			stripecheck.CodeKeyExpired, stripecheck.CodeIssuingTrap, stripecheck.CodeExcessWrite,
			stripecheck.CodeUnknownStatus, stripecheck.CodeWebhookSecretBad, "key_malformed_"}},
		{[]string{"webhook", "register"}, full, []string{
			stripecheck.CodeBadURL, stripecheck.CodeSetupKeyMissing, stripecheck.CodeSetupKeyKind,
			stripecheck.CodeSetupKeyPermission, stripecheck.CodeSetupKeyRejected, stripecheck.CodeDuplicate,
			stripecheck.CodeEndpointCap, stripecheck.CodeStripeRefused, stripecheck.CodeNetwork,
			stripecheck.CodeSecretNotKept, stripecheck.CodeReplaceIncomplete, stripecheck.CodeDisabledEndpointsLeft}},
		{[]string{"webhook", "verify"}, verifyJSON{Error: &errorJSON{}}, []string{
			stripecheck.CodeWebhookMissing, stripecheck.CodeWebhookDisabled, stripecheck.CodeWebhookEvents,
			stripecheck.CodeWebhookAPIVersion, stripecheck.CodeWebhookURLSpelled, stripecheck.CodeWebhookDuplicates}},
	}
	for _, tt := range tests {
		help := helpOf(t, tt.args...)
		if strings.Contains(help, "README") {
			t.Errorf("%v --help sends the reader to the README", tt.args)
		}
		for _, k := range jsonKeys(t, tt.shape) {
			if !strings.Contains(help, k) {
				t.Errorf("%v --help does not describe the JSON field %q", tt.args, k)
			}
		}
		for _, c := range tt.codes {
			if !strings.Contains(help, c) {
				t.Errorf("%v --help does not list the code %q", tt.args, c)
			}
		}
	}
}

// TestFlagsListedAreUsed: a command lists only the flags it acts on.
func TestFlagsListedAreUsed(t *testing.T) {
	tests := []struct {
		args   []string
		has    []string
		hasNot []string
	}{
		{[]string{"webhook", "register"}, []string{"--stripe-api-url", "--secret-out"}, []string{"--stripe-uploads-url", "--accessible"}},
		{[]string{"webhook", "verify"}, []string{"--stripe-api-url"}, []string{"--stripe-uploads-url", "--secret-out", "--replace"}},
		{[]string{"check"}, []string{"--stripe-api-url", "--stripe-uploads-url"}, []string{"--accessible", "--secret-out"}},
		{[]string{"steps"}, []string{"--markdown"}, []string{"--stripe-api-url", "--json"}},
		{[]string{"demo"}, []string{"--accessible"}, []string{"--stripe-api-url"}},
	}
	for _, tt := range tests {
		help := helpOf(t, tt.args...)
		for _, f := range tt.has {
			if !strings.Contains(help, f) {
				t.Errorf("%v --help lacks %s", tt.args, f)
			}
		}
		for _, f := range tt.hasNot {
			if strings.Contains(help, f+" ") {
				t.Errorf("%v --help lists %s, which it does not use", tt.args, f)
			}
		}
	}
}

func TestUsageErrors(t *testing.T) {
	const key = "rk_test_Zq9Zq9Zq9Zq9Zq9Zq9Zq9Zq9"
	tests := []struct {
		name   string
		args   []string
		stderr []string
	}{
		{"mistyped command", []string{"chek"}, []string{`did you mean "check"?`}},
		{"mistyped subcommand", []string{"webhook", "verfy"}, []string{`unknown command "verfy"`, `did you mean "verify"?`}},
		{"no subcommand", []string{"webhook"}, []string{"needs a command: register or verify"}},
		{"help for a mistyped command", []string{"help", "chek"}, []string{`did you mean "check"?`}},
		{"help for a mistyped subcommand", []string{"help", "webhook", "verfy"}, []string{`did you mean "verify"?`}},
		{"--api-key on check", []string{"check", "--api-key", key}, []string{"keys are never taken as flags: use STRIPE_API_KEY or --api-key-stdin"}},
		{"--key=… on check", []string{"check", "--key=" + key}, []string{"keys are never taken as flags: use STRIPE_API_KEY or --api-key-stdin"}},
		{"--webhook-secret on check", []string{"check", "--webhook-secret", key}, []string{"use STRIPE_WEBHOOK_SECRET"}},
		{"--setup-key on register", []string{"webhook", "register", "--setup-key", key}, []string{"use STRIPE_SETUP_KEY or --setup-key-stdin"}},
		{"--token on verify", []string{"webhook", "verify", "--token=" + key}, []string{"use STRIPE_SETUP_KEY or --setup-key-stdin"}},
		{"--api-key on the wizard", []string{"--api-key", key}, []string{"paste the key into the wizard"}},
		{"a key given to a switch", []string{"check", "--api-key-stdin=" + key}, []string{"takes no value", "printenv STRIPE_API_KEY"}},
		{"a key as an argument", []string{"check", key}, []string{"keys are never taken on the command line"}},
		{"a key as a command", []string{key}, []string{"keys are never taken on the command line"}},
		{"uploads URL on register", []string{"webhook", "register", "--stripe-uploads-url=http://127.0.0.1:1"}, []string{"unknown flag: --stripe-uploads-url"}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			env, out, errb := testEnv("", false, nil)
			if code := Execute(context.Background(), env, tt.args); code != stripecheck.ExitUsage {
				t.Fatalf("exit %d, want %d; stderr: %s", code, stripecheck.ExitUsage, errb)
			}
			for _, s := range tt.stderr {
				if !strings.Contains(errb.String(), s) {
					t.Errorf("stderr %q lacks %q", errb, s)
				}
			}
			if strings.Contains(out.String()+errb.String(), key) || strings.Contains(errb.String(), "Zq9Zq9") {
				t.Errorf("the key was echoed: %q", errb)
			}
			if out.Len() != 0 {
				t.Errorf("a usage error printed to stdout (help?): %q", out)
			}
		})
	}
}

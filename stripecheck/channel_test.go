package stripecheck

import (
	"errors"
	"strings"
	"testing"

	stripe "github.com/stripe/stripe-go/v76"
)

func mustKey(t *testing.T, raw string) Key {
	t.Helper()
	k, err := ParseKey(raw)
	if err != nil {
		t.Fatal(err)
	}
	return k
}

// TestWrongKindSaidOnce: a key that is not sent has one problem with the
// full explanation; its nine rows carry only a short, identical detail.
func TestWrongKindSaidOnce(t *testing.T) {
	for _, raw := range []string{"pk_live_" + strings.Repeat("Ab3", 30), "whsec_" + strings.Repeat("Zq9", 11), "hello_world"} {
		k := mustKey(t, raw)
		r, stop := Precheck(k, Options{})
		if !stop || len(r.Problems) != 1 {
			t.Fatalf("%s: stop %v problems %+v", k.Kind(), stop, r.Problems)
		}
		for _, row := range r.Permissions {
			if row.Detail != r.Permissions[0].Detail || len(row.Detail) > 40 || strings.Contains(row.Detail, r.Problems[0].Message) {
				t.Errorf("%s: row detail %q repeats or is long (problem: %q)", k.Kind(), row.Detail, r.Problems[0].Message)
			}
		}
	}
}

// TestFixesSpeakToTheChannel: a fix that asks for the key again names the
// variable or flag it came from, and only the wizard is told to paste.
func TestFixesSpeakToTheChannel(t *testing.T) {
	env, stdin := FromEnvironment("STRIPE_API_KEY"), FromStandardInput("--api-key-stdin")
	pk := mustKey(t, "pk_live_"+strings.Repeat("Ab3", 30))
	expired := rejectionProblem(stripe.ErrorCodeAPIKeyExpired, "Expired API Key provided: rk_live_…abcd")
	rejectedRows := func() []Result {
		rows := UnknownRows("x")
		rows[0].rejection = &expired
		return rows
	}
	tests := []struct {
		name string
		fix  func(src KeySource) string
	}{
		{"publishable", func(src KeySource) string {
			r, _ := Precheck(pk, Options{Source: src})
			return r.Problems[0].Fix
		}},
		{"secret key", func(src KeySource) string {
			r := Assemble(mustKey(t, "sk_live_"+strings.Repeat("Ab3", 30)), rowsWith(func(int) Status { return Granted }), Diagnosis{}, Options{Source: src})
			return r.Problems[0].Fix
		}},
		{"expired", func(src KeySource) string {
			r := Assemble(testKey(t), rejectedRows(), Diagnosis{}, Options{Source: src})
			return r.Problems[0].Fix
		}},
		{"malformed", func(src KeySource) string {
			_, err := ParseKey("rk_live_ab\u200bcd")
			return err.(*KeyError).FixFor(src)
		}},
	}
	for _, tt := range tests {
		if got := tt.fix(KeySource{}); !strings.Contains(got, "paste") {
			t.Errorf("%s, wizard: fix %q does not say paste", tt.name, got)
		}
		if got := tt.fix(env); strings.Contains(got, "paste") || !strings.Contains(got, "set STRIPE_API_KEY to") {
			t.Errorf("%s, environment: fix %q", tt.name, got)
		}
		if got := tt.fix(stdin); strings.Contains(got, "paste") || !strings.Contains(got, "--api-key-stdin") {
			t.Errorf("%s, standard input: fix %q", tt.name, got)
		}
	}
	bad := Options{WebhookSecretGiven: true, WebhookSecretSource: FromEnvironment("STRIPE_WEBHOOK_SECRET")}
	r := Assemble(testKey(t), rowsWith(func(int) Status { return Granted }), Diagnosis{}, bad)
	if len(r.Problems) != 1 || !strings.Contains(r.Problems[0].Fix, "set STRIPE_WEBHOOK_SECRET to it") {
		t.Errorf("webhook secret problems %+v", r.Problems)
	}
}

// TestMalformedKeyReportNamesWhatPrecheckNames: a key that cannot be read
// and a key of the wrong kind, each with a signing secret of the wrong
// shape, get the same shape of report: every row unknown, the key's
// problem first, then the signing secret's, fixes through the channel.
func TestMalformedKeyReportNamesWhatPrecheckNames(t *testing.T) {
	opts := Options{Source: FromEnvironment("STRIPE_API_KEY"), WebhookSecretGiven: true,
		WebhookSecret: mustKey(t, "pk_live_"+strings.Repeat("Ab3", 30)), WebhookSecretSource: FromEnvironment("STRIPE_WEBHOOK_SECRET")}
	_, err := ParseKey("rk_live_ab\u200bcd")
	var ke *KeyError
	if !errors.As(err, &ke) {
		t.Fatalf("ParseKey: %v, want a *KeyError", err)
	}
	malformed := MalformedKeyReport(ke, opts)
	wrong, stop := Precheck(mustKey(t, "hello_world"), opts)
	if !stop {
		t.Fatal("Precheck let an unrecognized key through")
	}
	for name, r := range map[string]Report{"malformed": malformed, "wrong kind": wrong} {
		codes := make([]string, len(r.Problems))
		for i, p := range r.Problems {
			codes[i] = p.Code
		}
		if len(codes) != 2 || codes[1] != CodeWebhookSecretBad || !r.Webhook.Provided || r.Webhook.ValidFormat {
			t.Errorf("%s: problems %v, webhook %+v: want the key's problem then %s, and the secret given but malformed", name, codes, r.Webhook, CodeWebhookSecretBad)
		}
		if r.Problems[1].Fix != wrong.Problems[1].Fix || !strings.Contains(r.Problems[0].Fix, "STRIPE_API_KEY") {
			t.Errorf("%s: fixes %q, %q", name, r.Problems[0].Fix, r.Problems[1].Fix)
		}
		if r.ExitCode() != ExitNotReady || r.Ready() {
			t.Errorf("%s: exit %d, ready %v", name, r.ExitCode(), r.Ready())
		}
		for _, row := range r.Permissions {
			if row.Status != Unknown {
				t.Errorf("%s: row %s is %s, want unknown (nothing was sent)", name, row.Permission.Scope, row.Status)
			}
		}
	}
	if malformed.Problems[0].Code != CodeKeyMalformed+ke.Code || ke.Code == "" {
		t.Errorf("malformed key's problem %q", malformed.Problems[0].Code)
	}
}

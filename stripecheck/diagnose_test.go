package stripecheck

import (
	"context"
	"strings"
	"testing"

	"github.com/justt-ai/justt-onboard/sandbox"
	"github.com/justt-ai/justt-onboard/steps"
)

func TestCheckFindsTheAccount(t *testing.T) {
	t.Parallel()
	sb, c := onSandbox(t, Config{})
	key := parsed(t, sb.MintKey(allNine()...))
	r := c.Check(context.Background(), key, Options{})
	if r.AccountID != sb.AccountID() {
		t.Errorf("account %q, want %q", r.AccountID, sb.AccountID())
	}
	if !r.Ready() || r.ExitCode() != ExitReady {
		t.Errorf("not ready: %v %+v", problemCodes(r), r.Permissions)
	}
}

// TestIssuingTrap: the merchant ticked Disputes under Issuing instead of
// the one under All core resources (the guide's warning at step 7).
func TestIssuingTrap(t *testing.T) {
	t.Parallel()
	withoutDisputes := func(extra ...string) []string {
		var out []string
		for _, s := range allNine() {
			if s != "rak_dispute_write" {
				out = append(out, s)
			}
		}
		return append(out, extra...)
	}
	tests := []struct {
		name   string
		scopes []string
		trap   bool
	}{
		{"Issuing read instead", withoutDisputes("rak_issuing_dispute_read"), true},
		{"Issuing write instead", withoutDisputes("rak_issuing_dispute_write"), true},
		{"neither", withoutDisputes(), false},
		{"both rows ticked", append(allNine(), "rak_issuing_dispute_write"), false},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			t.Parallel()
			sb, c := onSandbox(t, Config{})
			r := c.Check(context.Background(), parsed(t, sb.MintKey(tt.scopes...)), Options{})
			if got := hasProblem(r, CodeIssuingTrap, SeverityError); got != tt.trap {
				t.Errorf("issuing trap reported = %v, want %v (%v)", got, tt.trap, problemCodes(r))
			}
			if tt.trap && r.ExitCode() != ExitNotReady {
				t.Errorf("exit %d, want 1", r.ExitCode())
			}
			assertNoMutations(t, sb)
		})
	}
}

func TestExcessWriteWarnings(t *testing.T) {
	t.Parallel()
	sb, c := onSandbox(t, Config{})
	key := parsed(t, sb.MintKey(append(allNine(), "rak_charge_write", "rak_customer_write", "rak_payment_intent_write",
		"rak_payment_method_write", "rak_invoice_write", "rak_subscription_write")...))
	r := c.Check(context.Background(), key, Options{})
	want := []steps.Permission{steps.ChargesWrite, steps.CustomersWrite, steps.PaymentIntentsWrite,
		steps.PaymentMethodsWrite, steps.InvoicesWrite, steps.SubscriptionsWrite}
	if len(r.Excess) != len(want) {
		t.Fatalf("excess %v, want %v", r.Excess, want)
	}
	for i := range want {
		if r.Excess[i] != want[i] {
			t.Errorf("excess[%d] = %s, want %s", i, r.Excess[i], want[i])
		}
	}
	warnings := 0
	for _, p := range r.Problems {
		if p.Code == CodeExcessWrite && p.Severity == SeverityWarning {
			warnings++
		} else {
			t.Errorf("unexpected problem %s: %s", p.Code, p.Message)
		}
	}
	if warnings != len(want) {
		t.Errorf("%d excess warnings, want %d", warnings, len(want))
	}
	// Warnings do not block: the key has what Justt needs.
	if r.ExitCode() != ExitReady {
		t.Errorf("exit %d, want 0", r.ExitCode())
	}
	assertNoMutations(t, sb)
	for _, req := range sb.Requests() {
		if req.Method == "POST" && req.Path == "/v1/customers" {
			t.Errorf("POST /v1/customers sent: it would create a customer")
		}
	}
}

// TestEachExcessWriteAlone: each write access is seen on its own, and a
// key with only the nine shows none.
func TestEachExcessWriteAlone(t *testing.T) {
	t.Parallel()
	sb, c := onSandbox(t, Config{})
	for _, p := range steps.Excess {
		r := c.Check(context.Background(), parsed(t, sb.MintKey(append(allNine(), p.Scope)...)), Options{})
		if len(r.Excess) != 1 || r.Excess[0] != p || r.ExitCode() != ExitReady {
			t.Errorf("%s: excess %v exit %d", p, r.Excess, r.ExitCode())
		}
	}
	if r := c.Check(context.Background(), parsed(t, sb.MintKey(allNine()...)), Options{}); len(r.Excess) != 0 {
		t.Errorf("the nine alone: excess %v", r.Excess)
	}
	assertNoMutations(t, sb)
}

// TestIssuingLeftOnAReadyKey: after the step 7 trap is fixed, Disputes
// under Issuing left at Read or Write is ready but warned, with the row
// to set back to None.
func TestIssuingLeftOnAReadyKey(t *testing.T) {
	t.Parallel()
	sb, c := onSandbox(t, Config{})
	for _, tt := range []struct {
		scope string
		held  steps.Permission
	}{
		{"rak_issuing_dispute_read", steps.IssuingDisputesRead},
		{"rak_issuing_dispute_write", steps.IssuingDisputesWrite},
	} {
		r := c.Check(context.Background(), parsed(t, sb.MintKey(append(allNine(), tt.scope)...)), Options{})
		if !r.Ready() || r.ExitCode() != ExitReady {
			t.Errorf("%s: not ready (%v)", tt.scope, problemCodes(r))
		}
		var warned *Problem
		for i, p := range r.Problems {
			if p.Code == CodeIssuingExtra {
				warned = &r.Problems[i]
			}
		}
		if warned == nil || warned.Severity != SeverityWarning || !strings.Contains(warned.Message, "("+tt.held.Access.Title()+")") ||
			!strings.Contains(warned.Fix, "Disputes under Issuing back to None") {
			t.Errorf("%s: problems %+v, want the Issuing warning naming %s and the fix", tt.scope, r.Problems, tt.held.Access.Title())
		}
		if len(r.Excess) != 1 || r.Excess[0] != tt.held {
			t.Errorf("%s: excess %v, want %s", tt.scope, r.Excess, tt.held)
		}
	}
	assertNoMutations(t, sb)
}

func TestSecretKeyIsProbedButNotReady(t *testing.T) {
	t.Parallel()
	sb, c := onSandbox(t, Config{})
	key := parsed(t, sb.MintSecretKey())
	r := c.Check(context.Background(), key, Options{})
	if r.Count(Granted) != len(steps.Required) {
		t.Errorf("a secret key holds everything; rows %+v", r.Permissions)
	}
	if !hasProblem(r, CodeSecretKey, SeverityError) || r.ExitCode() != ExitNotReady {
		t.Errorf("problems %v exit %d, want the secret-key error and exit 1", problemCodes(r), r.ExitCode())
	}
	if hasProblem(r, CodeExcessWrite, SeverityWarning) {
		t.Errorf("excess warnings repeat the secret-key error")
	}
	if r.AccountID != sb.AccountID() {
		t.Errorf("account %q, want %q from GET /v1/account", r.AccountID, sb.AccountID())
	}
	assertNoMutations(t, sb)
	assertNoSecret(t, r, key)
}

// TestWrongKindsSendNothing: a publishable key, a signing secret or
// something else is explained without a single request.
func TestWrongKindsSendNothing(t *testing.T) {
	t.Parallel()
	tests := []struct {
		name, raw, says, fix string
		code                 string // "" is CodeWrongKind
	}{
		{"publishable", modern("pk_live_"), "publishable", "step 4", ""},
		{"publishable test", modern("pk_test_"), "publishable", "step 4", ""},
		{"signing secret", "whsec_" + fakeBody(32), "signing secret", "step 18", ""},
		{"not a key", "acct_" + fakeBody(30), "not a Stripe API key", "Step 9", ""},
		// Organization keys need a Stripe-Context header on every request
		// and span accounts: refused, with the account-level fix.
		{"organization key", modern("sk_org_"), "organization key", "create a restricted key there", CodeOrganizationKey},
		{"organization key live", modern("sk_org_live_"), "sk_org_live_…", "step 4", CodeOrganizationKey},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			t.Parallel()
			sb, c := onSandbox(t, Config{})
			key := parsed(t, tt.raw)
			problem, wrong := WrongKind(key)
			code := tt.code
			if code == "" {
				code = CodeWrongKind
			}
			if !wrong || problem.Code != code {
				t.Fatalf("WrongKind = %+v, %v", problem, wrong)
			}
			r := c.Check(context.Background(), key, Options{})
			if n := len(sb.Requests()); n != 0 {
				t.Errorf("%d requests sent", n)
			}
			if r.Count(Unknown) != len(steps.Required) || r.ExitCode() != ExitNotReady {
				t.Errorf("rows %d unknown, exit %d; want all unknown and exit 1", r.Count(Unknown), r.ExitCode())
			}
			if len(r.Problems) != 1 || !strings.Contains(r.Problems[0].Message, tt.says) || !strings.Contains(r.Problems[0].Message+r.Problems[0].Fix, tt.fix) {
				t.Errorf("problems %+v, want one saying %q and %q", r.Problems, tt.says, tt.fix)
			}
			assertNoSecret(t, r, key)
		})
	}
	if _, wrong := WrongKind(Key{}); !wrong {
		t.Errorf("an empty key may not be sent")
	}
}

// TestRejectedKeys: Stripe refuses the key itself (401); no row can be
// decided, and the problem names the step to go back to.
func TestRejectedKeys(t *testing.T) {
	t.Parallel()
	tests := []struct {
		name  string
		spoil func(sb *sandbox.Sandbox, key string) string
		code  string
		step  string
	}{
		{"rolled", func(sb *sandbox.Sandbox, k string) string { sb.Roll(k); return k }, CodeKeyInvalid, "Step 9"},
		{"expired", func(sb *sandbox.Sandbox, k string) string { sb.Expire(k); return k }, CodeKeyExpired, "Step 4"},
		{"never existed", func(*sandbox.Sandbox, string) string { return "rk_test_" + fakeBody(99) }, CodeKeyInvalid, "step 4"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			t.Parallel()
			sb, c := onSandbox(t, Config{})
			key := parsed(t, tt.spoil(sb, sb.MintKey(allNine()...)))
			r := c.Check(context.Background(), key, Options{})
			if r.Count(Unknown) != len(steps.Required) || r.ExitCode() != ExitNotReady {
				t.Errorf("rows %+v exit %d; want all unknown, exit 1", r.Permissions, r.ExitCode())
			}
			if len(r.Problems) != 1 || r.Problems[0].Code != tt.code || !strings.Contains(r.Problems[0].Fix, tt.step) {
				t.Errorf("problems %+v, want one %s naming %q", r.Problems, tt.code, tt.step)
			}
			d := c.Diagnose(context.Background(), key)
			if len(d.Problems) != 1 || d.Problems[0].Code != tt.code {
				t.Errorf("Diagnose problems %+v, want %s", d.Problems, tt.code)
			}
			assertNoSecret(t, r, key)
		})
	}
}

func TestRequireLive(t *testing.T) {
	t.Parallel()
	sb, c := onSandbox(t, Config{})
	test := parsed(t, sb.MintKey(allNine()...))
	live := parsed(t, sb.MintLiveKey(allNine()...))

	r := c.Check(context.Background(), test, Options{RequireLive: true})
	if !hasProblem(r, CodeTestMode, SeverityError) || r.ExitCode() != ExitNotReady {
		t.Errorf("test key with RequireLive: %v exit %d, want test-mode error and exit 1", problemCodes(r), r.ExitCode())
	}
	if r := c.Check(context.Background(), test, Options{}); r.ExitCode() != ExitReady {
		t.Errorf("test key without RequireLive: exit %d (%v)", r.ExitCode(), problemCodes(r))
	}
	r = c.Check(context.Background(), live, Options{RequireLive: true})
	if r.ExitCode() != ExitReady || len(r.Problems) != 0 {
		t.Errorf("live key: exit %d problems %v", r.ExitCode(), problemCodes(r))
	}
}

func TestWebhookSecretStatus(t *testing.T) {
	t.Parallel()
	sb, c := onSandbox(t, Config{})
	key := parsed(t, sb.MintKey(allNine()...))
	secret := parsed(t, "whsec_"+fakeBody(32))
	tests := []struct {
		name string
		opts Options
		want WebhookSecretStatus
		bad  bool
	}{
		{"none", Options{}, WebhookSecretStatus{}, false},
		{"good", Options{WebhookSecret: secret, WebhookSecretGiven: true}, WebhookSecretStatus{Provided: true, ValidFormat: true}, false},
		{"did not parse", Options{WebhookSecretGiven: true}, WebhookSecretStatus{Provided: true}, true},
		{"an API key instead", Options{WebhookSecret: key, WebhookSecretGiven: true}, WebhookSecretStatus{Provided: true}, true},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			t.Parallel()
			r := c.Check(context.Background(), key, tt.opts)
			if r.Webhook != tt.want {
				t.Errorf("webhook %+v, want %+v", r.Webhook, tt.want)
			}
			if hasProblem(r, CodeWebhookSecretBad, SeverityError) != tt.bad {
				t.Errorf("problems %v", problemCodes(r))
			}
			assertNoSecret(t, r, secret)
		})
	}
}

package stripecheck

import (
	"context"
	"fmt"
	"strings"
	"testing"
	"time"

	"github.com/justt-ai/justt-onboard/sandbox"
	"github.com/justt-ai/justt-onboard/steps"
)

// probePaths is the path each of the nine probes requests, in steps.Required order.
var probePaths = []string{
	"/v1/charges", "/v1/customers", "/v1/files", "/v1/payment_intents", "/v1/payment_methods",
	"/v1/invoices", "/v1/subscriptions", "/v1/disputes/", "/v1/reviews",
}

var faultKinds = []sandbox.FaultKind{
	sandbox.ServerError, sandbox.Unavailable, sandbox.RateLimited, sandbox.Hang,
	sandbox.Reset, sandbox.MalformedJSON, sandbox.UnexpectedStatus,
	sandbox.ForeignForbidden, sandbox.IPRestricted,
}

// TestFaultMatrix: whatever goes wrong on one probe's path, that row is
// unknown (never missing), the others are decided, and the exit code is 3.
func TestFaultMatrix(t *testing.T) {
	t.Parallel()
	if len(probePaths) != len(steps.Required) {
		t.Fatal("probePaths is out of step with steps.Required")
	}
	// One sandbox for all the cases. Hang needs a deadline, but one long
	// enough that the other rows are decided even on a loaded machine (a
	// 300 ms deadline failed there with every row undecided).
	sb, c := onSandbox(t, Config{Timeout: 2 * time.Second})
	for _, kind := range faultKinds {
		for row, path := range probePaths {
			t.Run(fmt.Sprintf("%s on %s", kind, path), func(t *testing.T) {
				t.Parallel()
				raw := sb.MintKey(allNine()...)
				sb.SetFault(raw, sandbox.Fault{Kind: kind, PathPrefix: path})
				key := parsed(t, raw)
				r := c.Check(context.Background(), key, Options{})
				for i, got := range r.Permissions {
					want := Granted
					if i == row {
						want = Unknown
					}
					if got.Status != want {
						t.Errorf("%s is %s (%s), want %s", got.Permission, got.Status, got.Detail, want)
					}
				}
				if d := r.Permissions[row].Detail; d == "" || strings.HasPrefix(d, "not checked") {
					t.Errorf("unknown row without a reason: %q", d)
				}
				// An IP refusal has its own warning in place of the general one.
				explainedBy := CodeUnknownStatus
				if kind == sandbox.IPRestricted {
					explainedBy = CodeIPRestricted
				}
				if r.ExitCode() != ExitUndecided || !hasProblem(r, explainedBy, SeverityWarning) {
					t.Errorf("exit %d problems %v, want 3 and the %s warning", r.ExitCode(), problemCodes(r), explainedBy)
				}
				assertNoSecret(t, r, key)
			})
		}
	}
	t.Cleanup(func() { assertNoMutations(t, sb) })
}

// TestFaultDetails: each fault is named in the row, so the merchant knows
// it was Stripe or the network, not the key.
func TestFaultDetails(t *testing.T) {
	t.Parallel()
	sb, c := onSandbox(t, Config{Timeout: 300 * time.Millisecond})
	want := map[sandbox.FaultKind]string{
		sandbox.ServerError:      "Stripe answered 500",
		sandbox.Unavailable:      "Stripe answered 503",
		sandbox.RateLimited:      "429",
		sandbox.Hang:             "deadline",
		sandbox.Reset:            "closed before an answer",
		sandbox.MalformedJSON:    "not Stripe's JSON",
		sandbox.UnexpectedStatus: "418",
		sandbox.ForeignForbidden: "not in Stripe's form",
		sandbox.IPRestricted:     "IP address",
	}
	for kind, fragment := range want {
		t.Run(kind.String(), func(t *testing.T) {
			t.Parallel()
			raw := sb.MintKey(allNine()...)
			sb.SetFault(raw, sandbox.Fault{Kind: kind, PathPrefix: "/v1/reviews"})
			r := c.Probe(context.Background(), parsed(t, raw), steps.Required[8])
			if r.Status != Unknown || !strings.Contains(r.Detail, fragment) {
				t.Errorf("Probe = %s (%s), want unknown with %q", r.Status, r.Detail, fragment)
			}
		})
	}
}

// TestRetriesRideOutABriefOutage: one 503 then the real answers, with
// stripe-go's retries on, decides every row.
func TestRetriesRideOutABriefOutage(t *testing.T) {
	t.Parallel()
	sb, c := onSandbox(t, Config{MaxNetworkRetries: 1})
	raw := sb.MintKey(allNine()...)
	sb.SetFault(raw, sandbox.Fault{Kind: sandbox.Unavailable, PathPrefix: "/v1/invoices", Times: 1})
	r := c.Check(context.Background(), parsed(t, raw), Options{})
	if r.ExitCode() != ExitReady {
		t.Errorf("exit %d rows %+v", r.ExitCode(), r.Permissions)
	}
}

// TestWholeCheckOutage: every request fails; nothing is missing and the
// report says to retry.
func TestWholeCheckOutage(t *testing.T) {
	t.Parallel()
	sb, c := onSandbox(t, Config{})
	raw := sb.MintKey()
	sb.SetFault(raw, sandbox.Fault{Kind: sandbox.ServerError})
	r := c.Check(context.Background(), parsed(t, raw), Options{})
	if r.Count(Unknown) != len(steps.Required) || r.ExitCode() != ExitUndecided {
		t.Errorf("rows %+v exit %d", r.Permissions, r.ExitCode())
	}
	if len(r.Problems) != 1 || !strings.Contains(r.Problems[0].Fix, "status.stripe.com") {
		t.Errorf("problems %+v", r.Problems)
	}
}

// TestRefusedOnTheWayToStripe: a key whose every request gets a 403 that is
// not Stripe's (a proxy saying the key "does not have the required
// permissions") or a refusal of this computer's IP address has nine unknown
// rows, never nine ✗, and one problem naming the cause; exit 3.
func TestRefusedOnTheWayToStripe(t *testing.T) {
	t.Parallel()
	tests := []struct {
		fault sandbox.FaultKind
		code  string
		says  string
	}{
		{sandbox.ForeignForbidden, CodeNotStripe, "a proxy, a firewall or an IP block"},
		{sandbox.IPRestricted, CodeIPRestricted, "not from Justt's servers"},
	}
	for _, tt := range tests {
		t.Run(tt.fault.String(), func(t *testing.T) {
			t.Parallel()
			sb, c := onSandbox(t, Config{})
			raw := sb.MintKey(allNine()...)
			sb.SetFault(raw, sandbox.Fault{Kind: tt.fault})
			key := parsed(t, raw)
			r := c.Check(context.Background(), key, Options{})
			if r.Count(Unknown) != len(steps.Required) || r.ExitCode() != ExitUndecided {
				t.Errorf("%d unknown, exit %d; want all nine unknown and exit 3: %+v", r.Count(Unknown), r.ExitCode(), r.Permissions)
			}
			var found *Problem
			for i, p := range r.Problems {
				if p.Code == tt.code {
					found = &r.Problems[i]
				}
			}
			if found == nil || found.Severity != SeverityWarning || !strings.Contains(found.Message, tt.says) || found.Fix == "" {
				t.Errorf("problems %+v, want a %s warning saying %q", r.Problems, tt.code, tt.says)
			}
			if len(r.Problems) != 1 {
				t.Errorf("problems %v, want the one naming the cause (not also the general undecided one)", problemCodes(r))
			}
			assertNoSecret(t, r, key)
			assertNoMutations(t, sb)
		})
	}
}

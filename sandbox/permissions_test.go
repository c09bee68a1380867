package sandbox

import (
	"net/http"
	"net/url"
	"strings"
	"testing"

	"github.com/justt-ai/justt-onboard/steps"
)

const lacksPermission = "does not have the required permissions"

// concrete turns a route pattern into a path with an id nobody holds.
func concrete(pattern string) string {
	return strings.ReplaceAll(strings.ReplaceAll(pattern, "{id}", "zz_nonexistent"), "{", "")
}

func TestForbiddenWording(t *testing.T) {
	t.Parallel()
	s, u := newServer(t)
	key := s.MintKey() // no permission at all
	acct := "on account '" + s.AccountID() + "'"
	tests := []struct {
		method, path string
		want         []string // each must appear in the message
		lacks        bool     // the message says "does not have the required permissions"
	}{
		{"GET", "/v1/charges", []string{acct, "Having the 'rak_charge_read' permission would allow"}, true},
		{"POST", "/v1/charges", []string{acct, "'rak_charge_write' permission"}, true},
		{"GET", "/v1/customers", []string{acct, "'rak_customer_read' permission"}, true},
		{"POST", "/v1/customers/cus_x", []string{acct, "'rak_customer_write' permission"}, true},
		// Files upload names the wrong scope, as seen from the live API.
		{"POST", "/v1/files", []string{acct, "Having the 'rak_dispute_write' permission"}, true},
		{"GET", "/v1/payment_intents", []string{acct, "Having the 'rak_payment_intent_read', 'rak_checkout_session_read' permissions would allow"}, true},
		{"GET", "/v1/subscriptions", []string{acct, "'rak_subscription_read', 'rak_invoice_read' permissions"}, true},
		{"GET", "/v1/payment_methods", []string{"Permission denied. The provided key", acct, `Enabling "PaymentMethods Read" ('payment_method_read') permissions on this key`}, true},
		{"GET", "/v1/invoices", []string{"Permission denied.", acct, `"Invoices Read" ('invoice_read')`}, true},
		{"GET", "/v1/issuing/disputes/idp_x", []string{"Permission denied.", `('issuing_dispute_read')`}, true},
		{"GET", "/v1/reviews", []string{acct, "Having more permissions would allow this request to continue."}, true},
		{"POST", "/v1/disputes/dp_x", []string{acct, "'rak_dispute_write' permission"}, true},
		{"GET", "/v1/account", []string{acct, "This is a restricted API key, but the required permissions are not available for use by restricted keys."}, false},
	}
	for _, tc := range tests {
		t.Run(tc.method+" "+tc.path, func(t *testing.T) {
			a := do(t, u, tc.method, tc.path, key, nil)
			if a.status != http.StatusForbidden {
				t.Fatalf("status %d, want 403", a.status)
			}
			msg := a.errorField("message")
			for _, w := range tc.want {
				if !strings.Contains(msg, w) {
					t.Errorf("message %q lacks %q", msg, w)
				}
			}
			if strings.Contains(msg, lacksPermission) != tc.lacks {
				t.Errorf("message %q: contains %q is %v, want %v", msg, lacksPermission, !tc.lacks, tc.lacks)
			}
			if a.errorField("type") != "invalid_request_error" || a.errorField("code") != "" {
				t.Errorf("type %q code %q, want invalid_request_error and no code", a.errorField("type"), a.errorField("code"))
			}
			if !strings.Contains(msg, "'rk_test_*") || !strings.Contains(msg, key[len(key)-4:]+"'") || strings.Contains(msg, key[8:20]) {
				t.Errorf("message %q should show the key as rk_test_ + stars + its last 4", msg)
			}
		})
	}
}

// Every route refuses a key without its scope and lets one with it through:
// the permission table is enforced for all of them, not just the probed ones.
func TestEveryRouteEnforcesItsScope(t *testing.T) {
	t.Parallel()
	s, u := newServer(t)
	for _, rt := range s.routes {
		path := concrete(rt.pattern)
		t.Run(rt.method+" "+rt.pattern, func(t *testing.T) {
			without := do(t, u, rt.method, path, s.MintKey(), nil)
			if without.status != http.StatusForbidden {
				t.Errorf("without %s: status %d, want 403", rt.scope, without.status)
			}
			with := do(t, u, rt.method, path, s.MintKey(rt.scope), nil)
			if with.status == http.StatusForbidden || with.status == http.StatusUnauthorized {
				t.Errorf("with %s: status %d (%s), want it let through", rt.scope, with.status, with.errorField("message"))
			}
		})
	}
}

func TestWriteImpliesRead(t *testing.T) {
	t.Parallel()
	s, u := newServer(t)
	tests := []struct{ scope, readPath string }{
		{"rak_dispute_write", "/v1/disputes"},
		{"rak_charge_write", "/v1/charges"},
		{"rak_webhook_write", "/v1/webhook_endpoints"},
		{"rak_issuing_dispute_write", "/v1/issuing/disputes/idp_x"},
	}
	for _, tc := range tests {
		if a := do(t, u, "GET", tc.readPath, s.MintKey(tc.scope), nil); a.status == http.StatusForbidden {
			t.Errorf("a key with %s was refused GET %s", tc.scope, tc.readPath)
		}
	}
	readOnly := s.MintKey("rak_dispute_read")
	if a := do(t, u, "POST", "/v1/disputes/dp_x", readOnly, nil); a.status != http.StatusForbidden {
		t.Errorf("read must not imply write: status %d, want 403", a.status)
	}
}

func TestGrantAndRevokeEditTheKeyInPlace(t *testing.T) {
	t.Parallel()
	s, u := newServer(t)
	key := s.MintKey()
	status := func(method, path string) int { return do(t, u, method, path, key, nil).status }
	if got := status("GET", "/v1/reviews"); got != http.StatusForbidden {
		t.Fatalf("before Grant: %d, want 403", got)
	}
	s.Grant(key, "rak_review_read", "rak_dispute_write")
	if got := status("GET", "/v1/reviews"); got != http.StatusOK {
		t.Errorf("after Grant: %d, want 200", got)
	}
	s.Revoke(key, "rak_dispute_write") // Write turned down to Read
	if got := status("POST", "/v1/disputes/dp_x"); got != http.StatusForbidden {
		t.Errorf("after revoking write: POST %d, want 403", got)
	}
	if got := status("GET", "/v1/disputes"); got != http.StatusOK {
		t.Errorf("after revoking write: GET %d, want 200 (read stays)", got)
	}
	s.Grant(key, "rak_dispute_write")
	s.Revoke(key, "rak_dispute_read") // the row set to None
	if got := status("GET", "/v1/disputes"); got != http.StatusForbidden {
		t.Errorf("after revoking read: GET %d, want 403 (write cannot stay without read)", got)
	}
}

// The nine probes of the permission table give the documented answers with
// the permission and without it, and none of them changes anything.
func TestNineProbesAnswerAsDocumented(t *testing.T) {
	t.Parallel()
	s, u := newServer(t)
	granted := map[string]int{
		"rak_charge_read": 200, "rak_customer_read": 200, "rak_file_write": 400,
		"rak_payment_intent_read": 200, "rak_payment_method_read": 200, "rak_invoice_read": 200,
		"rak_subscription_read": 200, "rak_dispute_write": 404, "rak_review_read": 200,
	}
	var all []string
	for _, p := range steps.Required {
		all = append(all, p.Scope)
	}
	full, none := s.MintKey(all...), s.MintKey()
	for _, p := range steps.Required {
		method, path := probeFor(p.Scope)
		want, ok := granted[p.Scope]
		if !ok {
			t.Fatalf("no expectation for %s", p.Scope)
		}
		if a := do(t, u, method, path, full, url.Values{}); a.status != want {
			t.Errorf("%s granted: %s %s = %d (%s), want %d", p, method, path, a.status, a.raw, want)
		}
		if a := do(t, u, method, path, none, url.Values{}); a.status != http.StatusForbidden {
			t.Errorf("%s missing: %s %s = %d, want 403", p, method, path, a.status)
		}
	}
	if m := s.Mutations(); len(m) != 0 {
		t.Errorf("probes changed something: %+v", m)
	}
}

// TestUploadLetsDisputesWriteThrough: as seen live, the upload endpoint
// answers a key with Disputes: Write and Files at None as if it could
// upload; only the Files list (Files: Read, which Write includes) tells.
func TestUploadLetsDisputesWriteThrough(t *testing.T) {
	t.Parallel()
	s, u := newServer(t)
	tests := []struct {
		name         string
		scopes       []string
		upload, list int
	}{
		{"Disputes Write, Files None", []string{"rak_dispute_write"}, 400, 403},
		{"Files Write", []string{"rak_file_write"}, 400, 200},
		{"Files Read", []string{"rak_file_read"}, 403, 200},
		{"Files Read, Disputes Write", []string{"rak_file_read", "rak_dispute_write"}, 400, 200},
		{"nothing", nil, 403, 403},
	}
	for _, tt := range tests {
		key := s.MintKey(tt.scopes...)
		if a := do(t, u, "POST", "/v1/files", key, url.Values{}); a.status != tt.upload {
			t.Errorf("%s: upload %d, want %d", tt.name, a.status, tt.upload)
		}
		if a := do(t, u, "GET", "/v1/files?limit=1", key, nil); a.status != tt.list {
			t.Errorf("%s: list %d, want %d", tt.name, a.status, tt.list)
		}
	}
	if m := s.Mutations(); len(m) != 0 {
		t.Errorf("probes changed something: %+v", m)
	}
}

func probeFor(scope string) (method, path string) {
	switch scope {
	case "rak_file_write":
		return "POST", "/v1/files"
	case "rak_dispute_write":
		return "POST", "/v1/disputes/dp_justtprobe_nonexistent"
	}
	resource := strings.TrimSuffix(strings.TrimPrefix(scope, "rak_"), "_read")
	return "GET", "/v1/" + resource + "s?limit=1"
}

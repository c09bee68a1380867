package stripecheck

import (
	"context"
	"errors"
	"strings"
	"testing"

	stripe "github.com/stripe/stripe-go/v76"
)

func TestClassifyError(t *testing.T) {
	t.Parallel()
	key := testKey(t)
	stripeErr := func(status int, code stripe.ErrorCode, msg string) error {
		return &stripe.Error{HTTPStatusCode: status, Code: code, Msg: msg, Type: stripe.ErrorTypeInvalidRequest}
	}
	tests := []struct {
		name      string
		err       error
		kind      FailureKind
		problem   string // the rejection's code, for 401s
		undecided bool
	}{
		{"401 invalid", stripeErr(401, "", "Invalid API Key provided: rk_test_****abcd"), FailureRejected, CodeKeyInvalid, false},
		{"401 expired", stripeErr(401, stripe.ErrorCodeAPIKeyExpired, "Expired API Key provided: rk_test_****abcd"), FailureRejected, CodeKeyExpired, false},
		{"401 publishable", stripeErr(401, "", "This API call cannot be made with a publishable API key. Please use a secret API key."), FailureRejected, CodeWrongKind, false},
		{"401 other", stripeErr(401, "", "You did not provide an API key."), FailureRejected, CodeKeyInvalid, false},
		{"403 permission", stripeErr(403, "", "The provided key 'rk_test_****abcd' does not have the required permissions for this endpoint on account 'acct_1'."), FailurePermission, "", false},
		{"403 other, in Stripe's form", stripeErr(403, "", "The provided key 'rk_test_****abcd' cannot make this request on account 'acct_1': only available in test mode."), FailureForbidden, "", true},
		// A 403 is judged by Stripe's shape, not by a phrase: without the
		// account, the key's own masked form or a rak_ name it is not Stripe.
		{"403 phrase without marks", stripeErr(403, "", "Your key does not have the required permissions for this endpoint."), FailureNotStripe, "", true},
		{"403 other without marks", stripeErr(403, "", "Only available in test mode."), FailureNotStripe, "", true},
		{"403 phrase, another key's mask", stripeErr(403, "", "The provided key 'rk_test_****zzzz' does not have the required permissions for this endpoint."), FailureNotStripe, "", true},
		{"403 phrase, this key's mask", stripeErr(403, "", "The provided key 'rk_test_****"+key.Reveal()[103:]+"' does not have the required permissions for this endpoint."), FailurePermission, "", false},
		{"403 phrase, a rak_ name", stripeErr(403, "", "Having the 'rak_charge_read' permission would allow this request to continue."), FailurePermission, "", false},
		{"403 phrase, only another scope", stripeErr(403, "", "Enabling \"Prices Read\" ('plan_read') permissions on this key would allow this request to continue."), FailureNotStripe, "", true},
		{"403 marks but not invalid_request_error", &stripe.Error{HTTPStatusCode: 403, Type: stripe.ErrorTypeAPI, Msg: "The provided key 'rk_test_****abcd' does not have the required permissions for this endpoint on account 'acct_1'."}, FailureNotStripe, "", true},
		// A key limited to IP addresses (an access policy) is not a verdict on it.
		{"403 IP address", stripeErr(403, "", "Requests from IP address 203.0.113.9 are not allowed for this key on account 'acct_1'."), FailureIPLimited, "", true},
		{"401 IP allowlist", stripeErr(401, "", "This API key is restricted by an IP allowlist."), FailureIPLimited, "", true},
		{"403 access policy", stripeErr(403, "", "Blocked by the key's access policy."), FailureIPLimited, "", true},
		{"404", stripeErr(404, stripe.ErrorCodeResourceMissing, "No such dispute: 'dp_1'"), FailureRequest, "", false},
		{"429", stripeErr(429, "rate_limit", "Too many requests"), FailureRateLimited, "", true},
		{"503", stripeErr(503, "", "Try again"), FailureOutage, "", true},
		{"deadline", context.DeadlineExceeded, FailureTimeout, "", true},
		{"cancelled", context.Canceled, FailureCancelled, "", true},
		{"other", errors.New("boom"), FailureNetwork, "", true},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			t.Parallel()
			f := ClassifyError(context.Background(), tt.err, key)
			if f.Kind != tt.kind || f.Rejection.Code != tt.problem || f.Undecided() != tt.undecided {
				t.Errorf("got %s (rejection %q, undecided %v), want %s (%q, %v)", f.Kind, f.Rejection.Code, f.Undecided(), tt.kind, tt.problem, tt.undecided)
			}
			if f.Detail == "" || !errors.Is(f, tt.err) {
				t.Errorf("detail %q; wraps the error: %v", f.Detail, errors.Is(f, tt.err))
			}
			if tt.problem != "" && (f.Rejection.Fix == "" || f.Rejection.Severity != SeverityError) {
				t.Errorf("rejection without a fix: %+v", f.Rejection)
			}
		})
	}
	if ClassifyError(context.Background(), nil) != nil {
		t.Errorf("nil error classified")
	}
}

func TestClassifyErrorRedacts(t *testing.T) {
	t.Parallel()
	key := testKey(t)
	other := "sk_live_" + fakeBody(30)
	err := &stripe.Error{HTTPStatusCode: 400, Msg: "bad key " + key.Reveal() + " and " + other}
	f := ClassifyError(context.Background(), err, key)
	for _, s := range []string{f.Detail, f.Message, f.Error()} {
		if strings.Contains(s, key.Reveal()) || strings.Contains(s, other) {
			t.Errorf("not redacted: %q", s)
		}
	}
	if !strings.Contains(f.Message, key.Redacted()) {
		t.Errorf("message %q lost the redacted key form", f.Message)
	}
}

// stripe-go's error for an answer that is not JSON carries its status and
// up to 500 characters of the body: the status is read, the body never shown.
func TestClassifyErrorUnreadableAnswer(t *testing.T) {
	t.Parallel()
	key := testKey(t)
	tests := []struct {
		status int
		kind   FailureKind
	}{
		{403, FailureNotStripe},
		{200, FailureMalformed},
		{502, FailureOutage},
		{429, FailureRateLimited},
	}
	for _, tt := range tests {
		body := "<html>Gateway page; Authorization: Bearer " + key.Reveal() + "</html>"
		f := ClassifyError(context.Background(), unreadable(tt.status, body), key)
		if f.Kind != tt.kind || f.HTTPStatus != tt.status {
			t.Errorf("%d: got %s status %d, want %s", tt.status, f.Kind, f.HTTPStatus, tt.kind)
		}
		if strings.Contains(f.Detail, "Gateway page") || strings.Contains(f.Detail, key.Reveal()) {
			t.Errorf("%d: detail shows the body: %q", tt.status, f.Detail)
		}
	}
	// A firewall's page about the IP address is read, never shown.
	if f := ClassifyError(context.Background(), unreadable(403, "<h1>Access denied: your IP address is blocked</h1>"), key); f.Kind != FailureIPLimited || strings.Contains(f.Detail, "denied") {
		t.Errorf("firewall page: %s (%q), want %s without the page", f.Kind, f.Detail, FailureIPLimited)
	}
	if f := ClassifyError(context.Background(), errors.New(`{"message":"IP not allowed"}`), key); f.Kind == FailureIPLimited {
		t.Errorf("an error with no status counted as an IP refusal")
	}
	// An error that merely mentions a body sample loses it even when its
	// status cannot be read.
	f := ClassifyError(context.Background(), errors.New("odd failure, body sample: '<html>secret page</html>'"), key)
	if strings.Contains(f.Detail, "secret page") {
		t.Errorf("detail shows the body: %q", f.Detail)
	}
}

func TestClassifyErrorRecordsTheParameter(t *testing.T) {
	t.Parallel()
	err := &stripe.Error{HTTPStatusCode: 400, Code: stripe.ErrorCodeParameterMissing, Param: "amount", Msg: "Missing required param: amount."}
	if f := ClassifyError(context.Background(), err); f.Param != "amount" || f.Code != "parameter_missing" {
		t.Errorf("Param %q Code %q, want amount and parameter_missing", f.Param, f.Code)
	}
}

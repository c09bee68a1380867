package stripecheck

import (
	"context"
	"errors"
	"fmt"
	"net/url"
	"strings"
	"syscall"
	"testing"

	"github.com/stripe/stripe-go/v76"
)

func parseTestSetupKey(t *testing.T, raw string) Key {
	t.Helper()
	k, err := ParseKey(raw)
	if err != nil {
		t.Fatal(err)
	}
	return k
}

const testSetupKeyValue = "sk_test_51AbCdEfGhIjKlMnOpQrStUvWxYz0123456789ABCDEFGHIJ"

func TestStripeFailure(t *testing.T) {
	t.Parallel()
	setup := parseTestSetupKey(t, testSetupKeyValue)
	stripeErr := func(status int, code stripe.ErrorCode, msg string) error {
		return &stripe.Error{HTTPStatusCode: status, Code: code, Msg: msg, Type: stripe.ErrorTypeInvalidRequest}
	}
	tests := []struct {
		name     string
		err      error
		wantCode string
		wantExit int
		wantIn   string
	}{
		{"403 names the permission to grant", stripeErr(403, "", "The provided key 'sk_test_****GHIJ' does not have the required permissions"),
			CodeSetupKeyPermission, ExitNotReady, "Webhook Endpoints: Write"},
		{"403 phrase without Stripe's marks", stripeErr(403, "", "Your key does not have the required permissions"),
			CodeNetwork, ExitUndecided, "not in Stripe's form"},
		{"403 phrase with another key's mask", stripeErr(403, "", "The provided key 'sk_test_****ZZZZ' does not have the required permissions"),
			CodeNetwork, ExitUndecided, "a proxy, firewall or IP block"},
		{"403 IP address", stripeErr(403, "", "Requests from your IP address are not allowed for this key."), CodeNetwork, ExitUndecided, "IP address"},
		{"401 IP allowlist", stripeErr(401, "", "This API key is restricted by an IP allowlist."), CodeNetwork, ExitUndecided, "IP address (401)"},
		{"401", stripeErr(401, "", "Invalid API Key provided: sk_test_****GHIJ"), CodeSetupKeyRejected, ExitNotReady, "rejected"},
		{"401 expired", stripeErr(401, stripe.ErrorCodeAPIKeyExpired, "Expired API Key provided"), CodeSetupKeyRejected, ExitNotReady, "expired"},
		{"cap, Stripe's words", stripeErr(400, "", "You have reached the maximum of 16 test webhook endpoints."), CodeEndpointCap, ExitNotReady, "maximum of 16"},
		{"cap, other wording and case", stripeErr(400, "", "MAXIMUM number of Webhook Endpoints reached (100)"), CodeEndpointCap, ExitNotReady, "(100)"},
		{"maximum about something else", stripeErr(400, "", "The description can have a maximum of 5000 characters."), CodeStripeRefused, ExitNotReady, "5000 characters"},
		{"cap words on a 404", stripeErr(404, "", "No such webhook endpoint; the maximum of webhook endpoints is 16."), CodeStripeRefused, ExitNotReady, "404"},
		{"403 that is not about permissions", stripeErr(403, "", "Your account cannot currently make live requests."), CodeStripeRefused, ExitNotReady, "did not say the setup key lacks a permission"},
		{"other 400", stripeErr(400, "url_invalid", "Invalid URL: must be publicly accessible."), CodeStripeRefused, ExitNotReady, "publicly accessible"},
		{"404", stripeErr(404, "resource_missing", "No such webhook endpoint: 'we_1'"), CodeStripeRefused, ExitNotReady, "No such webhook endpoint"},
		{"429", stripeErr(429, "rate_limit", "Too many requests"), CodeNetwork, ExitUndecided, "429"},
		{"500", stripeErr(500, "", "An unknown error occurred"), CodeNetwork, ExitUndecided, "500"},
		{"503", stripeErr(503, "", ""), CodeNetwork, ExitUndecided, "503"},
		{"connection reset", &url.Error{Op: "Post", URL: "https://api.stripe.com/v1/webhook_endpoints", Err: syscall.ECONNRESET},
			CodeNetwork, ExitUndecided, "connection to api.stripe.com was closed"},
		{"transport text quoting the key", &url.Error{Op: "Post", URL: "https://api.stripe.com/v1/webhook_endpoints", Err: errors.New("proxy refused Bearer " + testSetupKeyValue)},
			CodeNetwork, ExitUndecided, "could not reach api.stripe.com: proxy refused Bearer sk_test_…GHIJ"},
		// stripe-go's error for an answer that is not JSON quotes up to 500
		// characters of it: a proxy's page may echo the Authorization header.
		{"HTML 403 page", unreadable(403, "<html><body>Forbidden by proxy. Authorization: Bearer "+testSetupKeyValue+"</body></html>"),
			CodeNetwork, ExitUndecided, "The answer was a 403 whose body is not Stripe's JSON"},
		{"HTML 502 page", unreadable(502, "<html><body>Bad gateway</body></html>"), CodeNetwork, ExitUndecided, "Stripe answered 502"},
		{"HTML 429 page", unreadable(429, "<html><body>Slow down</body></html>"), CodeNetwork, ExitUndecided, "429"},
		{"timeout", fmt.Errorf("post: %w", context.DeadlineExceeded), CodeNetwork, ExitUndecided, "in time"},
		{"interrupted", fmt.Errorf("post: %w", context.Canceled), CodeNetwork, ExitUndecided, "interrupted"},
		{"a message quoting the whole key", stripeErr(400, "", "Key "+testSetupKeyValue+" and whsec_0123456789abcdefABCDEF are odd"),
			CodeStripeRefused, ExitNotReady, "Key sk_test_…GHIJ and whsec_…"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			t.Parallel()
			got := stripeFailure(context.Background(), tt.err, "create the webhook endpoint", setup)
			if got.Code != tt.wantCode || got.ExitCode != tt.wantExit {
				t.Errorf("code %q exit %d, want %q exit %d (message %q)", got.Code, got.ExitCode, tt.wantCode, tt.wantExit, got.Message)
			}
			if !strings.Contains(got.Message+" "+got.Fix, tt.wantIn) {
				t.Errorf("message %q / fix %q does not contain %q", got.Message, got.Fix, tt.wantIn)
			}
			if got.Fix == "" {
				t.Error("no fix")
			}
			if !errors.Is(got, tt.err) {
				t.Error("the cause is not wrapped")
			}
			text := got.Message + got.Fix
			if strings.Contains(text, testSetupKeyValue) || strings.Contains(text, "whsec_0123456789") {
				t.Errorf("a secret leaked: %q", text)
			}
			if strings.Contains(text, "<html") || strings.Contains(text, "body sample") || strings.Contains(text, "Couldn't deserialize") {
				t.Errorf("a body sample or stripe-go's raw text is shown: %q", text)
			}
			if strings.Contains(tt.name, "HTML") && strings.Contains(got.Message, "connection") {
				t.Errorf("an answer is called a failed connection: %q", text)
			}
		})
	}
}

// unreadable is stripe-go v76's error for an answer that is not JSON
// (stripe.go, UnmarshalJSONVerbose), body sample included.
func unreadable(status int, body string) error {
	return fmt.Errorf("Couldn't deserialize JSON (response status: %v, body sample: '%s'): %v",
		status, body, errors.New("invalid character '<' looking for beginning of value"))
}

func TestCheckSetupKey(t *testing.T) {
	t.Parallel()
	tests := []struct {
		raw      string
		wantCode string // "" = accepted
		wantExit int
	}{
		{testSetupKeyValue, "", 0},
		{"rk_live_51AbCdEfGhIjKlMnOpQrStUvWxYz0123456789", "", 0},
		{"", CodeSetupKeyMissing, ExitUsage},
		{"pk_live_51AbCdEfGhIjKlMnOpQrStUvWxYz0123456789", CodeSetupKeyKind, ExitNotReady},
		{"whsec_0123456789abcdefABCDEF0123456789", CodeSetupKeyKind, ExitNotReady},
		{"acct_1234567890abcdefghij", CodeSetupKeyKind, ExitNotReady},
	}
	for _, tt := range tests {
		var key Key
		if tt.raw != "" {
			key = parseTestSetupKey(t, tt.raw)
		}
		err := CheckSetupKey(key)
		if tt.wantCode == "" {
			if err != nil {
				t.Errorf("CheckSetupKey(%s) = %v, want nil", key, err)
			}
			continue
		}
		var we *WebhookError
		if !errors.As(err, &we) || we.Code != tt.wantCode || we.ExitCode != tt.wantExit {
			t.Errorf("CheckSetupKey(%s) = %#v, want code %q exit %d", key, err, tt.wantCode, tt.wantExit)
			continue
		}
		if tt.raw != "" && strings.Contains(we.Message+we.Fix, tt.raw) {
			t.Errorf("the key leaked into %q", we.Message)
		}
	}
}

func TestSecretFrom(t *testing.T) {
	t.Parallel()
	if k, err := secretFrom("whsec_0123456789abcdefABCDEF0123456789"); err != nil || k.Kind() != WebhookSecret {
		t.Errorf("a whsec_ secret: got %v, %v", k, err)
	}
	for _, raw := range []string{"", "sk_test_0123456789abcdefABCDEF", "whsec_ with space"} {
		if _, err := secretFrom(raw); err == nil {
			t.Errorf("secretFrom(%q) accepted it", raw)
		} else if raw != "" && strings.Contains(err.Error(), raw) {
			t.Errorf("the value leaked into %q", err)
		}
	}
}

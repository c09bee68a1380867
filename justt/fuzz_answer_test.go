package justt

import (
	"bytes"
	"context"
	"errors"
	"io"
	"net/http"
	"net/url"
	"regexp"
	"strings"
	"testing"
	"time"

	"github.com/justt-ai/justt-onboard/internal/safetext"
)

// answering is a transport that gives every request the same answer, with
// no network: the fuzz target's server.
type answering struct {
	status              int
	body                []byte
	location, retryHint string
}

func (a answering) RoundTrip(r *http.Request) (*http.Response, error) {
	if r.Body != nil {
		_, _ = io.Copy(io.Discard, r.Body)
		_ = r.Body.Close()
	}
	h := http.Header{"Content-Type": {"application/json"}}
	if a.location != "" {
		h.Set("Location", a.location)
	}
	if a.retryHint != "" {
		h.Set("Retry-After", a.retryHint)
	}
	return &http.Response{StatusCode: a.status, Header: h, Body: io.NopCloser(bytes.NewReader(a.body)),
		ContentLength: -1, Request: r}, nil
}

const fuzzToken = "jot_5776faf15d1e0c3a9b2d4e6f8a0b1c2d3e4f5a6b"

var shownReceiptID = regexp.MustCompile(`^onb_[A-Za-z0-9_-]{1,100}$`)

// FuzzAnswer: whatever Justt (or whatever stands in its place) answers to
// the token check and to a submission, with whatever status, Location and
// Retry-After, the client never panics, never shows anything unsafe for a
// terminal nor 12 characters of the token, key or secret, never takes a
// redirect, a 4xx or a 5xx for success, and accepts only what the contract
// allows: a named merchant with a plain https webhook URL; a receipt with
// an onb_ id and status received, replayed exactly when the answer was 200.
func FuzzAnswer(f *testing.F) {
	for _, seed := range []struct {
		status int
		body   string
	}{
		{200, `{"merchant_name": "Acme Ltd", "webhook_url": "https://hooks.justt.example/stripe/m_1", "expires_at": "2026-12-31T23:59:59Z"}`},
		{201, `{"id": "onb_1a2b3c", "status": "received", "confirmation_email_sent": true}`},
		{200, `{"id": "onb_1a2b3c", "status": "received", "confirmation_email_sent": false, "merchant_name": "Acme", "webhook_url": "https://h.example/x"}`},
		{401, `{"error": {"message": "The onboarding token has expired.", "code": "token_expired", "field": null}}`},
		{422, `{"error": {"message": "bad key", "code": "invalid", "field": "stripe_api_key"}}`},
		{409, `{"error": {"message": "reused", "code": "idempotency_key_reused"}}`},
		{403, `{"error": {"message": "Blocked \u001b]0;pwned\u0007 for 5776faf15d1e0c3a9b2d4e6f8a0b1c2d3e4f5a6b", "type": "api_error"}}`},
		{403, `<html><h1>403 Forbidden</h1></html>`},
		{503, `{"error": {"message": "Temporarily unavailable.", "code": "unavailable"}}`},
		{429, `{"error": {"message": "slow down", "code": "rate_limited"}}`},
		{302, ``},
		{200, `<html>Sign in to the hotel Wi-Fi</html>`},
		{201, `{"id": "onb_` + rawKey[8:] + `", "status": "received"}`},
		{200, `{"merchant_name": "\u202eAcme", "webhook_url": "https://user:pw@hooks.justt.example/x"}`},
		{200, `{"merchant_name": "Acme", "webhook_url": "https://hooks.jus\u200btt.example/x"}`},
	} {
		f.Add(seed.status, []byte(seed.body), "", "")
	}
	f.Add(302, []byte{}, "http://127.0.0.1:9/v1/onboarding/stripe?token="+fuzzToken, "")
	f.Add(429, []byte(`{}`), "", "1")
	tok, err := ParseToken(fuzzToken)
	if err != nil {
		f.Fatal(err)
	}
	f.Fuzz(func(t *testing.T, status int, body []byte, location, retryHint string) {
		if status < 100 || status > 999 {
			status = 100 + (status%900+900)%900
		}
		c, err := New(Config{BaseURL: "https://api.justt.example", Token: tok, MaxAttempts: 2,
			Timeout: 5 * time.Second, AttemptTimeout: 5 * time.Second,
			Wait:       func(ctx context.Context, _ int, _ time.Duration) error { return ctx.Err() },
			HTTPClient: &http.Client{Transport: answering{status, body, location, retryHint}}})
		if err != nil {
			t.Fatal(err)
		}
		cfg, cerr := c.GetConfig(context.Background())
		sub := ready(t)
		receipt, serr := c.Submit(context.Background(), sub, NewIdempotencyKey())
		for _, text := range []string{errText(cerr), errText(serr), cfg.MerchantName, cfg.WebhookURL, receipt.ID, receipt.Status} {
			if safetext.Has(text) {
				t.Fatalf("unsafe text %q", text)
			}
			for _, secret := range []string{fuzzToken, rawKey, rawSecret} {
				for i := 0; i+12 <= len(secret); i++ {
					if strings.Contains(text, secret[i:i+12]) {
						t.Fatalf("text shows 12 characters of a secret: %q", text)
					}
				}
			}
			if len(text) > 2000 {
				t.Fatalf("text of %d bytes", len(text))
			}
		}
		redirect := status >= 300 && status < 400 && status != http.StatusNotModified
		if cerr == nil {
			u, err := url.Parse(cfg.WebhookURL)
			if status != http.StatusOK || cfg.MerchantName == "" || err != nil || u.Scheme != "https" || u.Host == "" || u.User != nil || hasNonASCIIByte(cfg.WebhookURL) {
				t.Fatalf("accepted config %+v from a %d", cfg, status)
			}
		}
		if serr == nil {
			if (status != http.StatusOK && status != http.StatusCreated) || !shownReceiptID.MatchString(receipt.ID) ||
				receipt.Status != "received" || receipt.Replayed != (status == http.StatusOK) {
				t.Fatalf("accepted receipt %+v from a %d", receipt, status)
			}
		}
		var ae *AnswerError
		if redirect && (!errors.As(cerr, &ae) || !errors.As(serr, &ae)) {
			t.Fatalf("a %d was not refused as a redirect: %v / %v", status, cerr, serr)
		}
		var te *RefusedTokenError
		if status == http.StatusUnauthorized && (!errors.As(cerr, &te) || !errors.As(serr, &te)) {
			t.Fatalf("a 401 was not the token refused: %v / %v", cerr, serr)
		}
	})
}

func errText(err error) string {
	if err == nil {
		return ""
	}
	return err.Error()
}

func hasNonASCIIByte(s string) bool {
	for i := 0; i < len(s); i++ {
		if s[i] >= 0x80 {
			return true
		}
	}
	return false
}

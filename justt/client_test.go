package justt

import (
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"net/http"
	"net/http/httptest"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/justt-ai/justt-onboard/sandbox"
	"github.com/justt-ai/justt-onboard/stripecheck"
)

// waits records the retries a client asked for, without sleeping.
type waits struct {
	mu  sync.Mutex
	got []string
}

func (w *waits) wait(ctx context.Context, n int, retryAfter time.Duration) error {
	w.mu.Lock()
	w.got = append(w.got, fmt.Sprintf("%d/%s", n, retryAfter))
	w.mu.Unlock()
	return ctx.Err()
}

func (w *waits) list() []string {
	w.mu.Lock()
	defer w.mu.Unlock()
	return append([]string(nil), w.got...)
}

type fixture struct {
	rx     *sandbox.Justt
	client *Client
	waits  *waits
	token  string
	url    string
}

// onReceiver serves a fake Justt and returns a client for a fresh token,
// with retries that do not sleep. adjust may change the config.
func onReceiver(t *testing.T, adjust func(*Config)) *fixture {
	t.Helper()
	rx := sandbox.NewJustt()
	srv := httptest.NewServer(rx.Handler())
	t.Cleanup(srv.Close)
	f := &fixture{rx: rx, waits: &waits{}, token: rx.MintToken("Acme Ltd"), url: srv.URL}
	tok, err := ParseToken(f.token)
	if err != nil {
		t.Fatal(err)
	}
	cfg := Config{BaseURL: srv.URL, Token: tok, Client: "justt-onboard/test", Wait: f.waits.wait,
		Timeout: 5 * time.Second, AttemptTimeout: 2 * time.Second}
	if adjust != nil {
		adjust(&cfg)
	}
	f.client, err = New(cfg)
	if err != nil {
		t.Fatal(err)
	}
	return f
}

func key(t testing.TB, raw string) stripecheck.Key {
	t.Helper()
	k, err := stripecheck.ParseKey(raw)
	if err != nil {
		t.Fatal(err)
	}
	return k
}

const (
	rawKey    = "rk_live_51AbCdEfGhIjKlMnOpQrStUvWxYz0123456789AbCdEfGhIjKlMnOpQrStUvWxYz0123456789AbCdEfGhIjKlMnOpQrStUvWx"
	rawSecret = "whsec_Zq9Zq9Zq9Zq9Zq9Zq9Zq9Zq9Zq9Zq9Zq9"
)

func ready(t testing.TB) Submission {
	return Submission{
		APIKey: key(t, rawKey), WebhookSecret: key(t, rawSecret),
		AccountID: "acct_1Acme", WebhookEndpointID: "we_1Acme",
		Check: json.RawMessage(`{"ready": true, "key": {"kind": "restricted", "mode": "live", "redacted": "rk_live_…UvWx"}}`),
	}
}

func TestSubmitIsReceivedOnceAndReplayed(t *testing.T) {
	f := onReceiver(t, nil)
	idem := NewIdempotencyKey()
	first, err := f.client.Submit(context.Background(), ready(t), idem)
	if err != nil {
		t.Fatal(err)
	}
	if !strings.HasPrefix(first.ID, "onb_") || first.Replayed || !first.ConfirmationEmailSent {
		t.Fatalf("first receipt %+v", first)
	}
	again, err := f.client.Submit(context.Background(), ready(t), idem)
	if err != nil {
		t.Fatal(err)
	}
	if again.ID != first.ID || !again.Replayed {
		t.Fatalf("replayed receipt %+v, want the same id %s, replayed", again, first.ID)
	}
	subs := f.rx.Submissions()
	if len(subs) != 1 {
		t.Fatalf("the receiver recorded %d onboardings, want 1", len(subs))
	}
	s := subs[0]
	if s.APIKey != rawKey || s.WebhookSecret != rawSecret || !s.Livemode || s.AccountID != "acct_1Acme" ||
		s.WebhookEndpointID != "we_1Acme" || s.Client != "justt-onboard/test" || s.Merchant != "Acme Ltd" || s.IdempotencyKey != idem {
		t.Fatalf("received %+v", s)
	}
}

func TestAPIKeyOnlyModeOmitsTheSecret(t *testing.T) {
	var body map[string]any
	srv := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		json.NewDecoder(r.Body).Decode(&body)
		for h, want := range map[string]string{"Content-Type": "application/json", "Accept": "application/json", "User-Agent": "justt-onboard/test"} {
			if got := r.Header.Get(h); got != want {
				t.Errorf("%s: %q, want %q", h, got, want)
			}
		}
		w.WriteHeader(201)
		w.Write([]byte(`{"id": "onb_1", "status": "received", "confirmation_email_sent": false}`))
	}))
	defer srv.Close()
	tok, _ := ParseToken("tok_12345678")
	c, err := New(Config{BaseURL: srv.URL + "/", Token: tok, Client: "justt-onboard/test"})
	if err != nil {
		t.Fatal(err)
	}
	s := ready(t)
	s.WebhookSecret, s.WebhookEndpointID, s.AccountID = stripecheck.Key{}, "", ""
	if _, err := c.Submit(context.Background(), s, NewIdempotencyKey()); err != nil {
		t.Fatal(err)
	}
	if _, ok := body["stripe_webhook_secret"]; ok {
		t.Error("stripe_webhook_secret was sent in API-key-only mode")
	}
	if v, ok := body["stripe_account_id"]; !ok || v != nil {
		t.Errorf("stripe_account_id = %v (present %v), want null", v, ok)
	}
	if v, ok := body["webhook_endpoint_id"]; !ok || v != nil {
		t.Errorf("webhook_endpoint_id = %v (present %v), want null", v, ok)
	}
}

func TestRetriesUnderOneIdempotencyKey(t *testing.T) {
	for name, fault := range map[string]sandbox.JusttFaultKind{
		"503 then success":     sandbox.JusttUnavailable,
		"429 then success":     sandbox.JusttRateLimited,
		"timeout then success": sandbox.JusttHang,
	} {
		t.Run(name, func(t *testing.T) {
			f := onReceiver(t, func(c *Config) { c.AttemptTimeout = 200 * time.Millisecond })
			f.rx.SetFault(sandbox.JusttFault{Kind: fault, Times: 2})
			idem := NewIdempotencyKey()
			r, err := f.client.Submit(context.Background(), ready(t), idem)
			if err != nil {
				t.Fatal(err)
			}
			if r.Replayed {
				t.Errorf("receipt %+v says replayed; the failed attempts recorded nothing", r)
			}
			reqs := f.rx.Requests()
			if len(reqs) != 3 {
				t.Fatalf("%d requests, want 3", len(reqs))
			}
			for _, q := range reqs {
				if q.IdempotencyKey != idem {
					t.Fatalf("an attempt carried Idempotency-Key %q, want %q", q.IdempotencyKey, idem)
				}
			}
			if n := len(f.rx.Submissions()); n != 1 {
				t.Fatalf("%d onboardings recorded, want 1", n)
			}
			w := f.waits.list()
			if len(w) != 2 || !strings.HasPrefix(w[0], "1/") || !strings.HasPrefix(w[1], "2/") {
				t.Fatalf("waits %v, want two (retry 1 and 2)", w)
			}
			if fault == sandbox.JusttRateLimited && w[0] != "1/1s" {
				t.Fatalf("wait %q ignores Retry-After: 1", w[0])
			}
		})
	}
}

func TestDroppedAfterReceiptIsReplayedNotDuplicated(t *testing.T) {
	f := onReceiver(t, nil)
	f.rx.SetFault(sandbox.JusttFault{Kind: sandbox.JusttReset, Times: 1})
	r, err := f.client.Submit(context.Background(), ready(t), NewIdempotencyKey())
	if err != nil {
		t.Fatal(err)
	}
	subs := f.rx.Submissions()
	if len(subs) != 1 || !r.Replayed || r.ID != subs[0].ID {
		t.Fatalf("receipt %+v, %d recorded; want the first attempt's onboarding, replayed", r, len(subs))
	}
}

func TestGivesUpWithNothingLost(t *testing.T) {
	f := onReceiver(t, nil)
	f.rx.SetFault(sandbox.JusttFault{Kind: sandbox.JusttUnavailable})
	_, err := f.client.Submit(context.Background(), ready(t), NewIdempotencyKey())
	var ue *UnreachableError
	if !errors.As(err, &ue) {
		t.Fatalf("error %v (%T), want *UnreachableError", err, err)
	}
	if ue.Attempts != DefaultMaxAttempts || len(f.rx.Requests()) != DefaultMaxAttempts {
		t.Fatalf("%d attempts, %d requests; want %d", ue.Attempts, len(f.rx.Requests()), DefaultMaxAttempts)
	}
	for _, want := range []string{"could not be reached", "503", "Nothing was lost", "justt-onboard submit"} {
		if !strings.Contains(err.Error(), want) {
			t.Errorf("error %q does not say %q", err, want)
		}
	}
}

func TestTimeoutIsUnreachable(t *testing.T) {
	f := onReceiver(t, func(c *Config) { c.AttemptTimeout, c.MaxAttempts = 100*time.Millisecond, 2 })
	f.rx.SetFault(sandbox.JusttFault{Kind: sandbox.JusttHang})
	_, err := f.client.Submit(context.Background(), ready(t), NewIdempotencyKey())
	var ue *UnreachableError
	if !errors.As(err, &ue) || !errors.Is(err, context.DeadlineExceeded) {
		t.Fatalf("error %v (%T), want *UnreachableError wrapping the deadline", err, err)
	}
	if !strings.Contains(err.Error(), "no answer within 100ms") || ue.Attempts != 2 {
		t.Fatalf("error %q after %d attempts", err, ue.Attempts)
	}
	if n := len(f.rx.Submissions()); n != 0 {
		t.Fatalf("%d recorded", n)
	}
}

func TestRefusalsAreTypedAndNotRetried(t *testing.T) {
	t.Run("401 expired token", func(t *testing.T) {
		f := onReceiver(t, nil)
		f.rx.ExpireToken(f.token)
		_, err := f.client.Submit(context.Background(), ready(t), NewIdempotencyKey())
		var te *RefusedTokenError
		if !errors.As(err, &te) || !strings.Contains(err.Error(), "onboarding token") || !strings.Contains(err.Error(), "expired") {
			t.Fatalf("Submit error %v (%T)", err, err)
		}
		_, err = f.client.GetConfig(context.Background())
		if !errors.As(err, &te) {
			t.Fatalf("GetConfig error %v (%T)", err, err)
		}
		if n := len(f.rx.Requests()); n != 2 {
			t.Fatalf("%d requests, want 2 (no retries)", n)
		}
	})
	t.Run("422", func(t *testing.T) {
		f := onReceiver(t, nil)
		f.rx.SetFault(sandbox.JusttFault{Kind: sandbox.JusttReject})
		_, err := f.client.Submit(context.Background(), ready(t), NewIdempotencyKey())
		var re *RejectedError
		if !errors.As(err, &re) || re.Status != 422 || re.Field != "stripe_webhook_secret" {
			t.Fatalf("error %v (%T)", err, err)
		}
		if !strings.Contains(err.Error(), "field stripe_webhook_secret") || len(f.rx.Requests()) != 1 {
			t.Fatalf("error %q after %d requests", err, len(f.rx.Requests()))
		}
	})
	t.Run("409 key reused for another submission", func(t *testing.T) {
		f := onReceiver(t, nil)
		idem := NewIdempotencyKey()
		if _, err := f.client.Submit(context.Background(), ready(t), idem); err != nil {
			t.Fatal(err)
		}
		other := ready(t)
		other.WebhookEndpointID = "we_2Other"
		_, err := f.client.Submit(context.Background(), other, idem)
		var re *RejectedError
		if !errors.As(err, &re) || re.Status != 409 || re.Code != "idempotency_key_reused" {
			t.Fatalf("error %v (%T)", err, err)
		}
	})
}

func TestUnusableAnswers(t *testing.T) {
	for name, fault := range map[string]sandbox.JusttFaultKind{
		"body far too large":            sandbox.JusttHugeBody,
		"too large after decompression": sandbox.JusttGzipBomb,
		"redirect":                      sandbox.JusttRedirect,
	} {
		t.Run(name, func(t *testing.T) {
			f := onReceiver(t, nil)
			f.rx.SetFault(sandbox.JusttFault{Kind: fault})
			_, err := f.client.Submit(context.Background(), ready(t), NewIdempotencyKey())
			var ae *AnswerError
			if !errors.As(err, &ae) {
				t.Fatalf("error %v (%T), want *AnswerError", err, err)
			}
			want := "larger than 64 KiB"
			if fault == sandbox.JusttRedirect {
				want = "never follows"
			}
			if !strings.Contains(err.Error(), want) || len(f.rx.Requests()) != 1 {
				t.Fatalf("error %q after %d requests", err, len(f.rx.Requests()))
			}
			_, err = f.client.GetConfig(context.Background())
			if !errors.As(err, &ae) {
				t.Fatalf("GetConfig error %v (%T), want *AnswerError", err, err)
			}
		})
	}
}

func TestGetConfig(t *testing.T) {
	f := onReceiver(t, nil)
	cfg, err := f.client.GetConfig(context.Background())
	if err != nil {
		t.Fatal(err)
	}
	if cfg.MerchantName != "Acme Ltd" || cfg.WebhookURL != sandbox.JusttDemoWebhookURL || cfg.ExpiresAt.Before(time.Now()) {
		t.Fatalf("config %+v", cfg)
	}
}

// TestNothingIsSentForASubmissionThatCannotBeSent: a submission the
// client refuses to encode (a check that is not ready, no key, a secret of
// another kind, an Idempotency-Key of the wrong shape, a body over
// MaxBody) reaches no one and is an *UnsendableError, which callers tell
// apart from an outage: sending it again unchanged cannot help.
func TestNothingIsSentForASubmissionThatCannotBeSent(t *testing.T) {
	for _, tc := range []struct {
		name, idem, says string
		change           func(*Submission)
	}{
		{"check not ready", "", "not ready", func(s *Submission) { s.Check = json.RawMessage(`{"ready": false}`) }},
		{"no key", "", "no Stripe key", func(s *Submission) { s.APIKey = stripecheck.Key{} }},
		{"secret of another kind", "", "not a whsec_", func(s *Submission) { s.WebhookSecret = s.APIKey }},
		{"bad Idempotency-Key", "no spaces allowed", "Idempotency-Key", func(*Submission) {}},
		{"over 64 KiB", "", "over 64 KiB", func(s *Submission) {
			s.Check = json.RawMessage(`{"ready": true, "pad": "` + strings.Repeat("x", MaxBody) + `"}`)
		}},
	} {
		t.Run(tc.name, func(t *testing.T) {
			f := onReceiver(t, nil)
			s := ready(t)
			tc.change(&s)
			idem := tc.idem
			if idem == "" {
				idem = NewIdempotencyKey()
			}
			_, err := f.client.Submit(context.Background(), s, idem)
			var ue *UnsendableError
			if !errors.As(err, &ue) || !strings.Contains(err.Error(), tc.says) || !strings.Contains(err.Error(), " sent") {
				t.Fatalf("error %v (%T), want an *UnsendableError saying %q and that nothing was sent", err, err, tc.says)
			}
			if n := len(f.rx.Requests()); n != 0 {
				t.Fatalf("%d requests reached Justt", n)
			}
		})
	}
}

// TestServerTextIsMadeSafe: Justt's words reach the terminal only without
// escape sequences, the token or a secret, and bounded.
func TestServerTextIsMadeSafe(t *testing.T) {
	tokRaw := "tok_SeCrEt_123456"
	msg := "\x1b]52;c;aGk=\x07\x1b[2J bad token " + tokRaw + " and key " + rawKey + " " + strings.Repeat("x", 500)
	srv := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		b, _ := json.Marshal(map[string]any{"error": map[string]any{"message": msg, "field": "\x1b[31mred", "code": "x"}})
		if r.Method == "POST" {
			w.WriteHeader(422)
		} else {
			w.WriteHeader(401)
		}
		w.Write(b)
	}))
	defer srv.Close()
	tok, _ := ParseToken(tokRaw)
	c, _ := New(Config{BaseURL: srv.URL, Token: tok})
	_, err1 := c.GetConfig(context.Background())
	_, err2 := c.Submit(context.Background(), ready(t), NewIdempotencyKey())
	for _, err := range []error{err1, err2} {
		if err == nil {
			t.Fatal("no error")
		}
		s := err.Error()
		if strings.ContainsAny(s, "\x1b\x07") || strings.Contains(s, tokRaw) || strings.Contains(s, rawKey) || len(s) > 700 {
			t.Errorf("unsafe error text (%d bytes): %q", len(s), s)
		}
	}
	var re *RejectedError
	if errors.As(err2, &re) && re.Field != "" {
		t.Errorf("field %q shown as is", re.Field)
	}
}

// TestNoSecretInAnyError runs every failure and every way of printing what
// the client holds, and searches for the token, the key and the secret.
func TestNoSecretInAnyError(t *testing.T) {
	faults := []sandbox.JusttFaultKind{sandbox.JusttNoFault, sandbox.JusttUnavailable, sandbox.JusttRateLimited,
		sandbox.JusttHang, sandbox.JusttReset, sandbox.JusttHugeBody, sandbox.JusttGzipBomb, sandbox.JusttRedirect, sandbox.JusttReject}
	for _, fault := range faults {
		t.Run(fault.String(), func(t *testing.T) {
			f := onReceiver(t, func(c *Config) { c.AttemptTimeout, c.MaxAttempts = 100*time.Millisecond, 2 })
			f.rx.SetFault(sandbox.JusttFault{Kind: fault})
			s := ready(t)
			r, err := f.client.Submit(context.Background(), s, NewIdempotencyKey())
			_, cerr := f.client.GetConfig(context.Background())
			f.rx.ExpireToken(f.token)
			_, terr := f.client.Submit(context.Background(), s, NewIdempotencyKey())
			text := fmt.Sprintf("%v %+v %#v %v %v %+v %#v %+v %#v", err, s, s, cerr, terr, r, f.client, f.client, f.client.cfg.Token)
			for name, secret := range map[string]string{"token": f.token, "key": rawKey, "secret": rawSecret} {
				if strings.Contains(text, secret) {
					t.Errorf("the %s shows in %q", name, text)
				}
			}
		})
	}
}

func TestBaseURLs(t *testing.T) {
	tok, _ := ParseToken("tok_12345678")
	for raw, ok := range map[string]bool{
		"https://api.justt.example":       true,
		"https://api.justt.example/base/": true,
		"http://127.0.0.1:8080":           true,
		"http://localhost:1":              true,
		"http://[::1]:1":                  true,
		"http://api.justt.example":        false,
		"https://user:pw@api.example":     false,
		"https://api.example/?a=1":        false,
		"https://api.example/#x":          false,
		"ftp://api.example":               false,
		"api.example":                     false,
		"":                                false,
		"http://127.0.0.1.evil.example":   false,
		"http://127.0.0.1:99999":          false,
		"https://api.justt.example:0":     false,
		"https://api.example?":            false,
		"https://user:pw@api.ex%zz":       false,
	} {
		_, err := New(Config{BaseURL: raw, Token: tok})
		if (err == nil) != ok {
			t.Errorf("New(%q) = %v, want ok %v", raw, err, ok)
		}
		if err != nil && strings.Contains(err.Error(), "pw@") {
			t.Errorf("the error for %q echoes the password: %v", raw, err)
		}
	}
	if _, err := New(Config{BaseURL: "https://api.example"}); err == nil {
		t.Error("New without a token succeeded")
	}
	// An impossible port is a configuration error, said as such, not an
	// address to dial and retry as an outage (Stripe's addresses follow the
	// same rule: httpsafe.CheckBaseURL).
	_, err := New(Config{BaseURL: "http://127.0.0.1:99999", Token: tok})
	var ce *ConfigError
	if !errors.As(err, &ce) || !strings.Contains(err.Error(), `the port "99999" is impossible`) || !strings.Contains(err.Error(), EnvAPIURL) {
		t.Errorf("port 99999: %v, want a *ConfigError naming the port and %s", err, EnvAPIURL)
	}
}

func TestParseToken(t *testing.T) {
	for raw, want := range map[string]string{
		"  jot_abcdef123456\n":    "jot_abcdef123456",
		"Bearer jot_abcdef123456": "jot_abcdef123456",
		"":                        "is empty",
		"a1b2c":                   "too short",
		strings.Repeat("a", 513):  "too long",
		"jot_abc def123456":       "space at position 8",
		"jot_abc\x1bdef123456":    "control character",
		"jot_аbcdef123456":        "non-ASCII",
		rawKey:                    "is a Stripe key",
		"Bearer " + rawSecret:     "is a Stripe key",
	} {
		tok, err := ParseToken(raw)
		got := tok.Reveal()
		if err != nil {
			got = err.Error()
			if strings.Contains(got, strings.TrimSpace(raw)) && raw != "" {
				t.Errorf("ParseToken error echoes the input: %q", got)
			}
		}
		if !strings.Contains(got, want) {
			t.Errorf("ParseToken(%q) = %q, want %q", raw, got, want)
		}
	}
}

// TestInterruptedDuringBackoff: ctrl+c while waiting to retry ends the
// call at once as an interruption, not as "unreachable".
func TestInterruptedDuringBackoff(t *testing.T) {
	ctx, cancel := context.WithCancel(context.Background())
	f := onReceiver(t, func(c *Config) {
		c.Wait = func(wctx context.Context, n int, _ time.Duration) error {
			cancel()
			<-wctx.Done()
			return wctx.Err()
		}
	})
	f.rx.SetFault(sandbox.JusttFault{Kind: sandbox.JusttUnavailable})
	_, err := f.client.Submit(ctx, ready(t), NewIdempotencyKey())
	var ue *UnreachableError
	if !errors.Is(err, context.Canceled) || errors.As(err, &ue) {
		t.Fatalf("error %v (%T), want an interruption", err, err)
	}
	if n := len(f.rx.Requests()); n != 1 {
		t.Fatalf("%d requests after the interrupt, want 1", n)
	}
}

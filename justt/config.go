package justt

import (
	"context"
	"fmt"
	"net/http"
	"strings"
	"time"

	"github.com/justt-ai/justt-onboard/internal/httpsafe"
)

// Defaults (docs/justt-api.md, "Retries, deadlines, limits").
const (
	DefaultTimeout        = 30 * time.Second
	DefaultAttemptTimeout = 10 * time.Second
	DefaultMaxAttempts    = 4
	// MaxBody bounds every answer read, counted after decompression, and
	// every request body sent.
	MaxBody = 64 << 10
	// maxRetryAfter caps how long a Retry-After may make the client wait.
	maxRetryAfter = 10 * time.Second
)

// FlagAPIURL and EnvAPIURL carry the base URL.
const (
	FlagAPIURL = "justt-api-url"
	EnvAPIURL  = "JUSTT_API_URL"
)

// Config is how to reach Justt.
type Config struct {
	// BaseURL is the API's base, e.g. https://api.example (no default: it
	// comes from the onboarding manager).
	BaseURL string
	Token   Token
	// Client is sent as User-Agent and as the body's "client":
	// "justt-onboard/<version>".
	Client string
	// Timeout bounds a whole call, retries included; AttemptTimeout one attempt.
	Timeout        time.Duration
	AttemptTimeout time.Duration
	// MaxAttempts is how many times a retryable failure is tried in all.
	MaxAttempts int
	// Wait waits before retry n (1 for the first retry); retryAfter is the
	// server's Retry-After, 0 when none. It returns early with ctx's error.
	// nil waits 0.5 s, 1 s, 2 s… (or retryAfter, capped). Tests inject one
	// that does not sleep.
	Wait func(ctx context.Context, n int, retryAfter time.Duration) error
	// HTTPClient's Transport is used; its redirect policy and timeout are
	// replaced (redirects are never followed; deadlines come from contexts).
	HTTPClient *http.Client
}

// ConfigError says the base URL cannot be used, and why.
type ConfigError struct {
	Value   string // the URL as given, or with the user part cut out
	Problem string
}

func (e *ConfigError) Error() string {
	return fmt.Sprintf("the Justt API address %q (--%s or %s) is not usable: %s", e.Value, FlagAPIURL, EnvAPIURL, e.Problem)
}

// Client talks to one Justt onboarding API with one token. Safe for
// concurrent use.
type Client struct {
	cfg  Config
	base string // without a trailing slash
	hc   *http.Client
}

// New validates cfg (the base URL: https, or http only on loopback; a
// token) and returns a client.
func New(cfg Config) (*Client, error) {
	base, err := validateBaseURL(cfg.BaseURL)
	if err != nil {
		return nil, err
	}
	if cfg.Token.IsZero() {
		return nil, &TokenError{Problem: "was not given"}
	}
	if cfg.Timeout <= 0 {
		cfg.Timeout = DefaultTimeout
	}
	if cfg.AttemptTimeout <= 0 {
		cfg.AttemptTimeout = DefaultAttemptTimeout
	}
	if cfg.MaxAttempts <= 0 {
		cfg.MaxAttempts = DefaultMaxAttempts
	}
	if cfg.Wait == nil {
		cfg.Wait = backoff
	}
	if cfg.Client == "" {
		cfg.Client = "justt-onboard/dev"
	}
	// The shared safe client (internal/httpsafe): a redirect would carry the
	// token to an address nobody configured, so none is followed; every
	// body is bounded at MaxBody after decompression.
	var given *http.Client
	if cfg.HTTPClient != nil && cfg.HTTPClient.Transport != nil {
		given = &http.Client{Transport: cfg.HTTPClient.Transport}
	}
	return &Client{cfg: cfg, base: base, hc: httpsafe.Client(given, MaxBody)}, nil
}

// validateBaseURL applies httpsafe.CheckBaseURL, the rule Stripe's
// addresses follow too (the token travels in a header, so it never crosses
// a network in the clear; an impossible port is refused here, not retried
// as an outage), and drops a trailing slash.
func validateBaseURL(raw string) (string, error) {
	raw = strings.TrimSpace(raw)
	if raw == "" {
		return "", &ConfigError{Value: raw, Problem: "it is empty; set " + EnvAPIURL + " or --" + FlagAPIURL + " to the address your Justt onboarding manager gave you"}
	}
	u, bad := httpsafe.CheckBaseURL(raw, httpsafe.API{Secret: "token", Example: "https://api.justt.example"})
	if bad != nil {
		return "", &ConfigError{Value: bad.Shown, Problem: bad.Problem}
	}
	return strings.TrimRight(u.String(), "/"), nil
}

// backoff waits 0.5 s × 2^(n-1) (0.5 s, 1 s, 2 s…), or the server's
// Retry-After when it asks for longer, capped at maxRetryAfter.
func backoff(ctx context.Context, n int, retryAfter time.Duration) error {
	d := 500 * time.Millisecond << (n - 1)
	if retryAfter > d {
		d = retryAfter
	}
	if d > maxRetryAfter {
		d = maxRetryAfter
	}
	t := time.NewTimer(d)
	defer t.Stop()
	select {
	case <-t.C:
		return nil
	case <-ctx.Done():
		return ctx.Err()
	}
}

// BaseURL is the validated base URL, without a trailing slash: safe to
// show and to keep (it never holds a user name or password).
func (c *Client) BaseURL() string { return c.base }

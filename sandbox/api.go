// Package sandbox is a fake Stripe that the tests, the benchmarks and
// `justt-onboard demo` share. It enforces restricted-key permissions per
// endpoint with the error bodies the real Stripe returns, injects faults and
// latency per key, and logs every request, flagging any that would have
// created or changed an object.
//
// sandbox never reaches the network: it serves in-process (Handler) or on a
// loopback port (Start).
package sandbox

import (
	"context"
	"net/http"
	"time"
)

// Sandbox is one fake Stripe account. Safe for concurrent use.
type Sandbox struct{}

// New returns an empty sandbox account (id AccountID()).
func New() *Sandbox { panic("sandbox.New: not implemented yet") }

// Handler serves both the API (api.stripe.com) and the Uploads
// (files.stripe.com) routes, so one URL can stand for both.
func (s *Sandbox) Handler() http.Handler { panic("not implemented yet") }

// Start serves the sandbox on 127.0.0.1 on a free port until ctx is done.
// It returns the base URL (http://127.0.0.1:PORT).
func (s *Sandbox) Start(ctx context.Context) (baseURL string, err error) {
	panic("not implemented yet")
}

// AccountID is the account every key of this sandbox belongs to.
func (s *Sandbox) AccountID() string { panic("not implemented yet") }

// MintKey creates a test-mode restricted key (rk_test_…, 107 characters)
// holding exactly the given scopes (e.g. "rak_charge_read"; a _write scope
// implies its _read).
func (s *Sandbox) MintKey(scopes ...string) string { panic("not implemented yet") }

// MintLiveKey is MintKey in live mode (rk_live_…).
func (s *Sandbox) MintLiveKey(scopes ...string) string { panic("not implemented yet") }

// MintSecretKey creates an sk_test_ key with every permission.
func (s *Sandbox) MintSecretKey() string { panic("not implemented yet") }

// Expire makes key answer 401 api_key_expired from now on.
func (s *Sandbox) Expire(key string) { panic("not implemented yet") }

// Roll makes key answer 401 "Invalid API Key provided" (rolled or deleted).
func (s *Sandbox) Roll(key string) { panic("not implemented yet") }

// Grant adds scopes to an existing key: the merchant editing the key in place.
func (s *Sandbox) Grant(key string, scopes ...string) { panic("not implemented yet") }

// Revoke removes scopes from an existing key.
func (s *Sandbox) Revoke(key string, scopes ...string) { panic("not implemented yet") }

// SetLatency delays every answer to key by d.
func (s *Sandbox) SetLatency(key string, d time.Duration) { panic("not implemented yet") }

// FaultKind is a way the sandbox can fail a request.
type FaultKind int

const (
	NoFault          FaultKind = iota
	ServerError                // 500 with a Stripe api_error body
	Unavailable                // 503
	RateLimited                // 429, Stripe-Should-Retry: false
	Hang                       // never answers until the client gives up
	Reset                      // closes the connection without an answer
	MalformedJSON              // 200 with a body that is not JSON
	UnexpectedStatus           // 418 with an empty body
)

// Fault makes requests with key fail. PathPrefix limits it to paths that
// start with it ("" = every path). Times limits how many requests fail
// (0 = all).
type Fault struct {
	Kind       FaultKind
	PathPrefix string
	Times      int
}

// SetFault installs a fault for key, replacing any earlier one.
func (s *Sandbox) SetFault(key string, f Fault) { panic("not implemented yet") }

// Request is one logged request. Key is redacted.
type Request struct {
	Method string
	Path   string
	Key    string
	Status int
	// Mutating is true when the sandbox would have created or changed an
	// object (a write that got a 2xx answer).
	Mutating bool
	// IdempotencyKey is the request's Idempotency-Key header, if any.
	IdempotencyKey string
}

// Requests returns the log so far.
func (s *Sandbox) Requests() []Request { panic("not implemented yet") }

// Mutations returns the logged requests that would have changed something.
func (s *Sandbox) Mutations() []Request { panic("not implemented yet") }

// WebhookEndpoint is the sandbox's stored endpoint (Secret kept for tests).
type WebhookEndpoint struct {
	ID            string
	URL           string
	EnabledEvents []string
	APIVersion    string
	Description   string
	Metadata      map[string]string
	Status        string
	Secret        string
}

// WebhookEndpoints returns the account's endpoints in creation order.
func (s *Sandbox) WebhookEndpoints() []WebhookEndpoint { panic("not implemented yet") }

// SetWebhookCap sets how many endpoints the account may hold (default 16).
func (s *Sandbox) SetWebhookCap(n int) { panic("not implemented yet") }

// AddWebhookEndpoint stores an endpoint directly (test setup); returns its id.
func (s *Sandbox) AddWebhookEndpoint(e WebhookEndpoint) string { panic("not implemented yet") }

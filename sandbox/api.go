// Package sandbox is a fake Stripe, and a fake Justt onboarding API (Justt,
// in justt.go), that the tests, the benchmarks and `justt-onboard demo`
// share. The fake Stripe enforces restricted-key permissions per endpoint
// with the error bodies the real Stripe returns, injects faults and latency
// per key, and logs every request, flagging any that would have created or
// changed an object.
//
// sandbox never reaches the network: it serves in-process (Handler) or on a
// loopback port (Start). It never logs a key in full, nor any request body.
package sandbox

import (
	"net/http"
	"sync"
	"time"
)

// DefaultAccountID is the id of every sandbox account. It is fixed so that
// screens and golden files showing the account stay stable between runs.
const DefaultAccountID = "acct_1JusttSandbox001"

// DefaultWebhookCap is how many endpoints a Stripe account may hold per
// mode, as Stripe's docs say.
const DefaultWebhookCap = 16

// Sandbox is one fake Stripe account. Safe for concurrent use.
type Sandbox struct {
	mu         sync.Mutex
	accountID  string
	keys       map[string]*apiKey // by full key value
	webhooks   []*webhookEndpoint // creation order
	webhookCap int
	objects    map[string][]object // created charges, customers, … by list path
	idem       map[idemKey]*storedReply
	log        []Request
	routes     []route
	serving    sync.WaitGroup // servers started by Start, until fully shut down
	// recorded, if set before any request, sees each log entry as it is
	// written (under the lock): tests use it to learn a request is in progress.
	recorded func(Request)
	// logged is closed (and cleared) when a request is logged, for WaitRequests.
	logged chan struct{}
}

// New returns an empty sandbox account (id AccountID()).
func New() *Sandbox {
	s := &Sandbox{
		accountID:  DefaultAccountID,
		keys:       map[string]*apiKey{},
		webhookCap: DefaultWebhookCap,
		objects:    map[string][]object{},
		idem:       map[idemKey]*storedReply{},
	}
	s.routes = s.routeTable()
	return s
}

// Handler serves both the API (api.stripe.com) and the Uploads
// (files.stripe.com) routes, so one URL can stand for both.
func (s *Sandbox) Handler() http.Handler { return http.HandlerFunc(s.serve) }

// AccountID is the account every key of this sandbox belongs to.
func (s *Sandbox) AccountID() string { return s.accountID }

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
	// ForeignForbidden is a proxy's 403: an error object saying "does not
	// have the required permissions", without the account, the key or a
	// permission named, as Stripe's own refusals always do.
	ForeignForbidden
	// IPRestricted is the refusal of a key limited to other IP addresses
	// (an access policy): 403, speaking of the IP address.
	IPRestricted
)

// Fault makes requests with key fail. PathPrefix limits it to paths that
// start with it ("" = every path). Times limits how many requests fail
// (0 = all).
//
// Reset on a write (POST or DELETE) first carries the request out and stores
// its answer for the Idempotency-Key, then drops the connection: the network
// failing after Stripe committed, so a retry must be replayed, not redone.
type Fault struct {
	Kind       FaultKind
	PathPrefix string
	Times      int
}

// Request is one logged request. Key is redacted.
type Request struct {
	Method string
	Path   string
	Key    string
	// Status is the answer's HTTP status, 0 when none was sent (Hang, Reset,
	// or the client gave up during the latency).
	Status int
	// Mutating is true when the sandbox would have created or changed an
	// object (a write that got a 2xx answer, or was committed before a Reset).
	Mutating bool
	// IdempotencyKey is the request's Idempotency-Key header, if any.
	IdempotencyKey string
	// Fault is the injected fault that shaped the answer, NoFault if none.
	Fault FaultKind
	// Replayed is true when the answer was a stored idempotent response.
	Replayed bool
}

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
	// Livemode puts the endpoint in live mode; test-mode keys don't see it.
	Livemode bool
	Created  time.Time
}

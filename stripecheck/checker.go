package stripecheck

import (
	"context"
	"net/http"
	"sync"
	"time"

	stripe "github.com/stripe/stripe-go/v76"

	"github.com/justt-ai/justt-onboard/steps"
)

// Default endpoints of the real Stripe.
const (
	DefaultAPIURL     = "https://api.stripe.com"
	DefaultUploadsURL = "https://files.stripe.com"
	DefaultTimeout    = 20 * time.Second
)

// Config says where Stripe is and how patient to be.
type Config struct {
	APIURL     string // default DefaultAPIURL
	UploadsURL string // default DefaultUploadsURL
	// HTTPClient is used for every request; nil means a client of our own.
	HTTPClient *http.Client
	// MaxNetworkRetries is stripe-go's retry count (0 means the default, 2;
	// negative means no retries).
	MaxNetworkRetries int
	// Timeout is the one deadline for a whole check or webhook command
	// (default DefaultTimeout).
	//
	// It can be overrun by one retry pause: stripe-go v76 waits between
	// retries with time.Sleep, which ignores the context, and offers no
	// hook to skip a retry the deadline leaves no room for. It does check
	// the context before each retry, and a request made after the deadline
	// fails at once, so the overrun is at most one pause: 0.5 s after the
	// first attempt, 1 s after the second (so about 1 s with the default
	// two retries), at most 5 s with many retries.
	Timeout time.Duration
}

// Options tune one check.
type Options struct {
	// RequireLive makes a test-mode key an error (check --live).
	RequireLive bool
	// WebhookSecret, when not zero, is format-checked and reported.
	WebhookSecret Key
	// WebhookSecretGiven is true when a webhook secret was supplied at all,
	// even one that failed to parse.
	WebhookSecretGiven bool
	// Source is where the key came from and WebhookSecretSource where the
	// signing secret did; fixes that ask for either again say how through
	// that channel. Zero: pasted into the wizard.
	Source, WebhookSecretSource KeySource
}

// Checker probes Stripe for one configuration. It is safe for concurrent use.
type Checker struct {
	cfg      Config
	backends *stripe.Backends
}

// Check runs the whole check: refuses wrong kinds of key before any request,
// then probes the nine permissions and runs the diagnostics concurrently
// under one deadline, and assembles the report.
func (c *Checker) Check(ctx context.Context, key Key, opts Options) Report {
	if r, stop := Precheck(key, opts); stop {
		return r
	}
	ctx, cancel := context.WithTimeout(ctx, c.cfg.Timeout)
	defer cancel()
	api := c.client(key)
	var (
		wg      sync.WaitGroup
		results = make([]Result, len(steps.Required))
		d       Diagnosis
	)
	for i, p := range steps.Required {
		wg.Go(func() { results[i] = c.probe(ctx, api, key, p) })
	}
	wg.Go(func() { d = c.diagnose(ctx, api, key) })
	wg.Wait()
	return Assemble(key, results, d, opts)
}

package stripecheck

import (
	"context"
	"net/http"
	"time"

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
	// Timeout is the one deadline for a whole check (default DefaultTimeout).
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
}

// Checker probes Stripe for one configuration. It is safe for concurrent use.
type Checker struct {
	cfg Config
}

// New validates the configuration (https only, plain http only for a
// loopback host) and returns a Checker.
func New(cfg Config) (*Checker, error) {
	panic("stripecheck.New: not implemented yet")
}

// Check runs the whole check: refuses wrong kinds of key before any request,
// then probes the nine permissions and runs the diagnostics concurrently
// under one deadline, and assembles the report.
func (c *Checker) Check(ctx context.Context, key Key, opts Options) Report {
	panic("stripecheck.Check: not implemented yet")
}

// Precheck returns the report for a key that must not be sent to Stripe
// (publishable, webhook secret, unrecognized) and true; or a zero Report and
// false when the key may be probed. No request is made.
func Precheck(key Key, opts Options) (Report, bool) {
	panic("stripecheck.Precheck: not implemented yet")
}

// Probe checks one permission with one side-effect-free request (plus
// stripe-go's retries). The wizard runs one Probe per row as a tea.Cmd so
// each row's spinner stops as its answer arrives.
func (c *Checker) Probe(ctx context.Context, key Key, p steps.Permission) Result {
	panic("stripecheck.Probe: not implemented yet")
}

// Diagnosis is what the checks beyond the nine rows found.
type Diagnosis struct {
	AccountID string
	Problems  []Problem
	Excess    []steps.Permission
}

// Diagnose runs the extra probes concurrently: the account the key belongs
// to, the Issuing Disputes look-alike, excess write access, and 401 variants.
func (c *Checker) Diagnose(ctx context.Context, key Key) Diagnosis {
	panic("stripecheck.Diagnose: not implemented yet")
}

// Assemble builds the report from the nine results and the diagnosis. It is
// pure: the wizard calls it after its own per-row probes finish.
func Assemble(key Key, results []Result, d Diagnosis, opts Options) Report {
	panic("stripecheck.Assemble: not implemented yet")
}

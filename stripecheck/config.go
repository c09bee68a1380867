package stripecheck

import (
	"fmt"
	"net/http"
	"strconv"

	"github.com/justt-ai/justt-onboard/internal/httpsafe"
	"github.com/justt-ai/justt-onboard/internal/safetext"
	stripe "github.com/stripe/stripe-go/v76"
	"github.com/stripe/stripe-go/v76/client"
)

// ConfigError says which endpoint setting is wrong and why. Flag is the
// command-line flag that carries the setting.
type ConfigError struct {
	Flag    string
	Value   string // the URL as given; URLs here never hold a secret (user-info is refused)
	Problem string
}

func (e *ConfigError) Error() string {
	return fmt.Sprintf("--%s %s: %s", e.Flag, safetext.Line(strconv.Quote(e.Value)), e.Problem)
}

// Flag names of the endpoint settings, as cmd declares them.
const (
	flagAPIURL     = "stripe-api-url"
	flagUploadsURL = "stripe-uploads-url"
)

// validateEndpoint applies httpsafe.CheckBaseURL, the rule Justt's address
// follows too: https, plain http only for a loopback host (the key travels
// in the Authorization header, so it must never cross a network in the
// clear; plain http stays possible for the local sandbox and stripe-mock),
// a possible port, no user-info, query or fragment.
func validateEndpoint(flag, raw string) error {
	if _, bad := httpsafe.CheckBaseURL(raw, httpsafe.API{Secret: "key", Example: "https://api.stripe.com"}); bad != nil {
		return &ConfigError{Flag: flag, Value: bad.Shown, Problem: bad.Problem}
	}
	return nil
}

// portProblem and isLoopback are httpsafe's, for the webhook URL's check.
func portProblem(port string) string { return httpsafe.PortProblem(port) }
func isLoopback(host string) bool    { return httpsafe.IsLoopback(host) }

// New validates the configuration (https only, plain http only for a
// loopback host) and returns a Checker.
func New(cfg Config) (*Checker, error) {
	if cfg.APIURL == "" {
		cfg.APIURL = DefaultAPIURL
	}
	if cfg.UploadsURL == "" {
		cfg.UploadsURL = DefaultUploadsURL
	}
	if cfg.Timeout <= 0 {
		cfg.Timeout = DefaultTimeout
	}
	if err := validateEndpoint(flagAPIURL, cfg.APIURL); err != nil {
		return nil, fmt.Errorf("the Stripe API address is not usable: %w", err)
	}
	if err := validateEndpoint(flagUploadsURL, cfg.UploadsURL); err != nil {
		return nil, fmt.Errorf("the Stripe Uploads address is not usable: %w", err)
	}
	hc := recordingClient(cfg.HTTPClient)
	retries := int64(stripe.DefaultMaxNetworkRetries)
	switch {
	case cfg.MaxNetworkRetries < 0:
		retries = 0
	case cfg.MaxNetworkRetries > 0:
		retries = int64(cfg.MaxNetworkRetries)
	}
	return &Checker{cfg: cfg, backends: newBackends(cfg, hc, retries)}, nil
}

// newBackends gives API and Uploads each their own BackendConfig: stripe-go
// would point Uploads at the API host if they shared one (see
// stripe.NewBackendsWithConfig), and Files: Write is probed on Uploads.
func newBackends(cfg Config, hc *http.Client, retries int64) *stripe.Backends {
	conf := func(u string) *stripe.BackendConfig {
		bc := &stripe.BackendConfig{
			HTTPClient:        hc,
			LeveledLogger:     &stripe.LeveledLogger{Level: stripe.LevelNull}, // stripe-go logs would print request details
			MaxNetworkRetries: stripe.Int64(retries),
			EnableTelemetry:   stripe.Bool(false),
		}
		if u != "" {
			bc.URL = stripe.String(u)
		}
		return bc
	}
	return &stripe.Backends{
		API: stripe.GetBackendWithConfig(stripe.APIBackend, conf(cfg.APIURL)),
		// Connect (OAuth) is never called; it keeps stripe-go's own address.
		Connect: stripe.GetBackendWithConfig(stripe.ConnectBackend, conf("")),
		Uploads: stripe.GetBackendWithConfig(stripe.UploadsBackend, conf(cfg.UploadsURL)),
	}
}

// client returns a Stripe client for key alone: never stripe.Key, so two
// checks (or a check and a webhook registration) never share a key by
// accident. The backends, and so the connections, are shared.
func (c *Checker) client(key Key) *client.API {
	return client.New(key.Reveal(), c.backends)
}

package stripecheck

import (
	"fmt"
	"net"
	"net/http"
	"net/url"
	"strconv"
	"strings"

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

// validateEndpoint accepts https, and plain http only for a loopback host:
// the key travels in the Authorization header, so it must never cross a
// network in the clear. Plain http stays possible for the local sandbox and
// stripe-mock.
func validateEndpoint(flag, raw string) error {
	bad := func(problem string) error { return &ConfigError{Flag: flag, Value: raw, Problem: problem} }
	u, err := url.Parse(raw)
	if err != nil {
		return bad("not a URL (" + err.Error() + "); give a base URL such as https://api.stripe.com")
	}
	if u.User != nil {
		// Do not echo what may be a credential.
		return &ConfigError{Flag: flag, Value: u.Scheme + "://…@" + u.Host, Problem: "the URL holds a user name or password; Stripe takes the key in a header, remove the part before @"}
	}
	if u.Scheme == "" {
		return bad("the scheme is missing; start the URL with https://")
	}
	if u.Host == "" || u.Hostname() == "" {
		return bad("the URL has no host; give a base URL such as https://api.stripe.com")
	}
	if u.RawQuery != "" || u.Fragment != "" {
		return bad("a base URL takes no ?query or #fragment; remove them")
	}
	if problem := portProblem(u.Port()); problem != "" {
		return bad(problem)
	}
	switch strings.ToLower(u.Scheme) {
	case "https":
		return nil
	case "http":
		if isLoopback(u.Hostname()) {
			return nil
		}
		return bad("plain http would send the key unencrypted; use https (plain http is allowed only for localhost, 127.0.0.0/8 and ::1)")
	}
	return bad("the scheme must be https (or http for a loopback host), not " + fmt.Sprintf("%q", u.Scheme))
}

// portProblem says what is wrong with a URL's port ("" when none is given
// or it is fine): url.Parse takes any digits, so 0 and 99999 get here.
func portProblem(port string) string {
	if port == "" {
		return ""
	}
	n, err := strconv.Atoi(port)
	if err != nil || n < 1 || n > 65535 {
		return "the port " + strconv.Quote(port) + " is impossible: a port is a number from 1 to 65535"
	}
	return ""
}

// isLoopback is true for "localhost", 127.0.0.0/8 and ::1; no DNS lookup,
// so a name that merely resolves to loopback does not count.
func isLoopback(host string) bool {
	if strings.EqualFold(host, "localhost") {
		return true
	}
	ip := net.ParseIP(host)
	return ip != nil && ip.IsLoopback()
}

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

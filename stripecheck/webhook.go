package stripecheck

import "context"

// WebhookEndpoint is what Stripe holds for one endpoint (never its secret).
type WebhookEndpoint struct {
	ID            string   `json:"endpoint_id"`
	URL           string   `json:"url"`
	EnabledEvents []string `json:"enabled_events"`
	APIVersion    string   `json:"api_version"`
	Status        string   `json:"status"` // enabled | disabled
}

// RegisterOptions for RegisterWebhook.
type RegisterOptions struct {
	URL string
	// Replace creates a new endpoint when one for the URL exists, then
	// disables the old one.
	Replace bool
}

// RegisterResult is what registration did. Secret is set only when an
// endpoint was created; it is a Key, so printing it shows only its last 4.
type RegisterResult struct {
	Endpoint WebhookEndpoint
	Created  bool
	// Existing is the endpoint already registered for the URL (no duplicate
	// was made unless Replace), or nil.
	Existing *WebhookEndpoint
	// Replaced is the old endpoint disabled by Replace, or nil.
	Replaced *WebhookEndpoint
	Secret   Key
}

// WebhookError is a refusal with the merchant's way forward. ExitCode is
// ExitNotReady for refusals (permission, cap, duplicate, bad URL) and
// ExitUndecided for network failures.
type WebhookError struct {
	Code     string
	Message  string
	Fix      string
	ExitCode int
	Endpoint *WebhookEndpoint // the duplicate, when Code is "duplicate"
}

func (e *WebhookError) Error() string { return e.Message }

// ValidateWebhookURL accepts https URLs (plain http only for a loopback
// host) without a user-info part.
func ValidateWebhookURL(raw string) error {
	panic("stripecheck.ValidateWebhookURL: not implemented yet")
}

// RegisterWebhook lists every endpoint, refuses to duplicate one for the same
// URL (unless Replace), and creates the charge.succeeded endpoint pinned to
// API version 2020-08-27 with the setup key.
func (c *Checker) RegisterWebhook(ctx context.Context, setupKey Key, opts RegisterOptions) (RegisterResult, error) {
	panic("stripecheck.RegisterWebhook: not implemented yet")
}

// VerifyResult says how an endpoint differs from what Justt needs.
type VerifyResult struct {
	Endpoint *WebhookEndpoint // nil when no endpoint has the URL
	Problems []Problem        // empty when it is right
}

// OK is true when the endpoint exists and matches.
func (v VerifyResult) OK() bool { return v.Endpoint != nil && len(v.Problems) == 0 }

// VerifyWebhook finds the endpoint for url and compares it with steps 15-16.
func (c *Checker) VerifyWebhook(ctx context.Context, setupKey Key, url string) (VerifyResult, error) {
	panic("stripecheck.VerifyWebhook: not implemented yet")
}

package stripecheck

import (
	"context"
	"fmt"
	"strings"
)

// WebhookEndpoint is what Stripe holds for one endpoint (never its secret).
type WebhookEndpoint struct {
	ID            string   `json:"endpoint_id"`
	URL           string   `json:"url"`
	EnabledEvents []string `json:"enabled_events"`
	APIVersion    string   `json:"api_version"`
	Status        string   `json:"status"` // enabled | disabled
}

// Enabled is true when Stripe delivers events to the endpoint.
func (e WebhookEndpoint) Enabled() bool { return e.Status == "enabled" }

// RegisterOptions for RegisterWebhook.
type RegisterOptions struct {
	URL string
	// Replace creates a new endpoint when an enabled one for the URL
	// exists, then disables the old one(s). Disabled endpoints are never
	// touched, Replace or not.
	Replace bool
	// KeepSecret, when set, is handed the new endpoint's signing secret
	// right after Stripe creates the endpoint and before any old endpoint
	// is disabled. If it fails, the new endpoint is deleted again: Stripe
	// shows a secret only once, so an endpoint whose secret was lost is
	// worse than none.
	KeepSecret func(secret Key) error
	// Version is this tool's version, recorded in the endpoint's metadata.
	Version string
}

// RegisterResult is what registration did. Secret is set only when an
// endpoint was created; it is a Key, so printing it shows only its last 4.
type RegisterResult struct {
	Endpoint WebhookEndpoint
	Created  bool
	// Existing is the enabled endpoint already registered for the URL (no
	// duplicate was made unless Replace), or nil.
	Existing *WebhookEndpoint
	// Replaced is the old endpoint disabled by Replace, or nil.
	Replaced *WebhookEndpoint
	// Disabled is every old endpoint Replace disabled (Stripe allows several
	// for one URL; Replaced is the first of them).
	Disabled []WebhookEndpoint
	// AlreadyDisabled are endpoints for the URL that were disabled before
	// this run. They neither block a new endpoint nor are touched; Notes
	// says so in words.
	AlreadyDisabled []WebhookEndpoint
	// Notes are warnings worth printing with a successful result (code
	// CodeDisabledEndpointsLeft), or nil.
	Notes  []Problem
	Secret Key
}

// WebhookError is a refusal with the merchant's way forward. ExitCode is
// ExitNotReady for refusals (permission, cap, duplicate, bad URL, another
// refusal by Stripe) and ExitUndecided for network failures, Stripe
// outages and answers that are not Stripe's (CodeNetwork).
type WebhookError struct {
	Code     string
	Message  string
	Fix      string
	ExitCode int
	// Endpoint is the endpoint the error is about: the duplicate when Code
	// is CodeDuplicate, the old endpoint left enabled for
	// CodeReplaceIncomplete, the stray endpoint for CodeSecretNotKept.
	Endpoint *WebhookEndpoint
	// Err is the underlying cause (a *stripe.Error, a network error, the
	// KeepSecret error), for errors.As; it never holds a secret.
	Err error
}

func (e *WebhookError) Error() string { return e.Message }

// Unwrap gives errors.As access to the cause.
func (e *WebhookError) Unwrap() error { return e.Err }

// Codes of a WebhookError.
const (
	CodeSetupKeyMissing    = "setup_key_missing"
	CodeSetupKeyKind       = "setup_key_kind"
	CodeSetupKeyPermission = "setup_key_permission"
	CodeSetupKeyRejected   = "setup_key_rejected"
	CodeBadURL             = "bad_url"
	CodeDuplicate          = "duplicate"
	CodeEndpointCap        = "endpoint_cap"
	CodeStripeRefused      = "stripe_refused"
	CodeNetwork            = "network"
	CodeSecretNotKept      = "secret_not_kept"
	CodeReplaceIncomplete  = "replace_incomplete"
)

// CodeDisabledEndpointsLeft is the Problem code of RegisterResult.Notes:
// disabled endpoints for the URL were found and left as they are.
const CodeDisabledEndpointsLeft = "webhook_disabled_endpoints_left"

// RegisterWebhook lists every endpoint, refuses to duplicate an enabled one
// for the same URL (unless Replace), and creates the charge.succeeded
// endpoint pinned to API version 2020-08-27 with the setup key. Disabled
// endpoints for the URL receive nothing, so they block nothing: they are
// left as they are and named in the result's Notes.
//
// With Replace, the new endpoint is created (and its secret kept) first and
// only then are the old enabled ones disabled; if disabling fails, the
// result is returned in full together with a CodeReplaceIncomplete error.
// The URL is parsed once, here (surrounding white space trimmed, a
// non-ASCII host turned into punycode with a warning in Notes): what is
// checked, compared and sent to Stripe is the same string. Every error is a
// *WebhookError.
func (c *Checker) RegisterWebhook(ctx context.Context, setupKey Key, opts RegisterOptions) (RegisterResult, error) {
	parsed, err := ParseWebhookURL(opts.URL)
	if err != nil {
		return RegisterResult{}, err
	}
	opts.URL = parsed.URL // a non-ASCII host in punycode, as Stripe will call it
	if err := CheckSetupKey(setupKey); err != nil {
		return RegisterResult{}, err
	}
	ctx, cancel := c.webhookDeadline(ctx)
	defer cancel()
	api := c.webhookEndpoints(setupKey)

	listCtx, _ := withAttempts(ctx)
	all, err := listEndpoints(listCtx, api)
	if err != nil {
		return RegisterResult{}, stripeFailure(listCtx, err, "list the account's webhook endpoints", setupKey)
	}
	enabled, disabled := splitByStatus(endpointsFor(all, opts.URL))
	if len(enabled) > 0 && !opts.Replace {
		existing := enabled[0]
		return RegisterResult{Existing: &existing, AlreadyDisabled: disabled}, duplicateError(existing, len(enabled))
	}

	res, err := c.createAndKeep(ctx, api, setupKey, opts)
	if err != nil {
		return RegisterResult{}, err
	}
	res.Notes = append(res.Notes, parsed.Warnings...)
	res.AlreadyDisabled = disabled
	if len(disabled) > 0 {
		res.Notes = append(res.Notes, disabledLeftNote(disabled))
	}
	if len(enabled) > 0 {
		res.Existing = &enabled[0]
		return res, disableOld(ctx, api, setupKey, &res, enabled)
	}
	return res, nil
}

// splitByStatus separates enabled endpoints from the others, keeping order.
func splitByStatus(es []WebhookEndpoint) (enabled, disabled []WebhookEndpoint) {
	for _, e := range es {
		if e.Enabled() {
			enabled = append(enabled, e)
		} else {
			disabled = append(disabled, e)
		}
	}
	return enabled, disabled
}

// disabledLeftNote tells the merchant that old, disabled endpoints for the
// URL exist: harmless, but confusing next to the new one in the dashboard.
func disabledLeftNote(disabled []WebhookEndpoint) Problem {
	ids := make([]string, len(disabled))
	for i, e := range disabled {
		ids[i] = e.ID
	}
	return Problem{Severity: SeverityWarning, Code: CodeDisabledEndpointsLeft,
		Message: fmt.Sprintf("This URL also has %d disabled endpoint(s) (%s); Stripe sends them no events, so they were left as they are.",
			len(disabled), strings.Join(ids, ", ")),
		Fix: "Nothing is needed. To tidy up, delete them in Developers → Webhooks; keep the new endpoint."}
}

// createAndKeep creates the endpoint, reads its secret and hands it to
// KeepSecret; on any failure after creation it deletes the endpoint again.
func (c *Checker) createAndKeep(ctx context.Context, api endpointAPI, setupKey Key, opts RegisterOptions) (RegisterResult, error) {
	createCtx, _ := withAttempts(ctx)
	created, err := createEndpoint(createCtx, api, opts.URL, newIdempotencyKey(), opts.Version)
	if err != nil {
		return RegisterResult{}, createFailure(stripeFailure(createCtx, err, "create the webhook endpoint", setupKey))
	}
	if created == nil || created.ID == "" {
		// Without an id the endpoint can be neither named nor deleted again:
		// say so, and keep no secret for an endpoint nobody can find.
		return RegisterResult{}, createUnconfirmed()
	}
	endpoint := endpointFrom(created)
	secret, err := secretFrom(created.Secret)
	if err == nil && opts.KeepSecret != nil {
		if keepErr := opts.KeepSecret(secret); keepErr != nil {
			err = fmt.Errorf("the signing secret could not be kept: %w", keepErr)
		}
	}
	if err != nil {
		return RegisterResult{}, undoCreate(ctx, api, setupKey, endpoint, err)
	}
	return RegisterResult{Endpoint: endpoint, Created: true, Secret: secret}, nil
}

// disableOld disables every enabled endpoint in same (the ones Replace
// supersedes). The first failure stops it and says exactly what is left.
func disableOld(ctx context.Context, api endpointAPI, setupKey Key, res *RegisterResult, same []WebhookEndpoint) error {
	for _, old := range same {
		if !old.Enabled() {
			continue
		}
		callCtx, _ := withAttempts(ctx)
		updated, err := disableEndpoint(callCtx, api, old.ID)
		if err != nil {
			return replaceIncomplete(res.Endpoint, old, stripeFailure(callCtx, err, "disable the old endpoint", setupKey))
		}
		res.Disabled = append(res.Disabled, endpointFrom(updated))
	}
	if len(res.Disabled) > 0 {
		res.Replaced = &res.Disabled[0]
	}
	return nil
}

// secretFrom reads the signing secret from Stripe's create answer.
func secretFrom(raw string) (Key, error) {
	if raw == "" {
		return Key{}, fmt.Errorf("Stripe's answer carried no signing secret")
	}
	secret, err := ParseKey(raw)
	if err != nil {
		return Key{}, fmt.Errorf("Stripe's signing secret could not be read: %w", err)
	}
	if secret.Kind() != WebhookSecret {
		return Key{}, fmt.Errorf("Stripe's answer carried %s where a signing secret (whsec_…) was expected", secret.Kind().Describe())
	}
	return secret, nil
}

// CheckSetupKey refuses, before any request, a key that cannot manage
// webhook endpoints by its kind: a publishable key, a signing secret or a
// string that is not a Stripe key. Secret and restricted keys pass; whether
// a restricted key has Webhook Endpoints: Write only Stripe can say.
func CheckSetupKey(k Key) error {
	if k.IsZero() {
		return &WebhookError{Code: CodeSetupKeyMissing, ExitCode: ExitUsage,
			Message: "No setup key was given.",
			Fix:     setupKeyHowTo}
	}
	switch k.Kind() {
	case Secret, Restricted:
		return nil
	case Publishable:
		return setupKeyKind("The setup key is a publishable key (pk_…); it cannot manage webhook endpoints and is never sent for this.")
	case WebhookSecret:
		return setupKeyKind("The setup key is a webhook signing secret (whsec_…), not an API key.")
	case Organization:
		return setupKeyKind("The setup key is an organization key (sk_org_…): it would need the account named on every request. Use the secret key of the account itself.")
	}
	return setupKeyKind("The setup key is not a Stripe API key (it should start with sk_ or rk_).")
}

const setupKeyHowTo = "Registering the webhook needs a setup key: the account's secret key (sk_…) " +
	"or a restricted key with Webhook Endpoints: Write. Set STRIPE_SETUP_KEY or pipe it in with --setup-key-stdin. " +
	"It is used only for this and never stored, shown or sent to Justt."

func setupKeyKind(message string) *WebhookError {
	return &WebhookError{Code: CodeSetupKeyKind, ExitCode: ExitNotReady, Message: message, Fix: setupKeyHowTo}
}

package stripecheck

import (
	"context"
	"crypto/rand"
	"fmt"
	"time"

	"github.com/justt-ai/justt-onboard/internal/safetext"
	"github.com/justt-ai/justt-onboard/steps"
	"github.com/stripe/stripe-go/v76"
	"github.com/stripe/stripe-go/v76/webhookendpoint"
)

// endpointAPI is stripe-go's /v1/webhook_endpoints client bound to the setup key.
type endpointAPI = *webhookendpoint.Client

// maxListedEndpoints bounds the listing so a server that always answers
// has_more cannot keep us paging forever; Stripe caps an account far below it.
const maxListedEndpoints = 10000

// cleanupTimeout is how long undoing a half-done registration may take, even
// after the caller's context ended (an interrupted run must still clean up).
const cleanupTimeout = 10 * time.Second

// webhookEndpoints is the endpoints client for the setup key, on the
// Checker's shared backends.
func (c *Checker) webhookEndpoints(setupKey Key) endpointAPI {
	return c.client(setupKey).WebhookEndpoints
}

// webhookDeadline applies the Checker's one deadline to a webhook command.
func (c *Checker) webhookDeadline(ctx context.Context) (context.Context, context.CancelFunc) {
	timeout := c.cfg.Timeout
	if timeout <= 0 {
		timeout = DefaultTimeout
	}
	return context.WithTimeout(ctx, timeout)
}

// listEndpoints reads every page of the account's endpoints (stripe-go's
// iterator follows has_more with starting_after).
func listEndpoints(ctx context.Context, api endpointAPI) ([]WebhookEndpoint, error) {
	params := &stripe.WebhookEndpointListParams{}
	params.Context = ctx
	params.Limit = stripe.Int64(100)
	it := api.List(params)
	var all []WebhookEndpoint
	for it.Next() {
		if len(all) >= maxListedEndpoints {
			return nil, fmt.Errorf("Stripe listed more than %d webhook endpoints; the listing looks broken", maxListedEndpoints)
		}
		all = append(all, endpointFrom(it.WebhookEndpoint()))
	}
	return all, it.Err()
}

// createEndpoint sends the one create request. The idempotency key is ours,
// not stripe-go's per-attempt default, so that stripe-go's retries of this
// call replay Stripe's first answer instead of creating a second endpoint.
func createEndpoint(ctx context.Context, api endpointAPI, url, idempotencyKey, version string) (*stripe.WebhookEndpoint, error) {
	params := &stripe.WebhookEndpointParams{
		URL:           stripe.String(url),
		EnabledEvents: []*string{stripe.String(steps.WebhookEvent)},
		APIVersion:    stripe.String(steps.WebhookAPIVersion),
		Description:   stripe.String(steps.KeyName),
	}
	params.Context = ctx
	params.IdempotencyKey = stripe.String(idempotencyKey)
	params.AddMetadata("created_by", "justt-onboard")
	if version != "" {
		params.AddMetadata("justt_onboard_version", version)
	}
	return api.New(params)
}

// disableEndpoint stops deliveries to an old endpoint; it stays in the
// dashboard, so the merchant can re-enable it if needed.
func disableEndpoint(ctx context.Context, api endpointAPI, id string) (*stripe.WebhookEndpoint, error) {
	params := &stripe.WebhookEndpointParams{Disabled: stripe.Bool(true)}
	params.Context = ctx
	return api.Update(id, params)
}

// deleteEndpoint removes an endpoint this run created and could not finish.
func deleteEndpoint(ctx context.Context, api endpointAPI, id string) error {
	params := &stripe.WebhookEndpointParams{}
	params.Context = ctx
	_, err := api.Del(id, params)
	return err
}

// newIdempotencyKey is fresh for every RegisterWebhook call.
func newIdempotencyKey() string {
	return "justt-onboard-webhook-" + rand.Text()
}

// endpointFrom copies what Stripe answered, each field made safe for a
// terminal and for --json: it is printed and drawn as it is.
func endpointFrom(e *stripe.WebhookEndpoint) WebhookEndpoint {
	events := make([]string, len(e.EnabledEvents))
	for i, ev := range e.EnabledEvents {
		events[i] = safetext.Line(ev)
	}
	return WebhookEndpoint{ID: safetext.Line(e.ID), URL: safetext.Line(e.URL), EnabledEvents: events,
		APIVersion: safetext.Line(e.APIVersion), Status: safetext.Line(e.Status)}
}

// endpointsFor returns the endpoints whose URL is the same destination as
// url, enabled ones first (Stripe lists newest first; that order is kept).
func endpointsFor(all []WebhookEndpoint, url string) []WebhookEndpoint {
	want := normalizeWebhookURL(url)
	var enabled, disabled []WebhookEndpoint
	for _, e := range all {
		if normalizeWebhookURL(e.URL) != want {
			continue
		}
		if e.Enabled() {
			enabled = append(enabled, e)
		} else {
			disabled = append(disabled, e)
		}
	}
	return append(enabled, disabled...)
}

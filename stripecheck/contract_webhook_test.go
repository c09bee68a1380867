package stripecheck

import (
	"context"
	"testing"

	"github.com/justt-ai/justt-onboard/internal/stripemock"
)

// The webhook requests, checked by Stripe's own mock against the OpenAPI
// spec: stripe-mock refuses an unknown or ill-typed parameter, so an
// accepted request is one the real API can read. It models no secrets or
// permissions; those are tested on the sandbox.
func TestContractWebhookRequestsMatchStripesSpec(t *testing.T) {
	url := stripemock.Start(t)
	c, err := New(Config{APIURL: url, UploadsURL: url, MaxNetworkRetries: -1})
	if err != nil {
		t.Fatal(err)
	}
	key, err := ParseKey(stripemock.Key)
	if err != nil {
		t.Fatal(err)
	}
	api := c.webhookEndpoints(key)
	ctx := context.Background()

	if _, err := listEndpoints(ctx, api); err != nil {
		t.Errorf("list: %v", err)
	}
	created, err := createEndpoint(ctx, api, "https://hooks.justt.ai/stripe/m_123", newIdempotencyKey(), "1.2.3")
	if err != nil {
		t.Fatalf("create: %v", err)
	}
	if created.ID == "" {
		t.Error("create: no endpoint id in the answer")
	}
	if _, err := disableEndpoint(ctx, api, created.ID); err != nil {
		t.Errorf("disable: %v", err)
	}
	if err := deleteEndpoint(ctx, api, created.ID); err != nil {
		t.Errorf("delete: %v", err)
	}
}

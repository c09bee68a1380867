package stripecheck_test

import (
	"context"
	"reflect"
	"strings"
	"testing"

	"github.com/justt-ai/justt-onboard/sandbox"
	"github.com/justt-ai/justt-onboard/stripecheck"
)

// VerifyWebhook through Stripe's wire format: one difference at a time.
func TestVerifyWebhookOnTheSandbox(t *testing.T) {
	t.Parallel()
	tests := []struct {
		name   string
		change func(*sandbox.WebhookEndpoint) // nil: no endpoint for the URL
		want   []string
	}{
		{"as Justt needs", func(*sandbox.WebhookEndpoint) {}, nil},
		{"missing", nil, []string{stripecheck.CodeWebhookMissing}},
		{"disabled", func(e *sandbox.WebhookEndpoint) { e.Status = "disabled" }, []string{stripecheck.CodeWebhookDisabled}},
		{"every event", func(e *sandbox.WebhookEndpoint) { e.EnabledEvents = []string{"*"} }, []string{stripecheck.CodeWebhookEvents}},
		{"one more event", func(e *sandbox.WebhookEndpoint) { e.EnabledEvents = append(e.EnabledEvents, "charge.refunded") },
			[]string{stripecheck.CodeWebhookEvents}},
		{"newer API version", func(e *sandbox.WebhookEndpoint) { e.APIVersion = "2024-06-20" }, []string{stripecheck.CodeWebhookAPIVersion}},
		{"account default API version (null)", func(e *sandbox.WebhookEndpoint) { e.APIVersion = "" }, []string{stripecheck.CodeWebhookAPIVersion}},
		{"URL with a trailing slash", func(e *sandbox.WebhookEndpoint) { e.URL += "/" }, []string{stripecheck.CodeWebhookURLSpelled}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			t.Parallel()
			a := newAccount(t, 0)
			a.useSetupKey(t, a.sb.MintKey("rak_webhook_read")) // verify only reads
			a.addEndpoint("https://erp.example.com/hooks", nil)
			id := ""
			if tt.change != nil {
				id = a.addEndpoint(hookURL, tt.change)
			}
			res, err := a.checker.VerifyWebhook(context.Background(), a.setup, hookURL)
			if err != nil {
				t.Fatalf("VerifyWebhook: %v", err)
			}
			var got []string
			for _, p := range res.Problems {
				got = append(got, p.Code)
			}
			if !reflect.DeepEqual(got, tt.want) {
				t.Errorf("problems %v, want %v", got, tt.want)
			}
			if (id == "") != (res.Endpoint == nil) || (res.Endpoint != nil && res.Endpoint.ID != id) {
				t.Errorf("endpoint %+v, want %q", res.Endpoint, id)
			}
			wantOK := len(tt.want) == 0 || tt.want[0] == stripecheck.CodeWebhookURLSpelled
			if res.OK() != wantOK {
				t.Errorf("OK() = %v, want %v", res.OK(), wantOK)
			}
			if len(a.sb.Mutations()) != 0 {
				t.Error("verify changed something")
			}
		})
	}
}

func TestVerifyWebhookWithoutReadPermission(t *testing.T) {
	t.Parallel()
	a := newAccount(t, 0)
	a.useSetupKey(t, a.sb.MintKey("rak_charge_read"))
	_, err := a.checker.VerifyWebhook(context.Background(), a.setup, hookURL)
	we := a.webhookError(t, err, stripecheck.CodeSetupKeyPermission, stripecheck.ExitNotReady)
	if !strings.Contains(we.Message, "Webhook Endpoints: Read") {
		t.Errorf("message %q should name the Read permission verify needs", we.Message)
	}
}

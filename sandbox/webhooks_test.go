package sandbox

import (
	"fmt"
	"net/http"
	"net/url"
	"strings"
	"testing"

	"github.com/stripe/stripe-go/v76"
)

func newEndpointParams(u string) *stripe.WebhookEndpointParams {
	return &stripe.WebhookEndpointParams{
		URL:           stripe.String(u),
		EnabledEvents: stripe.StringSlice([]string{"charge.dispute.created", "charge.dispute.updated"}),
		APIVersion:    stripe.String("2020-08-27"),
		Description:   stripe.String("Justt"),
		Params:        stripe.Params{Metadata: map[string]string{"by": "justt-onboard"}},
	}
}

func TestWebhookSecretIsShownOnlyAtCreation(t *testing.T) {
	t.Parallel()
	s, u := newServer(t)
	sc := stripeClient(u, s.MintKey("rak_webhook_write"), 0)
	created, err := sc.WebhookEndpoints.New(newEndpointParams("https://hooks.justt.example/stripe"))
	if err != nil {
		t.Fatal(err)
	}
	if !strings.HasPrefix(created.Secret, "whsec_") || created.Status != "enabled" || created.APIVersion != "2020-08-27" ||
		created.Description != "Justt" || created.Metadata["by"] != "justt-onboard" || created.Object != "webhook_endpoint" ||
		strings.Join(created.EnabledEvents, ",") != "charge.dispute.created,charge.dispute.updated" {
		t.Fatalf("created endpoint %+v", created)
	}
	stored := s.WebhookEndpoints()
	if len(stored) != 1 || stored[0].Secret != created.Secret || stored[0].ID != created.ID {
		t.Fatalf("stored %+v", stored)
	}
	got, err := sc.WebhookEndpoints.Get(created.ID, nil)
	if err != nil || got.Secret != "" || got.URL != created.URL {
		t.Errorf("retrieve: secret %q url %q err %v, want no secret", got.Secret, got.URL, err)
	}
	raw := do(t, u, "GET", "/v1/webhook_endpoints", s.MintKey("rak_webhook_read"), nil).raw
	if strings.Contains(raw, "whsec_") || strings.Contains(raw, `"secret"`) {
		t.Errorf("the list shows the secret: %s", raw)
	}
	if raw := do(t, u, "GET", "/v1/webhook_endpoints/"+created.ID, s.MintKey("rak_webhook_read"), nil).raw; strings.Contains(raw, "whsec_") {
		t.Errorf("retrieve shows the secret: %s", raw)
	}
}

func TestWebhookCreateNeedsURLAndEvents(t *testing.T) {
	t.Parallel()
	s, u := newServer(t)
	key := s.MintKey("rak_webhook_write")
	tests := []struct {
		name   string
		form   url.Values
		code   string
		param  string
		status int
	}{
		{"nothing", url.Values{}, "parameter_missing", "url", 400},
		{"no events", url.Values{"url": {"https://a.example"}}, "parameter_missing", "enabled_events", 400},
		{"no url", url.Values{"enabled_events[]": {"*"}}, "parameter_missing", "url", 400},
		{"bad url", url.Values{"url": {"not a url"}, "enabled_events[]": {"*"}}, "url_invalid", "url", 400},
		{"unknown param", url.Values{"url": {"https://a.example"}, "enabled_events[]": {"*"}, "payload": {"thin"}}, "parameter_unknown", "payload", 400},
		{"curl style", url.Values{"url": {"https://a.example"}, "enabled_events[]": {"charge.dispute.created"}}, "", "", 200},
	}
	for _, tc := range tests {
		a := do(t, u, "POST", "/v1/webhook_endpoints", key, tc.form)
		if a.status != tc.status || a.errorField("code") != tc.code || a.errorField("param") != tc.param {
			t.Errorf("%s: %d %q %q (%s), want %d %q %q", tc.name, a.status, a.errorField("code"), a.errorField("param"),
				a.errorField("message"), tc.status, tc.code, tc.param)
		}
	}
	if n := len(s.WebhookEndpoints()); n != 1 {
		t.Errorf("%d endpoints stored, want only the valid one", n)
	}
}

func TestWebhookCap(t *testing.T) {
	t.Parallel()
	s, u := newServer(t)
	sc := stripeClient(u, s.MintSecretKey(), 0)
	for i := range DefaultWebhookCap {
		if _, err := sc.WebhookEndpoints.New(newEndpointParams(fmt.Sprintf("https://h.example/%d", i))); err != nil {
			t.Fatalf("endpoint %d: %v", i, err)
		}
	}
	_, err := sc.WebhookEndpoints.New(newEndpointParams("https://h.example/one-too-many"))
	se := stripeErr(t, err)
	if se.HTTPStatusCode != 400 || se.Type != stripe.ErrorTypeInvalidRequest || se.Msg != "You have reached the maximum of 16 test webhook endpoints." {
		t.Errorf("over the cap: %d %s %q", se.HTTPStatusCode, se.Type, se.Msg)
	}
	// Live endpoints are counted apart from test ones.
	if _, err := stripeClient(u, s.MintLiveKey("rak_webhook_write"), 0).WebhookEndpoints.New(newEndpointParams("https://h.example/live")); err != nil {
		t.Errorf("a live endpoint was refused by the test cap: %v", err)
	}
	s.SetWebhookCap(3)
	_, err = sc.WebhookEndpoints.New(newEndpointParams("https://h.example/x"))
	if se := stripeErr(t, err); !strings.Contains(se.Msg, "maximum of 3 test webhook endpoints") {
		t.Errorf("lowered cap message %q", se.Msg)
	}
}

// Past 100 endpoints (cap raised) the list pages with has_more and
// starting_after, newest first, and stripe-go's iterator sees every one once.
func TestWebhookListPaginates(t *testing.T) {
	t.Parallel()
	s, u := newServer(t)
	s.SetWebhookCap(1000)
	const total = 250
	for i := range total {
		s.AddWebhookEndpoint(WebhookEndpoint{URL: fmt.Sprintf("https://h.example/%d", i), EnabledEvents: []string{"*"}})
	}
	created := s.WebhookEndpoints()
	sc := stripeClient(u, s.MintKey("rak_webhook_read"), 0)
	it := sc.WebhookEndpoints.List(&stripe.WebhookEndpointListParams{ListParams: stripe.ListParams{Limit: stripe.Int64(100)}})
	var seen []string
	for it.Next() {
		seen = append(seen, it.WebhookEndpoint().ID)
	}
	if err := it.Err(); err != nil {
		t.Fatal(err)
	}
	if len(seen) != total {
		t.Fatalf("iterated %d endpoints, want %d", len(seen), total)
	}
	for i, id := range seen {
		if want := created[total-1-i].ID; id != want {
			t.Fatalf("item %d is %s, want %s (newest first)", i, id, want)
		}
	}
	var pages int
	for _, r := range s.Requests() {
		if r.Path == "/v1/webhook_endpoints" {
			pages++
		}
	}
	if pages != 3 {
		t.Errorf("%d pages requested, want 3 of at most 100", pages)
	}
	key := s.MintKey("rak_webhook_read")
	first := do(t, u, "GET", "/v1/webhook_endpoints?limit=100", key, nil)
	if data := first.body["data"].([]any); len(data) != 100 || first.body["has_more"] != true {
		t.Errorf("first page: %d items has_more %v, want 100 and true", len(data), first.body["has_more"])
	}
	last := do(t, u, "GET", "/v1/webhook_endpoints?limit=100&starting_after="+created[49].ID, key, nil)
	if data := last.body["data"].([]any); len(data) != 49 || last.body["has_more"] != false {
		t.Errorf("last page: %d items has_more %v, want 49 and false", len(data), last.body["has_more"])
	}
	before := do(t, u, "GET", "/v1/webhook_endpoints?limit=2&ending_before="+created[10].ID, key, nil)
	data := before.body["data"].([]any)
	if len(data) != 2 || data[0].(map[string]any)["id"] != created[12].ID || before.body["has_more"] != true {
		t.Errorf("ending_before page: %s", before.raw)
	}
	if a := do(t, u, "GET", "/v1/webhook_endpoints?starting_after=we_gone", key, nil); a.status != 404 || a.errorField("param") != "starting_after" {
		t.Errorf("unknown cursor: %d %q", a.status, a.errorField("param"))
	}
}

func TestWebhookUpdateAndDelete(t *testing.T) {
	t.Parallel()
	s, u := newServer(t)
	sc := stripeClient(u, s.MintKey("rak_webhook_write"), 0)
	id := s.AddWebhookEndpoint(WebhookEndpoint{URL: "https://h.example/a", EnabledEvents: []string{"*"}})
	got, err := sc.WebhookEndpoints.Update(id, &stripe.WebhookEndpointParams{Disabled: stripe.Bool(true),
		EnabledEvents: stripe.StringSlice([]string{"charge.dispute.created"})})
	if err != nil || got.Status != "disabled" || got.Secret != "" || len(got.EnabledEvents) != 1 {
		t.Fatalf("update: %+v %v", got, err)
	}
	if s.WebhookEndpoints()[0].Status != "disabled" {
		t.Error("the stored endpoint was not disabled")
	}
	gone, err := sc.WebhookEndpoints.Del(id, nil)
	if err != nil || !gone.Deleted || gone.ID != id {
		t.Fatalf("delete: %+v %v", gone, err)
	}
	if len(s.WebhookEndpoints()) != 0 {
		t.Error("the endpoint is still stored after delete")
	}
	_, err = sc.WebhookEndpoints.Get(id, nil)
	if se := stripeErr(t, err); se.HTTPStatusCode != http.StatusNotFound || se.Code != stripe.ErrorCodeResourceMissing {
		t.Errorf("get after delete: %d %s", se.HTTPStatusCode, se.Code)
	}
	if n := len(s.Mutations()); n != 2 {
		t.Errorf("%d mutations, want 2 (update, delete)", n)
	}
}

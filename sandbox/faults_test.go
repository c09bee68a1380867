package sandbox

import (
	"context"
	"errors"
	"net/http"
	"net/http/httptest"
	"strings"
	"testing"
	"time"

	"github.com/stripe/stripe-go/v76"
)

// freshClient opens a new connection per request, so a dropped connection
// is seen as it is rather than hidden by a transparent retry.
func freshClient() *http.Client {
	return &http.Client{Transport: &http.Transport{DisableKeepAlives: true}}
}

func TestFaultsAsAPlainClientSeesThem(t *testing.T) {
	t.Parallel()
	tests := []struct {
		kind   FaultKind
		status int    // 0: no answer at all
		raw    string // exact body, when checked
		check  func(answer) bool
	}{
		{ServerError, 500, "", func(a answer) bool { return a.errorField("type") == "api_error" }},
		{Unavailable, 503, "", func(a answer) bool { return a.errorField("type") == "api_error" }},
		{RateLimited, 429, "", func(a answer) bool {
			return a.header.Get("Stripe-Should-Retry") == "false" && a.errorField("code") == "rate_limit"
		}},
		{MalformedJSON, 200, "{not json", nil},
		{UnexpectedStatus, 418, "", func(a answer) bool { return a.raw == "" }},
		{Reset, 0, "", nil},
		{ForeignForbidden, 403, "", func(a answer) bool {
			m := a.errorField("message")
			return strings.Contains(m, "does not have the required permissions") && !strings.Contains(m, "acct_") && !strings.Contains(m, "rak_")
		}},
		{IPRestricted, 403, "", func(a answer) bool { return strings.Contains(a.errorField("message"), "IP address") }},
	}
	for _, tc := range tests {
		t.Run(tc.kind.String(), func(t *testing.T) {
			t.Parallel()
			s, u := newServer(t)
			key := s.MintKey("rak_charge_read")
			s.SetFault(key, Fault{Kind: tc.kind})
			req := mustRequest(t, "GET", u+"/v1/charges", key)
			if tc.status == 0 {
				if resp, err := freshClient().Do(req); err == nil {
					resp.Body.Close()
					t.Fatalf("got an answer (%d), want the connection dropped", resp.StatusCode)
				}
			} else if a := send(t, freshClient(), req); a.status != tc.status || (tc.raw != "" && a.raw != tc.raw) || (tc.check != nil && !tc.check(a)) {
				t.Errorf("got %d %q %v, want %d", a.status, a.raw, a.header, tc.status)
			}
			log := s.Requests()
			if len(log) == 0 || log[0].Fault != tc.kind || log[0].Status != tc.status {
				t.Errorf("log %+v, want the fault and status %d recorded", log, tc.status)
			}
		})
	}
}

func mustRequest(t testing.TB, method, url, key string) *http.Request {
	t.Helper()
	req, err := http.NewRequest(method, url, nil)
	if err != nil {
		t.Fatal(err)
	}
	req.Header.Set("Authorization", "Bearer "+key)
	return req
}

func TestFaultTimesAndPathPrefix(t *testing.T) {
	t.Parallel()
	s, u := newServer(t)
	key := s.MintKey("rak_charge_read", "rak_customer_read")
	s.SetFault(key, Fault{Kind: ServerError, PathPrefix: "/v1/charges", Times: 2})
	want := []struct {
		path   string
		status int
	}{{"/v1/customers", 200}, {"/v1/charges", 500}, {"/v1/charges", 500}, {"/v1/charges", 200}}
	for i, w := range want {
		if a := do(t, u, "GET", w.path, key, nil); a.status != w.status {
			t.Errorf("request %d GET %s: %d, want %d", i, w.path, a.status, w.status)
		}
	}
	other := s.MintKey("rak_charge_read")
	s.SetFault(key, Fault{Kind: Unavailable})
	if a := do(t, u, "GET", "/v1/charges", other, nil); a.status != 200 {
		t.Errorf("another key's request failed too: %d", a.status)
	}
	s.SetFault(key, Fault{}) // cleared
	if a := do(t, u, "GET", "/v1/charges", key, nil); a.status != 200 {
		t.Errorf("after clearing the fault: %d", a.status)
	}
}

// The network fails after Stripe stored the endpoint: stripe-go retries
// with the same Idempotency-Key and must get the first answer back, secret
// included, with no second endpoint.
func TestResetAfterCommitReplaysOnRetry(t *testing.T) {
	t.Parallel()
	s, u := newServer(t)
	key := s.MintKey("rak_webhook_write")
	s.SetFault(key, Fault{Kind: Reset, PathPrefix: "/v1/webhook_endpoints", Times: 1})
	created, err := stripeClient(u, key, 2).WebhookEndpoints.New(newEndpointParams("https://h.example/justt"))
	if err != nil {
		t.Fatalf("create with one reset and 2 retries: %v", err)
	}
	stored := s.WebhookEndpoints()
	if len(stored) != 1 || stored[0].ID != created.ID || stored[0].Secret != created.Secret {
		t.Fatalf("stored %+v, want exactly the endpoint returned (%s)", stored, created.ID)
	}
	log := s.Requests()
	if len(log) != 2 {
		t.Fatalf("log %+v, want the reset POST and its retry", log)
	}
	first, retry := log[0], log[1]
	if first.Fault != Reset || !first.Mutating || first.Status != 0 || first.IdempotencyKey == "" {
		t.Errorf("first POST logged %+v, want a committed write whose answer was lost", first)
	}
	if !retry.Replayed || retry.Mutating || retry.Status != 200 || retry.IdempotencyKey != first.IdempotencyKey {
		t.Errorf("retry logged %+v, want a replay of the first answer", retry)
	}
	if n := len(s.Mutations()); n != 1 {
		t.Errorf("%d mutations, want 1", n)
	}
}

func TestIdempotencyKeyReuseWithOtherParamsIsRefused(t *testing.T) {
	t.Parallel()
	s, u := newServer(t)
	sc := stripeClient(u, s.MintKey("rak_webhook_write"), 0)
	p := newEndpointParams("https://h.example/a")
	p.SetIdempotencyKey("same-key")
	if _, err := sc.WebhookEndpoints.New(p); err != nil {
		t.Fatal(err)
	}
	q := newEndpointParams("https://h.example/b")
	q.SetIdempotencyKey("same-key")
	_, err := sc.WebhookEndpoints.New(q)
	if se := stripeErr(t, err); se.HTTPStatusCode != 400 || se.Code != stripe.ErrorCode("idempotency_key_in_use") {
		t.Errorf("reuse with other params: %d %s", se.HTTPStatusCode, se.Code)
	}
	// A failed request stores nothing, so fixing it under the same key works.
	bad := &stripe.WebhookEndpointParams{URL: stripe.String("https://h.example/c")}
	bad.SetIdempotencyKey("fix-me")
	if _, err := sc.WebhookEndpoints.New(bad); err == nil {
		t.Fatal("a create without events succeeded")
	}
	good := newEndpointParams("https://h.example/c")
	good.SetIdempotencyKey("fix-me")
	if _, err := sc.WebhookEndpoints.New(good); err != nil {
		t.Errorf("the corrected request under the same key: %v", err)
	}
	if n := len(s.WebhookEndpoints()); n != 2 {
		t.Errorf("%d endpoints, want 2", n)
	}
}

// Hang answers nothing until the client gives up, then frees the handler:
// the server's Close, which waits for every handler, returns.
func TestHangEndsWhenTheClientGivesUp(t *testing.T) {
	t.Parallel()
	s := New()
	srv := httptest.NewServer(s.Handler())
	key := s.MintKey("rak_charge_read")
	s.SetFault(key, Fault{Kind: Hang})
	ctx, cancel := context.WithTimeout(context.Background(), 50*time.Millisecond)
	defer cancel()
	req := mustRequest(t, "GET", srv.URL+"/v1/charges", key).WithContext(ctx)
	resp, err := freshClient().Do(req)
	if err == nil {
		resp.Body.Close()
		t.Fatalf("a hanging request got an answer: %d", resp.StatusCode)
	}
	if !errors.Is(err, context.DeadlineExceeded) {
		t.Fatalf("the request failed with %v, want the client's own deadline (no answer, no drop)", err)
	}
	closed := make(chan struct{})
	go func() { srv.Close(); close(closed) }()
	select {
	case <-closed:
	case <-time.After(5 * time.Second):
		t.Fatal("the hanging handler outlived its client: the server could not close")
	}
	if log := s.Requests(); len(log) != 1 || log[0].Fault != Hang || log[0].Status != 0 {
		t.Errorf("log %+v, want the hang recorded with no status", log)
	}
}

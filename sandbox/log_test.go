package sandbox

import (
	"context"
	"fmt"
	"net/url"
	"strings"
	"sync"
	"testing"
)

// Whatever happens to a request, the log keeps only the key's prefix and
// last 4 characters, and no body: not the webhook secret, not the params.
func TestRequestLogNeverHoldsAKey(t *testing.T) {
	t.Parallel()
	s, u := newServer(t)
	restricted, live, secret := s.MintKey("rak_charge_read"), s.MintLiveKey(), s.MintSecretKey()
	expired := s.MintKey()
	s.Expire(expired)
	s.SetFault(live, Fault{Kind: ServerError, Times: 1})
	keys := []string{restricted, live, secret, expired, "rk_test_notakeyatallbutlongenough1234"}
	for _, key := range keys {
		do(t, u, "GET", "/v1/charges", key, nil)
		do(t, u, "POST", "/v1/disputes/dp_x", key, nil)
	}
	created, err := stripeClient(u, secret, 0).WebhookEndpoints.New(newEndpointParams("https://h.example/log"))
	if err != nil {
		t.Fatal(err)
	}
	dump := fmt.Sprintf("%+v %#v", s.Requests(), s.Mutations())
	for _, key := range keys {
		if strings.Contains(dump, key[8:len(key)-4]) {
			t.Errorf("the log holds the body of key %s", redactKey(key))
		}
	}
	for _, leak := range []string{created.Secret, "whsec_", "https://h.example/log", "charge.dispute.created"} {
		if strings.Contains(dump, leak) {
			t.Errorf("the log holds a request or answer body (%q)", leak)
		}
	}
	for _, r := range s.Requests() {
		prefix := keyPrefix(r.Key)
		if !strings.HasPrefix(r.Key, prefix+"…") || len(r.Key) > len(prefix)+len("…")+4 {
			t.Errorf("logged key %q, want prefix…last4", r.Key)
		}
	}
	if got, want := s.Requests()[0].Key, "rk_test_…"+restricted[len(restricted)-4:]; got != want {
		t.Errorf("logged key %q, want %q", got, want)
	}
}

// Concurrent creates race for the last places under the cap: exactly the
// cap is stored, every other create is refused, and the log is complete.
func TestConcurrentCreatesRespectTheCap(t *testing.T) {
	t.Parallel()
	s, u := newServer(t)
	key := s.MintSecretKey()
	const writers = 40
	var wg sync.WaitGroup
	for i := range writers {
		wg.Go(func() {
			do(t, u, "POST", "/v1/webhook_endpoints", key, url.Values{
				"url": {fmt.Sprintf("https://h.example/%d", i)}, "enabled_events[]": {"*"}})
		})
	}
	wg.Wait()
	if n := len(s.WebhookEndpoints()); n != DefaultWebhookCap {
		t.Errorf("%d endpoints stored, want the cap %d", n, DefaultWebhookCap)
	}
	if n, m := len(s.Requests()), len(s.Mutations()); n != writers || m != DefaultWebhookCap {
		t.Errorf("log holds %d requests and %d mutations, want %d and %d", n, m, writers, DefaultWebhookCap)
	}
}

func TestWaitRequests(t *testing.T) {
	t.Parallel()
	s, u := newServer(t)
	key := s.MintKey("rak_charge_read")
	done := make(chan error, 1)
	go func() { done <- s.WaitRequests(context.Background(), 2) }()
	do(t, u, "GET", "/v1/charges", key, nil)
	select {
	case err := <-done:
		t.Fatalf("returned after one request (%v)", err)
	default:
	}
	do(t, u, "GET", "/v1/charges", key, nil)
	if err := <-done; err != nil {
		t.Fatalf("WaitRequests: %v", err)
	}
	ctx, cancel := context.WithCancel(context.Background())
	cancel()
	if err := s.WaitRequests(ctx, 3); err == nil {
		t.Errorf("a cancelled wait returned nil")
	}
}

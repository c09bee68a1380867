package stripecheck

import (
	"context"
	"net/http"
	"sync"

	"github.com/justt-ai/justt-onboard/internal/httpsafe"
)

// attempts records the HTTP status of every attempt of one call (stripe-go
// retries inside a call). stripe-go drops the status when an answer is not
// JSON (a 418 with an empty body, a 200 that is not JSON), and the check
// must still say what Stripe answered rather than guess.
type attempts struct {
	mu       sync.Mutex
	statuses []int // 0 for an attempt that got no answer
}

type attemptsKey struct{}

// withAttempts returns a context that records the attempts made with it.
func withAttempts(ctx context.Context) (context.Context, *attempts) {
	a := &attempts{}
	return context.WithValue(ctx, attemptsKey{}, a), a
}

func (a *attempts) record(status int) {
	a.mu.Lock()
	a.statuses = append(a.statuses, status)
	a.mu.Unlock()
}

// last is the status of the last attempt, 0 when it got no answer.
func (a *attempts) last() int {
	a.mu.Lock()
	defer a.mu.Unlock()
	if len(a.statuses) == 0 {
		return 0
	}
	return a.statuses[len(a.statuses)-1]
}

// count is the number of attempts made.
func (a *attempts) count() int {
	a.mu.Lock()
	defer a.mu.Unlock()
	return len(a.statuses)
}

// recorder notes each attempt's status in the attempts of its request's
// context, if any, and changes nothing else.
type recorder struct{ next http.RoundTripper }

func (r recorder) RoundTrip(req *http.Request) (*http.Response, error) {
	resp, err := r.next.RoundTrip(req)
	if a, ok := req.Context().Value(attemptsKey{}).(*attempts); ok {
		status := 0
		if err == nil && resp != nil {
			status = resp.StatusCode
		}
		a.record(status)
	}
	return resp, err
}

// recordingClient wraps base (or a client of our own) so every attempt is
// recorded, no redirect is followed and no body is read past
// httpsafe.DefaultMaxBody (the key must never follow a redirect, and a
// hostile answer must not cost more than that in memory). The caller's
// client is copied, never modified.
func recordingClient(base *http.Client) *http.Client {
	var hc http.Client
	if base != nil {
		hc = *base
	}
	var next http.RoundTripper = httpsafe.NewTransport()
	if hc.Transport != nil {
		next = hc.Transport
	}
	// The recorder sits under the bound, so a refused redirect's status is
	// still recorded.
	hc.Transport = recorder{next: next}
	return httpsafe.Client(&hc, httpsafe.DefaultMaxBody)
}

package stripecheck

import (
	"context"
	"net/http"
	"sync"
	"time"
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
// recorded. The caller's client is copied, never modified.
func recordingClient(base *http.Client) *http.Client {
	if base == nil {
		return &http.Client{Transport: recorder{next: ownTransport()}}
	}
	hc := *base
	next := hc.Transport
	if next == nil {
		next = http.DefaultTransport
	}
	hc.Transport = recorder{next: next}
	return &hc
}

// ownTransport keeps enough idle connections for one check's fifteen
// concurrent requests (net/http keeps two per host by default), so a second
// check reuses them instead of handshaking again. The deadline comes from
// each check's context.
func ownTransport() http.RoundTripper {
	t := http.DefaultTransport.(*http.Transport).Clone()
	t.MaxIdleConnsPerHost = 32
	t.IdleConnTimeout = 90 * time.Second
	return t
}

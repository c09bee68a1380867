// Package httpsafe builds the HTTP clients that carry a merchant's secrets
// to Stripe and to Justt. Neither API ever redirects, and no real answer of
// either comes near a megabyte, so a client from here:
//
//   - follows no redirect: the Authorization header never leaves for
//     another host, port or scheme (https → http included), and the 3xx is
//     an error naming where it pointed;
//   - reads at most a bound of every body, counted after decompression, so
//     a gzip bomb or an endless answer costs that much memory and no more;
//   - leaves deadlines to the request's context, which also stops a body
//     that trickles in.
//
// CheckBaseURL is the one rule for the address those secrets go to (https,
// or plain http only for a loopback host; a possible port; no user-info).
//
// httpsafe never logs, and never puts a request's headers (the secrets) in
// an error.
package httpsafe

import (
	"fmt"
	"io"
	"net/http"
	"net/url"
	"time"

	"github.com/justt-ai/justt-onboard/internal/safetext"
)

// DefaultMaxBody bounds every body read: far above any answer Stripe or
// Justt gives (a list of 100 webhook endpoints is about 100 KB).
const DefaultMaxBody = 2 << 20

// RedirectError is a 3xx answer that was not followed.
//
// Its text ends in "stopped after 0 redirects" on purpose: stripe-go v76
// retries every transport error except those matching `stopped after \d+
// redirects` (stripe.go, shouldRetry), and a redirect must not be asked
// for again.
type RedirectError struct {
	Status   int
	Location string // where it pointed, made safe to print; "" when absent or unreadable
}

func (e *RedirectError) Error() string {
	where := ""
	if e.Location != "" {
		where = " to " + e.Location
	}
	return fmt.Sprintf("the server answered %d, a redirect%s, which was not followed (the API never redirects: a proxy may be in the way); stopped after 0 redirects", e.Status, where)
}

// BodyTooLargeError is an answer longer than the client's bound.
type BodyTooLargeError struct{ Limit int64 }

func (e *BodyTooLargeError) Error() string {
	return fmt.Sprintf("the answer was longer than %d bytes, far more than any real answer, so it was not read further", e.Limit)
}

// Client returns a copy of base (nil: a client of its own) that follows no
// redirect and reads at most maxBody bytes of any body (0: DefaultMaxBody).
// base itself is not modified.
func Client(base *http.Client, maxBody int64) *http.Client {
	var hc http.Client
	if base != nil {
		hc = *base
	}
	next := hc.Transport
	if next == nil {
		next = NewTransport()
	}
	hc.Transport = Bounded(next, maxBody)
	hc.CheckRedirect = refuseRedirect
	return &hc
}

// NewTransport is a transport of our own: enough idle connections for
// about fifteen concurrent requests to one host (net/http keeps two by
// default), proxies from the environment as usual.
func NewTransport() *http.Transport {
	t := http.DefaultTransport.(*http.Transport).Clone()
	t.MaxIdleConnsPerHost = 32
	t.IdleConnTimeout = 90 * time.Second
	return t
}

// Bounded wraps next so that every response body stops at maxBody bytes
// (0: DefaultMaxBody) with a *BodyTooLargeError, and a 3xx answer becomes
// a *RedirectError even for a client that would follow it.
func Bounded(next http.RoundTripper, maxBody int64) http.RoundTripper {
	if maxBody <= 0 {
		maxBody = DefaultMaxBody
	}
	return bounded{next: next, max: maxBody}
}

type bounded struct {
	next http.RoundTripper
	max  int64
}

func (b bounded) RoundTrip(req *http.Request) (*http.Response, error) {
	resp, err := b.next.RoundTrip(req)
	if err != nil || resp == nil {
		return resp, err
	}
	if isRedirect(resp.StatusCode) {
		// Discard the body here: a caller that only sees the error never closes it.
		_ = resp.Body.Close()
		return nil, redirectError(resp)
	}
	resp.Body = &limitedBody{rc: resp.Body, left: b.max, limit: b.max}
	return resp, nil
}

func isRedirect(status int) bool {
	return status >= 300 && status < 400 && status != http.StatusNotModified
}

// refuseRedirect is the client's CheckRedirect: Bounded already turns a
// 3xx into an error, this is the second lock on the same door.
func refuseRedirect(req *http.Request, _ []*http.Request) error {
	status := 0
	if req.Response != nil {
		status = req.Response.StatusCode
	}
	return &RedirectError{Status: status, Location: safeLocation(req.URL)}
}

func redirectError(resp *http.Response) error {
	loc, err := resp.Location()
	if err != nil {
		loc = nil
	}
	return &RedirectError{Status: resp.StatusCode, Location: safeLocation(loc)}
}

// safeLocation shows where a redirect pointed without any user-info, query
// or fragment (they can hold tokens), made safe for a terminal.
func safeLocation(u *url.URL) string {
	if u == nil {
		return ""
	}
	shown := url.URL{Scheme: u.Scheme, Host: u.Host, Path: u.Path}
	s := safetext.Line(shown.String())
	if r := []rune(s); len(r) > maxLocation {
		s = string(r[:maxLocation]) + "…"
	}
	return s
}

// maxLocation bounds how much of a redirect's target is shown: enough to
// recognise where it pointed.
const maxLocation = 200

// limitedBody reads at most limit bytes, then fails. Reading exactly limit
// bytes of a body that ends there is not an error.
type limitedBody struct {
	rc    io.ReadCloser
	left  int64
	limit int64
}

func (l *limitedBody) Read(p []byte) (int, error) {
	if l.left <= 0 {
		// One more byte tells a body of exactly the limit from a longer one.
		var one [1]byte
		n, err := l.rc.Read(one[:])
		if n > 0 {
			return 0, &BodyTooLargeError{Limit: l.limit}
		}
		return 0, err
	}
	if int64(len(p)) > l.left {
		p = p[:l.left]
	}
	n, err := l.rc.Read(p)
	l.left -= int64(n)
	return n, err
}

func (l *limitedBody) Close() error { return l.rc.Close() }

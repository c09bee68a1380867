package stripecheck

import (
	"context"
	"io"
	"log"
	"net"
	"net/http"
	"net/http/httptest"
	"strings"
	"sync/atomic"
	"testing"
	"time"

	"github.com/justt-ai/justt-onboard/steps"
)

// TestProbeNetworkFailuresAreUnknown: no answer is never a missing
// permission, and the detail says what went wrong.
func TestProbeNetworkFailuresAreUnknown(t *testing.T) {
	t.Parallel()
	refused := httptest.NewServer(http.NotFoundHandler())
	refusedURL := refused.URL
	refused.Close() // nothing listens there any more

	release := make(chan struct{})
	hang := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		select {
		case <-release:
		case <-r.Context().Done():
		}
	}))
	t.Cleanup(func() { close(release); hang.Close() })

	reset := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		conn, _, err := w.(http.Hijacker).Hijack()
		if err == nil {
			conn.Close()
		}
	}))
	t.Cleanup(reset.Close)

	untrusted := httptest.NewUnstartedServer(http.NotFoundHandler()) // its certificate is not trusted by our client
	untrusted.Config.ErrorLog = log.New(io.Discard, "", 0)           // the refused handshake is expected
	untrusted.StartTLS()
	t.Cleanup(untrusted.Close)

	noDNS := &http.Client{Transport: &http.Transport{DialContext: func(ctx context.Context, network, addr string) (net.Conn, error) {
		return nil, &net.DNSError{Err: "no such host", Name: "api.stripe.invalid", IsNotFound: true}
	}}}

	tests := []struct {
		name   string
		cfg    Config
		detail string
	}{
		{"connection refused", Config{APIURL: refusedURL}, "refused the connection"},
		{"hang", Config{APIURL: hang.URL, Timeout: 150 * time.Millisecond}, "deadline"},
		{"reset", Config{APIURL: reset.URL}, "closed before an answer"},
		{"untrusted certificate", Config{APIURL: untrusted.URL}, "TLS"},
		{"DNS", Config{APIURL: "https://api.stripe.invalid", HTTPClient: noDNS}, "DNS"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			t.Parallel()
			tt.cfg.UploadsURL = tt.cfg.APIURL
			tt.cfg.MaxNetworkRetries = -1
			c, err := New(tt.cfg)
			if err != nil {
				t.Fatal(err)
			}
			key := testKey(t)
			r := c.Probe(context.Background(), key, steps.Required[0])
			if r.Status != Unknown || !strings.Contains(r.Detail, tt.detail) {
				t.Errorf("Probe = %s (%s), want unknown with %q", r.Status, r.Detail, tt.detail)
			}
			if strings.Contains(r.Detail, key.Reveal()) {
				t.Errorf("detail shows the key")
			}
		})
	}
}

// TestProbeRetriesOutages: stripe-go retries a 5xx on a GET; a row is
// unknown only after every attempt failed, and the detail says so.
func TestProbeRetriesOutages(t *testing.T) {
	t.Parallel()
	var calls atomic.Int32
	srv := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		calls.Add(1)
		w.WriteHeader(http.StatusInternalServerError)
		_, _ = w.Write([]byte(serverTrouble))
	}))
	t.Cleanup(srv.Close)
	c, err := New(Config{APIURL: srv.URL, UploadsURL: srv.URL, MaxNetworkRetries: 1})
	if err != nil {
		t.Fatal(err)
	}
	r := c.Probe(context.Background(), testKey(t), steps.Required[0])
	if r.Status != Unknown || !strings.Contains(r.Detail, "all 2 attempts") {
		t.Errorf("Probe = %s (%s), want unknown after 2 attempts", r.Status, r.Detail)
	}
	if n := calls.Load(); n != 2 {
		t.Errorf("%d attempts, want 2", n)
	}
}

// TestProbeRecoversAfterOneOutage: a retried 503 followed by the real answer decides the row.
func TestProbeRecoversAfterOneOutage(t *testing.T) {
	t.Parallel()
	var calls atomic.Int32
	srv := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		if calls.Add(1) == 1 {
			w.WriteHeader(http.StatusServiceUnavailable)
			_, _ = w.Write([]byte(serverTrouble))
			return
		}
		w.WriteHeader(http.StatusForbidden)
		_, _ = w.Write([]byte(deniedBody))
	}))
	t.Cleanup(srv.Close)
	c, err := New(Config{APIURL: srv.URL, UploadsURL: srv.URL, MaxNetworkRetries: 1})
	if err != nil {
		t.Fatal(err)
	}
	if r := c.Probe(context.Background(), testKey(t), steps.Required[0]); r.Status != Missing {
		t.Errorf("Probe = %s (%s), want missing", r.Status, r.Detail)
	}
}

func TestProbeCancelled(t *testing.T) {
	t.Parallel()
	c, log := fakeStripe(t, canned{200, listBody})
	ctx, cancel := context.WithCancel(context.Background())
	cancel()
	r := c.Probe(ctx, testKey(t), steps.Required[0])
	if r.Status != Unknown || !strings.Contains(r.Detail, "cancelled") {
		t.Errorf("Probe = %s (%s), want unknown: cancelled", r.Status, r.Detail)
	}
	if n := len(log()); n != 0 {
		t.Errorf("%d requests after cancel", n)
	}
}

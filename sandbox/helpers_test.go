package sandbox

import (
	"encoding/json"
	"io"
	"net/http"
	"net/http/httptest"
	"net/url"
	"strings"
	"testing"

	"github.com/stripe/stripe-go/v76"
	"github.com/stripe/stripe-go/v76/client"
)

// newServer serves a fresh sandbox for one test.
func newServer(t testing.TB) (*Sandbox, string) {
	t.Helper()
	s := New()
	srv := httptest.NewServer(s.Handler())
	t.Cleanup(srv.Close)
	return s, srv.URL
}

// stripeClient is stripe-go v76 pointed at the sandbox for both the API and
// the Uploads backend, silent, with the given number of network retries
// made without stripe-go's back-off sleep, so retry tests stay fast.
func stripeClient(baseURL, key string, retries int64) *client.API {
	backend := func(kind stripe.SupportedBackend) stripe.Backend {
		b := stripe.GetBackendWithConfig(kind, &stripe.BackendConfig{
			URL:               stripe.String(baseURL),
			LeveledLogger:     &stripe.LeveledLogger{Level: stripe.LevelNull},
			EnableTelemetry:   stripe.Bool(false),
			MaxNetworkRetries: stripe.Int64(retries),
		})
		if impl, ok := b.(*stripe.BackendImplementation); ok {
			impl.SetNetworkRetriesSleep(false)
		}
		return b
	}
	return client.New(key, &stripe.Backends{API: backend(stripe.APIBackend), Uploads: backend(stripe.UploadsBackend)})
}

// answer is a decoded plain-HTTP answer.
type answer struct {
	status int
	header http.Header
	raw    string
	body   map[string]any
}

// errorField reads body.error.<name> as a string ("" when absent).
func (a answer) errorField(name string) string {
	e, _ := a.body["error"].(map[string]any)
	s, _ := e[name].(string)
	return s
}

// do sends a form-encoded request with key as Bearer auth ("" = none).
func do(t testing.TB, baseURL, method, path, key string, form url.Values) answer {
	t.Helper()
	req, err := http.NewRequest(method, baseURL+path, strings.NewReader(form.Encode()))
	if err != nil {
		t.Fatal(err)
	}
	req.Header.Set("Content-Type", "application/x-www-form-urlencoded")
	if key != "" {
		req.Header.Set("Authorization", "Bearer "+key)
	}
	return send(t, http.DefaultClient, req)
}

func send(t testing.TB, c *http.Client, req *http.Request) answer {
	t.Helper()
	resp, err := c.Do(req)
	if err != nil {
		t.Fatalf("%s %s: %v", req.Method, req.URL.Path, err)
	}
	defer resp.Body.Close()
	raw, err := io.ReadAll(resp.Body)
	if err != nil {
		t.Fatal(err)
	}
	a := answer{status: resp.StatusCode, header: resp.Header, raw: string(raw)}
	_ = json.Unmarshal(raw, &a.body)
	return a
}

// stripeErr asserts err is a *stripe.Error and returns it.
func stripeErr(t testing.TB, err error) *stripe.Error {
	t.Helper()
	se, ok := err.(*stripe.Error)
	if !ok {
		t.Fatalf("want a *stripe.Error, got %T: %v", err, err)
	}
	return se
}

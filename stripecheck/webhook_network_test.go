package stripecheck_test

import (
	"context"
	"fmt"
	"io"
	"net/http"
	"net/http/httptest"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/justt-ai/justt-onboard/sandbox"
	"github.com/justt-ai/justt-onboard/stripecheck"
)

// resetCreate arms the sandbox's Reset fault just before the create request
// goes out, so the list before it is answered normally: Stripe commits the
// create, then the connection drops before the answer arrives.
//
// Keep-alives are off: net/http itself replays a request that carries an
// Idempotency-Key when a reused connection drops, which would hide both
// stripe-go's retry and its absence.
type resetCreate struct {
	sb   *sandbox.Sandbox
	key  string
	once sync.Once
	next http.Transport
}

func newResetCreate(a *account) *http.Client {
	return &http.Client{Transport: &resetCreate{sb: a.sb, key: a.setupRaw, next: http.Transport{DisableKeepAlives: true}}}
}

func (r *resetCreate) RoundTrip(req *http.Request) (*http.Response, error) {
	if req.Method == http.MethodPost && req.URL.Path == "/v1/webhook_endpoints" {
		r.once.Do(func() {
			r.sb.SetFault(r.key, sandbox.Fault{Kind: sandbox.Reset, PathPrefix: "/v1/webhook_endpoints", Times: 1})
		})
	}
	return r.next.RoundTrip(req)
}

// stripe-go retries the create with the same Idempotency-Key; the sandbox
// replays its first answer, so one endpoint exists and its secret arrives.
func TestRegisterWebhookRetriedCreateMakesOneEndpoint(t *testing.T) {
	t.Parallel()
	a := newAccount(t, 0)
	a.checker = a.newChecker(t, 1, newResetCreate(a))
	res, err := a.register(stripecheck.RegisterOptions{})
	if err != nil {
		t.Fatalf("RegisterWebhook: %v", err)
	}
	all := a.sb.WebhookEndpoints()
	if len(all) != 1 {
		t.Fatalf("%d endpoints, want 1", len(all))
	}
	if res.Endpoint.ID != all[0].ID || res.Secret.Reveal() != all[0].Secret {
		t.Errorf("result %+v is not the one endpoint %s and its secret", res.Endpoint, all[0].ID)
	}
	posts := a.requests("POST", "/v1/webhook_endpoints")
	if len(posts) != 2 || posts[0].Fault != sandbox.Reset || !posts[1].Replayed || posts[0].IdempotencyKey != posts[1].IdempotencyKey {
		t.Errorf("want a reset create and its replay with the same Idempotency-Key, got %+v", posts)
	}
}

// Without retries the create's outcome is unknown (exit 3); running again
// lists first, finds the endpoint and makes no second one.
func TestRegisterWebhookRerunAfterALostCreate(t *testing.T) {
	t.Parallel()
	a := newAccount(t, 0)
	a.checker = a.newChecker(t, -1, newResetCreate(a))
	_, err := a.register(stripecheck.RegisterOptions{})
	we := a.webhookError(t, err, stripecheck.CodeNetwork, stripecheck.ExitUndecided)
	if !strings.Contains(we.Message, "may have created") || !strings.Contains(we.Fix, "again") {
		t.Errorf("the error must say the endpoint may exist and that running again is safe: %s / %s", we.Message, we.Fix)
	}
	if n := len(a.sb.WebhookEndpoints()); n != 1 {
		t.Fatalf("%d endpoints after the lost create, want 1 (committed)", n)
	}

	a.checker = a.newChecker(t, -1, nil)
	_, err = a.register(stripecheck.RegisterOptions{})
	dup := a.webhookError(t, err, stripecheck.CodeDuplicate, stripecheck.ExitNotReady)
	if all := a.sb.WebhookEndpoints(); len(all) != 1 || dup.Endpoint.ID != all[0].ID {
		t.Errorf("after the re-run: %d endpoints, duplicate %+v; want the one endpoint", len(all), dup.Endpoint)
	}
}

func TestRegisterWebhookUndecided(t *testing.T) {
	t.Parallel()
	tests := []struct {
		name  string
		fault sandbox.Fault
	}{
		{"listing 500", sandbox.Fault{Kind: sandbox.ServerError}},
		{"unavailable", sandbox.Fault{Kind: sandbox.Unavailable}},
		{"rate limited", sandbox.Fault{Kind: sandbox.RateLimited}},
		{"connection reset", sandbox.Fault{Kind: sandbox.Reset}},
		{"not JSON", sandbox.Fault{Kind: sandbox.MalformedJSON}},
		{"unexpected status", sandbox.Fault{Kind: sandbox.UnexpectedStatus}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			t.Parallel()
			a := newAccount(t, -1)
			a.sb.SetFault(a.setupRaw, tt.fault)
			_, err := a.register(stripecheck.RegisterOptions{})
			a.webhookError(t, err, stripecheck.CodeNetwork, stripecheck.ExitUndecided)
			_, err = a.checker.VerifyWebhook(context.Background(), a.setup, hookURL)
			a.webhookError(t, err, stripecheck.CodeNetwork, stripecheck.ExitUndecided)
			if n := len(a.sb.WebhookEndpoints()); n != 0 {
				t.Errorf("%d endpoints, want 0", n)
			}
		})
	}
}

// A Stripe that never answers ends at the Checker's one deadline.
func TestRegisterWebhookTimesOut(t *testing.T) {
	t.Parallel()
	a := newAccount(t, -1)
	a.sb.SetFault(a.setupRaw, sandbox.Fault{Kind: sandbox.Hang})
	c, err := stripecheck.New(stripecheck.Config{APIURL: a.url, UploadsURL: a.url, MaxNetworkRetries: -1, Timeout: 100 * time.Millisecond})
	if err != nil {
		t.Fatal(err)
	}
	_, err = c.RegisterWebhook(context.Background(), a.setup, stripecheck.RegisterOptions{URL: hookURL})
	we := a.webhookError(t, err, stripecheck.CodeNetwork, stripecheck.ExitUndecided)
	if !strings.Contains(we.Message, "in time") {
		t.Errorf("message %q should say Stripe did not answer in time", we.Message)
	}
}

// The match is on the second page of 100: every page must be read.
func TestRegisterWebhookFindsTheURLOnPageTwo(t *testing.T) {
	t.Parallel()
	a := newAccount(t, 0)
	a.sb.SetWebhookCap(500)
	match := a.addEndpoint(hookURL, nil) // oldest, so listed last
	for i := range 150 {
		a.addEndpoint(fmt.Sprintf("https://erp.example.com/hooks/%d", i), nil)
	}
	_, err := a.register(stripecheck.RegisterOptions{})
	we := a.webhookError(t, err, stripecheck.CodeDuplicate, stripecheck.ExitNotReady)
	if we.Endpoint.ID != match {
		t.Errorf("duplicate %s, want %s", we.Endpoint.ID, match)
	}
	if n := len(a.requests("GET", "/v1/webhook_endpoints")); n != 2 {
		t.Errorf("%d list requests, want 2 pages", n)
	}
	res, err := a.checker.VerifyWebhook(context.Background(), a.setup, hookURL)
	if err != nil || !res.OK() || res.Endpoint.ID != match {
		t.Errorf("verify: %+v, %v; want %s found and OK", res, err, match)
	}
}

// Whatever answers with a page that is not Stripe's JSON (a proxy, a
// gateway) is named by its status, never shown, and never called a failed
// connection: stripe-go's error text quotes up to 500 characters of the
// page, and this proxy echoes the Authorization header, setup key included.
func TestRegisterWebhookUnreadableAnswers(t *testing.T) {
	t.Parallel()
	tests := []struct {
		status int
		want   string
	}{
		{http.StatusForbidden, "The answer was a 403 whose body is not Stripe's JSON"},
		{http.StatusBadGateway, "Stripe answered 502"},
		{http.StatusOK, "Stripe answered 200 with a body that is not Stripe's JSON"},
	}
	for _, tt := range tests {
		t.Run(fmt.Sprint(tt.status), func(t *testing.T) {
			t.Parallel()
			a := newAccount(t, -1)
			proxy := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
				w.Header().Set("Content-Type", "text/html")
				w.WriteHeader(tt.status)
				fmt.Fprintf(w, "<html><body>Blocked by the proxy. %s</body></html>", r.Header.Get("Authorization"))
			}))
			t.Cleanup(proxy.Close)
			a.url = proxy.URL
			a.checker = a.newChecker(t, -1, nil)
			for name, call := range map[string]func() error{
				"register": func() error { _, err := a.register(stripecheck.RegisterOptions{}); return err },
				"verify":   func() error { _, err := a.checker.VerifyWebhook(context.Background(), a.setup, hookURL); return err },
			} {
				we := a.webhookError(t, call(), stripecheck.CodeNetwork, stripecheck.ExitUndecided)
				text := we.Message + " " + we.Fix
				if !strings.Contains(we.Message, tt.want) {
					t.Errorf("%s: message %q does not say %q", name, we.Message, tt.want)
				}
				for _, leak := range []string{"Blocked by the proxy", "<html", "body sample", "connection failed", a.setup.Reveal()[8:24]} {
					if strings.Contains(text, leak) {
						t.Errorf("%s: %q shows %q", name, text, leak)
					}
				}
			}
		})
	}
}

// noIDCreate answers the create request itself, without an id, as a broken
// proxy or API might; everything else reaches the sandbox.
type noIDCreate struct {
	next    http.RoundTripper
	deletes int
}

func (n *noIDCreate) RoundTrip(req *http.Request) (*http.Response, error) {
	if req.Method == http.MethodDelete {
		n.deletes++
	}
	if req.Method == http.MethodPost && req.URL.Path == "/v1/webhook_endpoints" {
		body := `{"object": "webhook_endpoint", "url": "https://hooks.justt.ai/x", "secret": "whsec_` + strings.Repeat("S", 32) + `", "status": "enabled"}`
		return &http.Response{StatusCode: 200, Header: http.Header{"Content-Type": {"application/json"}},
			Body: io.NopCloser(strings.NewReader(body)), Request: req}, nil
	}
	return n.next.RoundTrip(req)
}

// A create answer with no id is undecided: no "created endpoint , but…",
// no DELETE to /v1/webhook_endpoints/, and no secret kept.
func TestRegisterWebhookCreateWithoutID(t *testing.T) {
	t.Parallel()
	a := newAccount(t, 0)
	rt := &noIDCreate{next: http.DefaultTransport}
	a.checker = a.newChecker(t, -1, &http.Client{Transport: rt})
	kept := false
	_, err := a.register(stripecheck.RegisterOptions{KeepSecret: func(stripecheck.Key) error { kept = true; return nil }})
	we := a.webhookError(t, err, stripecheck.CodeCreateUnconfirmed, stripecheck.ExitUndecided)
	if strings.Contains(we.Message, "endpoint ,") || kept || rt.deletes != 0 {
		t.Errorf("message %q, secret kept %v, %d deletes", we.Message, kept, rt.deletes)
	}
}

// A look-alike host (Cyrillic а) is registered and verified in punycode,
// with a warning in the notes, whoever calls: the commands or the wizard.
func TestRegisterAndVerifyANonASCIIHost(t *testing.T) {
	t.Parallel()
	a := newAccount(t, 0)
	res, err := a.register(stripecheck.RegisterOptions{URL: "https://hooks.justt.\u0430i/stripe"})
	if err != nil {
		t.Fatal(err)
	}
	if !strings.HasPrefix(res.Endpoint.URL, "https://hooks.justt.xn--") || len(res.Notes) != 1 || res.Notes[0].Code != stripecheck.CodeNonASCIIHost {
		t.Fatalf("endpoint %s, notes %+v", res.Endpoint.URL, res.Notes)
	}
	got, err := a.checker.VerifyWebhook(context.Background(), a.setup, "https://hooks.justt.\u0430i/stripe")
	if err != nil || got.Endpoint == nil || got.Endpoint.ID != res.Endpoint.ID {
		t.Fatalf("verify did not find the punycode endpoint: %+v, %v", got, err)
	}
}

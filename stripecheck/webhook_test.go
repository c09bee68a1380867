package stripecheck_test

import (
	"context"
	"errors"
	"fmt"
	"net/http"
	"net/http/httptest"
	"reflect"
	"strings"
	"testing"
	"time"

	"github.com/justt-ai/justt-onboard/sandbox"
	"github.com/justt-ai/justt-onboard/stripecheck"
)

const hookURL = "https://hooks.justt.ai/stripe/m_123"

// account is one sandbox Stripe account with a Checker pointed at it.
type account struct {
	sb       *sandbox.Sandbox
	url      string
	checker  *stripecheck.Checker
	setupRaw string // the setup key as pasted: tests search outputs for it
	setup    stripecheck.Key
}

// newAccount serves a fresh sandbox; retries is stripe-go's retry count
// (-1 for none), and the setup key is the account's secret key.
func newAccount(t *testing.T, retries int) *account {
	t.Helper()
	a := &account{sb: sandbox.New()}
	srv := httptest.NewServer(a.sb.Handler())
	t.Cleanup(srv.Close)
	a.url = srv.URL
	a.checker = a.newChecker(t, retries, nil)
	a.useSetupKey(t, a.sb.MintSecretKey())
	return a
}

func (a *account) newChecker(t *testing.T, retries int, hc *http.Client) *stripecheck.Checker {
	t.Helper()
	c, err := stripecheck.New(stripecheck.Config{APIURL: a.url, UploadsURL: a.url, MaxNetworkRetries: retries,
		HTTPClient: hc, Timeout: 10 * time.Second})
	if err != nil {
		t.Fatal(err)
	}
	return c
}

func (a *account) useSetupKey(t *testing.T, raw string) {
	t.Helper()
	k, err := stripecheck.ParseKey(raw)
	if err != nil {
		t.Fatal(err)
	}
	a.setupRaw, a.setup = raw, k
}

func (a *account) register(opts stripecheck.RegisterOptions) (stripecheck.RegisterResult, error) {
	if opts.URL == "" {
		opts.URL = hookURL
	}
	return a.checker.RegisterWebhook(context.Background(), a.setup, opts)
}

// addEndpoint stores an endpoint as if made in the dashboard.
func (a *account) addEndpoint(url string, change func(*sandbox.WebhookEndpoint)) string {
	e := sandbox.WebhookEndpoint{URL: url, EnabledEvents: []string{"charge.succeeded"}, APIVersion: "2020-08-27"}
	if change != nil {
		change(&e)
	}
	return a.sb.AddWebhookEndpoint(e)
}

func (a *account) endpoint(t *testing.T, id string) sandbox.WebhookEndpoint {
	t.Helper()
	for _, e := range a.sb.WebhookEndpoints() {
		if e.ID == id {
			return e
		}
	}
	t.Fatalf("the sandbox has no endpoint %s", id)
	return sandbox.WebhookEndpoint{}
}

// requests counts the logged requests with method to path.
func (a *account) requests(method, path string) []sandbox.Request {
	var out []sandbox.Request
	for _, r := range a.sb.Requests() {
		if r.Method == method && r.Path == path {
			out = append(out, r)
		}
	}
	return out
}

// webhookError asserts err is a *WebhookError with code and exit code, and
// that neither the setup key nor any signing secret of the account is in it.
func (a *account) webhookError(t *testing.T, err error, code string, exit int) *stripecheck.WebhookError {
	t.Helper()
	var we *stripecheck.WebhookError
	if !errors.As(err, &we) {
		t.Fatalf("got %v (%T), want a *stripecheck.WebhookError %s", err, err, code)
	}
	if we.Code != code || we.ExitCode != exit {
		t.Fatalf("got code %q exit %d (%s), want %q exit %d", we.Code, we.ExitCode, we.Message, code, exit)
	}
	if we.Message == "" || we.Fix == "" {
		t.Errorf("error %s lacks a message or a fix: %+v", code, we)
	}
	a.assertNoSecret(t, we.Message+" "+we.Fix+" "+fmt.Sprintf("%v %+v", we, we))
	return we
}

func (a *account) assertNoSecret(t *testing.T, text string) {
	t.Helper()
	if strings.Contains(text, a.setupRaw) {
		t.Errorf("the setup key appears in %q", text)
	}
	for _, e := range a.sb.WebhookEndpoints() {
		if strings.Contains(text, e.Secret) {
			t.Errorf("signing secret of %s appears in %q", e.ID, text)
		}
	}
}

func TestRegisterWebhookCreatesTheEndpointJusttNeeds(t *testing.T) {
	t.Parallel()
	for _, setup := range []string{"secret key", "restricted key with Webhook Endpoints: Write"} {
		t.Run(setup, func(t *testing.T) {
			t.Parallel()
			a := newAccount(t, 0)
			if setup != "secret key" {
				a.useSetupKey(t, a.sb.MintKey("rak_webhook_write"))
			}
			var kept []stripecheck.Key
			res, err := a.register(stripecheck.RegisterOptions{Version: "1.2.3",
				KeepSecret: func(k stripecheck.Key) error { kept = append(kept, k); return nil }})
			if err != nil {
				t.Fatalf("RegisterWebhook: %v", err)
			}
			all := a.sb.WebhookEndpoints()
			if len(all) != 1 {
				t.Fatalf("the account has %d endpoints, want 1", len(all))
			}
			got := all[0]
			want := sandbox.WebhookEndpoint{ID: res.Endpoint.ID, URL: hookURL, EnabledEvents: []string{"charge.succeeded"},
				APIVersion: "2020-08-27", Description: "Justt", Status: "enabled",
				Metadata: map[string]string{"created_by": "justt-onboard", "justt_onboard_version": "1.2.3"}}
			got.Secret, got.Created, got.Livemode = "", time.Time{}, false
			if !reflect.DeepEqual(got, want) {
				t.Errorf("stored endpoint\n got %+v\nwant %+v", got, want)
			}
			wantResult := stripecheck.WebhookEndpoint{ID: all[0].ID, URL: hookURL, EnabledEvents: []string{"charge.succeeded"},
				APIVersion: "2020-08-27", Status: "enabled"}
			if !res.Created || !reflect.DeepEqual(res.Endpoint, wantResult) || res.Existing != nil || res.Replaced != nil {
				t.Errorf("result %+v, want a created %+v and nothing else", res, wantResult)
			}
			if res.Secret.Kind() != stripecheck.WebhookSecret || res.Secret.Reveal() != all[0].Secret {
				t.Errorf("result secret %s is not the endpoint's signing secret", res.Secret)
			}
			if len(kept) != 1 || kept[0].Reveal() != all[0].Secret {
				t.Errorf("KeepSecret got %v, want the signing secret once", kept)
			}
			a.assertNoSecret(t, fmt.Sprintf("%v %+v %#v", res, res, res))
		})
	}
}

// One Idempotency-Key of our own per registration, so stripe-go's retries
// of the create replay it; a second registration gets a fresh one.
func TestRegisterWebhookSendsAFreshIdempotencyKey(t *testing.T) {
	t.Parallel()
	a := newAccount(t, 0)
	for _, url := range []string{hookURL, hookURL + "/second"} {
		if _, err := a.register(stripecheck.RegisterOptions{URL: url}); err != nil {
			t.Fatal(err)
		}
	}
	posts := a.requests("POST", "/v1/webhook_endpoints")
	if len(posts) != 2 {
		t.Fatalf("%d create requests, want 2", len(posts))
	}
	for _, p := range posts {
		if !strings.HasPrefix(p.IdempotencyKey, "justt-onboard-webhook-") {
			t.Errorf("Idempotency-Key %q is not ours", p.IdempotencyKey)
		}
	}
	if posts[0].IdempotencyKey == posts[1].IdempotencyKey {
		t.Error("two registrations shared an Idempotency-Key")
	}
}

func TestRegisterWebhookRefusesADuplicate(t *testing.T) {
	t.Parallel()
	// Stripe compares nothing; we compare normalised URLs.
	for _, spelled := range []string{hookURL, "HTTPS://Hooks.Justt.AI:443/stripe/m_123/"} {
		t.Run(spelled, func(t *testing.T) {
			t.Parallel()
			a := newAccount(t, 0)
			a.addEndpoint("https://erp.example.com/hooks", nil)
			old := a.addEndpoint(spelled, func(e *sandbox.WebhookEndpoint) { e.APIVersion = "2023-10-16" })
			called := false
			res, err := a.register(stripecheck.RegisterOptions{KeepSecret: func(stripecheck.Key) error { called = true; return nil }})
			we := a.webhookError(t, err, stripecheck.CodeDuplicate, stripecheck.ExitNotReady)
			if we.Endpoint == nil || we.Endpoint.ID != old || we.Endpoint.APIVersion != "2023-10-16" || we.Endpoint.Status != "enabled" {
				t.Errorf("error endpoint %+v, want %s with its settings", we.Endpoint, old)
			}
			if res.Existing == nil || res.Existing.ID != old || res.Created || !res.Secret.IsZero() {
				t.Errorf("result %+v, want Existing %s and nothing created", res, old)
			}
			for _, want := range []string{old, "step 17", "--replace", "only when an endpoint is created"} {
				if !strings.Contains(we.Message+we.Fix, want) {
					t.Errorf("duplicate message/fix does not mention %q: %s %s", want, we.Message, we.Fix)
				}
			}
			if n := len(a.sb.WebhookEndpoints()); n != 2 || called || len(a.sb.Mutations()) != 0 {
				t.Errorf("%d endpoints, KeepSecret called %v, %d mutations: want 2, false, 0", n, called, len(a.sb.Mutations()))
			}
		})
	}
}

// Disabled endpoints receive no events, so they block nothing: a new
// endpoint is made, the old ones are left as they are and named in a note.
func TestRegisterWebhookCreatesBesideDisabledEndpoints(t *testing.T) {
	t.Parallel()
	for _, replace := range []bool{false, true} {
		t.Run(fmt.Sprintf("replace=%v", replace), func(t *testing.T) {
			t.Parallel()
			a := newAccount(t, 0)
			offOld := a.addEndpoint(hookURL, func(e *sandbox.WebhookEndpoint) { e.Status = "disabled" })
			offNew := a.addEndpoint(hookURL+"/", func(e *sandbox.WebhookEndpoint) { e.Status = "disabled" })
			res, err := a.register(stripecheck.RegisterOptions{Replace: replace})
			if err != nil {
				t.Fatalf("RegisterWebhook: %v", err)
			}
			if !res.Created || res.Secret.IsZero() || a.endpoint(t, res.Endpoint.ID).Status != "enabled" {
				t.Errorf("result %+v: want a new, enabled endpoint with its secret", res)
			}
			if res.Existing != nil || res.Replaced != nil || len(res.Disabled) != 0 {
				t.Errorf("Existing %v, Replaced %v, Disabled %v: want none (nothing enabled was there)", res.Existing, res.Replaced, res.Disabled)
			}
			if len(res.AlreadyDisabled) != 2 || res.AlreadyDisabled[0].ID != offNew || res.AlreadyDisabled[1].ID != offOld {
				t.Errorf("AlreadyDisabled %+v, want [%s %s]", res.AlreadyDisabled, offNew, offOld)
			}
			if len(res.Notes) != 1 || res.Notes[0].Code != stripecheck.CodeDisabledEndpointsLeft || res.Notes[0].Severity != stripecheck.SeverityWarning ||
				!strings.Contains(res.Notes[0].Message, offOld) || !strings.Contains(res.Notes[0].Message, offNew) {
				t.Errorf("notes %+v, want one warning naming %s and %s", res.Notes, offOld, offNew)
			}
			for _, id := range []string{offOld, offNew} {
				if len(a.requests("POST", "/v1/webhook_endpoints/"+id)) != 0 || a.endpoint(t, id).Status != "disabled" {
					t.Errorf("the disabled endpoint %s was touched", id)
				}
			}
			if n := len(a.sb.WebhookEndpoints()); n != 3 {
				t.Errorf("%d endpoints, want 3", n)
			}
		})
	}
}

// An enabled endpoint still blocks, even with disabled ones listed first.
func TestRegisterWebhookDuplicateAmongDisabled(t *testing.T) {
	t.Parallel()
	a := newAccount(t, 0)
	on := a.addEndpoint(hookURL, nil)
	off := a.addEndpoint(hookURL, func(e *sandbox.WebhookEndpoint) { e.Status = "disabled" }) // newer: listed first
	res, err := a.register(stripecheck.RegisterOptions{})
	we := a.webhookError(t, err, stripecheck.CodeDuplicate, stripecheck.ExitNotReady)
	if we.Endpoint == nil || we.Endpoint.ID != on || res.Existing == nil || res.Existing.ID != on {
		t.Errorf("duplicate %+v, existing %+v: want the enabled %s, not the disabled %s", we.Endpoint, res.Existing, on, off)
	}
	if len(a.sb.Mutations()) != 0 {
		t.Error("something was changed")
	}
}

// The URL is trimmed once: what is validated, compared and sent is the same.
func TestRegisterWebhookTrimsTheURLOnce(t *testing.T) {
	t.Parallel()
	a := newAccount(t, 0)
	res, err := a.register(stripecheck.RegisterOptions{URL: "  " + hookURL + " \n"})
	if err != nil {
		t.Fatalf("RegisterWebhook: %v", err)
	}
	all := a.sb.WebhookEndpoints()
	if len(all) != 1 || all[0].URL != hookURL || res.Endpoint.URL != hookURL {
		t.Fatalf("stored %+v, result URL %q: want exactly %q", all, res.Endpoint.URL, hookURL)
	}
	_, err = a.register(stripecheck.RegisterOptions{URL: "\t" + hookURL + " "})
	a.webhookError(t, err, stripecheck.CodeDuplicate, stripecheck.ExitNotReady)
	v, err := a.checker.VerifyWebhook(context.Background(), a.setup, " "+hookURL+"\n")
	if err != nil || !v.OK() || len(v.Problems) != 0 {
		t.Errorf("verify of the padded URL: %+v, %v; want the endpoint, no problems", v, err)
	}
}

func TestRegisterWebhookReplace(t *testing.T) {
	t.Parallel()
	a := newAccount(t, 0)
	other := a.addEndpoint("https://erp.example.com/hooks", nil)
	off := a.addEndpoint(hookURL, func(e *sandbox.WebhookEndpoint) { e.Status = "disabled" })
	first := a.addEndpoint(hookURL, nil)
	second := a.addEndpoint(hookURL+"/", nil)

	var createdBeforeDisable bool
	res, err := a.register(stripecheck.RegisterOptions{Replace: true, KeepSecret: func(stripecheck.Key) error {
		createdBeforeDisable = len(a.requests("POST", "/v1/webhook_endpoints/"+first)) == 0
		return nil
	}})
	if err != nil {
		t.Fatalf("RegisterWebhook --replace: %v", err)
	}
	if !res.Created || res.Secret.IsZero() || a.endpoint(t, res.Endpoint.ID).Status != "enabled" {
		t.Errorf("result %+v: want a new, enabled endpoint with its secret", res)
	}
	if !createdBeforeDisable {
		t.Error("the old endpoint was disabled before the new one's secret was kept")
	}
	for id, want := range map[string]string{first: "disabled", second: "disabled", off: "disabled", other: "enabled"} {
		if got := a.endpoint(t, id).Status; got != want {
			t.Errorf("endpoint %s is %s, want %s", id, got, want)
		}
	}
	if len(a.requests("POST", "/v1/webhook_endpoints/"+off)) != 0 {
		t.Error("an already disabled endpoint was updated")
	}
	if res.Replaced == nil || len(res.Disabled) != 2 || res.Replaced.Status != "disabled" {
		t.Fatalf("Replaced %+v, Disabled %+v: want the two enabled old endpoints", res.Replaced, res.Disabled)
	}
	if ids := []string{res.Disabled[0].ID, res.Disabled[1].ID}; !(ids[0] == second && ids[1] == first) {
		t.Errorf("disabled %v, want newest first [%s %s]", ids, second, first)
	}
	if n := len(a.sb.WebhookEndpoints()); n != 5 {
		t.Errorf("%d endpoints, want 5 (4 + the new one)", n)
	}
}

func TestRegisterWebhookReplaceThatCannotDisableTheOld(t *testing.T) {
	t.Parallel()
	a := newAccount(t, -1)
	old := a.addEndpoint(hookURL, nil)
	a.sb.SetFault(a.setupRaw, sandbox.Fault{Kind: sandbox.ServerError, PathPrefix: "/v1/webhook_endpoints/" + old})
	res, err := a.register(stripecheck.RegisterOptions{Replace: true})
	we := a.webhookError(t, err, stripecheck.CodeReplaceIncomplete, stripecheck.ExitUndecided)
	if !res.Created || res.Secret.IsZero() {
		t.Fatalf("result %+v: the new endpoint and its secret must still be returned", res)
	}
	if !strings.Contains(we.Message, res.Endpoint.ID) || !strings.Contains(we.Message, old) || !strings.Contains(we.Fix, old) {
		t.Errorf("the error must name both endpoints and how to disable the old one: %s / %s", we.Message, we.Fix)
	}
	if we.Endpoint == nil || we.Endpoint.ID != old {
		t.Errorf("error endpoint %+v, want the old one %s", we.Endpoint, old)
	}
	if a.endpoint(t, old).Status != "enabled" || a.endpoint(t, res.Endpoint.ID).Status != "enabled" {
		t.Error("want both endpoints enabled, as the error says")
	}
}

func TestRegisterWebhookAtTheEndpointCap(t *testing.T) {
	t.Parallel()
	for _, limit := range []int{1, 5, 16} {
		t.Run(fmt.Sprint(limit), func(t *testing.T) {
			t.Parallel()
			a := newAccount(t, 0)
			a.sb.SetWebhookCap(limit)
			for i := range limit {
				a.addEndpoint(fmt.Sprintf("https://erp.example.com/hooks/%d", i), nil)
			}
			_, err := a.register(stripecheck.RegisterOptions{})
			we := a.webhookError(t, err, stripecheck.CodeEndpointCap, stripecheck.ExitNotReady)
			if !strings.Contains(we.Message, fmt.Sprintf("maximum of %d", limit)) {
				t.Errorf("message %q should quote Stripe's limit", we.Message)
			}
			if n := len(a.sb.WebhookEndpoints()); n != limit {
				t.Errorf("%d endpoints, want %d", n, limit)
			}
		})
	}
}

func TestRegisterWebhookWithoutPermission(t *testing.T) {
	t.Parallel()
	tests := []struct {
		name   string
		scopes []string
		want   string
	}{
		{"Justt's own key", []string{"rak_charge_read", "rak_dispute_write"}, "Webhook Endpoints: Write"},
		{"read only", []string{"rak_webhook_read"}, "Webhook Endpoints: Write"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			t.Parallel()
			a := newAccount(t, 0)
			a.useSetupKey(t, a.sb.MintKey(tt.scopes...))
			_, err := a.register(stripecheck.RegisterOptions{})
			we := a.webhookError(t, err, stripecheck.CodeSetupKeyPermission, stripecheck.ExitNotReady)
			if !strings.Contains(we.Message, tt.want) || !strings.Contains(we.Fix, "Write") || !strings.Contains(we.Message, a.setup.Redacted()) {
				t.Errorf("want the permission, how to grant it and the key's redacted form: %s / %s", we.Message, we.Fix)
			}
			if len(a.sb.WebhookEndpoints()) != 0 || len(a.sb.Mutations()) != 0 {
				t.Error("something was created")
			}
		})
	}
}

func TestRegisterWebhookRejectedSetupKey(t *testing.T) {
	t.Parallel()
	a := newAccount(t, 0)
	a.sb.Roll(a.setupRaw)
	_, err := a.register(stripecheck.RegisterOptions{})
	a.webhookError(t, err, stripecheck.CodeSetupKeyRejected, stripecheck.ExitNotReady)
}

// Nothing is sent for a URL or a setup key that cannot work.
func TestRegisterWebhookRefusesBeforeSending(t *testing.T) {
	t.Parallel()
	a := newAccount(t, 0)
	tests := []struct {
		name, url, key string
		code           string
		exit           int
	}{
		{"plain http", "http://hooks.justt.ai/stripe", "", stripecheck.CodeBadURL, stripecheck.ExitNotReady},
		{"user-info", "https://u:p@hooks.justt.ai/stripe", "", stripecheck.CodeBadURL, stripecheck.ExitNotReady},
		{"no host", "https:///stripe", "", stripecheck.CodeBadURL, stripecheck.ExitNotReady},
		{"no scheme", "hooks.justt.ai/stripe", "", stripecheck.CodeBadURL, stripecheck.ExitNotReady},
		{"publishable setup key", hookURL, "pk_test_51AbCdEfGhIjKlMnOpQrStUvWxYz0123456789", stripecheck.CodeSetupKeyKind, stripecheck.ExitNotReady},
		{"signing secret as setup key", hookURL, "whsec_0123456789abcdefABCDEF0123456789", stripecheck.CodeSetupKeyKind, stripecheck.ExitNotReady},
		{"not a key", hookURL, "acct_1234567890abcdefghij", stripecheck.CodeSetupKeyKind, stripecheck.ExitNotReady},
	}
	for _, tt := range tests {
		key := a.setup
		if tt.key != "" {
			key, _ = stripecheck.ParseKey(tt.key)
		}
		_, err := a.checker.RegisterWebhook(context.Background(), key, stripecheck.RegisterOptions{URL: tt.url})
		a.webhookError(t, err, tt.code, tt.exit)
		_, err = a.checker.VerifyWebhook(context.Background(), key, tt.url)
		a.webhookError(t, err, tt.code, tt.exit)
	}
	_, err := a.checker.RegisterWebhook(context.Background(), stripecheck.Key{}, stripecheck.RegisterOptions{URL: hookURL})
	a.webhookError(t, err, stripecheck.CodeSetupKeyMissing, stripecheck.ExitUsage)
	if n := len(a.sb.Requests()); n != 0 {
		t.Errorf("%d requests were sent, want none", n)
	}
}

// When the signing secret cannot be kept, the endpoint is deleted again:
// an endpoint whose secret is lost would force a replace later.
func TestRegisterWebhookUndoesWhenTheSecretCannotBeKept(t *testing.T) {
	t.Parallel()
	diskFull := errors.New("no space left on device")
	t.Run("deleted again", func(t *testing.T) {
		t.Parallel()
		a := newAccount(t, 0)
		res, err := a.register(stripecheck.RegisterOptions{KeepSecret: func(stripecheck.Key) error { return diskFull }})
		we := a.webhookError(t, err, stripecheck.CodeSecretNotKept, stripecheck.ExitNotReady)
		if !errors.Is(err, diskFull) || !strings.Contains(we.Message, "deleted again") {
			t.Errorf("want the cause wrapped and the undo said: %v", err)
		}
		if res.Created || !res.Secret.IsZero() {
			t.Errorf("result %+v, want nothing", res)
		}
		if n := len(a.sb.WebhookEndpoints()); n != 0 {
			t.Errorf("%d endpoints left behind, want 0", n)
		}
	})
	t.Run("delete fails too", func(t *testing.T) {
		t.Parallel()
		a := newAccount(t, -1)
		// The create is /v1/webhook_endpoints; only the delete has an id.
		a.sb.SetFault(a.setupRaw, sandbox.Fault{Kind: sandbox.ServerError, PathPrefix: "/v1/webhook_endpoints/"})
		_, err := a.register(stripecheck.RegisterOptions{KeepSecret: func(stripecheck.Key) error { return diskFull }})
		we := a.webhookError(t, err, stripecheck.CodeSecretNotKept, stripecheck.ExitUndecided)
		all := a.sb.WebhookEndpoints()
		if len(all) != 1 || we.Endpoint == nil || we.Endpoint.ID != all[0].ID || !strings.Contains(we.Fix, "Delete endpoint "+all[0].ID) {
			t.Errorf("want the stray endpoint named with how to delete it: %+v / %s", we.Endpoint, we.Fix)
		}
	})
}

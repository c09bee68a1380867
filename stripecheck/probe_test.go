package stripecheck

import (
	"context"
	"io"
	"mime"
	"mime/multipart"
	"net/http"
	"net/http/httptest"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/justt-ai/justt-onboard/steps"
)

// canned is the one reply of a tiny fake Stripe.
type canned struct {
	status int
	body   string
}

const (
	listBody          = `{"object":"list","data":[],"has_more":false,"url":"/v1/x"}`
	deniedBody        = `{"error":{"type":"invalid_request_error","message":"The provided key 'rk_test_****abcd' does not have the required permissions for this endpoint on account 'acct_1Fake'. Having the 'rak_charge_read' permission would allow this request to continue."}}`
	stripeOtherDenied = `{"error":{"type":"invalid_request_error","message":"This feature is not enabled on account 'acct_1Fake'."}}`
	proxyDenied       = `{"error":{"type":"invalid_request_error","message":"Your key does not have the required permissions for this endpoint."}}`
	ipDenied          = `{"error":{"type":"invalid_request_error","message":"Requests to this API key are only allowed from certain IP addresses."}}`
	otherDenied       = `{"error":{"type":"invalid_request_error","message":"This feature is not enabled for your account."}}`
	invalidKey        = `{"error":{"type":"invalid_request_error","message":"Invalid API Key provided: rk_test_****abcd"}}`
	expiredKey        = `{"error":{"type":"invalid_request_error","code":"api_key_expired","message":"Expired API Key provided: rk_test_****abcd"}}`
	noSuchObject      = `{"error":{"type":"invalid_request_error","code":"resource_missing","param":"id","message":"No such dispute: 'dp_x'"}}`
	unknownRoute      = `{"error":{"type":"invalid_request_error","message":"Unrecognized request URL (POST: /v1/disputes/dp_x)."}}`
	missingParam      = `{"error":{"type":"invalid_request_error","code":"parameter_missing","param":"file","message":"Missing required param: file."}}`
	missingPurpose    = `{"error":{"type":"invalid_request_error","code":"parameter_missing","param":"purpose","message":"Missing required param: purpose."}}`
	missingAmount     = `{"error":{"type":"invalid_request_error","code":"parameter_missing","param":"amount","message":"Missing required param: amount."}}`
	missingCurrency   = `{"error":{"type":"invalid_request_error","code":"parameter_missing","param":"currency","message":"Missing required param: currency."}}`
	invalidPurpose    = `{"error":{"type":"invalid_request_error","code":"parameter_invalid_string","param":"purpose","message":"Invalid purpose: must be one of account_requirement, dispute_evidence, …"}}`
	bare400           = `{"error":{"type":"invalid_request_error","message":"Something about amount is wrong."}}`
	rateLimited       = `{"error":{"type":"invalid_request_error","code":"rate_limit","message":"Too many requests hit the API too quickly."}}`
	serverTrouble     = `{"error":{"type":"api_error","message":"An unknown error occurred"}}`
)

// received is what the fake Stripe received.
type received struct {
	method, path, query, contentType, auth string
	body                                   []byte
}

// fakeStripe serves one canned answer to every request and records them.
func fakeStripe(t *testing.T, a canned) (*Checker, func() []received) {
	t.Helper()
	var (
		mu  sync.Mutex
		log []received
	)
	srv := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		body, _ := io.ReadAll(r.Body)
		mu.Lock()
		log = append(log, received{r.Method, r.URL.Path, r.URL.RawQuery, r.Header.Get("Content-Type"), r.Header.Get("Authorization"), body})
		mu.Unlock()
		w.WriteHeader(a.status)
		_, _ = io.WriteString(w, a.body)
	}))
	t.Cleanup(srv.Close)
	c, err := New(Config{APIURL: srv.URL, UploadsURL: srv.URL, MaxNetworkRetries: -1, Timeout: 5 * time.Second})
	if err != nil {
		t.Fatal(err)
	}
	return c, func() []received { mu.Lock(); defer mu.Unlock(); return append([]received(nil), log...) }
}

func testKey(t testing.TB) Key {
	t.Helper()
	k, err := ParseKey(modern("rk_test_"))
	if err != nil {
		t.Fatal(err)
	}
	return k
}

// probeOnce sends p's one request (for Files, the upload alone) and judges
// it, as Probe does for every other row.
func probeOnce(c *Checker, key Key, p steps.Permission) Result {
	ctx, cancel := context.WithTimeout(context.Background(), c.cfg.Timeout)
	defer cancel()
	return c.probeOne(ctx, c.client(key), key, p)
}

func byScope(t *testing.T, scope string) steps.Permission {
	t.Helper()
	for _, p := range append(append([]steps.Permission{steps.FilesRead}, steps.Required...), diagnostics...) {
		if p.Scope == scope {
			return p
		}
	}
	t.Fatalf("no permission %s", scope)
	return steps.Permission{}
}

func TestProbeJudgesAnswers(t *testing.T) {
	t.Parallel()
	tests := []struct {
		name   string
		scope  string
		canned canned
		want   Status
		detail string // a fragment the detail must contain
	}{
		{"list 200", "rak_charge_read", canned{200, listBody}, Granted, "200"},
		{"list 403 permission", "rak_charge_read", canned{403, deniedBody}, Missing, "lacks this permission"},
		{"list 403 other", "rak_charge_read", canned{403, otherDenied}, Unknown, "not in Stripe's form"},
		{"list 403 other in Stripe's form", "rak_charge_read", canned{403, stripeOtherDenied}, Unknown, "without saying"},
		{"list 403 proxy phrase", "rak_charge_read", canned{403, proxyDenied}, Unknown, "no account, key or permission named"},
		{"list 403 proxy page", "rak_charge_read", canned{403, "<html>does not have the required permissions</html>"}, Unknown, "not Stripe's JSON"},
		{"list 403 IP", "rak_charge_read", canned{403, ipDenied}, Unknown, "IP address"},
		{"dispute 401 IP", "rak_dispute_write", canned{401, ipDenied}, Unknown, "IP address"},
		{"list 401", "rak_customer_read", canned{401, invalidKey}, Unknown, "refused the key"},
		{"list 429", "rak_invoice_read", canned{429, rateLimited}, Unknown, "429"},
		{"list 500", "rak_review_read", canned{500, serverTrouble}, Unknown, "500"},
		{"list 502 html", "rak_review_read", canned{502, "<html>bad gateway</html>"}, Unknown, "502"},
		{"list 200 not JSON", "rak_subscription_read", canned{200, "<html>captive portal</html>"}, Unknown, "not Stripe's JSON"},
		{"list 418 empty", "rak_payment_method_read", canned{418, ""}, Unknown, "418"},
		{"list 404", "rak_payment_intent_read", canned{404, noSuchObject}, Unknown, "where 200 was expected"},
		{"files 400", "rak_file_write", canned{400, missingParam}, Granted, "400"},
		{"files 400 purpose missing", "rak_file_write", canned{400, missingPurpose}, Granted, "400"},
		{"files 400 invalid purpose", "rak_file_write", canned{400, invalidPurpose}, Unknown, "parameter_invalid_string, param purpose"},
		{"files 400 no code", "rak_file_write", canned{400, bare400}, Unknown, "not with the expected reason"},
		{"files 400 another param", "rak_file_write", canned{400, missingAmount}, Unknown, "param amount"},
		{"charges write 400 amount", "rak_charge_write", canned{400, missingAmount}, Granted, "400"},
		{"charges write 400 other param", "rak_charge_write", canned{400, missingCurrency}, Unknown, "param currency"},
		{"charges write 400 no code", "rak_charge_write", canned{400, bare400}, Unknown, "Something about amount"},
		{"payment intents write 400 amount", "rak_payment_intent_write", canned{400, missingAmount}, Granted, "400"},
		{"payment intents write 400 file", "rak_payment_intent_write", canned{400, missingParam}, Unknown, "param file"},
		{"files 200", "rak_file_write", canned{200, `{"id":"file_1","object":"file"}`}, Unknown, "where 400 was expected"},
		{"files 403", "rak_file_write", canned{403, deniedBody}, Missing, "rak_charge_read"},
		{"dispute 404 resource_missing", "rak_dispute_write", canned{404, noSuchObject}, Granted, "404"},
		{"dispute 404 unknown route", "rak_dispute_write", canned{404, unknownRoute}, Unknown, "not with the expected reason"},
		{"dispute 400", "rak_dispute_write", canned{400, missingParam}, Unknown, "where 404 was expected"},
		{"dispute 200", "rak_dispute_write", canned{200, `{"id":"dp_1"}`}, Unknown, "where 404 was expected"},
		{"dispute 403", "rak_dispute_write", canned{403, deniedBody}, Missing, "403"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			t.Parallel()
			c, log := fakeStripe(t, tt.canned)
			key := testKey(t)
			p := byScope(t, tt.scope)
			r := probeOnce(c, key, p)
			if r.Status != tt.want || !strings.Contains(r.Detail, tt.detail) {
				t.Errorf("Probe = %s (%s), want %s with %q", r.Status, r.Detail, tt.want, tt.detail)
			}
			if r.Permission != p {
				t.Errorf("row is %s, want %s", r.Permission, p)
			}
			if (r.Status == Missing) != (r.Fix != "") {
				t.Errorf("Fix %q for a %s row", r.Fix, r.Status)
			}
			if n := len(log()); n != 1 {
				t.Errorf("%d requests, want exactly 1 (no retries configured)", n)
			}
			if strings.Contains(r.Detail+r.Fix, key.Reveal()) {
				t.Errorf("detail shows the key")
			}
		})
	}
}

func TestProbeReadsAccountFromDenial(t *testing.T) {
	t.Parallel()
	c, _ := fakeStripe(t, canned{403, deniedBody})
	r := c.Probe(context.Background(), testKey(t), steps.Required[0])
	if r.accountID != "acct_1Fake" {
		t.Errorf("account id %q, want acct_1Fake", r.accountID)
	}
}

// TestProbeRequests pins each probe's request to stripe-notes.md's table:
// the method and path, limit=1 on lists, an empty body on writes, and an
// empty multipart upload (no part at all: neither purpose nor file).
func TestProbeRequests(t *testing.T) {
	t.Parallel()
	tests := []struct {
		scope, method, pathPrefix, query string
	}{
		{"rak_charge_read", "GET", "/v1/charges", "limit=1"},
		{"rak_customer_read", "GET", "/v1/customers", "limit=1"},
		{"rak_file_write", "POST", "/v1/files", ""},
		{"rak_file_read", "GET", "/v1/files", "limit=1"},
		{"rak_payment_intent_read", "GET", "/v1/payment_intents", "limit=1"},
		{"rak_payment_method_read", "GET", "/v1/payment_methods", "limit=1"},
		{"rak_invoice_read", "GET", "/v1/invoices", "limit=1"},
		{"rak_subscription_read", "GET", "/v1/subscriptions", "limit=1"},
		{"rak_dispute_write", "POST", "/v1/disputes/dp_justt_probe_", ""},
		{"rak_review_read", "GET", "/v1/reviews", "limit=1"},
		{"rak_issuing_dispute_read", "GET", "/v1/issuing/disputes/idp_justt_probe_", ""},
		{"rak_issuing_dispute_write", "POST", "/v1/issuing/disputes/idp_justt_probe_", ""},
		{"rak_charge_write", "POST", "/v1/charges", ""},
		{"rak_customer_write", "POST", "/v1/customers/cus_justt_probe_", ""},
		{"rak_payment_intent_write", "POST", "/v1/payment_intents", ""},
		{"rak_payment_method_write", "POST", "/v1/payment_methods/pm_justt_probe_", ""},
		{"rak_invoice_write", "POST", "/v1/invoices/in_justt_probe_", ""},
		{"rak_subscription_write", "POST", "/v1/subscriptions/sub_justt_probe_", ""},
	}
	for _, tt := range tests {
		t.Run(tt.scope, func(t *testing.T) {
			t.Parallel()
			c, log := fakeStripe(t, canned{403, deniedBody})
			key := testKey(t)
			probeOnce(c, key, byScope(t, tt.scope))
			got := log()
			if len(got) != 1 {
				t.Fatalf("%d requests, want 1", len(got))
			}
			r := got[0]
			if r.method != tt.method || !strings.HasPrefix(r.path, tt.pathPrefix) || r.query != tt.query {
				t.Errorf("sent %s %s?%s, want %s %s…?%s", r.method, r.path, r.query, tt.method, tt.pathPrefix, tt.query)
			}
			if r.auth != "Bearer "+key.Reveal() {
				t.Errorf("Authorization header is not this run's key")
			}
			if tt.scope == "rak_file_write" {
				checkNoParts(t, r)
			} else if len(r.body) != 0 {
				t.Errorf("body %q, want empty", r.body)
			}
		})
	}
}

func checkNoParts(t *testing.T, r received) {
	t.Helper()
	mt, params, err := mime.ParseMediaType(r.contentType)
	if err != nil || mt != "multipart/form-data" || params["boundary"] == "" {
		t.Fatalf("content type %q, want multipart/form-data with a boundary", r.contentType)
	}
	mr := multipart.NewReader(strings.NewReader(string(r.body)), params["boundary"])
	var fields []string
	for {
		part, err := mr.NextPart()
		if err == io.EOF {
			break
		}
		if err != nil {
			t.Fatalf("the body is not valid multipart: %v", err)
		}
		v, _ := io.ReadAll(part)
		fields = append(fields, part.FormName()+"="+string(v))
	}
	if len(fields) != 0 {
		t.Errorf("multipart fields %q, want none", fields)
	}
	if want := "--" + params["boundary"] + "--"; !strings.Contains(string(r.body), want) {
		t.Errorf("body %q lacks the closing boundary %q", r.body, want)
	}
}

func TestProbeWrongKindSendsNothing(t *testing.T) {
	t.Parallel()
	c, log := fakeStripe(t, canned{200, listBody})
	for _, raw := range []string{modern("pk_live_"), "whsec_" + fakeBody(32), "not_a_stripe_key_" + fakeBody(20)} {
		k, err := ParseKey(raw)
		if err != nil {
			t.Fatal(err)
		}
		if r := c.Probe(context.Background(), k, steps.Required[0]); r.Status != Unknown {
			t.Errorf("%s: Probe = %s, want unknown", k.Kind(), r.Status)
		}
		if d := c.Diagnose(context.Background(), k); d.AccountID != "" || len(d.Excess)+len(d.Issuing)+len(d.Problems) != 0 {
			t.Errorf("%s: Diagnose found %+v", k.Kind(), d)
		}
	}
	if n := len(log()); n != 0 {
		t.Errorf("%d requests sent for keys that must not be sent", n)
	}
}

package sandbox

import (
	"bytes"
	"mime/multipart"
	"net/http"
	"net/url"
	"strings"
	"testing"

	"github.com/stripe/stripe-go/v76"
)

// Each check in Stripe's order: auth → permission → lookup/params → success.
func TestChecksRunInStripesOrder(t *testing.T) {
	t.Parallel()
	s, u := newServer(t)
	rolled := s.MintKey("rak_dispute_write")
	s.Roll(rolled)
	tests := []struct {
		name, method, path, key string
		form                    url.Values
		status                  int
		code, param             string
	}{
		{"bad key before permission", "POST", "/v1/disputes/dp_x", rolled, nil, 401, "", ""},
		{"permission before lookup", "POST", "/v1/disputes/dp_x", s.MintKey("rak_dispute_read"), nil, 403, "", ""},
		{"lookup after permission", "POST", "/v1/disputes/dp_x", s.MintKey("rak_dispute_write"), nil, 404, "resource_missing", "dispute"},
		{"permission before params", "POST", "/v1/charges", s.MintKey("rak_charge_read"), nil, 403, "", ""},
		{"params after permission", "POST", "/v1/charges", s.MintKey("rak_charge_write"), nil, 400, "parameter_missing", "amount"},
		{"payment intent params", "POST", "/v1/payment_intents", s.MintKey("rak_payment_intent_write"), nil, 400, "parameter_missing", "amount"},
		{"customer lookup", "POST", "/v1/customers/cus_nope", s.MintKey("rak_customer_write"), nil, 404, "resource_missing", "id"},
		{"issuing read lookup", "GET", "/v1/issuing/disputes/idp_nope", s.MintKey("rak_issuing_dispute_read"), nil, 404, "resource_missing", "dispute"},
		{"issuing write lookup", "POST", "/v1/issuing/disputes/idp_nope", s.MintKey("rak_issuing_dispute_write"), nil, 404, "resource_missing", "dispute"},
		{"unknown URL", "GET", "/v1/nothing_here", s.MintSecretKey(), nil, 404, "", ""},
		{"known path, wrong method", "DELETE", "/v1/charges", s.MintSecretKey(), nil, 404, "", ""},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			a := do(t, u, tc.method, tc.path, tc.key, tc.form)
			if a.status != tc.status || a.errorField("code") != tc.code || a.errorField("param") != tc.param {
				t.Errorf("got %d code %q param %q (%s), want %d code %q param %q",
					a.status, a.errorField("code"), a.errorField("param"), a.errorField("message"), tc.status, tc.code, tc.param)
			}
		})
	}
	if a := do(t, u, "GET", "/v1/nothing_here", s.MintSecretKey(), nil); !strings.HasPrefix(a.errorField("message"), "Unrecognized request URL (GET: /v1/nothing_here)") {
		t.Errorf("unknown URL message %q", a.errorField("message"))
	}
	if a := do(t, u, "POST", "/v1/disputes/dp_x", s.MintSecretKey(), nil); a.errorField("message") != "No such dispute: 'dp_x'" {
		t.Errorf("dispute 404 message %q", a.errorField("message"))
	}
	if m := s.Mutations(); len(m) != 0 {
		t.Errorf("failed requests were logged as changes: %+v", m)
	}
}

// What creates an object is flagged as a mutation, what fails is not.
func TestWritesThatSucceedAreMutations(t *testing.T) {
	t.Parallel()
	s, u := newServer(t)
	sc := stripeClient(u, s.MintKey("rak_customer_write", "rak_charge_write", "rak_payment_intent_write", "rak_file_write"), 0)
	cus, err := sc.Customers.New(&stripe.CustomerParams{}) // no required params: it creates
	if err != nil || cus.ID == "" || cus.Object != "customer" {
		t.Fatalf("customer create: %+v, %v", cus, err)
	}
	if _, err := sc.Customers.Update(cus.ID, &stripe.CustomerParams{Name: stripe.String("Ada")}); err != nil {
		t.Fatalf("customer update: %v", err)
	}
	if _, err := sc.Charges.New(&stripe.ChargeParams{Amount: stripe.Int64(500), Currency: stripe.String("usd")}); err != nil {
		t.Fatalf("charge create: %v", err)
	}
	if _, err := sc.PaymentIntents.New(&stripe.PaymentIntentParams{Amount: stripe.Int64(500), Currency: stripe.String("usd")}); err != nil {
		t.Fatalf("payment intent create: %v", err)
	}
	f, err := sc.Files.New(&stripe.FileParams{Purpose: stripe.String("dispute_evidence"),
		Filename: stripe.String("receipt.pdf"), FileReader: strings.NewReader("%PDF-1.4 receipt")})
	if err != nil || f.Size != 16 || f.Filename != "receipt.pdf" {
		t.Fatalf("file create: %+v, %v", f, err)
	}
	_, err = sc.Files.New(&stripe.FileParams{Filename: stripe.String("x.pdf"), FileReader: strings.NewReader("x")})
	if se := stripeErr(t, err); se.HTTPStatusCode != 400 || se.Param != "purpose" {
		t.Errorf("upload without purpose: %d %q, want 400 purpose", se.HTTPStatusCode, se.Param)
	}
	var got []string
	for _, r := range s.Mutations() {
		got = append(got, r.Method+" "+r.Path)
	}
	want := "POST /v1/customers|POST /v1/customers/" + cus.ID + "|POST /v1/charges|POST /v1/payment_intents|POST /v1/files"
	if strings.Join(got, "|") != want {
		t.Errorf("mutations %q, want %q", strings.Join(got, "|"), want)
	}
	it := sc.Customers.List(&stripe.CustomerListParams{})
	if !it.Next() || it.Customer().ID != cus.ID || it.Customer().Name != "Ada" {
		t.Errorf("the created customer is not listed as updated (err %v)", it.Err())
	}
}

// The Files probe: an empty multipart body, as stripe-go sends it, is a
// 400 for the missing file, not an upload.
func TestEmptyUploadIsMissingFile(t *testing.T) {
	t.Parallel()
	s, u := newServer(t)
	key := s.MintKey("rak_file_write")
	_, err := stripeClient(u, key, 0).Files.New(&stripe.FileParams{})
	if se := stripeErr(t, err); se.HTTPStatusCode != 400 || se.Code != "parameter_missing" || se.Param != "file" {
		t.Errorf("stripe-go empty upload: %d %q %q, want 400 parameter_missing file", se.HTTPStatusCode, se.Code, se.Param)
	}
	var body bytes.Buffer
	w := multipart.NewWriter(&body)
	_ = w.Close()
	for _, tc := range []struct{ name, contentType, body string }{
		{"closing boundary only", w.FormDataContentType(), body.String()},
		{"no body at all", w.FormDataContentType(), ""},
		{"not multipart", "application/x-www-form-urlencoded", ""},
	} {
		req, _ := http.NewRequest("POST", u+"/v1/files", strings.NewReader(tc.body))
		req.Header.Set("Content-Type", tc.contentType)
		req.Header.Set("Authorization", "Bearer "+key)
		if a := send(t, http.DefaultClient, req); a.status != 400 || a.errorField("param") != "file" {
			t.Errorf("%s: %d %q, want 400 file", tc.name, a.status, a.errorField("param"))
		}
	}
	if m := s.Mutations(); len(m) != 0 {
		t.Errorf("an empty upload was logged as a change: %+v", m)
	}
}

func TestListsAreStripeShaped(t *testing.T) {
	t.Parallel()
	s, u := newServer(t)
	key := s.MintSecretKey()
	for _, path := range []string{"/v1/charges", "/v1/customers", "/v1/payment_intents", "/v1/payment_methods",
		"/v1/invoices", "/v1/subscriptions", "/v1/reviews", "/v1/disputes", "/v1/webhook_endpoints"} {
		a := do(t, u, "GET", path+"?limit=1", key, nil)
		data, isList := a.body["data"].([]any)
		if a.status != 200 || a.body["object"] != "list" || !isList || len(data) != 0 || a.body["has_more"] != false || a.body["url"] != path {
			t.Errorf("GET %s: %d %s, want an empty Stripe list", path, a.status, a.raw)
		}
	}
	for _, bad := range []string{"0", "101", "ten"} {
		if a := do(t, u, "GET", "/v1/charges?limit="+bad, key, nil); a.status != 400 || a.errorField("param") != "limit" {
			t.Errorf("limit=%s: %d %q, want 400 limit", bad, a.status, a.errorField("param"))
		}
	}
}

func TestAccountIsReadableWithItsScope(t *testing.T) {
	t.Parallel()
	s, u := newServer(t)
	acct, err := stripeClient(u, s.MintKey("rak_accounts_kyc_basic_read"), 0).Accounts.Get()
	if err != nil || acct.ID != s.AccountID() || acct.Object != "account" {
		t.Fatalf("GET /v1/account: %+v, %v", acct, err)
	}
}

package sandbox

import (
	"net/url"
	"strings"
)

// route is one endpoint of the fake Stripe: what it needs and what it does.
type route struct {
	method  string
	pattern string // "/v1/customers/{id}": {name} matches one path segment
	scope   string // the permission a restricted key needs
	// orScope also admits a key, or is "": Stripe's upload endpoint lets a
	// key with Disputes: Write through with Files at None (its 403 names
	// rak_dispute_write; stripe-notes.md, "Second pass").
	orScope string
	deny    denial // how the 403 is worded
	upload  bool   // multipart/form-data (files.stripe.com)
	handle  func(*call) reply
}

// call is one request that passed authentication and the permission check.
type call struct {
	s      *Sandbox
	key    *apiKey
	path   string
	vars   map[string]string
	query  url.Values
	form   url.Values
	upload *upload // the file part of a multipart request, if any
}

// upload is what the sandbox keeps of an uploaded file part.
type upload struct {
	filename string
	size     int64
}

func single(scope string) denial { return denial{form: formSingle, named: []string{scope}} }

func enabling(label, scope string) denial {
	return denial{form: formEnabling, label: label, named: []string{scope}}
}

// routeTable lists every endpoint. The 403 wording per endpoint is fixed so
// tests can rely on it, and spread so every form Stripe uses is served:
//
//	form 1 (single scope): charges, customers, disputes, payment_intents POST,
//	  webhook_endpoints list and create, files list; the upload names
//	  rak_dispute_write (wrong, as seen in the wild) and lets a key with
//	  Disputes: Write through whatever its Files access
//	form 2 (alternatives): payment_intents and subscriptions lists
//	form 3 (Permission denied … Enabling): payment_methods, invoices, issuing disputes
//	form 4 (Having more permissions): reviews, webhook endpoint retrieve/update/delete
//	form 5 (not available for restricted keys): account
func (s *Sandbox) routeTable() []route {
	return []route{
		{method: "GET", pattern: "/v1/charges", scope: "rak_charge_read", deny: single("rak_charge_read"), handle: listObjects},
		{method: "POST", pattern: "/v1/charges", scope: "rak_charge_write", deny: single("rak_charge_write"), handle: createCharge},
		{method: "GET", pattern: "/v1/customers", scope: "rak_customer_read", deny: single("rak_customer_read"), handle: listObjects},
		{method: "POST", pattern: "/v1/customers", scope: "rak_customer_write", deny: single("rak_customer_write"), handle: createCustomer},
		{method: "POST", pattern: "/v1/customers/{id}", scope: "rak_customer_write", deny: single("rak_customer_write"), handle: updateCustomer},
		{method: "POST", pattern: "/v1/files", scope: "rak_file_write", orScope: "rak_dispute_write", deny: single("rak_dispute_write"), upload: true, handle: createFile},
		{method: "GET", pattern: "/v1/files", scope: "rak_file_read", deny: single("rak_file_read"), handle: listObjects},
		{method: "GET", pattern: "/v1/payment_intents", scope: "rak_payment_intent_read",
			deny: denial{form: formAlternative, named: []string{"rak_payment_intent_read", "rak_checkout_session_read"}}, handle: listObjects},
		{method: "POST", pattern: "/v1/payment_intents", scope: "rak_payment_intent_write", deny: single("rak_payment_intent_write"), handle: createPaymentIntent},
		{method: "GET", pattern: "/v1/payment_methods", scope: "rak_payment_method_read", deny: enabling("PaymentMethods Read", "rak_payment_method_read"), handle: listObjects},
		{method: "POST", pattern: "/v1/payment_methods/{id}", scope: "rak_payment_method_write", deny: enabling("PaymentMethods Write", "rak_payment_method_write"), handle: noSuchObject("payment_method")},
		{method: "GET", pattern: "/v1/invoices", scope: "rak_invoice_read", deny: enabling("Invoices Read", "rak_invoice_read"), handle: listObjects},
		{method: "POST", pattern: "/v1/invoices/{id}", scope: "rak_invoice_write", deny: enabling("Invoices Write", "rak_invoice_write"), handle: noSuchObject("invoice")},
		{method: "POST", pattern: "/v1/subscriptions/{id}", scope: "rak_subscription_write", deny: single("rak_subscription_write"), handle: noSuchObject("subscription")},
		{method: "GET", pattern: "/v1/subscriptions", scope: "rak_subscription_read",
			deny: denial{form: formAlternative, named: []string{"rak_subscription_read", "rak_invoice_read"}}, handle: listObjects},
		{method: "GET", pattern: "/v1/reviews", scope: "rak_review_read", deny: denial{form: formMore}, handle: listObjects},
		{method: "GET", pattern: "/v1/disputes", scope: "rak_dispute_read", deny: single("rak_dispute_read"), handle: listObjects},
		{method: "POST", pattern: "/v1/disputes/{id}", scope: "rak_dispute_write", deny: single("rak_dispute_write"), handle: updateDispute},
		{method: "GET", pattern: "/v1/issuing/disputes/{id}", scope: "rak_issuing_dispute_read",
			deny: enabling("Issuing Disputes Read", "rak_issuing_dispute_read"), handle: issuingDispute},
		{method: "POST", pattern: "/v1/issuing/disputes/{id}", scope: "rak_issuing_dispute_write",
			deny: enabling("Issuing Disputes Write", "rak_issuing_dispute_write"), handle: issuingDispute},
		{method: "GET", pattern: "/v1/account", scope: "rak_accounts_kyc_basic_read", deny: denial{form: formRestricted}, handle: getAccount},
		{method: "GET", pattern: "/v1/webhook_endpoints", scope: "rak_webhook_read", deny: single("rak_webhook_read"), handle: listWebhooks},
		{method: "POST", pattern: "/v1/webhook_endpoints", scope: "rak_webhook_write", deny: single("rak_webhook_write"), handle: createWebhook},
		{method: "GET", pattern: "/v1/webhook_endpoints/{id}", scope: "rak_webhook_read", deny: denial{form: formMore}, handle: retrieveWebhook},
		{method: "POST", pattern: "/v1/webhook_endpoints/{id}", scope: "rak_webhook_write", deny: denial{form: formMore}, handle: updateWebhook},
		{method: "DELETE", pattern: "/v1/webhook_endpoints/{id}", scope: "rak_webhook_write", deny: denial{form: formMore}, handle: deleteWebhook},
	}
}

// findRoute matches method and path against the table. Stripe answers a
// known path with the wrong method as an unrecognized URL, so the sandbox
// does not tell the two apart either.
func (s *Sandbox) findRoute(method, path string) (*route, map[string]string) {
	for i := range s.routes {
		r := &s.routes[i]
		if r.method != method {
			continue
		}
		if vars, ok := matchPattern(r.pattern, path); ok {
			return r, vars
		}
	}
	return nil, nil
}

func matchPattern(pattern, path string) (map[string]string, bool) {
	want := strings.Split(strings.Trim(pattern, "/"), "/")
	got := strings.Split(strings.Trim(path, "/"), "/")
	if len(want) != len(got) {
		return nil, false
	}
	vars := map[string]string{}
	for i, w := range want {
		if name, ok := strings.CutPrefix(w, "{"); ok {
			if got[i] == "" {
				return nil, false
			}
			vars[strings.TrimSuffix(name, "}")] = got[i]
		} else if w != got[i] {
			return nil, false
		}
	}
	return vars, true
}

// isWrite reports whether method can change an object.
func isWrite(method string) bool { return method != "GET" && method != "HEAD" }

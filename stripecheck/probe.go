package stripecheck

import (
	"context"
	"crypto/rand"
	"encoding/hex"
	"net/http"

	"github.com/justt-ai/justt-onboard/steps"
	stripe "github.com/stripe/stripe-go/v76"
	"github.com/stripe/stripe-go/v76/client"
)

// probe is the one request that tells whether a key holds a permission,
// and the status only a key holding it gets. Every probe is refused or
// fails validation before anything is created or changed: reads are lists
// of one, writes target an id that cannot exist or omit a required field.
type probe struct {
	request string // for documentation and details, e.g. "GET /v1/charges?limit=1"
	want    expected
	send    func(api *client.API, p stripe.Params) error
}

// expected is the answer only a key holding the permission gets.
type expected struct {
	status int
	// omitted are the parameters a 400 probe leaves out on purpose: its
	// 400 counts only as parameter_missing naming one of them, since any
	// other 400 (a bad value, a malformed request) says nothing about the key.
	omitted []string
}

var (
	wantOK       = expected{status: http.StatusOK}
	wantNoSuchID = expected{status: http.StatusNotFound}
)

// wantMissing is a 400 saying one of params is missing.
func wantMissing(params ...string) expected {
	return expected{status: http.StatusBadRequest, omitted: params}
}

// probes, by steps.Permission.Scope: the nine of steps.Required (the
// table of stripe-notes.md) and the related permissions Diagnose looks at.
var probes = map[string]probe{
	"rak_charge_read": {"GET /v1/charges?limit=1", wantOK, func(api *client.API, p stripe.Params) error {
		return api.Charges.List(&stripe.ChargeListParams{ListParams: listOne(p)}).Err()
	}},
	"rak_customer_read": {"GET /v1/customers?limit=1", wantOK, func(api *client.API, p stripe.Params) error {
		return api.Customers.List(&stripe.CustomerListParams{ListParams: listOne(p)}).Err()
	}},
	// An empty multipart body (no part at all, as stripe-notes.md says):
	// Stripe answers 400 (file or purpose missing) once the key may upload,
	// and stores nothing. No purpose is sent: a purpose such as
	// dispute_evidence may bring its own permission check (a 403 on upload
	// has been seen naming rak_dispute_write), which would blur the answer.
	"rak_file_write": {"POST files.stripe.com/v1/files (empty multipart body)", wantMissing("file", "purpose"), func(api *client.API, p stripe.Params) error {
		_, err := api.Files.New(&stripe.FileParams{Params: p})
		return err
	}},
	// The second witness of Files: Write (see probeFiles): Files: Read,
	// which Write includes, lists files; a key at None cannot.
	"rak_file_read": {"GET /v1/files?limit=1", wantOK, func(api *client.API, p stripe.Params) error {
		return api.Files.List(&stripe.FileListParams{ListParams: listOne(p)}).Err()
	}},
	"rak_payment_intent_read": {"GET /v1/payment_intents?limit=1", wantOK, func(api *client.API, p stripe.Params) error {
		return api.PaymentIntents.List(&stripe.PaymentIntentListParams{ListParams: listOne(p)}).Err()
	}},
	"rak_payment_method_read": {"GET /v1/payment_methods?limit=1", wantOK, func(api *client.API, p stripe.Params) error {
		return api.PaymentMethods.List(&stripe.PaymentMethodListParams{ListParams: listOne(p)}).Err()
	}},
	"rak_invoice_read": {"GET /v1/invoices?limit=1", wantOK, func(api *client.API, p stripe.Params) error {
		return api.Invoices.List(&stripe.InvoiceListParams{ListParams: listOne(p)}).Err()
	}},
	"rak_subscription_read": {"GET /v1/subscriptions?limit=1", wantOK, func(api *client.API, p stripe.Params) error {
		return api.Subscriptions.List(&stripe.SubscriptionListParams{ListParams: listOne(p)}).Err()
	}},
	// Stripe checks the permission before looking the dispute up, so 404
	// (no such dispute) means the key may write disputes, 403 that it may not.
	"rak_dispute_write": {"POST /v1/disputes/dp_… (no such dispute, empty body)", wantNoSuchID, func(api *client.API, p stripe.Params) error {
		_, err := api.Disputes.Update(nonexistentID("dp"), &stripe.DisputeParams{Params: p})
		return err
	}},
	"rak_review_read": {"GET /v1/reviews?limit=1", wantOK, func(api *client.API, p stripe.Params) error {
		return api.Reviews.List(&stripe.ReviewListParams{ListParams: listOne(p)}).Err()
	}},

	// The Issuing look-alike of Disputes (the step 7 trap).
	"rak_issuing_dispute_read": {"GET /v1/issuing/disputes/idp_… (no such dispute)", wantNoSuchID, func(api *client.API, p stripe.Params) error {
		_, err := api.IssuingDisputes.Get(nonexistentID("idp"), &stripe.IssuingDisputeParams{Params: p})
		return err
	}},
	"rak_issuing_dispute_write": {"POST /v1/issuing/disputes/idp_… (no such dispute, empty body)", wantNoSuchID, func(api *client.API, p stripe.Params) error {
		_, err := api.IssuingDisputes.Update(nonexistentID("idp"), &stripe.IssuingDisputeParams{Params: p})
		return err
	}},

	// Write access Justt does not need. Creates without their required
	// amount fail with 400; POST /v1/customers with no id would create a
	// customer (it has no required field), so Customers is probed by
	// updating one that cannot exist.
	"rak_charge_write": {"POST /v1/charges (no amount)", wantMissing("amount"), func(api *client.API, p stripe.Params) error {
		_, err := api.Charges.New(&stripe.ChargeParams{Params: p})
		return err
	}},
	"rak_customer_write": {"POST /v1/customers/cus_… (no such customer, empty body)", wantNoSuchID, func(api *client.API, p stripe.Params) error {
		_, err := api.Customers.Update(nonexistentID("cus"), &stripe.CustomerParams{Params: p})
		return err
	}},
	"rak_payment_intent_write": {"POST /v1/payment_intents (no amount)", wantMissing("amount"), func(api *client.API, p stripe.Params) error {
		_, err := api.PaymentIntents.New(&stripe.PaymentIntentParams{Params: p})
		return err
	}},
	// Creates here have no required field, or attach and charge: only
	// updates of ids that cannot exist are safe (404 means Write).
	"rak_payment_method_write": {"POST /v1/payment_methods/pm_… (no such payment method, empty body)", wantNoSuchID, func(api *client.API, p stripe.Params) error {
		_, err := api.PaymentMethods.Update(nonexistentID("pm"), &stripe.PaymentMethodParams{Params: p})
		return err
	}},
	"rak_invoice_write": {"POST /v1/invoices/in_… (no such invoice, empty body)", wantNoSuchID, func(api *client.API, p stripe.Params) error {
		_, err := api.Invoices.Update(nonexistentID("in"), &stripe.InvoiceParams{Params: p})
		return err
	}},
	"rak_subscription_write": {"POST /v1/subscriptions/sub_… (no such subscription, empty body)", wantNoSuchID, func(api *client.API, p stripe.Params) error {
		_, err := api.Subscriptions.Update(nonexistentID("sub"), &stripe.SubscriptionParams{Params: p})
		return err
	}},
}

// listOne asks for one object and one page only.
func listOne(p stripe.Params) stripe.ListParams {
	return stripe.ListParams{Context: p.Context, Limit: stripe.Int64(1), Single: true}
}

// nonexistentID is an id no Stripe object can have: Stripe ids never hold
// a second underscore, and the random part keeps two runs apart.
func nonexistentID(prefix string) string {
	b := make([]byte, 8)
	_, _ = rand.Read(b) // crypto/rand.Read never fails (Go 1.24+)
	return prefix + "_justt_probe_" + hex.EncodeToString(b)
}

// Probe checks one permission with one side-effect-free request (plus
// stripe-go's retries). The wizard runs one Probe per row as a tea.Cmd so
// each row's spinner stops as its answer arrives. A key that must not be
// sent (see WrongKind) gets an unknown row and no request.
func (c *Checker) Probe(ctx context.Context, key Key, p steps.Permission) Result {
	if problem, wrong := WrongKind(key); wrong {
		return Result{Permission: p, Status: Unknown, Detail: "not checked: " + problem.Message}
	}
	ctx, cancel := context.WithTimeout(ctx, c.cfg.Timeout)
	defer cancel()
	return c.probe(ctx, c.client(key), key, p)
}

// probe sends p's request (two for Files: Write) with api and judges the answer.
func (c *Checker) probe(ctx context.Context, api *client.API, key Key, p steps.Permission) Result {
	if p.Scope == filesWrite {
		return c.probeFiles(ctx, api, key, p)
	}
	return c.probeOne(ctx, api, key, p)
}

// probeOne sends p's one request and judges the answer.
func (c *Checker) probeOne(ctx context.Context, api *client.API, key Key, p steps.Permission) Result {
	pr, ok := probes[p.Scope]
	if !ok {
		return Result{Permission: p, Status: Unknown, Detail: "no probe is known for " + p.String()}
	}
	ctx, _ = withAttempts(ctx)
	err := pr.send(api, stripe.Params{Context: ctx})
	return judge(ctx, p, pr.want, err, key)
}

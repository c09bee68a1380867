package sandbox

import (
	"net/http"
	"path"
	"strconv"
	"strings"
	"time"
)

// object is a stored Stripe object as it is sent: "id" and "object" always.
type object map[string]any

func (o object) id() string { return o["id"].(string) }

// newObject starts a Stripe-shaped object of kind with a fresh id.
func newObject(c *call, kind, idPrefix string, idLength int) object {
	return object{
		"id":       idPrefix + randomAlphanumeric(idLength),
		"object":   kind,
		"created":  time.Now().Unix(),
		"livemode": c.key.live,
		"metadata": metadataOf(c.form, nil),
	}
}

// store keeps o for the list at listPath; s.mu is held.
func (c *call) store(listPath string, o object) reply {
	c.s.objects[listPath] = append(c.s.objects[listPath], o)
	return reply{status: http.StatusOK, body: o, mutating: true}
}

// listObjects serves GET /v1/<things> from what this sandbox created in the
// key's mode (usually nothing: the sandbox starts empty).
func listObjects(c *call) reply {
	var mine []object
	for _, o := range c.s.objects[c.path] {
		if o["livemode"] == c.key.live {
			mine = append(mine, o)
		}
	}
	noun := strings.TrimSuffix(path.Base(c.path), "s")
	return listReply(c, newestFirst(mine), noun, object.id, func(o object) any { return o })
}

func createCharge(c *call) reply {
	amount, bad := requiredAmount(c)
	if bad != nil {
		return *bad
	}
	o := newObject(c, "charge", "ch_", 24)
	o["amount"], o["currency"], o["status"], o["paid"] = amount, currencyOf(c), "succeeded", true
	return c.store("/v1/charges", o)
}

func createPaymentIntent(c *call) reply {
	amount, bad := requiredAmount(c)
	if bad != nil {
		return *bad
	}
	o := newObject(c, "payment_intent", "pi_", 24)
	o["amount"], o["currency"], o["status"] = amount, currencyOf(c), "requires_payment_method"
	return c.store("/v1/payment_intents", o)
}

// createCustomer has no required parameter: an empty POST creates a
// customer, which is why no probe may use it.
func createCustomer(c *call) reply {
	o := newObject(c, "customer", "cus_", 14)
	for _, field := range []string{"email", "name", "description"} {
		o[field] = optional(c.form, field)
	}
	return c.store("/v1/customers", o)
}

func updateCustomer(c *call) reply {
	id := c.vars["id"]
	for _, o := range c.s.objects["/v1/customers"] {
		if o.id() == id && o["livemode"] == c.key.live {
			for _, field := range []string{"email", "name", "description"} {
				if c.form.Has(field) {
					o[field] = optional(c.form, field)
				}
			}
			o["metadata"] = metadataOf(c.form, o["metadata"].(map[string]string))
			return reply{status: http.StatusOK, body: o, mutating: true}
		}
	}
	return noSuch("customer", "id", id)
}

func createFile(c *call) reply {
	if c.upload == nil {
		return missingParam("file")
	}
	if c.form.Get("purpose") == "" {
		return missingParam("purpose")
	}
	o := newObject(c, "file", "file_", 24)
	delete(o, "metadata")
	o["purpose"], o["filename"], o["size"] = c.form.Get("purpose"), c.upload.filename, c.upload.size
	o["type"] = strings.TrimPrefix(path.Ext(c.upload.filename), ".")
	return c.store("/v1/files", o)
}

// updateDispute always answers 404: the sandbox holds no disputes, so a
// 2xx here would mean something was submitted, which no probe may do.
func updateDispute(c *call) reply { return noSuch("dispute", "dispute", c.vars["id"]) }

// noSuchObject answers an update of an object the sandbox never holds
// (payment methods, invoices, subscriptions): 404, as Stripe answers a key
// with the permission; nothing is changed.
func noSuchObject(noun string) func(*call) reply {
	return func(c *call) reply { return noSuch(noun, "id", c.vars["id"]) }
}

func issuingDispute(c *call) reply { return noSuch("issuing dispute", "dispute", c.vars["id"]) }

func getAccount(c *call) reply {
	return reply{status: http.StatusOK, body: object{
		"id": c.s.accountID, "object": "account", "type": "standard",
		"country": "US", "default_currency": "usd", "email": "owner@merchant.example",
		"business_profile": map[string]any{"name": "Sandbox Merchant"},
		"charges_enabled":  true, "payouts_enabled": true, "details_submitted": true,
	}}
}

func requiredAmount(c *call) (int64, *reply) {
	raw := c.form.Get("amount")
	if raw == "" {
		rep := missingParam("amount")
		return 0, &rep
	}
	amount, err := strconv.ParseInt(raw, 10, 64)
	if err != nil || amount < 0 {
		rep := invalidRequest(http.StatusBadRequest, "parameter_invalid_integer", "amount", "Invalid integer: "+raw)
		return 0, &rep
	}
	return amount, nil
}

func currencyOf(c *call) string {
	if cur := c.form.Get("currency"); cur != "" {
		return strings.ToLower(cur)
	}
	return "usd"
}

// optional is the value, or nil (JSON null) when the parameter is absent.
func optional(form map[string][]string, name string) any {
	if v, ok := form[name]; ok && len(v) > 0 && v[0] != "" {
		return v[0]
	}
	return nil
}

// metadataOf merges metadata[k]=v parameters into base; an empty value
// removes the key, as Stripe does.
func metadataOf(form map[string][]string, base map[string]string) map[string]string {
	out := map[string]string{}
	for k, v := range base {
		out[k] = v
	}
	for name, values := range form {
		k, ok := strings.CutPrefix(name, "metadata[")
		if !ok || !strings.HasSuffix(k, "]") || len(values) == 0 {
			continue
		}
		k = strings.TrimSuffix(k, "]")
		if values[0] == "" {
			delete(out, k)
		} else {
			out[k] = values[0]
		}
	}
	return out
}

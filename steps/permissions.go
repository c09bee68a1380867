package steps

import (
	"fmt"
	"net/url"
	"strings"
)

// Access is the level a restricted key grants on one resource. In Stripe's
// form each row is None, Read or Write, and Write includes Read.
type Access int

const (
	None Access = iota
	Read
	Write
)

// String names the access level as the dashboard does, in lower case for JSON.
func (a Access) String() string {
	switch a {
	case Read:
		return "read"
	case Write:
		return "write"
	}
	return "none"
}

// Title is the access level as the dashboard writes it ("Read", "Write").
func (a Access) Title() string {
	switch a {
	case Read:
		return "Read"
	case Write:
		return "Write"
	}
	return "None"
}

// Sections of Stripe's restricted-key form.
const (
	SectionCore    = "All core resources"
	SectionRadar   = "Radar"
	SectionIssuing = "Issuing"
)

// PermissionStep is the guide step where the permissions are set.
const PermissionStep = 7

// Permission is one row of Stripe's restricted-key form at a given access level.
type Permission struct {
	Resource string // the row's name in the form, e.g. "Disputes"
	// Label is the row's label in today's form when it differs from
	// Resource ("Charges and Refunds"), or "". Resource stays the guide's
	// name and the JSON's.
	Label   string
	Access  Access
	Section string // where the row sits in the form
	// Scope is Stripe's internal name for the permission (e.g. rak_dispute_write),
	// used by the pre-filled key link and by the sandbox. Stripe's 403 messages
	// name scopes too, but not reliably, so checks never decide by it.
	Scope string
	// Trap warns about a look-alike row, or is "".
	Trap string
}

// FormLabel is the row as today's form labels it.
func (p Permission) FormLabel() string {
	if p.Label != "" {
		return p.Label
	}
	return p.Resource
}

// String is "Disputes: Write".
func (p Permission) String() string { return p.Resource + ": " + p.Access.Title() }

// Fix is the sentence that tells the merchant how to grant this permission.
func (p Permission) Fix() string {
	fix := fmt.Sprintf("Step %d: edit the key in Stripe (%s) and, under %s, set %s to %s",
		PermissionStep, EditKeyPath, p.Section, p.FormLabel(), p.Access.Title())
	if p.Trap != "" {
		fix += " (" + p.Trap + ")"
	}
	return fix + "."
}

// chargesLabel is the Charges row's label in today's form.
const chargesLabel = "Charges and Refunds"

// Required is the nine permissions Justt needs (guide step 7), in the guide's order.
var Required = []Permission{
	{Resource: "Charges", Label: chargesLabel, Access: Read, Section: SectionCore, Scope: "rak_charge_read"},
	{Resource: "Customers", Access: Read, Section: SectionCore, Scope: "rak_customer_read"},
	{Resource: "Files", Access: Write, Section: SectionCore, Scope: "rak_file_write"},
	{Resource: "PaymentIntents", Access: Read, Section: SectionCore, Scope: "rak_payment_intent_read"},
	{Resource: "PaymentMethods", Access: Read, Section: SectionCore, Scope: "rak_payment_method_read"},
	{Resource: "Invoices", Access: Read, Section: SectionCore, Scope: "rak_invoice_read"},
	{Resource: "Subscriptions", Access: Read, Section: SectionCore, Scope: "rak_subscription_read"},
	{Resource: "Disputes", Access: Write, Section: SectionCore, Scope: "rak_dispute_write",
		Trap: "the Disputes row under All core resources, not the one under Issuing"},
	{Resource: "Reviews", Access: Read, Section: SectionRadar, Scope: "rak_review_read"},
}

// Related permissions the check looks at without asking for them: the Issuing
// look-alike of Disputes, write access Justt does not need, and webhook setup.
var (
	// FilesRead is the second witness of Files: Write (which includes Read):
	// Stripe's upload endpoint can let a key through on Disputes: Write.
	FilesRead            = Permission{Resource: "Files", Access: Read, Section: SectionCore, Scope: "rak_file_read"}
	IssuingDisputesRead  = Permission{Resource: "Disputes", Access: Read, Section: SectionIssuing, Scope: "rak_issuing_dispute_read"}
	IssuingDisputesWrite = Permission{Resource: "Disputes", Access: Write, Section: SectionIssuing, Scope: "rak_issuing_dispute_write"}
	ChargesWrite         = Permission{Resource: "Charges", Label: chargesLabel, Access: Write, Section: SectionCore, Scope: "rak_charge_write"}
	CustomersWrite       = Permission{Resource: "Customers", Access: Write, Section: SectionCore, Scope: "rak_customer_write"}
	PaymentIntentsWrite  = Permission{Resource: "PaymentIntents", Access: Write, Section: SectionCore, Scope: "rak_payment_intent_write"}
	PaymentMethodsWrite  = Permission{Resource: "PaymentMethods", Access: Write, Section: SectionCore, Scope: "rak_payment_method_write"}
	InvoicesWrite        = Permission{Resource: "Invoices", Access: Write, Section: SectionCore, Scope: "rak_invoice_write"}
	SubscriptionsWrite   = Permission{Resource: "Subscriptions", Access: Write, Section: SectionCore, Scope: "rak_subscription_write"}
	WebhookEndpointsRead = Permission{Resource: "Webhook Endpoints", Access: Read, Section: SectionCore, Scope: "rak_webhook_read"}
	// WebhookEndpointsWrite is what a setup key needs to register the webhook.
	WebhookEndpointsWrite = Permission{Resource: "Webhook Endpoints", Access: Write, Section: SectionCore, Scope: "rak_webhook_write"}
	// AccountRead lets GET /v1/account answer; Justt's key does not need it.
	AccountRead = Permission{Resource: "Account", Access: Read, Section: SectionCore, Scope: "rak_accounts_kyc_basic_read"}
)

// Excess is the write access to the rows Justt reads that a least-privilege
// key should not carry, in the guide's order: every one the check can see
// without side effects (a create missing its required amount, or an update
// of an id that cannot exist). The check warns when one is present; the
// Issuing Disputes row is warned about separately.
var Excess = []Permission{ChargesWrite, CustomersWrite, PaymentIntentsWrite, PaymentMethodsWrite, InvoicesWrite, SubscriptionsWrite}

// PrefilledKeyURL opens Stripe's restricted-key form named Justt with the nine
// permissions ticked (step 4's shortcut). Stripe does not document this link,
// so the manual steps 5-8 stay and the check verifies whatever was created.
func PrefilledKeyURL(testMode bool) string {
	q := url.Values{}
	q.Set("name", KeyName)
	for _, p := range Required {
		q.Add("permissions[]", p.Scope)
	}
	base := CreateKeyURL
	if testMode {
		base = TestModeLink(base)
	}
	return base + "?" + q.Encode()
}

// RequiredByResource finds a required permission by its resource name.
func RequiredByResource(resource string) (Permission, bool) {
	for _, p := range Required {
		if strings.EqualFold(p.Resource, resource) {
			return p, true
		}
	}
	return Permission{}, false
}

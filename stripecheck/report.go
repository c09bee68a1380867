package stripecheck

import (
	"encoding/json"

	"github.com/justt-ai/justt-onboard/steps"
)

// Status is the outcome of probing one permission.
type Status string

const (
	// Granted: Stripe answered in the way only a key with the permission gets.
	Granted Status = "granted"
	// Missing: Stripe answered 403 saying the key lacks permissions.
	Missing Status = "missing"
	// Unknown: no answer that decides it (outage, rate limit, timeout, a
	// status the probe does not expect, or the key could not be probed).
	Unknown Status = "unknown"
)

// Mark is the one-character symbol for a status: ✓, ✗ or ?.
func (s Status) Mark() string {
	switch s {
	case Granted:
		return "✓"
	case Missing:
		return "✗"
	}
	return "?"
}

// Result is one permission's outcome.
type Result struct {
	Permission steps.Permission
	Status     Status
	// Detail says what Stripe answered (status code, reason); never a secret.
	Detail string
	// Fix is the sentence that grants the permission; set when Status is Missing.
	Fix string

	// accountID is the account a 403 named, for Assemble to show.
	accountID string
	// rejection is set when Stripe refused the key itself (401).
	rejection *Problem
	// cause is why an unknown row could not be decided, when a refusal
	// said something about the path to Stripe (FailureNotStripe,
	// FailureIPLimited); "" otherwise.
	cause FailureKind
	// answer identifies a 403 that was not Stripe's (status and redacted
	// message), so Assemble can see the same one came back on every row.
	answer string
}

// Severity of a problem.
type Severity string

const (
	SeverityError   Severity = "error"
	SeverityWarning Severity = "warning"
)

// Problem is something the merchant must fix (error) or should know (warning).
type Problem struct {
	Severity Severity `json:"severity"`
	Code     string   `json:"code"`
	Message  string   `json:"message"`
	Fix      string   `json:"fix"`
}

// Problem codes used across the engine.
const (
	CodeWrongKind        = "wrong_key_kind"
	CodeOrganizationKey  = "organization_key"
	CodeSecretKey        = "secret_key"
	CodeTestMode         = "test_mode_key"
	CodeKeyInvalid       = "key_invalid"
	CodeKeyExpired       = "key_expired"
	CodeIssuingTrap      = "issuing_disputes_instead"
	CodeIssuingExtra     = "issuing_disputes_extra"
	CodeExcessWrite      = "excess_write"
	CodeUnknownStatus    = "undecided"
	CodeNotStripe        = "forbidden_not_stripe"
	CodeIPRestricted     = "ip_restricted"
	CodeWebhookSecretBad = "webhook_secret_format"
)

// WebhookSecretStatus says whether a signing secret came with the check and
// whether it looks right. Its value is never part of a report.
type WebhookSecretStatus struct {
	Provided    bool `json:"provided"`
	ValidFormat bool `json:"valid_format"`
}

// Report is the whole answer of a check.
type Report struct {
	Key         Key
	AccountID   string
	Permissions []Result // always the nine rows of steps.Required, in order
	// Excess is access Justt does not need that the key holds: write
	// access to rows Justt reads (steps.Excess) and any Issuing Disputes.
	Excess   []steps.Permission
	Problems []Problem
	Webhook  WebhookSecretStatus
}

// Ready is true when every permission is granted and no error was found.
func (r Report) Ready() bool {
	if len(r.Permissions) != len(steps.Required) {
		return false
	}
	for _, p := range r.Permissions {
		if p.Status != Granted {
			return false
		}
	}
	return !r.hasError()
}

func (r Report) hasError() bool {
	for _, p := range r.Problems {
		if p.Severity == SeverityError {
			return true
		}
	}
	return false
}

// Exit codes shared by check and the webhook commands.
const (
	ExitReady     = 0
	ExitNotReady  = 1
	ExitUsage     = 2
	ExitUndecided = 3
)

// ExitCode is 0 when ready, 1 when something is definitely wrong (a missing
// permission, a wrong kind of key, a rejected key, a test key where live was
// required), and 3 when the only gaps are rows that could not be decided.
func (r Report) ExitCode() int {
	if r.Ready() {
		return ExitReady
	}
	if r.hasError() {
		return ExitNotReady
	}
	for _, p := range r.Permissions {
		if p.Status == Missing {
			return ExitNotReady
		}
	}
	return ExitUndecided
}

// Count returns how many rows have the given status.
func (r Report) Count(s Status) int {
	n := 0
	for _, p := range r.Permissions {
		if p.Status == s {
			n++
		}
	}
	return n
}

type resultJSON struct {
	Resource string `json:"resource"`
	Access   string `json:"access"`
	Status   Status `json:"status"`
	Detail   string `json:"detail"`
	Fix      string `json:"fix"`
}

type excessJSON struct {
	Resource string `json:"resource"`
	Access   string `json:"access"`
	Section  string `json:"section"`
}

type reportJSON struct {
	Ready       bool                `json:"ready"`
	Key         Key                 `json:"key"`
	AccountID   string              `json:"account_id"`
	Permissions []resultJSON        `json:"permissions"`
	Excess      []excessJSON        `json:"excess"`
	Problems    []Problem           `json:"problems"`
	Webhook     WebhookSecretStatus `json:"webhook_secret"`
}

// MarshalJSON writes the stable, documented shape (README, "check --json").
func (r Report) MarshalJSON() ([]byte, error) {
	out := reportJSON{
		Ready: r.Ready(), Key: r.Key, AccountID: r.AccountID,
		Permissions: []resultJSON{}, Excess: []excessJSON{}, Problems: []Problem{},
		Webhook: r.Webhook,
	}
	for _, p := range r.Permissions {
		out.Permissions = append(out.Permissions, resultJSON{
			Resource: p.Permission.Resource, Access: p.Permission.Access.String(),
			Status: p.Status, Detail: p.Detail, Fix: p.Fix,
		})
	}
	for _, p := range r.Excess {
		out.Excess = append(out.Excess, excessJSON{Resource: p.Resource, Access: p.Access.String(), Section: p.Section})
	}
	out.Problems = append(out.Problems, r.Problems...)
	return json.Marshal(out)
}

// UnknownRows is the nine rows, all unknown with the same detail: the
// report for a key that could not be probed.
func UnknownRows(detail string) []Result {
	rows := make([]Result, len(steps.Required))
	for i, p := range steps.Required {
		rows[i] = Result{Permission: p, Status: Unknown, Detail: detail}
	}
	return rows
}

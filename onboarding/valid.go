package onboarding

import (
	"encoding/json"
	"regexp"

	"github.com/justt-ai/justt-onboard/internal/safetext"
	"github.com/justt-ai/justt-onboard/stripecheck"
	"github.com/justt-ai/justt-onboard/vault"
)

// idempotencyKeyShape is the contract's Idempotency-Key (docs/justt-api.md).
var idempotencyKeyShape = regexp.MustCompile(`^[A-Za-z0-9_-]{1,255}$`)

// problem says why r is not a record this tool could have written (a
// damaged or hand-edited progress file), in the merchant's words; "" when
// it is one. Load sets such a file aside rather than resume from it: the
// wizard and submit draw and trust what the record says.
func (r *Record) problem() string {
	switch {
	case r.Schema < 1 || r.Schema > SchemaVersion:
		return "the progress file has no format version this tool reads"
	case r.Step < 1 || r.Step > TotalSteps:
		return "the progress file names a step that does not exist"
	case !oneOf(string(r.Key.Verdict), VerdictNone, VerdictReady, VerdictNotReady, VerdictUndecided) ||
		!oneOf(string(r.Webhook.Way), WebhookUndecided, WebhookRegistered, WebhookByHand, WebhookSkipped) ||
		!oneOf(string(r.Handoff.State), HandoffNone, HandoffSending, HandoffReceived, HandoffManual):
		return "the progress file holds a state this tool does not know"
	case r.Key.Accepted && r.Key.Verdict != VerdictReady && r.Key.Verdict != VerdictUndecided:
		return "the progress file says a key was accepted that never passed its check"
	case r.Handoff.State == HandoffReceived && r.Handoff.SubmissionID == "",
		r.Handoff.IdempotencyKey != "" && !idempotencyKeyShape.MatchString(r.Handoff.IdempotencyKey):
		return "the progress file's hand-off to Justt is not one this tool could have recorded"
	case !entryOf(r.Key.Vault, vault.RestrictedKey) || !entryOf(r.Webhook.Vault, vault.WebhookSigningSecret):
		return "the progress file names a keyring entry this tool does not write"
	}
	// A path the merchant typed may hold any character a file name can
	// (it is made safe where it is shown); it must still not be a secret.
	if stripecheck.Redact(r.Webhook.SavedTo) != r.Webhook.SavedTo {
		return secretInFile
	}
	plain := *r
	plain.Webhook.SavedTo = ""
	var texts any
	data, err := json.Marshal(plain)
	if err == nil {
		err = json.Unmarshal(data, &texts)
	}
	if err != nil {
		return "the progress file is damaged (it is not a record this tool can read)"
	}
	return textProblem(texts)
}

const secretInFile = "the progress file holds what looks like a Stripe secret, which it never should (check the file it was moved to, then delete it)"

// textProblem checks every text of a decoded record: none may hold a
// character unsafe for a terminal, and none anything shaped like a Stripe
// secret (the record keeps keys only redacted).
func textProblem(v any) string {
	switch v := v.(type) {
	case string:
		if stripecheck.Redact(v) != v {
			return secretInFile
		}
		if safetext.Has(v) {
			return "the progress file holds control characters (it is not a record this tool wrote)"
		}
	case []any:
		for _, e := range v {
			if p := textProblem(e); p != "" {
				return p
			}
		}
	case map[string]any:
		for k, e := range v {
			if p := textProblem(k); p != "" {
				return p
			}
			if p := textProblem(e); p != "" {
				return p
			}
		}
	}
	return ""
}

func oneOf[S ~string](v string, allowed ...S) bool {
	for _, a := range allowed {
		if v == string(a) {
			return true
		}
	}
	return false
}

// entryOf is true for no entry, or one of the right secret for an account.
func entryOf(e *vault.Entry, secret vault.Secret) bool {
	return e == nil || (e.Secret == secret && e.Account != "" && !safetext.Has(e.Account))
}

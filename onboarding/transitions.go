package onboarding

import (
	"encoding/json"
	"errors"
	"fmt"
	"time"

	"github.com/justt-ai/justt-onboard/vault"
)

// The transitions below are the onboarding's rules, in one place: both
// faces of the wizard call them and draw what they leave in the record.
// Each one stamps Updated; the caller saves the record after it.

// TotalSteps is the guide's number of steps.
const TotalSteps = 18

// KeyStep is the step that ends Part 1: the key is pasted and checked.
const KeyStep = 11

// Refusal is a transition the rules do not allow now, in the merchant's
// words. It never holds a secret.
type Refusal struct{ Reason string }

func (r *Refusal) Error() string { return r.Reason }

// ErrKeyPartOpen is why step 18, the webhook and the summary wait: the key
// at step 11 has not passed its check (or been knowingly accepted).
var ErrKeyPartOpen = &Refusal{Reason: "Part 1 isn't finished: the key at step 11 still has to pass its check."}

// KeyPassed is true once the key part is done: the check passed, or the
// merchant knowingly continued past a warning or an undecided check.
func (r *Record) KeyPassed() bool { return r.Key.Accepted }

// Finished is true once the merchant reached the summary.
func (r *Record) Finished() bool { return !r.FinishedAt.IsZero() }

// Fresh is true for a record nobody has worked on: nothing to resume.
func (r *Record) Fresh() bool {
	return r.Step <= 1 && r.Key.Redacted == "" && r.Webhook.Way == WebhookUndecided && !r.Finished()
}

// GoTo moves to step n. Steps 12-17 may be read at any time; step 18,
// which takes the signing secret, waits for the key part.
func (r *Record) GoTo(n int, now time.Time) error {
	if n < 1 || n > TotalSteps {
		return &Refusal{Reason: fmt.Sprintf("There is no step %d: the guide's steps go from 1 to %d.", n, TotalSteps)}
	}
	if n == TotalSteps && !r.KeyPassed() {
		return ErrKeyPartOpen
	}
	r.Step = n
	r.FinishedAt = time.Time{}
	r.Updated = now
	return nil
}

// KeyFacts is what may be recorded about a key: never its value.
type KeyFacts struct{ Redacted, Kind, Mode string }

// KeyPasted records a new key to check. Another key reopens the key part;
// the same key (a re-check) keeps what was decided until its answer.
func (r *Record) KeyPasted(k KeyFacts, now time.Time) {
	if r.Key.Redacted != k.Redacted || r.Key.Kind != k.Kind || r.Key.Mode != k.Mode {
		r.Key = KeyPart{Redacted: k.Redacted, Kind: k.Kind, Mode: k.Mode}
	}
	r.Updated = now
}

// KeyCheck is one check's outcome. Warnings are the problem codes the
// merchant may knowingly continue past (a test-mode key, excess write
// access); Report is the report as `check --json` prints it.
type KeyCheck struct {
	Verdict   Verdict
	AccountID string
	Warnings  []string
	Report    json.RawMessage
}

// KeyChecked records a check. A key that is not ready any more (a
// permission removed since) reopens the key part; an undecided answer
// changes nothing that was decided, since an outage proves nothing.
func (r *Record) KeyChecked(c KeyCheck, now time.Time) {
	k := &r.Key
	k.Verdict, k.Check, k.CheckedAt, k.Warnings = c.Verdict, c.Report, now, c.Warnings
	if c.AccountID != "" {
		k.AccountID = c.AccountID
	}
	if c.Verdict == VerdictNotReady {
		k.Accepted, k.ContinuedPast = false, ""
	}
	if c.Verdict == VerdictReady && len(c.Warnings) == 0 {
		k.ContinuedPast = ""
	}
	r.Updated = now
}

// Why the key part cannot be left yet; the wizard words each for its face.
var (
	ErrNotChecked   = errors.New("the key has not been checked yet")
	ErrNotReady     = errors.New("the key is not ready")
	ErrNeedsConsent = errors.New("the key passes only with the merchant's consent")
)

// AcceptKey leaves the key part: at once for a ready key without warning;
// with anyway (the merchant's "continue anyway") past a warning or an
// undecided check, which is recorded in ContinuedPast; never for a key
// that is not ready.
func (r *Record) AcceptKey(anyway bool, now time.Time) error {
	k := &r.Key
	caveat := ""
	switch {
	case k.Verdict == VerdictNone:
		return ErrNotChecked
	case k.Verdict == VerdictNotReady:
		return ErrNotReady
	case k.Verdict == VerdictUndecided:
		caveat = "undecided"
	case len(k.Warnings) > 0:
		caveat = k.Warnings[0]
	}
	if caveat != "" && !anyway {
		return ErrNeedsConsent
	}
	k.Accepted, k.ContinuedPast = true, caveat
	r.Updated = now
	return nil
}

// KeyForgotten reopens the key part: the merchant pastes another key.
func (r *Record) KeyForgotten(now time.Time) {
	r.Key = KeyPart{}
	r.Updated = now
}

// KeyKept names the keyring entry holding the key (nil: memory only).
func (r *Record) KeyKept(e *vault.Entry, now time.Time) {
	r.Key.Vault = e
	r.Updated = now
}

// ChooseWebhook picks the way through Part 2, which opens once the key
// part passed. Skipping is a decision; the other ways start over.
func (r *Record) ChooseWebhook(way WebhookWay, now time.Time) error {
	if !r.KeyPassed() {
		return ErrKeyPartOpen
	}
	if way == WebhookSkipped || r.Webhook.Way != WebhookRegistered {
		old := r.Webhook
		r.Webhook = WebhookPart{Way: way}
		if way == WebhookByHand && old.Way == WebhookByHand {
			r.Webhook = old
		}
	}
	r.Updated = now
	return nil
}

// Endpoint is a registered endpoint, as Stripe answered.
type Endpoint struct {
	ID, URL, APIVersion string
	Events              []string
}

// WebhookRegistered records an endpoint the wizard created and the
// redacted form of its signing secret.
func (r *Record) WebhookRegistered(e Endpoint, secretRedacted string, now time.Time) error {
	if !r.KeyPassed() {
		return ErrKeyPartOpen
	}
	r.Webhook = WebhookPart{Way: WebhookRegistered, EndpointID: e.ID, URL: e.URL, APIVersion: e.APIVersion,
		Events: e.Events, SecretRedacted: secretRedacted}
	r.Updated = now
	return nil
}

// SecretPasted records a signing secret pasted at step 18 (by hand).
func (r *Record) SecretPasted(secretRedacted string, now time.Time) error {
	if !r.KeyPassed() {
		return ErrKeyPartOpen
	}
	w := r.Webhook
	if w.Way != WebhookByHand {
		w = WebhookPart{Way: WebhookByHand}
	}
	w.SecretRedacted, w.Vault, w.SavedTo = secretRedacted, nil, ""
	r.Webhook = w
	r.Updated = now
	return nil
}

// SecretKept names the keyring entry holding the signing secret.
func (r *Record) SecretKept(e *vault.Entry, now time.Time) {
	r.Webhook.Vault = e
	r.Updated = now
}

// SecretSavedTo records the file the merchant saved the signing secret to.
func (r *Record) SecretSavedTo(path string, now time.Time) {
	r.Webhook.SavedTo = path
	r.Updated = now
}

// WebhookVerified records what Stripe said about the endpoint for url.
func (r *Record) WebhookVerified(url, endpointID string, ok bool, now time.Time) {
	w := &r.Webhook
	if url != "" {
		w.URL = url
	}
	if endpointID != "" {
		w.EndpointID = endpointID
	}
	w.Verified, w.VerifyFailed = ok, !ok
	r.Updated = now
}

// SecretNeeded is true when Part 2 was done (registered or by hand) but
// its signing secret is held nowhere that outlives the run.
func (r *Record) SecretNeeded() bool {
	w := r.Webhook
	return w.SecretRedacted != "" && w.Vault == nil && w.SavedTo == ""
}

// Finish reaches the summary. It waits for the key part, and for Part 2
// to be done or skipped.
func (r *Record) Finish(now time.Time) error {
	if !r.KeyPassed() {
		return ErrKeyPartOpen
	}
	switch r.Webhook.Way {
	case WebhookUndecided:
		return &Refusal{Reason: "Choose how to do Part 2 first: register the webhook, do it by hand, or skip it."}
	case WebhookByHand:
		if r.Webhook.SecretRedacted == "" {
			return &Refusal{Reason: "Paste the signing secret first, or press esc and choose another way."}
		}
	}
	r.FinishedAt = now
	r.Updated = now
	return nil
}

// Unfinish leaves the summary (back to the screen before it).
func (r *Record) Unfinish(now time.Time) {
	r.FinishedAt = time.Time{}
	r.Updated = now
}

// SecretsLost is what the record names that this run no longer holds,
// after a resume without the entries: the key part reopens, a signing
// secret must be pasted again. It returns what was lost, in words.
func (r *Record) SecretsLost(key, secret bool, now time.Time) []string {
	var lost []string
	if key && r.Key.Redacted != "" {
		lost = append(lost, "the restricted key "+r.Key.Redacted+" (paste it again at step 11)")
		r.Key = KeyPart{}
		if r.Step == TotalSteps {
			r.Step = KeyStep
		}
		r.FinishedAt = time.Time{}
	}
	if secret && r.Webhook.SecretRedacted != "" {
		lost = append(lost, "the webhook signing secret "+r.Webhook.SecretRedacted+" (reveal it in Stripe at step 17 and paste it at step 18)")
		r.Webhook.SecretRedacted, r.Webhook.Vault = "", nil
		if r.Webhook.Way == WebhookRegistered {
			r.Webhook.Way = WebhookByHand
		}
		r.FinishedAt = time.Time{}
	}
	if len(lost) > 0 {
		r.Updated = now
	}
	return lost
}

// Package onboarding is the one record of a merchant's onboarding: the step
// reached, the key part, the webhook part and the hand-off to Justt, with
// the rules of what may follow what. Both faces of the wizard (full screen
// and accessible) and the non-interactive commands drive this record; none
// keeps flow data of its own.
//
// The record never holds a secret: it names the vault entries that hold
// them, and keeps keys only in redacted form (kind, mode and last 4). It is
// saved as the progress file (see Store), which is why that rule matters.
package onboarding

import (
	"crypto/sha256"
	"encoding/hex"
	"encoding/json"
	"strings"
	"time"

	"github.com/justt-ai/justt-onboard/vault"
)

// SchemaVersion is the version of the progress file this build writes. A
// file with a higher version was written by a newer justt-onboard.
const SchemaVersion = 1

// Record is what the merchant has done and chosen so far.
type Record struct {
	Schema  int       `json:"schema"`
	Started time.Time `json:"started"`
	Updated time.Time `json:"updated"`
	// Step is the guide's step (1-18) the merchant was last on.
	Step    int         `json:"step"`
	Key     KeyPart     `json:"key"`
	Webhook WebhookPart `json:"webhook"`
	Handoff Handoff     `json:"handoff"`
	// FinishedAt is when the merchant reached the summary; zero while the
	// onboarding is under way.
	FinishedAt time.Time `json:"finished_at,omitempty"`
}

// KeyPart is Part 1 of the guide: the restricted key and its check.
type KeyPart struct {
	// Redacted, Kind and Mode describe the key (as stripecheck.Key shows it).
	Redacted  string `json:"redacted,omitempty"`
	Kind      string `json:"kind,omitempty"`
	Mode      string `json:"mode,omitempty"`
	AccountID string `json:"account_id,omitempty"`
	// Check is the last check's report, as `check --json` prints it, and
	// CheckedAt its time.
	Check     json.RawMessage `json:"check,omitempty"`
	CheckedAt time.Time       `json:"checked_at,omitempty"`
	// Verdict is the last check's outcome.
	Verdict Verdict `json:"verdict,omitempty"`
	// Warnings are the last check's problem codes the merchant may
	// knowingly continue past.
	Warnings []string `json:"warnings,omitempty"`
	// Accepted is true once the key part is done (see AcceptKey).
	Accepted bool `json:"accepted,omitempty"`
	// ContinuedPast is the warning (a problem code, or "undecided") the
	// merchant knowingly continued past, "" when the key passed outright.
	ContinuedPast string `json:"continued_past,omitempty"`
	// Vault names the keyring entry holding the key; nil when it is held
	// in memory only (no keyring) or not given yet.
	Vault *vault.Entry `json:"vault,omitempty"`
}

// Verdict is a check's outcome.
type Verdict string

const (
	VerdictNone      Verdict = ""
	VerdictReady     Verdict = "ready"
	VerdictNotReady  Verdict = "not_ready"
	VerdictUndecided Verdict = "undecided"
)

// WebhookWay is how Part 2 is done.
type WebhookWay string

const (
	WebhookUndecided  WebhookWay = ""
	WebhookRegistered WebhookWay = "registered" // by justt-onboard, with a setup key
	WebhookByHand     WebhookWay = "by_hand"    // steps 12-17 in the dashboard
	WebhookSkipped    WebhookWay = "skipped"    // API-key-only mode
)

// WebhookPart is Part 2 of the guide.
type WebhookPart struct {
	Way        WebhookWay `json:"way,omitempty"`
	EndpointID string     `json:"endpoint_id,omitempty"`
	URL        string     `json:"url,omitempty"`
	APIVersion string     `json:"api_version,omitempty"`
	Events     []string   `json:"events,omitempty"`
	Verified   bool       `json:"verified,omitempty"`
	// VerifyFailed is true when the last verification with Stripe said
	// the endpoint is missing or wrong.
	VerifyFailed   bool   `json:"verify_failed,omitempty"`
	SecretRedacted string `json:"secret_redacted,omitempty"`
	// Vault names the keyring entry holding the signing secret; nil when
	// none was kept there.
	Vault *vault.Entry `json:"vault,omitempty"`
	// SavedTo is a file the merchant chose to save the signing secret to.
	SavedTo string `json:"saved_to,omitempty"`
}

// HandoffState is where the hand-off to Justt stands.
type HandoffState string

const (
	HandoffNone     HandoffState = ""         // nothing sent
	HandoffSending  HandoffState = "sending"  // a submission was started (it may have reached Justt)
	HandoffReceived HandoffState = "received" // Justt confirmed receipt
	HandoffManual   HandoffState = "manual"   // no token: the merchant pastes into the CustomerHub
)

// Handoff is the hand-off to Justt (docs/justt-api.md).
type Handoff struct {
	State        HandoffState `json:"state,omitempty"`
	APIURL       string       `json:"api_url,omitempty"`
	MerchantName string       `json:"merchant_name,omitempty"`
	// IdempotencyKey is sent with every attempt of one submission, across
	// runs and crashes, so Justt never records the same onboarding twice.
	// IdempotencyFor fingerprints what it was made for: when what would be
	// sent changes (another key, another endpoint), a new key is made.
	IdempotencyKey        string    `json:"idempotency_key,omitempty"`
	IdempotencyFor        string    `json:"idempotency_for,omitempty"`
	SubmissionID          string    `json:"submission_id,omitempty"`
	ConfirmationEmailSent bool      `json:"confirmation_email_sent,omitempty"`
	ReceivedAt            time.Time `json:"received_at,omitempty"`
	// SecretsDeleted is true once the keyring entries were removed after
	// the receipt (the merchant did not choose to keep them).
	SecretsDeleted bool `json:"secrets_deleted,omitempty"`
}

// New is a fresh record at step 1.
func New(now time.Time) Record {
	return Record{Schema: SchemaVersion, Started: now, Updated: now, Step: 1}
}

// Submission is what identifies one hand-off, without any secret: the
// redacted key and signing secret, the account, the mode and the endpoint.
type Submission struct {
	KeyRedacted, SecretRedacted, AccountID, Mode, EndpointID string
}

func (s Submission) fingerprint() string {
	sum := sha256.Sum256([]byte(strings.Join([]string{s.KeyRedacted, s.SecretRedacted, s.AccountID, s.Mode, s.EndpointID}, "\x00")))
	return hex.EncodeToString(sum[:12])
}

// BeginHandoff marks a submission as started and returns the idempotency
// key to send: the one already in the record when the same submission was
// started before (so a retry, a second run or a run after a crash replays
// rather than duplicates), else a new one from newKey.
func (r *Record) BeginHandoff(apiURL string, s Submission, newKey func() string, now time.Time) string {
	fp := s.fingerprint()
	h := &r.Handoff
	if h.IdempotencyKey == "" || h.IdempotencyFor != fp {
		h.IdempotencyKey, h.IdempotencyFor = newKey(), fp
		h.SubmissionID, h.ConfirmationEmailSent, h.ReceivedAt = "", false, time.Time{}
	}
	if h.State != HandoffReceived || h.SubmissionID == "" {
		h.State = HandoffSending
	}
	h.APIURL = apiURL
	r.Updated = now
	return h.IdempotencyKey
}

// HandoffReceived records Justt's receipt.
func (r *Record) HandoffReceived(id string, emailSent bool, now time.Time) {
	r.Handoff.State = HandoffReceived
	r.Handoff.SubmissionID = id
	r.Handoff.ConfirmationEmailSent = emailSent
	r.Handoff.ReceivedAt = now
	r.Updated = now
}

// SecretsDeletedAfterReceipt records that the keyring entries were
// removed once Justt held the secrets: the record names none any more.
func (r *Record) SecretsDeletedAfterReceipt(now time.Time) {
	r.Key.Vault, r.Webhook.Vault = nil, nil
	r.Handoff.SecretsDeleted = true
	r.Updated = now
}

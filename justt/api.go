package justt

import (
	"context"
	"crypto/rand"
	"encoding/hex"
	"encoding/json"
	"fmt"
	"net/http"
	"net/url"
	"regexp"
	"time"

	"github.com/justt-ai/justt-onboard/stripecheck"
)

// OnboardingConfig is what Justt says about the onboarding a token opens.
type OnboardingConfig struct {
	MerchantName string    // safe to show
	WebhookURL   string    // https; the URL for step 16
	ExpiresAt    time.Time // zero when Justt did not say
}

// GetConfig proves the token and returns the onboarding's merchant and
// webhook URL. A 401 is *RefusedTokenError.
func (c *Client) GetConfig(ctx context.Context) (OnboardingConfig, error) {
	a, err := c.call(ctx, "config", http.MethodGet, ConfigPath, nil, "")
	if err != nil {
		return OnboardingConfig{}, err
	}
	if a.status == http.StatusUnauthorized {
		return OnboardingConfig{}, &RefusedTokenError{Message: safeText(errorBody(a.body).Error.Message, c.cfg.Token)}
	}
	if a.status != http.StatusOK {
		// Only 200 and 401 are the contract's here: anything else (a proxy's
		// 403, a 404 from another service) says nothing about the token.
		return OnboardingConfig{}, &AnswerError{Op: "config", Status: a.status, Problem: "the onboarding API answers 200 or 401 here" +
			quoted(safeText(errorBody(a.body).Error.Message, c.cfg.Token)) + "; a proxy or firewall may be in the way: check the Justt API address (--" + FlagAPIURL + ")"}
	}
	var body struct {
		MerchantName string `json:"merchant_name"`
		WebhookURL   string `json:"webhook_url"`
		ExpiresAt    string `json:"expires_at"`
	}
	if json.Unmarshal(a.body, &body) != nil {
		return OnboardingConfig{}, &AnswerError{Op: "config", Status: a.status, Problem: "it is not the onboarding configuration (not JSON): a proxy or captive portal may be in the way"}
	}
	cfg := OnboardingConfig{MerchantName: safeText(body.MerchantName, c.cfg.Token)}
	// The webhook URL follows the rule for any webhook URL (no control,
	// bidi or zero-width character, no user-info, a possible port; a
	// non-ASCII host as punycode), and must be https.
	hook, err := stripecheck.ParseWebhookURL(body.WebhookURL)
	u, _ := url.Parse(hook.URL)
	if err != nil || u == nil || u.Scheme != "https" || len(hook.Warnings) > 0 || hook.URL != safeText(hook.URL, c.cfg.Token) {
		return OnboardingConfig{}, &AnswerError{Op: "config", Status: a.status, Problem: "its webhook_url is not a plain https URL; tell your Justt onboarding manager"}
	}
	cfg.WebhookURL = hook.URL
	if cfg.MerchantName == "" {
		return OnboardingConfig{}, &AnswerError{Op: "config", Status: a.status, Problem: "it names no merchant; tell your Justt onboarding manager"}
	}
	if body.ExpiresAt != "" {
		if t, err := time.Parse(time.RFC3339, body.ExpiresAt); err == nil {
			cfg.ExpiresAt = t
		}
	}
	return cfg, nil
}

// Submission is what is handed to Justt. The check must be ready: Submit
// refuses to send anything else.
type Submission struct {
	APIKey stripecheck.Key
	// WebhookSecret is the zero Key in API-key-only mode (no webhook).
	WebhookSecret     stripecheck.Key
	AccountID         string // "" when Stripe did not name it
	WebhookEndpointID string // "" when the tool neither registered nor verified one
	// Check is the report of the check run just before, as `check --json`
	// prints it.
	Check json.RawMessage
}

// Receipt is Justt's confirmation of a submission.
type Receipt struct {
	ID                    string `json:"id"`
	Status                string `json:"status"`
	ConfirmationEmailSent bool   `json:"confirmation_email_sent"`
	// Replayed is true when Justt had this submission already (200).
	Replayed bool `json:"replayed"`
}

type submitBody struct {
	APIKey            string          `json:"stripe_api_key"`
	WebhookSecret     string          `json:"stripe_webhook_secret,omitempty"`
	Livemode          bool            `json:"livemode"`
	AccountID         *string         `json:"stripe_account_id"`
	WebhookEndpointID *string         `json:"webhook_endpoint_id"`
	Check             json.RawMessage `json:"check"`
	Client            string          `json:"client"`
}

// identifier is what a field name or error code from Justt may look like
// to be shown as is.
var identifier = regexp.MustCompile(`^[a-z_]{1,40}$`)

// receiptID is what a receipt's id may look like to be shown and kept.
var receiptID = regexp.MustCompile(`^onb_[A-Za-z0-9_-]{1,100}$`)

var idempotencyKeyShape = regexp.MustCompile(`^[A-Za-z0-9_-]{1,255}$`)

// NewIdempotencyKey is a fresh random key: "onb-" and 32 hex digits.
func NewIdempotencyKey() string {
	var b [16]byte
	_, _ = rand.Read(b[:]) // crypto/rand.Read never fails (Go 1.24+)
	return "onb-" + hex.EncodeToString(b[:])
}

// Submit sends s under idempotencyKey, retrying 429, 5xx, dropped
// connections and timeouts under that same key. Errors: *RefusedTokenError
// (401), *RejectedError (422, 409, 413, other 4xx), *AnswerError,
// *UnreachableError, *UnsendableError (nothing sent: s cannot be sent as
// it is); none holds a secret or the token.
func (c *Client) Submit(ctx context.Context, s Submission, idempotencyKey string) (Receipt, error) {
	body, err := c.encode(s, idempotencyKey)
	if err != nil {
		return Receipt{}, err
	}
	a, err := c.call(ctx, "submit", http.MethodPost, SubmitPath, body, idempotencyKey, s.APIKey, s.WebhookSecret)
	if err != nil {
		return Receipt{}, err
	}
	if err := c.refusal(a, s.APIKey, s.WebhookSecret); err != nil {
		return Receipt{}, err
	}
	if a.status != http.StatusCreated && a.status != http.StatusOK {
		return Receipt{}, &AnswerError{Op: "submit", Status: a.status, Problem: "the onboarding API answers 201 or 200 here; check the Justt API address (--" + FlagAPIURL + ")"}
	}
	var r Receipt
	if json.Unmarshal(a.body, &r) != nil || !receiptID.MatchString(r.ID) || r.Status != "received" ||
		r.ID != safeText(r.ID, c.cfg.Token, s.APIKey, s.WebhookSecret) {
		return Receipt{}, &AnswerError{Op: "submit", Status: a.status, Problem: "it is not a receipt (an onb_ id with status received)"}
	}
	r.Replayed = a.status == http.StatusOK
	return r, nil
}

// UnsendableError is a submission this client refuses to send as it is
// (an Idempotency-Key of the wrong shape, no key, a signing secret that is
// not a whsec_ one, a check that is not ready, a body over MaxBody).
// Nothing was sent, and sending the same submission again cannot help.
type UnsendableError struct {
	Reason string // what is wrong with the submission; never a secret
}

func (e *UnsendableError) Error() string { return e.Reason }

func unsendable(reason string) error { return &UnsendableError{Reason: reason} }

// encode checks what is about to be sent and builds the body.
func (c *Client) encode(s Submission, idempotencyKey string) ([]byte, error) {
	if !idempotencyKeyShape.MatchString(idempotencyKey) {
		return nil, unsendable("the Idempotency-Key is not 1-255 letters, digits, - or _; nothing was sent")
	}
	if s.APIKey.IsZero() {
		return nil, unsendable("no Stripe key to send; nothing was sent")
	}
	if !s.WebhookSecret.IsZero() && s.WebhookSecret.Kind() != stripecheck.WebhookSecret {
		return nil, unsendable("the webhook signing secret is not a whsec_ secret; nothing was sent")
	}
	var check struct {
		Ready bool `json:"ready"`
	}
	if json.Unmarshal(s.Check, &check) != nil || !check.Ready {
		return nil, unsendable("the key's check is not ready, so it was not sent to Justt; fix what the check names and run it again")
	}
	b := submitBody{
		APIKey: s.APIKey.Reveal(), WebhookSecret: s.WebhookSecret.Reveal(),
		Livemode: s.APIKey.Mode() == stripecheck.Live,
		Check:    s.Check, Client: c.cfg.Client,
	}
	if s.AccountID != "" {
		b.AccountID = &s.AccountID
	}
	if s.WebhookEndpointID != "" {
		b.WebhookEndpointID = &s.WebhookEndpointID
	}
	data, err := json.Marshal(b)
	if err != nil {
		return nil, unsendable("the submission could not be encoded; nothing was sent")
	}
	if len(data) > MaxBody {
		return nil, unsendable(fmt.Sprintf("the submission is over %d KiB; nothing was sent", MaxBody>>10))
	}
	return data, nil
}

// errorJSON is the contract's error body.
type errorJSON struct {
	Error struct {
		Message string `json:"message"`
		Field   string `json:"field"`
		Code    string `json:"code"`
	} `json:"error"`
}

func errorBody(b []byte) errorJSON {
	var e errorJSON
	_ = json.Unmarshal(b, &e) // not the contract's shape: no explanation to show
	return e
}

// refusal maps a 4xx to its typed error; nil for anything else.
func (c *Client) refusal(a answer, secrets ...stripecheck.Key) error {
	if a.status < 400 || a.status >= 500 {
		return nil
	}
	e := errorBody(a.body).Error
	msg := safeText(e.Message, c.cfg.Token, secrets...)
	if a.status == http.StatusUnauthorized {
		return &RefusedTokenError{Message: msg}
	}
	if msg == "" && e.Code == "" {
		// Not Justt's error shape (a proxy's or firewall's page): it does
		// not show that Justt refused anything.
		return &AnswerError{Op: "submit", Status: a.status, Problem: "it is not Justt's error shape: a proxy or firewall may be in the way; check the Justt API address (--" + FlagAPIURL + ")"}
	}
	field, code := e.Field, e.Code
	if !identifier.MatchString(field) {
		field = ""
	}
	if !identifier.MatchString(code) {
		code = ""
	}
	return &RejectedError{Status: a.status, Field: field, Code: code, Message: msg}
}

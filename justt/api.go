package justt

import (
	"context"
	"crypto/rand"
	"encoding/hex"
	"encoding/json"
	"errors"
	"fmt"
	"net/http"
	"net/url"
	"regexp"
	"strings"
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
	if err := c.refusal(a); err != nil {
		return OnboardingConfig{}, err
	}
	if a.status != http.StatusOK {
		return OnboardingConfig{}, &AnswerError{Status: a.status, Problem: "the onboarding API answers 200 here; check the Justt API address (--" + FlagAPIURL + ")"}
	}
	var body struct {
		MerchantName string `json:"merchant_name"`
		WebhookURL   string `json:"webhook_url"`
		ExpiresAt    string `json:"expires_at"`
	}
	if json.Unmarshal(a.body, &body) != nil {
		return OnboardingConfig{}, &AnswerError{Status: a.status, Problem: "it is not the onboarding configuration (not JSON)"}
	}
	cfg := OnboardingConfig{MerchantName: safeText(body.MerchantName, c.cfg.Token)}
	u, err := url.Parse(body.WebhookURL)
	if err != nil || u.Scheme != "https" || u.Host == "" || u.User != nil || body.WebhookURL != safeText(body.WebhookURL, c.cfg.Token) {
		return OnboardingConfig{}, &AnswerError{Status: a.status, Problem: "its webhook_url is not an https URL; tell your Justt onboarding manager"}
	}
	cfg.WebhookURL = body.WebhookURL
	if cfg.MerchantName == "" {
		return OnboardingConfig{}, &AnswerError{Status: a.status, Problem: "it names no merchant; tell your Justt onboarding manager"}
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
// *UnreachableError; none holds a secret or the token.
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
		return Receipt{}, &AnswerError{Status: a.status, Problem: "the onboarding API answers 201 or 200 here; check the Justt API address (--" + FlagAPIURL + "). Nothing was lost: the next `justt-onboard submit` sends the same submission"}
	}
	var r Receipt
	if json.Unmarshal(a.body, &r) != nil || !strings.HasPrefix(r.ID, "onb_") || r.Status != "received" || r.ID != safeText(r.ID, c.cfg.Token) {
		return Receipt{}, &AnswerError{Status: a.status, Problem: "it is not a receipt (an onb_ id with status received). Nothing was lost: the next `justt-onboard submit` sends the same submission, and Justt answers with the receipt"}
	}
	r.Replayed = a.status == http.StatusOK
	return r, nil
}

// encode checks what is about to be sent and builds the body.
func (c *Client) encode(s Submission, idempotencyKey string) ([]byte, error) {
	if !idempotencyKeyShape.MatchString(idempotencyKey) {
		return nil, errors.New("the Idempotency-Key is not 1-255 letters, digits, - or _; nothing was sent")
	}
	if s.APIKey.IsZero() {
		return nil, errors.New("no Stripe key to send; nothing was sent")
	}
	if !s.WebhookSecret.IsZero() && s.WebhookSecret.Kind() != stripecheck.WebhookSecret {
		return nil, errors.New("the webhook signing secret is not a whsec_ secret; nothing was sent")
	}
	var check struct {
		Ready bool `json:"ready"`
	}
	if json.Unmarshal(s.Check, &check) != nil || !check.Ready {
		return nil, errors.New("the key's check is not ready, so it was not sent to Justt; fix what the check names and run it again")
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
		return nil, errors.New("the submission could not be encoded; nothing was sent")
	}
	if len(data) > MaxBody {
		return nil, fmt.Errorf("the submission is over %d KiB; nothing was sent", MaxBody>>10)
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
	field, code := e.Field, e.Code
	if !identifier.MatchString(field) {
		field = ""
	}
	if !identifier.MatchString(code) {
		code = ""
	}
	return &RejectedError{Status: a.status, Field: field, Code: code, Message: msg}
}

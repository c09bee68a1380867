package sandbox

// The fake Justt: a receiver for the onboarding API of docs/justt-api.md,
// served beside the fake Stripe (its own handler, or its own loopback port
// with StartJustt). Like the fake Stripe it never reaches the network and
// never logs a token, a key or a body; unlike it, it keeps what it received
// (Submissions) so tests can check exactly what arrived.

import (
	"crypto/rand"
	"crypto/sha256"
	"encoding/hex"
	"encoding/json"
	"net/http"
	"strings"
	"sync"
	"time"
)

// The demo's onboarding: `demo` shows JusttDemoToken (fake, and labelled
// so) and the receiver accepts it for JusttDemoMerchant.
const (
	JusttDemoToken      = "demo-onboarding-token-0000"
	JusttDemoMerchant   = "Demo Merchant Ltd (sandbox)"
	JusttDemoWebhookURL = "https://hooks.demo.justt.invalid/stripe/webhook"
)

// Paths and limits of the contract, as the receiver enforces them.
const (
	justtConfigPath = "/v1/onboarding/stripe/config"
	justtSubmitPath = "/v1/onboarding/stripe"
	justtMaxBody    = 64 << 10
	// justtHugeBody is what the huge-body faults send: far over any limit.
	justtHugeBody = 16 << 20
	justtGzipBody = 4 << 20
)

// JusttFaultKind is a way the fake Justt can fail a request.
type JusttFaultKind int

const (
	JusttNoFault     JusttFaultKind = iota
	JusttUnavailable                // 503 with an error body
	JusttRateLimited                // 429, Retry-After: 1
	JusttHang                       // no answer until the client gives up
	JusttReset                      // a submission is recorded, then the connection drops
	JusttHugeBody                   // 201 with a 16 MiB body
	JusttGzipBomb                   // 201, Content-Encoding gzip, 4 MiB once decompressed
	JusttRedirect                   // 307 to another host
	JusttReject                     // 422 naming stripe_webhook_secret
)

// String names the fault for logs and test output.
func (k JusttFaultKind) String() string {
	names := [...]string{"none", "unavailable", "rate limited", "hang", "reset", "huge body", "gzip bomb", "redirect", "reject"}
	if int(k) >= 0 && int(k) < len(names) {
		return names[k]
	}
	return "unknown fault"
}

// JusttFault makes requests fail. Path limits it to one path ("" = every
// path); Times limits how many requests fail (0 = all).
type JusttFault struct {
	Kind  JusttFaultKind
	Path  string
	Times int
}

// JusttSubmission is one onboarding the receiver recorded. It holds the
// secrets in full so tests can compare them; nothing prints or logs it.
type JusttSubmission struct {
	ID                string
	Merchant          string
	IdempotencyKey    string
	APIKey            string
	WebhookSecret     string // "" in API-key-only mode
	Livemode          bool
	AccountID         string // "" for null
	WebhookEndpointID string // "" for null
	Client            string
	Check             json.RawMessage
	Received          time.Time
}

// JusttRequest is one logged request: never the token or the body.
type JusttRequest struct {
	Method, Path   string
	Status         int // 0 when no answer was sent (hang, reset)
	IdempotencyKey string
	Fault          JusttFaultKind
	Replayed       bool
}

type justtToken struct {
	merchant string
	expired  bool
}

type justtStored struct {
	identity string
	body     []byte
}

// Justt is the fake Justt onboarding API. Safe for concurrent use.
type Justt struct {
	mu         sync.Mutex
	tokens     map[string]*justtToken
	webhookURL string
	subs       []JusttSubmission
	idem       map[string]*justtStored // by token and Idempotency-Key
	log        []JusttRequest
	fault      JusttFault
	faultLeft  int // -1 unlimited
	serving    sync.WaitGroup
}

// NewJustt returns a receiver that accepts JusttDemoToken.
func NewJustt() *Justt {
	return &Justt{
		tokens:     map[string]*justtToken{JusttDemoToken: {merchant: JusttDemoMerchant}},
		webhookURL: JusttDemoWebhookURL,
		idem:       map[string]*justtStored{},
	}
}

// MintToken makes a new token for merchant.
func (j *Justt) MintToken(merchant string) string {
	tok := "jot_" + randomHex(20)
	j.mu.Lock()
	defer j.mu.Unlock()
	j.tokens[tok] = &justtToken{merchant: merchant}
	return tok
}

// ExpireToken makes tok answer 401 from now on.
func (j *Justt) ExpireToken(tok string) {
	j.mu.Lock()
	defer j.mu.Unlock()
	if t := j.tokens[tok]; t != nil {
		t.expired = true
	}
}

// SetFault replaces the receiver's fault (JusttFault{} clears it).
func (j *Justt) SetFault(f JusttFault) {
	j.mu.Lock()
	defer j.mu.Unlock()
	j.fault, j.faultLeft = f, f.Times
	if f.Times == 0 {
		j.faultLeft = -1
	}
}

// Submissions returns the onboardings recorded so far (replays add none).
func (j *Justt) Submissions() []JusttSubmission {
	j.mu.Lock()
	defer j.mu.Unlock()
	return append([]JusttSubmission(nil), j.subs...)
}

// Requests returns the log so far.
func (j *Justt) Requests() []JusttRequest {
	j.mu.Lock()
	defer j.mu.Unlock()
	return append([]JusttRequest(nil), j.log...)
}

// Handler serves the onboarding API.
func (j *Justt) Handler() http.Handler { return http.HandlerFunc(j.serve) }

func (j *Justt) record(r JusttRequest) {
	j.mu.Lock()
	defer j.mu.Unlock()
	j.log = append(j.log, r)
}

// takeFault uses up one fault if path is covered.
func (j *Justt) takeFault(path string) JusttFaultKind {
	j.mu.Lock()
	defer j.mu.Unlock()
	if j.fault.Kind == JusttNoFault || j.faultLeft == 0 || (j.fault.Path != "" && j.fault.Path != path) {
		return JusttNoFault
	}
	if j.faultLeft > 0 {
		j.faultLeft--
	}
	return j.fault.Kind
}

func randomHex(n int) string {
	b := make([]byte, n)
	_, _ = rand.Read(b)
	return hex.EncodeToString(b)
}

func identity(parts ...string) string {
	sum := sha256.Sum256([]byte(strings.Join(parts, "\x00")))
	return hex.EncodeToString(sum[:])
}

// justtError is the contract's error body.
func justtError(code, message, field string) []byte {
	var f any
	if field != "" {
		f = field
	}
	b, _ := json.Marshal(map[string]any{"error": map[string]any{"message": message, "code": code, "field": f}})
	return b
}

func writeJSON(w http.ResponseWriter, status int, body []byte) {
	w.Header().Set("Content-Type", "application/json")
	w.WriteHeader(status)
	_, _ = w.Write(body)
}

// bearer reads the token of an Authorization: Bearer header.
func bearer(r *http.Request) string {
	auth := r.Header.Get("Authorization")
	if len(auth) > 7 && strings.EqualFold(auth[:7], "bearer ") {
		return strings.TrimSpace(auth[7:])
	}
	return ""
}

func justtSubmissionID() string { return "onb_" + randomHex(12) }

func (j *Justt) merchantOf(tok string) (string, bool) {
	j.mu.Lock()
	defer j.mu.Unlock()
	t := j.tokens[tok]
	if tok == "" || t == nil || t.expired {
		return "", false
	}
	return t.merchant, true
}

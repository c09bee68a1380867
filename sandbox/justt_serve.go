package sandbox

import (
	"bytes"
	"compress/gzip"
	"context"
	"encoding/json"
	"fmt"
	"io"
	"mime"
	"net/http"
	"regexp"
	"strings"
	"sync"
	"time"
)

// serve answers one request: the fault first (as a load balancer would),
// then the route, the token, and the endpoint. The log entry is written
// before the answer.
func (j *Justt) serve(w http.ResponseWriter, r *http.Request) {
	entry := JusttRequest{Method: r.Method, Path: r.URL.Path, IdempotencyKey: r.Header.Get("Idempotency-Key")}
	fault := j.takeFault(r.URL.Path)
	entry.Fault = fault
	switch fault {
	case JusttHang:
		j.record(entry)
		_, _ = io.Copy(io.Discard, r.Body)
		<-r.Context().Done()
		dropConnection(w)
		return
	case JusttUnavailable:
		entry.Status = http.StatusServiceUnavailable
		j.record(entry)
		writeJSON(w, entry.Status, justtError("unavailable", "The onboarding service is temporarily unavailable. Try again in a moment.", ""))
		return
	case JusttRateLimited:
		entry.Status = http.StatusTooManyRequests
		j.record(entry)
		w.Header().Set("Retry-After", "1")
		writeJSON(w, entry.Status, justtError("rate_limited", "Too many requests.", ""))
		return
	case JusttRedirect:
		entry.Status = http.StatusTemporaryRedirect
		j.record(entry)
		w.Header().Set("Location", "https://elsewhere.invalid"+r.URL.Path)
		w.WriteHeader(entry.Status)
		return
	case JusttHugeBody, JusttGzipBomb:
		entry.Status = http.StatusCreated
		j.record(entry)
		writeHuge(w, fault == JusttGzipBomb)
		return
	}
	status, body, replayed := j.answer(r, fault)
	entry.Status, entry.Replayed = status, replayed
	if fault == JusttReset && status/100 == 2 {
		// Recorded, then the answer is lost: a retry must be replayed.
		entry.Status = 0
		j.record(entry)
		dropConnection(w)
		return
	}
	j.record(entry)
	writeJSON(w, status, body)
}

// answer routes, checks the token and runs the endpoint.
func (j *Justt) answer(r *http.Request, fault JusttFaultKind) (status int, body []byte, replayed bool) {
	var allowed string
	switch r.URL.Path {
	case justtConfigPath:
		allowed = http.MethodGet
	case justtSubmitPath:
		allowed = http.MethodPost
	default:
		return http.StatusNotFound, justtError("not_found", "Unknown path "+r.URL.Path+".", ""), false
	}
	if r.Method != allowed {
		return http.StatusMethodNotAllowed, justtError("invalid", r.Method+" is not allowed here; use "+allowed+".", ""), false
	}
	tok := bearer(r)
	merchant, ok := j.merchantOf(tok)
	if !ok {
		code, msg := "token_invalid", "The onboarding token is invalid."
		if j.expired(tok) {
			code, msg = "token_expired", "The onboarding token has expired."
		}
		return http.StatusUnauthorized, justtError(code, msg, ""), false
	}
	if allowed == http.MethodGet {
		b, _ := json.Marshal(map[string]string{
			"merchant_name": merchant, "webhook_url": j.webhookURL,
			"expires_at": time.Now().Add(30 * 24 * time.Hour).UTC().Format(time.RFC3339),
		})
		return http.StatusOK, b, false
	}
	if fault == JusttReject {
		return http.StatusUnprocessableEntity, justtError("invalid", "This signing secret does not belong to the endpoint Justt expects.", "stripe_webhook_secret"), false
	}
	return j.submit(r, tok, merchant)
}

func (j *Justt) expired(tok string) bool {
	j.mu.Lock()
	defer j.mu.Unlock()
	t := j.tokens[tok]
	return t != nil && t.expired
}

var justtIdemShape = regexp.MustCompile(`^[A-Za-z0-9_-]{1,255}$`)

type justtBody struct {
	APIKey            string          `json:"stripe_api_key"`
	WebhookSecret     *string         `json:"stripe_webhook_secret"`
	Livemode          *bool           `json:"livemode"`
	AccountID         *string         `json:"stripe_account_id"`
	WebhookEndpointID *string         `json:"webhook_endpoint_id"`
	Check             json.RawMessage `json:"check"`
	Client            string          `json:"client"`
}

// submit is POST /v1/onboarding/stripe.
func (j *Justt) submit(r *http.Request, tok, merchant string) (int, []byte, bool) {
	if mt, _, _ := mime.ParseMediaType(r.Header.Get("Content-Type")); mt != "application/json" {
		return http.StatusBadRequest, justtError("invalid", "Send the body as application/json.", ""), false
	}
	idem := r.Header.Get("Idempotency-Key")
	if !justtIdemShape.MatchString(idem) {
		return http.StatusBadRequest, justtError("invalid", "An Idempotency-Key of 1-255 letters, digits, - or _ is required.", ""), false
	}
	raw, err := io.ReadAll(io.LimitReader(r.Body, justtMaxBody+1))
	if err != nil {
		return http.StatusBadRequest, justtError("invalid", "The body could not be read.", ""), false
	}
	if len(raw) > justtMaxBody {
		return http.StatusRequestEntityTooLarge, justtError("too_large", "The body is over 64 KiB.", ""), false
	}
	var b justtBody
	if json.Unmarshal(raw, &b) != nil {
		return http.StatusBadRequest, justtError("invalid", "The body is not JSON.", ""), false
	}
	if st, body := validate(b); st != 0 {
		return st, body, false
	}
	sub := JusttSubmission{
		Merchant: merchant, IdempotencyKey: idem, APIKey: b.APIKey, Livemode: *b.Livemode,
		Client: b.Client, Check: b.Check, Received: time.Now(),
	}
	if b.WebhookSecret != nil {
		sub.WebhookSecret = *b.WebhookSecret
	}
	if b.AccountID != nil {
		sub.AccountID = *b.AccountID
	}
	if b.WebhookEndpointID != nil {
		sub.WebhookEndpointID = *b.WebhookEndpointID
	}
	id := identity(sub.APIKey, sub.WebhookSecret, fmt.Sprint(sub.Livemode), sub.AccountID, sub.WebhookEndpointID)
	j.mu.Lock()
	defer j.mu.Unlock()
	slot := tok + "\x00" + idem
	if st := j.idem[slot]; st != nil {
		if st.identity != id {
			return http.StatusConflict, justtError("idempotency_key_reused", "This Idempotency-Key was used for a different submission.", ""), false
		}
		return http.StatusOK, st.body, true
	}
	sub.ID = justtSubmissionID()
	body, _ := json.Marshal(map[string]any{"id": sub.ID, "status": "received", "confirmation_email_sent": true})
	j.subs = append(j.subs, sub)
	j.idem[slot] = &justtStored{identity: id, body: body}
	return http.StatusCreated, body, false
}

// validate is the receiver's 422s.
func validate(b justtBody) (int, []byte) {
	bad := func(field, msg string) (int, []byte) {
		return http.StatusUnprocessableEntity, justtError("invalid", msg, field)
	}
	live := strings.HasPrefix(b.APIKey, "rk_live_")
	switch {
	case !live && !strings.HasPrefix(b.APIKey, "rk_test_"):
		return bad("stripe_api_key", "Justt takes a restricted key (rk_live_ or rk_test_).")
	case b.Livemode == nil || *b.Livemode != live:
		return bad("livemode", "livemode does not match the key's mode.")
	case b.WebhookSecret != nil && !strings.HasPrefix(*b.WebhookSecret, "whsec_"):
		return bad("stripe_webhook_secret", "A webhook signing secret starts with whsec_.")
	case !strings.HasPrefix(b.Client, "justt-onboard/"):
		return bad("client", "client must be justt-onboard/<version>.")
	}
	var check struct {
		Ready bool `json:"ready"`
	}
	if json.Unmarshal(b.Check, &check) != nil || !check.Ready {
		return bad("check", "The check report must say the key is ready.")
	}
	return 0, nil
}

var (
	gzipBombOnce sync.Once
	gzipBomb     []byte
)

// writeHuge sends a body far over any limit: 16 MiB streamed, or a small
// gzip stream that expands to 4 MiB.
func writeHuge(w http.ResponseWriter, compressed bool) {
	w.Header().Set("Content-Type", "application/json")
	if compressed {
		gzipBombOnce.Do(func() {
			var buf bytes.Buffer
			zw, _ := gzip.NewWriterLevel(&buf, gzip.BestSpeed) // fast even under -race
			chunk := bytes.Repeat([]byte(" "), 64<<10)
			for n := 0; n < justtGzipBody; n += len(chunk) {
				_, _ = zw.Write(chunk)
			}
			_ = zw.Close()
			gzipBomb = buf.Bytes()
		})
		w.Header().Set("Content-Encoding", "gzip")
		w.WriteHeader(http.StatusCreated)
		_, _ = w.Write(gzipBomb)
		return
	}
	w.WriteHeader(http.StatusCreated)
	chunk := bytes.Repeat([]byte(" "), 64<<10)
	for n := 0; n < justtHugeBody; n += len(chunk) {
		if _, err := w.Write(chunk); err != nil {
			return // the client stopped reading, as it should
		}
	}
}

// Start serves the receiver on 127.0.0.1 on a free port until ctx is
// done, and returns its base URL. Request contexts derive from ctx, so a
// hung answer ends when ctx does.
func (j *Justt) Start(ctx context.Context) (baseURL string, err error) {
	return serveLoopback(ctx, j.Handler(), &j.serving, "Justt")
}

// Wait returns once the servers started by Start have shut down.
func (j *Justt) Wait() { j.serving.Wait() }

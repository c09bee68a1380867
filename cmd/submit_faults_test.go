package cmd

import (
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"net/http"
	"net/http/httptest"
	"os"
	"path/filepath"
	"regexp"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/justt-ai/justt-onboard/internal/faultserver"
	"github.com/justt-ai/justt-onboard/internal/safetext"
	"github.com/justt-ai/justt-onboard/justt"
	"github.com/justt-ai/justt-onboard/onboarding"
	"github.com/justt-ai/justt-onboard/sandbox"
	"github.com/justt-ai/justt-onboard/vault"
)

// justtCell is one cell of the Justt fault matrix: the fault, what the
// message must name (one of the |-separated phrases), and submit's exit
// code with the fault on every request (the token check meets it first)
// and on the submission alone (the token check and the key's check pass).
type justtCell struct {
	fault       faultserver.Fault
	names       string
	every, post int
}

// justtCells are the cells for Justt. Stripe's 429 variants differ only
// in Stripe-Should-Retry, which Justt's client does not read: Justt's are
// 429 with and without Retry-After.
var justtCells = map[string]justtCell{
	"latency":              {faultserver.Fault{Kind: faultserver.Latency, Delay: 200 * time.Millisecond}, "", 0, 0},
	"429":                  {faultserver.Fault{Kind: faultserver.RateLimited}, "429", 3, 3},
	"429 Retry-After":      {faultserver.Fault{Kind: faultserver.RateLimited, RetryAfter: "1"}, "429", 3, 3},
	"500":                  {faultserver.Fault{Kind: faultserver.ServerError}, "500", 3, 3},
	"502":                  {faultserver.Fault{Kind: faultserver.BadGateway}, "502", 3, 3},
	"503":                  {faultserver.Fault{Kind: faultserver.Unavailable}, "503", 3, 3},
	"reset":                {faultserver.Fault{Kind: faultserver.Reset}, "closed before an answer|reset", 3, 3},
	"hang":                 {faultserver.Fault{Kind: faultserver.Hang}, "no answer within", 3, 3},
	"truncated":            {faultserver.Fault{Kind: faultserver.Truncated}, "before the whole answer", 3, 3},
	"not JSON":             {faultserver.Fault{Kind: faultserver.NotJSON}, "not JSON|not a receipt", 3, 3},
	"huge":                 {faultserver.Fault{Kind: faultserver.Huge}, "larger than 64 KiB|no answer within", 3, 3},
	"gzip bomb":            {faultserver.Fault{Kind: faultserver.GzipBomb}, "larger than 64 KiB|no answer within", 3, 3},
	"redirect":             {faultserver.Fault{Kind: faultserver.Redirect}, "a redirect to http|never follows", 3, 3},
	"escape-laden message": {faultserver.Fault{Kind: faultserver.EscapeMessage}, "403", 3, 1},
	"echoed secret":        {faultserver.Fault{Kind: faultserver.EchoSecret}, "403", 3, 1},
	"proxy 403":            {faultserver.Fault{Kind: faultserver.ProxyForbidden}, "403", 3, 3},
	"trailing junk":        {faultserver.Fault{Kind: faultserver.TrailingJunk}, "503", 3, 3},
}

// Justt's deadlines in the matrix: each call 1.5 s in all, 750 ms an
// attempt, with the real back-off between attempts (0.5 s, then 1 s: the
// deadline ends a retried cell after two attempts).
const (
	justtCallTimeout    = 1500 * time.Millisecond
	justtAttemptTimeout = 750 * time.Millisecond
)

// submitWorld is a fake Stripe and a fake Justt, a ready key, a signing
// secret and a token, and a progress folder.
type submitWorld struct {
	sb                 *sandbox.Sandbox
	rx                 *sandbox.Justt
	stripeURL, rxURL   string
	key, secret, token string
	dir                string
}

func newSubmitWorld(t *testing.T) *submitWorld {
	t.Helper()
	sb, rx := sandbox.New(), sandbox.NewJustt()
	stripeSrv, rxSrv := httptest.NewServer(sb.Handler()), httptest.NewServer(rx.Handler())
	t.Cleanup(stripeSrv.Close)
	t.Cleanup(rxSrv.Close)
	return &submitWorld{sb: sb, rx: rx, stripeURL: stripeSrv.URL, rxURL: rxSrv.URL,
		key: sb.MintKey(allScopes...), secret: "whsec_" + strings.Repeat("Qm7", 11), token: rx.MintToken("Acme Ltd"),
		dir: t.TempDir()}
}

// submit runs submit against justtURL with the token given, in process
// (so Justt's deadlines can be shortened), and returns its exit code and
// everything it said (stdout, stderr and the error's message).
func (w *submitWorld) submit(t *testing.T, justtURL, token string, asJSON bool) (ran, time.Duration) {
	t.Helper()
	env, out, errb := testEnv("", false, map[string]string{
		"JUSTT_ONBOARDING_TOKEN": token, "JUSTT_API_URL": justtURL,
		"STRIPE_API_KEY": w.key, "STRIPE_WEBHOOK_SECRET": w.secret,
		onboarding.ConfigDirEnv: w.dir, KeyringEnv: "off",
	})
	opts := &submitOptions{JSON: asJSON, Timeout: 5 * time.Second, now: time.Now,
		vault: func() *vault.Vault { return vault.New(vault.NewMemory(), time.Second) },
		justtConfig: func(c *justt.Config) {
			c.Timeout, c.AttemptTimeout = justtCallTimeout, justtAttemptTimeout
		}}
	start := time.Now()
	err := runSubmit(context.Background(), env, &stripeFlags{APIURL: w.stripeURL, UploadsURL: w.stripeURL}, opts)
	took := time.Since(start)
	code, msg := exitOf(err)
	return ran{code: code, stdout: out.String(), stderr: errb.String() + msg}, took
}

// exitOf is the exit code Execute gives err, and the message it prints.
func exitOf(err error) (int, string) {
	var ee *exitError
	switch {
	case err == nil:
		return 0, ""
	case errors.As(err, &ee):
		return ee.code, ee.msg
	case errors.Is(err, context.Canceled):
		return 130, ""
	}
	return 1, err.Error()
}

// jsonEscapedControl is a control character the JSON encoder escaped
// (\u001b), not safetext's visible escape of one, which JSON writes with its
// backslash escaped (\\u001b).
var jsonEscapedControl = regexp.MustCompile(`(?:^|[^\\])(?:\\\\)*\\u(?:00[01][0-9a-fA-F]|202[89])`)

// TestHostileJustt is the fault matrix for `submit` with a fault server in
// front of the fake Justt: in each cell, on every request and on the
// submission alone, the right exit code, a message naming the outage,
// within the deadlines, nothing of the token, key or secret shown (nor 12
// characters of one), nothing unsafe for a terminal, no redirect followed,
// and never a claim of receipt (not on screen, not in --json, not in the
// progress file). Then submit runs again without the fault: Justt records
// the onboarding once, as the message promised.
func TestHostileJustt(t *testing.T) {
	t.Parallel()
	for name, cell := range justtCells {
		t.Run(name, func(t *testing.T) {
			t.Parallel()
			w := newSubmitWorld(t)
			for _, run := range []struct {
				method string
				json   bool
				want   int
			}{{"", false, cell.every}, {"POST", false, cell.post}, {"POST", true, cell.post}} {
				f := cell.fault
				f.Method = run.method
				fs := faultserver.Start(w.rx.Handler(), f)
				r, took := w.submit(t, fs.URL, w.token, run.json)
				fs.Close()
				where := "every request"
				if run.method != "" {
					where = "the submission"
				}
				all := r.stdout + r.stderr
				if r.code != run.want {
					t.Errorf("%s (json %v): exit %d, want %d\n%s", where, run.json, r.code, run.want, all)
				}
				if cell.names != "" && !containsAny(all, strings.Split(cell.names, "|")) {
					t.Errorf("%s: the message does not name %q:\n%s", where, cell.names, all)
				}
				if limit := 2*justtCallTimeout + 5*time.Second; took > limit {
					t.Errorf("%s: submit took %s, more than %s", where, took, limit)
				}
				if safetext.Text(all) != all || (run.json && jsonEscapedControl.MatchString(r.stdout)) {
					t.Errorf("%s: a control character reached the output: %q", where, all)
				}
				assertCorpusOutput(t, all, []string{w.token, w.key, w.secret})
				if fs.ElsewhereRequests() != 0 {
					t.Errorf("%s: a redirect was followed %d times", where, fs.ElsewhereRequests())
				}
				if run.want != 0 {
					assertNoReceipt(t, w, r, run.json)
				}
			}
			// The rerun the message recommends: recorded once.
			if r, _ := w.submit(t, w.rxURL, w.token, false); r.code != 0 || len(w.rx.Submissions()) != 1 {
				t.Errorf("the rerun: exit %d, %d onboardings recorded (want 0 and 1)\n%s%s", r.code, len(w.rx.Submissions()), r.stdout, r.stderr)
			}
		})
	}
}

// assertNoReceipt: a run that failed claims no receipt anywhere.
func assertNoReceipt(t *testing.T, w *submitWorld, r ran, asJSON bool) {
	t.Helper()
	for _, claim := range []string{"✓ Justt", "receipt onb_", "Justt has the submission", "Justt received"} {
		if strings.Contains(r.stdout+r.stderr, claim) {
			t.Errorf("a failed run claims %q:\n%s%s", claim, r.stdout, r.stderr)
		}
	}
	if asJSON {
		var o struct {
			Sent    *bool           `json:"sent"`
			Receipt json.RawMessage `json:"receipt"`
			Error   *submitError    `json:"error"`
		}
		if err := json.Unmarshal([]byte(r.stdout), &o); err != nil || o.Sent == nil || *o.Sent || string(o.Receipt) != "null" || o.Error == nil {
			t.Errorf("--json of a failed run: %v\n%s", err, r.stdout)
		}
	}
	store := onboarding.Store{Dir: w.dir}
	rec, found, _, _ := store.Load()
	if found && (rec.Handoff.State == onboarding.HandoffReceived || rec.Handoff.SubmissionID != "") {
		t.Errorf("the progress file records a receipt: %+v", rec.Handoff)
	}
	if b, err := os.ReadFile(store.Path()); err == nil {
		assertCorpusOutput(t, string(b), []string{w.token, w.key, w.secret})
	}
}

func containsAny(s string, subs []string) bool {
	for _, sub := range subs {
		if strings.Contains(s, sub) {
			return true
		}
	}
	return false
}

// TestSubmitNotSavedPrintsTheOutcome: when the progress file cannot be
// written before sending, nothing is sent, the exit code is 1, and
// --json still prints the documented object, with error.code not_saved.
// The fake Justt puts a folder where the progress file goes while it
// answers the token check, so the save before sending fails.
func TestSubmitNotSavedPrintsTheOutcome(t *testing.T) {
	w := newSubmitWorld(t)
	path := onboarding.Store{Dir: w.dir}.Path()
	for _, asJSON := range []bool{true, false} {
		var once sync.Once
		srv := httptest.NewServer(http.HandlerFunc(func(rw http.ResponseWriter, r *http.Request) {
			once.Do(func() {
				if err := os.MkdirAll(filepath.Join(path, "in-the-way"), 0o700); err != nil {
					t.Error(err)
				}
			})
			w.rx.Handler().ServeHTTP(rw, r)
		}))
		r, _ := w.submit(t, srv.URL, w.token, asJSON)
		srv.Close()
		if err := os.RemoveAll(path); err != nil {
			t.Fatal(err)
		}
		if r.code != 1 || !strings.Contains(r.stderr, "nothing was sent to Justt") {
			t.Fatalf("json %v: exit %d, want 1 and a message saying nothing was sent\n%s%s", asJSON, r.code, r.stdout, r.stderr)
		}
		if n := len(w.rx.Submissions()); n != 0 {
			t.Fatalf("json %v: %d submissions reached Justt", asJSON, n)
		}
		if !asJSON {
			continue
		}
		var o submitOutcome
		if err := json.Unmarshal([]byte(r.stdout), &o); err != nil || o.Sent || o.Receipt != nil || o.Check == nil || !o.Check.Ready() ||
			o.Error == nil || o.Error.Code != "not_saved" || !strings.Contains(o.Error.Message, "progress file") {
			t.Fatalf("--json: %v\n%s", err, r.stdout)
		}
	}
}

// TestSubmitUnsendableIsNotAnOutage: a submission the Justt client will
// not send as it is ends with exit 1 and error.code not_sendable, not as
// "unreachable" (3) with advice to run again, which cannot help.
func TestSubmitUnsendableIsNotAnOutage(t *testing.T) {
	env, out, _ := testEnv("", false, nil)
	err := (&submitOutcome{}).fail(env, &submitOptions{JSON: true},
		fmt.Errorf("submit: %w", &justt.UnsendableError{Reason: "the submission is over 64 KiB; nothing was sent"}), "JUSTT_ONBOARDING_TOKEN")
	code, msg := exitOf(err)
	if code != 1 || !strings.Contains(msg, "over 64 KiB") || !strings.Contains(msg, "again will not") || strings.Contains(msg, "run submit again") {
		t.Fatalf("exit %d, message %q: want 1, naming the problem, not advising a rerun", code, msg)
	}
	var o submitOutcome
	if err := json.Unmarshal(out.Bytes(), &o); err != nil || o.Sent || o.Error == nil || o.Error.Code != "not_sendable" {
		t.Fatalf("--json: %v\n%s", err, out)
	}
}

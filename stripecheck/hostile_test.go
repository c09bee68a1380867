package stripecheck

import (
	"context"
	"encoding/json"
	"errors"
	"net/url"
	"runtime"
	"strings"
	"testing"
	"time"

	"github.com/justt-ai/justt-onboard/internal/faultserver"
	"github.com/justt-ai/justt-onboard/internal/safetext"
	"github.com/justt-ai/justt-onboard/sandbox"
	stripe "github.com/stripe/stripe-go/v76"
)

// hostileCells are the cells of the fault matrix for a whole check: what
// the rows' details must name (one of the |-separated phrases: stripe-go
// retries an over-long answer, so on a slow machine the deadline may come
// first; a reset while a request is still being written reads "could not
// reach").
var hostileCells = map[faultserver.Kind]string{
	faultserver.RateLimited:        "429",
	faultserver.RateLimitedRetry:   "429",
	faultserver.RateLimitedNoRetry: "429",
	faultserver.ServerError:        "500",
	faultserver.BadGateway:         "502",
	faultserver.Unavailable:        "503",
	faultserver.Reset:              "closed before an answer|could not reach",
	faultserver.Hang:               "deadline",
	faultserver.Truncated:          "closed before an answer",
	faultserver.NotJSON:            "not Stripe's JSON",
	faultserver.Huge:               "longer than 2 MiB|deadline",
	faultserver.GzipBomb:           "longer than 2 MiB|deadline",
	faultserver.Redirect:           "redirect, which was not followed",
	faultserver.EscapeMessage:      "403",
	faultserver.EchoSecret:         "403",
	faultserver.ProxyForbidden:     "403",
}

const hostileTimeout = 3 * time.Second

// checkBehind runs a whole check, with stripe-go's default retries, through
// a fault server in front of the sandbox.
func checkBehind(t *testing.T, f faultserver.Fault) (Report, *faultserver.Server, Key, time.Duration) {
	t.Helper()
	sb := sandbox.New()
	fs := faultserver.Start(sb.Handler(), f)
	t.Cleanup(fs.Close)
	c, err := New(Config{APIURL: fs.URL, UploadsURL: fs.URL, Timeout: hostileTimeout})
	if err != nil {
		t.Fatal(err)
	}
	key := parsed(t, sb.MintKey(allNine()...))
	start := time.Now()
	r := c.Check(context.Background(), key, Options{})
	return r, fs, key, time.Since(start)
}

// TestHostileStripe is the fault matrix for a whole check behind a broken
// proxy or API: every row unknown (never a false missing), exit 3, each
// detail naming the outage, within the deadline plus stripe-go's one
// uninterruptible retry pause, nothing leaked, nothing unsafe for a
// terminal, and a redirect never followed.
func TestHostileStripe(t *testing.T) {
	t.Parallel()
	for _, kind := range faultserver.Kinds {
		names, ok := hostileCells[kind]
		if !ok {
			continue // Latency and TrailingJunk have tests of their own
		}
		t.Run(string(kind), func(t *testing.T) {
			t.Parallel()
			r, fs, key, took := checkBehind(t, faultserver.Fault{Kind: kind})
			for _, row := range r.Permissions {
				if row.Status != Unknown {
					t.Errorf("%s is %s (%s), want unknown", row.Permission, row.Status, row.Detail)
				}
				if !containsAny(row.Detail, strings.Split(names, "|")) {
					t.Errorf("%s: detail %q does not name %q", row.Permission, row.Detail, names)
				}
			}
			if r.ExitCode() != ExitUndecided {
				t.Errorf("exit %d, want %d", r.ExitCode(), ExitUndecided)
			}
			if limit := hostileTimeout + 5*time.Second; took > limit {
				t.Errorf("the check took %s, more than %s", took, limit)
			}
			assertNoSecret(t, r, key)
			js, _ := json.Marshal(r)
			for _, s := range []string{string(js), reportText(r)} {
				if strings.Contains(s, "\\u001b") || safetext.Has(strings.ReplaceAll(s, "\n", " ")) {
					t.Errorf("the report carries a control character: %q", s)
				}
			}
			if n := fs.ElsewhereRequests(); n != 0 {
				t.Errorf("a redirect was followed %d times", n)
			}
		})
	}
}

// reportText is every text of the report, as printers see it.
func reportText(r Report) string {
	var b strings.Builder
	b.WriteString(r.AccountID)
	for _, row := range r.Permissions {
		b.WriteString(row.Detail + row.Fix)
	}
	for _, p := range r.Problems {
		b.WriteString(p.Message + p.Fix)
	}
	return b.String()
}

// TestSlowStripeIsStillAnswered: latency under the deadline changes
// nothing.
func TestSlowStripeIsStillAnswered(t *testing.T) {
	t.Parallel()
	r, _, _, _ := checkBehind(t, faultserver.Fault{Kind: faultserver.Latency, Delay: 300 * time.Millisecond})
	if r.ExitCode() != ExitReady || r.Count(Granted) != len(r.Permissions) {
		t.Fatalf("exit %d with %d granted, want ready", r.ExitCode(), r.Count(Granted))
	}
}

// BenchmarkCheckBehindGzipBomb reports what one whole check costs in
// memory when every answer is a 256 MiB gzip bomb (the issue measured 8–10
// GB before bodies were bounded). The fault server runs in this process,
// so its own allocations (building the bomb once) are counted too.
func BenchmarkCheckBehindGzipBomb(b *testing.B) {
	sb := sandbox.New()
	fs := faultserver.Start(sb.Handler(), faultserver.Fault{Kind: faultserver.GzipBomb})
	defer fs.Close()
	c, err := New(Config{APIURL: fs.URL, UploadsURL: fs.URL, Timeout: 30 * time.Second})
	if err != nil {
		b.Fatal(err)
	}
	key := parsed(b, sb.MintKey(allNine()...))
	var before, after runtime.MemStats
	runtime.GC()
	runtime.ReadMemStats(&before)
	for b.Loop() {
		if r := c.Check(context.Background(), key, Options{}); r.Count(Unknown) != len(r.Permissions) {
			b.Fatalf("%d rows unknown", r.Count(Unknown))
		}
	}
	runtime.ReadMemStats(&after)
	b.ReportMetric(float64(after.TotalAlloc-before.TotalAlloc)/float64(b.N)/(1<<20), "MiB/check")
}

func containsAny(s string, subs []string) bool {
	for _, sub := range subs {
		if strings.Contains(s, sub) {
			return true
		}
	}
	return false
}

// FuzzStripeMessage: whatever a server puts in an error message, and with
// whatever status, the failure's texts are safe for a terminal and never
// show 12 characters of the key in play, with or without its prefix.
func FuzzStripeMessage(f *testing.F) {
	key := "rk_live_" + strings.Repeat("Zx9Qw", 20)[:99]
	for _, seed := range []string{
		"The provided key 'rk_live_****abcd' does not have the required permissions for this endpoint on account 'acct_1'. Having the 'rak_charge_read' permission would allow this request to continue.",
		"Blocked " + faultserver.Escapes,
		"Access blocked for credential " + key[8:] + ".",
		"echo " + key[20:40] + "|" + key[60:75],
		"\u009b31m\u202e" + key,
		"<html>403 Forbidden</html>",
	} {
		f.Add(403, seed)
		f.Add(400, seed)
	}
	k, err := ParseKey(key)
	if err != nil {
		f.Fatal(err)
	}
	f.Fuzz(func(t *testing.T, status int, msg string) {
		fl := ClassifyError(context.Background(), &stripe.Error{HTTPStatusCode: status, Msg: msg}, k)
		for _, text := range []string{fl.Detail, fl.Message, fl.Rejection.Message, fl.Permission.AccountID, strings.Join(fl.Permission.Scopes, " ")} {
			if safetext.Has(text) {
				t.Fatalf("unsafe text %q", text)
			}
			for i := 0; i+minEchoedRun <= len(key); i++ {
				if strings.Contains(text, key[i:i+minEchoedRun]) {
					t.Fatalf("text shows 12 characters of the key: %q", text)
				}
			}
		}
	})
}

// FuzzWebhookURL: an accepted URL has no control, bidi or zero-width
// character, no user-info, a possible port and an allowed scheme; a
// refusal never repeats a password and is safe to print.
func FuzzWebhookURL(f *testing.F) {
	for _, seed := range []string{
		"https://hooks.justt.ai/stripe/m_123", "https://justt:hunter2@hooks.justt.ai/x", "https://hooks.justt.ai:99999/x",
		"https://hooks.justt.ai/\x1b]0;x\x07", "https://hooks.jus\u200btt.ai/x", "https://hooks.justt.\u0430i/x", "http://127.0.0.1:8080/h",
		"http://[::1]:0/h", "https://\u202ehooks.justt.ai", "https://xn--jstt-0ra.ai/", "https://a:b@c:d@e/", "https://%zz/",
	} {
		f.Add(seed)
	}
	f.Fuzz(func(t *testing.T, raw string) {
		w, err := ParseWebhookURL(raw)
		if err != nil {
			msg := err.Error()
			var we *WebhookError
			if errors.As(err, &we) {
				msg += we.Fix
			}
			if safetext.Has(msg) {
				t.Fatalf("refusal is not safe to print: %q", msg)
			}
			if u, perr := url.Parse(strings.TrimSpace(raw)); perr == nil && u.User != nil {
				if p, ok := u.User.Password(); ok && len(p) >= 4 && strings.Contains(msg, p) {
					t.Fatalf("refusal repeats the password: %q", msg)
				}
			}
			return
		}
		if safetext.Has(w.URL) || hasNonASCII(w.URL) {
			t.Fatalf("accepted %q as %q", raw, w.URL)
		}
		u, err := url.Parse(w.URL)
		if err != nil || u.User != nil || portProblem(u.Port()) != "" || (u.Scheme != "https" && !(u.Scheme == "http" && isLoopback(u.Hostname()))) {
			t.Fatalf("accepted %q as %q (%v)", raw, w.URL, err)
		}
	})
}

package wizard

import (
	"bytes"
	"context"
	"io"
	"net/http/httptest"
	"strings"
	"sync"
	"testing"
	"time"

	tea "github.com/charmbracelet/bubbletea"
	"github.com/charmbracelet/lipgloss"
	"github.com/charmbracelet/x/exp/teatest"
	"github.com/justt-ai/justt-onboard/sandbox"
	"github.com/justt-ai/justt-onboard/steps"
	"github.com/justt-ai/justt-onboard/stripecheck"
)

// sandboxRun is the wizard on a real stripecheck.Checker pointed at the
// sandbox, in a teatest program. Every secret the sandbox hands out is
// recorded so the test can prove none reached the terminal.
type sandboxRun struct {
	t   *testing.T
	sb  *sandbox.Sandbox
	clk *fakeClock // the re-check's clock: ticks wait for the test
	tm  *teatest.TestModel
	out bytes.Buffer // everything read from the program so far

	mu      sync.Mutex
	secrets []string
}

const demoWebhookURL = "https://hooks.justt.example/stripe/demo"

func startOnSandbox(t *testing.T, demo bool, w, h int) *sandboxRun {
	t.Helper()
	r := &sandboxRun{t: t, sb: sandbox.New(), clk: newFakeClock(true)}
	t.Cleanup(r.clk.stop)
	srv := httptest.NewServer(r.sb.Handler())
	t.Cleanup(srv.Close)
	chk, err := stripecheck.New(stripecheck.Config{APIURL: srv.URL, UploadsURL: srv.URL, MaxNetworkRetries: -1})
	if err != nil {
		t.Fatal(err)
	}
	c := &common{
		ctx: context.Background(), width: 80, height: 24,
		st: newStyles(lipgloss.DefaultRenderer()), keys: newKeyMap(), eng: chk,
		open: func(string) error { return nil }, copy: func(string) (bool, error) { return true, nil },
		now: r.clk.Now, tick: r.clk.Tick,
	}
	if demo {
		c.demo = &Demo{
			MintKey:      func(scopes []string) string { return r.keep(r.sb.MintKey(scopes...)) },
			MintSetupKey: func() string { return r.keep(r.sb.MintSecretKey()) },
			Grant:        func(key string, scopes []string) { r.sb.Grant(key, scopes...) },
			WebhookURL:   demoWebhookURL,
		}
	}
	r.tm = teatest.NewTestModel(t, newModel(c), teatest.WithInitialTermSize(w, h))
	t.Cleanup(func() { _ = r.tm.Quit() })
	return r
}

func (r *sandboxRun) keep(secret string) string {
	r.mu.Lock()
	defer r.mu.Unlock()
	r.secrets = append(r.secrets, secret)
	return secret
}

func (r *sandboxRun) press(keys ...string) *sandboxRun {
	for _, k := range keys {
		r.tm.Send(keyMsg(k))
	}
	return r
}

func (r *sandboxRun) paste(s string) *sandboxRun {
	r.keep(s)
	r.tm.Send(tea.KeyMsg{Type: tea.KeyRunes, Runes: []rune(s), Paste: true})
	return r
}

// waitFor waits until the program has drawn every one of subs since the
// previous wait.
func (r *sandboxRun) waitFor(subs ...string) *sandboxRun {
	r.t.Helper()
	var seen bytes.Buffer
	teatest.WaitFor(r.t, r.tm.Output(), func(b []byte) bool {
		seen.Reset()
		seen.Write(b)
		for _, s := range subs {
			if !bytes.Contains(b, []byte(s)) {
				return false
			}
		}
		return true
	}, teatest.WithDuration(10*time.Second), teatest.WithCheckInterval(10*time.Millisecond))
	r.out.Write(seen.Bytes())
	return r
}

// finish quits and returns the last frame, after checking that no secret
// ever reached the output.
func (r *sandboxRun) finish() string {
	r.t.Helper()
	_ = r.tm.Quit()
	final := r.tm.FinalModel(r.t, teatest.WithFinalTimeout(10*time.Second)).(model)
	rest, _ := io.ReadAll(r.tm.FinalOutput(r.t))
	r.out.Write(rest)
	view := final.View()
	r.mu.Lock()
	secrets := append([]string{}, r.secrets...)
	r.mu.Unlock()
	for _, e := range r.sb.WebhookEndpoints() {
		secrets = append(secrets, e.Secret)
	}
	for _, s := range secrets {
		if leaks(r.out.String(), s) || leaks(view, s) {
			r.t.Fatalf("a secret (%s…), or more than its last 4, reached the terminal", s[:min(8, len(s))])
		}
	}
	return view
}

func TestFlowDemoCompleteKeyAndRegisteredWebhook(t *testing.T) {
	t.Parallel()
	r := startOnSandbox(t, true, 100, 30)
	r.waitFor("Step 1 of 18", "Sign in to Stripe")
	r.press("g", "7").waitFor("Mock of Stripe's form")
	r.press("a", "enter", "enter").waitFor("demo key — fake, sandbox only")
	r.press("enter", "enter").waitFor("Step 11 of 18")
	r.press("ctrl+p").waitFor("All 9 permissions granted", stripecheck.Granted.Mark()+" Charges", r.sb.AccountID())
	r.press("y").waitFor("Register it for me")
	r.press("a").waitFor("Setup key")
	r.press("ctrl+p").waitFor(demoWebhookURL)
	r.press("enter").waitFor("Webhook registered", "Signing secret received (whsec_…")
	r.press("enter").waitFor("What happens next")
	view := r.finish()
	for _, want := range []string{"! Part 1, API key: restricted key · test mode · rk_test_…", "Part 2, webhook: registered we_"} {
		if !strings.Contains(view, want) {
			t.Fatalf("the summary lacks %q:\n%s", want, view)
		}
	}
	eps := r.sb.WebhookEndpoints()
	if len(eps) != 1 || eps[0].URL != demoWebhookURL || eps[0].APIVersion != steps.WebhookAPIVersion {
		t.Fatalf("the sandbox holds %+v", eps)
	}
	for _, m := range r.sb.Mutations() {
		if m.Path != "/v1/webhook_endpoints" {
			t.Fatalf("the check changed something in Stripe: %s %s", m.Method, m.Path)
		}
	}
}

func TestFlowMissingDisputesThenGrantAndRecheck(t *testing.T) {
	t.Parallel()
	r := startOnSandbox(t, false, 100, 40)
	var scopes []string
	for _, p := range steps.Required {
		if p.Resource != "Disputes" {
			scopes = append(scopes, p.Scope)
		}
	}
	key := r.sb.MintLiveKey(scopes...)
	r.press("g", "1", "1").waitFor("Step 11 of 18")
	r.paste(key).waitFor("✗ Disputes", "Fix: Step 7")
	r.press("enter").waitFor("Not yet: the check above says why")
	// The merchant edits the key in Stripe, then re-checks.
	r.sb.Grant(key, "rak_dispute_write")
	r.press("r").waitFor("✓ Disputes", "All 9 permissions granted", "Press enter to continue")
	r.press("enter").waitFor("Register it for me")
	r.finish()
}

func TestFlowPublishableKeyIsNeverSent(t *testing.T) {
	t.Parallel()
	r := startOnSandbox(t, false, 80, 24)
	r.press("g", "1", "1").waitFor("Step 11 of 18")
	r.paste("pk_live_"+strings.Repeat("Pk9", 33)).waitFor("publishable key", "Nothing was sent to Stripe")
	r.finish()
	if n := len(r.sb.Requests()); n != 0 {
		t.Fatalf("%d requests reached Stripe for a publishable key", n)
	}
}

func TestFlowResizeAndTinyTerminal(t *testing.T) {
	t.Parallel()
	r := startOnSandbox(t, false, 40, 10)
	r.waitFor("Terminal too small", "40×10")
	r.tm.Send(tea.WindowSizeMsg{Width: 120, Height: 40})
	r.waitFor("Step 1 of 18", "Sign in to Stripe")
	r.tm.Send(tea.WindowSizeMsg{Width: 59, Height: 20})
	r.waitFor("59×20")
	r.tm.Send(tea.WindowSizeMsg{Width: 80, Height: 24})
	r.waitFor("Sign in to Stripe")
	view := r.finish()
	if got := strings.Count(view, "\n") + 1; got != 24 {
		t.Fatalf("the last frame is %d lines high at 80×24", got)
	}
}

// A rolled key: the real engine on the sandbox gets a 401 for it, and the
// screen says so with its own verdict instead of "fix the ✗ rows".
func TestFlowRejectedKey(t *testing.T) {
	t.Parallel()
	r := startOnSandbox(t, false, 100, 40)
	key := r.sb.MintLiveKey("rak_charge_read")
	r.sb.Roll(key)
	r.press("g", "1", "1").waitFor("Step 11 of 18")
	r.paste(key).waitFor("Stripe refused this key", "not checked: Stripe refused the key", "press e")
	view := r.finish()
	for _, gone := range []string{"not confirmed: not checked", "fix the ✗ rows"} {
		if strings.Contains(view, gone) {
			t.Fatalf("the screen says %q:\n%s", gone, view)
		}
	}
}

// The by-hand path in the demo: an endpoint made in the "dashboard" with
// the account's default API version and every event; step 17's v verifies
// it against the sandbox with a demo setup key and names each fix.
func TestFlowVerifyByHandInTheDemo(t *testing.T) {
	t.Parallel()
	r := startOnSandbox(t, true, 100, 40)
	r.sb.AddWebhookEndpoint(sandbox.WebhookEndpoint{URL: demoWebhookURL, EnabledEvents: []string{"*"}, APIVersion: "2024-06-20"})
	r.press("g", "7").waitFor("Mock of Stripe's form")
	r.press("a", "enter", "enter").waitFor("demo key — fake, sandbox only")
	r.press("enter", "enter").waitFor("Step 11 of 18")
	r.press("ctrl+p").waitFor("All 9 permissions granted")
	r.press("y").waitFor("Register it for me")
	r.press("b").waitFor("Step 12 of 18")
	r.press("g", "1", "7").waitFor("Verify with a setup key")
	r.press("v").waitFor("paste a demo setup key")
	r.press("ctrl+p").waitFor("Justt webhook URL (step 16)")
	r.press("enter").waitFor("listens to every event (*)", "uses API version 2024-06-20", "Not right yet")
	r.finish()
	if n := len(r.sb.Mutations()); n != 0 {
		t.Fatalf("verifying changed %d objects in Stripe", n)
	}
}

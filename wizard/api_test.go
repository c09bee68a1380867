package wizard

import (
	"bytes"
	"context"
	"errors"
	"io"
	"net/http/httptest"
	"strings"
	"testing"
	"time"

	"github.com/charmbracelet/lipgloss"
	"github.com/justt-ai/justt-onboard/sandbox"
	"github.com/justt-ai/justt-onboard/steps"
	"github.com/justt-ai/justt-onboard/stripecheck"
	"github.com/muesli/termenv"
)

func sandboxChecker(t *testing.T) (*sandbox.Sandbox, *stripecheck.Checker) {
	t.Helper()
	sb := sandbox.New()
	srv := httptest.NewServer(sb.Handler())
	t.Cleanup(srv.Close)
	chk, err := stripecheck.New(stripecheck.Config{APIURL: srv.URL, UploadsURL: srv.URL, MaxNetworkRetries: -1})
	if err != nil {
		t.Fatal(err)
	}
	return sb, chk
}

func TestRunNeedsAChecker(t *testing.T) {
	if err := Run(context.Background(), Options{}); err == nil {
		t.Fatal("Run without a checker did not fail")
	}
}

func TestRunAccessibleAgainstTheSandbox(t *testing.T) {
	t.Parallel()
	sb, chk := sandboxChecker(t)
	key := sb.MintLiveKey(newPermForm().fillGuide().scopes()...)
	in := strings.NewReader(strings.Repeat("\n", 10) + key + "\n\nc\n")
	var out bytes.Buffer
	if err := Run(context.Background(), Options{Checker: chk, Accessible: true, In: in, Out: &out}); err != nil {
		t.Fatalf("%v\n%s", err, out.String())
	}
	got := out.String()
	if strings.Contains(got, key) || keyShaped.MatchString(got) {
		t.Fatal("the accessible run printed the key")
	}
	for _, want := range []string{"All 9 permissions granted", sb.AccountID(), "Part 2, webhook: skipped"} {
		if !strings.Contains(got, want) {
			t.Errorf("the output lacks %q", want)
		}
	}
}

func TestRunFullScreenUsesTheAltScreenAndQuits(t *testing.T) {
	t.Parallel()
	_, chk := sandboxChecker(t)
	var out bytes.Buffer
	err := Run(context.Background(), Options{Checker: chk, In: strings.NewReader("q"), Out: &out})
	if err != nil {
		t.Fatal(err)
	}
	if !strings.Contains(out.String(), "\x1b[?1049h") {
		t.Fatal("the wizard did not use the alternate screen")
	}
	if !strings.Contains(out.String(), "Step 1 of 18") {
		t.Fatalf("the wizard drew no step:\n%q", out.String())
	}
}

func TestRunStopsWithItsContext(t *testing.T) {
	t.Parallel()
	_, chk := sandboxChecker(t)
	ctx, cancel := context.WithCancel(context.Background())
	in, w := io.Pipe() // a terminal nobody types into
	defer w.Close()
	done := make(chan error, 1)
	go func() { done <- Run(ctx, Options{Checker: chk, In: in, Out: io.Discard}) }()
	cancel()
	select {
	case err := <-done:
		if !errors.Is(err, context.Canceled) {
			t.Fatalf("Run returned %v, want context.Canceled", err)
		}
	case <-time.After(10 * time.Second):
		t.Fatal("Run did not stop when its context ended")
	}
}

// The colours come from the renderer built on the wizard's own output, which
// honours NO_COLOR even where colour is otherwise forced.
func TestNoColorIsRespected(t *testing.T) {
	t.Cleanup(func() { lipgloss.SetColorProfile(termenv.Ascii) })
	t.Setenv("CLICOLOR_FORCE", "1")
	t.Setenv("NO_COLOR", "")
	if p := settleRenderer(io.Discard).ColorProfile(); p == termenv.Ascii {
		t.Fatal("colour forced, yet the renderer has no colour: the test cannot tell NO_COLOR apart")
	}
	t.Setenv("NO_COLOR", "1")
	r := settleRenderer(io.Discard)
	if p := r.ColorProfile(); p != termenv.Ascii {
		t.Fatalf("NO_COLOR=1 gave colour profile %v", p)
	}
	if lipgloss.ColorProfile() != termenv.Ascii {
		t.Fatal("the bubbles components would still draw in colour")
	}
	st := newStyles(r)
	if got := st.bad.Render("✗"); got != "✗" {
		t.Fatalf("NO_COLOR=1 still styles: %q", got)
	}
}

// stalledEngine is a Stripe that never answers: each call waits for its
// context, and says when it starts and when it gives up.
type stalledEngine struct{ started, returned chan struct{} }

func newStalledEngine() *stalledEngine {
	n := len(steps.Required) + 1 // the probes and the diagnosis
	return &stalledEngine{started: make(chan struct{}, n), returned: make(chan struct{}, n)}
}

func (s *stalledEngine) wait(ctx context.Context) {
	s.started <- struct{}{}
	<-ctx.Done()
	s.returned <- struct{}{}
}

func (s *stalledEngine) Probe(ctx context.Context, _ stripecheck.Key, p steps.Permission) stripecheck.Result {
	s.wait(ctx)
	return stripecheck.Result{Permission: p, Status: stripecheck.Unknown, Detail: "no answer"}
}

func (s *stalledEngine) Diagnose(ctx context.Context, _ stripecheck.Key) stripecheck.Diagnosis {
	s.wait(ctx)
	return stripecheck.Diagnosis{}
}

func (s *stalledEngine) RegisterWebhook(ctx context.Context, _ stripecheck.Key, _ stripecheck.RegisterOptions) (stripecheck.RegisterResult, error) {
	s.wait(ctx)
	return stripecheck.RegisterResult{}, ctx.Err()
}

func (s *stalledEngine) VerifyWebhook(ctx context.Context, _ stripecheck.Key, _ string) (stripecheck.VerifyResult, error) {
	s.wait(ctx)
	return stripecheck.VerifyResult{}, ctx.Err()
}

// receive waits for n signals on ch, failing after a guard far shorter
// than stripecheck.DefaultTimeout (a check's own deadline).
func receive(t *testing.T, ch <-chan struct{}, n int, what string) {
	t.Helper()
	guard := time.After(stripecheck.DefaultTimeout / 2)
	for i := 0; i < n; i++ {
		select {
		case <-ch:
		case <-guard:
			t.Fatalf("%s: %d of %d", what, n-i, n)
		}
	}
}

// ctrl+c while Stripe has not answered ends the run, and the calls still
// out end with it instead of waiting for the check's 20-second deadline
// (bubbletea drops their answers once the program is over).
func TestQuittingDuringACheckLeavesNothingWaiting(t *testing.T) {
	t.Parallel()
	eng := newStalledEngine()
	in, typing := io.Pipe()
	defer typing.Close()
	var out bytes.Buffer // read only once Run has returned
	done := make(chan error, 1)
	go func() { done <- runFullScreen(context.Background(), eng, nil, Handoff{}, freshStart(), in, &out) }()
	typeIn := func(s string) {
		if _, err := io.WriteString(typing, s); err != nil {
			t.Fatal(err)
		}
	}
	typeIn("g11")
	key := testKey("rk_live_", "QUIT")
	typeIn("\x1b[200~" + key + "\x1b[201~") // a bracketed paste
	calls := cap(eng.started)
	receive(t, eng.started, calls, "Stripe calls never started")
	typeIn("\x03") // ctrl+c
	select {
	case err := <-done:
		if err != nil {
			t.Fatalf("Run returned %v after ctrl+c", err)
		}
	case <-time.After(stripecheck.DefaultTimeout / 2):
		t.Fatal("Run did not return after ctrl+c while a check was running")
	}
	receive(t, eng.returned, calls, "Stripe calls still waiting after Run returned")
	if strings.Contains(out.String(), key) || !strings.Contains(out.String(), "rk_live_…QUIT") {
		t.Fatal("the screen did not show the pasted key redacted")
	}
	// After the alternate screen is left, where the merchant stopped and
	// the summary stay on the normal screen (in the scrollback).
	_, after, found := strings.Cut(out.String(), "\x1b[?1049l")
	if !found || !strings.Contains(after, "Stopped at step 11 of 18") || !strings.Contains(after, "What happens next") {
		t.Fatalf("nothing left on the normal screen after leaving the alternate one:\n%q", after)
	}
}

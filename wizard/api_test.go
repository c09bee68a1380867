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
	in := strings.NewReader(strings.Repeat("\n", 10) + key + "\nc\n")
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

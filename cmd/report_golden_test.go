package cmd

import (
	"bytes"
	"context"
	"flag"
	"fmt"
	"net/http/httptest"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/charmbracelet/x/ansi"
	"github.com/justt-ai/justt-onboard/internal/textlayout"
	"github.com/justt-ai/justt-onboard/sandbox"
	"github.com/justt-ai/justt-onboard/stripecheck"
)

var update = flag.Bool("update", false, "rewrite the golden files in testdata")

// checkScenario is one kind of key the human check output is shown for.
type checkScenario struct {
	name string
	key  func(sb *sandbox.Sandbox) string
}

func withoutScope(drop string, also ...string) []string {
	var out []string
	for _, s := range requiredScopes {
		if s != drop {
			out = append(out, s)
		}
	}
	return append(out, also...)
}

var requiredScopes = []string{"rak_charge_read", "rak_customer_read", "rak_file_write", "rak_payment_intent_read",
	"rak_payment_method_read", "rak_invoice_read", "rak_subscription_read", "rak_dispute_write", "rak_review_read"}

var checkScenarios = []checkScenario{
	{"ready", func(sb *sandbox.Sandbox) string { return sb.MintLiveKey(requiredScopes...) }},
	{"issuing_disputes", func(sb *sandbox.Sandbox) string {
		return sb.MintLiveKey(withoutScope("rak_dispute_write", "rak_issuing_dispute_write")...)
	}},
	{"excess_write", func(sb *sandbox.Sandbox) string {
		return sb.MintLiveKey(withoutScope("rak_charge_read", "rak_charge_write")...)
	}},
	{"rate_limited", func(sb *sandbox.Sandbox) string {
		k := sb.MintLiveKey(requiredScopes...)
		sb.SetFault(k, sandbox.Fault{Kind: sandbox.RateLimited})
		return k
	}},
	{"publishable", func(*sandbox.Sandbox) string { return "pk_live_" + strings.Repeat("Ab3", 33) }},
}

// runCheckAt runs `check` for key with standard output a terminal width
// columns wide (0: piped) and returns stdout with the sandbox's random
// account id and key ending replaced by fixed text of the same width.
func runCheckAt(t *testing.T, sb *sandbox.Sandbox, url, key string, width int) (string, int) {
	t.Helper()
	var out, errb bytes.Buffer
	env := &Env{Stdin: strings.NewReader(""), Stdout: &out, Stderr: &errb,
		Getenv:      func(k string) string { return map[string]string{"STRIPE_API_KEY": key}[k] },
		Interactive: func() bool { return false }, OutputWidth: func() int { return width }, Version: "test"}
	code := Execute(context.Background(), env, []string{"check", "--stripe-api-url", url, "--stripe-uploads-url", url})
	if strings.Contains(out.String()+errb.String(), key) {
		t.Fatalf("the key was printed")
	}
	parsed, _ := stripecheck.ParseKey(key)
	// Same-width replacements, so that they never change how a line wraps.
	red := parsed.Redacted()
	text := strings.ReplaceAll(out.String(), red, red[:len(red)-4]+"a1b2")
	acct := sb.AccountID()
	text = strings.ReplaceAll(text, acct, "acct_"+strings.Repeat("X", len(acct)-len("acct_")))
	return text, code
}

// TestCheckGoldens: the human check output at 60 and 80 columns, and piped.
// Review a changed golden by eye before committing it (go test ./cmd -update).
func TestCheckGoldens(t *testing.T) {
	for _, sc := range checkScenarios {
		t.Run(sc.name, func(t *testing.T) {
			sb := sandbox.New()
			srv := httptest.NewServer(sb.Handler())
			defer srv.Close()
			key := sc.key(sb)
			for _, width := range []int{60, 80, 0} {
				got, _ := runCheckAt(t, sb, srv.URL, key, width)
				name := fmt.Sprintf("%s_%d.golden", sc.name, width)
				if width == 0 {
					name = sc.name + "_piped.golden"
				}
				assertGolden(t, filepath.Join("testdata", "check", name), got)
				assertFits(t, got, width)
			}
		})
	}
}

// assertFits: at a given width every line fits, unless it is one word
// (after its indentation) that could not fit on any line.
func assertFits(t *testing.T, out string, width int) {
	t.Helper()
	for _, line := range strings.Split(out, "\n") {
		if width == 0 || textlayout.Width(line) <= width {
			continue
		}
		if words := textlayout.Words(line); len(words) != 1 {
			t.Errorf("%d columns: line is %d wide: %q", width, textlayout.Width(line), line)
		}
	}
}

func assertGolden(t *testing.T, path, got string) {
	t.Helper()
	if *update {
		if err := os.MkdirAll(filepath.Dir(path), 0o755); err != nil {
			t.Fatal(err)
		}
		if err := os.WriteFile(path, []byte(got), 0o644); err != nil {
			t.Fatal(err)
		}
		return
	}
	want, err := os.ReadFile(path)
	if err != nil {
		t.Fatalf("%v (run go test ./cmd -run %s -update, then review the file)", err, t.Name())
	}
	if string(want) != got {
		t.Errorf("%s differs (rerun with -update and review the diff):\n--- got\n%s\n--- want\n%s", path, got, want)
	}
}

// TestCheckWrapsOnlyOnATerminal: the same words at every width; only the
// line breaks differ.
func TestCheckWrapsOnlyOnATerminal(t *testing.T) {
	sb := sandbox.New()
	srv := httptest.NewServer(sb.Handler())
	defer srv.Close()
	key := checkScenarios[1].key(sb)
	piped, code := runCheckAt(t, sb, srv.URL, key, 0)
	if code != stripecheck.ExitNotReady {
		t.Fatalf("exit %d, want %d", code, stripecheck.ExitNotReady)
	}
	narrow, _ := runCheckAt(t, sb, srv.URL, key, 60)
	if strings.Count(narrow, "\n") <= strings.Count(piped, "\n") {
		t.Errorf("60 columns did not wrap:\n%s", narrow)
	}
	if a, b := strings.Join(textlayout.Words(strings.ReplaceAll(piped, "\n", " ")), " "),
		strings.Join(textlayout.Words(strings.ReplaceAll(narrow, "\n", " ")), " "); a != b {
		t.Errorf("wrapping changed the words:\npiped:  %s\nnarrow: %s", a, b)
	}
	for _, line := range strings.Split(piped, "\n") {
		if textlayout.Width(line) > 80 {
			return // piped output keeps its long lines
		}
	}
	t.Errorf("piped output has no line over 80 columns: was it wrapped?\n%s", piped)
}

// TestCheckLinksAreHyperlinksOnCapableTerminals: on a terminal known to
// draw OSC 8 links, a link in a fix is one; piped, or on other terminals,
// it is plain text.
func TestCheckLinksAreHyperlinksOnCapableTerminals(t *testing.T) {
	sb := sandbox.New()
	srv := httptest.NewServer(sb.Handler())
	defer srv.Close()
	key := checkScenarios[3].key(sb) // rate limited: the fix names https://status.stripe.com
	link := ansi.SetHyperlink("https://status.stripe.com") + "https://status.stripe.com" + ansi.ResetHyperlink()
	for _, tt := range []struct {
		width int
		force string
		want  bool
	}{{80, "1", true}, {0, "1", false}, {80, "", false}} {
		var out bytes.Buffer
		vars := map[string]string{"STRIPE_API_KEY": key, "FORCE_HYPERLINK": tt.force}
		env := &Env{Stdin: strings.NewReader(""), Stdout: &out, Stderr: &bytes.Buffer{},
			Getenv: func(k string) string { return vars[k] }, Interactive: func() bool { return false },
			OutputWidth: func() int { return tt.width }, Version: "test"}
		Execute(context.Background(), env, []string{"check", "--stripe-api-url", srv.URL, "--stripe-uploads-url", srv.URL})
		if got := strings.Contains(out.String(), link); got != tt.want {
			t.Errorf("width %d FORCE_HYPERLINK=%q: hyperlink %v, want %v:\n%q", tt.width, tt.force, got, tt.want, out.String())
		}
		if !strings.Contains(out.String(), "https://status.stripe.com") {
			t.Errorf("the link text is missing:\n%s", out.String())
		}
	}
}

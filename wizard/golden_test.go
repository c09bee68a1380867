package wizard

import (
	"bytes"
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"net/http"
	"net/http/httptest"
	"regexp"
	"strings"
	"sync"
	"testing"
	"time"

	tea "github.com/charmbracelet/bubbletea"
	"github.com/charmbracelet/lipgloss"
	"github.com/charmbracelet/x/ansi"
	"github.com/charmbracelet/x/exp/teatest"
	"github.com/justt-ai/justt-onboard/justt"
	"github.com/justt-ai/justt-onboard/onboarding"
	"github.com/justt-ai/justt-onboard/sandbox"
	"github.com/justt-ai/justt-onboard/steps"
	"github.com/justt-ai/justt-onboard/vault"
)

// goldenScreen is one screen of the wizard, reached by run and drawn once
// until shows; see TestGoldenScreens.
type goldenScreen struct {
	name    string
	demo    bool
	missing []string
	reg     bool     // Stripe registers the webhook
	resume  bool     // an onboarding stopped at step 14 is offered
	noVault bool     // no keyring answers
	unknown []string // scopes Stripe gives no clear answer on
	issuing bool     // the key holds Disputes under Issuing (step 7's trap)
	run     []string // keys, pastes (anything key-shaped), "wait:" texts and "size:WxH"
	until   string
	// help and quit are what the footer must show for ? and quitting
	// ("" for the defaults, "? help" and "q quit"): where a field takes
	// letters as text, q is text and ctrl+c quits.
	help, quit string
	// sizes overrides the design sizes (80×24 and 60×20).
	sizes [][2]int
	// justt gives the run a Justt API address (the fake receiver, at a
	// fixed URL): the token screen opens at the start, or after the resume
	// offer; in the demo the demo token is proven at once, as in `demo`.
	justt bool
	// drops is how many hand-offs Justt records and then loses the answer
	// to (the connection drops): the wizard cannot know they arrived.
	drops int
}

// goldenSizes are the sizes every screen is drawn at: the design size and
// the smaller one it degrades to.
var goldenSizes = [][2]int{{80, 24}, {60, 20}}

// goldenScreens are every screen of the wizard, full screen and demo. A
// screen added to the wizard is a row here.
func goldenScreens() []goldenScreen {
	live := testKey("rk_live_", "GOLD")
	pass := []string{"g", "1", "1", live, "wait:All 9 permissions"}
	var out []goldenScreen
	for _, demo := range []bool{false, true} {
		for _, s := range steps.All {
			name := fmt.Sprintf("step%02d", s.Number)
			if demo {
				name = "demo_" + name
			}
			var run []string
			if s.Number > keyPartStep {
				run = append(run, pass...)
				run = append(run, "enter", "wait:Register it for me")
			}
			if s.Number != 1 {
				run = append(run, "g")
				for _, d := range itoa(s.Number) {
					run = append(run, string(d))
				}
			}
			g := goldenScreen{name: name, demo: demo, run: run, until: fmt.Sprintf("Step %d of 18", s.Number)}
			if demo && s.Number == 9 {
				g.until = "demo key — fake, sandbox only" // minted in a command: wait for it
			}
			if s.Number == keyPartStep || s.Number == steps.Total {
				g.quit = "ctrl+c quit" // the field waits for a paste: q is text
			}
			out = append(out, g)
		}
	}
	return append(out,
		goldenScreen{name: "step4_prefilled_links", run: []string{"g", "4", "tab"}, until: "Pre-filled form (test mode)"},
		goldenScreen{name: "step4_copy_failed_offers_w", run: []string{"g", "4", "tab", "c"}, until: "press w to print it whole"},
		goldenScreen{name: "step7_demo_form", demo: true, run: []string{"g", "7", "wait:Step 7 of 18", "a", "down", "down"}, until: "› Disputes"},
		goldenScreen{name: "step11_missing_disputes", missing: []string{"rak_dispute_write"},
			run: []string{"g", "1", "1", live}, until: "Fix: Step 7"},
		goldenScreen{name: "step11_demo_issuing_trap", demo: true, missing: []string{"rak_dispute_write"}, issuing: true,
			run: []string{"g", "1", "1", live}, until: "Fix: Step 7"},
		goldenScreen{name: "step11_missing_enter", missing: []string{"rak_dispute_write"},
			run: []string{"g", "1", "1", live, "wait:Fix: Step 7", "enter"}, until: "Not yet: the check"},
		goldenScreen{name: "step11_demo_missing_disputes", demo: true, missing: []string{"rak_dispute_write"},
			run: []string{"g", "1", "1", live}, until: "Fix: Step 7"},
		goldenScreen{name: "step11_passed", run: []string{"g", "1", "1", live}, until: "All 9 permissions"},
		goldenScreen{name: "step11_unconfirmed", unknown: []string{"rak_charge_read"}, run: []string{"g", "1", "1", live}, until: "y continue anyway"},
		goldenScreen{name: "step11_publishable_key", run: []string{"g", "1", "1", testKey("pk_live_", "PUBL")}, until: "publishable", quit: "ctrl+c quit"},
		goldenScreen{name: "step11_fixed_and_rechecked", demo: true, missing: []string{"rak_dispute_write"},
			run: []string{"g", "1", "1", live, "wait:Fix: Step 7", "f", "wait:as if you clicked Save", "r"}, until: "All 9 permissions",
			sizes: [][2]int{{80, 24}}}, // at 60×20 the verdict is a pgdn away
		goldenScreen{name: "webhook_choice", run: append(append([]string{}, pass...), "enter"), until: "Register it for me"},
		goldenScreen{name: "register_url_field", demo: true, reg: true, run: append(append([]string{}, pass...), "enter", "wait:Register it for me", "a", "ctrl+p"),
			until: "register the webhook", help: "esc then ? help", quit: "ctrl+c quit"},
		goldenScreen{name: "register_setup_field", demo: true, reg: true, run: append(append([]string{}, pass...), "enter", "wait:Register it for me", "a"),
			until: "register for me", quit: "ctrl+c quit"},
		goldenScreen{name: "register_done", demo: true, reg: true,
			run:   append(append([]string{}, pass...), "enter", "wait:Register it for me", "a", "ctrl+p", "wait:register the webhook", "enter"),
			until: "Webhook registered"},
		goldenScreen{name: "summary_skipped", run: append(append([]string{}, pass...), "enter", "wait:Register it for me", "c"), until: "Summary"},
		goldenScreen{name: "summary_registered", demo: true, reg: true,
			run: append(append([]string{}, pass...), "enter", "wait:Register it for me", "a", "ctrl+p", "wait:register the webhook", "enter",
				"wait:Webhook registered", "enter"),
			until: "Summary"},
		// Issue 3's full demo path: every step from 1, the mock form ticked
		// with a, the key minted at 9 and pasted with ctrl+p at 11, past the
		// test-mode warning, registered with the demo setup key (and
		// verified), to the summary.
		goldenScreen{name: "demo_full_path_summary", demo: true, reg: true,
			run: []string{"wait:Sign in to Stripe", "enter", "enter", "enter", "enter", "enter", "enter",
				"wait:Mock of Stripe's form", "a", "enter", "wait:Step 8 of 18", "enter", "wait:demo key — fake, sandbox only",
				"enter", "enter", "wait:(empty: paste here)", "ctrl+p", "wait:y continue anyway", "y",
				"wait:Register it for me", "a", "ctrl+p", "wait:register the webhook", "enter",
				"wait:Webhook registered", "enter"},
			until: "Summary"},
		goldenScreen{name: "step17_verified", demo: true,
			run: append(append([]string{}, pass...), "enter", "wait:Register it for me", "b",
				"wait:Step 12 of 18", "g", "1", "7", "wait:Step 17 of 18", "v", "ctrl+p", "wait:Justt webhook URL", "enter"),
			until: "Press v to verify again"},
		goldenScreen{name: "help", run: []string{"?"}, until: "Press ? or esc to close", help: "?/esc close help"},
		goldenScreen{name: "help_scrolled", run: []string{"?", "wait:Press ? or esc to close", "pgdown"}, until: "more above", help: "?/esc close help",
			sizes: [][2]int{{60, 20}}},
		goldenScreen{name: "resume_offer", resume: true, until: "to start over"},
		goldenScreen{name: "resume_rechecked", resume: true, run: []string{"wait:to start over", "enter"}, until: "checked again: all 9"},
		goldenScreen{name: "quit_asks_first", reg: true, noVault: true,
			run: append(append([]string{}, pass...), "enter", "wait:Register it for me", "a", testKey("sk_live_", "SETK"),
				"wait:Justt webhook URL", "ctrl+u", "https://hooks.justt.example/x", "enter", "wait:Webhook registered", "q"),
			until: "Quit now?", help: "-", quit: "y quit anyway"},
		// The hand-off to Justt (issue 9's screens): the token screen as it
		// asks, proves, refuses, and is left empty ("I don't have one").
		goldenScreen{name: "token_asks", justt: true, until: "I don't have one", quit: "ctrl+c quit"},
		goldenScreen{name: "token_proved", justt: true, run: []string{"wait:I don't have one", sandbox.JusttDemoToken},
			until: "Justt accepted the token"},
		goldenScreen{name: "token_refused", justt: true, run: []string{"wait:I don't have one", goldenUnknownToken},
			until: "Justt refused this token", quit: "ctrl+c quit"},
		goldenScreen{name: "token_none", justt: true, run: []string{"wait:I don't have one", "enter"},
			until: "No token: at the end"},
		goldenScreen{name: "demo_token_proved", demo: true, justt: true, until: "Justt accepted the token"},
		goldenScreen{name: "demo_token_another", demo: true, justt: true, run: []string{"wait:Justt accepted the token", "e"},
			until: "ctrl+p pastes it", quit: "ctrl+c quit"},
		// The review of what will be sent, the receipt, and the summary after it.
		goldenScreen{name: "handoff_review", justt: true, run: handOver(false), until: "Press enter to send"},
		goldenScreen{name: "demo_handoff_review", demo: true, justt: true, run: handOver(true), until: "Press enter to send"},
		goldenScreen{name: "handoff_receipt", justt: true, run: append(handOver(false), "wait:Press enter to send", "enter"),
			until: "was removed from"},
		goldenScreen{name: "demo_handoff_receipt", demo: true, justt: true, run: append(handOver(true), "wait:Press enter to send", "enter"),
			until: "was removed from"},
		goldenScreen{name: "handoff_summary", justt: true,
			run:   append(handOver(false), "wait:Press enter to send", "enter", "wait:was removed from", "enter"),
			until: "Summary"},
		// Justt records the submission and the answer is lost; the retry
		// sends the same one, and Justt says it kept it once.
		goldenScreen{name: "handoff_unreachable", justt: true, drops: 1, run: append(handOver(false), "wait:Press enter to send", "enter"),
			until: "Justt could not be reached"},
		goldenScreen{name: "handoff_retried", justt: true, drops: 1,
			run:   append(handOver(false), "wait:Press enter to send", "enter", "wait:Justt could not be reached", "enter"),
			until: "was removed from"},
		// The resume offer and the quit question with a Justt address given.
		goldenScreen{name: "resume_offer_then_token", justt: true, resume: true, run: []string{"wait:to start over", "enter"},
			until: "checked again", quit: "ctrl+c quit"},
		goldenScreen{name: "handoff_review_registered", justt: true, reg: true, noVault: true,
			run: append(handOver(false)[:len(handOver(false))-1], "a", testKey("sk_live_", "SETK"), "wait:Justt webhook URL", "enter",
				"wait:Webhook registered", "enter"),
			until: "Press enter to send"},
		goldenScreen{name: "handoff_review_registered_quit_asks", justt: true, reg: true, noVault: true,
			run: append(handOver(false)[:len(handOver(false))-1], "a", testKey("sk_live_", "SETK"), "wait:Justt webhook URL", "enter",
				"wait:Webhook registered", "enter", "wait:Press enter to send", "q"),
			until: "Quit now?", help: "-", quit: "y quit anyway"},
		goldenScreen{name: "too_small", until: "Terminal too small", sizes: [][2]int{{50, 12}}, help: "-", quit: "-"},
		goldenScreen{name: "resized_to_120x30", run: []string{"g", "7", "wait:Step 7 of 18", "size:120x30"},
			until: "not the row under Issuing", sizes: [][2]int{{80, 24}}},
	)
}

// goldenJusttURL is the fake Justt's address in the goldens: the receiver
// is served in the process, so no random loopback port reaches a file.
const goldenJusttURL = "https://api.justt.example"

// goldenUnknownToken is well formed, and unknown to the fake Justt.
const goldenUnknownToken = "jot_0000000000000000000000000000000000000000"

// handOver proves the demo token, passes the key part and skips the
// webhook: the review is next.
// In the demo the demo token is proven at the start.
func handOver(demo bool) []string {
	var out []string
	if !demo {
		out = []string{"wait:I don't have one", sandbox.JusttDemoToken}
	}
	return append(out, "wait:Justt accepted the token", "enter", "wait:Step 1 of 18", "g", "1", "1", testKey("rk_live_", "GOLD"), "wait:All 9 permissions", "enter",
		"wait:Register it for me", "c")
}

// knownTokens are the paths, links and ids the screens may show: none may
// ever be drawn broken (a piece of one on a line, not cut with "…").
func knownTokens() []string {
	out := []string{steps.PrefilledKeyURL(false), steps.PrefilledKeyURL(true), "acct_1FakeAccount", "we_1Registered",
		"https://hooks.justt.example/x", "https://hooks.justt.example/stripe/demo",
		"rk_live_…GOLD", "rk_live_…KEPT",
		goldenJusttURL + justt.SubmitPath, sandbox.JusttDemoWebhookURL, "rk_test_…DEM1", "whsec_…WH42", "sk_live_…SETK", "sk_test_…SETK"}
	for _, s := range steps.All {
		if s.Link != "" {
			out = append(out, s.Link)
		}
	}
	return out
}

// Golden screens run the whole program (teatest) on the fake engine, so
// every key and account on them is fixed and the files are stable. Each
// is drawn at 80×24 and 60×20, and each frame must keep ? and quitting in
// view, fit the terminal, and never break a known link or id.
// Regenerate with: go test ./wizard -run TestGolden -update
func TestGoldenScreens(t *testing.T) {
	for _, g := range goldenScreens() {
		sizes := g.sizes
		if sizes == nil {
			sizes = goldenSizes
		}
		for _, size := range sizes {
			name := g.name
			if g.sizes == nil {
				name = fmt.Sprintf("%s_%dx%d", g.name, size[0], size[1])
			}
			t.Run(name, func(t *testing.T) {
				t.Parallel()
				view := runGolden(t, g, size)
				w, h := finalSize(g.run, size)
				checkFrame(t, g, view, w, h)
				// Justt's receipt ids are random: the file holds one of the
				// same width, so the layout compared is the real one.
				view = receiptID.ReplaceAllString(view, "onb_"+strings.Repeat("0", 24))
				teatest.RequireEqualOutput(t, []byte(view))
			})
		}
	}
}

// receiptID is the fake Justt's receipt id: "onb_" and 24 random hex digits.
var receiptID = regexp.MustCompile(`onb_[0-9a-f]{24}`)

func runGolden(t *testing.T, g goldenScreen, size [2]int) string {
	live := testKey("rk_live_", "GOLD")
	eng := newFakeEngine(g.missing...)
	for _, s := range g.unknown {
		eng.unknown[s] = true
	}
	if g.issuing {
		eng.issuing = []steps.Permission{steps.IssuingDisputesWrite}
	}
	if g.reg {
		eng.register = registered
	}
	clk := newFakeClock(false)
	c := &common{
		ctx: context.Background(), width: 80, height: 24,
		// The re-check's clock stands still: its line says 3s in every golden.
		now: clk.Now, tick: clk.Tick,
		st: newStyles(lipgloss.DefaultRenderer()), keys: newKeyMap(), eng: eng,
		open: func(string) error { return nil }, copy: func(string) (bool, error) { return false, errors.New("no clipboard in this test") },
		// A keyring that answers (in memory): no notice on the status line.
		flow: newFlow(onboarding.New(time.Now()), vault.New(vault.NewMemory(), 0), nil),
	}
	if g.noVault {
		c.flow.vault = vault.Without("none in this test")
	}
	if g.demo {
		c.demo = (&fakeDemo{eng: eng}).hooks()
		c.flow.rehearsal = true // as openFlow sets it for `demo`
	}
	if g.justt {
		c.hand = goldenHandoff(t, g)
	}
	m := newModel(c)
	if g.resume {
		c.flow.rec = stoppedAt14(t, c.flow.vault, true)
		c.flow.rec.Updated = time.Date(2026, 12, 2, 10, 30, 0, 0, time.Local)
		m.state = stateResume
	} else if g.justt {
		m, _ = m.askToken(nil) // Init proves the demo's token
	}
	tm := teatest.NewTestModel(t, m, teatest.WithInitialTermSize(size[0], size[1]))
	play(t, tm, append(append([]string{}, g.run...), "wait:"+g.until)) // g.run is shared by both sizes
	_ = tm.Quit()
	fm := tm.FinalModel(t, teatest.WithFinalTimeout(5*time.Second)).(model)
	view := fm.View()
	if fm.c.width >= minWidth && fm.c.height >= minHeight {
		// The frame cuts every line at the terminal's edge: nothing drawn
		// may need that cut, or its end would be lost.
		cw := min(fm.c.width, maxWidth) - 1
		body, _ := fm.body(cw)
		for _, l := range strings.Split(fm.header(cw)+"\n"+body+"\n"+fm.footer(cw), "\n") {
			if ansi.StringWidth(l) > cw {
				t.Errorf("a line is drawn %d cells wide in %d and would be cut: %q", ansi.StringWidth(l), cw, l)
			}
		}
	}
	secrets := []string{live, testKey("whsec_", "WH42"), testKey("sk_test_", "SETK"), testKey("rk_test_", "DEM1"), goldenUnknownToken}
	if !g.demo {
		// Only the demo draws its (fake, labelled) token.
		secrets = append(secrets, sandbox.JusttDemoToken)
	}
	if leaks(view, secrets...) {
		t.Fatal("a golden screen shows a secret")
	}
	return view
}

// goldenHandoff hands over to the fake Justt receiver through a transport
// that serves it in the process at goldenJusttURL, one attempt per call.
// Its token's expiry is fixed, and the first g.drops submissions are
// recorded and their answers lost.
func goldenHandoff(t *testing.T, g goldenScreen) Handoff {
	rt := &goldenJustt{rx: sandbox.NewJustt(), drops: g.drops}
	h := Handoff{Connect: func(tok justt.Token) (*justt.Client, error) {
		return justt.New(justt.Config{BaseURL: goldenJusttURL, Token: tok, MaxAttempts: 1, HTTPClient: &http.Client{Transport: rt},
			Wait: func(context.Context, int, time.Duration) error { return nil }})
	}}
	if g.demo {
		tok, err := justt.ParseToken(sandbox.JusttDemoToken)
		if err != nil {
			t.Fatal(err)
		}
		h.Token, h.DemoToken = tok, sandbox.JusttDemoToken
	}
	return h
}

// goldenJustt serves the sandbox's Justt receiver without a socket.
type goldenJustt struct {
	rx    *sandbox.Justt
	mu    sync.Mutex
	drops int
}

func (j *goldenJustt) RoundTrip(req *http.Request) (*http.Response, error) {
	in := req.Clone(req.Context())
	if in.Body == nil {
		in.Body = http.NoBody
	}
	rec := httptest.NewRecorder()
	j.rx.Handler().ServeHTTP(rec, in)
	resp := rec.Result()
	resp.Request = req
	if req.URL.Path == justt.ConfigPath && resp.StatusCode == http.StatusOK {
		// A fixed expiry, in local time so every time zone draws it alike.
		var cfg map[string]string
		if err := json.NewDecoder(resp.Body).Decode(&cfg); err != nil {
			return nil, err
		}
		cfg["expires_at"] = time.Date(2027, 1, 2, 12, 0, 0, 0, time.Local).UTC().Format(time.RFC3339)
		b, err := json.Marshal(cfg)
		if err != nil {
			return nil, err
		}
		resp.Body, resp.ContentLength = io.NopCloser(bytes.NewReader(b)), int64(len(b))
		resp.Header.Del("Content-Length")
	}
	j.mu.Lock()
	defer j.mu.Unlock()
	if req.URL.Path == justt.SubmitPath && j.drops > 0 {
		j.drops--
		return nil, errors.New("connection reset by peer")
	}
	return resp, nil
}

// checkFrame asserts what every screen owes the merchant at w×h: ? and a
// way to quit in view, no line wider than the terminal, no more lines than
// it has, and no known link or id broken.
func checkFrame(t *testing.T, g goldenScreen, view string, w, h int) {
	t.Helper()
	help, quit := g.help, g.quit
	if help == "" {
		help = "? help"
	}
	if quit == "" {
		quit = "q quit"
	}
	for _, want := range []string{help, quit} {
		if want != "-" && !strings.Contains(view, want) {
			t.Errorf("the screen does not show %q:\n%s", want, view)
		}
	}
	lines := strings.Split(view, "\n")
	if len(lines) > h {
		t.Errorf("the frame is %d lines high in a terminal of %d", len(lines), h)
	}
	for i, l := range lines {
		if lw := ansi.StringWidth(l); lw > w {
			t.Errorf("line %d is %d cells wide in a terminal of %d: %q", i+1, lw, w, l)
		}
	}
	known := map[string]bool{}
	for _, tok := range knownTokens() {
		known[tok] = true
	}
	for _, tok := range knownTokens() {
		for i, l := range lines {
			for _, word := range strings.Fields(l) {
				word = strings.TrimRight(word, ".,;:)")
				if known[word] || strings.HasSuffix(word, "…") || strings.HasSuffix(word, "_") || len(word) < 8 {
					continue
				}
				if strings.HasPrefix(tok, word) || strings.HasSuffix(tok, word) {
					t.Errorf("line %d breaks %q: %q", i+1, tok, l)
				}
			}
		}
	}
}

// finalSize is the terminal's size once run has played: the last size
// directive's, else the one it started at.
func finalSize(run []string, start [2]int) (int, int) {
	w, h := start[0], start[1]
	for _, it := range run {
		if strings.HasPrefix(it, "size:") {
			_, _ = fmt.Sscanf(it, "size:%dx%d", &w, &h)
		}
	}
	return w, h
}

// play sends keys and bracketed pastes (anything key-shaped), and waits
// for the text after "wait:" to be drawn before going on.
func play(t *testing.T, tm *teatest.TestModel, script []string) {
	t.Helper()
	for _, it := range script {
		switch {
		case strings.HasPrefix(it, "wait:"):
			want := strings.TrimPrefix(it, "wait:")
			teatest.WaitFor(t, tm.Output(), func(b []byte) bool { return strings.Contains(string(b), want) },
				teatest.WithDuration(5*time.Second), teatest.WithCheckInterval(5*time.Millisecond))
		case strings.HasPrefix(it, "size:"):
			var w, h int
			if _, err := fmt.Sscanf(it, "size:%dx%d", &w, &h); err != nil {
				t.Fatalf("bad size directive %q", it)
			}
			tm.Send(tea.WindowSizeMsg{Width: w, Height: h})
		case len(it) > 20:
			tm.Send(tea.KeyMsg{Type: tea.KeyRunes, Runes: []rune(it), Paste: true})
		default:
			tm.Send(keyMsg(it))
		}
	}
}

package wizard

import (
	"context"
	"errors"
	"fmt"
	"os"
	"slices"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/justt-ai/justt-onboard/onboarding"
	"github.com/justt-ai/justt-onboard/sandbox"

	"github.com/charmbracelet/bubbles/spinner"
	tea "github.com/charmbracelet/bubbletea"
	"github.com/charmbracelet/lipgloss"
	"github.com/justt-ai/justt-onboard/steps"
	"github.com/justt-ai/justt-onboard/stripecheck"
	"github.com/muesli/termenv"
)

func TestMain(m *testing.M) {
	// Golden views must not depend on the terminal running the tests.
	lipgloss.SetColorProfile(termenv.Ascii)
	lipgloss.SetHasDarkBackground(true)
	os.Exit(m.Run())
}

// testKey is a well-formed key of the given prefix ("rk_live_", "whsec_", …)
// whose last 4 characters are tail: deterministic, so screens are too.
func testKey(prefix, tail string) string {
	body := strings.Repeat("Zq7Kx2Lm9P", 10)
	return prefix + body[:107-len(prefix)-len(tail)] + tail
}

// fakeEngine answers like Stripe would for a key holding granted scopes.
type fakeEngine struct {
	mu       sync.Mutex
	granted  map[string]bool // scope → granted
	unknown  map[string]bool // scope → no decisive answer
	probes   int
	diagnose int
	// rejected makes Stripe refuse the key itself (401): each call says so.
	rejected *stripecheck.Problem
	// offline is Stripe never reached: no probe decides, no account is named.
	offline bool
	// issuing is the Issuing Disputes access the key holds (step 7's trap).
	issuing  []steps.Permission
	regOpts  []stripecheck.RegisterOptions
	regKeys  []stripecheck.Key
	register func(opts stripecheck.RegisterOptions) (stripecheck.RegisterResult, error)
	// verify answers VerifyWebhook; nil means the endpoint is right.
	verify     func(url string) (stripecheck.VerifyResult, error)
	verifyKeys []stripecheck.Key
	verifyURLs []string
}

func newFakeEngine(missing ...string) *fakeEngine {
	f := &fakeEngine{granted: map[string]bool{}, unknown: map[string]bool{}}
	for _, p := range steps.Required {
		f.granted[p.Scope] = true
	}
	for _, s := range missing {
		f.granted[s] = false
	}
	return f
}

func (f *fakeEngine) grant(scopes ...string) {
	f.mu.Lock()
	defer f.mu.Unlock()
	for _, s := range scopes {
		f.granted[s] = true
	}
}

func (f *fakeEngine) Probe(_ context.Context, _ stripecheck.Key, p steps.Permission) stripecheck.Result {
	f.mu.Lock()
	defer f.mu.Unlock()
	f.probes++
	switch {
	case f.rejected != nil:
		return stripecheck.Result{Permission: p, Status: stripecheck.Unknown, Detail: "401"}
	case f.unknown[p.Scope] || f.offline:
		return stripecheck.Result{Permission: p, Status: stripecheck.Unknown, Detail: "Stripe answered 503"}
	case f.granted[p.Scope]:
		return stripecheck.Result{Permission: p, Status: stripecheck.Granted, Detail: "200"}
	}
	return stripecheck.Result{Permission: p, Status: stripecheck.Missing, Detail: "403"}
}

func (f *fakeEngine) Diagnose(context.Context, stripecheck.Key) stripecheck.Diagnosis {
	f.mu.Lock()
	defer f.mu.Unlock()
	f.diagnose++
	if f.rejected != nil {
		return stripecheck.Diagnosis{Problems: []stripecheck.Problem{*f.rejected}}
	}
	if f.offline {
		return stripecheck.Diagnosis{}
	}
	return stripecheck.Diagnosis{AccountID: "acct_1FakeAccount", Issuing: f.issuing}
}

func (f *fakeEngine) RegisterWebhook(_ context.Context, k stripecheck.Key, opts stripecheck.RegisterOptions) (stripecheck.RegisterResult, error) {
	f.mu.Lock()
	f.regOpts = append(f.regOpts, opts)
	f.regKeys = append(f.regKeys, k)
	reg := f.register
	f.mu.Unlock()
	if reg == nil {
		return stripecheck.RegisterResult{}, errors.New("no registration configured")
	}
	return reg(opts)
}

func (f *fakeEngine) VerifyWebhook(_ context.Context, k stripecheck.Key, url string) (stripecheck.VerifyResult, error) {
	f.mu.Lock()
	f.verifyKeys = append(f.verifyKeys, k)
	f.verifyURLs = append(f.verifyURLs, url)
	verify := f.verify
	f.mu.Unlock()
	if verify == nil {
		return rightEndpoint(url), nil
	}
	return verify(url)
}

// rightEndpoint is VerifyWebhook's answer for an endpoint as Justt needs it.
func rightEndpoint(url string) stripecheck.VerifyResult {
	return stripecheck.CompareWebhooks([]stripecheck.WebhookEndpoint{{
		ID: "we_1Registered", URL: url, EnabledEvents: []string{steps.WebhookEvent},
		APIVersion: steps.WebhookAPIVersion, Status: "enabled",
	}}, url)
}

func (f *fakeEngine) calls() (probes, diagnose int) {
	f.mu.Lock()
	defer f.mu.Unlock()
	return f.probes, f.diagnose
}

// harness drives the root model synchronously: each key's commands run at
// once and their messages are fed back, as the program would.
type harness struct {
	t      testing.TB
	m      model
	c      *common
	eng    *fakeEngine
	opened []string
	copied []string
	// copyNative is whether the injected clipboard takes a copy (else it
	// went out as OSC 52); copyErr fails it.
	copyNative bool
	copyErr    error
	quit       bool
	secrets    []string // strings no view may ever contain
	// clk is the re-check's clock: no tick fires unless the test elapses it.
	clk *fakeClock
}

func newHarness(t testing.TB, eng *fakeEngine, demo *Demo) *harness {
	t.Helper()
	h := &harness{t: t, eng: eng, copyNative: true, clk: newFakeClock(false)}
	h.c = &common{
		now: h.clk.Now, tick: h.clk.Tick,
		ctx: context.Background(), width: 80, height: 24,
		st: newStyles(lipgloss.DefaultRenderer()), keys: newKeyMap(),
		eng: eng, demo: demo,
		open: func(u string) error { h.opened = append(h.opened, u); return nil },
		copy: func(s string) (bool, error) {
			h.copied = append(h.copied, s)
			return h.copyNative && h.copyErr == nil, h.copyErr
		},
	}
	h.m = newModel(h.c)
	h.c.flow.rehearsal = demo != nil // as openFlow sets it for `demo`
	return h
}

// send delivers msg and runs every command it leads to. Spinner ticks are
// dropped: they only animate, and would otherwise loop forever.
func (h *harness) send(msg tea.Msg) *harness {
	h.t.Helper()
	next, cmd := h.m.Update(msg)
	h.m = next.(model)
	h.run(cmd)
	h.checkView()
	return h
}

// hold delivers msg but keeps the commands it leads to, as if their
// answers were still on their way; h.run(cmd) delivers them later.
func (h *harness) hold(msg tea.Msg) tea.Cmd {
	h.t.Helper()
	next, cmd := h.m.Update(msg)
	h.m = next.(model)
	h.checkView()
	return cmd
}

func (h *harness) run(cmd tea.Cmd) {
	queue := []tea.Cmd{cmd}
	for len(queue) > 0 {
		c := queue[0]
		queue = queue[1:]
		if c == nil {
			continue
		}
		switch msg := c().(type) {
		case nil, spinner.TickMsg:
		case tea.BatchMsg:
			queue = append(queue, msg...)
		case tea.QuitMsg:
			h.quit = true
		default:
			next, more := h.m.Update(msg)
			h.m = next.(model)
			queue = append(queue, more)
		}
	}
}

// keys presses named keys ("enter", "esc", "ctrl+c", "tab", …) or runes.
func (h *harness) keys(names ...string) *harness {
	h.t.Helper()
	for _, n := range names {
		h.send(keyMsg(n))
	}
	return h
}

func (h *harness) paste(s string) *harness {
	h.t.Helper()
	h.secrets = append(h.secrets, strings.TrimSpace(s))
	return h.send(tea.KeyMsg{Type: tea.KeyRunes, Runes: []rune(s), Paste: true})
}

func (h *harness) typeText(s string) *harness {
	h.t.Helper()
	for _, r := range s {
		h.send(tea.KeyMsg{Type: tea.KeyRunes, Runes: []rune{r}})
	}
	return h
}

func keyMsg(name string) tea.KeyMsg {
	special := map[string]tea.KeyType{
		"enter": tea.KeyEnter, "esc": tea.KeyEsc, "ctrl+c": tea.KeyCtrlC, "tab": tea.KeyTab,
		"up": tea.KeyUp, "down": tea.KeyDown, "left": tea.KeyLeft, "right": tea.KeyRight,
		"space": tea.KeySpace, "pgdown": tea.KeyPgDown, "pgup": tea.KeyPgUp,
		"backspace": tea.KeyBackspace, "ctrl+p": tea.KeyCtrlP, "ctrl+u": tea.KeyCtrlU,
	}
	if t, ok := special[name]; ok {
		if t == tea.KeySpace {
			return tea.KeyMsg{Type: tea.KeySpace, Runes: []rune{' '}}
		}
		return tea.KeyMsg{Type: t}
	}
	return tea.KeyMsg{Type: tea.KeyRunes, Runes: []rune(name)}
}

func (h *harness) view() string { return h.m.View() }

// checkView fails the test if the screen shows any secret given so far.
func (h *harness) checkView() {
	h.t.Helper()
	v := h.view()
	if leaks(v, h.secrets...) {
		h.t.Fatalf("the screen shows a secret in full or more than its last 4:\n%s", v)
	}
}

// leaks reports whether text holds any of the secrets in full or by its
// last 12 characters (more than the last 4 a redacted form shows).
func leaks(text string, secrets ...string) bool {
	for _, s := range secrets {
		if s != "" && strings.Contains(text, s) {
			return true
		}
		if len(s) > 12 && strings.Contains(text, s[len(s)-12:]) {
			return true
		}
	}
	return false
}

// typedSecrets is every typed line of 12 or more characters without a
// slash: the lines that could be a key or a token (neither ever holds a
// slash; the URLs and file paths typed are meant to be echoed), which the
// output must never show.
func typedSecrets(lines []string) []string {
	var long []string
	for _, l := range lines {
		if l = strings.TrimSpace(l); len(l) >= 12 && !strings.Contains(l, "/") {
			long = append(long, l)
		}
	}
	return long
}

func (h *harness) want(subs ...string) *harness {
	h.t.Helper()
	v := h.view()
	for _, s := range subs {
		if !strings.Contains(v, s) && !strings.Contains(flat(v), flat(s)) {
			h.t.Fatalf("the screen lacks %q:\n%s", s, v)
		}
	}
	return h
}

func (h *harness) wantNot(subs ...string) *harness {
	h.t.Helper()
	v := h.view()
	for _, s := range subs {
		if strings.Contains(v, s) || strings.Contains(flat(v), flat(s)) {
			h.t.Fatalf("the screen shows %q but should not:\n%s", s, v)
		}
	}
	return h
}

// at asserts the screen: a step number, or 0 with a state.
func (h *harness) at(s state, step int) *harness {
	h.t.Helper()
	if h.m.state != s || s == stateStep && h.m.step() != step {
		h.t.Fatalf("on %s (step %d), want %s (step %d); status %q", h.m.state, h.m.step(), s, step, h.m.status)
	}
	return h
}

// goStep jumps with g and the number's digits (and enter for 1).
func (h *harness) goStep(n int) *harness {
	h.t.Helper()
	h.keys("g")
	for _, d := range itoa(n) {
		h.keys(string(d))
	}
	if n == 1 {
		h.keys("enter")
	}
	return h
}

// passKeyPart pastes a complete live key at step 11 and continues.
func (h *harness) passKeyPart() *harness {
	h.t.Helper()
	h.goStep(11).paste(testKey("rk_live_", "LIVE")).keys("enter")
	return h.at(stateWebhookChoice, 0)
}

// tea80x40 is a roomier terminal, for screens that list fixes and warnings.
func tea80x40() tea.WindowSizeMsg { return tea.WindowSizeMsg{Width: 80, Height: 40} }

// keysShown is every key the footer and the ? help list on the screen on
// show, as "key description".
func keysShown(m model) []string {
	move, leave := m.otherKeys()
	var out []string
	for _, b := range slices.Concat(m.screenKeys(), move, leave) {
		out = append(out, b.Help().Key+" "+b.Help().Desc)
	}
	return out
}

func containsPrefix(list []string, prefix string) bool {
	return slices.ContainsFunc(list, func(s string) bool { return strings.HasPrefix(s, prefix) })
}

// freshStart is a run with nothing to resume, kept in memory.
func freshStart() start {
	return start{flow: newFlow(onboarding.New(time.Now()), nil, nil)}
}

// flat is s with every run of white space (a wrapped line's break and
// indent) made one space: text wrapped over lines still reads the same.
func flat(s string) string { return strings.Join(strings.Fields(s), " ") }

// The secret checks themselves can fail: a full secret, its last 12
// characters and a typed key all count; a redacted form does not.
func TestLeaksCatchesAFullSecretAndItsTail(t *testing.T) {
	key := testKey("rk_live_", "LEAK")
	tok := "jot_" + strings.Repeat("ab12", 10)
	for _, text := range []string{"key " + key, "…" + key[len(key)-12:], "token " + tok[len(tok)-12:]} {
		if !leaks(text, key, tok) {
			t.Errorf("leaks misses a secret in %q", text)
		}
	}
	if leaks("rk_live_…LEAK, jot_…ab12", key, tok, "") {
		t.Error("leaks counts a redacted form as a secret")
	}
	typed := typedSecrets([]string{"", "c", "send", " " + tok + " ", "https://hooks.example/stripe/webhook", "/tmp/secret.txt"})
	if len(typed) != 1 || typed[0] != tok {
		t.Errorf("typedSecrets = %q, want only the token", typed)
	}
	if !keyShaped.MatchString(tok) {
		t.Error("keyShaped misses a minted Justt token")
	}
	whsec := testKey("whsec_", "WLEK")
	subs := submissionsSeen([]sandbox.JusttSubmission{{ID: "onb_1", APIKey: key, WebhookSecret: whsec}})
	reqs := requestsSeen([]sandbox.Request{{Method: "GET", Path: "/v1/charges", Key: key}})
	if leaks(subs+reqs, key, whsec) || !strings.Contains(subs, "…LEAK") || !strings.Contains(subs, "…WLEK") || !strings.Contains(reqs, "…LEAK") {
		t.Errorf("the failure descriptions show more or less than the last 4:%s%s", subs, reqs)
	}
}

// last4 is a secret as a failure message may show it: its last 4 at most.
func last4(secret string) string {
	if secret == "" {
		return "none"
	}
	if len(secret) <= 4 {
		return "…"
	}
	return "…" + secret[len(secret)-4:]
}

// submissionsSeen describes the fake receiver's submissions for a failure
// message: ids and flags, the secrets by their last 4 only.
func submissionsSeen(subs []sandbox.JusttSubmission) string {
	var b strings.Builder
	for i, s := range subs {
		fmt.Fprintf(&b, "\n  %d: %s livemode=%t key %s, signing secret %s, endpoint %q", i, s.ID, s.Livemode, last4(s.APIKey), last4(s.WebhookSecret), s.WebhookEndpointID)
	}
	return b.String()
}

// requestsSeen describes sandbox requests for a failure message: method,
// path, status, the key by its last 4 only.
func requestsSeen(reqs []sandbox.Request) string {
	var b strings.Builder
	for _, r := range reqs {
		fmt.Fprintf(&b, "\n  %s %s → %d (key %s)", r.Method, r.Path, r.Status, last4(r.Key))
	}
	return b.String()
}

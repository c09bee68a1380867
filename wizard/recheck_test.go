package wizard

import (
	"net/http/httptest"
	"slices"
	"strings"
	"testing"
	"time"

	"github.com/justt-ai/justt-onboard/onboarding"
	"github.com/justt-ai/justt-onboard/recheck"
	"github.com/justt-ai/justt-onboard/sandbox"
	"github.com/justt-ai/justt-onboard/steps"
	"github.com/justt-ai/justt-onboard/stripecheck"
)

const watchingLine = "Watching for your changes in Stripe… next look in "

// untilShown elapses the re-check's ticks until the screen shows want; it
// fails when the ticks run out or limit passes on the fake clock first.
func (h *harness) untilShown(want string, limit time.Duration) time.Duration {
	h.t.Helper()
	start := h.clk.Now()
	for !strings.Contains(h.view(), want) {
		if !h.elapse() {
			h.t.Fatalf("the re-check stopped ticking before the screen showed %q:\n%s", want, h.view())
		}
		if took := h.clk.Now().Sub(start); took > limit {
			h.t.Fatalf("%q not shown within %s of the fake clock:\n%s", want, limit, h.view())
		}
	}
	return h.clk.Now().Sub(start)
}

// A row fixed in Stripe while step 11 is up turns ✓ by itself at the next
// look, only the failing row is asked again, the record hears the verdict,
// and a passing key ends the re-check.
func TestRecheckTurnsAFixedRowGreenWithoutAKey(t *testing.T) {
	eng := newFakeEngine("rak_dispute_write")
	h := newHarness(t, eng, nil)
	h.send(tea80x40())
	h.goStep(11).paste(testKey("rk_live_", "LIVE")).want("✗ Disputes", watchingLine+"3s.")
	if v := h.c.flow.rec.Key.Verdict; v != onboarding.VerdictNotReady {
		t.Fatalf("the record says %q after the first check, want not ready", v)
	}
	probes, diag := eng.calls()
	eng.grant("rak_dispute_write") // the merchant clicks Save in Stripe
	took := h.untilShown("All 9 permissions granted", recheck.DefaultPolicy.First)
	if took != recheck.DefaultPolicy.First {
		t.Fatalf("the row turned ✓ after %s, want at the first look (%s)", took, recheck.DefaultPolicy.First)
	}
	h.want("✓ Disputes").wantNot("✗", "Watching")
	p2, d2 := eng.calls()
	if p2-probes != 1 || d2-diag != 1 {
		t.Fatalf("the re-check sent %d probes and %d diagnoses, want 1 (the ✗ row) and 1 (the confirmation)", p2-probes, d2-diag)
	}
	if v := h.c.flow.rec.Key.Verdict; v != onboarding.VerdictReady {
		t.Fatalf("the record says %q after the re-check, want ready", v)
	}
	if h.clk.ticking() {
		t.Fatal("a tick is still set after every row passed: the re-check did not stop")
	}
	h.keys("enter").at(stateWebhookChoice, 0)
}

// Typing (here a step number after g) holds the re-check; it looks again
// soon after the typing ends.
func TestRecheckPausesWhileTheMerchantTypes(t *testing.T) {
	eng := newFakeEngine("rak_dispute_write")
	h := newHarness(t, eng, nil)
	h.send(tea80x40())
	h.goStep(11).paste(testKey("rk_live_", "LIVE")).want(watchingLine)
	probes, _ := eng.calls()
	h.keys("g", "1").want("paused while you type")
	for range 10 {
		if !h.elapse() {
			break
		}
	}
	if h.clk.ticking() {
		t.Fatal("ticks are still set while the merchant types")
	}
	if p, _ := eng.calls(); p != probes {
		t.Fatalf("%d probes were sent while the merchant typed", p-probes)
	}
	h.keys("esc").want(watchingLine + "3s.")
	resumed := h.clk.Now()
	for p, _ := eng.calls(); p == probes; p, _ = eng.calls() {
		if !h.elapse() {
			t.Fatal("no tick set after the typing ended")
		}
	}
	if took := h.clk.Now().Sub(resumed); took != recheck.DefaultPolicy.First {
		t.Fatalf("the first look after the typing came %s later, want %s", took, recheck.DefaultPolicy.First)
	}
	if p, _ := eng.calls(); p != probes+1 {
		t.Fatalf("after the typing ended %d probes went out, want 1", p-probes)
	}
}

// Nothing changing for StopAfter ends the re-check with the note, and r
// still re-checks (and watches again).
func TestRecheckStopsAfterTheLimitWithANote(t *testing.T) {
	eng := newFakeEngine("rak_dispute_write", "rak_file_write")
	h := newHarness(t, eng, nil)
	h.c.policy = recheck.Policy{First: 2 * time.Second, Factor: 2, Max: 8 * time.Second, PerMinute: 60, StopAfter: 30 * time.Second,
		Cost: stripecheck.ProbeRequests, ConfirmCost: stripecheck.DiagnoseRequests}
	h.send(tea80x40())
	h.goStep(11).paste(testKey("rk_live_", "LIVE")).want(watchingLine + "2s.")
	probes, _ := eng.calls()
	took := h.untilShown("Stopped watching for your changes: nothing changed for 30s. Press r to re-check", time.Minute)
	if took != 30*time.Second {
		t.Fatalf("stopped after %s, want 30s", took)
	}
	if h.clk.ticking() {
		t.Fatal("a tick is still set after the note")
	}
	// Looks at 2, 6 (+4), 14 (+8), 22 and 30 (+8): 4 rounds of 2 rows.
	if p, _ := eng.calls(); p-probes != 8 {
		t.Fatalf("%d probes in 30s, want 8 (2 rows at 2s, 6s, 14s and 22s)", p-probes)
	}
	h.keys("r").want(watchingLine + "2s.").wantNot("Stopped watching")
}

// A key Stripe starts refusing (rotated) while the re-check watches ends it:
// waiting cannot help any more.
func TestRecheckStopsWhenTheKeyItselfFails(t *testing.T) {
	sb := sandbox.New()
	h := onSandbox(t, sb)
	key := sb.MintLiveKey(allScopesBut("rak_dispute_write")...)
	h.goStep(11).paste(key).want(watchingLine)
	sb.Roll(key)
	h.untilShown("Stopped watching: re-checking cannot fix this key", time.Minute)
	if h.clk.ticking() {
		t.Fatal("a tick is still set after the key was refused")
	}
}

// The requests the re-check sends stay within the policy's bound in every
// 60 seconds, counted in the sandbox's request log, the first check
// included; only the failing rows are asked.
func TestRecheckStaysWithinItsRequestBudget(t *testing.T) {
	sb := sandbox.New()
	h := onSandbox(t, sb)
	p := recheck.Policy{First: time.Second, Factor: 1, Max: time.Second, PerMinute: 20, StopAfter: 3 * time.Minute,
		Cost: stripecheck.ProbeRequests, ConfirmCost: stripecheck.DiagnoseRequests}
	h.c.policy = p
	h.goStep(11).paste(sb.MintLiveKey("rak_charge_read")).want("✗ Disputes", watchingLine)
	type sent struct {
		at time.Time
		n  int
	}
	first := len(sb.Requests())
	if first != stripecheck.CheckRequests() {
		t.Fatalf("the first check sent %d requests, want %d", first, stripecheck.CheckRequests())
	}
	log := []sent{{h.clk.Now(), first}}
	seen := first
	for h.elapse() {
		if n := len(sb.Requests()); n > seen {
			log = append(log, sent{h.clk.Now(), n - seen})
			seen = n
		}
	}
	h.want("Stopped watching for your changes")
	rounds := len(log) - 1
	if rounds < 5 || seen < 3*p.PerMinute {
		t.Fatalf("only %d re-check rounds in 3 minutes: %d requests in all: the test proves nothing", rounds, seen)
	}
	for i, e := range log {
		in := 0
		for _, f := range log[:i+1] {
			if e.at.Sub(f.at) < time.Minute {
				in += f.n
			}
		}
		if in > p.PerMinute {
			t.Fatalf("%d requests in the minute before %s, over the bound of %d", in, e.at.Format("15:04:05"), p.PerMinute)
		}
	}
	for _, r := range sb.Requests()[first:] {
		if strings.Contains(r.Path, "charges") {
			t.Fatalf("the ✓ row (Charges) was asked again: %s %s", r.Method, r.Path)
		}
	}
}

// onSandbox is a harness on a real Checker pointed at sb.
func onSandbox(t *testing.T, sb *sandbox.Sandbox) *harness {
	t.Helper()
	srv := httptest.NewServer(sb.Handler())
	t.Cleanup(srv.Close)
	chk, err := stripecheck.New(stripecheck.Config{APIURL: srv.URL, UploadsURL: srv.URL, MaxNetworkRetries: -1})
	if err != nil {
		t.Fatal(err)
	}
	h := newHarness(t, newFakeEngine(), nil)
	h.c.eng = chk
	h.send(tea80x40())
	return h
}

func allScopesBut(missing ...string) []string {
	var out []string
	for _, p := range steps.Required {
		if !strings.Contains(strings.Join(missing, " "), p.Scope) {
			out = append(out, p.Scope)
		}
	}
	return out
}

// elapse releases the program's re-check ticks until the fake clock has
// moved by d. The guard only fails a program that stopped ticking.
func (r *sandboxRun) elapse(d time.Duration) {
	r.t.Helper()
	end := r.clk.Now().Add(d)
	for r.clk.Now().Before(end) {
		select {
		case t := <-r.clk.waits:
			t.fire <- r.clk.advance(t.d)
		case <-time.After(10 * time.Second):
			r.t.Fatalf("no re-check tick came within 10s of real time (fake clock at %s of %s)", r.clk.Now().Format("15:04:05"), end.Format("15:04:05"))
		}
	}
}

// The whole program on the sandbox: the merchant saves the key in Stripe
// while step 11 is up, and the row turns ✓ at the next look, no key
// pressed; the sandbox saw only the failing row and the confirmation.
func TestFlowKeyFixedInStripeTurnsGreenByItself(t *testing.T) {
	t.Parallel()
	r := startOnSandbox(t, false, 100, 40)
	key := r.sb.MintLiveKey(allScopesBut("rak_dispute_write")...)
	r.press("g", "1", "1").waitFor("Step 11 of 18")
	r.paste(key).waitFor("✗ Disputes", watchingLine+"3s.")
	before := len(r.sb.Requests())
	r.sb.Grant(key, "rak_dispute_write") // Save, in Stripe
	r.elapse(recheck.DefaultPolicy.First)
	r.waitFor("✓ Disputes", "All 9 permissions granted", "Press enter to continue")
	disputes := steps.Required[slices.IndexFunc(steps.Required, func(p steps.Permission) bool { return p.Scope == "rak_dispute_write" })]
	if got, want := len(r.sb.Requests())-before, stripecheck.ProbeRequests(disputes)+stripecheck.DiagnoseRequests; got != want {
		t.Fatalf("the re-check sent %d requests, want %d (the ✗ row, then the confirmation): before %d, check %d, after:%s", got, want, before, stripecheck.CheckRequests(), requestsSeen(r.sb.Requests()[before:]))
	}
	r.press("enter").waitFor("Register it for me")
	r.finish()
}

// The demo: f in the mock dashboard grants the ✗ row in the sandbox, and
// the row turns ✓ by itself.
func TestFlowDemoMockDashboardNeedsNoR(t *testing.T) {
	t.Parallel()
	r := startOnSandbox(t, true, 100, 40)
	r.press("g", "7").waitFor("Mock of Stripe's form")
	r.press("a")
	for _, row := range newPermForm().rows {
		if row.resource == "Disputes" && row.section == steps.SectionCore {
			break
		}
		r.press("down")
	}
	r.press("left", "left", "enter", "enter").waitFor("demo key — fake, sandbox only")
	r.press("enter", "enter").waitFor("Step 11 of 18")
	r.press("ctrl+p").waitFor("✗ Disputes", "they turn ✓ by themselves", watchingLine)
	r.press("f").waitFor("as if you clicked Save in Stripe")
	r.elapse(recheck.DefaultPolicy.First)
	r.waitFor("✓ Disputes", "All 9 permissions granted")
	r.finish()
}

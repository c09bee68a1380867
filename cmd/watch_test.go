package cmd

import (
	"bytes"
	"context"
	"errors"
	"net/http/httptest"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/justt-ai/justt-onboard/recheck"
	"github.com/justt-ai/justt-onboard/sandbox"
	"github.com/justt-ai/justt-onboard/steps"
	"github.com/justt-ai/justt-onboard/stripecheck"
)

// fakeClock is --watch's clock in tests: every wait is handed to the test
// (waits), which advances the time and fires it. No real time passes, and
// the test knows the watch is waiting because it receives the wait.
type fakeClock struct {
	mu    sync.Mutex
	now   time.Time
	waits chan fakeWait
}

type fakeWait struct {
	d    time.Duration
	fire chan time.Time
}

func newFakeClock() *fakeClock {
	return &fakeClock{now: time.Date(2026, 12, 2, 16, 0, 0, 0, time.UTC), waits: make(chan fakeWait)}
}

func (c *fakeClock) Now() time.Time {
	c.mu.Lock()
	defer c.mu.Unlock()
	return c.now
}

func (c *fakeClock) After(d time.Duration) <-chan time.Time {
	fire := make(chan time.Time, 1)
	c.waits <- fakeWait{d: d, fire: fire}
	return fire
}

// advance moves the time by the wait's length and ends the wait.
func (c *fakeClock) advance(w fakeWait) {
	c.mu.Lock()
	c.now = c.now.Add(w.d)
	now := c.now
	c.mu.Unlock()
	w.fire <- now
}

// watchRun is one `check --watch` running in the background.
type watchRun struct {
	sb     *sandbox.Sandbox
	clk    *fakeClock
	stdout *bytes.Buffer
	stderr *bytes.Buffer
	done   chan error
	cancel context.CancelFunc
}

func startWatch(t *testing.T, sb *sandbox.Sandbox, key string, jsonOut bool, timeout time.Duration) *watchRun {
	t.Helper()
	srv := httptest.NewServer(sb.Handler())
	t.Cleanup(srv.Close)
	env, stdout, stderr := testEnv("", false, map[string]string{"STRIPE_API_KEY": key})
	ctx, cancel := context.WithCancel(context.Background())
	t.Cleanup(cancel)
	r := &watchRun{sb: sb, clk: newFakeClock(), stdout: stdout, stderr: stderr, done: make(chan error, 1), cancel: cancel}
	opts := &checkOptions{Watch: true, JSON: jsonOut, Timeout: timeout, TimeoutSet: timeout > 0, clock: r.clk}
	if timeout == 0 {
		opts.Timeout = stripecheck.DefaultTimeout
	}
	go func() { r.done <- runCheck(ctx, env, &stripeFlags{APIURL: srv.URL, UploadsURL: srv.URL}, opts) }()
	return r
}

// next is the watch's next wait, or the end of the run.
func (r *watchRun) next(t *testing.T) (fakeWait, error, bool) {
	t.Helper()
	select {
	case w := <-r.clk.waits:
		return w, nil, false
	case err := <-r.done:
		return fakeWait{}, err, true
	}
}

func codeOf(err error) int {
	var ee *exitError
	switch {
	case err == nil:
		return 0
	case errors.As(err, &ee):
		return ee.code
	case errors.Is(err, context.Canceled):
		return 130
	}
	return 1
}

func scopesWithout(drop string) []string {
	var out []string
	for _, p := range steps.Required {
		if p.Scope != drop {
			out = append(out, p.Scope)
		}
	}
	return out
}

// TestWatchSeesTheKeyFixed: Disputes is missing; the merchant sets it to
// Write in Stripe while the watch waits; the next round finds it, the
// watch prints the change and exits 0. Only the failing row is re-probed.
func TestWatchSeesTheKeyFixed(t *testing.T) {
	t.Parallel()
	sb := sandbox.New()
	key := sb.MintKey(scopesWithout("rak_dispute_write")...)
	r := startWatch(t, sb, key, false, 0)

	w, err, ended := r.next(t)
	if ended {
		t.Fatalf("ended before watching (%d): %s", codeOf(err), r.stdout)
	}
	if n := len(sb.Requests()); n != stripecheck.CheckRequests() {
		t.Errorf("first check sent %d requests, want %d", n, stripecheck.CheckRequests())
	}
	if w.d != recheck.DefaultPolicy.First {
		t.Errorf("first wait %s, want %s", w.d, recheck.DefaultPolicy.First)
	}
	// A round with the key still wrong: one request, for Disputes only.
	r.clk.advance(w)
	w, _, ended = r.next(t)
	if ended {
		t.Fatalf("ended while Disputes is still missing: %s", r.stdout)
	}
	log := sb.Requests()
	if len(log) != stripecheck.CheckRequests()+1 || !strings.HasPrefix(log[len(log)-1].Path, "/v1/disputes/") {
		t.Errorf("round sent %d requests (last %s), want one to /v1/disputes/", len(log)-stripecheck.CheckRequests(), log[len(log)-1].Path)
	}
	if w.d <= recheck.DefaultPolicy.First {
		t.Errorf("no backoff after a quiet round: %s", w.d)
	}
	// The merchant saves the key with Disputes: Write.
	sb.Grant(key, "rak_dispute_write")
	r.clk.advance(w)
	_, err, ended = r.next(t)
	if !ended || codeOf(err) != 0 {
		t.Fatalf("after the fix: ended %v exit %d, want exit 0\n%s", ended, codeOf(err), r.stdout)
	}
	out := r.stdout.String()
	for _, want := range []string{"✗ Disputes", "Watching the 1 row not ✓", "16:00:07  ✓ Disputes        Write  (was ✗)", "✓ Ready"} {
		if !strings.Contains(out, want) {
			t.Errorf("output lacks %q:\n%s", want, out)
		}
	}
	if strings.Contains(out, key) {
		t.Errorf("the key is on screen")
	}
	if want := stripecheck.CheckRequests() + 2 + stripecheck.DiagnoseRequests; len(sb.Requests()) != want {
		t.Errorf("%d requests in all, want %d (check, two rounds of one, the closing diagnosis)", len(sb.Requests()), want)
	}
	if m := sb.Mutations(); len(m) != 0 {
		t.Errorf("the watch changed the account: %+v", m)
	}
}

// TestWatchStaysWithinItsRequestBudget: a key with none of the nine is
// watched for three minutes (fake time); the sandbox's log, counted per
// round, never holds more than the budget in any 60 seconds.
func TestWatchStaysWithinItsRequestBudget(t *testing.T) {
	t.Parallel()
	sb := sandbox.New()
	r := startWatch(t, sb, sb.MintKey(), true, time.Hour)
	type round struct {
		at time.Time
		n  int
	}
	rounds := []round{{r.clk.Now(), 0}}
	seen := 0
	for r.clk.Now().Sub(rounds[0].at) < 3*time.Minute {
		w, err, ended := r.next(t)
		if ended {
			t.Fatalf("ended (exit %d) while the key is still wrong", codeOf(err))
		}
		n := len(sb.Requests())
		rounds = append(rounds, round{r.clk.Now(), n - seen})
		seen = n
		r.clk.advance(w)
	}
	r.cancel() // ctrl+c
	for {
		w, err, ended := r.next(t)
		if ended {
			if codeOf(err) != 130 {
				t.Errorf("interrupted: exit %d, want 130", codeOf(err))
			}
			break
		}
		r.clk.advance(w)
	}
	limit := recheck.DefaultPolicy.PerMinute
	for i, a := range rounds {
		sum := 0
		for _, b := range rounds[i:] {
			if b.at.Sub(a.at) < time.Minute {
				sum += b.n
			}
		}
		if sum > limit {
			t.Fatalf("%d requests in the minute from %s, budget %d", sum, a.at.Sub(rounds[0].at), limit)
		}
	}
	if seen < 2*limit {
		t.Errorf("%d requests in three minutes: the watch starved", seen)
	}
	if !strings.Contains(r.stderr.String(), "Stopped watching (interrupted)") {
		t.Errorf("stderr lacks the interruption note: %s", r.stderr)
	}
}

// TestWatchGivesUpAfterItsTimeout: nothing changes for --timeout (fake
// time): the watch stops with a note and exits as for the report (1).
func TestWatchGivesUpAfterItsTimeout(t *testing.T) {
	t.Parallel()
	sb := sandbox.New()
	r := startWatch(t, sb, sb.MintKey(scopesWithout("rak_review_read")...), false, time.Minute)
	for {
		w, err, ended := r.next(t)
		if ended {
			if codeOf(err) != stripecheck.ExitNotReady {
				t.Errorf("exit %d, want 1", codeOf(err))
			}
			break
		}
		r.clk.advance(w)
	}
	if out := r.stdout.String(); !strings.Contains(out, "nothing changed for 1m0s") || !strings.Contains(out, "✗ Not ready") {
		t.Errorf("output lacks the note and the verdict:\n%s", out)
	}
}

// TestWatchStopsWhenTheKeyIsRotatedMeanwhile: Stripe refuses the key in
// the middle of a watch; waiting cannot help, so the watch ends (exit 1).
func TestWatchStopsWhenTheKeyIsRotatedMeanwhile(t *testing.T) {
	t.Parallel()
	sb := sandbox.New()
	key := sb.MintKey(scopesWithout("rak_dispute_write")...)
	r := startWatch(t, sb, key, false, 0)
	w, _, ended := r.next(t)
	if ended {
		t.Fatalf("ended before watching: %s", r.stdout)
	}
	sb.Roll(key)
	r.clk.advance(w)
	_, err, ended := r.next(t)
	if !ended || codeOf(err) != stripecheck.ExitNotReady {
		t.Fatalf("ended %v exit %d, want exit 1 at once", ended, codeOf(err))
	}
	if out := r.stdout.String(); !strings.Contains(out, "re-checking cannot fix this key") || !strings.Contains(out, "rotated (rolled), expired or deleted") {
		t.Errorf("output lacks the reason:\n%s", out)
	}
}

// TestWatchOnAKeyThatCannotBeFixedInPlace: a ready key, a rejected key and
// a secret key end at once, as check without --watch would.
func TestWatchOnAKeyThatCannotBeFixedInPlace(t *testing.T) {
	t.Parallel()
	sb := sandbox.New()
	rolled := sb.MintKey(scopesWithout("")...)
	sb.Roll(rolled)
	for name, tt := range map[string]struct {
		key  string
		code int
	}{
		"ready":    {sb.MintKey(scopesWithout("")...), 0},
		"rejected": {rolled, 1},
		"secret":   {sb.MintSecretKey(), 1},
	} {
		r := startWatch(t, sb, tt.key, false, 0)
		_, err, ended := r.next(t)
		if !ended || codeOf(err) != tt.code {
			t.Errorf("%s: ended %v exit %d, want exit %d at once", name, ended, codeOf(err), tt.code)
		}
		if strings.Contains(r.stdout.String(), "Watching") {
			t.Errorf("%s: watched a key re-checking cannot help", name)
		}
	}
}

package wizard

import (
	"bytes"
	"context"
	"io"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/justt-ai/justt-onboard/recheck"
)

// signalWriter keeps the output and closes seen once it holds want.
type signalWriter struct {
	mu   sync.Mutex
	buf  bytes.Buffer
	want string
	seen chan struct{}
	once sync.Once
}

func (w *signalWriter) Write(b []byte) (int, error) {
	w.mu.Lock()
	defer w.mu.Unlock()
	n, err := w.buf.Write(b)
	if strings.Contains(w.buf.String(), w.want) {
		w.once.Do(func() { close(w.seen) })
	}
	return n, err
}

func (w *signalWriter) String() string {
	w.mu.Lock()
	defer w.mu.Unlock()
	return w.buf.String()
}

// watchPlain runs the accessible face up to step 11's "w" on a fake clock
// whose waits fire at once (moving the clock); onWait runs at each wait.
// After the output shows until, the rest of the lines are typed.
func watchPlain(t *testing.T, eng *fakeEngine, onWait func(n int), until string, rest ...string) string {
	t.Helper()
	clk := newFakeClock(false)
	waits := 0
	wait := func(d time.Duration) <-chan time.Time {
		waits++
		onWait(waits)
		ch := make(chan time.Time, 1)
		ch <- clk.advance(d)
		return ch
	}
	out := &signalWriter{want: until, seen: make(chan struct{})}
	in, typed := io.Pipe()
	go func() {
		_, _ = io.WriteString(typed, strings.Join(append(enters(10), testKey("rk_live_", "ACC1"), "w"), "\n")+"\n")
		select {
		case <-out.seen:
			_, _ = io.WriteString(typed, strings.Join(rest, "\n")+"\n")
		case <-time.After(10 * time.Second): // a guard: the run below fails
		}
		_ = typed.Close()
	}()
	err := runAccessibleOn(context.Background(), eng, nil, Handoff{}, freshStart(), in, out, clk.Now, wait)
	s := out.String()
	if err != nil {
		t.Fatalf("%v\n%s", err, s)
	}
	if m := keyShaped.FindString(s); m != "" {
		t.Fatalf("the accessible output shows a secret: %q", m)
	}
	if !strings.Contains(s, until) {
		t.Fatalf("the output never said %q:\n%s", until, s)
	}
	return s
}

// "w" watches without redrawing: the fixed row is said once, when it
// changes, then enter goes on; the record has the ready verdict.
func TestAccessibleWatchSaysTheFixedRow(t *testing.T) {
	eng := newFakeEngine("rak_dispute_write")
	out := watchPlain(t, eng, func(n int) {
		if n == 1 {
			eng.grant("rak_dispute_write") // Save, in Stripe
		}
	}, "Every row is granted now. Press enter to go on.", "", "", "c")
	for _, want := range []string{
		"w to watch for your changes in Stripe", "Watching for your changes in Stripe: the 1 row not granted",
		"16:00:03 ✓ granted: Disputes, Write (was missing)", "Stopped watching.", "Part 2, webhook: skipped",
	} {
		if !strings.Contains(out, want) {
			t.Errorf("the output lacks %q:\n%s", want, out)
		}
	}
	if n := strings.Count(out, "Disputes, Write"); n != 2 {
		t.Errorf("Disputes, Write is said %d times, want 2 (the check, the change)", n)
	}
}

// Nothing changing ends the watch with the note; only enter leaves it.
func TestAccessibleWatchStopsWithANote(t *testing.T) {
	eng := newFakeEngine("rak_dispute_write")
	out := watchPlain(t, eng, func(int) {}, "Stopped watching: nothing changed for 5 minutes.", "", "q")
	probes, _ := eng.calls()
	// 9 at the check; then the 1 row is looked at after pauses of 3s, 4.5s,
	// 6.75s, 10.125s, 15.1875s (at 3s, 7.5s, 14.25s, 24.375s, 39.5625s),
	// then every 20s (59.5625s … 299.5625s, 13 looks): 18 looks in 5
	// minutes. Without the backoff it would be 99 looks (108 probes).
	if probes != 9+18 {
		t.Fatalf("%d probes in all, want 27 (9 at the check, 18 looks backing off to every %s)", probes, recheck.DefaultPolicy.Max)
	}
	if strings.Contains(out, "(was ") {
		t.Fatalf("a change was said when nothing changed:\n%s", out)
	}
}

// Back at step 11 with a key checked earlier in the run, the check is shown
// again from the record without its rows or diagnosis: "w" is not offered
// (and not taken) until r checks afresh; it used to dereference nothing.
func TestAccessibleWatchNeedsAFreshCheck(t *testing.T) {
	eng := newFakeEngine("rak_dispute_write")
	in := append(enters(10), testKey("rk_live_", "ACC1"), "g 11", "w", "r", "w")
	out, _ := runPlain(t, eng, nil, in...)
	back := out[strings.LastIndex(out, "Step 11 of 18"):]
	first, _, _ := strings.Cut(back, "Checking the key's")
	if strings.Contains(first, "w to watch") {
		t.Errorf("the report shown again from the record offers w:\n%s", first)
	}
	if !strings.Contains(back, "w to watch") || !strings.Contains(back, "Watching for your changes") {
		t.Errorf("after r, w is not offered or not taken:\n%s", back)
	}
}

package recheck

import (
	"strings"
	"testing"
	"time"

	"github.com/justt-ai/justt-onboard/steps"
	"github.com/justt-ai/justt-onboard/stripecheck"
)

var t0 = time.Date(2026, 12, 2, 16, 0, 0, 0, time.UTC)

// rows is the nine rows, granted except the given indexes, which have status s.
func rows(s stripecheck.Status, failing ...int) []stripecheck.Result {
	out := make([]stripecheck.Result, len(steps.Required))
	for i, p := range steps.Required {
		out[i] = stripecheck.Result{Permission: p, Status: stripecheck.Granted}
	}
	for _, i := range failing {
		out[i].Status = s
	}
	return out
}

const disputes = 7 // index of Disputes: Write in steps.Required

func TestFirstRoundProbesOnlyTheFailingRows(t *testing.T) {
	w := New(DefaultPolicy, t0, rows(stripecheck.Missing, disputes, 2), 0)
	w2 := New(DefaultPolicy, t0, rows(stripecheck.Unknown, 0), 0)
	if d := w.Due(t0); d.Action != Wait || d.After != DefaultPolicy.First {
		t.Fatalf("at start: %+v, want wait %s", d, DefaultPolicy.First)
	}
	d := w.Due(t0.Add(DefaultPolicy.First))
	if d.Action != Probe || len(d.Rows) != 2 || d.Rows[0] != steps.Required[2] || d.Rows[1] != steps.Required[disputes] {
		t.Fatalf("first round %+v, want Files and Disputes", d)
	}
	if d := w2.Due(t0.Add(time.Hour / 60)); d.Action != Probe || len(d.Rows) != 1 || d.Rows[0] != steps.Required[0] {
		t.Errorf("an unknown row is re-checked too: %+v", d)
	}
}

func TestBacksOffWhileNothingChangesAndComesBackOnAChange(t *testing.T) {
	p := DefaultPolicy
	w := New(p, t0, rows(stripecheck.Missing, disputes), 0)
	now := t0
	var pauses []time.Duration
	for range 8 {
		d := w.Due(now)
		if d.Action == Wait {
			now = now.Add(d.After)
			d = w.Due(now)
		}
		if d.Action != Probe {
			t.Fatalf("at %s: %+v, want a probe", now.Sub(t0), d)
		}
		w.Sent(now, 1)
		if w.Due(now).Action != Wait {
			t.Fatalf("a second round while one is in flight")
		}
		if w.Observe(now, rows(stripecheck.Missing, disputes)) {
			t.Fatalf("no row changed, but Observe says one did")
		}
		pauses = append(pauses, w.Due(now).After)
	}
	want := []time.Duration{4500 * time.Millisecond, 6750 * time.Millisecond, 10125 * time.Millisecond, 15187500 * time.Microsecond, 20 * time.Second, 20 * time.Second}
	for i, d := range want {
		if pauses[i] != d {
			t.Errorf("pause %d = %s, want %s (all: %v)", i, pauses[i], d, pauses)
		}
	}
	// The merchant saves in Stripe: Disputes answers ✓, everything is ✓.
	w.Sent(now, 1)
	if !w.Observe(now, rows(stripecheck.Missing)) {
		t.Fatalf("the change was not seen")
	}
	if d := w.Due(now); d.Action != Done {
		t.Errorf("all rows ✓: %+v, want done", d)
	}
	if len(w.Failing()) != 0 {
		t.Errorf("failing %v", w.Failing())
	}
}

func TestAChangeBringsTheNextRoundBack(t *testing.T) {
	w := New(DefaultPolicy, t0, rows(stripecheck.Missing, 0, 1), 0)
	now := t0.Add(time.Minute)
	for range 5 {
		w.Sent(now, 2)
		w.Observe(now, rows(stripecheck.Missing, 0, 1))
		now = now.Add(w.Due(now).After)
	}
	w.Sent(now, 2)
	w.Observe(now, rows(stripecheck.Missing, 1)) // Charges fixed, Customers not yet
	if d := w.Due(now); d.Action != Wait || d.After != DefaultPolicy.First {
		t.Errorf("after a change: %+v, want wait %s", d, DefaultPolicy.First)
	}
	if d := w.Due(now.Add(DefaultPolicy.First)); d.Action != Probe || len(d.Rows) != 1 || d.Rows[0] != steps.Required[1] {
		t.Errorf("next round %+v, want Customers only", d)
	}
}

// TestRequestsPerMinuteStayWithinTheBudget drives a watch of nine failing
// rows (ten requests a round: Files sends two) for ten minutes and counts
// the requests in every 60-second window.
func TestRequestsPerMinuteStayWithinTheBudget(t *testing.T) {
	p := DefaultPolicy
	p.StopAfter = time.Hour
	p.First, p.Max = time.Second, time.Second // no backoff: only the budget holds it
	all := []int{0, 1, 2, 3, 4, 5, 6, 7, 8}
	w := New(p, t0, rows(stripecheck.Unknown, all...), 0)
	type batch struct {
		at time.Time
		n  int
	}
	var sent []batch
	now := t0
	for now.Before(t0.Add(10 * time.Minute)) {
		d := w.Due(now)
		switch d.Action {
		case Wait:
			if d.After <= 0 {
				t.Fatalf("wait of %s at %s: the driver would spin", d.After, now.Sub(t0))
			}
			now = now.Add(d.After)
		case Probe:
			n := 0
			for _, r := range d.Rows {
				n += p.Cost(r)
			}
			w.Sent(now, n)
			sent = append(sent, batch{now, n})
			w.Observe(now, rows(stripecheck.Unknown, all...))
		default:
			t.Fatalf("unexpected %+v", d)
		}
	}
	total := 0
	for i, b := range sent {
		total += b.n
		inWindow := 0
		for _, c := range sent[i:] {
			if c.at.Sub(b.at) < time.Minute {
				inWindow += c.n
			}
		}
		if inWindow > p.PerMinute {
			t.Fatalf("%d requests in the minute from %s, budget %d", inWindow, b.at.Sub(t0), p.PerMinute)
		}
	}
	// The budget is used, not starved: close to PerMinute each minute.
	if total < 9*p.PerMinute {
		t.Errorf("%d requests in 10 minutes, want about %d", total, 10*p.PerMinute)
	}
}

func TestABigRoundIsSplitToFitTheBudget(t *testing.T) {
	p := DefaultPolicy
	p.PerMinute = 12
	w := New(p, t0, rows(stripecheck.Missing, 0, 1, 2, 3, 4, 5, 6, 7, 8), 9) // the first check cost 9
	now := t0.Add(w.Due(t0).After)
	// Three requests left: Files (two) does not fit after Charges and
	// Customers, the next single row does.
	d := w.Due(now)
	want := []steps.Permission{steps.Required[0], steps.Required[1], steps.Required[3]}
	if d.Action != Probe || len(d.Rows) != len(want) || d.Rows[0] != want[0] || d.Rows[1] != want[1] || d.Rows[2] != want[2] {
		t.Fatalf("%+v, want %v", d, want)
	}
	if got := p.RowsCost(d.Rows); got != 3 {
		t.Errorf("the round costs %d, want 3", got)
	}
	w.Sent(now, 3)
	w.Observe(now, nil)
	now = now.Add(w.Due(now).After)
	if d := w.Due(now); d.Action != Wait || d.After != t0.Add(time.Minute).Sub(now) {
		t.Errorf("%+v, want a wait until the first check leaves the window", d)
	}
	if d := w.Due(t0.Add(time.Minute)); d.Action != Probe || d.Rows[0] != steps.Required[0] {
		t.Errorf("%+v, want a round once the first check left the window", d)
	}
}

func TestPauseHoldsAndDoesNotCountTowardsStopping(t *testing.T) {
	p := DefaultPolicy
	w := New(p, t0, rows(stripecheck.Missing, disputes), 0)
	w.Pause(t0.Add(time.Second))
	if d := w.Due(t0.Add(time.Hour)); d.Action != Paused {
		t.Fatalf("paused: %+v", d)
	}
	resume := t0.Add(time.Second + 10*time.Minute)
	w.Resume(resume)
	if d := w.Due(resume); d.Action != Wait || d.After != p.First {
		t.Errorf("after resume: %+v, want wait %s", d, p.First)
	}
	// 10 paused minutes do not count: 4 more quiet minutes are not 5.
	if d := w.Due(resume.Add(4 * time.Minute)); d.Action != Probe {
		t.Errorf("4 quiet minutes after resuming: %+v, want a probe", d)
	}
	if d := w.Due(resume.Add(5 * time.Minute)); d.Action != Stopped {
		t.Errorf("5 quiet minutes: %+v, want stopped", d)
	}
	w.Resume(resume) // resuming twice changes nothing
}

func TestStopsAfterQuietMinutesWithANote(t *testing.T) {
	p := DefaultPolicy
	w := New(p, t0, rows(stripecheck.Missing, disputes), 0)
	d := w.Due(t0.Add(p.StopAfter))
	if d.Action != Stopped || !strings.Contains(d.Note, "nothing changed for 5m0s") {
		t.Fatalf("%+v, want stopped with a note", d)
	}
	// A change moves the end.
	w.Sent(t0.Add(4*time.Minute), 1)
	w.Observe(t0.Add(4*time.Minute), rows(stripecheck.Unknown, disputes))
	if d := w.Due(t0.Add(p.StopAfter)); d.Action == Stopped {
		t.Errorf("stopped one minute after a change")
	}
}

func TestDoneWaitsForRoomToConfirm(t *testing.T) {
	p := DefaultPolicy
	p.PerMinute = 12
	w := New(p, t0, rows(stripecheck.Missing, disputes), 0)
	w.Sent(t0, 10)
	w.Observe(t0, rows(stripecheck.Granted))
	if d := w.Due(t0.Add(p.First)); d.Action != Wait || d.After != time.Minute-p.First {
		t.Errorf("%+v, want a wait for room for the %d-request diagnosis", d, p.ConfirmCost)
	}
	if d := w.Due(t0.Add(time.Minute)); d.Action != Done {
		t.Errorf("%+v, want done", d)
	}
}

func TestCopiesDoNotShareState(t *testing.T) {
	w := New(DefaultPolicy, t0, rows(stripecheck.Missing, disputes), 0)
	copied := w
	w.Sent(t0, 1)
	w.Observe(t0, rows(stripecheck.Granted))
	if len(copied.Failing()) != 1 || copied.Due(t0).Action != Wait {
		t.Errorf("the copy changed with the original: %v", copied.Failing())
	}
}

func TestZeroPolicyIsTheDefault(t *testing.T) {
	w := New(Policy{}, t0, rows(stripecheck.Missing, disputes), 0)
	if d := w.Due(t0); d.After != DefaultPolicy.First {
		t.Errorf("zero policy waits %s, want %s", d.After, DefaultPolicy.First)
	}
	odd := New(Policy{First: time.Second, PerMinute: 1}, t0, rows(stripecheck.Missing, 2), 0)
	if d := odd.Due(t0.Add(time.Second)); d.Action != Probe {
		t.Errorf("a budget smaller than one row is raised to fit it: %+v", d)
	}
}

func TestCanHelp(t *testing.T) {
	report := func(status stripecheck.Status, problems ...string) stripecheck.Report {
		r := stripecheck.Report{Permissions: rows(status, disputes)}
		for _, code := range problems {
			r.Problems = append(r.Problems, stripecheck.Problem{Severity: stripecheck.SeverityError, Code: code})
		}
		return r
	}
	tests := []struct {
		name string
		r    stripecheck.Report
		want bool
	}{
		{"a missing row", report(stripecheck.Missing), true},
		{"an unknown row", report(stripecheck.Unknown), true},
		{"the Issuing trap", report(stripecheck.Missing, stripecheck.CodeIssuingTrap), true},
		{"ready", report(stripecheck.Granted), false},
		{"rejected key", report(stripecheck.Unknown, stripecheck.CodeKeyInvalid), false},
		{"secret key", report(stripecheck.Granted, stripecheck.CodeSecretKey), false},
		{"organization key", report(stripecheck.Unknown, stripecheck.CodeOrganizationKey), false},
	}
	for _, tt := range tests {
		if got := CanHelp(tt.r); got != tt.want {
			t.Errorf("%s: CanHelp = %v, want %v", tt.name, got, tt.want)
		}
	}
}

// TestNoRowStarvesUnderATightBudget: with less room a minute than one
// whole round, rows take turns: every row is probed every few minutes.
func TestNoRowStarvesUnderATightBudget(t *testing.T) {
	p := DefaultPolicy
	p.PerMinute, p.ConfirmCost, p.StopAfter = 8, 1, time.Hour // less than one whole round (10)
	p.First, p.Max = time.Second, time.Second
	all := []int{0, 1, 2, 3, 4, 5, 6, 7, 8}
	w := New(p, t0, rows(stripecheck.Missing, all...), 8)
	last := map[steps.Permission]time.Time{}
	for _, r := range steps.Required {
		last[r] = t0
	}
	now := t0
	for now.Before(t0.Add(20 * time.Minute)) {
		d := w.Due(now)
		switch d.Action {
		case Wait:
			now = now.Add(d.After)
		case Probe:
			for _, r := range d.Rows {
				if gap := now.Sub(last[r]); gap > 3*time.Minute {
					t.Fatalf("%s waited %s for a probe", r, gap)
				}
				last[r] = now
			}
			w.Sent(now, p.RowsCost(d.Rows))
			var answers []stripecheck.Result
			for _, r := range d.Rows {
				answers = append(answers, stripecheck.Result{Permission: r, Status: stripecheck.Missing})
			}
			w.Observe(now, answers)
		default:
			t.Fatalf("unexpected %+v", d)
		}
	}
	for r, at := range last {
		if now.Sub(at) > 3*time.Minute {
			t.Errorf("%s last probed %s before the end", r, now.Sub(at))
		}
	}
}

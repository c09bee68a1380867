// Package recheck decides when to re-check a key while the merchant fixes
// it in Stripe: which rows to probe again (only those not yet ✓), when
// (every few seconds, backing off while nothing changes), how much (a
// bounded number of requests per minute), and when to stop (the key is
// ready, or nothing changed for a few minutes).
//
// recheck is pure: it reads the time it is given and never sleeps, starts a
// goroutine, sends a request or keeps a clock. Whoever drives it (the
// wizard from tea.Cmds, `check --watch` from a loop) owns the timers and
// the requests, so a bubbletea model can own it like any other state.
package recheck

import (
	"fmt"
	"slices"
	"time"

	"github.com/justt-ai/justt-onboard/steps"
	"github.com/justt-ai/justt-onboard/stripecheck"
)

// Policy tunes the schedule. The zero Policy means DefaultPolicy.
type Policy struct {
	// First is the pause before a re-check after a start, a change or a
	// resume.
	First time.Duration
	// Factor multiplies the pause after a round that changed nothing.
	Factor float64
	// Max caps the pause.
	Max time.Duration
	// PerMinute bounds the requests sent in any 60 seconds, counting every
	// request the driver reports with Sent.
	PerMinute int
	// StopAfter ends the watch when no row has changed for this long
	// (paused time does not count).
	StopAfter time.Duration
	// Cost is the number of requests one row's probe sends (nil: 1 each).
	Cost func(steps.Permission) int
	// ConfirmCost is the number of requests of the one full diagnosis the
	// driver runs once every row is ✓ (the account, the Issuing look-alike,
	// excess write access). Done is only given when the budget has room.
	ConfirmCost int
}

// DefaultPolicy re-checks 3 s after a change, backs off by half each
// quiet round up to 20 s, sends at most 60 requests a minute (Stripe allows
// 25 a second in test mode and 100 in live mode; the merchant's own
// integrations share that budget), and stops after 5 quiet minutes.
var DefaultPolicy = Policy{
	First:       3 * time.Second,
	Factor:      1.5,
	Max:         20 * time.Second,
	PerMinute:   60,
	StopAfter:   5 * time.Minute,
	Cost:        stripecheck.ProbeRequests,
	ConfirmCost: stripecheck.DiagnoseRequests,
}

func (p Policy) orDefault() Policy {
	if p.First <= 0 {
		return DefaultPolicy
	}
	if p.Factor < 1 {
		p.Factor = 1
	}
	if p.Max < p.First {
		p.Max = p.First
	}
	if p.Cost == nil {
		p.Cost = func(steps.Permission) int { return 1 }
	}
	if p.StopAfter <= 0 {
		p.StopAfter = DefaultPolicy.StopAfter
	}
	// The budget must hold the dearest single step, or Due would wait forever.
	need := p.ConfirmCost
	for _, r := range steps.Required {
		need = max(need, p.Cost(r))
	}
	if p.PerMinute <= 0 {
		p.PerMinute = DefaultPolicy.PerMinute
	}
	p.PerMinute = max(p.PerMinute, need)
	return p
}

// Action is what the driver should do now.
type Action int

const (
	// Wait: nothing to do; ask again after Decision.After.
	Wait Action = iota
	// Probe: probe Decision.Rows now, report the requests with Sent and
	// the answers with Observe.
	Probe
	// Paused: nothing until Resume.
	Paused
	// Done: every row is ✓. The driver may run one full diagnosis
	// (Policy.ConfirmCost requests, which the budget has room for).
	Done
	// Stopped: the watch gave up; Decision.Note says why, for the screen.
	Stopped
)

func (a Action) String() string {
	names := [...]string{"wait", "probe", "paused", "done", "stopped"}
	if a < 0 || int(a) >= len(names) {
		return fmt.Sprintf("Action(%d)", int(a))
	}
	return names[a]
}

// Decision is the answer of Due.
type Decision struct {
	Action Action
	Rows   []steps.Permission // for Probe, in steps.Required order
	After  time.Duration      // for Wait
	Note   string             // for Stopped
}

// send is one batch of requests in the budget's window.
type send struct {
	at time.Time
	n  int
}

// Watch is the state of one re-check session. Its methods take the time
// from the caller; copy it freely (it holds no pointers the copies share
// for writing: every method that changes it has a pointer receiver and
// replaces its slices rather than editing them).
type Watch struct {
	policy   Policy
	status   []stripecheck.Status // by steps.Required index
	next     time.Time            // when the next round is due
	pause    time.Duration        // the pause that set next
	quiet    time.Time            // since when nothing changed (paused time excluded)
	paused   bool
	pausedAt time.Time
	inFlight bool
	sent     []send
	// asked is when each row (by steps.Required index) was last probed:
	// when the budget cannot hold a whole round, the rows asked longest
	// ago go first, so no row starves.
	asked []time.Time
}

// New starts a watch at now from the rows of the last report (in any
// order; rows of other permissions are ignored). sent is the requests the
// check behind them cost, which count against the budget. The first
// re-check is due after Policy.First.
func New(p Policy, now time.Time, rows []stripecheck.Result, sent int) Watch {
	p = p.orDefault()
	w := Watch{policy: p, status: make([]stripecheck.Status, len(steps.Required)), pause: p.First, next: now.Add(p.First), quiet: now,
		asked: make([]time.Time, len(steps.Required))}
	if sent > 0 {
		w.sent = []send{{at: now, n: sent}}
	}
	for i := range w.status {
		w.status[i] = stripecheck.Unknown
	}
	w.merge(now, rows)
	return w
}

// Failing is the rows not yet ✓, in steps.Required order.
func (w Watch) Failing() []steps.Permission {
	var out []steps.Permission
	for i, s := range w.status {
		if s != stripecheck.Granted {
			out = append(out, steps.Required[i])
		}
	}
	return out
}

// Due says what to do at now.
func (w Watch) Due(now time.Time) Decision {
	failing := w.Failing()
	switch {
	case w.paused:
		return Decision{Action: Paused}
	case w.inFlight:
		// Answers are on their way; Observe will set the next time.
		return Decision{Action: Wait, After: w.policy.First}
	case !now.Before(w.quiet.Add(w.policy.StopAfter)) && len(failing) > 0:
		return Decision{Action: Stopped, Note: fmt.Sprintf(
			"Stopped re-checking: nothing changed for %s. Re-check by hand once the key is fixed in Stripe.", w.policy.StopAfter)}
	case len(failing) == 0:
		// Every row is ✓: done at once, when the diagnosis fits the budget.
		if w.policy.PerMinute-w.spent(now) >= w.policy.ConfirmCost {
			return Decision{Action: Done}
		}
		return Decision{Action: Wait, After: w.roomAt(now, w.policy.ConfirmCost)}
	case now.Before(w.next):
		return Decision{Action: Wait, After: w.next.Sub(now)}
	}
	room := w.policy.PerMinute - w.spent(now)
	picked := make([]bool, len(steps.Required))
	any := false
	for _, i := range w.byLastAsked() {
		if c := w.policy.Cost(steps.Required[i]); c <= room {
			picked[i], room, any = true, room-c, true
		}
	}
	if !any {
		return Decision{Action: Wait, After: w.roomAt(now, w.policy.Cost(failing[0]))}
	}
	var rows []steps.Permission
	for i, p := range steps.Required {
		if picked[i] {
			rows = append(rows, p)
		}
	}
	return Decision{Action: Probe, Rows: rows}
}

// byLastAsked is the failing rows' indexes, asked longest ago first (in
// steps.Required order among equals).
func (w Watch) byLastAsked() []int {
	var idx []int
	for i, s := range w.status {
		if s != stripecheck.Granted {
			idx = append(idx, i)
		}
	}
	slices.SortStableFunc(idx, func(a, b int) int { return w.asked[a].Compare(w.asked[b]) })
	return idx
}

// Sent records n requests sent at now; a Probe round is in flight until
// Observe.
func (w *Watch) Sent(now time.Time, n int) {
	w.sent = append(w.pruned(now), send{at: now, n: n})
	w.inFlight = true
}

// Observe takes the answers of a round (or of a full check) at now. A
// changed row brings the next round back to Policy.First; a quiet round
// backs off. It reports whether any row changed.
func (w *Watch) Observe(now time.Time, rows []stripecheck.Result) bool {
	w.inFlight = false
	changed := w.merge(now, rows)
	if changed {
		w.pause, w.quiet = w.policy.First, now
	} else {
		w.pause = min(time.Duration(float64(w.pause)*w.policy.Factor), w.policy.Max)
	}
	w.next = now.Add(w.pause)
	return changed
}

// Pause holds the re-checks (the merchant is typing) until Resume.
func (w *Watch) Pause(now time.Time) {
	if !w.paused {
		w.paused, w.pausedAt = true, now
	}
}

// Resume ends a pause: the next round is due after Policy.First, and the
// paused time does not count towards StopAfter.
func (w *Watch) Resume(now time.Time) {
	if !w.paused {
		return
	}
	w.paused = false
	w.quiet = w.quiet.Add(now.Sub(w.pausedAt))
	w.pause, w.next = w.policy.First, now.Add(w.policy.First)
}

// merge takes the rows' statuses (answered at now) and reports whether any
// changed.
func (w *Watch) merge(now time.Time, rows []stripecheck.Result) bool {
	status := append([]stripecheck.Status(nil), w.status...)
	asked := append([]time.Time(nil), w.asked...)
	changed := false
	for _, r := range rows {
		for i, p := range steps.Required {
			if r.Permission != p {
				continue
			}
			asked[i] = now
			if status[i] != r.Status {
				status[i], changed = r.Status, true
			}
		}
	}
	w.status, w.asked = status, asked
	return changed
}

// pruned is the sends still inside the minute before now.
func (w Watch) pruned(now time.Time) []send {
	var keep []send
	for _, s := range w.sent {
		if now.Sub(s.at) < time.Minute {
			keep = append(keep, s)
		}
	}
	return keep
}

func (w Watch) spent(now time.Time) int {
	n := 0
	for _, s := range w.pruned(now) {
		n += s.n
	}
	return n
}

// roomAt is how long until the budget has room for n more requests: the
// oldest sends leave the window one by one.
func (w Watch) roomAt(now time.Time, n int) time.Duration {
	left := w.policy.PerMinute - w.spent(now)
	for _, s := range w.pruned(now) {
		if left >= n {
			break
		}
		left += s.n
		if left >= n {
			return s.at.Add(time.Minute).Sub(now)
		}
	}
	return 0
}

// CanHelp reports whether re-checking can make the report ready: some row
// is not ✓ and the key itself is usable, so the rows can turn ✓ as the
// merchant edits the key in Stripe. A wrong kind of key, a secret key, a
// rejected or expired key, or a test key where live is required cannot.
func CanHelp(r stripecheck.Report) bool {
	if r.Ready() || r.Count(stripecheck.Granted) == len(r.Permissions) {
		return false
	}
	for _, p := range r.Problems {
		if p.Severity == stripecheck.SeverityError && p.Code != stripecheck.CodeIssuingTrap {
			return false
		}
	}
	return true
}

// RowsCost is what probing rows costs under p, in requests.
func (p Policy) RowsCost(rows []steps.Permission) int {
	p = p.orDefault()
	n := 0
	for _, r := range rows {
		n += p.Cost(r)
	}
	return n
}

// Merge returns rows with each row of fresh put in place of the row of the
// same permission (rows is not changed): a round re-probes only some rows,
// and every driver folds its answers into the last full set this way.
func Merge(rows, fresh []stripecheck.Result) []stripecheck.Result {
	out := append([]stripecheck.Result(nil), rows...)
	for _, f := range fresh {
		for i := range out {
			if out[i].Permission == f.Permission {
				out[i] = f
			}
		}
	}
	return out
}

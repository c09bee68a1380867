package wizard

import (
	"context"
	"fmt"
	"time"

	tea "github.com/charmbracelet/bubbletea"
	"github.com/justt-ai/justt-onboard/recheck"
	"github.com/justt-ai/justt-onboard/steps"
	"github.com/justt-ai/justt-onboard/stripecheck"
)

// The live re-check of step 11: while rows are ✗ or ?, the failing rows
// are probed again as recheck decides (every few seconds, backing off,
// bounded per minute, paused while the merchant types, stopped after a few
// quiet minutes), so a row turns ✓ moments after the merchant clicks Save
// in Stripe. It runs only on tea.Cmds and the messages below: a timer is a
// tick command, a probe a command per row. Each round's answer goes to the
// record with the same transition a check started by r uses.

// watchTick is how often the "next look in Ns" line is redrawn while the
// re-check waits: the wait itself is recheck's, in steps of at most this.
const watchTick = time.Second

// recheckTickMsg is a tick of the re-check's timer. gen is the check it
// belongs to, tick the timer (only the latest one counts).
type recheckTickMsg struct{ gen, tick int }

// recheckedMsg is one row's answer in a re-check round.
type recheckedMsg struct {
	gen    int
	round  int
	result stripecheck.Result
}

// reconfirmedMsg is the diagnosis run once every row is ✓ again.
type reconfirmedMsg struct {
	gen       int
	diagnosis stripecheck.Diagnosis
}

// liveRecheck is the state of step 11's re-check.
type liveRecheck struct {
	on         bool
	sched      recheck.Watch
	stopAfter  time.Duration
	tick       int           // the timer that counts; older ticks are dropped
	wait       time.Duration // how long until the next look, as of the last tick
	round      int           // the round whose answers are awaited
	asking     int           // answers still out in this round
	fresh      []stripecheck.Result
	confirming bool // every row is ✓: the diagnosis is out
	paused     bool
	// note says why the re-check stopped, until the next check.
	note string
}

// clockNow is the time the re-check reads (tests inject theirs).
func (c *common) clockNow() time.Time {
	if c.now != nil {
		return c.now()
	}
	return time.Now()
}

// after is a command that sends fn's message after d (tea.Tick unless a
// test injected its clock).
func (c *common) after(d time.Duration, fn func(time.Time) tea.Msg) tea.Cmd {
	if c.tick != nil {
		return c.tick(d, fn)
	}
	return tea.Tick(d, fn)
}

func (c *common) recheckPolicy() recheck.Policy {
	if c.policy.First > 0 {
		return c.policy
	}
	return recheck.DefaultPolicy
}

// watchAfterCheck starts the re-check once a check has finished, when
// re-checking can make the key ready (rows ✗ or ?, the key itself usable).
func (k keyCheck) watchAfterCheck(c *common) (keyCheck, tea.Cmd) {
	k.watch = liveRecheck{}
	if !k.canWatch() {
		return k, nil
	}
	p := c.recheckPolicy()
	now := c.clockNow()
	k.watch = liveRecheck{on: true, stopAfter: p.StopAfter,
		sched: recheck.New(p, now, k.report.Permissions, stripecheck.CheckRequests())}
	return k.due(c, now)
}

// canWatch is whether re-checking this check can make the key ready: rows
// ✗ or ?, the key itself usable, and the check's own rows and diagnosis at
// hand (a check shown again from the record has neither: r checks afresh).
func (k keyCheck) canWatch() bool {
	return k.phase == phaseChecked && recheck.CanHelp(k.report) && k.diagnosis != nil
}

// due does what the schedule says at now.
func (k keyCheck) due(c *common, now time.Time) (keyCheck, tea.Cmd) {
	w := &k.watch
	d := w.sched.Due(now)
	switch d.Action {
	case recheck.Wait:
		w.wait = d.After
		w.tick++
		gen, tick := k.gen, w.tick
		return k, c.after(min(d.After, watchTick), func(time.Time) tea.Msg { return recheckTickMsg{gen: gen, tick: tick} })
	case recheck.Probe:
		w.sched.Sent(now, c.recheckPolicy().RowsCost(d.Rows))
		w.round++
		w.asking, w.fresh, w.wait = len(d.Rows), nil, 0
		ctx, cancel := context.WithTimeout(c.ctx, stripecheck.DefaultTimeout)
		k.cancel = cancel
		cmds := make([]tea.Cmd, 0, len(d.Rows))
		for _, p := range d.Rows {
			cmds = append(cmds, recheckCmd(ctx, c.eng, k.gen, w.round, k.key, p))
		}
		return k, tea.Batch(cmds...)
	case recheck.Done:
		w.sched.Sent(now, stripecheck.DiagnoseRequests)
		w.confirming = true
		ctx, cancel := context.WithTimeout(c.ctx, stripecheck.DefaultTimeout)
		k.cancel = cancel
		return k, reconfirmCmd(ctx, c.eng, k.gen, k.key)
	case recheck.Stopped:
		k.watch = liveRecheck{note: fmt.Sprintf("Stopped watching for your changes: nothing changed for %s. "+
			"Press r to re-check once the key is fixed in Stripe.", minutes(w.stopAfter))}
	}
	return k, nil // Paused: Resume schedules again
}

// onRecheckTick is the timer: look at the schedule again.
func (k keyCheck) onRecheckTick(msg recheckTickMsg, c *common) (keyCheck, tea.Cmd) {
	if !k.watch.on || k.watch.paused || msg.gen != k.gen || msg.tick != k.watch.tick {
		return k, nil
	}
	return k.due(c, c.clockNow())
}

// onRechecked takes one row's answer; once the round is complete the rows
// are merged, the report assembled again, and the record told.
func (k keyCheck) onRechecked(msg recheckedMsg, c *common) (keyCheck, tea.Cmd) {
	w := &k.watch
	if !w.on || msg.gen != k.gen || msg.round != w.round || w.asking == 0 {
		return k, nil
	}
	w.fresh = append(append([]stripecheck.Result(nil), w.fresh...), msg.result)
	w.asking--
	if w.asking > 0 {
		return k, nil
	}
	k = k.releaseRound()
	now := c.clockNow()
	changed := w.sched.Observe(now, w.fresh)
	rows := recheck.Merge(k.results, w.fresh)
	k.results = rows
	k.report = stripecheck.Assemble(k.key, rows, *k.diagnosis, stripecheck.Options{})
	if changed {
		c.flow.checked(k)
	}
	if len(w.sched.Failing()) > 0 && !recheck.CanHelp(k.report) {
		k.watch = liveRecheck{note: "Stopped watching: re-checking cannot fix this key any more (see below)."}
		return k, nil
	}
	return k.due(c, now)
}

// onReconfirmed ends the re-check: every row is ✓, and the fresh diagnosis
// says whether anything else (the Issuing look-alike, excess write access)
// needs a word. The record gets the verdict.
func (k keyCheck) onReconfirmed(msg reconfirmedMsg, c *common) keyCheck {
	if !k.watch.on || !k.watch.confirming || msg.gen != k.gen {
		return k
	}
	k = k.releaseRound()
	d := msg.diagnosis
	k.diagnosis = &d
	k.report = stripecheck.Assemble(k.key, k.results, d, stripecheck.Options{})
	k.watch = liveRecheck{}
	c.flow.checked(k)
	return k
}

// holdWatch pauses the re-check while hold is true (the merchant types in
// a field, or step 11 is not on screen) and resumes it after.
func (k keyCheck) holdWatch(hold bool, c *common) (keyCheck, tea.Cmd) {
	w := &k.watch
	switch {
	case !w.on || hold == w.paused:
		return k, nil
	case hold:
		w.sched.Pause(c.clockNow())
		w.paused = true
		w.tick++ // the pending tick is dropped
		return k, nil
	}
	now := c.clockNow()
	w.sched.Resume(now)
	w.paused = false
	if w.asking > 0 || w.confirming {
		return k, nil // the answers on their way schedule the next look
	}
	return k.due(c, now)
}

// lookSoon brings the next look forward to the schedule's first pause: the
// demo's mock dashboard has just changed the key.
func (k keyCheck) lookSoon(c *common) (keyCheck, tea.Cmd) {
	w := &k.watch
	if !w.on || w.paused || w.asking > 0 || w.confirming {
		return k, nil
	}
	now := c.clockNow()
	w.sched.Pause(now)
	w.sched.Resume(now)
	return k.due(c, now)
}

// releaseRound ends a round's deadline.
func (k keyCheck) releaseRound() keyCheck {
	if k.cancel != nil {
		k.cancel()
		k.cancel = nil
	}
	return k
}

// watchLine is what the screen says about the re-check, or "".
func (k keyCheck) watchLine() string {
	w := k.watch
	switch {
	case w.note != "":
		return w.note
	case !w.on, w.confirming: // confirming: the verdict above says so
		return ""
	case w.paused:
		return "Watching for your changes in Stripe: paused while you type."
	case w.asking > 0:
		return "Watching for your changes in Stripe… looking now."
	}
	secs := int((w.wait + time.Second - 1) / time.Second)
	return fmt.Sprintf("Watching for your changes in Stripe… next look in %ds.", max(secs, 1))
}

// minutes says a duration the way the screen does: "5 minutes", "30s".
func minutes(d time.Duration) string {
	switch {
	case d == time.Minute:
		return "1 minute"
	case d%time.Minute == 0:
		return itoa(int(d/time.Minute)) + " minutes"
	}
	return d.Round(time.Second).String()
}

func recheckCmd(ctx context.Context, eng engine, gen, round int, key stripecheck.Key, p steps.Permission) tea.Cmd {
	return func() tea.Msg {
		return recheckedMsg{gen: gen, round: round, result: eng.Probe(ctx, key, p)}
	}
}

func reconfirmCmd(ctx context.Context, eng engine, gen int, key stripecheck.Key) tea.Cmd {
	return func() tea.Msg {
		return reconfirmedMsg{gen: gen, diagnosis: eng.Diagnose(ctx, key)}
	}
}

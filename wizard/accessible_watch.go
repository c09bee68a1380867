package wizard

import (
	"context"
	"errors"
	"fmt"
	"io"
	"sync"
	"time"

	"github.com/justt-ai/justt-onboard/recheck"
	"github.com/justt-ai/justt-onboard/steps"
	"github.com/justt-ai/justt-onboard/stripecheck"
)

// The accessible face's "w": the same bounded re-check as the screens'
// (recheck's schedule), without a timer redrawing anything. It prints one
// line per row that changes, and ends only when the merchant presses
// enter: the one read it starts is always the one it finishes, so no
// answer meant for the next prompt is taken.

// watch re-checks k's rows not ✓ until enter, and returns the check as it
// stands then (recorded, like r's).
func (p *plain) watch(k keyCheck) (keyCheck, error) {
	policy := p.c.recheckPolicy()
	now := p.c.clockNow()
	sched := recheck.New(policy, now, k.results, stripecheck.CheckRequests()) // the check just made
	p.say(fmt.Sprintf("Watching for your changes in Stripe: the %s not granted are checked again every few seconds "+
		"(less often while nothing changes, at most %d requests a minute), for up to %s without a change. "+
		"Only changes are said. Press enter to stop watching.", itoa(len(sched.Failing()))+" "+plural(len(sched.Failing()), "row", "rows"), policy.PerMinute, minutes(policy.StopAfter)))
	enter := p.readLine()
	ended := false // every row passed, or the watch gave up: only enter is awaited
	for {
		d := recheck.Decision{Action: recheck.Paused}
		if !ended {
			d = sched.Due(p.c.clockNow())
		}
		switch d.Action {
		case recheck.Wait, recheck.Paused:
			var timer <-chan time.Time
			if d.Action == recheck.Wait {
				timer = p.after(d.After)
			}
			select {
			case err := <-enter:
				if err != nil && !errors.Is(err, io.EOF) {
					return k, err
				}
				p.say("Stopped watching.")
				return k, nil
			case <-timer:
			case <-p.c.ctx.Done():
				return k, fmt.Errorf("wizard stopped: %w", p.c.ctx.Err())
			}
		case recheck.Probe:
			sched.Sent(p.c.clockNow(), policy.RowsCost(d.Rows))
			fresh := p.probeRows(k.key, d.Rows)
			sched.Observe(p.c.clockNow(), fresh)
			k = p.takeRows(k, fresh)
			if len(sched.Failing()) > 0 && !recheck.CanHelp(k.report) {
				p.say("Re-checking cannot fix this key any more (see the problems below): stopped watching. Press enter.")
				p.printReport(k)
				ended = true
			}
		case recheck.Done:
			sched.Sent(p.c.clockNow(), stripecheck.DiagnoseRequests)
			ctx, cancel := context.WithTimeout(p.c.ctx, stripecheck.DefaultTimeout)
			dg := p.c.eng.Diagnose(ctx, k.key)
			cancel()
			k.diagnosis = &dg
			k.report = stripecheck.Assemble(k.key, k.results, dg, stripecheck.Options{})
			p.c.flow.checked(k)
			p.say("Every row is granted now. Press enter to go on.")
			ended = true
		case recheck.Stopped:
			p.say(fmt.Sprintf("Stopped watching: nothing changed for %s. Press enter, then r to re-check once the key is fixed in Stripe.", minutes(policy.StopAfter)))
			ended = true
		}
	}
}

// readLine starts the watch's one read of the merchant's enter.
func (p *plain) readLine() <-chan error {
	done := make(chan error, 1)
	go func() {
		_, err := p.in.ReadString('\n')
		done <- err
	}()
	return done
}

// after waits d on the injected clock (tests) or the real one.
func (p *plain) after(d time.Duration) <-chan time.Time {
	if p.wait != nil {
		return p.wait(d)
	}
	return time.After(d)
}

// probeRows asks Stripe about rows at once.
func (p *plain) probeRows(key stripecheck.Key, rows []steps.Permission) []stripecheck.Result {
	ctx, cancel := context.WithTimeout(p.c.ctx, stripecheck.DefaultTimeout)
	defer cancel()
	out := make([]stripecheck.Result, len(rows))
	var wg sync.WaitGroup
	for i, perm := range rows {
		wg.Go(func() { out[i] = p.c.eng.Probe(ctx, key, perm) })
	}
	wg.Wait()
	return out
}

// takeRows merges a round's answers, says each row that changed, and
// records the check when one did.
func (p *plain) takeRows(k keyCheck, fresh []stripecheck.Result) keyCheck {
	before := k.report
	rows := recheck.Merge(k.results, fresh)
	k.results = rows
	k.report = stripecheck.Assemble(k.key, rows, *k.diagnosis, stripecheck.Options{})
	changed := false
	for i, r := range k.report.Permissions {
		if i >= len(before.Permissions) || before.Permissions[i].Status == r.Status {
			continue
		}
		changed = true
		p.say(fmt.Sprintf("%s %s %s: %s, %s (was %s)", p.c.clockNow().Format("15:04:05"), r.Status.Mark(), statusWords[r.Status],
			r.Permission.Resource, r.Permission.Access.Title(), statusWords[before.Permissions[i].Status]))
	}
	if changed {
		p.c.flow.checked(k)
	}
	return k
}

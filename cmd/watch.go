package cmd

import (
	"context"
	"encoding/json"
	"fmt"
	"io"
	"sync"
	"time"

	"github.com/justt-ai/justt-onboard/recheck"
	"github.com/justt-ai/justt-onboard/steps"
	"github.com/justt-ai/justt-onboard/stripecheck"
)

// defaultWatchTimeout is how long `check --watch` waits for the key to be
// fixed when --timeout is not given.
const defaultWatchTimeout = 5 * time.Minute

// clock is what --watch waits with; tests inject one they advance.
type clock interface {
	Now() time.Time
	After(d time.Duration) <-chan time.Time
}

type realClock struct{}

func (realClock) Now() time.Time                         { return time.Now() }
func (realClock) After(d time.Duration) <-chan time.Time { return time.After(d) }

// watchTimeout is the deadline of the whole watch.
func watchTimeout(opts *checkOptions) time.Duration {
	if opts.TimeoutSet {
		return opts.Timeout
	}
	return defaultWatchTimeout
}

// watchConfig: each round has the usual per-check deadline (or less, when
// the whole watch is shorter), and no retries of stripe-go's own: the watch
// is the retry, and its budget counts every request.
func watchConfig(cfg stripecheck.Config, opts *checkOptions) stripecheck.Config {
	cfg.Timeout = min(stripecheck.DefaultTimeout, watchTimeout(opts))
	cfg.MaxNetworkRetries = -1
	return cfg
}

// watcher is one `check --watch` run.
type watcher struct {
	env     *Env
	checker *stripecheck.Checker
	key     stripecheck.Key
	opts    stripecheck.Options
	clk     clock
	json    bool
	// rows and diagnosis are the latest answers; report is assembled from them.
	rows      []stripecheck.Result
	diagnosis stripecheck.Diagnosis
	report    stripecheck.Report
}

// runWatch checks the key, then, while re-checking can help, re-checks the
// rows that are not ✓ as recheck decides, printing each row that changes,
// until the key is ready (exit 0), the watch's deadline passes or nothing
// changes for as long (exit as for the report), or ctrl+c (130).
func runWatch(ctx context.Context, env *Env, checker *stripecheck.Checker, key stripecheck.Key, checkOpts stripecheck.Options, opts *checkOptions) error {
	w := &watcher{env: env, checker: checker, key: key, opts: checkOpts, clk: opts.clock, json: opts.JSON}
	if w.clk == nil {
		w.clk = realClock{}
	}
	if r, stop := stripecheck.Precheck(key, checkOpts); stop {
		return printCheckReport(env, r, opts)
	}
	timeout := watchTimeout(opts)
	ctx, cancel := context.WithTimeout(ctx, timeout)
	defer cancel()
	w.firstCheck(ctx)
	if ctx.Err() != nil {
		return w.end(ctx, opts, "")
	}
	if !recheck.CanHelp(w.report) {
		return printCheckReport(env, w.report, opts)
	}
	if !w.json {
		writeReport(newPrinter(env), w.report)
	}
	policy := recheck.DefaultPolicy
	policy.StopAfter = timeout
	sched := recheck.New(policy, w.clk.Now(), w.rows, stripecheck.CheckRequests())
	fmt.Fprintf(w.progress(), "\nWatching the %s not ✓: re-checked every few seconds (less often while nothing changes, at most %d requests a minute) "+
		"until the key is ready, %s pass or ctrl+c. Fix the key in Stripe (%s); each change shows here.\n",
		rowsWord(len(sched.Failing())), policy.PerMinute, timeout, steps.EditKeyPath)
	for {
		now := w.clk.Now()
		d := sched.Due(now)
		switch d.Action {
		case recheck.Paused:
			sched.Resume(now) // nothing pauses the command line; never stall
		case recheck.Wait:
			select {
			case <-w.clk.After(d.After):
			case <-ctx.Done():
				return w.end(ctx, opts, "")
			}
		case recheck.Probe:
			sched.Sent(now, policy.RowsCost(d.Rows))
			fresh := w.probe(ctx, d.Rows)
			if ctx.Err() != nil {
				return w.end(ctx, opts, "")
			}
			sched.Observe(w.clk.Now(), fresh)
			w.take(fresh)
			if len(sched.Failing()) > 0 && !recheck.CanHelp(w.report) {
				// The key itself went wrong (rotated, expired, deleted):
				// waiting cannot fix it.
				return w.end(ctx, opts, "Stopped watching: re-checking cannot fix this key any more (see the problems below).")
			}
		case recheck.Done:
			// Every row is ✓: one fresh diagnosis for the warnings (the
			// Issuing look-alike, excess write access) before the verdict.
			sched.Sent(now, stripecheck.DiagnoseRequests)
			w.diagnosis = w.checker.Diagnose(ctx, key)
			w.report = stripecheck.Assemble(key, w.rows, w.diagnosis, checkOpts)
			return w.end(ctx, opts, "")
		case recheck.Stopped:
			return w.end(ctx, opts, d.Note)
		}
	}
}

// firstCheck is Check, keeping the rows and the diagnosis for the rounds.
func (w *watcher) firstCheck(ctx context.Context) {
	var wg sync.WaitGroup
	wg.Go(func() { w.diagnosis = w.checker.Diagnose(ctx, w.key) })
	w.rows = w.probe(ctx, steps.Required)
	wg.Wait()
	w.report = stripecheck.Assemble(w.key, w.rows, w.diagnosis, w.opts)
}

// probe checks rows at once, one request each (two for Files).
func (w *watcher) probe(ctx context.Context, rows []steps.Permission) []stripecheck.Result {
	out := make([]stripecheck.Result, len(rows))
	var wg sync.WaitGroup
	for i, p := range rows {
		wg.Go(func() { out[i] = w.checker.Probe(ctx, w.key, p) })
	}
	wg.Wait()
	return out
}

// take merges a round's answers and prints each row that changed.
func (w *watcher) take(fresh []stripecheck.Result) {
	before := w.report
	rows := recheck.Merge(w.rows, fresh)
	w.rows = rows
	w.report = stripecheck.Assemble(w.key, rows, w.diagnosis, w.opts)
	for i, row := range w.report.Permissions {
		if i < len(before.Permissions) && before.Permissions[i].Status != row.Status {
			writeChange(w.progress(), w.clk.Now(), before.Permissions[i], row)
		}
	}
}

// writeChange prints one row that changed, with the time it was seen (on a
// screen-share, both people see when the save in Stripe took effect):
// "  16:20:31  ✓ Disputes        Write  (was ✗)".
func writeChange(out io.Writer, at time.Time, was, now stripecheck.Result) {
	line := fmt.Sprintf("  %s  %s %-15s %-5s  (was %s)", at.Format("15:04:05"), now.Status.Mark(), now.Permission.Resource, now.Permission.Access.Title(), was.Status.Mark())
	if now.Status != stripecheck.Granted && now.Detail != "" {
		line += "  " + now.Detail
	}
	fmt.Fprintln(out, line)
}

// end prints why the watch ended and the last report, and gives its exit
// code; ctrl+c is context.Canceled (130).
func (w *watcher) end(ctx context.Context, opts *checkOptions, note string) error {
	interrupted := ctx.Err() == context.Canceled
	switch {
	case interrupted:
		note = "Stopped watching (interrupted)."
	case ctx.Err() == context.DeadlineExceeded:
		note = fmt.Sprintf("Stopped watching: %s passed (--timeout).", watchTimeout(opts))
	}
	if note != "" {
		fmt.Fprintf(w.progress(), "\n%s\n", note)
	}
	if interrupted {
		return context.Canceled
	}
	if w.json {
		out, err := json.MarshalIndent(w.report, "", "  ")
		if err != nil {
			return err
		}
		fmt.Fprintln(w.env.Stdout, string(out))
	} else {
		fmt.Fprintln(w.env.Stdout)
		writeReport(newPrinter(w.env), w.report)
	}
	return exitCode(w.report.ExitCode())
}

// progress is where the watch's running commentary goes: standard output
// for people, standard error with --json (whose output is one object).
func (w *watcher) progress() io.Writer {
	if w.json {
		return w.env.Stderr
	}
	return w.env.Stdout
}

func rowsWord(n int) string {
	if n == 1 {
		return "1 row"
	}
	return fmt.Sprintf("%d rows", n)
}

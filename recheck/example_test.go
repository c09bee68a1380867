package recheck_test

import (
	"fmt"
	"time"

	"github.com/justt-ai/justt-onboard/recheck"
	"github.com/justt-ai/justt-onboard/steps"
	"github.com/justt-ai/justt-onboard/stripecheck"
)

// A driver's loop, with the time simulated: the merchant fixes Disputes in
// Stripe after the second round. A bubbletea model does the same from its
// Update: Wait becomes tea.Tick(d.After, …), Probe one tea.Cmd per row
// (Checker.Probe) whose answers come back as messages for Observe.
func Example() {
	now := time.Date(2026, 12, 2, 16, 0, 0, 0, time.UTC)
	rows := make([]stripecheck.Result, len(steps.Required))
	for i, p := range steps.Required {
		rows[i] = stripecheck.Result{Permission: p, Status: stripecheck.Granted}
	}
	rows[7].Status = stripecheck.Missing // Disputes: Write
	w := recheck.New(recheck.DefaultPolicy, now, rows, stripecheck.CheckRequests())
	fixed := false
	for round := 0; ; {
		d := w.Due(now)
		switch d.Action {
		case recheck.Wait:
			fmt.Printf("wait %s\n", d.After)
			now = now.Add(d.After)
		case recheck.Probe:
			round++
			fmt.Printf("probe %v\n", d.Rows)
			w.Sent(now, recheck.DefaultPolicy.RowsCost(d.Rows))
			answer := stripecheck.Result{Permission: d.Rows[0], Status: stripecheck.Missing}
			if fixed {
				answer.Status = stripecheck.Granted
			}
			w.Observe(now, []stripecheck.Result{answer})
			fixed = round == 2 // the merchant clicks Save in Stripe
		case recheck.Done:
			fmt.Println("done: every row is ✓")
			return
		case recheck.Stopped:
			fmt.Println(d.Note)
			return
		}
	}
	// Output:
	// wait 3s
	// probe [Disputes: Write]
	// wait 4.5s
	// probe [Disputes: Write]
	// wait 6.75s
	// probe [Disputes: Write]
	// done: every row is ✓
}

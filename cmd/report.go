package cmd

import (
	"fmt"
	"strings"

	"github.com/justt-ai/justt-onboard/stripecheck"
)

// writeReport prints a check report in the style of `gh auth status`: who
// the key is, one line per permission, the fix under every gap, then the
// problems and a one-line verdict. Text wraps to the printer's width and
// never inside a path, link, id or key.
func writeReport(p printer, r stripecheck.Report) {
	if !r.Key.IsZero() {
		p.para("Stripe key: ", r.Key.Summary())
	}
	if r.AccountID != "" {
		p.para("Account:    ", r.AccountID+" (make sure this is the account Justt should manage)")
	}
	p.blank()
	previous := ""
	for _, row := range r.Permissions {
		previous = writeRow(p, row, previous)
	}
	// Excess write access is explained among the problems (as warnings).
	if len(r.Problems) > 0 {
		p.blank()
		writeProblems(p, r.Problems)
	}
	p.blank()
	p.hang("", "  ", verdict(r))
}

// writeRow prints one permission: its mark, name and access, what Stripe
// answered when it is not granted (or "as above" when the row before said
// the same), and the fix under a missing one. It returns the row's detail.
func writeRow(p printer, row stripecheck.Result, previous string) string {
	head := fmt.Sprintf("  %s %-15s %-5s", row.Status.Mark(), row.Permission.Resource, row.Permission.Access.Title())
	detail := ""
	if row.Status != stripecheck.Granted {
		detail = row.Detail
	}
	shown := detail
	if detail != "" && detail == previous {
		shown = "as above" // one outage or one wrong key: say it once
	}
	switch {
	case shown == "":
		p.para(strings.TrimRight(head, " "), "")
	case p.narrow() && !p.fits(head+"  "+shown):
		// Too narrow for a detail column: the detail goes under the row.
		p.para(strings.TrimRight(head, " "), "")
		p.para("      ", shown)
	default:
		p.para(head+"  ", shown)
	}
	if row.Status == stripecheck.Missing && row.Fix != "" {
		p.para("      Fix: ", row.Fix)
	}
	return detail
}

func verdict(r stripecheck.Report) string {
	switch r.ExitCode() {
	case stripecheck.ExitReady:
		return "✓ Ready: this key has every permission Justt needs."
	case stripecheck.ExitUndecided:
		return fmt.Sprintf("? Could not decide: %d of %d permissions could not be checked (see above).",
			r.Count(stripecheck.Unknown), len(r.Permissions))
	}
	if n := r.Count(stripecheck.Missing); n > 0 {
		return fmt.Sprintf("✗ Not ready: %d of %d permissions missing. Fix them in Stripe, then run the check again.", n, len(r.Permissions))
	}
	return "✗ Not ready: see the problems above."
}

// writeProblems prints each problem as ✗ (error) or ! (warning) with its fix.
func writeProblems(p printer, problems []stripecheck.Problem) {
	for _, pr := range problems {
		mark := "✗"
		if pr.Severity == stripecheck.SeverityWarning {
			mark = "!"
		}
		writeMarked(p, mark, pr.Message, pr.Fix)
	}
}

// writeMarked prints one "  ✗ message" paragraph and its fix indented under it.
func writeMarked(p printer, mark, message, fix string) {
	p.para("  "+mark+" ", message)
	if fix != "" {
		p.para("      Fix: ", fix)
	}
}

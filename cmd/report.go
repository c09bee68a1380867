package cmd

import (
	"fmt"
	"io"
	"strings"

	"github.com/justt-ai/justt-onboard/internal/safetext"
	"github.com/justt-ai/justt-onboard/stripecheck"
)

// writeReport prints a check report in the style of `gh auth status`: who
// the key is, one line per permission, the fix under every gap, then the
// problems and a one-line verdict.
func writeReport(w io.Writer, r stripecheck.Report) {
	if !r.Key.IsZero() {
		fmt.Fprintf(w, "Stripe key: %s\n", r.Key.Summary())
	}
	if r.AccountID != "" {
		fmt.Fprintf(w, "Account:    %s (make sure this is the account Justt should manage)\n", safetext.Line(r.AccountID))
	}
	fmt.Fprintln(w)
	for _, row := range r.Permissions {
		line := fmt.Sprintf("  %s %-15s %-5s", row.Status.Mark(), row.Permission.Resource, row.Permission.Access.Title())
		if row.Status != stripecheck.Granted && row.Detail != "" {
			line += "  " + safetext.Line(row.Detail)
		}
		fmt.Fprintln(w, strings.TrimRight(line, " "))
		if row.Status == stripecheck.Missing && row.Fix != "" {
			fmt.Fprintf(w, "      Fix: %s\n", row.Fix)
		}
	}
	// Excess write access is explained among the problems (as warnings).
	if len(r.Problems) > 0 {
		fmt.Fprintln(w)
		writeProblems(w, r.Problems)
	}
	fmt.Fprintln(w)
	fmt.Fprintln(w, verdict(r))
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
func writeProblems(w io.Writer, problems []stripecheck.Problem) {
	for _, p := range problems {
		mark := "✗"
		if p.Severity == stripecheck.SeverityWarning {
			mark = "!"
		}
		writeMarked(w, mark, p.Message, p.Fix)
	}
}

// writeMarked prints one "  ✗ message" line and its fix indented under it.
// Both may quote a server or a path the user typed, so both are made safe.
func writeMarked(w io.Writer, mark, message, fix string) {
	fmt.Fprintf(w, "  %s %s\n", mark, safetext.Line(message))
	if fix != "" {
		fmt.Fprintf(w, "      Fix: %s\n", safetext.Line(fix))
	}
}

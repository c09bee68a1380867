package wizard

import (
	"fmt"
	"strings"

	"github.com/justt-ai/justt-onboard/stripecheck"
)

// view draws step 11 below the step's heading: the field (and why the last
// paste was refused), or the key's summary and the live checklist.
func (k keyCheck) view(c *common, w int) string {
	st := c.st
	var b lines
	if k.phase == phaseEntering {
		b.add(k.field.view(st))
		if k.parseErr != nil {
			b.wrap(st.bad.Render("✗")+" "+k.parseErr.Message, w)
			b.wrap("  "+k.parseErr.Fix, w)
			if k.field.value() != "" {
				b.add(st.faint.Render("  What you pasted is still in the field: edit it, or paste again to replace it."))
			}
		}
		if k.refused != nil {
			b.wrap(st.bad.Render("✗")+" What you pasted: "+k.key.Summary()+".", w)
			b.wrap("  "+k.refused.Message, w)
			b.wrap("  "+k.refused.Fix, w)
			b.add(st.faint.Render("  Nothing was sent to Stripe."))
		}
		if c.demo != nil {
			b.wrap(st.badge.Render("Demo:")+" press ctrl+p to paste the demo key for you (a real dashboard lets you copy it).", w)
		}
		return b.String()
	}
	b.add("Key: " + st.accent.Render(k.key.Summary()))
	if acct := k.account(); acct != "" {
		b.add("Account: " + acct)
	}
	b.add("")
	rows := k.results
	if k.phase == phaseChecked {
		rows = k.report.Permissions // with each Fix, and all ? for a refused key
	}
	for i, r := range rows {
		// A long ? detail continues under the detail column.
		b.add(fitOrWrap(k.rowView(i, r, st), w, 27))
		if k.phase == phaseChecked && r.Status == stripecheck.Missing && r.Fix != "" {
			b.wrap("      Fix: "+r.Fix, w)
		}
		if trap, ok := k.trapFor(r); ok {
			// The diagnosis stands under the row it explains, not below the fold.
			b.wrap("      "+st.bad.Render("✗")+" "+trap.Message, w)
		}
	}
	if k.phase == phaseChecked {
		k.problemsView(&b, st, w)
	}
	if k.note != "" {
		b.add("")
		b.wrap(st.accent.Render(k.note), w)
	}
	return b.String()
}

func (k keyCheck) account() string {
	if k.phase == phaseChecked && k.report.AccountID != "" {
		return k.report.AccountID
	}
	if k.diagnosis != nil {
		return k.diagnosis.AccountID
	}
	return ""
}

func (k keyCheck) rowView(i int, r stripecheck.Result, st styles) string {
	p := r.Permission
	mark := st.accent.Render(k.spin.View())
	detail := st.faint.Render("checking…")
	if k.answered[i] || k.phase == phaseChecked {
		detail = ""
		switch r.Status {
		case stripecheck.Granted:
			mark = st.ok.Render(r.Status.Mark())
		case stripecheck.Missing:
			mark = st.bad.Render(r.Status.Mark())
			detail = st.bad.Render("missing")
		default:
			mark = st.warn.Render(r.Status.Mark())
			detail = st.warn.Render(rowDetail(r))
		}
	}
	return fmt.Sprintf("  %s %-15s %-6s %s", mark, p.Resource, p.Access.Title(), detail)
}

// problemsView is what the check concluded: whether the merchant may go
// on (first, so it is on screen), then every problem with its fix.
func (k keyCheck) problemsView(b *lines, st styles, w int) {
	r := k.report
	b.add("")
	ok, why := k.canContinue(false)
	switch {
	case ok:
		b.wrap(st.ok.Render(fmt.Sprintf("✓ All %d permissions granted.", len(r.Permissions)))+" Press enter to continue to the webhook.", w)
	case r.Ready():
		b.add(st.ok.Render(fmt.Sprintf("✓ All %d permissions granted.", len(r.Permissions))))
		b.wrap(why, w)
	default:
		b.wrap(why, w)
	}
	if line := k.watchLine(); line != "" {
		b.wrap(st.accent.Render(line), w)
	}
	switch {
	case k.demo && r.Count(stripecheck.Missing) > 0 && k.watch.on:
		b.wrap(st.badge.Render("Demo:")+" press f to fix it in the mock dashboard (it grants the ✗ rows): they turn ✓ by themselves. Or g 7 to redo the form.", w)
	case k.demo && r.Count(stripecheck.Missing) > 0:
		b.wrap(st.badge.Render("Demo:")+" press f to fix it in the mock dashboard (it grants the ✗ rows), then r to re-check. Or g 7 to redo the form.", w)
	}
	problems := k.problems()
	if len(problems) > 0 {
		b.add("")
	}
	for _, p := range problems {
		if p.Code == stripecheck.CodeIssuingTrap {
			continue // shown under the Disputes row
		}
		mark := st.warn.Render("!")
		if p.Severity == stripecheck.SeverityError {
			mark = st.bad.Render("✗")
		}
		b.wrap(mark+" "+p.Message, w)
		if p.Fix != "" {
			b.wrap("  "+p.Fix, w)
		}
	}
}

// trapFor is the Issuing diagnosis when r is the row it is about.
func (k keyCheck) trapFor(r stripecheck.Result) (stripecheck.Problem, bool) {
	if k.phase != phaseChecked || r.Status != stripecheck.Missing {
		return stripecheck.Problem{}, false
	}
	for _, p := range k.report.Problems {
		if p.Code == stripecheck.CodeIssuingTrap && r.Permission.Trap != "" {
			return p, true
		}
	}
	return stripecheck.Problem{}, false
}

// problems are the report's problems plus the wizard's test-mode caveat.
func (k keyCheck) problems() []stripecheck.Problem {
	out := append([]stripecheck.Problem{}, k.report.Problems...)
	for _, w := range k.warnings() {
		if !containsCode(out, w.Code) {
			out = append(out, w)
		}
	}
	return out
}

func containsCode(ps []stripecheck.Problem, code string) bool {
	for _, p := range ps {
		if p.Code == code {
			return true
		}
	}
	return false
}

// lines builds a screen body one line (or wrapped paragraph) at a time.
type lines struct{ b strings.Builder }

func (l *lines) add(s string) {
	if l.b.Len() > 0 {
		l.b.WriteByte('\n')
	}
	l.b.WriteString(s)
}

// wrap adds a paragraph wrapped to w, continuation lines indented under
// its text (past any leading spaces and a bullet or mark).
func (l *lines) wrap(s string, w int) { l.add(hangText(s, w)) }

func (l *lines) String() string { return l.b.String() }

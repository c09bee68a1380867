package wizard

import (
	"fmt"
	"strings"

	"github.com/charmbracelet/x/ansi"
	"github.com/justt-ai/justt-onboard/internal/textlayout"
	"github.com/justt-ai/justt-onboard/steps"
)

// link is one dashboard page a step offers to open or copy.
type link struct{ label, url string }

// stepLinks are the pages a step points to. Step 4 offers Stripe's form
// pre-filled, in both modes, besides the plain page.
func stepLinks(s steps.Step) []link {
	if s.Link == "" {
		return nil
	}
	out := []link{{"Dashboard", s.Link}}
	if s.Number == 4 {
		out = append(out,
			link{"Pre-filled form (live mode)", steps.PrefilledKeyURL(false)},
			link{"Pre-filled form (test mode)", steps.PrefilledKeyURL(true)})
	}
	return out
}

// stepBody is a step screen below the frame's header: title, instructions,
// what the step shows or takes, links, and what it needs. focus is a line
// to keep on screen, or -1.
func (m model) stepBody(w int) (string, int) {
	s := steps.All[m.step()-1]
	st := m.c.st
	var b lines
	if s.Number > keyPartStep && !m.c.flow.keyPassed() {
		b.wrap(st.warn.Render("! ")+partOneNotice+" You can read these steps now.", w)
	}
	b.add(st.title.Render(s.Title))
	checking := s.Number == 11 && m.check.phase != phaseEntering
	if !checking {
		for _, line := range s.Instructions {
			b.wrap("• "+line, w)
		}
		b.add("")
	}
	focus := -1
	if extra, f := m.stepExtra(s, w); extra != "" {
		if f >= 0 {
			focus = strings.Count(b.String(), "\n") + 1 + f
		}
		b.add(extra)
		b.add("")
	}
	cut := false
	for i, l := range stepLinks(s) {
		pointer := "  "
		if i == m.linkSel {
			pointer = st.selected.Render("› ")
		}
		label := l.label + ": "
		// A link that does not fit is shown cut with "…" (c, o and w
		// act on it whole); where the terminal draws OSC 8, the cut text
		// still links to the whole page.
		shown := ansi.Truncate(l.url, max(w-len(label)-2, 10), "…")
		cut = cut || shown != l.url
		if m.c.hyperlinks {
			shown = textlayout.Link(l.url, shown)
		}
		b.add(pointer + label + st.link.Render(shown))
	}
	if len(stepLinks(s)) > 0 {
		hint := "o opens the selected link in your browser, c copies it" + tabHint(s)
		if cut {
			hint += ", w prints it whole"
		}
		b.add(hangText(st.faint.Render("  "+hint), w))
	}
	if !checking {
		b.wrap(st.faint.Render("Needs: ")+s.Needs, w)
	}
	return b.String(), focus
}

func tabHint(s steps.Step) string {
	if len(stepLinks(s)) > 1 {
		return ", tab picks another"
	}
	return ""
}

// stepExtra is what a step shows beyond its text: the permission table or
// demo form (7), the demo key (9), the key check (11), the webhook summary
// (15, 16) and the secret field (18).
func (m model) stepExtra(s steps.Step, w int) (string, int) {
	switch s.Number {
	case steps.PermissionStep:
		if m.c.demo != nil {
			return m.form.view(m.c.st, w)
		}
		return permissionTable(m.c.st, w), -1
	case 9:
		return m.demoKeyView(w), -1
	case 11:
		v := m.check.view(m.c, w)
		if m.check.phase == phaseEntering && (m.check.refused != nil || m.check.parseErr != nil) {
			return v, countLines(v) - 1 // why the paste was refused, where the eye is
		}
		return v, -1
	case 15, 16:
		return m.webhookSummaryView(s.Number, w), -1
	case verifyStep17:
		v := m.verify.view(m.c, w)
		if m.verify.fieldFocused() {
			return v, countLines(v) - 1 // the field and its refusal stay on screen
		}
		return v, -1
	case 18:
		v := m.secret.view(m.c, w)
		if m.secret.field.focused() {
			return v, countLines(v) - 1 // the field waits for a paste: keep it in view
		}
		return v, -1
	}
	return "", -1
}

// permissionTable is step 7's nine rows with the Disputes trap called out
// (beside its row, or under it when the line would not fit in w).
func permissionTable(st styles, w int) string {
	var b lines
	b.add(st.faint.Render(fmt.Sprintf("  %-16s %-6s %s", "Resource", "Access", "Where in the form")))
	for _, p := range steps.Required {
		row := fmt.Sprintf("  %-16s %-6s %s", p.Resource, p.Access.Title(), p.Section)
		if p.Trap != "" {
			trap := "⚠ not the row under " + steps.SectionIssuing
			if textlayout.Width(row)+2+textlayout.Width(trap) <= w {
				row += "  " + st.warn.Render(trap)
			} else {
				row += "\n" + strings.Repeat(" ", 26) + st.warn.Render(trap)
			}
		}
		b.add(row)
	}
	return b.String()
}

func (m model) demoKeyView(w int) string {
	st := m.c.st
	if m.c.demo == nil {
		return ""
	}
	switch {
	case m.minting:
		return st.faint.Render("Creating the demo key in the sandbox…")
	case m.demoKey.IsZero():
		return st.faint.Render("No demo key yet.")
	}
	return "Created: " + st.accent.Render(m.demoKey.Redacted()) + "  " + st.badge.Render("demo key — fake, sandbox only") +
		"\n" + hangText(st.faint.Render("It holds exactly the rows ticked at step 7. At step 11, ctrl+p pastes it for you."), w)
}

func (m model) webhookSummaryView(step, w int) string {
	st := m.c.st
	var b lines
	if step == 16 {
		b.add("The summary in Stripe must read exactly:")
	}
	for _, kv := range steps.WebhookSummary {
		b.add(fmt.Sprintf("  %-14s %s", kv.Label+":", st.accent.Render(kv.Value)))
	}
	if url, from := m.c.webhookURL(); step == 16 && url != "" {
		b.add(fitOrWrap(fmt.Sprintf("  %-14s %s", "Endpoint URL:", st.accent.Render(url))+st.faint.Render(" ("+from+")"), w, 17))
	}
	return b.String()
}

package wizard

import (
	"fmt"
	"sort"
	"strings"

	"github.com/charmbracelet/bubbles/key"
	tea "github.com/charmbracelet/bubbletea"
	"github.com/charmbracelet/lipgloss"
	"github.com/justt-ai/justt-onboard/steps"
)

// formRow is one row of the demo's mock of Stripe's restricted-key form.
type formRow struct {
	section, resource string
	scope             string // scope without its _read/_write suffix, e.g. rak_dispute
	access            steps.Access
}

// permForm is the demo's step 7: the rows Justt needs plus the look-alikes a
// merchant trips over (Disputes under Issuing, Charges Write, Webhook
// Endpoints), so a rehearsal can tick the wrong Disputes row and see the
// check catch it.
type permForm struct {
	rows   []formRow
	cursor int
	// version changes on every edit, so step 9 knows the key it minted no
	// longer matches the form.
	version int
}

var sectionOrder = map[string]int{steps.SectionCore: 0, steps.SectionIssuing: 1, steps.SectionRadar: 2}

func newPermForm() permForm {
	all := append([]steps.Permission{}, steps.Required...)
	all = append(all, steps.Excess...)
	all = append(all, steps.IssuingDisputesWrite, steps.WebhookEndpointsWrite)
	seen := map[string]bool{}
	var rows []formRow
	for _, p := range all {
		id := p.Section + "/" + p.Resource
		if seen[id] {
			continue
		}
		seen[id] = true
		rows = append(rows, formRow{section: p.Section, resource: p.Resource, scope: scopeBase(p.Scope)})
	}
	sort.SliceStable(rows, func(i, j int) bool {
		if sectionOrder[rows[i].section] != sectionOrder[rows[j].section] {
			return sectionOrder[rows[i].section] < sectionOrder[rows[j].section]
		}
		return rows[i].resource < rows[j].resource
	})
	return permForm{rows: rows}
}

func scopeBase(scope string) string {
	return strings.TrimSuffix(strings.TrimSuffix(scope, "_read"), "_write")
}

// scopes is what a key created from the form would hold.
func (f permForm) scopes() []string {
	var out []string
	for _, r := range f.rows {
		if r.access != steps.None {
			out = append(out, r.scope+"_"+r.access.String())
		}
	}
	return out
}

// fillGuide sets the nine rows of the guide and everything else to None,
// as the pre-filled link of step 4 would.
func (f permForm) fillGuide() permForm {
	rows := append([]formRow{}, f.rows...)
	for i := range rows {
		rows[i].access = steps.None
		for _, p := range steps.Required {
			if rows[i].section == p.Section && rows[i].resource == p.Resource {
				rows[i].access = p.Access
			}
		}
	}
	f.rows = rows
	f.version++
	return f
}

func (f permForm) set(a steps.Access) permForm {
	rows := append([]formRow{}, f.rows...)
	rows[f.cursor].access = a
	f.rows = rows
	f.version++
	return f
}

// update handles the form's keys; handled is false for keys it leaves to
// the step screen (enter, esc, …).
func (f permForm) update(msg tea.KeyMsg, k keyMap) (permForm, bool) {
	cur := f.rows[f.cursor].access
	switch {
	case key.Matches(msg, k.Up):
		f.cursor = (f.cursor + len(f.rows) - 1) % len(f.rows)
	case key.Matches(msg, k.Down):
		f.cursor = (f.cursor + 1) % len(f.rows)
	case key.Matches(msg, k.Toggle):
		return f.set((cur + 1) % 3), true
	case key.Matches(msg, k.Right):
		return f.set(min(cur+1, steps.Write)), true
	case key.Matches(msg, k.Left):
		return f.set(max(cur-1, steps.None)), true
	case key.Matches(msg, k.FillNine):
		return f.fillGuide(), true
	default:
		return f, false
	}
	return f, true
}

// view draws the nine rows to set (the lesson) and the form; focus is the
// line of the row under the cursor, so the frame can keep it on screen.
// The nine stand beside the form when both fit in w, above it otherwise.
func (f permForm) view(st styles, w int) (string, int) {
	form, focus := f.formView(st, false)
	nine := nineView(st)
	keys := hangText(st.faint.Render("↑/↓ picks a row, space/←/→ sets its access, a ticks the guide's nine."), w)
	if lipgloss.Width(form)+3+lipgloss.Width(nine) <= w {
		// The keys above the form: below it they would be out of view at 80×24.
		return keys + "\n" + lipgloss.JoinHorizontal(lipgloss.Top, form, "   ", nine), focus + countLines(keys)
	}
	// Too narrow for both: each of the nine rows says its access beside
	// itself, so the lesson stays next to the row it is about.
	form, focus = f.formView(st, true)
	return keys + "\n" + form, focus + countLines(keys)
}

// nineView is the guide's nine rows, compact: resource, access, and where
// in the form (the section), with the Disputes trap called out.
func nineView(st styles) string {
	var b lines
	b.add(st.title.Render("Set exactly these nine:"))
	for _, p := range steps.Required {
		where := p.Section
		if where == steps.SectionCore {
			where = "core"
		}
		row := fmt.Sprintf("%-14s %-5s %s", p.Resource, p.Access.Title(), where)
		if p.Trap != "" {
			row += st.warn.Render(" ⚠")
		}
		b.add(row)
	}
	b.add(st.warn.Render("⚠") + st.faint.Render(" the core row, not "+steps.SectionIssuing))
	b.add(st.faint.Render("Everything else: None."))
	return b.String()
}

// formView draws the mock form; with guide set, each of the nine rows
// says the access the guide wants (and the Issuing Disputes row, None).
func (f permForm) formView(st styles, guide bool) (string, int) {
	var b strings.Builder
	focus, line, section := 0, 0, ""
	write := func(s string) {
		b.WriteString(s + "\n")
		line++
	}
	if guide {
		write(st.faint.Render("Mock of Stripe's form (demo); ◂ what the guide sets"))
	} else {
		write(st.faint.Render("Mock of Stripe's form (demo)"))
	}
	for i, r := range f.rows {
		if r.section != section {
			section = r.section
			write(st.title.Render(section))
		}
		pointer := "  "
		name := fmt.Sprintf("%-18s", r.resource)
		if i == f.cursor {
			pointer = st.selected.Render("› ")
			name = st.selected.Render(name)
			focus = line
		}
		row := pointer + name + accessChoices(r.access, st)
		if want, ok := guideAccess(r); guide && ok {
			row += st.accent.Render(" ◂ " + want)
		}
		write(row)
	}
	return strings.TrimSuffix(b.String(), "\n"), focus
}

func accessChoices(a steps.Access, st styles) string {
	var parts []string
	for _, opt := range []steps.Access{steps.None, steps.Read, steps.Write} {
		if opt == a {
			parts = append(parts, st.selected.Render("["+opt.Title()+"]"))
		} else {
			parts = append(parts, st.faint.Render(" "+opt.Title()+" "))
		}
	}
	return strings.Join(parts, " ")
}

// guideAccess is what the guide sets a form row to, for the nine and the
// Disputes row under Issuing (the trap: None).
func guideAccess(r formRow) (string, bool) {
	for _, p := range steps.Required {
		if r.section == p.Section && r.resource == p.Resource {
			return p.Access.Title(), true
		}
	}
	if r.section == steps.SectionIssuing && r.resource == "Disputes" {
		return "None ⚠", true
	}
	return "", false
}

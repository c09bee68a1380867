package wizard

import (
	"fmt"
	"strings"

	"github.com/charmbracelet/x/ansi"
	"github.com/justt-ai/justt-onboard/steps"
)

// Sizes the layout is built for: it works from 80×24 up and degrades to
// minWidth×minHeight; below that it only says how much room it needs.
const (
	minWidth  = 60
	minHeight = 16
	maxWidth  = 100
)

// View draws the header (progress), the screen's body clipped to the room
// left, and the footer (status and keys). No line is wider than the
// terminal, so the terminal never wraps and the frame never scrolls.
func (m model) View() string {
	w, h := m.c.width, m.c.height
	if w < minWidth || h < minHeight {
		return tooSmall(w, h)
	}
	cw := min(w, maxWidth) - 1
	header := m.header(cw)
	footer := m.footer(cw)
	room := h - countLines(header) - countLines(footer)
	body, focus := m.body(cw)
	body = clip(body, room, m.scroll, focus, m.c.st)
	out := header + "\n" + body + "\n" + footer
	return fitWidth(out, w)
}

func (m model) body(w int) (string, int) {
	if m.confirmQuit {
		return m.confirmView(w), -1
	}
	if m.help {
		return m.helpView(w), -1
	}
	switch m.state {
	case stateResume:
		return m.resumeView(w), -1
	case stateWebhookChoice:
		return m.choice.view(m.c, w), -1
	case stateRegister:
		v := m.reg.view(m.c, w)
		if m.reg.saver.focused() {
			// The path field comes last, below the verification: keep it
			// (and why the last path was refused) on screen while typing.
			return v, countLines(v) - 1
		}
		return v, -1
	case stateSummary:
		return summaryView(m.c, w), -1
	}
	return m.stepBody(w)
}

// bodyHeight is the room the body has at the current size.
func (m model) bodyHeight() int {
	cw := min(m.c.width, maxWidth) - 1
	return m.c.height - countLines(m.header(cw)) - countLines(m.footer(cw))
}

// clampScroll keeps the scroll offset inside the body.
func (m model) clampScroll() model {
	if m.c.width < minWidth || m.c.height < minHeight {
		return m
	}
	body, _ := m.body(min(m.c.width, maxWidth) - 1)
	// One line of the room goes to the "more" marker when the body is cut.
	m.scroll = max(min(m.scroll, countLines(body)-m.bodyHeight()+1), 0)
	return m
}

func (m model) header(w int) string {
	st := m.c.st
	title := st.title.Render("justt-onboard") + st.faint.Render(" · connect Stripe to Justt")
	if m.c.demo != nil {
		badge := st.badge.Render("DEMO · sandbox, fake keys")
		gap := max(w-ansi.StringWidth(title)-ansi.StringWidth(badge), 1)
		title += strings.Repeat(" ", gap) + badge
	}
	step, part := m.progress()
	bar := st.bar.Render(strings.Repeat("█", step)) + st.barEmpty.Render(strings.Repeat("░", steps.Total-step))
	where := m.where()
	return title + "\n" + st.part.Render(part) + "  " + bar + fmt.Sprintf(" %d/%d", step, steps.Total) + "  " + where + "\n"
}

// progress is how many of the 18 steps are behind or on screen, and the part.
func (m model) progress() (int, string) {
	switch m.state {
	case stateWebhookChoice, stateRegister:
		if m.state == stateRegister && m.reg.phase == regDone {
			return steps.Total, "Part 2 · Webhook"
		}
		return keyPartStep, "Part 2 · Webhook"
	case stateSummary:
		return steps.Total, "Done"
	case stateResume:
		return m.c.flow.rec.Step, "Welcome back"
	}
	s := steps.All[m.step()-1]
	return m.step(), fmt.Sprintf("Part %d · %s", int(s.Part), s.Part)
}

func (m model) where() string {
	switch m.state {
	case stateStep:
		return fmt.Sprintf("Step %d of %d", m.step(), steps.Total)
	case stateWebhookChoice:
		return "choose how"
	case stateRegister:
		return "register for me"
	case stateResume:
		return "resume?"
	}
	return "summary"
}

func (m model) footer(w int) string {
	st := m.c.st
	status := m.status
	if m.goTo.active {
		status = m.goTo.view()
	}
	help := m.helpLine(w)
	var parts []string
	if status != "" {
		wrapped := strings.Split(wrapText(status, w), "\n")
		if len(wrapped) > 2 {
			wrapped = wrapped[:2]
		}
		parts = append(parts, st.accent.Render(strings.Join(wrapped, "\n")))
	}
	if m.fullLink != "" && !m.goTo.active {
		// The header (3 lines with its gap), at least 1 line of body, the
		// status (up to 2 lines) and the keys.
		room := m.c.height - 3 - len(parts)*2 - 1
		if link := fullLinkLines(m.fullLink, w, room); link != "" {
			parts = append(parts, link)
		}
	}
	return strings.Join(append(parts, help), "\n")
}

// fullLinkLines is url cut into lines of w cells, nothing left out and
// nothing added (no indent, no marker), so selecting the lines gives the
// link; "" when it does not fit in room lines.
func fullLinkLines(url string, w, room int) string {
	wrapped := ansi.Hardwrap(url, max(w, 1), false)
	if countLines(wrapped) > room {
		return ""
	}
	return wrapped
}

// clip shows room lines of body starting at offset, moved so that focus
// (a line index, or -1) stays visible, with a marker where lines are cut.
func clip(body string, room, offset, focus int, st styles) string {
	if room <= 0 {
		return ""
	}
	all := strings.Split(body, "\n")
	if len(all) <= room {
		return body + strings.Repeat("\n", room-len(all))
	}
	shown := room - 1 // one line for the marker
	if focus >= 0 {
		offset = max(min(offset, focus), focus-shown+1)
	}
	offset = max(min(offset, len(all)-shown), 0)
	view := all[offset : offset+shown]
	marker := st.faint.Render(fmt.Sprintf("↓ %d more lines: pgdn / ↓ to scroll", len(all)-offset-shown))
	if offset+shown >= len(all) {
		marker = st.faint.Render("↑ more above: pgup / ↑ to scroll")
	}
	return strings.Join(view, "\n") + "\n" + marker
}

// tooSmall says how much room the wizard needs, in whatever room there is.
func tooSmall(w, h int) string {
	if w <= 0 || h <= 0 {
		return ""
	}
	msg := fmt.Sprintf("Terminal too small: the wizard needs at least %d×%d; this one is %d×%d. Enlarge the window, or use the accessible mode for plain line-by-line prompts.",
		minWidth, minHeight, w, h)
	ls := strings.Split(wrapText(msg, w), "\n")
	if len(ls) > h {
		ls = ls[:h]
	}
	return fitWidth(strings.Join(ls, "\n"), w)
}

// fitWidth cuts every line to w cells.
func fitWidth(s string, w int) string {
	ls := strings.Split(s, "\n")
	for i, l := range ls {
		if ansi.StringWidth(l) > w {
			ls[i] = ansi.Truncate(l, w, "")
		}
	}
	return strings.Join(ls, "\n")
}

func countLines(s string) int { return strings.Count(s, "\n") + 1 }

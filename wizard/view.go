package wizard

import (
	"fmt"
	"strings"

	"github.com/charmbracelet/x/ansi"
	"github.com/justt-ai/justt-onboard/internal/textlayout"
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
	var body string
	if m.help && !m.confirmQuit {
		body = m.helpFrame(cw, room)
	} else {
		b, focus := m.body(cw)
		body = clip(b, room, m.scroll, focus, m.c.st)
	}
	out := header + "\n" + body + "\n" + footer
	return fitWidth(out, w)
}

func (m model) body(w int) (string, int) {
	if m.confirmQuit {
		return m.confirmView(w), -1
	}
	if m.help {
		return m.helpText(w), -1
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
	case stateToken:
		return m.tokenView(w), -1
	case stateReview:
		return m.reviewView(w), -1
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

// header is the title and the progress. When the width runs short it drops
// whole pieces (the tagline, the badge's words, "Step n of 18", then the
// bar), never cutting a word.
func (m model) header(w int) string {
	st := m.c.st
	step, part := m.progress()
	bar := st.bar.Render(strings.Repeat("█", step)) + st.barEmpty.Render(strings.Repeat("░", steps.Total-step))
	count := fmt.Sprintf("%d/%d", step, steps.Total)
	progress := firstFitting(w,
		st.part.Render(part)+"  "+bar+" "+count+"  "+m.where(),
		st.part.Render(part)+"  "+bar+" "+count,
		st.part.Render(part)+"  "+count)
	return m.titleLine(w) + "\n" + progress + "\n"
}

func (m model) titleLine(w int) string {
	st := m.c.st
	titles := []string{st.title.Render("justt-onboard") + st.faint.Render(" · connect Stripe to Justt"), st.title.Render("justt-onboard")}
	if m.c.demo == nil {
		return firstFitting(w, titles...)
	}
	var options []string
	for _, badge := range []string{"DEMO · sandbox, fake keys", "DEMO · fake keys", "DEMO"} {
		for _, t := range titles {
			gap := w - ansi.StringWidth(t) - ansi.StringWidth(badge)
			options = append(options, t+strings.Repeat(" ", max(gap, 1))+st.badge.Render(badge))
		}
	}
	return firstFitting(w, options...)
}

// firstFitting is the first option no wider than w, or the last one.
func firstFitting(w int, options ...string) string {
	for _, o := range options {
		if ansi.StringWidth(o) <= w {
			return o
		}
	}
	return options[len(options)-1]
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
	case stateReview:
		return steps.Total, "Hand-off to Justt"
	case stateToken:
		return m.c.flow.rec.Step - 1, "Before you start"
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
	case stateToken:
		return "onboarding token"
	case stateReview:
		return "review"
	}
	return "summary"
}

// footer is the status (at most two lines), a link to copy by hand, and the
// keys of the screen.
func (m model) footer(w int) string {
	st := m.c.st
	status := m.status
	if m.goTo.active {
		status = m.goTo.view()
	}
	var parts []string
	if status != "" {
		wrapped := strings.Split(hangText(status, w), "\n")
		if len(wrapped) > 2 {
			wrapped = append(wrapped[:1], fitLine(strings.Join(wrapped[1:], " "), w))
		}
		parts = append(parts, st.accent.Render(strings.Join(wrapped, "\n")))
	}
	if m.fullLink != "" && !m.goTo.active {
		parts = append(parts, m.fullLinkView(w))
	}
	return strings.Join(append(parts, m.helpLine(w)), "\n")
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
	more := len(all) - offset - shown
	marker := st.faint.Render(fmt.Sprintf("↓ %d more %s: pgdn / ↓ to scroll", more, plural(more, "line", "lines")))
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

// fullLinkView is the link a c or o could not hand over, for a copy by
// hand: whole on a line of its own when it fits (a mouse copy gets exactly
// the link), otherwise a pointer to w, which prints it whole on the normal
// screen, since a link cut into lines copies with line breaks inside it.
func (m model) fullLinkView(w int) string {
	if textlayout.Width(m.fullLink) <= w {
		if m.c.hyperlinks {
			return textlayout.Link(m.fullLink, m.fullLink)
		}
		return m.fullLink
	}
	label := "(too long for this screen: press w to print it whole, on one line, in your terminal)"
	if m.c.hyperlinks {
		label = textlayout.Link(m.fullLink, "this link") + " " + label
	}
	return hangText(label, w)
}

// plural is one when n is 1, else many.
func plural(n int, one, many string) string {
	if n == 1 {
		return one
	}
	return many
}

package wizard

import (
	"regexp"
	"strings"

	"github.com/charmbracelet/x/ansi"
	"github.com/justt-ai/justt-onboard/internal/textlayout"
)

// The wizard's text layout: every paragraph on a screen goes through
// textlayout, which wraps on spaces only, so a path, URL, id or redacted key
// is never broken or given a character it does not have. bubbletea cuts
// every line at the window's width, so a link that cannot fit on a line of
// its own is drawn as textlayout.LinkPieces (c copies it whole); any other
// overwide word keeps its own line and is cut at the edge by fitWidth.

// wrapText lays s out to w cells with no indent.
func wrapText(s string, w int) string { return layoutPara(s, w, "", "") }

// hangText lays s out to w cells, continuation lines indented under its
// text: past any leading spaces and a list item's or verdict's marker
// (listMarker).
func hangText(s string, w int) string {
	plain := ansi.Strip(s)
	body := strings.TrimLeft(plain, " ")
	lead := len(plain) - len(body)
	hang := lead + textlayout.Width(listMarker.FindString(body))
	if hang >= w/2 {
		hang = 0
	}
	// The leading spaces are layout, not words: textlayout would drop them.
	return layoutPara(trimLeadingSpaces(s), w, strings.Repeat(" ", lead), strings.Repeat(" ", hang))
}

// listMarker is a list item's marker ("• ", "- ", "10. ", "a: ") or a
// verdict's ("✓ ", "✗ ", "! ", "? "): a wrapped item continues under its
// text, on the screens and in the accessible mode.
var listMarker = regexp.MustCompile(`^(?:[-•✓✗!?–] |[0-9]+\. |[a-z]: )`)

// leadingStyle matches the styling codes and spaces a styled paragraph may
// start with (st.warn.Render("    You continued…") puts its colour first).
var leadingStyle = regexp.MustCompile(`^(?:\x1b\[[0-9;]*m| )+`)

// trimLeadingSpaces drops the spaces at the start of s, keeping any styling
// codes among them, so the indent is not drawn twice.
func trimLeadingSpaces(s string) string {
	lead := leadingStyle.FindString(s)
	return strings.ReplaceAll(lead, " ", "") + s[len(lead):]
}

func layoutPara(s string, w int, indent, hang string) string {
	ls := textlayout.Lines(s, textlayout.Options{Width: max(w, 1), Indent: indent, Hang: hang})
	out := make([]string, 0, len(ls))
	for _, l := range ls {
		out = append(out, linkLines(l, w)...)
	}
	return strings.Join(out, "\n")
}

// linkLines is line as it is, or, when it is wider than w and holds
// nothing but a link, that link in pieces of w cells (see LinkPieces).
func linkLines(line string, w int) []string {
	if textlayout.Width(line) <= w {
		return []string{line}
	}
	url := strings.TrimSpace(ansi.Strip(line))
	if !textlayout.IsLink(url) || strings.ContainsAny(url, " \t") {
		return []string{line}
	}
	return textlayout.LinkPieces(url, w, false)
}

// fitLine is the first line of s laid out to w cells: a one-line label cut
// at a word, never inside one, with "…" when something was left out.
func fitLine(s string, w int) string {
	if textlayout.Width(s) <= w {
		return s
	}
	words := textlayout.Words(s)
	out := ""
	for _, word := range words {
		next := word
		if out != "" {
			next = out + " " + word
		}
		if textlayout.Width(next)+2 > w {
			break
		}
		out = next
	}
	if out == "" {
		return ansi.Truncate(s, w, "…")
	}
	return out + " …"
}

// fitOrWrap is line as it is (its columns kept) when it fits in w, else
// its first hang cells (the columns) followed by the rest laid out, each
// continuation line indented by hang.
func fitOrWrap(line string, w, hang int) string {
	if textlayout.Width(line) <= w {
		return line
	}
	if hang >= w/2 {
		hang = 0
	}
	cols := ansi.Truncate(line, hang, "")
	return layoutPara(ansi.TruncateLeft(line, hang, ""), w, cols, strings.Repeat(" ", hang))
}

package textlayout

import (
	"fmt"
	"strings"

	"github.com/charmbracelet/x/ansi"
	"github.com/justt-ai/justt-onboard/internal/safetext"
)

// IsLink reports whether word is a web link (http:// or https://),
// ignoring an opening bracket or quote before it.
func IsLink(word string) bool {
	w := strings.TrimLeft(word, "(<[\"'")
	return strings.HasPrefix(w, "https://") || strings.HasPrefix(w, "http://")
}

// Link draws url as an OSC 8 hyperlink showing text. It returns text
// unchanged when url holds anything safetext would escape: a C0 or C1
// control (BEL, ESC, U+009C ST, U+009B CSI…) could end the sequence early
// and reach the terminal as a command.
func Link(url, text string) string {
	if safetext.Has(url) {
		return text
	}
	return ansi.SetHyperlink(url) + text + ansi.ResetHyperlink()
}

// hyperlink turns a link word into an OSC 8 hyperlink; surrounding
// brackets, quotes and sentence punctuation stay outside it. Any other
// word, or one already holding escape sequences, is returned unchanged.
func hyperlink(word string) string {
	if !IsLink(word) || strings.ContainsRune(word, 0x1b) {
		return word
	}
	lead := len(word) - len(strings.TrimLeft(word, "(<[\"'"))
	url := strings.TrimRight(word[lead:], ".,;:!?)>]\"'")
	trail := word[lead+len(url):]
	return word[:lead] + Link(url, url) + trail
}

// HyperlinksSupported guesses from the environment whether the terminal
// draws OSC 8 hyperlinks. It errs on the side of no: a terminal that does
// not know OSC 8 may print the sequence as garbage, while one that does
// shows a plain link just as well. FORCE_HYPERLINK=1 or 0 overrides it.
func HyperlinksSupported(getenv func(string) string) bool {
	switch getenv("FORCE_HYPERLINK") {
	case "1", "true":
		return true
	case "0", "false":
		return false
	}
	if getenv("TMUX") != "" || strings.HasPrefix(getenv("TERM"), "screen") {
		return false // tmux passes OSC 8 only when configured to; screen never
	}
	switch getenv("TERM_PROGRAM") {
	case "iTerm.app", "WezTerm", "vscode", "ghostty", "Hyper":
		return true
	}
	if getenv("WT_SESSION") != "" || getenv("KITTY_WINDOW_ID") != "" || getenv("VTE_VERSION") != "" {
		return true
	}
	term := getenv("TERM")
	return strings.Contains(term, "kitty") || strings.Contains(term, "foot") || strings.Contains(term, "alacritty")
}

// LinkPieces is for a full-screen program that cannot let a line overflow
// (bubbletea cuts every line at the window's width, so a link drawn whole
// on an overwide line would lose its end). It is the one place textlayout
// breaks a word, and only a link: url is cut into pieces of at most width
// cells, one per line. With hyperlinks set, every piece is an OSC 8
// hyperlink to the whole url with one shared id, so a click on any piece
// opens all of it and terminals that group links underline it as one. A
// mouse copy of the pieces still gets line breaks: screens that draw a
// link this way must also offer to copy it whole (the wizard's `c`).
// A url that fits is returned as one piece.
func LinkPieces(url string, width int, hyperlinks bool) []string {
	var pieces []string
	if width <= 0 || Width(url) <= width {
		pieces = []string{url}
	} else {
		var cur strings.Builder
		w := 0
		for _, r := range url { // a URL is ASCII once encoded; runes keep it safe if not
			rw := Width(string(r))
			if w+rw > width && cur.Len() > 0 {
				pieces = append(pieces, cur.String())
				cur.Reset()
				w = 0
			}
			cur.WriteRune(r)
			w += rw
		}
		pieces = append(pieces, cur.String())
	}
	if !hyperlinks {
		return pieces
	}
	id := "id=" + linkID(url)
	if safetext.Has(url) {
		return pieces // a control could end the sequence early and reach the terminal as a command
	}
	for i, p := range pieces {
		pieces[i] = ansi.SetHyperlink(url, id) + p + ansi.ResetHyperlink()
	}
	return pieces
}

// linkID is a short, stable OSC 8 id for url (FNV-1a), so the pieces of one
// link share it and two links do not.
func linkID(url string) string {
	h := uint32(2166136261)
	for i := 0; i < len(url); i++ {
		h ^= uint32(url[i])
		h *= 16777619
	}
	return fmt.Sprintf("jo%08x", h)
}

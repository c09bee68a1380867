package textlayout

import (
	"strings"

	"github.com/charmbracelet/x/ansi"
)

// IsLink reports whether word is a web link (http:// or https://),
// ignoring an opening bracket or quote before it.
func IsLink(word string) bool {
	w := strings.TrimLeft(word, "(<[\"'")
	return strings.HasPrefix(w, "https://") || strings.HasPrefix(w, "http://")
}

// Link draws url as an OSC 8 hyperlink showing text. It returns text
// unchanged when url holds a control character (it could end the sequence
// early and reach the terminal as a command).
func Link(url, text string) string {
	for i := 0; i < len(url); i++ {
		if c := url[i]; c < 0x20 || c == 0x7f {
			return text
		}
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

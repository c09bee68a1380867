// Package textlayout lays out prose for a terminal: the human output of the
// commands and (later) every wizard screen. It wraps on spaces only, to a
// width in terminal cells, and keeps a hanging indent for continuation lines
// ("Fix: …" under a row).
//
// textlayout never breaks a word and never inserts a character into one: a
// path (/Users/jane-doe/…), a URL, an id (acct_…, we_…, onb_…) or a redacted
// key is always drawn whole, so a mouse copy gets exactly what was meant.
// Hyphens are not break points. A word wider than the room on a line gets a
// line of its own and is allowed to overflow it. It never sanitises text:
// callers pass text that is already safe for a terminal.
//
// # Use
//
//	lines := textlayout.Lines(text, textlayout.Options{
//		Width:  80,             // cells per line; 0 = do not wrap (piped output)
//		Indent: "      Fix: ",  // drawn before the first line
//		Hang:   textlayout.Blank("      Fix: "), // before every other line
//	})
//
// Rules, in order:
//   - Text is split into paragraphs at "\n"; each paragraph's words (runs of
//     anything but ' ' and '\t') are joined by single spaces, greedily, as
//     many per line as fit in Width cells, prefix included.
//   - Widths are display widths: East Asian wide characters and emoji count
//     2, escape sequences (colour, OSC 8 links) count 0.
//   - A word that does not fit after the Hang prefix even on an empty line
//     (a long link, a long path) is drawn alone on its own line, starting
//     at column 0 so it overflows as little as possible and copies cleanly
//     (on the first line, with nothing placed yet, it stays after Indent so
//     a row's mark is never left alone). The next word starts a new line.
//   - A word that is a link (http:// or https://) is drawn as an OSC 8
//     hyperlink when Options.Hyperlinks is set; its visible text is
//     unchanged, trailing punctuation stays outside the link.
//   - SGR styling (colours, bold) that is open at the end of a line is reset
//     there and opened again after the next line's prefix, so a styled
//     phrase that wraps never colours the prefix or padding.
//   - Width <= 0 means no wrapping: each paragraph is one line.
//
// # Full-screen programs
//
// A line holding an overwide word is wider than Width. Printed output lets
// the terminal soft-wrap it, and a mouse copy still gets the word whole. A
// bubbletea view cannot: bubbletea cuts every line at the window's width.
// There, draw a link that does not fit with LinkPieces (pieces that are each
// a hyperlink to the whole link, plus a key that copies it whole), and keep
// other overwide words (paths, ids) short enough for the screen. Use
// HyperlinksSupported(os.Getenv) for Options.Hyperlinks.
package textlayout

import (
	"strings"

	"github.com/charmbracelet/x/ansi"
)

// Options says how to lay out one piece of text.
type Options struct {
	// Width is the number of terminal cells a line may use, prefixes
	// included. 0 or less: do not wrap (output that is piped or logged).
	Width int
	// Indent is drawn before the first line (a row's mark and name, or
	// "Fix: "). It is never wrapped.
	Indent string
	// Hang is drawn before every following line, usually Blank(Indent).
	Hang string
	// Hyperlinks draws links as OSC 8 hyperlinks. Set it only where the
	// terminal supports them (see HyperlinksSupported).
	Hyperlinks bool
}

// Blank returns as many spaces as prefix is wide, for a hanging indent.
func Blank(prefix string) string { return strings.Repeat(" ", Width(prefix)) }

// Width is the display width of s in cells, ignoring escape sequences.
func Width(s string) int { return ansi.StringWidth(s) }

// Lines lays text out as described in the package comment. It returns at
// least one line (Indent alone for empty text).
func Lines(text string, o Options) []string {
	l := &layout{o: o}
	for i, para := range strings.Split(text, "\n") {
		if i > 0 {
			l.endLine()
		}
		for _, w := range Words(para) {
			l.add(w)
		}
	}
	l.endLine()
	return l.lines
}

// Words splits a paragraph into its words: runs of anything but ' ' and
// '\t'. Escape sequences belong to the word they touch and are never split,
// even if they hold a space.
func Words(s string) []string {
	var words []string
	start := -1
	for i := 0; i < len(s); {
		if s[i] == 0x1b {
			if start < 0 {
				start = i
			}
			i += seqLen(s[i:])
			continue
		}
		if s[i] == ' ' || s[i] == '\t' {
			if start >= 0 {
				words = append(words, s[start:i])
				start = -1
			}
			i++
			continue
		}
		if start < 0 {
			start = i
		}
		i++
	}
	if start >= 0 {
		words = append(words, s[start:])
	}
	return words
}

// seqLen is the length of the escape sequence at the start of s (which
// begins with ESC): CSI up to its final byte, OSC/DCS/APC/PM/SOS up to BEL
// or ST, anything else ESC plus one byte.
func seqLen(s string) int {
	if len(s) < 2 {
		return len(s)
	}
	switch s[1] {
	case '[':
		for i := 2; i < len(s); i++ {
			if s[i] >= 0x40 && s[i] <= 0x7e {
				return i + 1
			}
		}
		return len(s)
	case ']', 'P', '_', '^', 'X':
		for i := 2; i < len(s); i++ {
			if s[i] == 0x07 {
				return i + 1
			}
			if s[i] == 0x1b && i+1 < len(s) && s[i+1] == '\\' {
				return i + 2
			}
		}
		return len(s)
	}
	return 2
}

// layout is the state of one Lines call.
type layout struct {
	o     Options
	lines []string
	cur   strings.Builder
	curW  int  // width of cur, prefix included
	open  bool // the current line has its prefix (and so at least one word)
	// closed is true when an overwide word has just ended its own line:
	// the end of its paragraph then adds no empty line after it.
	closed bool
	sgr    []string // SGR sequences still in effect, to carry to the next line
}

// prefix is what starts the next line.
func (l *layout) prefix() string {
	if len(l.lines) == 0 {
		return l.o.Indent
	}
	return l.o.Hang
}

func (l *layout) startLine(prefix string) {
	l.cur.WriteString(prefix)
	l.curW = Width(prefix)
	l.open = true
	// Re-open styling carried over from the previous line.
	for _, s := range l.sgr {
		l.cur.WriteString(s)
	}
}

func (l *layout) endLine() {
	if l.closed {
		l.closed = false
		return
	}
	if !l.open {
		l.startLine(l.prefix())
	}
	if len(l.sgr) > 0 {
		l.cur.WriteString(ansi.ResetStyle)
	}
	l.lines = append(l.lines, l.cur.String())
	l.cur.Reset()
	l.curW, l.open = 0, false
}

func (l *layout) add(word string) {
	w := Width(word)
	wrap := l.o.Width > 0
	// An open line always holds at least one word.
	if l.open && wrap && l.curW+1+w > l.o.Width {
		l.endLine()
	}
	if !l.open {
		l.closed = false
		p := l.prefix()
		overwide := wrap && Width(p)+w > l.o.Width
		if overwide && len(l.lines) > 0 {
			p = "" // alone at column 0: overflow as little as possible
		}
		l.startLine(p)
		l.put(word, w)
		if overwide {
			l.endLine()
			l.closed = true
		}
		return
	}
	l.cur.WriteByte(' ')
	l.curW++
	l.put(word, w)
}

func (l *layout) put(word string, w int) {
	if l.o.Hyperlinks {
		word = hyperlink(word)
	}
	l.cur.WriteString(word)
	l.curW += w
	l.track(word)
}

// track follows the SGR state a word leaves open: a reset clears it, any
// other SGR sequence adds to it.
func (l *layout) track(word string) {
	for i := 0; i < len(word); i++ {
		if word[i] != 0x1b {
			continue
		}
		n := seqLen(word[i:])
		seq := word[i : i+n]
		if len(seq) >= 3 && seq[1] == '[' && seq[len(seq)-1] == 'm' {
			params := seq[2 : len(seq)-1]
			if params == "" || params == "0" {
				l.sgr = l.sgr[:0]
			} else {
				l.sgr = append(l.sgr, seq)
			}
		}
		i += n - 1
	}
}

// Package safetext makes text that came from outside the program (a
// server's answer, a paste, a path or URL the user typed) safe to print on
// a terminal or draw in the wizard: control characters (C0, DEL, C1),
// Unicode format characters (bidi overrides and isolates, zero-width
// characters, the BOM), line and paragraph separators and invalid UTF-8 are
// shown escaped (\x1b, \u202e), so none of them can move the cursor, set
// the title, clear the screen or reorder what the reader sees.
//
// safetext never drops or changes a visible character, and never lets an
// unsafe one through: Line and Text are the only ways text from outside
// reaches a screen.
package safetext

import (
	"fmt"
	"strings"
	"unicode"
	"unicode/utf8"
)

// Unsafe reports whether r must not reach a terminal as it is: a control
// character, a format character (bidi, zero-width, BOM, tags) or a line or
// paragraph separator.
func Unsafe(r rune) bool {
	return unicode.IsControl(r) || unicode.In(r, unicode.Cf, unicode.Zl, unicode.Zp) || r == utf8.RuneError
}

// Line makes s safe as one line: every unsafe character, including line
// breaks and tabs, is escaped.
func Line(s string) string { return escape(s, false) }

// Text makes s safe as a block: line breaks and tabs are kept, every other
// unsafe character is escaped.
func Text(s string) string { return escape(s, true) }

// Has reports whether s holds anything Line would escape.
func Has(s string) bool { return Line(s) != s }

func escape(s string, keepBreaks bool) string {
	if isPlain(s) {
		return s
	}
	var b strings.Builder
	b.Grow(len(s) + 8)
	for i := 0; i < len(s); {
		r, size := utf8.DecodeRuneInString(s[i:])
		switch {
		case r == utf8.RuneError && size <= 1:
			fmt.Fprintf(&b, `\x%02x`, s[i])
		case keepBreaks && (r == '\n' || r == '\t'):
			b.WriteRune(r)
		case r < utf8.RuneSelf && Unsafe(r):
			fmt.Fprintf(&b, `\x%02x`, r)
		case Unsafe(r):
			fmt.Fprintf(&b, `\u%04x`, r)
		default:
			b.WriteString(s[i : i+size])
		}
		i += size
	}
	return b.String()
}

// isPlain is the fast path: printable ASCII only.
func isPlain(s string) bool {
	for i := 0; i < len(s); i++ {
		if c := s[i]; c < 0x20 || c >= 0x7f {
			return false
		}
	}
	return true
}

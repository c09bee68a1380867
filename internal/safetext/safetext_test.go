package safetext

import (
	"strings"
	"testing"
	"unicode/utf8"
)

func TestLine(t *testing.T) {
	t.Parallel()
	tests := []struct{ name, in, want string }{
		{"plain ASCII untouched", "No such dispute: 'dp_123'", "No such dispute: 'dp_123'"},
		{"accents and emoji untouched", "Café ✓ 🎉", "Café ✓ 🎉"},
		{"title-setting OSC", "a\x1b]0;pwned\x07b", `a\x1b]0;pwned\x07b`},
		{"clear screen CSI", "\x1b[2J\x1b[H", `\x1b[2J\x1b[H`},
		{"line breaks and tabs", "a\nb\r\tc", `a\x0ab\x0d\x09c`},
		{"DEL", "a\x7fb", `a\x7fb`},
		{"C1 CSI", "a\u009b31mb", `a\u009b31mb`},
		{"C1 OSC and ST", "\u009d0;x\u009c", `\u009d0;x\u009c`},
		{"bidi override", "evil\u202etxt.exe", `evil\u202etxt.exe`},
		{"bidi isolates", "\u2066a\u2069", `\u2066a\u2069`},
		{"zero-width space and joiner", "pay\u200bpal\u200d", `pay\u200bpal\u200d`},
		{"BOM", "\ufeffhi", `\ufeffhi`},
		{"line separator", "a\u2028b", `a\u2028b`},
		{"invalid UTF-8", "a\xffb\xc3", `a\xffb\xc3`},
		{"encoded replacement char", "a\ufffdb", `a\ufffdb`},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			t.Parallel()
			if got := Line(tt.in); got != tt.want {
				t.Errorf("Line(%q) = %q, want %q", tt.in, got, tt.want)
			}
			if Has(tt.in) != (tt.in != tt.want) {
				t.Errorf("Has(%q) = %v", tt.in, Has(tt.in))
			}
		})
	}
}

func TestTextKeepsLineBreaks(t *testing.T) {
	t.Parallel()
	if got, want := Text("a\n\tb\r\x1b[2Jc"), "a\n\tb\\x0d\\x1b[2Jc"; got != want {
		t.Errorf("Text = %q, want %q", got, want)
	}
}

// FuzzLine: whatever comes in, nothing unsafe goes out, and every visible
// character is kept in order.
func FuzzLine(f *testing.F) {
	for _, s := range []string{"plain", "\x1b]0;t\x07", "\u202e\u200b", "\xff\xfe", "a\u009bb", "é✓"} {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, s string) {
		out := Line(s)
		if !utf8.ValidString(out) {
			t.Fatalf("Line(%q) is not valid UTF-8: %q", s, out)
		}
		var kept strings.Builder
		for _, r := range out {
			if Unsafe(r) {
				t.Fatalf("Line(%q) = %q keeps U+%04X", s, out, r)
			}
		}
		for _, r := range s {
			if !Unsafe(r) {
				kept.WriteRune(r)
			}
		}
		// Every safe rune of the input appears in the output, in order.
		rest := out
		for _, r := range kept.String() {
			i := strings.IndexRune(rest, r)
			if i < 0 {
				t.Fatalf("Line(%q) = %q lost %q", s, out, r)
			}
			rest = rest[i+utf8.RuneLen(r):]
		}
	})
}

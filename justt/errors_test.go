package justt

import (
	"strings"
	"testing"

	"github.com/justt-ai/justt-onboard/internal/safetext"
)

// TestSafeText: Justt's text goes through the one sanitizer (escapes shown
// escaped, not dropped), the token is masked even when split by an escape
// or cut by the bound (it is masked before the text is shortened), and
// the result is short.
func TestSafeText(t *testing.T) {
	t.Parallel()
	tok, err := ParseToken(fuzzToken)
	if err != nil {
		t.Fatal(err)
	}
	half := len(fuzzToken) / 2
	tests := []struct {
		name, in string
		want     string // "" when only the properties are checked
	}{
		{"escape shown escaped", "Blocked \x1b]0;pwned\x07 here", `Blocked \x1b]0;pwned\x07 here`},
		{"white space collapsed", "a \n\t b", "a b"},
		{"token masked", "token " + fuzzToken + " refused", "token … refused"},
		{"token split by an escape", "t " + fuzzToken[:half] + "\xae" + fuzzToken[half:], ""},
		{"token at the cut", strings.Repeat("x ", 115) + fuzzToken, ""},
		{"key shaped", "key rk_live_" + strings.Repeat("A", 24), "key rk_live_…"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			t.Parallel()
			got := safeText(tt.in, tok)
			if tt.want != "" && got != tt.want {
				t.Errorf("safeText(%q) = %q, want %q", tt.in, got, tt.want)
			}
			if safetext.Has(got) || len(got) > 250 {
				t.Errorf("safeText(%q) = %q: unsafe or long", tt.in, got)
			}
			// None of these inputs holds a stray piece of the token, so not
			// even 8 of its characters may show (the cut must not leave
			// the token's first 10 characters before the "…").
			for i := 0; i+8 <= len(fuzzToken); i++ {
				if strings.Contains(got, fuzzToken[i:i+8]) {
					t.Errorf("safeText(%q) = %q shows 8 characters of the token", tt.in, got)
				}
			}
		})
	}
}

package justt

import (
	"strings"
	"testing"
)

// FuzzParseToken: whatever is pasted, an error is one of a few fixed
// sentences (numbers aside), so it cannot carry the input; and a token that
// is accepted has no space, control or non-ASCII character.
func FuzzParseToken(f *testing.F) {
	for _, s := range []string{"jot_abcdef123456", "Bearer jot_abcdef123456", " x ", "jot_abc def123456", "jot_\x1b[2Jabcdef", "jot_аbcdef123456"} {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, raw string) {
		tok, err := ParseToken(raw)
		if err != nil {
			shape := strings.Map(func(r rune) rune {
				if r >= '0' && r <= '9' {
					return '#'
				}
				return r
			}, err.Error())
			for len(strings.ReplaceAll(shape, "##", "#")) != len(shape) {
				shape = strings.ReplaceAll(shape, "##", "#")
			}
			if !fixedErrors[strings.TrimSuffix(strings.TrimPrefix(shape, "the Justt onboarding token "), "; copy it again from your Justt onboarding manager's message")] {
				t.Fatalf("an error outside the fixed sentences: %q", err)
			}
			return
		}
		v := tok.Reveal()
		if len(v) < minTokenLen || len(v) > maxTokenLen {
			t.Fatalf("accepted a token of %d characters", len(v))
		}
		for i := 0; i < len(v); i++ {
			if v[i] <= ' ' || v[i] >= 0x7f {
				t.Fatalf("accepted byte %#x at %d", v[i], i)
			}
		}
	})
}

var fixedErrors = map[string]bool{
	"is empty": true,
	"is too short (# characters; a token has at least #)":                                        true,
	"is too long (# characters; a token has at most #)":                                          true,
	"has a space at position # (a token has none)":                                               true,
	"has a control character at position #":                                                      true,
	"has a non-ASCII character at position # (a look-alike letter?)":                             true,
	"is a Stripe key or signing secret, not a Justt onboarding token (it was not sent anywhere)": true,
}

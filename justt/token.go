package justt

import (
	"fmt"
	"strings"

	"github.com/justt-ai/justt-onboard/stripecheck"
)

// Token is a Justt onboarding token. Every way of printing it shows only
// "Justt onboarding token": not even its last characters, since the token
// alone opens the merchant's onboarding.
type Token struct {
	value *string // behind a pointer so fmt never prints it from a struct field
}

// Token length bounds (docs/justt-api.md).
const (
	minTokenLen = 8
	maxTokenLen = 512
)

// TokenError says why a given token cannot be one; it never holds the token.
type TokenError struct{ Problem string }

func (e *TokenError) Error() string {
	return "the Justt onboarding token " + e.Problem + "; copy it again from your Justt onboarding manager's message"
}

// ParseToken trims white space and a leading "Bearer ", then refuses what
// cannot be a token (empty, too short or long, inner spaces, control or
// non-ASCII characters, a Stripe key or secret pasted in its place)
// without echoing it.
func ParseToken(raw string) (Token, error) {
	s := strings.TrimSpace(raw)
	if len(s) > 7 && strings.EqualFold(s[:7], "bearer ") {
		s = strings.TrimSpace(s[7:])
	}
	switch {
	case s == "":
		return Token{}, &TokenError{Problem: "is empty"}
	case len(s) < minTokenLen:
		return Token{}, &TokenError{Problem: fmt.Sprintf("is too short (%d characters; a token has at least %d)", len(s), minTokenLen)}
	case len(s) > maxTokenLen:
		return Token{}, &TokenError{Problem: fmt.Sprintf("is too long (%d characters; a token has at most %d)", len(s), maxTokenLen)}
	}
	for i := 0; i < len(s); i++ {
		c := s[i]
		switch {
		case c == ' ' || c == '\t':
			return Token{}, &TokenError{Problem: fmt.Sprintf("has a space at position %d (a token has none)", i+1)}
		case c < 0x20 || c == 0x7f:
			return Token{}, &TokenError{Problem: fmt.Sprintf("has a control character at position %d", i+1)}
		case c > 0x7e:
			return Token{}, &TokenError{Problem: fmt.Sprintf("has a non-ASCII character at position %d (a look-alike letter?)", i+1)}
		}
	}
	if stripecheck.Redact(s) != s {
		// A Stripe key or signing secret pasted in the wrong place: sending
		// it as a token would hand it to Justt's config endpoint for nothing.
		return Token{}, &TokenError{Problem: "is a Stripe key or signing secret, not a Justt onboarding token (it was not sent anywhere)"}
	}
	return Token{value: &s}, nil
}

// IsZero reports whether no token was given.
func (t Token) IsZero() bool { return t.value == nil || *t.value == "" }

// Reveal returns the token itself, for the Authorization header only.
func (t Token) Reveal() string {
	if t.value == nil {
		return ""
	}
	return *t.value
}

// String never shows the token.
func (t Token) String() string { return "Justt onboarding token" }

// GoString keeps %#v from printing the value.
func (t Token) GoString() string { return "justt.Token{…}" }

// MarshalJSON never writes the token.
func (t Token) MarshalJSON() ([]byte, error) { return []byte(`"…"`), nil }

package stripecheck

import (
	"encoding/json"
	"fmt"
	"regexp"
	"strings"
	"unicode"
)

// KeyKind is what a pasted string is, judged by its prefix.
type KeyKind string

const (
	Restricted  KeyKind = "restricted"
	Secret      KeyKind = "secret"
	Publishable KeyKind = "publishable"
	// Organization is an organization key (sk_org_…): it spans the accounts
	// of a Stripe organization and needs a Stripe-Context header naming the
	// account on every request. Justt asks for a key of one account.
	Organization  KeyKind = "organization"
	WebhookSecret KeyKind = "webhook_secret"
	Unrecognized  KeyKind = "unrecognized"
)

// Describe names the kind in a sentence ("a restricted key").
func (k KeyKind) Describe() string {
	switch k {
	case Restricted:
		return "a restricted key"
	case Secret:
		return "a secret key"
	case Publishable:
		return "a publishable key"
	case WebhookSecret:
		return "a webhook signing secret"
	case Organization:
		return "an organization key"
	}
	return "not a Stripe key"
}

// Mode is live or test; "" when the string does not say.
type Mode string

const (
	Live Mode = "live"
	Test Mode = "test"
)

// Key is a pasted Stripe secret, classified. Every way of printing a Key
// (String, %v, %#v, JSON) shows only the redacted form: kind prefix and last
// 4 characters.
//
// The value sits behind a pointer to a string: fmt cannot call String on a
// Key held in an unexported field of another struct and prints that field's
// fields instead, and a *string is then printed as an address (for every
// verb: a pointer to a struct would be printed as &{…} by %s).
type Key struct {
	kind     KeyKind
	mode     Mode
	redacted string
	value    *string
}

func (k Key) Kind() KeyKind    { return k.kind }
func (k Key) Mode() Mode       { return k.mode }
func (k Key) Redacted() string { return k.redacted }

// IsZero reports whether no key was given.
func (k Key) IsZero() bool { return k.Reveal() == "" }

// Reveal returns the secret itself. Only code that sends it to Stripe or Justt,
// or stores it in the keyring, may call it.
func (k Key) Reveal() string {
	if k.value == nil {
		return ""
	}
	return *k.value
}

// String is the redacted form, so a Key printed by mistake leaks nothing.
func (k Key) String() string { return k.redacted }

// GoString keeps %#v from printing the value.
func (k Key) GoString() string { return fmt.Sprintf("stripecheck.Key{%s}", k.redacted) }

// Summary is "restricted key · live · rk_live_…a1b2", safe for any screen.
func (k Key) Summary() string {
	kind := k.kind.Describe()
	if article, rest, ok := strings.Cut(kind, " "); ok && (article == "a" || article == "an") {
		kind = rest
	}
	parts := []string{kind}
	if k.mode != "" {
		parts = append(parts, string(k.mode)+" mode")
	}
	parts = append(parts, k.redacted)
	return strings.Join(parts, " · ")
}

// keyJSON is the documented JSON shape of a key.
type keyJSON struct {
	Kind     KeyKind `json:"kind"`
	Mode     Mode    `json:"mode"`
	Redacted string  `json:"redacted"`
}

// MarshalJSON writes {"kind","mode","redacted"} and never the value.
func (k Key) MarshalJSON() ([]byte, error) {
	kind := k.kind
	if kind == "" {
		kind = Unrecognized
	}
	return json.Marshal(keyJSON{Kind: kind, Mode: k.mode, Redacted: k.redacted})
}

// KeyError explains why a pasted string cannot be a key. It never contains
// the pasted text; at most a position and the offending character's code.
type KeyError struct {
	Code    string // empty, too_long, inner_space, control_character, non_ascii, invalid_character
	Message string
	Fix     string
}

func (e *KeyError) Error() string { return e.Message + " " + e.Fix }

// apiKeyPrefix is the visible start of an API key: a family (rk, sk, pk,
// or a newer one such as rkcs), "org_" for an organization key, and, only
// directly after them, the mode. A "_live_" further in is part of the
// secret body and says nothing.
var apiKeyPrefix = regexp.MustCompile(`^(?:rk|sk|pk)[a-z]{0,4}_(org_)?(?:(live|test)_)?`)

// MaxKeyLength is the longest string ParseKey accepts: modern Stripe keys
// are about 110 characters, legacy ones 32. Anything far longer is refused
// locally rather than sent to Stripe.
const MaxKeyLength = 512

// ParseKey cleans and classifies what was pasted. It trims white space,
// newlines, wrapping quotes and a leading "Bearer ", then refuses inner
// spaces, control characters and non-ASCII look-alikes with a specific
// message. The returned Key may still be of the wrong kind for the task:
// the caller decides (see WrongKind).
func ParseKey(raw string) (Key, error) {
	s := clean(raw)
	if s == "" {
		return Key{}, &KeyError{Code: "empty", Message: "Nothing was pasted.",
			Fix: "Copy the key in Stripe (Developers → API keys) and paste it again."}
	}
	if len(s) > MaxKeyLength {
		return Key{}, &KeyError{Code: "too_long",
			Message: fmt.Sprintf("What was given is %d characters long; a Stripe key is about 110, so this is not one (nothing was sent to Stripe).", len(s)),
			Fix:     "Copy only the key itself in Stripe (Developers → API keys) and give it again."}
	}
	if err := checkCharacters(s); err != nil {
		return Key{}, err
	}
	kind, mode := classify(s)
	return Key{kind: kind, mode: mode, redacted: redact(s, kind), value: &s}, nil
}

func clean(raw string) string {
	s := strings.TrimSpace(raw)
	for {
		before := s
		if len(s) >= 2 && (s[0] == '"' || s[0] == '\'' || s[0] == '`') && s[len(s)-1] == s[0] {
			s = strings.TrimSpace(s[1 : len(s)-1])
		}
		if len(s) > 7 && strings.EqualFold(s[:7], "bearer ") {
			s = strings.TrimSpace(s[7:])
		}
		if s == before {
			return s
		}
	}
}

func checkCharacters(s string) error {
	pos := 0
	for _, r := range s {
		pos++
		switch {
		case r == ' ' || r == '\t' || r == '\n' || r == '\r' || unicode.IsSpace(r):
			return &KeyError{Code: "inner_space",
				Message: fmt.Sprintf("The key has a space or line break inside it (character %d).", pos),
				Fix:     "Stripe keys have none: copy the key again with Stripe's copy button rather than selecting the text."}
		case unicode.IsControl(r) || r == '\u200b' || r == '\u200c' || r == '\u200d' || r == '\ufeff':
			return &KeyError{Code: "control_character",
				Message: fmt.Sprintf("The key contains an invisible character (U+%04X at character %d).", r, pos),
				Fix:     "It usually comes from a chat or document: copy the key straight from Stripe and paste it again."}
		case r > unicode.MaxASCII:
			return &KeyError{Code: "non_ascii",
				Message: fmt.Sprintf("Character %d is not plain ASCII (U+%04X): it looks like a letter but is not one Stripe uses.", pos, r),
				Fix:     "This happens when a key is retyped or passes through a document editor: copy it straight from Stripe."}
		case !(r == '_' || r >= '0' && r <= '9' || r >= 'a' && r <= 'z' || r >= 'A' && r <= 'Z'):
			return &KeyError{Code: "invalid_character",
				Message: fmt.Sprintf("Character %d (%q) cannot appear in a Stripe key.", pos, r),
				Fix:     "Stripe keys hold only letters, digits and underscores: copy the whole key again from Stripe."}
		}
	}
	return nil
}

// classify judges a cleaned string by its prefix. New families (rkcs_, …)
// are classified by their first two letters; the mode counts only directly
// after the family, as Stripe writes it (rk_live_…).
func classify(s string) (KeyKind, Mode) {
	if strings.HasPrefix(s, "whsec_") {
		if len(s) == len("whsec_") {
			return Unrecognized, "" // the prefix alone is no secret
		}
		return WebhookSecret, "" // a signing secret does not say its mode
	}
	m := apiKeyPrefix.FindStringSubmatch(s)
	if m == nil {
		return Unrecognized, ""
	}
	if m[1] != "" {
		// Stripe makes organization keys as sk_org_ only; any family with
		// org_ is refused the same way, since it would need Stripe-Context.
		return Organization, Mode(m[2])
	}
	kind := map[string]KeyKind{"rk": Restricted, "sk": Secret, "pk": Publishable}[s[:2]]
	return kind, Mode(m[2])
}

// visiblePrefix is what a redacted key shows before "…": the family and
// mode of an API key ("rk_live_", "rk_"), "whsec_", or nothing.
func visiblePrefix(s string, kind KeyKind) string {
	switch kind {
	case WebhookSecret:
		return "whsec_"
	case Unrecognized:
		return ""
	}
	return apiKeyPrefix.FindString(s)
}

// redact keeps the prefix (family, and mode when it directly follows) and
// the last 4 characters. Short or unrecognized strings show less, so a
// short secret is not mostly revealed.
func redact(s string, kind KeyKind) string {
	prefix := visiblePrefix(s, kind)
	rest := len(s) - len(prefix)
	if rest < 16 {
		return prefix + "…" + fmt.Sprintf("(%d characters)", len(s))
	}
	return prefix + "…" + s[len(s)-4:]
}

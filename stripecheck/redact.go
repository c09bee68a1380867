package stripecheck

import (
	"regexp"
	"strings"
	"unicode/utf8"

	"github.com/justt-ai/justt-onboard/internal/safetext"
)

// keyShaped matches anything that looks like a Stripe secret: API keys of
// any family (rk_, sk_, pk_, rkcs_, …) with or without a mode, and signing
// secrets. Stripe already masks keys in its messages; this is the second
// line of defence for whatever it, a proxy or a future message format
// echoes.
//
// A key with a mode ("rk_live_") is masked from 8 body characters on; one
// without, or with other words after the family ("sk_org_live_"), from 16,
// so that ordinary snake_case words are left alone. Whatever follows the
// body joined by underscores is masked with it, so an odd key with
// "_live_" deep inside does not keep its second half. Stripe's own mask
// ("rk_live_****abcd") holds stars, so it never matches and stays readable.
var keyShaped = regexp.MustCompile(`((?:sk|rk|pk)[a-z]{0,4}_(?:live|test)_)[A-Za-z0-9]{8,}(?:_[A-Za-z0-9]+)*` +
	`|((?:sk|rk|pk)[a-z]{0,4}_(?:[a-z]{1,8}_){0,2})[A-Za-z0-9]{16,}(?:_[A-Za-z0-9]+)*` +
	`|(whsec_)[A-Za-z0-9]{8,}(?:_[A-Za-z0-9]+)*`)

// Redact masks every key-shaped string in s and every exact occurrence of the
// given secrets, so s can go on a screen, into a log or into a report. A
// given secret is replaced by its redacted form (kind prefix and last 4);
// any other key-shaped string keeps only its prefix.
//
// Any run of minEchoedRun or more characters of a given secret is masked
// too ("…"): a server or proxy that echoes the key without its prefix, or
// cut in two, must not get it printed.
func Redact(s string, secrets ...Key) string {
	for _, k := range secrets {
		if v := k.Reveal(); v != "" {
			s = strings.ReplaceAll(s, v, k.Redacted())
			s = maskRuns(s, v)
		}
	}
	return keyShaped.ReplaceAllString(s, "$1$2$3…")
}

// RedactRuns masks ("…") every run of 12 or more characters of each
// secret in s: for secrets that are not Stripe keys (a Justt onboarding
// token), which a server may echo without its prefix or cut in two.
func RedactRuns(s string, secrets ...string) string {
	for _, secret := range secrets {
		s = maskRuns(s, secret)
	}
	return s
}

// minEchoedRun is the shortest run of a secret that Redact masks wherever
// it appears. A redacted form shows 4 characters; 12 is far from any word.
const minEchoedRun = 12

// maskRuns replaces every stretch of s made of runs of minEchoedRun or
// more characters of secret with "…".
func maskRuns(s, secret string) string {
	if len(secret) < minEchoedRun || len(s) < minEchoedRun {
		return s
	}
	grams := make(map[string]struct{}, len(secret))
	for i := 0; i+minEchoedRun <= len(secret); i++ {
		grams[secret[i:i+minEchoedRun]] = struct{}{}
	}
	var covered []bool
	for i := 0; i+minEchoedRun <= len(s); i++ {
		if _, ok := grams[s[i:i+minEchoedRun]]; !ok {
			continue
		}
		if covered == nil {
			covered = make([]bool, len(s))
		}
		for j := i; j < i+minEchoedRun; j++ {
			covered[j] = true
		}
	}
	if covered == nil {
		return s
	}
	var b strings.Builder
	for i := 0; i < len(s); i++ {
		switch {
		case !covered[i]:
			b.WriteByte(s[i])
		case i == 0 || !covered[i-1]:
			b.WriteString("…")
		}
	}
	return b.String()
}

// maxQuoted bounds how much of a server's message is redacted and made
// safe before it is shortened to maxDetail: a hostile answer can be
// megabytes long.
const maxQuoted = 4096

// maxDetail bounds what a Stripe message may add to a row's detail: enough
// to read the reason, short enough for a terminal line.
const maxDetail = 240

// Quote redacts a message from outside (Stripe's, or a keyring's error),
// makes it safe for a terminal (escape sequences, C1 and bidi controls shown
// escaped), puts it on one line and shortens it for a detail.
func Quote(msg string, secrets ...Key) string {
	if len(msg) > maxQuoted {
		msg = msg[:maxQuoted]
	}
	// Made safe first, then redacted: an escape such as \xae written next
	// to an echoed key must not complete a run of it ("e_Zx9…").
	msg = Redact(safetext.Line(strings.Join(strings.Fields(msg), " ")), secrets...)
	if len(msg) <= maxDetail {
		return msg
	}
	cut := maxDetail
	for cut > 0 && !utf8.RuneStart(msg[cut]) {
		cut--
	}
	return msg[:cut] + "…"
}

package stripecheck

import (
	"regexp"
	"strings"
	"unicode/utf8"
)

// keyShaped matches anything that looks like a Stripe secret: API keys of
// any family (rk_, sk_, pk_, rkcs_, …) in either mode, and signing secrets.
// Stripe already masks keys in its messages; this is the second line of
// defence for whatever it, a proxy or a future message format echoes.
var keyShaped = regexp.MustCompile(`((?:sk|rk|pk)[a-z]{0,4}_(?:live|test)_)[A-Za-z0-9]{8,}|(whsec_)[A-Za-z0-9]{8,}`)

// Redact masks every key-shaped string in s and every exact occurrence of the
// given secrets, so s can go on a screen, into a log or into a report. A
// given secret is replaced by its redacted form (kind prefix and last 4);
// any other key-shaped string keeps only its prefix.
func Redact(s string, secrets ...Key) string {
	for _, k := range secrets {
		if v := k.Reveal(); v != "" {
			s = strings.ReplaceAll(s, v, k.Redacted())
		}
	}
	return keyShaped.ReplaceAllString(s, "$1$2…")
}

// maxDetail bounds what a Stripe message may add to a row's detail: enough
// to read the reason, short enough for a terminal line.
const maxDetail = 240

// quoteStripe redacts a message from Stripe and shortens it for a detail.
func quoteStripe(msg string, secrets ...Key) string {
	msg = strings.Join(strings.Fields(Redact(msg, secrets...)), " ")
	if len(msg) <= maxDetail {
		return msg
	}
	cut := maxDetail
	for cut > 0 && !utf8.RuneStart(msg[cut]) {
		cut--
	}
	return msg[:cut] + "…"
}

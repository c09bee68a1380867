package stripecheck

import (
	"regexp"
	"strings"
)

// PermissionMessage is what a Stripe 403 message says. Scopes are for the
// detail line only: Stripe has been seen naming the wrong permission (a file
// upload refused with 'rak_dispute_write'), so the check decides by which
// probe got the 403, never by the scope named.
type PermissionMessage struct {
	// IsPermission is true when the message says the key lacks permissions
	// (any of the forms Stripe uses), as opposed to another 403.
	IsPermission bool
	// RestrictedKeysUnsupported is true for "the required permissions are
	// not available for use by restricted keys".
	RestrictedKeysUnsupported bool
	// AccountID is the account named ("on account 'acct_…'"), or "".
	AccountID string
	// Scopes are the permission names quoted in the message, in order.
	Scopes []string
	// KeyShown is the key as the message quotes it, masked by Stripe
	// ('rk_live_****abcd'), or "".
	KeyShown string
}

// ShowsKey reports whether the message quotes key itself, masked as Stripe
// masks it: the same prefix, and visible last characters that are key's own.
func (pm PermissionMessage) ShowsKey(key Key) bool {
	m := maskedKeyRE.FindStringSubmatch(pm.KeyShown)
	v := key.Reveal()
	return m != nil && v != "" && strings.HasPrefix(v, m[1]) && strings.HasSuffix(v, m[2])
}

// HasStripeMarks reports whether the message carries what Stripe's own
// permission check writes into every refusal (stripe-notes.md, "403
// shape"): the account ('acct_…'), the key's own masked form, or a rak_
// permission name. A phrase alone proves nothing: a proxy or an IP block
// can say "does not have the required permissions" too.
func (pm PermissionMessage) HasStripeMarks(key Key) bool {
	if pm.AccountID != "" || pm.ShowsKey(key) {
		return true
	}
	for _, s := range pm.Scopes {
		if strings.HasPrefix(s, "rak_") {
			return true
		}
	}
	return false
}

// permissionPhrases are the sentences of Stripe's permission 403s (see
// stripe-notes.md, forms 1-5), lower case. One is enough.
var permissionPhrases = []string{
	"does not have the required permissions",
	"not available for use by restricted keys",
	"having more permissions would allow",
	"permission would allow this request",
	"permissions would allow this request",
	"permissions on this key would allow",
}

var (
	accountRE = regexp.MustCompile(`(?i:on account)\s+['"‘’“”]?(acct_[A-Za-z0-9]+)`)
	// A scope is a quoted snake_case name ending in _read or _write:
	// 'rak_charge_read', ('plan_read'). The masked key in the same message
	// ('rk_live_****…') never matches because of its stars.
	scopeRE = regexp.MustCompile(`['‘]([a-z][a-z0-9_]*_(?:read|write))['’]`)
	// maskedKeyRE is a key as Stripe masks it: family, mode, stars (an
	// ellipsis may follow them) and the last few characters.
	maskedKeyRE = regexp.MustCompile(`\b((?:rk|sk|pk)[a-z]{0,4}_(?:org_)?(?:(?:live|test)_)?)\*{3,}…?([A-Za-z0-9]{2,8})\b`)
)

// ParsePermissionError reads a 403 message leniently. It never panics, and
// an AccountID it returns always starts with "acct_".
func ParsePermissionError(msg string) PermissionMessage {
	lower := strings.ToLower(msg)
	var pm PermissionMessage
	for _, phrase := range permissionPhrases {
		if strings.Contains(lower, phrase) {
			pm.IsPermission = true
			break
		}
	}
	pm.RestrictedKeysUnsupported = strings.Contains(lower, "not available for use by restricted keys")
	if m := accountRE.FindStringSubmatch(msg); m != nil {
		pm.AccountID = m[1]
	}
	pm.KeyShown = maskedKeyRE.FindString(msg)
	for _, m := range scopeRE.FindAllStringSubmatch(msg, 8) {
		pm.Scopes = appendNew(pm.Scopes, m[1])
	}
	return pm
}

func appendNew(list []string, s string) []string {
	for _, have := range list {
		if have == s {
			return list
		}
	}
	return append(list, s)
}

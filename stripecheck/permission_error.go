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

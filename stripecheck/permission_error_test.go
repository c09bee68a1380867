package stripecheck

import (
	"reflect"
	"strings"
	"testing"
)

// The five forms of Stripe's permission 403 (stripe-notes.md), and 403s
// that are not about permissions.
var permissionMessages = []struct {
	name string
	msg  string
	want PermissionMessage
}{
	{"singular", "The provided key 'rk_live_*********************************************************************************************abc123' does not have the required permissions for this endpoint on account 'acct_1Nv0FGQ9RKHgCVdK'. Having the 'rak_charge_read' permission would allow this request to continue.",
		PermissionMessage{IsPermission: true, AccountID: "acct_1Nv0FGQ9RKHgCVdK", Scopes: []string{"rak_charge_read"}}},
	{"plural alternatives", "The provided key 'rk_test_****abcd' does not have the required permissions for this endpoint on account 'acct_123'. Having the 'rak_payment_intent_read', 'rak_checkout_session_read' permissions would allow this request to continue.",
		PermissionMessage{IsPermission: true, AccountID: "acct_123", Scopes: []string{"rak_payment_intent_read", "rak_checkout_session_read"}}},
	{"newer form", `Permission denied. The provided key 'rk_live_****wxyz' does not have the required permissions for this endpoint on account 'acct_9ZZ'. Enabling "Prices Read" ('plan_read') permissions on this key would allow this request to continue.`,
		PermissionMessage{IsPermission: true, AccountID: "acct_9ZZ", Scopes: []string{"plan_read"}}},
	{"more permissions", "The provided key 'rk_live_****wxyz' does not have the required permissions for this endpoint on account 'acct_A1'. Having more permissions would allow this request to continue.",
		PermissionMessage{IsPermission: true, AccountID: "acct_A1"}},
	{"not for restricted keys", "The provided key 'rk_live_****wxyz' does not have access to this endpoint on account 'acct_B2'. This is a restricted API key, but the required permissions are not available for use by restricted keys.",
		PermissionMessage{IsPermission: true, RestrictedKeysUnsupported: true, AccountID: "acct_B2"}},
	{"only the closing sentence", "Having more permissions would allow this request to continue.",
		PermissionMessage{IsPermission: true}},
	{"wrong scope named (files)", "The provided key 'rk_live_****wxyz' does not have the required permissions for this endpoint on account 'acct_C3'. Having the 'rak_dispute_write' permission would allow this request to continue.",
		PermissionMessage{IsPermission: true, AccountID: "acct_C3", Scopes: []string{"rak_dispute_write"}}},
	{"other 403: test mode only", "This feature is only available in test mode.", PermissionMessage{}},
	{"other 403: account", "Your account cannot currently make live charges.", PermissionMessage{}},
	{"empty", "", PermissionMessage{}},
	{"account id without prefix", "does not have the required permissions for this endpoint on account 'foo_1'.", PermissionMessage{IsPermission: true}},
}

func TestParsePermissionError(t *testing.T) {
	t.Parallel()
	for _, tt := range permissionMessages {
		t.Run(tt.name, func(t *testing.T) {
			t.Parallel()
			if got := ParsePermissionError(tt.msg); !reflect.DeepEqual(got, tt.want) {
				t.Errorf("got %+v\nwant %+v", got, tt.want)
			}
		})
	}
}

// FuzzParsePermissionError: never panics, and any account id it returns
// starts with acct_ and appears in the message.
func FuzzParsePermissionError(f *testing.F) {
	for _, m := range permissionMessages {
		f.Add(m.msg)
	}
	f.Add("on account 'acct_")
	f.Add("on account acct_x'''' 'rak_'_read' '_write'")
	f.Add("ON ACCOUNT “acct_Zz9”")
	f.Add("on ACCount 'ACCt_000'") // found by fuzzing: the id's prefix must stay lower case
	f.Fuzz(func(t *testing.T, msg string) {
		pm := ParsePermissionError(msg)
		if pm.AccountID != "" && (!strings.HasPrefix(pm.AccountID, "acct_") || len(pm.AccountID) <= len("acct_") || !strings.Contains(msg, pm.AccountID)) {
			t.Fatalf("account id %q is not an acct_ id from the message", pm.AccountID)
		}
		for _, s := range pm.Scopes {
			if !strings.Contains(msg, s) {
				t.Fatalf("scope %q is not in the message", s)
			}
		}
		if pm.RestrictedKeysUnsupported && !pm.IsPermission {
			t.Fatalf("restricted-keys form not counted as a permission message")
		}
	})
}

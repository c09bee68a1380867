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
		PermissionMessage{IsPermission: true, AccountID: "acct_1Nv0FGQ9RKHgCVdK", Scopes: []string{"rak_charge_read"}, KeyShown: "rk_live_*********************************************************************************************abc123"}},
	{"plural alternatives", "The provided key 'rk_test_****abcd' does not have the required permissions for this endpoint on account 'acct_123'. Having the 'rak_payment_intent_read', 'rak_checkout_session_read' permissions would allow this request to continue.",
		PermissionMessage{IsPermission: true, AccountID: "acct_123", Scopes: []string{"rak_payment_intent_read", "rak_checkout_session_read"}, KeyShown: "rk_test_****abcd"}},
	{"newer form", `Permission denied. The provided key 'rk_live_****wxyz' does not have the required permissions for this endpoint on account 'acct_9ZZ'. Enabling "Prices Read" ('plan_read') permissions on this key would allow this request to continue.`,
		PermissionMessage{IsPermission: true, AccountID: "acct_9ZZ", Scopes: []string{"plan_read"}, KeyShown: "rk_live_****wxyz"}},
	{"more permissions", "The provided key 'rk_live_****wxyz' does not have the required permissions for this endpoint on account 'acct_A1'. Having more permissions would allow this request to continue.",
		PermissionMessage{IsPermission: true, AccountID: "acct_A1", KeyShown: "rk_live_****wxyz"}},
	{"not for restricted keys", "The provided key 'rk_live_****wxyz' does not have access to this endpoint on account 'acct_B2'. This is a restricted API key, but the required permissions are not available for use by restricted keys.",
		PermissionMessage{IsPermission: true, RestrictedKeysUnsupported: true, AccountID: "acct_B2", KeyShown: "rk_live_****wxyz"}},
	{"only the closing sentence", "Having more permissions would allow this request to continue.",
		PermissionMessage{IsPermission: true}},
	{"wrong scope named (files)", "The provided key 'rk_live_****wxyz' does not have the required permissions for this endpoint on account 'acct_C3'. Having the 'rak_dispute_write' permission would allow this request to continue.",
		PermissionMessage{IsPermission: true, AccountID: "acct_C3", Scopes: []string{"rak_dispute_write"}, KeyShown: "rk_live_****wxyz"}},
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
		if pm.KeyShown != "" && (!strings.Contains(msg, pm.KeyShown) || !strings.Contains(pm.KeyShown, "***")) {
			t.Fatalf("key shown %q is not a masked key from the message", pm.KeyShown)
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

// TestShowsKey: the masked key in a message counts only when it is this
// key's prefix and tail.
func TestShowsKey(t *testing.T) {
	t.Parallel()
	key := testKey(t)
	tail := key.Reveal()[103:]
	for msg, want := range map[string]bool{
		"The provided key 'rk_test_****" + tail + "' does not …":      true,
		"The provided key 'rk_test_************…" + tail + "' does …": true,
		"The provided key 'rk_live_****" + tail + "' does not …":      false, // another mode
		"The provided key 'rk_test_****zzzz' does not …":              false,
		"The provided key 'rk_test_" + tail + "' does not …":          false, // not masked
		"no key at all": false,
	} {
		if got := ParsePermissionError(msg).ShowsKey(key); got != want {
			t.Errorf("ShowsKey(%q) = %v, want %v", msg, got, want)
		}
	}
	if ParsePermissionError("The provided key 'rk_test_****" + tail + "'").ShowsKey(Key{}) {
		t.Errorf("a zero key is shown by a message")
	}
}

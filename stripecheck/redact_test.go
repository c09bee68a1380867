package stripecheck

import (
	"strings"
	"testing"
)

func TestRedact(t *testing.T) {
	t.Parallel()
	// The secrets in play have bodies of their own: the key-shaped strings
	// below are built from fakeBody, and a shared run would be masked as an
	// echo of the key in play.
	run, err := ParseKey("rk_live_" + strings.Repeat("Zx9Qw", 20)[:99])
	if err != nil {
		t.Fatal(err)
	}
	odd, err := ParseKey("justtcustomsecret" + strings.Repeat("Mm7", 7)[:20]) // not key-shaped: only the exact match hides it
	if err != nil {
		t.Fatal(err)
	}
	tests := []struct {
		name, in, want string
	}{
		{"plain text untouched", "No such dispute: 'dp_123'", "No such dispute: 'dp_123'"},
		{"Stripe's own mask untouched", "The provided key 'rk_live_****abcd' does not", "The provided key 'rk_live_****abcd' does not"},
		{"this run's key", "key " + run.Reveal() + " refused", "key " + run.Redacted() + " refused"},
		{"another secret key", "sk_test_" + fakeBody(30) + ".", "sk_test_…."},
		{"publishable", "(pk_live_" + fakeBody(12) + ")", "(pk_live_…)"},
		{"sandbox-claim family", "rkcs_live_" + fakeBody(12), "rkcs_live_…"},
		{"signing secret", "whsec_" + fakeBody(32), "whsec_…"},
		{"short tail kept", "rk_live_abc", "rk_live_abc"},
		{"Stripe's long mask untouched", "Invalid API Key provided: sk_test_************************GHIJ", "Invalid API Key provided: sk_test_************************GHIJ"},
		{"mode-less secret key", "key sk_" + fakeBody(30) + " refused", "key sk_… refused"},
		{"mode-less restricted key", "'rk_" + fakeBody(99) + "'", "'rk_…'"},
		{"new family without mode", "rkcs_" + fakeBody(24), "rkcs_…"},
		{"words after the family", "sk_org_live_" + fakeBody(24), "sk_org_live_…"},
		{"mode deeper in the body", "rk_" + fakeBody(20) + "_live_" + fakeBody(20), "rk_…"},
		{"key after a shorter look-alike", "xsk_abc_rk_live_" + fakeBody(20), "xsk_abc_rk_live_…"},
		{"snake_case words untouched", "param risk_level_elevated and desk_top", "param risk_level_elevated and desk_top"},
		{"short mode-less tail kept", "sk_abcdef123", "sk_abcdef123"},
		{"exact secret of any shape", "got " + odd.Reveal(), "got " + odd.Redacted()},
		{"this run's key echoed without its prefix", "key '" + strings.TrimPrefix(run.Reveal(), "rk_live_") + "' refused", "key '…' refused"},
		{"a 12-character run of the key", "near " + run.Reveal()[30:42] + " here", "near … here"},
		{"two pieces of the key", "a " + run.Reveal()[10:30] + "-" + run.Reveal()[50:70] + " b", "a …-… b"},
		{"11 characters of the key kept", "x " + run.Reveal()[30:41] + " y", "x " + run.Reveal()[30:41] + " y"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			t.Parallel()
			if got := Redact(tt.in, run, odd); got != tt.want {
				t.Errorf("Redact = %q, want %q", got, tt.want)
			}
		})
	}
}

func TestQuoteStripeShortensAndRedacts(t *testing.T) {
	t.Parallel()
	long := strings.Repeat("é", 300) + " sk_live_" + fakeBody(40)
	got := Quote(long)
	if len(got) > maxDetail+len("…") {
		t.Errorf("Quote kept %d bytes", len(got))
	}
	if !strings.HasSuffix(got, "…") || strings.Contains(got, fakeBody(40)) {
		t.Errorf("Quote = %q", got)
	}
	if !strings.HasPrefix(strings.ToValidUTF8(got, "?"), got) {
		t.Errorf("Quote cut a character in half")
	}
	if got := Quote("a\n  b\tc"); got != "a b c" {
		t.Errorf("white space not folded: %q", got)
	}
}

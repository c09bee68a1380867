package sandbox

import (
	"net/http"
	"strings"
	"testing"
)

func TestKeysAreStripeShapedAndUnique(t *testing.T) {
	t.Parallel()
	s := New()
	seen := map[string]bool{}
	for _, tc := range []struct {
		prefix string
		mint   func() string
	}{
		{"rk_test_", func() string { return s.MintKey("rak_charge_read") }},
		{"rk_live_", func() string { return s.MintLiveKey("rak_charge_read") }},
		{"sk_test_", s.MintSecretKey},
	} {
		for range 50 {
			key := tc.mint()
			if len(key) != keyLength || !strings.HasPrefix(key, tc.prefix) {
				t.Fatalf("minted %d characters starting %q, want %d starting %q", len(key), key[:8], keyLength, tc.prefix)
			}
			for _, r := range key[len(tc.prefix):] {
				if !strings.ContainsRune(alphanumeric, r) {
					t.Fatalf("key body holds %q, want only letters and digits", r)
				}
			}
			if seen[key] {
				t.Fatal("the same key was minted twice")
			}
			seen[key] = true
		}
	}
}

func TestUnauthorizedAnswers(t *testing.T) {
	t.Parallel()
	s, u := newServer(t)
	expired, rolled := s.MintKey("rak_charge_read"), s.MintKey("rak_charge_read")
	s.Expire(expired)
	s.Roll(rolled)
	unknown := "rk_test_" + strings.Repeat("x", 95) + "abcd"
	tests := []struct {
		name, key, code, message string
	}{
		{"no key", "", "", "You did not provide an API key."},
		{"publishable key", "pk_test_abcdefghijklmnop1234", "", "This API call cannot be made with a publishable API key. Please use a secret API key."},
		{"unknown key", unknown, "", "Invalid API Key provided: rk_test_" + strings.Repeat("*", 95) + "abcd"},
		{"rolled key", rolled, "", "Invalid API Key provided: rk_test_*"},
		{"expired key", expired, "api_key_expired", "Expired API Key provided: rk_test_*"},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			a := do(t, u, "GET", "/v1/charges", tc.key, nil)
			if a.status != http.StatusUnauthorized {
				t.Fatalf("status %d, want 401", a.status)
			}
			if got := a.errorField("message"); !strings.HasPrefix(got, tc.message) {
				t.Errorf("message %q, want it to start %q", got, tc.message)
			}
			if a.errorField("type") != "invalid_request_error" || a.errorField("code") != tc.code {
				t.Errorf("type %q code %q, want invalid_request_error and %q", a.errorField("type"), a.errorField("code"), tc.code)
			}
			if tc.key != "" && strings.Contains(a.raw, tc.key[8:len(tc.key)-4]) {
				t.Error("the 401 body shows more of the key than its last 4 characters")
			}
		})
	}
}

// 401 beats every later check: a bad key on an unknown URL or on a route
// it could not use still hears about the key first.
func TestUnauthorizedComesFirst(t *testing.T) {
	t.Parallel()
	s, u := newServer(t)
	rolled := s.MintSecretKey()
	s.Roll(rolled)
	for _, path := range []string{"/v1/nothing_here", "/v1/disputes/dp_nope", "/v1/account"} {
		if a := do(t, u, "POST", path, rolled, nil); a.status != http.StatusUnauthorized {
			t.Errorf("POST %s with a rolled key: status %d, want 401", path, a.status)
		}
	}
}

func TestBasicAuthCarriesTheKey(t *testing.T) {
	t.Parallel()
	s, u := newServer(t)
	key := s.MintKey("rak_charge_read")
	req, _ := http.NewRequest("GET", u+"/v1/charges", nil)
	req.SetBasicAuth(key, "")
	if a := send(t, http.DefaultClient, req); a.status != http.StatusOK {
		t.Fatalf("basic auth: status %d (%s), want 200", a.status, a.raw)
	}
}

func TestMaskAndRedact(t *testing.T) {
	t.Parallel()
	key := "rk_live_" + strings.Repeat("Q", 95) + "a1b2"
	tests := []struct{ in, mask, redact string }{
		{key, "rk_live_" + strings.Repeat("*", 95) + "a1b2", "rk_live_…a1b2"},
		{"sk_test_short", "sk_test_*****", "sk_test_…"},
		{"rkcs_test_" + strings.Repeat("Z", 20) + "wxyz", "rkcs_test_" + strings.Repeat("*", 20) + "wxyz", "rkcs_test_…wxyz"},
		{"garbage-without-underscore", strings.Repeat("*", 22) + "core", "…core"},
		{"", "", ""},
	}
	for _, tc := range tests {
		if got := maskKey(tc.in); got != tc.mask {
			t.Errorf("maskKey(%.12q…) = %q, want %q", tc.in, got, tc.mask)
		}
		if got := redactKey(tc.in); got != tc.redact {
			t.Errorf("redactKey(%.12q…) = %q, want %q", tc.in, got, tc.redact)
		}
	}
}

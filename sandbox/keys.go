package sandbox

import (
	"crypto/rand"
	"strings"
	"time"
)

// keyLength is the length of a modern Stripe key, prefix included (observed
// on keys created since 2023; see stripe-notes.md).
const keyLength = 107

// keyState is where a key stands in its life.
type keyState int

const (
	keyActive  keyState = iota
	keyExpired          // Stripe answers 401 api_key_expired
	keyRolled           // rolled or deleted: Stripe no longer knows it
)

// apiKey is one key of the account and what the tests made it do.
type apiKey struct {
	live    bool
	secret  bool // an sk_ key: every permission
	scopes  map[string]bool
	state   keyState
	latency time.Duration
	fault   Fault
	// faultLeft counts the faulty answers still to give; -1 is unlimited.
	faultLeft int
}

// MintKey creates a test-mode restricted key (rk_test_…, 107 characters)
// holding exactly the given scopes (e.g. "rak_charge_read"; a _write scope
// implies its _read).
func (s *Sandbox) MintKey(scopes ...string) string {
	return s.mint("rk_test_", &apiKey{scopes: grantScopes(nil, scopes)})
}

// MintLiveKey is MintKey in live mode (rk_live_…).
func (s *Sandbox) MintLiveKey(scopes ...string) string {
	return s.mint("rk_live_", &apiKey{live: true, scopes: grantScopes(nil, scopes)})
}

// MintSecretKey creates an sk_test_ key with every permission.
func (s *Sandbox) MintSecretKey() string {
	return s.mint("sk_test_", &apiKey{secret: true, scopes: map[string]bool{}})
}

func (s *Sandbox) mint(prefix string, k *apiKey) string {
	s.mu.Lock()
	defer s.mu.Unlock()
	for {
		value := prefix + randomAlphanumeric(keyLength-len(prefix))
		if _, taken := s.keys[value]; !taken {
			s.keys[value] = k
			return value
		}
	}
}

// Expire makes key answer 401 api_key_expired from now on.
func (s *Sandbox) Expire(key string) { s.withKey(key, func(k *apiKey) { k.state = keyExpired }) }

// Roll makes key answer 401 "Invalid API Key provided" (rolled or deleted).
func (s *Sandbox) Roll(key string) { s.withKey(key, func(k *apiKey) { k.state = keyRolled }) }

// Grant adds scopes to an existing key: the merchant editing the key in
// place. Granting a _write scope grants its _read too, as the dashboard's
// Write includes Read.
func (s *Sandbox) Grant(key string, scopes ...string) {
	s.withKey(key, func(k *apiKey) { k.scopes = grantScopes(k.scopes, scopes) })
}

// Revoke removes scopes from an existing key. Revoking a _write scope leaves
// the _read (the merchant turning Write down to Read); revoking a _read also
// removes the _write (turning the row to None), since Write includes Read.
func (s *Sandbox) Revoke(key string, scopes ...string) {
	s.withKey(key, func(k *apiKey) {
		for _, scope := range scopes {
			delete(k.scopes, scope)
			if base, ok := strings.CutSuffix(scope, "_read"); ok {
				delete(k.scopes, base+"_write")
			}
		}
	})
}

// SetLatency delays every answer to key by d.
func (s *Sandbox) SetLatency(key string, d time.Duration) {
	s.withKey(key, func(k *apiKey) { k.latency = d })
}

// SetFault installs a fault for key, replacing any earlier one.
func (s *Sandbox) SetFault(key string, f Fault) {
	s.withKey(key, func(k *apiKey) {
		k.fault = f
		k.faultLeft = f.Times
		if f.Times <= 0 {
			k.faultLeft = -1
		}
	})
}

// withKey runs change on key's record under the lock; unknown keys are
// ignored, like a dashboard edit on a key that no longer exists.
func (s *Sandbox) withKey(key string, change func(*apiKey)) {
	s.mu.Lock()
	defer s.mu.Unlock()
	if k, ok := s.keys[key]; ok {
		change(k)
	}
}

func grantScopes(into map[string]bool, scopes []string) map[string]bool {
	if into == nil {
		into = map[string]bool{}
	}
	for _, scope := range scopes {
		into[scope] = true
		if base, ok := strings.CutSuffix(scope, "_write"); ok {
			into[base+"_read"] = true
		}
	}
	return into
}

// allows reports whether the key holds scope. Write implies read even for
// scopes granted before this rule, so the check is made here as well.
func (k *apiKey) allows(scope string) bool {
	if k.secret || scope == "" || k.scopes[scope] {
		return true
	}
	base, ok := strings.CutSuffix(scope, "_read")
	return ok && k.scopes[base+"_write"]
}

const alphanumeric = "0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz"

// randomAlphanumeric draws n characters uniformly from crypto/rand: bytes
// at or above 248 (4×62) are dropped so no character is favoured.
func randomAlphanumeric(n int) string {
	out := make([]byte, 0, n)
	buf := make([]byte, n+n/4+8)
	for len(out) < n {
		if _, err := rand.Read(buf); err != nil {
			panic("sandbox: crypto/rand failed: " + err.Error())
		}
		for _, b := range buf {
			if b < 248 && len(out) < n {
				out = append(out, alphanumeric[b%62])
			}
		}
	}
	return string(out)
}

// keyPrefix is the key's family and mode ("rk_test_"), or "" when the string
// is not key-shaped. It never returns more than the prefix.
func keyPrefix(key string) string {
	family, rest, ok := strings.Cut(key, "_")
	if !ok || len(family) == 0 || len(family) > 6 {
		return ""
	}
	if mode, _, ok := strings.Cut(rest, "_"); ok && (mode == "test" || mode == "live") {
		return family + "_" + mode + "_"
	}
	return family + "_"
}

// maskKey hides all but the prefix and the last 4 characters behind stars,
// as Stripe's error messages do (rk_test_*****…abcd).
func maskKey(key string) string {
	prefix := keyPrefix(key)
	body := key[len(prefix):]
	if len(body) <= 8 {
		return prefix + strings.Repeat("*", len(body))
	}
	return prefix + strings.Repeat("*", len(body)-4) + body[len(body)-4:]
}

// redactKey is the log's form of a key: prefix and last 4 only (rk_test_…abcd).
// Short or odd strings keep only their prefix, so nothing guessable remains.
func redactKey(key string) string {
	if key == "" {
		return ""
	}
	prefix := keyPrefix(key)
	body := key[len(prefix):]
	if len(body) <= 8 {
		return prefix + "…"
	}
	return prefix + "…" + body[len(body)-4:]
}

package vault

import (
	"context"
	"errors"
	"strings"
	"testing"
	"time"

	"github.com/justt-ai/justt-onboard/stripecheck"
)

func mustKey(t *testing.T, raw string) stripecheck.Key {
	t.Helper()
	k, err := stripecheck.ParseKey(raw)
	if err != nil {
		t.Fatalf("ParseKey: %v", err)
	}
	return k
}

const rk = "rk_test_51AbCdEfGhIjKlMnOpQrStUvWxYz0123456789abcdef"

func TestPutGetDeleteInKeyring(t *testing.T) {
	ctx := context.Background()
	store := NewMemory()
	v := New(store, time.Second)
	e := Entry{Secret: RestrictedKey, Account: "acct_123"}
	where, err := v.Put(ctx, e, mustKey(t, rk))
	if err != nil || where != InKeyring {
		t.Fatalf("Put = %q, %v; want keyring", where, err)
	}
	got, found, err := v.Get(ctx, e)
	if err != nil || !found || got.Reveal() != rk {
		t.Fatalf("Get = %v, %v, %v", got, found, err)
	}
	if err := v.Delete(ctx, e); err != nil {
		t.Fatal(err)
	}
	if _, found, _ := v.Get(ctx, e); found {
		t.Fatal("entry still there after Delete")
	}
	if store.Len() != 0 {
		t.Fatalf("%d entries left (index included)", store.Len())
	}
}

func TestForgetRemovesIndexedEntries(t *testing.T) {
	ctx := context.Background()
	store := NewMemory()
	v := New(store, time.Second)
	a := Entry{Secret: RestrictedKey, Account: "acct_1"}
	b := Entry{Secret: WebhookSigningSecret, Account: "acct_1"}
	v.Put(ctx, a, mustKey(t, rk))
	v.Put(ctx, b, mustKey(t, "whsec_abcdefghijklmnopqrstuvwxyz012345"))
	// A second run (a new Vault) knows nothing but the keyring.
	removed, err := New(store, time.Second).Forget(ctx)
	if err != nil {
		t.Fatal(err)
	}
	if len(removed) != 2 || removed[0] != a || removed[1] != b {
		t.Fatalf("removed %v", removed)
	}
	if store.Len() != 0 {
		t.Fatalf("%d entries left", store.Len())
	}
	again, err := New(store, time.Second).Forget(ctx)
	if err != nil || len(again) != 0 {
		t.Fatalf("second Forget = %v, %v", again, err)
	}
}

// hang never answers, as a Secret Service on a headless box may not.
type hang struct{ release chan struct{} }

func (h hang) Get(string, string) (string, error) { <-h.release; return "", ErrNotFound }
func (h hang) Set(string, string, string) error   { <-h.release; return nil }
func (h hang) Delete(string, string) error        { <-h.release; return nil }

func TestKeyringThatNeverAnswersFallsBackToMemory(t *testing.T) {
	h := hang{release: make(chan struct{})}
	defer close(h.release)
	v := New(h, 50*time.Millisecond)
	e := Entry{Secret: RestrictedKey, Account: "test"}
	where, err := v.Put(context.Background(), e, mustKey(t, rk))
	if err != nil || where != InMemory {
		t.Fatalf("Put = %q, %v; want memory", where, err)
	}
	why := v.Unavailable()
	if !errors.Is(why, ErrUnavailable) || !strings.Contains(why.Error(), "did not answer") {
		t.Fatalf("Unavailable = %v", why)
	}
	got, found, err := v.Get(context.Background(), e)
	if err != nil || !found || got.Reveal() != rk {
		t.Fatalf("Get from memory = %v, %v, %v", got, found, err)
	}
}

func TestNoKeyringAtAll(t *testing.T) {
	v := New(nil, 0)
	if v.Unavailable() == nil {
		t.Fatal("a vault without a store must say the keyring is unavailable")
	}
	if where, _ := v.Put(context.Background(), Entry{Secret: RestrictedKey, Account: "x"}, mustKey(t, rk)); where != InMemory {
		t.Fatalf("Put went to %q", where)
	}
}

func TestEmptySecretRefused(t *testing.T) {
	v := New(NewMemory(), time.Second)
	if _, err := v.Put(context.Background(), Entry{Secret: RestrictedKey, Account: "x"}, stripecheck.Key{}); err == nil {
		t.Fatal("empty secret stored")
	}
}

// lateWriter is a keyring whose secret writes answer only after the
// vault's timeout, and then land all the same (a slow Secret Service);
// the index entry is written at once.
type lateWriter struct {
	*Memory
	release chan struct{} // closed to let a held write land
	landed  chan string   // receives the user of each held write once it landed
}

func (l lateWriter) Set(service, user, secret string) error {
	if user != indexUser {
		<-l.release
		defer func() { l.landed <- user }()
	}
	return l.Memory.Set(service, user, secret)
}

func TestForgetRemovesAWriteThatLandedAfterTheTimeout(t *testing.T) {
	ctx := context.Background()
	inner := NewMemory()
	late := lateWriter{Memory: inner, release: make(chan struct{}), landed: make(chan string, 1)}
	e := Entry{Secret: RestrictedKey, Account: "acct_1"}
	where, err := New(late, 50*time.Millisecond).Put(ctx, e, mustKey(t, rk))
	if err != nil || where != InMemory {
		t.Fatalf("Put = %q, %v; want memory (the write timed out)", where, err)
	}
	close(late.release)
	if user := <-late.landed; user != e.User() {
		t.Fatalf("landed %q", user)
	}
	if got, _ := inner.Get(Service, e.User()); got != rk {
		t.Fatal("the late write did not land; the test proves nothing")
	}
	// A later run: forget must find the entry that landed.
	removed, err := New(inner, time.Second).Forget(ctx)
	if err != nil {
		t.Fatal(err)
	}
	if len(removed) != 1 || removed[0] != e {
		t.Fatalf("removed %v; want %v", removed, e)
	}
	if inner.Len() != 0 {
		t.Fatalf("%d entries left after forget", inner.Len())
	}
}

// TestBrokenKeyringIsSaidOnceAndNeverLeaks: a keyring whose error text
// echoes what it was asked to store (whole, without its prefix, cut in two,
// with an escape) or another key must not get it into Unavailable, which
// the caller prints.
func TestBrokenKeyringIsSaidOnceAndNeverLeaks(t *testing.T) {
	other := "sk_live_" + strings.Repeat("Zx9", 10)
	for name, echo := range map[string]string{
		"whole":          rk,
		"without prefix": rk[len("rk_test_"):],
		"cut in two":     rk[:20] + "\n" + rk[20:],
		"another key":    other,
		"escape":         "\x1b[31m" + rk[len("rk_test_"):],
	} {
		t.Run(name, func(t *testing.T) {
			store := NewMemory()
			store.Fail = errors.New("dbus: no session bus (while storing " + echo + ")")
			v := New(store, time.Second)
			where, err := v.Put(context.Background(), Entry{Secret: RestrictedKey, Account: "x"}, mustKey(t, rk))
			if err != nil || where != InMemory {
				t.Fatalf("Put = %q, %v", where, err)
			}
			why := v.Unavailable()
			if why == nil || !strings.Contains(why.Error(), "no session bus") {
				t.Fatalf("Unavailable = %v", why)
			}
			msg := why.Error()
			for _, secret := range []string{rk, other} {
				for i := 0; i+12 <= len(secret); i++ {
					if strings.Contains(msg, secret[i:i+12]) {
						t.Fatalf("Unavailable leaks %q: %s", secret[i:i+12], msg)
					}
				}
			}
			if strings.ContainsRune(msg, '\x1b') {
				t.Fatalf("Unavailable holds an escape: %q", msg)
			}
		})
	}
}

package vault

import (
	"bytes"
	"context"
	"os"
	"path/filepath"
	"testing"
	"time"

	"github.com/justt-ai/justt-onboard/internal/testtool"
)

// TestOSKeyringAgainstARealSecretService stores, reads and forgets through
// go-keyring and gnome-keyring's Secret Service, in a private session, and
// then finds the secret in no plain file of the session's HOME or TMPDIR.
func TestOSKeyringAgainstARealSecretService(t *testing.T) {
	inside, home := testtool.InSecretService(t)
	if !inside {
		return
	}
	ctx := context.Background()
	v := New(OSKeyring{}, 10*time.Second)
	if err := v.Probe(ctx); err != nil || v.Unavailable() != nil {
		t.Fatalf("the Secret Service does not answer: %v / %v", err, v.Unavailable())
	}
	key := Entry{Secret: RestrictedKey, Account: "acct_1Real"}
	hook := Entry{Secret: WebhookSigningSecret, Account: "acct_1Real"}
	secret := "whsec_RealSecretService0123456789abcdef"
	for e, raw := range map[Entry]string{key: rk, hook: secret} {
		where, err := v.Put(ctx, e, mustKey(t, raw))
		if err != nil || where != InKeyring {
			t.Fatalf("Put(%s) = %q, %v", e, where, err)
		}
	}
	// A new vault (a second run) reads what the first one kept.
	again := New(OSKeyring{}, 10*time.Second)
	got, found, err := again.Get(ctx, key)
	if err != nil || !found || got.Reveal() != rk {
		t.Fatalf("Get after a restart = found %v, %v", found, err)
	}
	for _, dir := range []string{home, os.TempDir()} {
		_ = filepath.Walk(dir, func(p string, fi os.FileInfo, err error) error {
			if err != nil || fi.IsDir() {
				return nil
			}
			if b, _ := os.ReadFile(p); bytes.Contains(b, []byte(rk)) || bytes.Contains(b, []byte(secret)) {
				t.Errorf("%s holds a secret in plain text", p)
			}
			return nil
		})
	}
	removed, err := again.Forget(ctx)
	if err != nil || len(removed) != 2 {
		t.Fatalf("Forget = %v, %v", removed, err)
	}
	if _, found, _ := New(OSKeyring{}, 10*time.Second).Get(ctx, hook); found {
		t.Fatal("the signing secret is still in the keyring after Forget")
	}
	if _, err := (OSKeyring{}).Get(Service, indexUser); err != ErrNotFound {
		t.Fatalf("the index entry is still there: %v", err)
	}
}

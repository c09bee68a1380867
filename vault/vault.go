// Package vault keeps justt-onboard's secrets in the operating system's
// keyring (macOS Keychain, Windows Credential Manager, the Secret Service on
// Linux) behind a small interface, one entry per secret per Stripe account,
// under the service name "justt-onboard".
//
// vault never writes a secret to a file, a log or an error: where no keyring
// answers (a container, CI, SSH without a session bus) it keeps the secrets
// in memory for this run and says so through Unavailable. Every keyring call
// is bounded by a timeout, since a Secret Service on a headless machine can
// hang for minutes. The setup key is never stored: only the secrets named by
// the Secret constants below.
package vault

import (
	"context"
	"errors"
	"fmt"
	"sort"
	"strings"
	"sync"
	"time"

	"github.com/justt-ai/justt-onboard/stripecheck"
)

// Service is the keyring service every entry is stored under.
const Service = "justt-onboard"

// DefaultTimeout bounds one keyring call.
const DefaultTimeout = 3 * time.Second

// Secret names what an entry holds. The setup key has no name here on
// purpose: it is used for one registration and never kept.
type Secret string

const (
	// RestrictedKey is the rk_ key Justt uses (guide, steps 9 and 11).
	RestrictedKey Secret = "restricted-key"
	// WebhookSigningSecret is the whsec_ secret of the Justt endpoint
	// (guide, steps 17 and 18).
	WebhookSigningSecret Secret = "webhook-signing-secret"
)

// Entry names one keyring entry: one secret of one Stripe account. Account
// is the acct_ id, or, before Stripe named the account, a stand-in such as
// "live" or "test".
type Entry struct {
	Secret  Secret `json:"secret"`
	Account string `json:"account"`
}

// User is the keyring's user (account) field of the entry.
func (e Entry) User() string { return string(e.Secret) + "/" + e.Account }

func (e Entry) String() string {
	return fmt.Sprintf("%s of %s", strings.ReplaceAll(string(e.Secret), "-", " "), e.Account)
}

// indexUser is the entry that lists the users this tool has written (names
// only, never a secret), so forget can say what it removed even when the
// progress file is gone.
const indexUser = "index"

// Store is a keyring: go-keyring's functions have this shape. Get returns
// ErrNotFound for an entry that does not exist.
type Store interface {
	Get(service, user string) (string, error)
	Set(service, user, secret string) error
	Delete(service, user string) error
}

// ErrNotFound is what a Store returns for a missing entry.
var ErrNotFound = errors.New("no such keyring entry")

// ErrUnavailable wraps every failure that means no keyring answers here.
var ErrUnavailable = errors.New("no keyring is available")

// Where tells where a secret was kept.
type Where string

const (
	InKeyring Where = "keyring"
	InMemory  Where = "memory" // for this run only: no keyring answered
)

// Vault is the secrets of this tool. It is safe for concurrent use.
type Vault struct {
	store   Store
	timeout time.Duration

	mu          sync.Mutex
	unavailable error             // why the keyring is not used, once it failed
	memory      map[string]string // secrets kept for this run only
}

// New returns a vault over store whose calls each give up after timeout.
// A nil store means no keyring at all: everything is kept in memory.
func New(store Store, timeout time.Duration) *Vault {
	if timeout <= 0 {
		timeout = DefaultTimeout
	}
	v := &Vault{store: store, timeout: timeout, memory: map[string]string{}}
	if store == nil {
		v.unavailable = fmt.Errorf("%w: none was configured", ErrUnavailable)
	}
	return v
}

// Without is a vault that never asks a keyring, and says why (the
// merchant turned it off, say): everything is kept in memory.
func Without(reason string) *Vault {
	v := New(nil, 0)
	v.unavailable = fmt.Errorf("%w: %s", ErrUnavailable, reason)
	return v
}

// Unavailable is nil while the keyring works, else why it is not used; the
// caller says so once and plainly.
func (v *Vault) Unavailable() error {
	v.mu.Lock()
	defer v.mu.Unlock()
	return v.unavailable
}

// Probe asks the keyring once (reading the index), so a caller can tell the
// merchant up front whether secrets will survive this run.
func (v *Vault) Probe(ctx context.Context) error {
	_, err := v.index(ctx)
	return err
}

// Put keeps secret in the entry: in the keyring, or in memory for this run
// when no keyring answers.
func (v *Vault) Put(ctx context.Context, e Entry, secret stripecheck.Key) (Where, error) {
	if secret.IsZero() {
		return "", errors.New("vault: refusing to store an empty secret")
	}
	if v.Unavailable() == nil {
		// Indexed first: a write that times out may still land later, and
		// forget must then find it. An indexed entry that never came to be
		// costs nothing (forget skips a missing entry); when the index
		// cannot be written the keyring is taken as unavailable and the
		// secret is not written either.
		v.addToIndex(ctx, e, secret)
		err := v.call(ctx, func(s Store) error { return s.Set(Service, e.User(), secret.Reveal()) }, secret)
		if err == nil {
			return InKeyring, nil
		}
		if !errors.Is(err, ErrUnavailable) {
			return "", err
		}
	}
	v.mu.Lock()
	v.memory[e.User()] = secret.Reveal()
	v.mu.Unlock()
	return InMemory, nil
}

// Get returns the secret in the entry; found is false when there is none.
func (v *Vault) Get(ctx context.Context, e Entry) (key stripecheck.Key, found bool, err error) {
	v.mu.Lock()
	raw, ok := v.memory[e.User()]
	v.mu.Unlock()
	if !ok && v.Unavailable() == nil {
		err = v.call(ctx, func(s Store) error {
			var gerr error
			raw, gerr = s.Get(Service, e.User())
			return gerr
		})
		switch {
		case errors.Is(err, ErrNotFound):
			return stripecheck.Key{}, false, nil
		case errors.Is(err, ErrUnavailable):
			return stripecheck.Key{}, false, nil
		case err != nil:
			return stripecheck.Key{}, false, err
		}
		ok = true
	}
	if !ok {
		return stripecheck.Key{}, false, nil
	}
	key, perr := stripecheck.ParseKey(raw)
	if perr != nil {
		return stripecheck.Key{}, false, fmt.Errorf("vault: the %s in the keyring is not a Stripe secret any more; run 'justt-onboard forget' and paste it again", e)
	}
	return key, true, nil
}

// Delete removes the entry; a missing entry is not an error.
func (v *Vault) Delete(ctx context.Context, e Entry) error {
	v.mu.Lock()
	delete(v.memory, e.User())
	v.mu.Unlock()
	if v.Unavailable() != nil {
		return nil
	}
	err := v.call(ctx, func(s Store) error { return s.Delete(Service, e.User()) })
	if err != nil && !errors.Is(err, ErrNotFound) {
		return err
	}
	v.removeFromIndex(ctx, e)
	return nil
}

// Forget removes every entry this tool wrote (those in the index and the
// ones named in also) and the index itself, and returns the entries that
// existed. Nothing to forget is not an error.
func (v *Vault) Forget(ctx context.Context, also ...Entry) ([]Entry, error) {
	v.mu.Lock()
	var removed []Entry
	for user := range v.memory {
		removed = append(removed, entryOf(user))
	}
	v.memory = map[string]string{}
	v.mu.Unlock()
	if err := v.Unavailable(); err != nil {
		return sorted(removed), nil
	}
	names, err := v.index(ctx)
	if err != nil {
		return sorted(removed), err
	}
	for _, e := range also {
		names = append(names, e.User())
	}
	seen := map[string]bool{}
	for _, user := range names {
		if seen[user] {
			continue
		}
		seen[user] = true
		err := v.call(ctx, func(s Store) error { return s.Delete(Service, user) })
		switch {
		case err == nil:
			removed = append(removed, entryOf(user))
		case errors.Is(err, ErrNotFound):
		default:
			return sorted(removed), err
		}
	}
	err = v.call(ctx, func(s Store) error { return s.Delete(Service, indexUser) })
	if err != nil && !errors.Is(err, ErrNotFound) {
		return sorted(removed), err
	}
	return sorted(removed), nil
}

func sorted(es []Entry) []Entry {
	sort.Slice(es, func(i, j int) bool { return es[i].User() < es[j].User() })
	return es
}

func entryOf(user string) Entry {
	secret, account, _ := strings.Cut(user, "/")
	return Entry{Secret: Secret(secret), Account: account}
}

// index returns the users listed in the index entry.
// secrets are those of the caller, redacted from a keyring error (see call).
func (v *Vault) index(ctx context.Context, secrets ...stripecheck.Key) ([]string, error) {
	var raw string
	err := v.call(ctx, func(s Store) error {
		var gerr error
		raw, gerr = s.Get(Service, indexUser)
		return gerr
	}, secrets...)
	if errors.Is(err, ErrNotFound) {
		return nil, nil
	}
	if err != nil {
		return nil, err
	}
	return strings.Fields(raw), nil
}

func (v *Vault) addToIndex(ctx context.Context, e Entry, secrets ...stripecheck.Key) {
	names, err := v.index(ctx, secrets...)
	if err != nil {
		return
	}
	for _, n := range names {
		if n == e.User() {
			return
		}
	}
	names = append(names, e.User())
	_ = v.call(ctx, func(s Store) error { return s.Set(Service, indexUser, strings.Join(names, " ")) }, secrets...)
}

func (v *Vault) removeFromIndex(ctx context.Context, e Entry) {
	names, err := v.index(ctx)
	if err != nil {
		return
	}
	kept := names[:0]
	for _, n := range names {
		if n != e.User() {
			kept = append(kept, n)
		}
	}
	if len(kept) == len(names) {
		return
	}
	_ = v.call(ctx, func(s Store) error {
		if len(kept) == 0 {
			return s.Delete(Service, indexUser)
		}
		return s.Set(Service, indexUser, strings.Join(kept, " "))
	})
}

// call runs one keyring operation under the timeout. A keyring that does
// not answer in time, or fails for any reason but a missing entry, is taken
// as unavailable for the rest of the run: one slow Secret Service must not
// stall every step.
//
// secrets are the ones op handles: a keyring's error text is redacted of
// them (and of anything key-shaped) before it is kept.
func (v *Vault) call(ctx context.Context, op func(Store) error, secrets ...stripecheck.Key) error {
	if err := v.Unavailable(); err != nil {
		return err
	}
	ctx, cancel := context.WithTimeout(ctx, v.timeout)
	defer cancel()
	done := make(chan error, 1)
	go func() { done <- op(v.store) }()
	var err error
	select {
	case err = <-done:
	case <-ctx.Done():
		err = fmt.Errorf("%w: the keyring did not answer within %s", ErrUnavailable, v.timeout)
	}
	if err == nil || errors.Is(err, ErrNotFound) {
		return err
	}
	if !errors.Is(err, ErrUnavailable) {
		err = fmt.Errorf("%w: %s", ErrUnavailable, describe(err, secrets...))
	}
	v.mu.Lock()
	if v.unavailable == nil {
		v.unavailable = err
	}
	v.mu.Unlock()
	return err
}

// describe keeps a keyring's error message short, on one line, safe for a
// terminal and free of secrets: a keyring (or the D-Bus service behind it)
// may echo what it was asked to store, so the secrets given, any run of
// them and anything shaped like a Stripe secret are masked.
func describe(err error, secrets ...stripecheck.Key) string {
	return stripecheck.Quote(err.Error(), secrets...)
}

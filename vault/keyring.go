package vault

import (
	"errors"
	"sync"

	"github.com/zalando/go-keyring"
)

// OSKeyring is the operating system's keyring through go-keyring: the
// Secret Service over D-Bus on Linux, /usr/bin/security on macOS (fed on
// standard input, so no secret is on a command line), the Credential
// Manager on Windows. None needs cgo.
type OSKeyring struct{}

func (OSKeyring) Get(service, user string) (string, error) {
	s, err := keyring.Get(service, user)
	return s, notFound(err)
}

func (OSKeyring) Set(service, user, secret string) error {
	return keyring.Set(service, user, secret)
}

func (OSKeyring) Delete(service, user string) error {
	return notFound(keyring.Delete(service, user))
}

func notFound(err error) error {
	if errors.Is(err, keyring.ErrNotFound) {
		return ErrNotFound
	}
	return err
}

// Memory is a keyring held in memory, for tests.
type Memory struct {
	mu      sync.Mutex
	entries map[string]string
	// Fail, when set, is returned by every call (a broken keyring).
	Fail error
}

func NewMemory() *Memory { return &Memory{entries: map[string]string{}} }

func (m *Memory) Get(service, user string) (string, error) {
	m.mu.Lock()
	defer m.mu.Unlock()
	if m.Fail != nil {
		return "", m.Fail
	}
	s, ok := m.entries[service+"\x00"+user]
	if !ok {
		return "", ErrNotFound
	}
	return s, nil
}

func (m *Memory) Set(service, user, secret string) error {
	m.mu.Lock()
	defer m.mu.Unlock()
	if m.Fail != nil {
		return m.Fail
	}
	m.entries[service+"\x00"+user] = secret
	return nil
}

func (m *Memory) Delete(service, user string) error {
	m.mu.Lock()
	defer m.mu.Unlock()
	if m.Fail != nil {
		return m.Fail
	}
	if _, ok := m.entries[service+"\x00"+user]; !ok {
		return ErrNotFound
	}
	delete(m.entries, service+"\x00"+user)
	return nil
}

// Len is the number of entries, for tests.
func (m *Memory) Len() int {
	m.mu.Lock()
	defer m.mu.Unlock()
	return len(m.entries)
}

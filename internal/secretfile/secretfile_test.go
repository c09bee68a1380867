package secretfile

import (
	"errors"
	"io/fs"
	"os"
	"path/filepath"
	"runtime"
	"testing"
)

func TestKeepWritesExactlyTheSecretWithMode0600(t *testing.T) {
	path := filepath.Join(t.TempDir(), "whsec.txt")
	f, err := Reserve(path)
	if err != nil {
		t.Fatal(err)
	}
	if err := f.Keep("whsec_abc123"); err != nil {
		t.Fatal(err)
	}
	f.Discard() // a kept secret stays
	got, err := os.ReadFile(path)
	if err != nil || string(got) != "whsec_abc123" {
		t.Fatalf("file holds %q (%v), want exactly the secret", got, err)
	}
	info, _ := os.Stat(path)
	if runtime.GOOS != "windows" && info.Mode().Perm() != 0o600 {
		t.Errorf("mode %v, want 0600", info.Mode().Perm())
	}
}

func TestReserveNeverOverwrites(t *testing.T) {
	path := filepath.Join(t.TempDir(), "whsec.txt")
	if err := os.WriteFile(path, []byte("precious"), 0o600); err != nil {
		t.Fatal(err)
	}
	if _, err := Reserve(path); !errors.Is(err, fs.ErrExist) {
		t.Fatalf("Reserve of an existing file: %v, want fs.ErrExist", err)
	}
	if got, _ := os.ReadFile(path); string(got) != "precious" {
		t.Errorf("existing file changed to %q", got)
	}
}

func TestDiscardRemovesAnUnusedReservation(t *testing.T) {
	path := filepath.Join(t.TempDir(), "whsec.txt")
	f, err := Reserve(path)
	if err != nil {
		t.Fatal(err)
	}
	f.Discard()
	if _, err := os.Stat(path); !errors.Is(err, fs.ErrNotExist) {
		t.Errorf("reserved file still there after Discard: %v", err)
	}
}

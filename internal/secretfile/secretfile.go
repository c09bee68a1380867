// Package secretfile writes one signing secret to a new file with mode
// 0600, for the merchant to hand to Justt (or a CI job to chain). The file
// is reserved before anything changes in Stripe, so a bad path fails first,
// and it never overwrites an existing file.
//
// secretfile never prints, logs or returns the secret it writes.
package secretfile

import (
	"fmt"
	"os"
)

// File is a reserved, still empty, secret file.
type File struct {
	Path string
	f    *os.File
	kept bool
}

// Reserve creates path (mode 0600), refusing one that exists: errors.Is(err,
// fs.ErrExist) tells that case apart.
func Reserve(path string) (*File, error) {
	f, err := os.OpenFile(path, os.O_CREATE|os.O_EXCL|os.O_WRONLY, 0o600)
	if err != nil {
		return nil, err
	}
	return &File{Path: path, f: f}, nil
}

// Keep writes the secret (no trailing newline, so a tool reading the file
// raw gets exactly the secret) and closes the file.
func (s *File) Keep(secret string) error {
	_, err := s.f.WriteString(secret)
	if err == nil {
		err = s.f.Sync()
	}
	if closeErr := s.f.Close(); err == nil {
		err = closeErr
	}
	if err != nil {
		return fmt.Errorf("writing it to %s failed: %w", s.Path, err)
	}
	s.kept = true
	return nil
}

// Kept reports whether Keep succeeded.
func (s *File) Kept() bool { return s.kept }

// Discard removes the reserved file unless a secret was kept in it.
func (s *File) Discard() {
	if s.kept {
		return
	}
	_ = s.f.Close()
	_ = os.Remove(s.Path)
}

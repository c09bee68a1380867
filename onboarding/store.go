package onboarding

import (
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"io/fs"
	"os"
	"path/filepath"
	"time"
)

// FileName is the progress file's name in the store's folder.
const FileName = "progress.json"

// maxFileSize bounds what Load reads: a record is a few kilobytes.
const maxFileSize = 1 << 20

// ConfigDirEnv, when set, replaces the user config folder (tests, and
// merchants who keep tools' state elsewhere).
const ConfigDirEnv = "JUSTT_ONBOARD_CONFIG_DIR"

// DefaultDir is os.UserConfigDir()/justt-onboard, or $JUSTT_ONBOARD_CONFIG_DIR.
func DefaultDir(getenv func(string) string) (string, error) {
	if d := getenv(ConfigDirEnv); d != "" {
		return d, nil
	}
	base, err := os.UserConfigDir()
	if err != nil {
		return "", fmt.Errorf("no folder for the progress file (%w); set %s to one", err, ConfigDirEnv)
	}
	return filepath.Join(base, "justt-onboard"), nil
}

// Store is the progress file: the record without secrets, mode 0600,
// written atomically (a crash leaves the old file or the new one, never half
// of one).
type Store struct {
	Dir string
}

// Path is the progress file's path.
func (s Store) Path() string { return filepath.Join(s.Dir, FileName) }

// SetAside says that a progress file could not be used and where it was
// moved; it is never deleted silently.
type SetAside struct {
	Reason  string // what was wrong, in the merchant's words
	MovedTo string
}

func (a *SetAside) Error() string {
	return fmt.Sprintf("%s; it was moved to %s and a fresh onboarding starts", a.Reason, a.MovedTo)
}

// Load reads the record. found is false when there is no progress file. A
// file that cannot be read as a record (corrupt, or written by a newer
// version) is moved aside and reported in aside, with found false: the
// caller starts fresh and says so. err is for what could not be done at
// all (an unreadable folder).
func (s Store) Load() (r Record, found bool, aside *SetAside, err error) {
	f, err := os.Open(s.Path())
	if errors.Is(err, fs.ErrNotExist) {
		return Record{}, false, nil, nil
	}
	if err != nil {
		return Record{}, false, nil, fmt.Errorf("could not read the progress file %s: %w", s.Path(), err)
	}
	data, err := io.ReadAll(io.LimitReader(f, maxFileSize+1))
	f.Close()
	if err != nil {
		return Record{}, false, nil, fmt.Errorf("could not read the progress file %s: %w", s.Path(), err)
	}
	reason := ""
	switch {
	case len(data) > maxFileSize:
		reason = "the progress file is far larger than any onboarding record"
	default:
		var probe struct {
			Schema int `json:"schema"`
		}
		if jerr := json.Unmarshal(data, &probe); jerr != nil {
			reason = "the progress file is damaged (it is not a record this tool can read)"
		} else if probe.Schema > SchemaVersion {
			reason = fmt.Sprintf("the progress file was written by a newer justt-onboard (format %d; this one reads %d): update justt-onboard to resume it", probe.Schema, SchemaVersion)
		} else if probe.Schema < 1 {
			reason = "the progress file has no format version"
		} else if jerr := json.Unmarshal(data, &r); jerr != nil {
			reason = "the progress file is damaged (it is not a record this tool can read)"
		} else {
			reason = r.problem()
		}
	}
	if reason == "" {
		return r, true, nil, nil
	}
	moved, merr := s.setAside()
	if merr != nil {
		return Record{}, false, nil, fmt.Errorf("%s, and it could not be moved aside (%w); move or delete %s by hand", reason, merr, s.Path())
	}
	return Record{}, false, &SetAside{Reason: reason, MovedTo: moved}, nil
}

func (s Store) setAside() (string, error) {
	base := s.Path() + ".unreadable-" + time.Now().UTC().Format("20060102T150405Z")
	to := base
	for i := 2; ; i++ {
		if _, err := os.Lstat(to); errors.Is(err, fs.ErrNotExist) {
			break
		}
		to = fmt.Sprintf("%s-%d", base, i)
	}
	return to, os.Rename(s.Path(), to)
}

// RefusedError is Save's answer to a record that must not be written: one
// holding what looks like a secret, or one Load would set aside. Nothing
// was written.
type RefusedError struct {
	Reason string // problem()'s words, written of the file
}

// Secret is true when the record held what looks like a Stripe secret.
func (e *RefusedError) Secret() bool { return e.Reason == secretInFile }

func (e *RefusedError) Error() string {
	if e.Secret() {
		return "could not write the progress file: the record holds what looks like a Stripe secret, which the file never keeps (nothing was written; this is a bug in justt-onboard: please report it)"
	}
	return "could not write the progress file: the record is not one a later run could read (" + e.Reason + "; nothing was written; this is a bug in justt-onboard: please report it)"
}

// Save writes the record atomically with mode 0600, creating the folder
// (mode 0700) when needed. A record that holds what looks like a secret, or
// that Load would not accept, is refused with *RefusedError and nothing is
// written.
func (s Store) Save(r Record) error {
	if r.Schema == 0 {
		r.Schema = SchemaVersion
	}
	// Load's checks hold for what is written too: a secret that reached the
	// record must never reach the disk, and a record Load would set aside
	// would lose the merchant's progress next run. The file on disk, if
	// any, is left as it was.
	if p := r.problem(); p != "" {
		return &RefusedError{Reason: p}
	}
	data, err := json.MarshalIndent(r, "", "  ")
	if err != nil {
		return fmt.Errorf("could not encode the progress file: %w", err)
	}
	if err := os.MkdirAll(s.Dir, 0o700); err != nil {
		return fmt.Errorf("could not create the folder for the progress file: %w", err)
	}
	tmp, err := os.CreateTemp(s.Dir, FileName+".*.tmp")
	if err != nil {
		return fmt.Errorf("could not write the progress file: %w", err)
	}
	defer os.Remove(tmp.Name()) // a no-op once renamed
	if err := tmp.Chmod(0o600); err != nil {
		tmp.Close()
		return fmt.Errorf("could not write the progress file: %w", err)
	}
	_, err = tmp.Write(append(data, '\n'))
	if err == nil {
		err = tmp.Sync()
	}
	if cerr := tmp.Close(); err == nil {
		err = cerr
	}
	if err == nil {
		err = os.Rename(tmp.Name(), s.Path())
	}
	if err != nil {
		return fmt.Errorf("could not write the progress file: %w", err)
	}
	return nil
}

// Remove deletes the progress file; removed is false when there was none.
func (s Store) Remove() (removed bool, err error) {
	err = os.Remove(s.Path())
	if errors.Is(err, fs.ErrNotExist) {
		return false, nil
	}
	if err != nil {
		return false, fmt.Errorf("could not remove the progress file %s: %w", s.Path(), err)
	}
	return true, nil
}

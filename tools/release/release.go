package main

import (
	"context"
	"crypto/sha256"
	"encoding/hex"
	"errors"
	"fmt"
	"io"
	"os"
	"path/filepath"
)

// Options is what one release run builds.
type Options struct {
	Snapshot    bool
	Out         string
	Targets     []Target
	DownloadURL string
	// Dir is where to look for the git checkout; empty means the current
	// directory.
	Dir string
}

// Result names what was built.
type Result struct {
	Version string
	Commit  string
	Files   []string // artifact file names in Out, SHA256SUMS last
}

// archiveName is justt-onboard_<version>_<os>_<arch>.tar.gz (.zip on Windows).
func archiveName(s Stamp, t Target) string {
	ext := ".tar.gz"
	if t.OS == "windows" {
		ext = ".zip"
	}
	return fmt.Sprintf("justt-onboard_%s_%s_%s%s", s.Version, t.OS, t.Arch, ext)
}

// sbomName is the SBOM of one platform's binary.
func sbomName(s Stamp, t Target) string {
	return fmt.Sprintf("justt-onboard_%s_%s_%s.cdx.json", s.Version, t.OS, t.Arch)
}

// FormulaFile is the Homebrew formula's file name.
const FormulaFile = "justt-onboard.rb"

// Build runs the whole release into opts.Out, reporting progress to log.
func Build(ctx context.Context, opts Options, log io.Writer) (Result, error) {
	var res Result
	dir := opts.Dir
	if dir == "" {
		dir = "."
	}
	root, err := repoRoot(ctx, dir)
	if err != nil {
		return res, err
	}
	s, err := readStamp(ctx, root, opts.Snapshot)
	if err != nil {
		return res, err
	}
	res.Version, res.Commit = s.Version, s.Commit
	if err := prepareOut(opts.Out); err != nil {
		return res, err
	}
	if s.Dirty {
		fmt.Fprintf(log, "note: the work tree has uncommitted changes; this snapshot (%s) is built from them\n", s.Version)
	}
	work, err := os.MkdirTemp("", "justt-onboard-release-")
	if err != nil {
		return res, err
	}
	defer os.RemoveAll(work)

	write := func(name string, data []byte) error {
		if err := os.WriteFile(filepath.Join(opts.Out, name), data, 0o644); err != nil {
			return fmt.Errorf("writing %s: %w", name, err)
		}
		res.Files = append(res.Files, name)
		return nil
	}
	for _, t := range opts.Targets {
		if err := ctx.Err(); err != nil {
			return res, fmt.Errorf("release interrupted before %s: %w", t, err)
		}
		binary := filepath.Join(work, t.OS+"_"+t.Arch, t.BinaryName())
		if err := buildBinary(ctx, root, t, s, binary); err != nil {
			return res, err
		}
		data, err := os.ReadFile(binary)
		if err != nil {
			return res, err
		}
		sum := sha256.Sum256(data)
		entries, err := archiveEntries(root, t, binary)
		if err != nil {
			return res, err
		}
		var archive []byte
		if t.OS == "windows" {
			archive, err = zipArchive(entries, s.Time)
		} else {
			archive, err = tarGz(entries, s.Time)
		}
		if err != nil {
			return res, fmt.Errorf("archiving %s: %w", t, err)
		}
		if err := write(archiveName(s, t), archive); err != nil {
			return res, err
		}
		sbom, err := sbomFor(binary, t, s, sum)
		if err != nil {
			return res, err
		}
		if err := write(sbomName(s, t), sbom); err != nil {
			return res, err
		}
		if t.OS == "linux" {
			for _, format := range packageFormats {
				name, pkg, err := linuxPackage(format, t, s, root, binary)
				if err != nil {
					return res, err
				}
				if err := write(name, pkg); err != nil {
					return res, err
				}
			}
		}
		fmt.Fprintf(log, "built %s\n", t)
	}

	sums, err := hashDir(opts.Out)
	if err != nil {
		return res, err
	}
	if hasBrewTarget(opts.Targets) {
		formula, err := renderFormula(s, opts.DownloadURL, sums)
		if err != nil {
			return res, err
		}
		if err := write(FormulaFile, formula); err != nil {
			return res, err
		}
		sum := sha256.Sum256(formula)
		sums[FormulaFile] = hex.EncodeToString(sum[:])
	}
	if err := writeSums(opts.Out, sums); err != nil {
		return res, err
	}
	res.Files = append(res.Files, SumsFile)
	return res, nil
}

func hasBrewTarget(ts []Target) bool {
	for _, t := range ts {
		if t.OS != "windows" {
			return true
		}
	}
	return false
}

// prepareOut creates the output folder, refusing one that holds anything:
// a stale artifact must never end up in SHA256SUMS.
func prepareOut(out string) error {
	entries, err := os.ReadDir(out)
	switch {
	case errors.Is(err, os.ErrNotExist):
		if err := os.MkdirAll(out, 0o755); err != nil {
			return fmt.Errorf("creating --out %s: %w", out, err)
		}
		return nil
	case err != nil:
		return fmt.Errorf("--out %s: %w", out, err)
	case len(entries) > 0:
		return &usageError{fmt.Sprintf("--out %s is not empty: give a new folder (stale files would be listed in %s)", out, SumsFile)}
	}
	return nil
}

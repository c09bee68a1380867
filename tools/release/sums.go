package main

import (
	"bytes"
	"crypto/sha256"
	"encoding/hex"
	"fmt"
	"io"
	"maps"
	"os"
	"path/filepath"
	"slices"
)

// SumsFile is the checksum list, in the format `sha256sum -c` reads.
const SumsFile = "SHA256SUMS"

// hashDir is the SHA-256 of every file in dir but SHA256SUMS: name → hex.
func hashDir(dir string) (map[string]string, error) {
	entries, err := os.ReadDir(dir)
	if err != nil {
		return nil, err
	}
	sums := map[string]string{}
	for _, e := range entries {
		if e.IsDir() || e.Name() == SumsFile {
			continue
		}
		if sums[e.Name()], err = fileSHA256(filepath.Join(dir, e.Name())); err != nil {
			return nil, err
		}
	}
	return sums, nil
}

// writeSums writes SHA256SUMS in dir from sums, sorted by name.
func writeSums(dir string, sums map[string]string) error {
	names := slices.Sorted(maps.Keys(sums))
	var buf bytes.Buffer
	for _, n := range names {
		fmt.Fprintf(&buf, "%s  %s\n", sums[n], n)
	}
	return os.WriteFile(filepath.Join(dir, SumsFile), buf.Bytes(), 0o644)
}

func fileSHA256(path string) (string, error) {
	f, err := os.Open(path)
	if err != nil {
		return "", err
	}
	defer f.Close()
	h := sha256.New()
	if _, err := io.Copy(h, f); err != nil {
		return "", fmt.Errorf("hashing %s: %w", filepath.Base(path), err)
	}
	return hex.EncodeToString(h.Sum(nil)), nil
}

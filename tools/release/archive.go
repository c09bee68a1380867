package main

import (
	"archive/tar"
	"archive/zip"
	"bytes"
	"compress/flate"
	"compress/gzip"
	"fmt"
	"io"
	"io/fs"
	"os"
	"sort"
	"time"
)

// entry is one file in an archive.
type entry struct {
	Name string
	Mode fs.FileMode
	Data []byte
}

// sortEntries orders entries by name, so the archive does not depend on the
// order files were gathered in.
func sortEntries(entries []entry) []entry {
	out := append([]entry(nil), entries...)
	sort.Slice(out, func(i, j int) bool { return out[i].Name < out[j].Name })
	return out
}

// tarGz returns a gzip-compressed tar of entries with every mtime set to
// mtime, owner root, and a gzip header without a time or a name: the same
// entries and mtime always give the same bytes.
func tarGz(entries []entry, mtime time.Time) ([]byte, error) {
	var buf bytes.Buffer
	gz, err := gzip.NewWriterLevel(&buf, gzip.BestCompression)
	if err != nil {
		return nil, err
	}
	// gzip.Writer leaves Header.ModTime zero, which writes no time; say so.
	gz.Header = gzip.Header{OS: 255}
	tw := tar.NewWriter(gz)
	for _, e := range sortEntries(entries) {
		hdr := &tar.Header{
			Typeflag: tar.TypeReg,
			Name:     e.Name,
			Mode:     int64(e.Mode.Perm()),
			Size:     int64(len(e.Data)),
			ModTime:  mtime.UTC(),
			Uid:      0, Gid: 0, Uname: "root", Gname: "root",
			Format: tar.FormatUSTAR,
		}
		if err := tw.WriteHeader(hdr); err != nil {
			return nil, fmt.Errorf("tar header for %s: %w", e.Name, err)
		}
		if _, err := tw.Write(e.Data); err != nil {
			return nil, fmt.Errorf("tar data for %s: %w", e.Name, err)
		}
	}
	if err := tw.Close(); err != nil {
		return nil, err
	}
	if err := gz.Close(); err != nil {
		return nil, err
	}
	return buf.Bytes(), nil
}

// zipArchive returns a deflated zip of entries, sorted, every mtime mtime.
func zipArchive(entries []entry, mtime time.Time) ([]byte, error) {
	var buf bytes.Buffer
	zw := zip.NewWriter(&buf)
	zw.RegisterCompressor(zip.Deflate, func(w io.Writer) (io.WriteCloser, error) {
		return flate.NewWriter(w, flate.BestCompression)
	})
	for _, e := range sortEntries(entries) {
		hdr := &zip.FileHeader{Name: e.Name, Method: zip.Deflate, Modified: mtime.UTC()}
		hdr.SetMode(e.Mode.Perm())
		w, err := zw.CreateHeader(hdr)
		if err != nil {
			return nil, fmt.Errorf("zip header for %s: %w", e.Name, err)
		}
		if _, err := w.Write(e.Data); err != nil {
			return nil, fmt.Errorf("zip data for %s: %w", e.Name, err)
		}
	}
	if err := zw.Close(); err != nil {
		return nil, err
	}
	return buf.Bytes(), nil
}

// archiveEntries gathers what every archive holds: the binary, README.md
// and LICENSE from the repository root.
func archiveEntries(root string, t Target, binary string) ([]entry, error) {
	files := []struct {
		src, name string
		mode      fs.FileMode
	}{
		{binary, t.BinaryName(), 0o755},
		{root + "/README.md", "README.md", 0o644},
		{root + "/LICENSE", "LICENSE", 0o644},
	}
	var out []entry
	for _, f := range files {
		data, err := os.ReadFile(f.src)
		if err != nil {
			return nil, fmt.Errorf("reading %s for the %s archive: %w", f.name, t, err)
		}
		out = append(out, entry{Name: f.name, Mode: f.mode, Data: data})
	}
	return out, nil
}

func fsMode(m uint32) fs.FileMode { return fs.FileMode(m) }

package main

import (
	"archive/tar"
	"archive/zip"
	"bytes"
	"compress/gzip"
	"io"
	"testing"
	"time"
)

var commitTime = time.Date(2026, 12, 2, 15, 4, 5, 0, time.UTC)

func sampleEntries() []entry {
	// Deliberately unsorted: the archive must not depend on gathering order.
	return []entry{
		{Name: "README.md", Mode: 0o644, Data: []byte("# readme\n")},
		{Name: "justt-onboard", Mode: 0o755, Data: []byte("\x7fELF binary")},
		{Name: "LICENSE", Mode: 0o644, Data: []byte("MIT\n")},
	}
}

func TestTarGzIsReproducibleAndSorted(t *testing.T) {
	a, err := tarGz(sampleEntries(), commitTime)
	if err != nil {
		t.Fatal(err)
	}
	rev := sampleEntries()
	rev[0], rev[2] = rev[2], rev[0]
	b, err := tarGz(rev, commitTime)
	if err != nil {
		t.Fatal(err)
	}
	if !bytes.Equal(a, b) {
		t.Fatal("the same files in another order gave different archive bytes")
	}
	later, err := tarGz(sampleEntries(), commitTime.Add(time.Second))
	if err != nil {
		t.Fatal(err)
	}
	if bytes.Equal(a, later) {
		t.Fatal("the commit time is not in the archive (mtimes ignored?)")
	}

	gz, err := gzip.NewReader(bytes.NewReader(a))
	if err != nil {
		t.Fatal(err)
	}
	if !gz.Header.ModTime.IsZero() || gz.Header.Name != "" {
		t.Errorf("gzip header carries time %v / name %q; want neither", gz.Header.ModTime, gz.Header.Name)
	}
	tr := tar.NewReader(gz)
	var names []string
	for {
		h, err := tr.Next()
		if err == io.EOF {
			break
		}
		if err != nil {
			t.Fatal(err)
		}
		names = append(names, h.Name)
		if !h.ModTime.Equal(commitTime) || h.Uid != 0 || h.Gid != 0 {
			t.Errorf("%s: mtime %v uid %d gid %d; want %v, 0, 0", h.Name, h.ModTime, h.Uid, h.Gid, commitTime)
		}
		want := int64(0o644)
		if h.Name == "justt-onboard" {
			want = 0o755
		}
		if h.Mode != want {
			t.Errorf("%s: mode %o, want %o", h.Name, h.Mode, want)
		}
	}
	if got := len(names); got != 3 || names[0] != "LICENSE" || names[1] != "README.md" || names[2] != "justt-onboard" {
		t.Errorf("entries %q, want LICENSE, README.md, justt-onboard in that order", names)
	}
}

func TestZipIsReproducibleAndSorted(t *testing.T) {
	entries := sampleEntries()
	entries[1].Name = "justt-onboard.exe"
	a, err := zipArchive(entries, commitTime)
	if err != nil {
		t.Fatal(err)
	}
	entries[0], entries[2] = entries[2], entries[0]
	b, err := zipArchive(entries, commitTime)
	if err != nil {
		t.Fatal(err)
	}
	if !bytes.Equal(a, b) {
		t.Fatal("the same files in another order gave different zip bytes")
	}
	zr, err := zip.NewReader(bytes.NewReader(a), int64(len(a)))
	if err != nil {
		t.Fatal(err)
	}
	var names []string
	for _, f := range zr.File {
		names = append(names, f.Name)
		if !f.Modified.Equal(commitTime) {
			t.Errorf("%s: modified %v, want %v", f.Name, f.Modified, commitTime)
		}
		rc, err := f.Open()
		if err != nil {
			t.Fatal(err)
		}
		data, err := io.ReadAll(rc)
		rc.Close()
		if err != nil || len(data) == 0 {
			t.Errorf("%s: read %d bytes, err %v", f.Name, len(data), err)
		}
	}
	if len(names) != 3 || names[0] != "LICENSE" || names[2] != "justt-onboard.exe" {
		t.Errorf("entries %q, want LICENSE, README.md, justt-onboard.exe", names)
	}
}

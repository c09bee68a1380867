package main

import (
	"bytes"
	"crypto/sha256"
	"encoding/json"
	"runtime/debug"
	"testing"
)

func TestSBOMListsLinkedModules(t *testing.T) {
	info := &debug.BuildInfo{
		GoVersion: "go1.26.8",
		Main:      debug.Module{Path: modulePath, Version: "(devel)"},
		Deps: []*debug.Module{
			{Path: "github.com/spf13/cobra", Version: "v1.10.2", Sum: "h1:abc="},
			{Path: "example.com/old", Version: "v1.0.0", Replace: &debug.Module{Path: "example.com/fork", Version: "v1.0.1"}},
		},
	}
	s := Stamp{Version: "1.2.3", Commit: "0123456789abcdef0123456789abcdef01234567", Time: commitTime}
	sum := sha256.Sum256([]byte("binary"))
	a, err := renderSBOM(info, Target{"linux", "amd64"}, s, sum)
	if err != nil {
		t.Fatal(err)
	}
	b, err := renderSBOM(info, Target{"linux", "amd64"}, s, sum)
	if err != nil {
		t.Fatal(err)
	}
	if !bytes.Equal(a, b) {
		t.Fatal("the same binary gave two different SBOMs")
	}
	var doc struct {
		BOMFormat, SpecVersion, SerialNumber string
		Metadata                             struct {
			Timestamp string
			Component struct{ Name, Version, Purl string }
		}
		Components []struct{ Name, Version, Purl string }
	}
	if err := json.Unmarshal(a, &doc); err != nil {
		t.Fatal(err)
	}
	if doc.BOMFormat != "CycloneDX" || doc.SpecVersion == "" {
		t.Errorf("bomFormat %q specVersion %q", doc.BOMFormat, doc.SpecVersion)
	}
	if doc.Metadata.Timestamp != "2026-12-02T15:04:05Z" || doc.Metadata.Component.Version != "1.2.3" {
		t.Errorf("metadata %+v, want the commit time and version 1.2.3", doc.Metadata)
	}
	purls := map[string]bool{}
	for _, c := range doc.Components {
		purls[c.Purl] = true
	}
	for _, want := range []string{"pkg:golang/stdlib@1.26.8", "pkg:golang/github.com/spf13/cobra@v1.10.2", "pkg:golang/example.com/fork@v1.0.1"} {
		if !purls[want] {
			t.Errorf("components lack %s; have %v", want, purls)
		}
	}
	if purls["pkg:golang/example.com/old@v1.0.0"] {
		t.Error("a replaced module is listed instead of its replacement")
	}
	if len(doc.SerialNumber) != len("urn:uuid:")+36 {
		t.Errorf("serial number %q is not a urn:uuid", doc.SerialNumber)
	}
	other, err := renderSBOM(info, Target{"linux", "amd64"}, s, sha256.Sum256([]byte("other binary")))
	if err != nil {
		t.Fatal(err)
	}
	if bytes.Equal(a, other) {
		t.Error("two different binaries gave the same SBOM (serial and hash must differ)")
	}
}

func TestSBOMRefusesAnotherModule(t *testing.T) {
	info := &debug.BuildInfo{Main: debug.Module{Path: "example.com/not-us"}}
	if _, err := renderSBOM(info, Target{"linux", "amd64"}, Stamp{Version: "1"}, [32]byte{}); err == nil {
		t.Error("rendered an SBOM for a binary of another module")
	}
}

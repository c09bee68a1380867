package main

import (
	"strings"
	"testing"
)

func TestFormulaFromSums(t *testing.T) {
	s := Stamp{Version: "1.2.3"}
	sums := map[string]string{}
	for i, target := range AllTargets {
		os, arch, _ := strings.Cut(target, "/")
		sums[archiveName(s, Target{OS: os, Arch: arch})] = strings.Repeat(string(rune('a'+i)), 64)
	}
	f, err := renderFormula(s, DefaultDownloadURL, sums)
	if err != nil {
		t.Fatal(err)
	}
	text := string(f)
	for _, want := range []string{
		`class JusttOnboard < Formula`,
		`version "1.2.3"`,
		`url "https://github.com/justt-ai/justt-onboard/releases/download/v1.2.3/justt-onboard_1.2.3_darwin_arm64.tar.gz"`,
		`sha256 "` + strings.Repeat("b", 64) + `"`, // darwin/arm64
		`sha256 "` + strings.Repeat("a", 64) + `"`, // darwin/amd64
		`sha256 "` + strings.Repeat("d", 64) + `"`, // linux/arm64
		`sha256 "` + strings.Repeat("c", 64) + `"`, // linux/amd64
		`bin.install "justt-onboard"`,
	} {
		if !strings.Contains(text, want) {
			t.Errorf("formula lacks %s\n%s", want, text)
		}
	}
	// Each archive sits in its own platform block.
	arm := strings.Index(text, "on_macos do\n    on_arm do\n      url \"https://github.com/justt-ai/justt-onboard/releases/download/v1.2.3/justt-onboard_1.2.3_darwin_arm64.tar.gz\"")
	if arm < 0 {
		t.Errorf("the darwin/arm64 archive is not under on_macos/on_arm:\n%s", text)
	}
	if strings.Contains(text, "windows") {
		t.Errorf("the formula mentions the Windows archive:\n%s", text)
	}
}

func TestFormulaNeedsAnArchive(t *testing.T) {
	s := Stamp{Version: "1.2.3"}
	if _, err := renderFormula(s, DefaultDownloadURL, map[string]string{archiveName(s, Target{"windows", "amd64"}): strings.Repeat("a", 64)}); err == nil {
		t.Error("rendered a formula with no macOS or Linux archive")
	}
	if _, err := renderFormula(s, DefaultDownloadURL, map[string]string{archiveName(s, Target{"linux", "amd64"}): "short"}); err == nil {
		t.Error("rendered a formula from a malformed sum")
	}
}

package main

import (
	"bufio"
	"fmt"
	"io"
	"os"
	"path/filepath"
	"regexp"
	"strings"
	"testing"
)

func TestSumsRoundTrip(t *testing.T) {
	dir := t.TempDir()
	files := map[string]string{
		"justt-onboard_1.2.3_linux_amd64.tar.gz": "a",
		"justt-onboard_1.2.3~rc.1_amd64.deb":     "b",
		"justt-onboard.rb":                       "c",
	}
	for name, data := range files {
		if err := os.WriteFile(filepath.Join(dir, name), []byte(data), 0o644); err != nil {
			t.Fatal(err)
		}
	}
	sums, err := hashDir(dir)
	if err != nil {
		t.Fatal(err)
	}
	if err := writeSums(dir, sums); err != nil {
		t.Fatal(err)
	}
	// sha256("a"), computed independently.
	if got := sums["justt-onboard_1.2.3_linux_amd64.tar.gz"]; got != "ca978112ca1bbdcafac231b39a23dc4da786eff8147c4e72b9807785afee48bb" {
		t.Errorf("sum of \"a\" = %s", got)
	}
	text, err := os.ReadFile(filepath.Join(dir, SumsFile))
	if err != nil {
		t.Fatal(err)
	}
	lines := strings.Split(strings.TrimSuffix(string(text), "\n"), "\n")
	if len(lines) != 3 || !strings.HasSuffix(lines[0], "  justt-onboard.rb") {
		t.Errorf("SHA256SUMS = %q, want three lines sorted by name", text)
	}
	back, err := parseSums(strings.NewReader(string(text)))
	if err != nil {
		t.Fatal(err)
	}
	for name, sum := range sums {
		if back[name] != sum {
			t.Errorf("%s: parsed %q, wrote %q", name, back[name], sum)
		}
	}
	// Hashing again does not list SHA256SUMS itself.
	if again, err := hashDir(dir); err != nil || len(again) != 3 {
		t.Errorf("second hashDir: %d sums, err %v", len(again), err)
	}
}

func TestParseSumsRefusesOddNames(t *testing.T) {
	sum := strings.Repeat("ab", 32)
	for _, line := range []string{
		sum + "  ../../etc/passwd",
		sum + "  name\x1b[31m",
		sum + " one-space",
		"abc  short-sum",
	} {
		if _, err := parseSums(strings.NewReader(line + "\n")); err == nil {
			t.Errorf("parseSums accepted %q", line)
		}
	}
}

var sumLine = regexp.MustCompile(`^([0-9a-f]{64})  ([A-Za-z0-9._+~-]+)$`)

// parseSums reads a SHA256SUMS file (as install.sh and sha256sum -c do): file name → hex sum.
func parseSums(r io.Reader) (map[string]string, error) {
	out := map[string]string{}
	sc := bufio.NewScanner(r)
	for n := 1; sc.Scan(); n++ {
		line := strings.TrimRight(sc.Text(), "\r")
		m := sumLine.FindStringSubmatch(line)
		if m == nil {
			return nil, fmt.Errorf("%s line %d is not \"<sha256>  <file>\"", SumsFile, n)
		}
		out[m[2]] = m[1]
	}
	return out, sc.Err()
}

package main

import (
	"os"
	"regexp"
	"slices"
	"testing"
)

// TestReliabilityDocMatchesCI: the fuzz table of docs/reliability.md names
// the targets .ci/run fuzzes, in its order, each with the budget it runs.
func TestReliabilityDocMatchesCI(t *testing.T) {
	ci, err := os.ReadFile(".ci/run")
	if err != nil {
		t.Fatal(err)
	}
	doc, err := os.ReadFile("docs/reliability.md")
	if err != nil {
		t.Fatal(err)
	}
	var run []string
	for _, m := range regexp.MustCompile(`\./([a-z/]+):(Fuzz[A-Za-z]+)`).FindAllStringSubmatch(string(ci), -1) {
		run = append(run, m[1]+" "+m[2])
	}
	budget := regexp.MustCompile(`-fuzztime (\S+) "\$\{entry`).FindStringSubmatch(string(ci))
	if len(run) == 0 || budget == nil {
		t.Fatalf("no fuzz loop found in .ci/run (targets %q, budget %q)", run, budget)
	}
	var documented []string
	rows := regexp.MustCompile("`go test \\./([a-z/]+) -run '\\^\\$' -fuzz '\\^(Fuzz[A-Za-z]+)\\$' -fuzztime (\\S+)`").FindAllStringSubmatch(string(doc), -1)
	for _, m := range rows {
		documented = append(documented, m[1]+" "+m[2])
		if m[3] != budget[1] {
			t.Errorf("docs/reliability.md runs %s for %s; .ci/run for %s", m[2], m[3], budget[1])
		}
	}
	if !slices.Equal(run, documented) {
		t.Errorf("fuzz targets differ:\n.ci/run:             %q\ndocs/reliability.md: %q", run, documented)
	}
}

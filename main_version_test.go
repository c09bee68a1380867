package main

import (
	"strings"
	"testing"

	"github.com/justt-ai/justt-onboard/internal/buildstamp"
)

// TestVersionsKeepTheWireBare: the version sent to Justt and written into
// the webhook metadata is the bare version, never the --version line with
// its commit and build date (docs/justt-api.md: justt-onboard/<version>).
func TestVersionsKeepTheWireBare(t *testing.T) {
	t.Parallel()
	stamped := buildstamp.Stamp{Version: "1.2.3", Commit: "0123456789abcdef0123456789abcdef01234567", Date: "2026-01-02T03:04:05Z"}
	wire, text := versions(stamped)
	if wire != "1.2.3" {
		t.Errorf("wire version %q, want 1.2.3", wire)
	}
	if !strings.HasPrefix(text, "1.2.3 (") || !strings.Contains(text, "commit 0123456789ab") || !strings.Contains(text, "built 2026-01-02T03:04:05Z") {
		t.Errorf("--version text %q lacks the commit or the build date", text)
	}
	// An unstamped build (this test binary) says "dev" or its module
	// version on the wire: one token, no parenthesis.
	wire, text = versions(buildstamp.Stamp{})
	if wire == "" || strings.ContainsAny(wire, " ()") || !strings.HasPrefix(text, wire) {
		t.Errorf("unstamped: wire %q, text %q", wire, text)
	}
}

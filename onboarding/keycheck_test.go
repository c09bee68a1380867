package onboarding

import (
	"encoding/json"
	"slices"
	"strings"
	"testing"

	"github.com/justt-ai/justt-onboard/stripecheck"
)

func rows(s stripecheck.Status) []stripecheck.Result {
	out := stripecheck.UnknownRows("")
	for i := range out {
		out[i].Status = s
	}
	return out
}

// TestKeyCheckOf: the verdict follows the report's exit code, the warnings
// are the report's warning codes plus a test key's (once), and the report
// is kept as JSON.
func TestKeyCheckOf(t *testing.T) {
	liveKey, err := stripecheck.ParseKey("rk_live_" + strings.Repeat("Ab3", 30))
	if err != nil {
		t.Fatal(err)
	}
	testKey, err := stripecheck.ParseKey("rk_test_" + strings.Repeat("Ab3", 30))
	if err != nil {
		t.Fatal(err)
	}
	excess := stripecheck.Problem{Severity: stripecheck.SeverityWarning, Code: "excess_write_access"}
	testMode := stripecheck.Problem{Severity: stripecheck.SeverityWarning, Code: stripecheck.CodeTestMode}
	for _, tc := range []struct {
		name     string
		key      stripecheck.Key
		report   stripecheck.Report
		verdict  Verdict
		warnings []string
	}{
		{"ready live key", liveKey, stripecheck.Report{AccountID: "acct_1", Permissions: rows(stripecheck.Granted)}, VerdictReady, nil},
		{"ready with a warning", liveKey, stripecheck.Report{Permissions: rows(stripecheck.Granted), Problems: []stripecheck.Problem{excess}}, VerdictReady, []string{"excess_write_access"}},
		{"test key", testKey, stripecheck.Report{Permissions: rows(stripecheck.Granted)}, VerdictReady, []string{stripecheck.CodeTestMode}},
		{"test key the report names", testKey, stripecheck.Report{Permissions: rows(stripecheck.Granted), Problems: []stripecheck.Problem{testMode}}, VerdictReady, []string{stripecheck.CodeTestMode}},
		{"missing", liveKey, stripecheck.Report{Permissions: rows(stripecheck.Missing)}, VerdictNotReady, nil},
		{"outage", liveKey, stripecheck.Report{Permissions: rows(stripecheck.Unknown)}, VerdictUndecided, nil},
	} {
		t.Run(tc.name, func(t *testing.T) {
			c, err := KeyCheckOf(tc.key, tc.report)
			if err != nil {
				t.Fatal(err)
			}
			if c.Verdict != tc.verdict || VerdictOf(tc.report) != tc.verdict || !slices.Equal(c.Warnings, tc.warnings) || c.AccountID != tc.report.AccountID {
				t.Fatalf("got %s %v %q, want %s %v %q", c.Verdict, c.Warnings, c.AccountID, tc.verdict, tc.warnings, tc.report.AccountID)
			}
			var back stripecheck.Report
			if err := json.Unmarshal(c.Report, &back); err != nil || back.Ready() != tc.report.Ready() {
				t.Fatalf("kept report %s (%v)", c.Report, err)
			}
		})
	}
}

func TestFactsOfHoldsNoSecret(t *testing.T) {
	raw := "rk_live_" + strings.Repeat("Ab3", 30)
	k, _ := stripecheck.ParseKey(raw)
	f := FactsOf(k)
	if f.Redacted != k.Redacted() || f.Kind != string(stripecheck.Restricted) || f.Mode != string(stripecheck.Live) || strings.Contains(f.Redacted, raw[8:20]) {
		t.Fatalf("facts %+v", f)
	}
}

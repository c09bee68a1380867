package onboarding

import (
	"encoding/json"
	"fmt"

	"github.com/justt-ai/justt-onboard/stripecheck"
)

// FactsOf is what the record may keep about key: its redacted form, kind
// and mode, never its value.
func FactsOf(key stripecheck.Key) KeyFacts {
	return KeyFacts{Redacted: key.Redacted(), Kind: string(key.Kind()), Mode: string(key.Mode())}
}

// VerdictOf is the record's verdict for a check's report.
func VerdictOf(r stripecheck.Report) Verdict {
	switch r.ExitCode() {
	case stripecheck.ExitReady:
		return VerdictReady
	case stripecheck.ExitUndecided:
		return VerdictUndecided
	}
	return VerdictNotReady
}

// KeyCheckOf is what the record keeps of a check of key (KeyChecked takes
// it): the verdict, the account, the codes of the warnings the merchant
// may continue past (a test-mode key is one, whether or not the report
// names it) and the report as `check --json` prints it. The wizard and
// `submit` both record their checks through it, so they judge alike. When
// the report cannot be put in JSON, the error says so and the rest is
// still returned (with no report).
func KeyCheckOf(key stripecheck.Key, r stripecheck.Report) (KeyCheck, error) {
	c := KeyCheck{Verdict: VerdictOf(r), AccountID: r.AccountID}
	testMode := false
	for _, p := range r.Problems {
		if p.Severity == stripecheck.SeverityWarning {
			c.Warnings = append(c.Warnings, p.Code)
		}
		testMode = testMode || p.Code == stripecheck.CodeTestMode
	}
	if key.Mode() == stripecheck.Test && !testMode {
		c.Warnings = append(c.Warnings, stripecheck.CodeTestMode)
	}
	raw, err := json.Marshal(r)
	if err != nil {
		return c, fmt.Errorf("could not put the check's report in JSON: %w", err)
	}
	c.Report = raw
	return c, nil
}

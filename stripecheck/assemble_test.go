package stripecheck

import (
	"slices"
	"testing"

	"github.com/justt-ai/justt-onboard/steps"
)

func rowsWith(status func(i int) Status) []Result {
	out := make([]Result, len(steps.Required))
	for i, p := range steps.Required {
		out[i] = Result{Permission: p, Status: status(i), Detail: "Stripe answered"}
	}
	return out
}

func TestAssembleOrdersRowsAndFillsGaps(t *testing.T) {
	t.Parallel()
	key := testKey(t)
	all := rowsWith(func(int) Status { return Granted })
	shuffled := append([]Result{}, all...)
	slices.Reverse(shuffled)
	shuffled = shuffled[:len(shuffled)-1] // Charges never answered
	r := Assemble(key, shuffled, Diagnosis{}, Options{})
	for i, row := range r.Permissions {
		if row.Permission != steps.Required[i] {
			t.Fatalf("row %d is %s, want %s", i, row.Permission, steps.Required[i])
		}
	}
	if r.Permissions[0].Status != Unknown || r.Count(Granted) != len(steps.Required)-1 {
		t.Errorf("rows %+v", r.Permissions)
	}
	if r.ExitCode() != ExitUndecided || !hasProblem(r, CodeUnknownStatus, SeverityWarning) {
		t.Errorf("exit %d problems %v", r.ExitCode(), problemCodes(r))
	}
}

func TestAssembleTakesTheFirstAccountFound(t *testing.T) {
	t.Parallel()
	key := testKey(t)
	rows := rowsWith(func(i int) Status { return Missing })
	rows[3].accountID, rows[5].accountID = "acct_fromRow3", "acct_fromRow5"
	if got := Assemble(key, rows, Diagnosis{}, Options{}).AccountID; got != "acct_fromRow3" {
		t.Errorf("account %q, want the first row's", got)
	}
	if got := Assemble(key, rows, Diagnosis{AccountID: "acct_fromDiagnosis"}, Options{}).AccountID; got != "acct_fromDiagnosis" {
		t.Errorf("account %q, want the diagnosis's", got)
	}
}

func TestAssembleRejectedKey(t *testing.T) {
	t.Parallel()
	key := testKey(t)
	rows := rowsWith(func(int) Status { return Unknown })
	rejected := Problem{Severity: SeverityError, Code: CodeKeyExpired, Message: "expired", Fix: "Step 4"}
	rows[4].rejection = &rejected
	r := Assemble(key, rows, Diagnosis{Excess: []steps.Permission{steps.ChargesWrite}}, Options{})
	if r.Count(Unknown) != len(steps.Required) || len(r.Problems) != 1 || r.Problems[0] != rejected {
		t.Errorf("rows %+v problems %+v", r.Permissions, r.Problems)
	}
	if len(r.Excess) != 0 || r.ExitCode() != ExitNotReady {
		t.Errorf("excess %v exit %d", r.Excess, r.ExitCode())
	}
}

func TestAssembleErrorsComeFirst(t *testing.T) {
	t.Parallel()
	key := testKey(t)
	rows := rowsWith(func(i int) Status {
		if steps.Required[i].Scope == "rak_dispute_write" {
			return Missing
		}
		return Granted
	})
	d := Diagnosis{Excess: []steps.Permission{steps.ChargesWrite}, Issuing: []steps.Permission{steps.IssuingDisputesRead}}
	r := Assemble(key, rows, d, Options{RequireLive: true})
	want := []string{"error:" + CodeTestMode, "error:" + CodeIssuingTrap, "warning:" + CodeExcessWrite}
	if got := problemCodes(r); !slices.Equal(got, want) {
		t.Errorf("problems %v, want %v", got, want)
	}
	if r.Permissions[7].Fix != steps.Required[7].Fix() {
		t.Errorf("missing Disputes row has fix %q", r.Permissions[7].Fix)
	}
}

func TestPrecheckOnlyStopsWrongKinds(t *testing.T) {
	t.Parallel()
	for _, raw := range []string{modern("rk_live_"), modern("rk_test_"), modern("sk_live_"), modern("rkcs_test_")} {
		if _, stop := Precheck(parsed(t, raw), Options{}); stop {
			t.Errorf("%s stopped before probing", parsed(t, raw).Kind())
		}
	}
	r, stop := Precheck(parsed(t, modern("pk_test_")), Options{WebhookSecretGiven: true})
	if !stop || r.Count(Unknown) != len(steps.Required) || r.ExitCode() != ExitNotReady {
		t.Fatalf("publishable key: stop %v report %+v", stop, r)
	}
	if want := []string{"error:" + CodeWrongKind, "error:" + CodeWebhookSecretBad}; !slices.Equal(problemCodes(r), want) {
		t.Errorf("problems %v, want %v", problemCodes(r), want)
	}
}

// TestAssembleBlamesThePathOnlyForTheSameForeignAnswer: the proxy warning
// needs the same 403 (not Stripe's) on several rows; different ones, or one
// alone, leave it to each row's detail.
func TestAssembleBlamesThePathOnlyForTheSameForeignAnswer(t *testing.T) {
	t.Parallel()
	key := testKey(t)
	tests := []struct {
		name    string
		answers []string // per row, "" for a granted row
		warned  bool
	}{
		{"nine the same", []string{"a", "a", "a", "a", "a", "a", "a", "a", "a"}, true},
		{"three the same", []string{"a", "a", "a", "", "", "", "", "", ""}, true},
		{"two the same", []string{"a", "a", "", "", "", "", "", "", ""}, false},
		{"all different", []string{"a", "b", "c", "d", "e", "f", "g", "h", "i"}, false},
	}
	for _, tt := range tests {
		rows := rowsWith(func(i int) Status {
			if tt.answers[i] == "" {
				return Granted
			}
			return Unknown
		})
		for i, a := range tt.answers {
			if a != "" {
				rows[i].cause, rows[i].answer = FailureNotStripe, "403 "+a
			}
		}
		r := Assemble(key, rows, Diagnosis{}, Options{})
		if got := hasProblem(r, CodeNotStripe, SeverityWarning); got != tt.warned {
			t.Errorf("%s: warned %v, want %v (%v)", tt.name, got, tt.warned, problemCodes(r))
		}
		if r.ExitCode() != ExitUndecided {
			t.Errorf("%s: exit %d, want 3", tt.name, r.ExitCode())
		}
	}
	// One IP refusal is enough to say why.
	rows := rowsWith(func(i int) Status { return Granted })
	rows[2].Status, rows[2].cause = Unknown, FailureIPLimited
	if r := Assemble(key, rows, Diagnosis{}, Options{}); !hasProblem(r, CodeIPRestricted, SeverityWarning) {
		t.Errorf("IP refusal not explained: %v", problemCodes(r))
	}
}

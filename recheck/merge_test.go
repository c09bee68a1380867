package recheck

import (
	"testing"

	"github.com/justt-ai/justt-onboard/steps"
	"github.com/justt-ai/justt-onboard/stripecheck"
)

// TestMerge: a round's answers replace only their own rows, in place, and
// the rows given are left as they were.
func TestMerge(t *testing.T) {
	var rows []stripecheck.Result
	for _, p := range steps.Required {
		rows = append(rows, stripecheck.Result{Permission: p, Status: stripecheck.Missing})
	}
	disputes := steps.Required[7]
	got := Merge(rows, []stripecheck.Result{{Permission: disputes, Status: stripecheck.Granted}})
	for i, r := range got {
		want := stripecheck.Missing
		if r.Permission == disputes {
			want = stripecheck.Granted
		}
		if r.Status != want || r.Permission != rows[i].Permission {
			t.Errorf("row %d: %s %s, want %s %s", i, r.Permission, r.Status, rows[i].Permission, want)
		}
	}
	if rows[7].Status != stripecheck.Missing {
		t.Error("Merge changed the rows it was given")
	}
}

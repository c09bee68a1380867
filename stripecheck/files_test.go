package stripecheck

import (
	"context"
	"strings"
	"testing"

	"github.com/justt-ai/justt-onboard/steps"
)

var filesRow = steps.Required[2]

func TestFilesVerdict(t *testing.T) {
	t.Parallel()
	rejected := &Problem{Code: CodeKeyInvalid}
	row := func(s Status) Result { return Result{Status: s, Detail: "answer " + string(s)} }
	tests := []struct {
		name         string
		upload, list Result
		want         Status
		detail       string
	}{
		{"both agree", row(Granted), row(Granted), Granted, "Read and Write cannot be told apart"},
		{"upload through on Disputes Write, list refused", row(Granted), row(Missing), Missing, "whatever the upload answered"},
		{"list refused, upload undecided", row(Unknown), row(Missing), Missing, "no Files access"},
		{"Files at Read", row(Missing), row(Granted), Missing, "Files is at Read"},
		{"upload refused, list undecided", row(Missing), row(Unknown), Missing, "answer missing"},
		{"both refused", row(Missing), row(Missing), Missing, "no Files access"},
		{"upload granted, list undecided", row(Granted), row(Unknown), Unknown, "list: answer unknown"},
		{"upload undecided, list granted", row(Unknown), row(Granted), Unknown, "upload: answer unknown"},
		{"rejected key", Result{Status: Unknown, rejection: rejected}, row(Granted), Unknown, "refused the key"},
	}
	for _, tt := range tests {
		r := filesVerdict(filesRow, tt.upload, tt.list)
		if r.Status != tt.want || !strings.Contains(r.Detail, tt.detail) || r.Permission != filesRow {
			t.Errorf("%s: %s %s (%s), want %s with %q", tt.name, r.Permission, r.Status, r.Detail, tt.want, tt.detail)
		}
		if (r.Status == Missing) != (r.Fix == filesRow.Fix()) {
			t.Errorf("%s: fix %q on a %s row", tt.name, r.Fix, r.Status)
		}
	}
	if r := filesVerdict(filesRow, Result{rejection: rejected}, row(Granted)); r.rejection != rejected {
		t.Errorf("the rejection was lost")
	}
	foreign := Result{Status: Unknown, cause: FailureNotStripe, answer: "403 x"}
	if r := filesVerdict(filesRow, row(Granted), foreign); r.cause != FailureNotStripe || r.answer != "403 x" {
		t.Errorf("the list's cause was lost: %+v", r)
	}
}

// TestFilesNeedsBothWitnesses runs the Files row against the sandbox, whose
// upload lets Disputes: Write through with Files at None, as seen live.
func TestFilesNeedsBothWitnesses(t *testing.T) {
	t.Parallel()
	sb, c := onSandbox(t, Config{})
	others := func(extra ...string) []string {
		var out []string
		for _, s := range allNine() {
			if s != filesWrite {
				out = append(out, s)
			}
		}
		return append(out, extra...)
	}
	tests := []struct {
		name   string
		scopes []string
		want   Status
		detail string
	}{
		{"Files None, Disputes Write", others(), Missing, "no Files access"},
		{"Files Read", others("rak_file_read"), Granted, "cannot be told apart"},
		{"Files Write", others("rak_file_write"), Granted, "cannot be told apart"},
		{"Files Read, no Disputes", []string{"rak_file_read"}, Missing, "Files is at Read"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			t.Parallel()
			key := parsed(t, sb.MintKey(tt.scopes...))
			r := c.Probe(context.Background(), key, filesRow)
			if r.Status != tt.want || !strings.Contains(r.Detail, tt.detail) {
				t.Errorf("Files = %s (%s), want %s with %q", r.Status, r.Detail, tt.want, tt.detail)
			}
		})
	}
	// The Files row's two requests, and nothing else.
	key := sb.MintKey(allNine()...)
	before := len(sb.Requests())
	c.Probe(context.Background(), parsed(t, key), filesRow)
	var got []string
	for _, req := range sb.Requests()[before:] {
		got = append(got, req.Method+" "+req.Path)
	}
	if strings.Join(got, ",") != "POST /v1/files,GET /v1/files" && strings.Join(got, ",") != "GET /v1/files,POST /v1/files" {
		t.Errorf("Files sent %v, want the upload and the list", got)
	}
	t.Cleanup(func() { assertNoMutations(t, sb) })
}

package stripecheck

import (
	"encoding/json"
	"net/http/httptest"
	"strings"
	"testing"

	"github.com/justt-ai/justt-onboard/sandbox"
	"github.com/justt-ai/justt-onboard/steps"
)

// onSandbox starts a fake Stripe serving both the API and Uploads and a
// Checker pointed at it, without retries unless cfg asks for them.
func onSandbox(t testing.TB, cfg Config) (*sandbox.Sandbox, *Checker) {
	t.Helper()
	sb := sandbox.New()
	srv := httptest.NewServer(sb.Handler())
	t.Cleanup(srv.Close)
	cfg.APIURL, cfg.UploadsURL = srv.URL, srv.URL
	if cfg.MaxNetworkRetries == 0 {
		cfg.MaxNetworkRetries = -1
	}
	c, err := New(cfg)
	if err != nil {
		t.Fatal(err)
	}
	return sb, c
}

// mustKey parses a key minted by the sandbox.
func parsed(t testing.TB, raw string) Key {
	t.Helper()
	k, err := ParseKey(raw)
	if err != nil {
		t.Fatalf("ParseKey(%s…): %v", raw[:8], err)
	}
	return k
}

// allNine is the scopes of steps.Required.
func allNine() []string {
	scopes := make([]string, len(steps.Required))
	for i, p := range steps.Required {
		scopes[i] = p.Scope
	}
	return scopes
}

// assertNoSecret fails when any part of the report, printed or as JSON,
// holds the key (or a long piece of it).
func assertNoSecret(t testing.TB, r Report, key Key) {
	t.Helper()
	js, err := json.Marshal(r)
	if err != nil {
		t.Fatal(err)
	}
	text := string(js)
	for _, row := range r.Permissions {
		text += row.Detail + row.Fix
	}
	for _, p := range r.Problems {
		text += p.Message + p.Fix
	}
	v := key.Reveal()
	for _, piece := range []string{v, v[len(v)-12:], v[8:20]} {
		if strings.Contains(text, piece) {
			t.Fatalf("the report shows the key (or 12 characters of it)")
		}
	}
}

func hasProblem(r Report, code string, sev Severity) bool {
	for _, p := range r.Problems {
		if p.Code == code && p.Severity == sev {
			return true
		}
	}
	return false
}

func problemCodes(r Report) []string {
	var out []string
	for _, p := range r.Problems {
		out = append(out, string(p.Severity)+":"+p.Code)
	}
	return out
}

// assertNoMutations fails when any request of the check could have changed
// the sandbox account.
func assertNoMutations(t testing.TB, sb *sandbox.Sandbox) {
	t.Helper()
	if m := sb.Mutations(); len(m) > 0 {
		t.Fatalf("the check changed the account: %+v", m)
	}
}

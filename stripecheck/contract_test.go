package stripecheck

import (
	"context"
	"strings"
	"testing"

	"github.com/justt-ai/justt-onboard/internal/stripemock"
	"github.com/justt-ai/justt-onboard/steps"
)

// TestContractProbesAreWellFormed sends every probe to Stripe's own stripe-mock,
// which checks each request against Stripe's OpenAPI spec: a probe it
// refuses as malformed would be "unknown" against the real Stripe forever.
// stripe-mock models no permissions and no 404s, so only the shape is
// checked here; behaviour is tested against the sandbox.
func TestContractProbesAreWellFormed(t *testing.T) {
	if testing.Short() {
		t.Skip("starts stripe-mock")
	}
	t.Parallel()
	url := stripemock.Start(t)
	c, err := New(Config{APIURL: url, UploadsURL: url, MaxNetworkRetries: -1})
	if err != nil {
		t.Fatal(err)
	}
	key := parsed(t, stripemock.Key)
	// Each request on its own (the Files row's two witnesses apart).
	for _, p := range append(append([]steps.Permission{steps.FilesRead}, steps.Required...), diagnostics...) {
		r := probeOnce(c, key, p)
		t.Logf("%-40s %s: %s", probes[p.Scope].request, r.Status, r.Detail)
		for _, malformed := range []string{"unknown parameter", "Unrecognized request URL", "Invalid", "content type"} {
			if strings.Contains(r.Detail, malformed) {
				t.Errorf("%s: stripe-mock refused the request as malformed: %s", p, r.Detail)
			}
		}
		if probes[p.Scope].want.status == 200 && r.Status != Granted {
			t.Errorf("%s: list probe not accepted: %s", p, r.Detail)
		}
		// A 400 probe may only be refused for the parameters it leaves out
		// (stripe-mock words it "object property 'x' is required"); anything
		// else means the request itself, e.g. the multipart body, is wrong.
		if probes[p.Scope].want.status == 400 && strings.Contains(r.Detail, "answered 400") && !strings.Contains(r.Detail, "is required") {
			t.Errorf("%s: stripe-mock refused the request for another reason than a missing parameter: %s", p, r.Detail)
		}
	}
	if d := c.Diagnose(context.Background(), key); d.AccountID == "" {
		t.Errorf("GET /v1/account gave no account id: %+v", d)
	}
}

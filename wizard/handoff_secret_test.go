package wizard

import (
	"testing"

	"github.com/justt-ai/justt-onboard/sandbox"
)

// After Justt's receipt, a registered endpoint's signing secret is Justt's:
// the summary no longer offers to save it, and quitting asks nothing.
func TestHandedOverSecretIsNotAtRisk(t *testing.T) {
	r := newJusttRun(t)
	r.eng.register = registered
	r.token(sandbox.JusttDemoToken).keys("enter").at(stateStep, 1)
	r.passKeyPart()
	r.secrets = append(r.secrets, testKey("whsec_", "WH42"))
	r.keys("a").paste(testKey("sk_live_", "SETU")).keys("enter").want("✓ Webhook registered")
	if r.m.c.flow.secretAtRisk() == "" {
		t.Fatal("before the hand-off, the secret held in memory only is not said to be at risk")
	}
	r.keys("enter").at(stateReview, 0).keys("enter").want("✓ Justt received")
	r.keys("enter").at(stateSummary, 0).wantNot("to save the signing secret", "No keyring keeps the signing secret")
	if risk := r.m.c.flow.secretAtRisk(); risk != "" {
		t.Fatalf("after the receipt the secret is still said to be at risk: %q", risk)
	}
}

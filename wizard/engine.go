package wizard

import (
	"context"

	"github.com/justt-ai/justt-onboard/steps"
	"github.com/justt-ai/justt-onboard/stripecheck"
)

// engine is the part of stripecheck the wizard drives. *stripecheck.Checker
// satisfies it; tests plug in a fake so every screen can be exercised
// without a network or a sandbox.
type engine interface {
	Probe(ctx context.Context, key stripecheck.Key, p steps.Permission) stripecheck.Result
	Diagnose(ctx context.Context, key stripecheck.Key) stripecheck.Diagnosis
	RegisterWebhook(ctx context.Context, setupKey stripecheck.Key, opts stripecheck.RegisterOptions) (stripecheck.RegisterResult, error)
	VerifyWebhook(ctx context.Context, setupKey stripecheck.Key, url string) (stripecheck.VerifyResult, error)
}

var _ engine = (*stripecheck.Checker)(nil)

// refusal explains why a pasted key must not be sent to Stripe as Justt's
// key, or returns nil when it may be probed. It never makes a request.
// stripecheck.WrongKind decides for publishable keys, signing secrets and
// strings that are not keys; a secret key (sk_) would pass every probe, so
// the wizard refuses it too: the guide asks for a restricted key.
func refusal(key stripecheck.Key) *stripecheck.Problem {
	if p, wrong := stripecheck.WrongKind(key); wrong {
		return &p
	}
	if key.Kind() == stripecheck.Secret {
		return &stripecheck.Problem{
			Severity: stripecheck.SeverityError,
			Code:     stripecheck.CodeSecretKey,
			Message:  "That's your account's secret key: it can do everything in your Stripe account, so the guide asks for a restricted key instead.",
			Fix:      "Follow steps 4 to 9 to create a restricted key named Justt with only the nine permissions, then paste that key (rk_…).",
		}
	}
	return nil
}

// testModeWarning is the caveat of a test-mode key: it passes the check,
// but Justt works on real disputes, which need a live-mode key.
func testModeWarning(key stripecheck.Key, demo bool) (stripecheck.Problem, bool) {
	if key.Mode() != stripecheck.Test {
		return stripecheck.Problem{}, false
	}
	p := stripecheck.Problem{
		Severity: stripecheck.SeverityWarning,
		Code:     stripecheck.CodeTestMode,
		Message:  "This is a test-mode key: Justt works on your real disputes, which need a live-mode key.",
		Fix:      "Turn off Test mode in the Stripe dashboard and repeat steps 4 to 9, or continue to rehearse with this one.",
	}
	if demo {
		p.Message = "This is a test-mode key, as every demo key is: for real disputes Justt needs a live-mode key."
	}
	return p, true
}

package stripecheck

import (
	"fmt"
	"strings"

	"github.com/justt-ai/justt-onboard/steps"
	stripe "github.com/stripe/stripe-go/v76"
)

// rejectionProblem explains a 401: Stripe refused the key itself, so no row
// can be decided and the merchant has to get a working key first. message
// is Stripe's, already redacted.
func rejectionProblem(code stripe.ErrorCode, message string) Problem {
	msg := strings.ToLower(message)
	switch {
	case code == stripe.ErrorCodeAPIKeyExpired || strings.Contains(msg, "expired api key"):
		return Problem{Severity: SeverityError, Code: CodeKeyExpired,
			Message: "Stripe says this key has expired (its expiration date passed, someone chose " + steps.ExpireKey + ", or it was rotated and the old key ran out): it can no longer be used.",
			Fix:     "Step 4: create a new restricted key (Developers → API keys → + Create restricted key) with the permissions of step 7, then paste it."}
	case strings.Contains(msg, "publishable api key"):
		return Problem{Severity: SeverityError, Code: CodeWrongKind,
			Message: "Stripe says this is a publishable key: it is meant for web pages and cannot read disputes.",
			Fix:     "Step 4: create a restricted key (Developers → API keys → + Create restricted key) and paste the rk_… key it shows at step 9."}
	case strings.Contains(msg, "invalid api key"):
		return Problem{Severity: SeverityError, Code: CodeKeyInvalid,
			Message: "Stripe does not recognise this key: it was mistyped or cut short, or " + steps.KeyGone + ".",
			Fix:     "Step 9: copy the key again with Stripe's copy button. If it was rotated, expired or deleted, go back to step 4 and create a new restricted key."}
	}
	return Problem{Severity: SeverityError, Code: CodeKeyInvalid,
		Message: fmt.Sprintf("Stripe refused the key (401: %s).", message),
		Fix:     "Step 9: copy the key again with Stripe's copy button; if that does not help, go back to step 4 and create a new restricted key."}
}

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
	p := Problem{Severity: SeverityError, Code: CodeKeyInvalid}
	switch {
	case code == stripe.ErrorCodeAPIKeyExpired || strings.Contains(msg, "expired api key"):
		p.Code, p.Message = CodeKeyExpired, "Stripe says this key has expired (its expiration date passed, someone chose "+steps.ExpireKey+", or it was rotated and the old key ran out): it can no longer be used."
	case strings.Contains(msg, "publishable api key"):
		p.Code, p.Message = CodeWrongKind, "Stripe says this is a publishable key: it is meant for web pages and cannot read disputes."
	case strings.Contains(msg, "invalid api key"):
		p.Message = "Stripe does not recognise this key: it was mistyped or cut short, or " + steps.KeyGone + "."
	default:
		p.Message = fmt.Sprintf("Stripe refused the key (401: %s).", message)
	}
	p.Fix = rejectionFix(p.Code, KeySource{})
	return p
}

// rejectionFix is the fix for a key Stripe refused (by problem code), told
// through the channel the key came from.
func rejectionFix(code string, src KeySource) string {
	switch code {
	case CodeKeyExpired:
		return "Step 4: create a new restricted key (Developers → API keys → + Create restricted key) with the permissions of step 7, then " + src.Give("it") + "."
	case CodeWrongKind:
		return "Step 4: create a restricted key (Developers → API keys → + Create restricted key) and " + src.Give("the rk_… key it shows at step 9") + "."
	}
	return "Step 9: copy the key again with Stripe's copy button and " + src.Give("it") + ". If it was rotated, expired or deleted, go back to step 4 and create a new restricted key."
}

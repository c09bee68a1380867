package stripecheck

import (
	"context"
	"fmt"
	"net/http"
	"strings"

	"github.com/justt-ai/justt-onboard/steps"
	stripe "github.com/stripe/stripe-go/v76"
)

// judge turns a probe's answer into a row. Only the status a key with the
// permission gets counts as granted, and only a 403 that says the key lacks
// permissions counts as missing; every other answer is unknown with the
// reason, because a guess here would send the merchant the wrong way.
func judge(ctx context.Context, p steps.Permission, want int, err error, key Key) Result {
	r := Result{Permission: p, Status: Unknown}
	if err == nil {
		att, _ := ctx.Value(attemptsKey{}).(*attempts)
		got := http.StatusOK
		if att != nil && att.last() != 0 {
			got = att.last()
		}
		if got == want {
			r.Status, r.Detail = Granted, fmt.Sprintf("Stripe answered %d", got)
		} else {
			r.Detail = fmt.Sprintf("Stripe answered %d where %d was expected, so this cannot be decided", got, want)
		}
		return r
	}
	f := ClassifyError(ctx, err, key)
	r.Detail, r.accountID = f.Detail, f.Permission.AccountID
	switch {
	case f.Kind == FailurePermission:
		r.Status, r.Fix = Missing, p.Fix()
	case f.Kind == FailureRejected:
		rejection := f.Rejection
		r.rejection = &rejection
	case f.Kind == FailureRequest && f.HTTPStatus == want && confirms(want, f):
		r.Status, r.Detail = Granted, fmt.Sprintf("Stripe answered %d (%s), as it does only for a key with this permission", want, statusWord(want))
	case f.Kind == FailureRequest && f.HTTPStatus == want:
		r.Detail = fmt.Sprintf("Stripe answered %d but not with the expected reason (%s), so this cannot be decided", want, f.Message)
	case f.Kind == FailureRequest:
		r.Detail = fmt.Sprintf("Stripe answered %d where %d was expected (%s), so this cannot be decided", f.HTTPStatus, want, f.Message)
	}
	return r
}

// confirms checks the reason of an expected error: a 404 must be Stripe's
// "no such object" (resource_missing), not an unknown route or a proxy page.
func confirms(want int, f *Failure) bool {
	if want != http.StatusNotFound {
		return true
	}
	return f.Code == string(stripe.ErrorCodeResourceMissing) || strings.HasPrefix(f.Message, "No such ")
}

func statusWord(status int) string {
	switch status {
	case http.StatusBadRequest:
		return "a required field is missing"
	case http.StatusNotFound:
		return "no such object"
	}
	return http.StatusText(status)
}

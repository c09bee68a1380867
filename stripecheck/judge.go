package stripecheck

import (
	"context"
	"fmt"
	"net/http"
	"slices"
	"strings"

	"github.com/justt-ai/justt-onboard/steps"
	stripe "github.com/stripe/stripe-go/v76"
)

// judge turns a probe's answer into a row. Only the answer a key with the
// permission gets counts as granted, and only a 403 that says the key lacks
// permissions counts as missing; every other answer is unknown with the
// reason, because a guess here would send the merchant the wrong way.
func judge(ctx context.Context, p steps.Permission, want expected, err error, key Key) Result {
	r := Result{Permission: p, Status: Unknown}
	if err == nil {
		att, _ := ctx.Value(attemptsKey{}).(*attempts)
		got := http.StatusOK
		if att != nil && att.last() != 0 {
			got = att.last()
		}
		if got == want.status {
			r.Status, r.Detail = Granted, fmt.Sprintf("Stripe answered %d", got)
		} else {
			r.Detail = fmt.Sprintf("Stripe answered %d where %d was expected, so this cannot be decided", got, want.status)
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
	case f.Kind == FailureNotStripe:
		r.cause, r.answer = f.Kind, fmt.Sprintf("%d %s", f.HTTPStatus, f.Message)
	case f.Kind == FailureIPLimited:
		r.cause = f.Kind
	case f.Kind == FailureRequest && f.HTTPStatus == want.status && confirms(want, f):
		r.Status, r.Detail = Granted, fmt.Sprintf("Stripe answered %d (%s), as it does only for a key with this permission", want.status, statusWord(want.status))
	case f.Kind == FailureRequest && f.HTTPStatus == want.status:
		r.Detail = fmt.Sprintf("Stripe answered %d but not with the expected reason (%s), so this cannot be decided", want.status, reason(f))
	case f.Kind == FailureRequest:
		r.Detail = fmt.Sprintf("Stripe answered %d where %d was expected (%s), so this cannot be decided", f.HTTPStatus, want.status, reason(f))
	}
	return r
}

// confirms checks the reason of an expected error. A 404 must be Stripe's
// "no such object" (resource_missing), not an unknown route or a proxy
// page. A 400 must be parameter_missing for a parameter the probe left out
// on purpose: Stripe validates some values before it checks permissions,
// so a 400 about anything else (an invalid value, say) proves nothing.
func confirms(want expected, f *Failure) bool {
	switch want.status {
	case http.StatusNotFound:
		return f.Code == string(stripe.ErrorCodeResourceMissing) || strings.HasPrefix(f.Message, "No such ")
	case http.StatusBadRequest:
		return f.Code == string(stripe.ErrorCodeParameterMissing) && slices.Contains(want.omitted, f.Param)
	}
	return false
}

// reason is Stripe's message with its code and parameter, for a detail.
func reason(f *Failure) string {
	var tags []string
	if f.Code != "" {
		tags = append(tags, f.Code)
	}
	if f.Param != "" {
		tags = append(tags, "param "+f.Param)
	}
	if len(tags) == 0 {
		return orUnknown(f.Message)
	}
	return strings.Join(tags, ", ") + ": " + orUnknown(f.Message)
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

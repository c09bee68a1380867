package sandbox

import "net/http"

// faultReply is the answer a fault gives in place of the endpoint's. Hang
// and Reset give none and are handled in serve.
func faultReply(kind FaultKind) reply {
	switch kind {
	case ServerError:
		return errorReply(http.StatusInternalServerError, stripeError{Type: "api_error",
			Message: "Sorry, something went wrong. We've already been notified of the problem, " +
				"but if you need any help, you can reach us at support.stripe.com/contact."})
	case Unavailable:
		return errorReply(http.StatusServiceUnavailable, stripeError{Type: "api_error",
			Message: "Stripe is temporarily unavailable. Please try again in a few moments."})
	case RateLimited:
		rep := errorReply(http.StatusTooManyRequests, stripeError{Type: "invalid_request_error", Code: "rate_limit",
			Message: "Request rate limit exceeded. Learn more about rate limits here https://stripe.com/docs/rate-limits."})
		// Stripe says whether a retry can help; stripe-go obeys it.
		rep.header = map[string]string{"Stripe-Should-Retry": "false"}
		return rep
	case MalformedJSON:
		return reply{status: http.StatusOK, raw: []byte("{not json")}
	case UnexpectedStatus:
		return reply{status: http.StatusTeapot}
	}
	return errorReply(http.StatusInternalServerError, stripeError{Type: "api_error",
		Message: "The sandbox was asked for a fault it does not know."})
}

// String names the fault for logs and test output.
func (k FaultKind) String() string {
	names := [...]string{"none", "server error", "unavailable", "rate limited", "hang", "reset",
		"malformed JSON", "unexpected status"}
	if int(k) >= 0 && int(k) < len(names) {
		return names[k]
	}
	return "unknown fault"
}

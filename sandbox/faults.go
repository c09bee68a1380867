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
	case ForeignForbidden:
		return errorReply(http.StatusForbidden, stripeError{Type: "invalid_request_error",
			Message: "Your API key does not have the required permissions for this endpoint."})
	case IPRestricted:
		// Stripe's exact wording is not public (stripe-notes.md): this one
		// speaks of the IP address and the access policy, as any would.
		return errorReply(http.StatusForbidden, stripeError{Type: "invalid_request_error",
			Message: "This API key cannot be used from your IP address: its access policy allows requests only from certain IP addresses."})
	}
	return errorReply(http.StatusInternalServerError, stripeError{Type: "api_error",
		Message: "The sandbox was asked for a fault it does not know."})
}

// String names the fault for logs and test output.
func (k FaultKind) String() string {
	names := [...]string{"none", "server error", "unavailable", "rate limited", "hang", "reset",
		"malformed JSON", "unexpected status", "foreign 403", "IP restricted"}
	if int(k) >= 0 && int(k) < len(names) {
		return names[k]
	}
	return "unknown fault"
}

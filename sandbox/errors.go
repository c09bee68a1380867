package sandbox

import (
	"fmt"
	"net/http"
	"strings"
)

// stripeError is the "error" object of Stripe's error bodies.
type stripeError struct {
	Type    string `json:"type"`
	Code    string `json:"code,omitempty"`
	Message string `json:"message"`
	Param   string `json:"param,omitempty"`
}

func errorReply(status int, e stripeError) reply {
	return reply{status: status, body: map[string]any{"error": e}}
}

func invalidRequest(status int, code, param, message string) reply {
	return errorReply(status, stripeError{Type: "invalid_request_error", Code: code, Param: param, Message: message})
}

// missingParam is Stripe's 400 for a required parameter left out.
func missingParam(param string) reply {
	return invalidRequest(http.StatusBadRequest, "parameter_missing", param,
		"Missing required param: "+param+".")
}

// noSuch is Stripe's 404 for an id it does not hold.
func noSuch(noun, param, id string) reply {
	return invalidRequest(http.StatusNotFound, "resource_missing", param,
		fmt.Sprintf("No such %s: '%s'", noun, id))
}

func unrecognizedURL(method, path string) reply {
	return invalidRequest(http.StatusNotFound, "", "", fmt.Sprintf(
		"Unrecognized request URL (%s: %s). Please see https://stripe.com/docs or we can help at https://support.stripe.com/.",
		method, path))
}

// The 401 answers, worded as Stripe words them (stripe-notes.md, "Other errors").
func noKeyGiven() reply {
	return invalidRequest(http.StatusUnauthorized, "", "",
		"You did not provide an API key. You need to provide your API key in the Authorization header, "+
			"using Bearer auth (e.g. 'Authorization: Bearer YOUR_SECRET_KEY'). See https://stripe.com/docs/api#authentication "+
			"for details, or we can help at https://support.stripe.com/.")
}

func publishableKeyGiven() reply {
	return invalidRequest(http.StatusUnauthorized, "", "",
		"This API call cannot be made with a publishable API key. Please use a secret API key. "+
			"You can find a list of your API keys at https://dashboard.stripe.com/account/apikeys.")
}

func invalidKey(key string) reply {
	return invalidRequest(http.StatusUnauthorized, "", "", "Invalid API Key provided: "+maskKey(key))
}

func expiredKey(key string) reply {
	return invalidRequest(http.StatusUnauthorized, "api_key_expired", "", "Expired API Key provided: "+maskKey(key))
}

// denialForm is one of the five wordings of Stripe's 403 for a missing
// permission (stripe-notes.md, "What a missing permission looks like").
type denialForm int

const (
	formSingle      denialForm = iota + 1 // Having the 'x' permission would allow …
	formAlternative                       // Having the 'x', 'y' permissions would allow …
	formEnabling                          // Permission denied. … Enabling "X Read" ('x_read') …
	formMore                              // Having more permissions would allow …
	formRestricted                        // … not available for use by restricted keys (no "does not have")
)

// denial is how a route words its 403. Named lists the scopes the message
// names; it need not be the scope the route checks, since Stripe's own
// messages are not reliable about it (Files upload names rak_dispute_write).
type denial struct {
	form  denialForm
	named []string
	label string // formEnabling's dashboard wording, e.g. "Invoices Read"
}

// forbidden renders the 403 body for key on account. Stripe gives no code.
func (d denial) forbidden(key, account string) reply {
	return invalidRequest(http.StatusForbidden, "", "", d.message(key, account))
}

func (d denial) message(key, account string) string {
	lacks := fmt.Sprintf("The provided key '%s' does not have the required permissions for this endpoint on account '%s'.",
		maskKey(key), account)
	switch d.form {
	case formAlternative:
		return lacks + " Having the " + quoteAll(d.named) + " permissions would allow this request to continue."
	case formEnabling:
		// The newer wording names scopes without the rak_ prefix ('plan_read').
		return "Permission denied. " + lacks + fmt.Sprintf(" Enabling \"%s\" ('%s') permissions on this key would allow this request to continue.",
			d.label, strings.TrimPrefix(d.named[0], "rak_"))
	case formMore:
		return lacks + " Having more permissions would allow this request to continue."
	case formRestricted:
		return fmt.Sprintf("The provided key '%s' cannot make this request on account '%s'. ", maskKey(key), account) +
			"This is a restricted API key, but the required permissions are not available for use by restricted keys."
	}
	return lacks + " Having the " + quoteAll(d.named) + " permission would allow this request to continue."
}

func quoteAll(scopes []string) string {
	quoted := make([]string, len(scopes))
	for i, s := range scopes {
		quoted[i] = "'" + s + "'"
	}
	return strings.Join(quoted, ", ")
}

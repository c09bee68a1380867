package stripecheck

import (
	"context"
	"errors"
	"fmt"
	"github.com/justt-ai/justt-onboard/internal/safetext"
	"net/http"
	"strings"

	"github.com/justt-ai/justt-onboard/steps"
	"github.com/stripe/stripe-go/v76"
)

const (
	grantWebhookWrite = "Use the account's secret key (Developers → API keys → Secret key), or edit the restricted key " +
		"in Developers → API keys, set Webhook Endpoints to Write and save; then run again."
	retryLater = "Check your connection and https://status.stripe.com, then run again."
)

// stripeFailure turns what stripe-go returned for action into a refusal
// (exit 1) or an undecided outcome (exit 3). ctx is the call's own context:
// made with withAttempts, it also tells the status of an answer that was
// not Stripe's JSON. Stripe's own words are kept only where they say more
// than we can (the endpoint cap, a 400), and are redacted of anything
// key-shaped; the text of transport errors is never used as is.
func stripeFailure(ctx context.Context, err error, action string, setupKey Key) *WebhookError {
	var se *stripe.Error
	if !errors.As(err, &se) {
		return networkFailure(ctx, err, action, setupKey)
	}
	status := se.HTTPStatusCode
	msg := Quote(se.Msg, setupKey)
	switch {
	case status == http.StatusForbidden || status == http.StatusUnauthorized && speaksOfIPLimit(se.Msg):
		return forbidden(err, se, action, setupKey)
	case status == http.StatusUnauthorized:
		what := "rejected"
		if se.Code == stripe.ErrorCodeAPIKeyExpired {
			what = "expired"
		}
		return &WebhookError{Code: CodeSetupKeyRejected, ExitCode: ExitNotReady, Err: err,
			Message: fmt.Sprintf("Stripe %s the setup key (%s): it may have been %s.", what, setupKey.Summary(), steps.KeyGone),
			Fix:     "Copy the current secret key from Developers → API keys (or create a restricted key with Webhook Endpoints: Write) and run again."}
	case status == http.StatusTooManyRequests:
		return &WebhookError{Code: CodeNetwork, ExitCode: ExitUndecided, Err: err,
			Message: fmt.Sprintf("Could not %s: Stripe is limiting requests on this account (429).", action),
			Fix:     "Wait a minute and run again; other integrations on the account may be using the request budget."}
	case status >= 500 || status == 0:
		return &WebhookError{Code: CodeNetwork, ExitCode: ExitUndecided, Err: err,
			Message: fmt.Sprintf("Could not %s: Stripe answered %d (%s).", action, status, orUnknown(msg)),
			Fix:     retryLater}
	case status == http.StatusBadRequest && isEndpointCap(se.Msg):
		// Stripe's docs say 16 endpoints, one report says 100: trust its words, not a number.
		return &WebhookError{Code: CodeEndpointCap, ExitCode: ExitNotReady, Err: err,
			Message: "Stripe refused a new endpoint: the account has the maximum number of webhook endpoints (Stripe said: " + msg + ").",
			Fix:     "Delete or reuse an endpoint you no longer need in Developers → Webhooks, then run again."}
	}
	return &WebhookError{Code: CodeStripeRefused, ExitCode: ExitNotReady, Err: err,
		Message: fmt.Sprintf("Stripe refused to %s (%d: %s).", action, status, orUnknown(msg)),
		Fix:     "Check the URL with your Justt onboarding manager; if it is right, contact Justt support with this message."}
}

// isEndpointCap recognises Stripe's refusal of one endpoint too many ("You
// have reached the maximum of 16 test webhook endpoints."): both words are
// needed, since "maximum" alone appears in other 400s (lengths, amounts).
func isEndpointCap(msg string) bool {
	lower := strings.ToLower(msg)
	return strings.Contains(lower, "maximum") && strings.Contains(lower, "webhook endpoint")
}

// forbidden reads a 403: only one that says the key lacks permissions is
// about Webhook Endpoints: Write. Any other (an account restriction, a
// feature not enabled) is Stripe's refusal in its own words.
//
// As for the check, a 403 is judged by Stripe's shape, not by a phrase: one
// saying the key lacks permissions without naming the account, the key or
// a rak_ permission did not come from Stripe's permission check (a proxy),
// and one speaking of an IP address is the key's access policy.
func forbidden(err error, se *stripe.Error, action string, setupKey Key) *WebhookError {
	pm := ParsePermissionError(se.Msg)
	stripes := se.Type == stripe.ErrorTypeInvalidRequest && pm.HasStripeMarks(setupKey)
	switch {
	case pm.IsPermission && stripes:
		return &WebhookError{Code: CodeSetupKeyPermission, ExitCode: ExitNotReady, Err: err,
			Message: fmt.Sprintf("The setup key (%s) is not allowed to %s: it lacks Webhook Endpoints: Write.", setupKey.Summary(), action),
			Fix:     grantWebhookWrite}
	case speaksOfIPLimit(se.Msg):
		return &WebhookError{Code: CodeNetwork, ExitCode: ExitUndecided, Err: err,
			Message: fmt.Sprintf("Could not %s: Stripe refused this computer's IP address (%d): the setup key is limited to certain addresses.", action, se.HTTPStatusCode),
			Fix:     "Run it from an address the key allows, or use a setup key without an IP limit (the account's secret key, or a restricted key with Webhook Endpoints: Write)."}
	case pm.IsPermission:
		return &WebhookError{Code: CodeNetwork, ExitCode: ExitUndecided, Err: err,
			Message: fmt.Sprintf("Could not %s: the answer was a 403 not in Stripe's form (no account, key or permission named).", action),
			Fix: "Something between this computer and Stripe (a proxy, firewall or IP block) may have answered instead: " +
				"check the network or proxy settings, then run again."}
	}
	return &WebhookError{Code: CodeStripeRefused, ExitCode: ExitNotReady, Err: err,
		Message: fmt.Sprintf("Stripe refused to %s (403: %s). It did not say the setup key lacks a permission, so the cause is on the account's side.",
			action, orUnknown(Quote(se.Msg, setupKey))),
		Fix: "Check the account's status in the Stripe dashboard (a restricted or unverified account can be refused); " +
			"if nothing is wrong there, contact Stripe support with this message."}
}

// networkFailure is an answer that never came or could not be read. It is
// worded from what ClassifyError found (timeout, reset, DNS, a page that is
// not Stripe's JSON, …): the raw error text may hold the body of whatever
// answered, so it is never shown.
func networkFailure(ctx context.Context, err error, action string, setupKey Key) *WebhookError {
	f := ClassifyError(ctx, err, setupKey)
	reason, fix := f.Detail, retryLater
	switch f.Kind {
	case FailureTimeout:
		reason = "Stripe did not answer in time"
	case FailureCancelled:
		reason = "the run was interrupted before Stripe answered"
	case FailureRateLimited:
		reason = "Stripe is limiting requests on this account (429)"
		fix = "Wait a minute and run again; other integrations on the account may be using the request budget."
	case FailureOutage:
		reason = fmt.Sprintf("Stripe answered %d, an error on its side (or on a gateway in front of it)", f.HTTPStatus)
	case FailureMalformed, FailureNotStripe, FailureIPLimited:
		fix = "Something between this computer and Stripe (a proxy, firewall or captive portal) may have answered instead: " +
			"check the network or proxy settings, then run again."
	}
	return &WebhookError{Code: CodeNetwork, ExitCode: ExitUndecided, Err: err,
		Message: fmt.Sprintf("Could not %s: %s.", action, strings.TrimSuffix(reason, ".")),
		Fix:     fix}
}

// createFailure adds what an undecided create means: Stripe may have made
// the endpoint before the answer was lost.
func createFailure(e *WebhookError) *WebhookError {
	if e.ExitCode == ExitUndecided {
		e.Message += " Stripe may have created the endpoint before the answer was lost."
		e.Fix = "Run the same command again: it lists the endpoints first and never creates a second one for the URL. " +
			"If it then reports that the endpoint exists, run it with --replace to get a new signing secret " +
			"(Stripe shows a secret only when an endpoint is created)."
	}
	return e
}

func duplicateError(existing WebhookEndpoint, count int) *WebhookError {
	more := ""
	if count > 1 {
		more = fmt.Sprintf(" (and %d more for the same URL)", count-1)
	}
	return &WebhookError{Code: CodeDuplicate, ExitCode: ExitNotReady, Endpoint: &existing,
		Message: fmt.Sprintf("A webhook endpoint for this URL already exists: %s (%s)%s; no second one was created.",
			existing.ID, describeEndpoint(existing), more),
		Fix: fmt.Sprintf("Stripe shows a signing secret only when an endpoint is created. Either reveal this endpoint's secret "+
			"in the dashboard (step 17: Developers → Webhooks → %s → Signing secret → Reveal) and hand it to Justt, "+
			"or run again with --replace to create a new endpoint with a new secret and disable the old one.", existing.ID)}
}

// CodeCreateUnconfirmed: Stripe's answer to the create request carried no
// endpoint id, so whether an endpoint was created cannot be told.
const CodeCreateUnconfirmed = "create_unconfirmed"

func createUnconfirmed() *WebhookError {
	return &WebhookError{Code: CodeCreateUnconfirmed, ExitCode: ExitUndecided,
		Message: "Stripe's answer to the create request carried no endpoint id, so it cannot be told whether an endpoint was created; its signing secret was not kept.",
		Fix: "Look in the dashboard (Developers → Webhooks) for an endpoint for this URL: delete it if there is one, then run again. " +
			"If the answer came through a proxy, check the --stripe-api-url setting and the network."}
}

// undoCreate deletes an endpoint this run created but could not finish
// (its secret was lost), so a failure leaves nothing behind.
func undoCreate(ctx context.Context, api endpointAPI, setupKey Key, created WebhookEndpoint, cause error) *WebhookError {
	ctx, cancel := context.WithTimeout(context.WithoutCancel(ctx), cleanupTimeout)
	defer cancel()
	what := fmt.Sprintf("Stripe created endpoint %s, but %s.", created.ID, safetext.Line(Redact(cause.Error(), setupKey)))
	ctx, _ = withAttempts(ctx)
	if err := deleteEndpoint(ctx, api, created.ID); err != nil {
		failed := stripeFailure(ctx, err, "delete it again", setupKey)
		return &WebhookError{Code: CodeSecretNotKept, ExitCode: failed.ExitCode, Endpoint: &created, Err: cause,
			Message: what + " " + failed.Message,
			Fix: fmt.Sprintf("Delete endpoint %s in the dashboard (Developers → Webhooks → %s → Delete): its signing secret is lost. "+
				"Then fix the problem above and run again.", created.ID, created.ID)}
	}
	return &WebhookError{Code: CodeSecretNotKept, ExitCode: ExitNotReady, Err: cause,
		Message: what + " The endpoint was deleted again, so nothing changed in Stripe.",
		Fix:     "Fix the problem above and run again."}
}

// replaceIncomplete: the new endpoint exists (its secret was kept) but an
// old one still receives events.
func replaceIncomplete(created, old WebhookEndpoint, cause *WebhookError) *WebhookError {
	return &WebhookError{Code: CodeReplaceIncomplete, ExitCode: cause.ExitCode, Endpoint: &old, Err: cause,
		Message: fmt.Sprintf("Created the new endpoint %s and kept its signing secret, but the old endpoint %s is still enabled: %s",
			created.ID, old.ID, cause.Message),
		Fix: fmt.Sprintf("Both now receive charge.succeeded. Disable the old one in the dashboard (Developers → Webhooks → %s → Disable), "+
			"and hand Justt the new endpoint's signing secret.", old.ID)}
}

func describeEndpoint(e WebhookEndpoint) string {
	events := strings.Join(e.EnabledEvents, ", ")
	if events == "" {
		events = "no events"
	}
	return fmt.Sprintf("%s · %s · API version %s", orUnknown(e.Status), events, orUnknown(e.APIVersion))
}

func orUnknown(s string) string {
	if s == "" {
		return "unknown"
	}
	return s
}

package stripecheck

import (
	"context"
	"errors"
	"fmt"
	"net/http"
	"strings"

	"github.com/stripe/stripe-go/v76"
)

const (
	grantWebhookWrite = "Use the account's secret key (Developers → API keys → Secret key), or edit the restricted key " +
		"in Developers → API keys, set Webhook Endpoints to Write and save; then run again."
	retryLater = "Check your connection and https://status.stripe.com, then run again."
)

// stripeFailure turns what stripe-go returned for action into a refusal
// (exit 1) or an undecided outcome (exit 3). Stripe's own words are kept
// only where they say more than we can (the endpoint cap, a 400), and are
// redacted of anything key-shaped.
func stripeFailure(err error, action string, setupKey Key) *WebhookError {
	var se *stripe.Error
	if !errors.As(err, &se) {
		return networkFailure(err, action)
	}
	status := se.HTTPStatusCode
	msg := quoteStripe(se.Msg, setupKey)
	switch {
	case status == http.StatusForbidden:
		return &WebhookError{Code: CodeSetupKeyPermission, ExitCode: ExitNotReady, Err: err,
			Message: fmt.Sprintf("The setup key (%s) is not allowed to %s: it lacks Webhook Endpoints: Write.", setupKey.Summary(), action),
			Fix:     grantWebhookWrite}
	case status == http.StatusUnauthorized:
		what := "rejected"
		if se.Code == stripe.ErrorCodeAPIKeyExpired {
			what = "expired"
		}
		return &WebhookError{Code: CodeSetupKeyRejected, ExitCode: ExitNotReady, Err: err,
			Message: fmt.Sprintf("Stripe %s the setup key (%s): it may have been rolled or deleted.", what, setupKey.Summary()),
			Fix:     "Copy the current secret key from Developers → API keys (or create a restricted key with Webhook Endpoints: Write) and run again."}
	case status == http.StatusTooManyRequests:
		return &WebhookError{Code: CodeNetwork, ExitCode: ExitUndecided, Err: err,
			Message: fmt.Sprintf("Could not %s: Stripe is limiting requests on this account (429).", action),
			Fix:     "Wait a minute and run again; other integrations on the account may be using the request budget."}
	case status >= 500 || status == 0:
		return &WebhookError{Code: CodeNetwork, ExitCode: ExitUndecided, Err: err,
			Message: fmt.Sprintf("Could not %s: Stripe answered %d (%s).", action, status, orUnknown(msg)),
			Fix:     retryLater}
	case strings.Contains(strings.ToLower(msg), "maximum"):
		// Stripe's docs say 16 endpoints, one report says 100: trust its words, not a number.
		return &WebhookError{Code: CodeEndpointCap, ExitCode: ExitNotReady, Err: err,
			Message: "Stripe refused a new endpoint: the account has the maximum number of webhook endpoints (Stripe said: " + msg + ").",
			Fix:     "Delete or reuse an endpoint you no longer need in Developers → Webhooks, then run again."}
	}
	return &WebhookError{Code: CodeStripeRefused, ExitCode: ExitNotReady, Err: err,
		Message: fmt.Sprintf("Stripe refused to %s (%d: %s).", action, status, orUnknown(msg)),
		Fix:     "Check the URL with your Justt onboarding manager; if it is right, contact Justt support with this message."}
}

// networkFailure is an answer that never came (or could not be read).
func networkFailure(err error, action string) *WebhookError {
	reason := "the connection failed"
	if errors.Is(err, context.DeadlineExceeded) {
		reason = "Stripe did not answer in time"
	} else if errors.Is(err, context.Canceled) {
		reason = "the run was interrupted"
	}
	return &WebhookError{Code: CodeNetwork, ExitCode: ExitUndecided, Err: err,
		Message: fmt.Sprintf("Could not %s: %s (%s).", action, reason, Redact(err.Error())),
		Fix:     retryLater}
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

// undoCreate deletes an endpoint this run created but could not finish
// (its secret was lost), so a failure leaves nothing behind.
func undoCreate(ctx context.Context, api endpointAPI, setupKey Key, created WebhookEndpoint, cause error) *WebhookError {
	ctx, cancel := context.WithTimeout(context.WithoutCancel(ctx), cleanupTimeout)
	defer cancel()
	what := fmt.Sprintf("Stripe created endpoint %s, but %s.", created.ID, Redact(cause.Error(), setupKey))
	if err := deleteEndpoint(ctx, api, created.ID); err != nil {
		failed := stripeFailure(err, "delete it again", setupKey)
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

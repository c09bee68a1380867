package stripecheck

import (
	"context"
	"fmt"
	"strings"

	"github.com/justt-ai/justt-onboard/steps"
)

// Problem codes of VerifyWebhook.
const (
	CodeWebhookMissing    = "webhook_missing"
	CodeWebhookDisabled   = "webhook_disabled"
	CodeWebhookEvents     = "webhook_events"
	CodeWebhookAPIVersion = "webhook_api_version"
	CodeWebhookURLSpelled = "webhook_url_spelled_differently"
	CodeWebhookDuplicates = "webhook_duplicates"
)

// VerifyResult says how an endpoint differs from what Justt needs.
type VerifyResult struct {
	Endpoint *WebhookEndpoint // nil when no endpoint has the URL
	Problems []Problem        // empty when it is right
}

// OK is true when the endpoint exists and matches: warnings (a URL spelled
// differently, a second endpoint) do not make it wrong, errors do.
func (v VerifyResult) OK() bool {
	if v.Endpoint == nil {
		return false
	}
	for _, p := range v.Problems {
		if p.Severity == SeverityError {
			return false
		}
	}
	return true
}

// VerifyWebhook finds the endpoint for url and compares it with steps 15-16.
// It only reads: the setup key needs Webhook Endpoints: Read at least. Every
// error is a *WebhookError; a wrong or missing endpoint is not an error but
// a result with Problems.
func (c *Checker) VerifyWebhook(ctx context.Context, setupKey Key, url string) (VerifyResult, error) {
	parsed, err := ParseWebhookURL(url)
	if err != nil {
		return VerifyResult{}, err
	}
	url = parsed.URL // a non-ASCII host as Stripe stores it, in punycode
	if err := CheckSetupKey(setupKey); err != nil {
		return VerifyResult{}, err
	}
	ctx, cancel := c.webhookDeadline(ctx)
	defer cancel()
	ctx, _ = withAttempts(ctx)
	all, err := listEndpoints(ctx, c.webhookEndpoints(setupKey))
	if err != nil {
		failure := stripeFailure(ctx, err, "list the account's webhook endpoints", setupKey)
		if failure.Code == CodeSetupKeyPermission {
			failure.Message = strings.Replace(failure.Message, "Webhook Endpoints: Write", "Webhook Endpoints: Read", 1)
		}
		return VerifyResult{}, failure
	}
	return CompareWebhooks(all, url), nil
}

// CompareWebhooks is VerifyWebhook without Stripe: it picks, among the
// endpoints for url, the one closest to what Justt needs and lists each
// difference with its fix.
func CompareWebhooks(all []WebhookEndpoint, url string) VerifyResult {
	same := endpointsFor(all, url)
	if len(same) == 0 {
		return VerifyResult{Problems: []Problem{missingProblem(all, url)}}
	}
	best, bestProblems := same[0], endpointProblems(same[0], url)
	for _, e := range same[1:] {
		if p := endpointProblems(e, url); errorCount(p) < errorCount(bestProblems) {
			best, bestProblems = e, p
		}
	}
	if enabled := countEnabled(same); enabled > 1 {
		bestProblems = append(bestProblems, Problem{Severity: SeverityWarning, Code: CodeWebhookDuplicates,
			Message: fmt.Sprintf("%d enabled endpoints send events to this URL; Justt can verify only one signing secret.", enabled),
			Fix:     fmt.Sprintf("Keep %s and disable the others in Developers → Webhooks.", best.ID)})
	}
	return VerifyResult{Endpoint: &best, Problems: bestProblems}
}

// endpointProblems compares one endpoint with steps 15 and 16.
func endpointProblems(e WebhookEndpoint, url string) []Problem {
	var out []Problem
	if !e.Enabled() {
		out = append(out, Problem{Severity: SeverityError, Code: CodeWebhookDisabled,
			Message: fmt.Sprintf("Endpoint %s is %s: Stripe sends it no events.", e.ID, orUnknown(e.Status)),
			Fix:     fmt.Sprintf("Re-enable it in the dashboard: Developers → Webhooks → %s → Enable.", e.ID)})
	}
	if len(e.EnabledEvents) != 1 || e.EnabledEvents[0] != steps.WebhookEvent {
		out = append(out, Problem{Severity: SeverityError, Code: CodeWebhookEvents,
			Message: fmt.Sprintf("Endpoint %s listens to %s; Justt needs exactly %s.", e.ID, listEvents(e.EnabledEvents), steps.WebhookEvent),
			Fix:     fmt.Sprintf("Step 15: in Developers → Webhooks → %s → Edit destination, select %s and no other event.", e.ID, steps.WebhookEvent)})
	}
	if e.APIVersion != steps.WebhookAPIVersion {
		out = append(out, Problem{Severity: SeverityError, Code: CodeWebhookAPIVersion,
			Message: fmt.Sprintf("Endpoint %s uses API version %s; Justt needs %s.", e.ID, apiVersionName(e.APIVersion), steps.WebhookAPIVersion),
			Fix: fmt.Sprintf("Step 16: Stripe fixes an endpoint's API version when it is created, so create a new destination "+
				"with API version %s (`justt-onboard webhook register --replace` does this) and disable %s.", steps.WebhookAPIVersion, e.ID)})
	}
	if strings.TrimSpace(url) != e.URL {
		out = append(out, Problem{Severity: SeverityWarning, Code: CodeWebhookURLSpelled,
			Message: fmt.Sprintf("Endpoint %s's URL is written %s, not exactly as given (%s).", e.ID, e.URL, strings.TrimSpace(url)),
			Fix:     "Step 16: make sure it is the URL your Justt onboarding manager sent; edit it in the dashboard if not."})
	}
	return out
}

func missingProblem(all []WebhookEndpoint, url string) Problem {
	p := Problem{Severity: SeverityError, Code: CodeWebhookMissing,
		Message: "No webhook endpoint on this account sends events to " + strings.TrimSpace(url) + ".",
		Fix:     "Register it with `justt-onboard webhook register --url …`, or follow steps 12-16 in the dashboard."}
	for _, e := range all {
		if sameHost(e.URL, url) {
			p.Message += fmt.Sprintf(" Endpoint %s goes to the same host: %s.", e.ID, e.URL)
			p.Fix = "Step 16: check the URL with your Justt onboarding manager; if that endpoint is meant for Justt, correct its URL in the dashboard. Otherwise " +
				"register one with `justt-onboard webhook register --url …`."
			break
		}
	}
	return p
}

func errorCount(ps []Problem) int {
	n := 0
	for _, p := range ps {
		if p.Severity == SeverityError {
			n++
		}
	}
	return n
}

func countEnabled(es []WebhookEndpoint) int {
	n := 0
	for _, e := range es {
		if e.Enabled() {
			n++
		}
	}
	return n
}

func listEvents(events []string) string {
	if len(events) == 0 {
		return "no events"
	}
	if len(events) == 1 && events[0] == "*" {
		return "every event (*)"
	}
	return strings.Join(events, ", ")
}

func apiVersionName(v string) string {
	if v == "" {
		return "the account's default"
	}
	return v
}

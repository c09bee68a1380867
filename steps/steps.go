// Package steps holds the 18 steps of Justt's Stripe integration guide and
// the permission table as data. It is the one source of truth that the
// wizard, the fix hints, the `steps` command and the README read.
//
// steps never performs I/O beyond writing to the io.Writer it is handed.
package steps

import "strings"

// Part is one of the guide's two parts.
type Part int

const (
	// PartAPIKey is Part 1: the restricted API key (required).
	PartAPIKey Part = iota + 1
	// PartWebhook is Part 2: the charge.succeeded webhook (optional, recommended).
	PartWebhook
)

// String names the part as the guide does.
func (p Part) String() string {
	switch p {
	case PartAPIKey:
		return "API key"
	case PartWebhook:
		return "Webhook"
	}
	return "unknown part"
}

// Input says what a step asks the merchant to hand to the tool.
type Input int

const (
	// InputNone: the step happens in the Stripe dashboard; nothing is typed here.
	InputNone Input = iota
	// InputPermissions: the merchant ticks the permission rows (step 7).
	InputPermissions
	// InputAPIKey: the restricted key is pasted (step 11).
	InputAPIKey
	// InputWebhookURL: the Justt webhook URL from the onboarding manager (step 16).
	InputWebhookURL
	// InputWebhookSecret: the whsec_ signing secret is pasted (step 18).
	InputWebhookSecret
)

// Step is one numbered step of the guide.
type Step struct {
	Number int
	Part   Part
	Title  string
	// Instructions are the step's sentences, in the order to follow them.
	Instructions []string
	// Link is the live-mode dashboard page for the step, or "" where there is none.
	// TestModeLink gives the test-mode variant.
	Link string
	// Needs says, in one sentence, what the step needs from the merchant.
	Needs string
	Input Input
}

// Total is the number of steps in the guide.
const Total = 18

// Webhook settings the guide asks for (steps 15 and 16).
const (
	WebhookEvent        = "charge.succeeded"
	WebhookAPIVersion   = "2020-08-27"
	WebhookPayloadStyle = "Snapshot"
	WebhookEventsFrom   = "Your account"
	WebhookSecretPrefix = "whsec_"
	// KeyName is what the guide asks the merchant to call the key (step 6).
	KeyName = "Justt"
)

// Dashboard pages used by the steps.
const (
	dashboard       = "https://dashboard.stripe.com"
	LoginURL        = dashboard + "/login"
	APIKeysURL      = dashboard + "/apikeys"
	CreateKeyURL    = dashboard + "/apikeys/create"
	WebhooksURL     = dashboard + "/webhooks"
	AddWebhookURL   = dashboard + "/webhooks/create"
	testModeSegment = "/test"
)

// TestModeLink turns a live-mode dashboard link into its test-mode page
// (Stripe serves test-mode pages under /test/...). The login page and
// links outside the dashboard are returned unchanged.
func TestModeLink(link string) string {
	if link == "" || link == LoginURL || !strings.HasPrefix(link, dashboard+"/") {
		return link
	}
	if strings.HasPrefix(link, dashboard+testModeSegment+"/") {
		return link
	}
	return dashboard + testModeSegment + strings.TrimPrefix(link, dashboard)
}

// ByNumber returns step n (1-based) and whether it exists.
func ByNumber(n int) (Step, bool) {
	if n < 1 || n > len(All) {
		return Step{}, false
	}
	return All[n-1], true
}

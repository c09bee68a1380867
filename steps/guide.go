package steps

// All is the guide's 18 steps, in order. Step i is All[i-1].
var All = []Step{
	{
		Number: 1, Part: PartAPIKey, Title: "Sign in to Stripe",
		Instructions: []string{
			"Open the Stripe dashboard and sign in to the account whose disputes Justt will manage.",
			"If you run several Stripe accounts, pick the one that takes the payments.",
		},
		Link:  LoginURL,
		Needs: "Access to the Stripe account, as an Administrator or Developer.",
	},
	{
		Number: 2, Part: PartAPIKey, Title: "Open the Developers section",
		Instructions: []string{
			"Click Developers in the top right of the dashboard.",
		},
		Link:  APIKeysURL,
		Needs: "Nothing to type: a click in the dashboard.",
	},
	{
		Number: 3, Part: PartAPIKey, Title: "Open API keys",
		Instructions: []string{
			"In the Developers section, click API keys in the top navigation.",
		},
		Link:  APIKeysURL,
		Needs: "Nothing to type: a click in the dashboard.",
	},
	{
		Number: 4, Part: PartAPIKey, Title: "Create a restricted key",
		Instructions: []string{
			"Under \"Restricted keys\", click + Create restricted key.",
			"Shortcut: the pre-filled link opens the form already named Justt with the nine permissions ticked. Check it, then go straight to step 8.",
		},
		Link:  CreateKeyURL,
		Needs: "Nothing to type: a click in the dashboard (or the pre-filled link).",
	},
	{
		Number: 5, Part: PartAPIKey, Title: "Choose \"Building your own integration\"",
		Instructions: []string{
			"When Stripe asks \"How will you be using this API key?\", choose \"Building your own integration\".",
			"Click Continue.",
			"If Stripe then asks how to set the key's permissions, choose \"" + CustomPermissions + "\".",
		},
		Needs: "Nothing to type: a choice in the dashboard.",
	},
	{
		Number: 6, Part: PartAPIKey, Title: "Name the key Justt",
		Instructions: []string{
			"On the \"Create restricted API key\" page, type Justt in the Key name field.",
			"Today's form may ask for the name only after the permissions, just before Create key: type Justt there.",
		},
		Needs: "The key name: Justt.",
	},
	{
		Number: 7, Part: PartAPIKey, Title: "Set the nine permissions",
		Instructions: []string{
			"Set exactly these permissions and leave every other row at None.",
			"Disputes appears twice in the form: tick the one under All core resources, not the one under Issuing.",
			"Reviews sits under Radar; Charges is now labelled \"" + chargesLabel + "\".",
		},
		Needs: "Nine rows ticked in the form; the tool checks them once you paste the key.",
		Input: InputPermissions,
	},
	{
		Number: 8, Part: PartAPIKey, Title: "Create the key",
		Instructions: []string{
			"Scroll to the bottom of the form and click Create key.",
			"Before it is created, Stripe may show a summary: it should read \"" + PermissionSummary() + "\".",
			"If the form offers an expiration date, leave it empty: Justt loses access the day the key expires.",
		},
		Needs: "Nothing to type: a click in the dashboard.",
	},
	{
		Number: 9, Part: PartAPIKey, Title: "Copy the key",
		Instructions: []string{
			"Stripe shows the new key once. Copy it now: it starts with rk_live_ (or rk_test_ in test mode).",
			"Keep it until it has been handed to Justt (step 11): Stripe never shows it again, and a lost key has to be replaced by a new one.",
		},
		Needs: "The key on your clipboard, kept until the hand-off at step 11. Keep it off chat and e-mail.",
	},
	{
		Number: 10, Part: PartAPIKey, Title: "Close the dialog",
		Instructions: []string{
			"Click Done to close the dialog (today's button may read Copy and close).",
		},
		Needs: "Nothing to type: a click in the dashboard.",
	},
	{
		Number: 11, Part: PartAPIKey, Title: "Check the key, then give it to Justt",
		Instructions: []string{
			"Paste the restricted key into justt-onboard (or check it with `justt-onboard check`). It is never shown: you see its kind, mode and last 4 characters, and every permission is checked at once.",
			"Then give it to Justt: with an onboarding token, justt-onboard sends it (`justt-onboard submit`) and shows Justt's receipt; without one, open the Justt CustomerHub → Integrations and paste the key into the Stripe API Key field.",
			"Afterwards, do not rotate it or choose " + ExpireKey + ": a key " + KeyGone + " stops working for Justt.",
		},
		Needs: "The restricted key (rk_live_… or rk_test_…), pasted; and a Justt onboarding token, or the Justt CustomerHub.",
		Input: InputAPIKey,
	},
	{
		Number: 12, Part: PartWebhook, Title: "Open Developers → Webhooks",
		Instructions: []string{
			WebhookRecommended,
			"By hand: in the dashboard click Developers (top right), then Webhooks under Workbench in the left navigation.",
		},
		Link:  WebhooksURL,
		Needs: "Nothing to type: a click in the dashboard.",
	},
	{
		Number: 13, Part: PartWebhook, Title: "Add a destination",
		Instructions: []string{
			"Click + Add destination in the top right corner.",
		},
		Link:  AddWebhookURL,
		Needs: "Nothing to type: a click in the dashboard.",
	},
	{
		Number: 14, Part: PartWebhook, Title: "Choose \"Webhook endpoint\"",
		Instructions: []string{
			"On \"Choose where you want to send events\", choose Webhook endpoint (\"Send webhook events to a hosted endpoint\").",
			"Click Continue.",
		},
		Needs: "Nothing to type: a choice in the dashboard.",
	},
	{
		Number: 15, Part: PartWebhook, Title: "Choose the event",
		Instructions: []string{
			"Under Events from, choose Your account.",
			"Under Events, search for charge.succeeded and select it. Select no other event.",
		},
		Needs: "One event selected: charge.succeeded.",
	},
	{
		Number: 16, Part: PartWebhook, Title: "Configure the destination",
		Instructions: []string{
			"Destination name: Justt. Endpoint URL: the Justt webhook URL from your Justt onboarding manager. Description: optional.",
			"Before you save, the summary must read: Events from: Your account · Payload style: Snapshot · API version: 2020-08-27 · Listening to: charge.succeeded.",
			WebhookVersionNotOffered,
			"Click Add destination.",
		},
		Needs: "The Justt webhook URL from your onboarding manager.",
		Input: InputWebhookURL,
	},
	{
		Number: 17, Part: PartWebhook, Title: "Copy the signing secret",
		Instructions: []string{
			"Open the destination you just created, reveal the Signing secret and copy it. It starts with whsec_.",
			"Take it from this destination, not from another endpoint on the same account.",
		},
		Link:  WebhooksURL,
		Needs: "The signing secret on your clipboard.",
	},
	{
		Number: 18, Part: PartWebhook, Title: "Give the signing secret to Justt",
		Instructions: []string{
			"If justt-onboard registered the webhook for you, it already holds the signing secret; otherwise paste it into the wizard's field (or set STRIPE_WEBHOOK_SECRET for `justt-onboard submit`). It is never shown: you see its kind and last 4 characters. Its format is checked now; it is fully verified only when Justt receives the first charge.succeeded event.",
			"With an onboarding token, justt-onboard sends it to Justt with the key (`justt-onboard submit`) and shows Justt's receipt.",
			"Without a token, go back to the Justt CustomerHub → Integrations and paste the signing secret into the Stripe Webhook Secret field.",
		},
		Needs: "The webhook signing secret (whsec_…); and a Justt onboarding token, or the Justt CustomerHub.",
		Input: InputWebhookSecret,
	},
}

// Closing is the guide's last word, after step 18: the hand-off is done
// only when Justt has the secrets, and the merchant tells their contact.
var Closing = []string{
	"You are done when Justt has the key (and the signing secret, unless you chose API key only): a receipt from `justt-onboard submit` (onb_…) with a token, or both fields filled in the CustomerHub without one.",
	"Then tell your Justt contact that you have completed the enrollment, so they can move on to the next step of the integration.",
}

// WebhookSummary is what Stripe's configuration summary must read at step 16.
var WebhookSummary = []struct{ Label, Value string }{
	{"Events from", WebhookEventsFrom},
	{"Payload style", WebhookPayloadStyle},
	{"API version", WebhookAPIVersion},
	{"Listening to", WebhookEvent},
}

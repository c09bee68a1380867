package wizard

import (
	"strconv"

	"github.com/justt-ai/justt-onboard/steps"
)

// summaryView is the last screen: what each part handed over (redacted)
// and what the merchant does next.
func summaryView(c *common, w int) string {
	keys := "Press enter or q to finish."
	if c.webhook.way == webhookRegistered && c.webhook.savedTo == "" {
		keys = hangWrap("Press esc, then s, to save the signing secret to a file; enter or q to finish.", w)
	}
	return summaryText(c, w) + "\n\n" + keys
}

// summaryText is the summary without the key hint, shared with the
// accessible mode.
func summaryText(c *common, w int) string {
	st := c.st
	var b lines
	b.add(st.title.Render("Summary"))
	b.add("")
	if c.keyAccepted {
		b.add(st.ok.Render("✓ ") + "Part 1, API key: " + c.apiKey.Summary())
		acct := c.report.AccountID
		if acct == "" {
			acct = "not shown by Stripe"
		}
		b.add("    Account: " + acct + " · Mode: " + string(c.apiKey.Mode()))
		if c.caveat != "" {
			b.wrap(st.warn.Render("    ! You continued past: ")+c.caveat, w)
		}
	} else {
		b.add(st.bad.Render("✗ ") + "Part 1, API key: not checked yet (step 11).")
	}
	b.wrap(webhookLine(c), w)
	if c.webhook.way == webhookSkipped {
		b.wrap(st.faint.Render("    API-key-only mode: Justt gives up real-time transaction data enrichment. Run the wizard again to add it."), w)
	}
	b.add("")
	b.add(st.title.Render("What happens next"))
	b.wrap("Sending these to Justt from here comes in a later version. Until then, do the guide's hand-off yourself: open the Integrations page in the Justt CustomerHub and paste the key (step 11)"+secretHandOff(c)+" there.", w)
	switch {
	case c.webhook.way == webhookRegistered && c.webhook.savedTo != "":
		b.wrap(st.warn.Render("! ")+"The signing secret is in "+c.webhook.savedTo+" (mode 0600): paste it from that file into the CustomerHub, then delete the file.", w)
	case c.webhook.way == webhookRegistered:
		b.wrap(st.warn.Render("! ")+registeredSecretNote(c), w)
	}
	return b.String()
}

// secretHeld is what becomes of a signing secret Stripe returned: unless
// the merchant saves it to a file (s), nothing writes it anywhere, so it
// ends with the run.
const secretHeld = "held in memory for this run only, never shown."

// registeredSecretNote says plainly what a registered endpoint's secret
// costs the merchant while the wizard cannot hand it over: the wizard
// forgets it, so it comes from the dashboard after all.
func registeredSecretNote(c *common) string {
	return "The wizard cannot hand the signing secret over yet, and forgets it when it closes. To give it to Justt, open the endpoint " +
		c.webhook.endpoint.ID + " in Stripe (Developers → Webhooks), reveal its Signing secret as at step 17, and paste it in the CustomerHub."
}

func webhookLine(c *common) string {
	st := c.st
	wh := c.webhook
	switch wh.way {
	case webhookRegistered:
		where := "held in memory for this run only"
		if wh.savedTo != "" {
			where = "saved to " + wh.savedTo + " (mode 0600)"
		}
		return st.ok.Render("✓ ") + "Part 2, webhook: registered " + wh.endpoint.ID + " (" + steps.WebhookEvent + ", API version " + wh.endpoint.APIVersion + "); signing secret " + wh.secret.Redacted() + " received, " + where
	case webhookPasted:
		return st.ok.Render("✓ ") + "Part 2, webhook: signing secret " + wh.secret.Redacted() + " pasted (format checked)"
	case webhookSkipped:
		return st.faint.Render("– ") + "Part 2, webhook: skipped"
	}
	return st.faint.Render("– ") + "Part 2, webhook: not set up"
}

func secretHandOff(c *common) string {
	switch c.webhook.way {
	case webhookRegistered:
		return " and the signing secret (see below)"
	case webhookPasted:
		return " and the signing secret (step " + strconv.Itoa(steps.Total) + ")"
	}
	return ""
}

func itoa(n int) string { return strconv.Itoa(n) }

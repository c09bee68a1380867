package wizard

import (
	"strconv"
	"strings"

	"github.com/justt-ai/justt-onboard/onboarding"
	"github.com/justt-ai/justt-onboard/steps"
	"github.com/justt-ai/justt-onboard/stripecheck"
	"github.com/justt-ai/justt-onboard/vault"
)

// summaryView is the last screen: what each part handed over (redacted)
// and what the merchant does next.
func summaryView(c *common, w int) string {
	keys := "Press enter or q to finish."
	if w := c.flow.rec.Webhook; w.Way == onboarding.WebhookRegistered && w.SavedTo == "" && w.Vault == nil {
		keys = "Press esc, then s, to save the signing secret to a file; enter or q to finish."
	}
	return summaryText(c, w) + "\n\n" + hangWrap(keys, w)
}

// summaryText is the summary without the key hint, drawn from the record
// alone; shared with the accessible mode and the lines left in the
// terminal when the wizard ends.
func summaryText(c *common, w int) string {
	st := c.st
	rec := c.flow.rec
	var b lines
	b.add(st.title.Render("Summary"))
	b.add("")
	if rec.KeyPassed() {
		b.wrap(st.ok.Render("✓ ")+"Part 1, API key: "+keySummary(rec.Key), w)
		acct := rec.Key.AccountID
		if acct == "" {
			acct = "not shown by Stripe"
		}
		b.add("    Account: " + acct + " · Mode: " + rec.Key.Mode)
		b.wrap("    "+keyWhere(rec.Key), w)
		if caveat := c.flow.caveatText(); caveat != "" {
			b.wrap(st.warn.Render("    ! You continued past: ")+caveat, w)
		}
	} else {
		b.add(st.bad.Render("✗ ") + "Part 1, API key: not checked yet (step 11).")
	}
	b.wrap(webhookLine(c), w)
	if rec.Webhook.Way == onboarding.WebhookSkipped {
		b.wrap(st.faint.Render("    API-key-only mode: Justt gives up real-time transaction data enrichment. Run the wizard again to add it."), w)
	}
	b.add("")
	b.add(st.title.Render("What happens next"))
	b.wrap("Sending these to Justt from here comes in a later version. Until then, do the guide's hand-off yourself: open the Integrations page in the Justt CustomerHub and paste the key (step 11)"+secretHandOff(c)+" there.", w)
	wh := rec.Webhook
	switch {
	case wh.Way == onboarding.WebhookRegistered && wh.SavedTo != "":
		b.wrap(st.warn.Render("! ")+"The signing secret is in "+wh.SavedTo+" (mode 0600): paste it from that file into the CustomerHub, then delete the file.", w)
	case wh.Way == onboarding.WebhookRegistered && wh.Vault == nil:
		b.wrap(st.warn.Render("! ")+registeredSecretNote(c), w)
	}
	return b.String()
}

// keySummary is "restricted key · live mode · rk_live_…a1b2" from the record.
func keySummary(k onboarding.KeyPart) string {
	parts := []string{strings.TrimPrefix(stripecheck.KeyKind(k.Kind).Describe(), "a ")}
	if k.Mode != "" {
		parts = append(parts, k.Mode+" mode")
	}
	return strings.Join(append(parts, k.Redacted), " · ")
}

// keyWhere says where the key is kept between runs.
func keyWhere(k onboarding.KeyPart) string {
	if k.Vault != nil {
		return "Kept in your system keyring (" + vault.Service + "); 'justt-onboard forget' removes it."
	}
	return "Not kept between runs (no keyring answered); never written to a file."
}

// secretHeld is what becomes of a signing secret Stripe returned when no
// keyring takes it: unless the merchant saves it to a file (s), nothing
// writes it anywhere, so it ends with the run.
const secretHeld = "held in memory for this run only, never shown."

// registeredSecretNote says plainly what a registered endpoint's secret
// costs the merchant while the wizard cannot hand it over and no keyring
// keeps it: it is gone when the wizard closes.
func registeredSecretNote(c *common) string {
	return "The wizard cannot hand the signing secret over yet, and no keyring keeps it, so it is gone when the wizard closes. To give it to Justt, open the endpoint " +
		c.flow.rec.Webhook.EndpointID + " in Stripe (Developers → Webhooks), reveal its Signing secret as at step 17, and paste it in the CustomerHub."
}

func webhookLine(c *common) string {
	st := c.st
	wh := c.flow.rec.Webhook
	switch {
	case wh.Way == onboarding.WebhookRegistered:
		where := "held in memory for this run only"
		switch {
		case wh.SavedTo != "":
			where = "saved to " + wh.SavedTo + " (mode 0600)"
		case wh.Vault != nil:
			where = "kept in your system keyring"
		}
		verified := ""
		if wh.Verified {
			verified = ", verified with Stripe"
		}
		return st.ok.Render("✓ ") + "Part 2, webhook: registered " + wh.EndpointID + " (" + steps.WebhookEvent + ", API version " + wh.APIVersion + verified + "); signing secret " + wh.SecretRedacted + " received, " + where
	case wh.Way == onboarding.WebhookByHand && wh.SecretRedacted != "":
		where := ""
		if wh.Vault != nil {
			where = ", kept in your system keyring"
		}
		return st.ok.Render("✓ ") + "Part 2, webhook: signing secret " + wh.SecretRedacted + " pasted (format checked" + where + ")"
	case wh.Way == onboarding.WebhookSkipped:
		return st.faint.Render("– ") + "Part 2, webhook: skipped"
	}
	return st.faint.Render("– ") + "Part 2, webhook: not set up"
}

func secretHandOff(c *common) string {
	wh := c.flow.rec.Webhook
	switch {
	case wh.Way == onboarding.WebhookRegistered:
		return " and the signing secret (see below)"
	case wh.Way == onboarding.WebhookByHand && wh.SecretRedacted != "":
		return " and the signing secret (step " + strconv.Itoa(steps.Total) + ")"
	}
	return ""
}

func itoa(n int) string { return strconv.Itoa(n) }

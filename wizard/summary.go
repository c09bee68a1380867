package wizard

import (
	"encoding/json"
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
	if c.flow.secretOnlyInMemory() {
		keys = "Press esc, then s, to save the signing secret to a file; enter or q to finish."
	}
	return summaryText(c, w) + "\n\n" + hangText(keys, w)
}

// summaryText is the summary without the key hint, drawn from the record
// alone; shared with the accessible mode and the lines left in the
// terminal when the wizard ends. Its marks are verdicts a manager may read
// aloud: ✓ verified, ! continued past a warning, ? not verified (and why),
// ✗ failed.
func summaryText(c *common, w int) string {
	st := c.st
	rec := c.flow.rec
	var b lines
	b.add(st.title.Render("Summary"))
	b.add("")
	mark, line := keyVerdict(c.flow)
	b.wrap(st.mark(mark)+"Part 1, API key: "+line, w)
	if rec.Key.Redacted != "" {
		b.wrap("    Account: "+accountWords(c.flow)+" · Mode: "+orWord(rec.Key.Mode, "unknown"), w)
		b.wrap("    "+keyWhere(c.flow), w)
	}
	if caveat := c.flow.caveatText(); caveat != "" && rec.KeyPassed() {
		b.wrap(st.warn.Render("    You continued past: ")+caveat, w)
	}
	mark, line = webhookVerdict(c.flow)
	b.wrap(st.mark(mark)+"Part 2, webhook: "+line, w)
	if rec.Webhook.Way == onboarding.WebhookSkipped {
		b.wrap(st.faint.Render("    API-key-only mode: Justt gives up real-time transaction data enrichment. Run the wizard again to add it."), w)
	}
	mark, line = handoffVerdict(c.flow)
	b.wrap(st.mark(mark)+"Hand-off to Justt: "+line, w)
	b.add("")
	b.add(st.title.Render("What happens next"))
	for _, l := range nextSteps(c) {
		b.wrap(l, w)
	}
	return b.String()
}

// mark renders a verdict mark with its colour and a space.
func (st styles) mark(m string) string {
	switch m {
	case "✓":
		return st.ok.Render("✓ ")
	case "✗":
		return st.bad.Render("✗ ")
	case "!", "?":
		return st.warn.Render(m + " ")
	}
	return st.faint.Render(m + " ")
}

// keyVerdict is Part 1's mark and words: ✓ only for a check that passed.
func keyVerdict(f *flow) (string, string) {
	k := f.rec.Key
	switch {
	case k.Redacted == "":
		return "?", "no key checked yet (step " + itoa(keyPartStep) + ")."
	case !k.Accepted && k.Verdict == onboarding.VerdictNotReady:
		return "✗", keySummary(k) + ": its check found problems (step " + itoa(keyPartStep) + " says what to fix)."
	case !k.Accepted:
		return "?", keySummary(k) + ": pasted, not passed yet (step " + itoa(keyPartStep) + ")."
	case k.ContinuedPast == "":
		return "✓", keySummary(k) + ", all " + itoa(len(steps.Required)) + " permissions granted."
	case k.ContinuedPast == "undecided":
		why := orWord(f.caveatText(), "not every permission could be confirmed")
		if !stripeReached(f) {
			why = "Stripe was never reached, so none of the " + itoa(len(steps.Required)) + " permissions could be confirmed"
		}
		return "?", keySummary(k) + ": not verified (" + why + ")."
	}
	return "!", keySummary(k) + ": continued past a warning."
}

// stripeReached is true when Stripe answered at least one probe of the
// last check: only then may "not shown by Stripe" be said.
func stripeReached(f *flow) bool {
	if len(f.report.Permissions) > 0 {
		return f.report.Count(stripecheck.Unknown) < len(f.report.Permissions) || f.report.AccountID != ""
	}
	var r struct {
		AccountID   string `json:"account_id"`
		Permissions []struct {
			Status stripecheck.Status `json:"status"`
		} `json:"permissions"`
	}
	if json.Unmarshal(f.rec.Key.Check, &r) != nil {
		return false
	}
	for _, p := range r.Permissions {
		if p.Status != stripecheck.Unknown {
			return true
		}
	}
	return r.AccountID != ""
}

// accountWords names the Stripe account, or why it is not named.
func accountWords(f *flow) string {
	switch {
	case f.rec.Key.AccountID != "":
		return f.rec.Key.AccountID
	case f.rec.Key.Verdict == onboarding.VerdictNone:
		return "not known (the key was not checked)"
	case !stripeReached(f):
		return "not known (Stripe was not reached)"
	}
	return "not shown by Stripe"
}

// webhookVerdict is Part 2's mark and words: ✓ only for an endpoint
// Stripe created or confirmed; ✗ when a verification said it is wrong.
func webhookVerdict(f *flow) (string, string) {
	st := f.rec.Webhook
	switch {
	case st.Way == onboarding.WebhookRegistered:
		where := "held in memory for this run only"
		switch {
		case st.SavedTo != "":
			where = "saved to " + st.SavedTo + " (mode 0600)"
		case st.Vault != nil:
			where = f.keptIn()
		case f.rec.Handoff.SecretsDeleted:
			where = "handed to Justt, removed from " + f.secretsHome()
		}
		line := "registered " + st.EndpointID + " (" + steps.WebhookEvent + ", API version " + st.APIVersion + "); signing secret " + st.SecretRedacted + " received, " + where
		if st.VerifyFailed {
			return "✗", line + "; but verifying it with Stripe (v) reported it not right: step 17 says what to fix."
		}
		return "✓", line + "."
	case st.Way == onboarding.WebhookByHand && st.SecretRedacted != "":
		where := ""
		if st.Vault != nil {
			where = ", " + f.keptIn()
		}
		line := "signing secret " + st.SecretRedacted + " pasted (format checked" + where + ")"
		switch {
		case st.VerifyFailed:
			return "✗", line + "; verifying the endpoint with Stripe (v at step 17) reported it not right."
		case st.Verified:
			return "✓", line + "; the endpoint " + st.EndpointID + " was verified with Stripe."
		}
		return "?", line + "; the endpoint itself was not verified with Stripe (v at step 17 does it with a setup key)."
	case st.Way == onboarding.WebhookSkipped:
		return "–", "skipped."
	}
	return "?", "not set up."
}

// handoffVerdict is the hand-off's mark and words: ✓ only with a receipt.
func handoffVerdict(f *flow) (string, string) {
	h := f.rec.Handoff
	switch {
	case f.handedOver():
		what := "the key"
		if f.rec.Webhook.SecretRedacted != "" {
			what = "the key and the webhook signing secret"
		}
		return "✓", "Justt received " + what + " (receipt " + h.SubmissionID + ")."
	case h.State == onboarding.HandoffSending:
		return "?", "sent, but Justt has not confirmed it (no receipt). Nothing was lost: run the wizard again (or 'justt-onboard submit'); the same submission is sent, and Justt records it once."
	case f.justt != nil:
		if why := f.canSend(); why != "" {
			return "?", "not sent from here: " + why + "."
		}
		return "?", "not sent from here (you chose not to)."
	}
	return "?", "not done from here (no Justt onboarding token): it is yours to do, below."
}

// nextSteps is "What happens next": only what is true.
func nextSteps(c *common) []string {
	st := c.st
	f := c.flow
	rec := f.rec
	var out []string
	if f.handedOver() {
		if rec.Handoff.ConfirmationEmailSent {
			out = append(out, "Justt has what it needs, and the Justt team has been notified (a confirmation e-mail was sent).")
		} else {
			out = append(out, "Justt has what it needs, but did not say it notified its team: tell your Justt contact you have finished.")
		}
	} else {
		out = append(out, "Do the guide's hand-off: open the Integrations page in Justt's CustomerHub and paste the key into the Stripe API Key field (step "+itoa(keyPartStep)+"; c there copies it)"+secretHandOff(c)+".",
			"Then tell your Justt contact you have finished: the guide's last step.")
		if f.justt == nil {
			out = append(out, st.faint.Render("With a Justt onboarding token and the Justt API address, 'justt-onboard submit' (or the wizard, given both) sends them for you instead."))
		}
	}
	wh := rec.Webhook
	switch {
	case wh.Way == onboarding.WebhookRegistered && wh.SavedTo != "":
		out = append(out, st.warn.Render("! ")+"The signing secret is in "+wh.SavedTo+" (mode 0600): "+savedFileNote(f))
	case f.secretOnlyInMemory():
		out = append(out, st.warn.Render("! ")+registeredSecretNote(c))
	}
	return out
}

// savedFileNote says what to do with the file the secret was saved to.
func savedFileNote(f *flow) string {
	if f.handedOver() {
		return "Justt has it now, so delete the file."
	}
	return "paste it from that file into the CustomerHub, then delete the file."
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
func keyWhere(f *flow) string {
	rec := f.rec
	k := rec.Key
	if rec.Handoff.SecretsDeleted {
		return "Removed from " + f.secretsHome() + " after Justt's receipt: Justt holds it."
	}
	if k.Vault != nil && f.secretsOutliveRun() {
		return "Kept in your system keyring (" + vault.Service + "); 'justt-onboard forget' removes it."
	}
	if k.Vault != nil {
		return "Kept in " + f.secretsHome() + " until this run ends; never written to a file."
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
	return "No keyring keeps the signing secret, so it is gone when the wizard closes: paste it in the CustomerHub first (esc, then c, copies it). Later, open the endpoint " +
		c.flow.rec.Webhook.EndpointID + " in Stripe (Developers → Webhooks) and reveal its Signing secret as at step 17."
}

func secretHandOff(c *common) string {
	wh := c.flow.rec.Webhook
	switch {
	case wh.Way == onboarding.WebhookRegistered && wh.SecretRedacted != "":
		return ", and the signing secret into the Stripe Webhook Secret field (esc back to the registration, where c copies it)"
	case wh.Way == onboarding.WebhookByHand && wh.SecretRedacted != "":
		return ", and the signing secret into the Stripe Webhook Secret field (step " + strconv.Itoa(steps.Total) + "; c there copies it)"
	}
	return ""
}

func itoa(n int) string { return strconv.Itoa(n) }

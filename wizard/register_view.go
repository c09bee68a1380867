package wizard

import (
	"strings"

	"github.com/justt-ai/justt-onboard/steps"
	"github.com/justt-ai/justt-onboard/stripecheck"
)

func (r registerScreen) view(c *common, w int) string {
	st := c.st
	var b lines
	b.add(st.title.Render("Register the webhook for me"))
	b.add("")
	b.wrap("Justt's key deliberately lacks the Webhook Endpoints permission, so registering needs a setup key: your secret key (sk_…) or a restricted key with Webhook Endpoints: Write. It is used once for this registration, held in memory only, never stored or sent to Justt.", w)
	b.add("")
	if r.entering(entrySetupKey) {
		r.keyView(&b, c, w)
		return b.String()
	}
	if r.phase == regDone {
		// No URL refusal here: the URL passed before registering.
		b.add("Setup key: " + st.ok.Render("used once, then forgotten"))
		b.add("Justt webhook URL: " + r.url.Value())
	} else {
		r.urlView(&b, st, w, " (held for this registration only)")
	}
	b.add("")
	switch r.phase {
	case regWorking:
		b.add(r.spin.View() + " Registering the endpoint with Stripe…")
	case regDone:
		r.doneView(&b, c, w)
	case regFailed:
		r.failedView(&b, c, w)
	}
	return b.String()
}

func (r registerScreen) doneView(b *lines, c *common, w int) {
	st := c.st
	e := r.result.Endpoint
	b.add(st.ok.Render("✓ Webhook registered: ") + e.ID)
	b.add("  Events: " + strings.Join(e.EnabledEvents, ", ") + " · API version: " + e.APIVersion)
	held := secretHeld
	if r.saver.savedTo != "" {
		held = "saved to a file, never shown."
	}
	b.wrap("  "+st.ok.Render("Signing secret received")+" ("+r.result.Secret.Redacted()+"); "+held, w)
	if r.result.Replaced != nil {
		b.add("  The old endpoint " + r.result.Replaced.ID + " was disabled.")
	}
	if r.werr != nil {
		b.wrap(st.warn.Render("! ")+r.werr.Message, w)
		b.wrap("  "+r.werr.Fix, w)
	}
	if v := r.verify.view(st, w); v != "" {
		b.add("")
		if r.verify.done {
			b.wrap("Stripe's answer about the new endpoint (the setup key is now forgotten):", w)
		}
		b.add(v)
	}
	b.add("")
	b.add(r.saver.view(c, w))
	if !r.saver.focused() {
		b.add("Press enter for the summary.")
	}
}

func (r registerScreen) failedView(b *lines, c *common, w int) {
	st := c.st
	b.wrap(st.bad.Render("✗ ")+r.werr.Message, w)
	if r.werr.Fix != "" {
		b.wrap("  "+r.werr.Fix, w)
	}
	if r.werr.Code != stripecheck.CodeDuplicate {
		b.add("Press r to try again, e to edit the URL, or esc to choose another way.")
		return
	}
	if e := r.werr.Endpoint; e != nil {
		b.add("  Existing endpoint: " + e.ID + " (" + e.Status + ")")
	}
	b.add("")
	b.add("Stripe shows a signing secret only when an endpoint is created. Choose:")
	b.wrap("  1  Use the existing endpoint: reveal its secret in the dashboard (step 17), then paste it at step "+itoa(steps.Total)+".", w)
	b.wrap("  2  Replace it: create a new endpoint for this URL and disable the old one.", w)
}

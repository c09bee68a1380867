package wizard

import (
	"errors"
	"strings"

	"github.com/justt-ai/justt-onboard/justt"
)

// askToken is the token question in words: the same proof and the same
// answers as the token screen.
func (p *plain) askToken() error {
	f := p.c.flow
	h := p.c.hand
	if h.Connect == nil || f.handedOver() {
		return nil
	}
	p.say("")
	p.say("Your Justt onboarding token. With it, the wizard proves it now, names the merchant, fills in the webhook URL, and at the end sends the key and signing secret to Justt for you. It is never saved.")
	tok := h.Token
	switch {
	case p.c.demo != nil && h.DemoToken != "" && !tok.IsZero():
		p.say("Using the demo token (fake, sandbox only): " + h.DemoToken + ".")
	case p.c.demo != nil && h.DemoToken != "":
		p.say("Demo token (fake, sandbox only): " + h.DemoToken + ". Type demo to use it.")
	case !tok.IsZero():
		p.say("Using the token from JUSTT_ONBOARDING_TOKEN.")
	}
	for {
		if tok.IsZero() {
			raw, err := p.askSecret("Paste the token (hidden), or press enter if you don't have one: ")
			if err != nil {
				return err
			}
			if raw == "" {
				f.withoutToken()
				p.persist()
				p.say("No token: at the end, the summary says where in Justt's CustomerHub each secret goes.")
				return nil
			}
			if p.c.demo != nil && strings.EqualFold(raw, "demo") && h.DemoToken != "" {
				raw = h.DemoToken
			}
			if tok, err = justt.ParseToken(raw); err != nil {
				p.say("Not taken: " + err.Error() + ".")
				continue
			}
		}
		p.say("Asking Justt about this token…")
		msg, _ := proveTokenCmd(p.c.ctx, h, tok)().(tokenProvedMsg)
		f.tokenProved(msg)
		p.persist()
		var refused *justt.RefusedTokenError
		switch {
		case msg.err == nil:
			p.say("Justt accepted the token. This onboarding is for " + msg.cfg.MerchantName + ". Webhook URL for step 16: " + msg.cfg.WebhookURL + ".")
			return nil
		case errors.As(msg.err, &refused):
			p.say("Justt refused this token: it is invalid, revoked or expired. Paste another, or press enter to continue without.")
		default:
			p.say("The token could not be proven: " + msg.err.Error() + ". Paste it again to retry, or press enter to continue without.")
		}
		tok = justt.Token{}
	}
}

// handOff is the review and the sending in words, once the record is
// finished: what will be sent, then send, keep or skip.
func (p *plain) handOff() error {
	f := p.c.flow
	if f.justt == nil || f.handedOver() {
		return nil
	}
	p.say("")
	p.say("Review: what will be sent to Justt.")
	for _, l := range reviewLines(f) {
		p.say(l)
	}
	if why := f.canSend(); why != "" {
		p.say("Not sendable: " + why + ". The summary says where to paste each secret in the CustomerHub instead.")
		return nil
	}
	keep := false
	entries := len(f.secretEntries()) > 0
	for {
		prompt := "Type send to hand this to Justt, or skip to not send: "
		if entries {
			p.say("After the receipt, the copies in " + p.c.flow.secretsHome() + " are removed unless you type keep.")
			prompt = "Type send to hand this to Justt, keep to send and keep a copy, or skip to not send: "
		}
		ans, err := p.ask(prompt)
		if err != nil {
			return err
		}
		switch strings.ToLower(ans) {
		case "skip":
			p.say("Not sent. The summary says where to paste each secret in the CustomerHub.")
			return nil
		case "keep":
			if !entries {
				p.say("Not understood.")
				continue
			}
			keep = true
		case "send", "":
		default:
			p.say("Not understood: type send, or skip.")
			continue
		}
		p.say("Sending to Justt…")
		msg, _ := f.sendCmd(p.c.ctx)().(sentMsg)
		f.sent(msg)
		p.persist()
		if msg.err != nil {
			p.say(sendFailure(msg.err))
			continue
		}
		for _, l := range receiptLines(f, msg.receipt) {
			p.say(strings.TrimSpace(l))
		}
		if msg.saveErr != nil {
			p.say("The progress file was not updated: " + msg.saveErr.Error())
		}
		if !keep {
			if cmd := f.deleteSecretsCmd(); cmd != nil {
				d, _ := cmd().(secretsDeletedMsg)
				f.secretsDeleted(d)
				p.persist()
				if d.err != nil {
					p.say("The secrets could not be removed from " + f.secretsHome() + " (" + d.err.Error() + "): 'justt-onboard forget' removes them.")
				} else {
					p.say(removedWords(d.entries, f.secretsHome()))
				}
			}
		}
		return nil
	}
}

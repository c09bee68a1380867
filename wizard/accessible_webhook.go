package wizard

import (
	"errors"
	"strings"

	"github.com/justt-ai/justt-onboard/onboarding"
	"github.com/justt-ai/justt-onboard/steps"
	"github.com/justt-ai/justt-onboard/stripecheck"
	"github.com/justt-ai/justt-onboard/vault"
)

// webhookChoice is Part 2's choice, after step 11: register, by hand, or
// skip. b goes back to step 11.
func (p *plain) webhookChoice() error {
	f := p.c.flow
	p.say("")
	p.say("Part 2: the webhook (optional, recommended). Stripe sends each charge.succeeded event to Justt for real-time transaction data enrichment.")
	for _, t := range choiceText {
		p.say("  " + t.key + ": " + t.title + ". " + t.detail)
	}
	if w := f.rec.Webhook; w.Way == onboarding.WebhookRegistered {
		p.say("  Already registered: " + w.EndpointID + ".")
	}
	for {
		c, err := p.command("Type a, b or c", "")
		if err != nil {
			return err
		}
		switch strings.ToLower(c.raw) {
		case "a":
			err := p.register()
			if errors.Is(err, errBack) {
				return nil
			}
			if err == nil && f.rec.Webhook.Way == onboarding.WebhookRegistered {
				return p.finish()
			}
			return err
		case "b":
			if err := f.chooseWebhook(onboarding.WebhookByHand); err != nil {
				p.say(err.Error())
				continue
			}
			return p.goTo(keyPartStep + 1)
		case "c":
			if err := f.chooseWebhook(onboarding.WebhookSkipped); err != nil {
				p.say(err.Error())
				continue
			}
			return p.finish()
		}
		if c.verb == verbNext {
			p.say("Choose one: type a, b or c.")
			continue
		}
		if done, err := p.common(c, keyPartStep); done || err != nil {
			return err
		}
	}
}

// errBack is b at a prompt inside registering: back to the choice.
var errBack = errors.New("back")

// secretStep is step 18: the signing secret, pasted (format checked),
// then enter for the summary, as on the screens.
func (p *plain) secretStep() error {
	p.showStep(steps.Total)
	for p.c.flow.rec.Step == steps.Total && !p.c.flow.rec.Finished() {
		s := pastedSecret(p.c)
		if s.IsZero() {
			if err := p.pasteSecret(); err != nil || pastedSecret(p.c).IsZero() {
				return err
			}
			continue
		}
		c, err := p.command("Signing secret "+s.Redacted()+" pasted. Press enter for the summary, or e to paste another", "")
		if err != nil {
			return err
		}
		switch c.verb {
		case verbNext:
			return p.finish()
		case verbAnother:
			if err := p.pasteSecret(); err != nil {
				return err
			}
			continue
		}
		if done, err := p.common(c, steps.Total); done || err != nil {
			return err
		}
	}
	return nil
}

func (p *plain) pasteSecret() error {
	for {
		raw, err := p.askSecret("Paste the signing secret (whsec_…), then enter. It stays hidden (help for commands): ")
		if err != nil {
			return err
		}
		if c := parseCommand(raw); c.verb != verbOther {
			if c.verb == verbNext {
				p.say("Nothing was pasted. Paste the signing secret, or type help.")
				continue
			}
			if done, err := p.common(c, steps.Total); done || err != nil {
				return err
			}
			continue
		}
		secret, err := stripecheck.ParseKey(raw)
		if err == nil && secret.Kind() != stripecheck.WebhookSecret {
			p.say("Not accepted: you pasted " + secret.Summary() + ", not a webhook signing secret. Step 17 shows where to find it.")
			continue
		}
		if err != nil {
			ke := asKeyError(err)
			p.say("Not accepted: " + ke.Message + " " + ke.Fix)
			continue
		}
		if err := p.c.flow.pasted(secret); err != nil {
			p.say(err.Error())
			return nil
		}
		p.apply(p.c.flow.keep(vault.WebhookSigningSecret))
		p.say("Format OK: " + secret.Summary() + ". It can only be fully verified when Justt receives the first " + steps.WebhookEvent + " event.")
		return nil
	}
}

// register takes a setup key and the URL, then registers the endpoint,
// verifies it at once with the same key, forgets the key and offers to
// save the signing secret to a file.
func (p *plain) register() error {
	p.say("Justt's key deliberately lacks the Webhook Endpoints permission, so registering needs a setup key: your secret key (sk_…) or a restricted key with Webhook Endpoints: Write. It is used once for this registration, held in memory only, never stored or sent to Justt.")
	setup, err := p.setupKey("Write")
	if err != nil {
		return err
	}
	url, err := p.webhookURL()
	if err != nil {
		return err
	}
	replace := false
	for {
		p.say("Registering the endpoint with Stripe…")
		res, err := p.c.eng.RegisterWebhook(p.c.ctx, setup, stripecheck.RegisterOptions{URL: url, Replace: replace})
		if res.Created && !res.Secret.IsZero() {
			p.c.flow.registered(res)
			p.apply(p.c.flow.keep(vault.WebhookSigningSecret))
			p.say("Webhook registered: " + res.Endpoint.ID + ", API version " + res.Endpoint.APIVersion + ". Signing secret received (" + res.Secret.Redacted() + "); " + p.secretWhere())
			if err != nil {
				we := webhookErrorOf(err, nil)
				p.say("Warning: " + we.Message + " " + we.Fix)
			}
			p.verifyAndSay(setup, url)
			p.say("The setup key is now forgotten.")
			return p.offerSave()
		}
		next, err := p.registerFailed(err)
		if err != nil {
			return err
		}
		replace = next == "2"
		if next == "1" {
			return p.revealInstead()
		}
	}
}

// registerFailed explains a refusal and returns what to do: "2" replace,
// "1" use the existing endpoint, "r" retry.
func (p *plain) registerFailed(err error) (string, error) {
	we := webhookErrorOf(err, nil)
	p.say("Not registered: " + we.Message + " " + we.Fix)
	prompt := "Type r to try again, or b to go back: "
	if we.Code == stripecheck.CodeDuplicate {
		prompt = "Type 1 to use the existing endpoint (reveal its secret at step 17, paste it at step 18), 2 to replace it, or b to go back: "
	}
	for {
		ans, err := p.ask(prompt)
		if err != nil {
			return "", err
		}
		switch {
		case ans == "b":
			return "", errBack
		case ans == "r" && we.Code != stripecheck.CodeDuplicate, (ans == "1" || ans == "2") && we.Code == stripecheck.CodeDuplicate:
			return ans, nil
		}
	}
}

// revealInstead is "use the existing endpoint" after a duplicate: step 17
// shows where to reveal its secret, step 18 takes it.
func (p *plain) revealInstead() error {
	if err := p.c.flow.chooseWebhook(onboarding.WebhookByHand); err != nil {
		return err
	}
	return p.goTo(verifyStep17)
}

// secretWhere says where a registered endpoint's secret is now.
func (p *plain) secretWhere() string {
	if p.c.flow.rec.Webhook.Vault != nil {
		return p.c.flow.keptIn() + ", never shown."
	}
	return secretHeld
}

// verifyByHand is step 17's verify: a setup key and the URL, one
// VerifyWebhook, the answer line by line. The key goes out of scope (is
// forgotten) when it returns; b at either prompt cancels.
func (p *plain) verifyByHand() error {
	p.say("Verify the endpoint: paste a setup key, your secret key (sk_…) or a restricted key with Webhook Endpoints: Read. It is used for this one check, held in memory only and then forgotten; never stored or sent to Justt.")
	setup, err := p.setupKey("Read")
	if err != nil {
		return ignoreBack(err)
	}
	url, err := p.webhookURL()
	if err != nil {
		return ignoreBack(err)
	}
	p.verifyAndSay(setup, url)
	p.say("The setup key is now forgotten.")
	return nil
}

func ignoreBack(err error) error {
	if errors.Is(err, errBack) {
		return nil
	}
	return err
}

// verifyAndSay asks Stripe about the endpoint for url and says the answer.
func (p *plain) verifyAndSay(setup stripecheck.Key, url string) {
	p.say("Checking the endpoint with Stripe…")
	res, err := p.c.eng.VerifyWebhook(p.c.ctx, setup, url)
	p.c.flow.verified(url, res, err)
	for _, l := range verifyVerdict(res, verifyErrorOf(err)) {
		p.say(l.mark + " " + l.text)
		if l.fix != "" {
			p.say("    " + l.fix)
		}
	}
}

// offerSave offers to write a registered endpoint's signing secret to a
// new file (mode 0600), as the screens' s does.
func (p *plain) offerSave() error {
	for {
		ans, err := p.ask("Type s to save the signing secret to a file, so you need not reveal it in the dashboard, or press enter to go on: ")
		switch {
		case err != nil || ans == "":
			return err
		case !strings.EqualFold(ans, "s"):
			p.say("Not understood: type s, or press enter to go on.")
			continue
		}
		saved, err := p.saveSecret()
		if err != nil || saved {
			return err
		}
	}
}

// saveSecret asks for a path until the file is written or the merchant
// types b.
func (p *plain) saveSecret() (bool, error) {
	for {
		path, err := p.ask("Path of a new file (mode 0600; an existing file is never overwritten), enter for " + defaultSecretPath + ", or b to go back: ")
		if err != nil || path == "b" {
			return false, err
		}
		if path == "" {
			path = defaultSecretPath
		}
		res, _ := saveSecretCmd(0, path, p.c.flow.secret)().(savedMsg)
		if res.err != nil {
			p.say("Not saved: " + saveProblem(res.path, res.err))
			continue
		}
		p.c.flow.savedTo(res.path)
		p.say(savedLine(res.path))
		return true, nil
	}
}

// setupKey asks for a setup key; access is the Webhook Endpoints access
// its use needs (Write to register, Read to verify).
func (p *plain) setupKey(access string) (stripecheck.Key, error) {
	hint := ""
	if p.c.demo != nil && p.c.demo.MintSetupKey != nil {
		hint = " (demo: type demo for a demo setup key)"
	}
	for {
		raw, err := p.askSecret("Paste the setup key" + hint + ", then enter. It stays hidden (b to go back): ")
		if err != nil {
			return stripecheck.Key{}, err
		}
		if raw == "b" {
			return stripecheck.Key{}, errBack
		}
		if hint != "" && raw == "demo" {
			raw = p.c.demo.MintSetupKey()
		}
		key, err := stripecheck.ParseKey(raw)
		if err != nil {
			ke := asKeyError(err)
			p.say("Not accepted: " + ke.Message + " " + ke.Fix)
			continue
		}
		if err := stripecheck.CheckSetupKey(key); err != nil {
			ke := setupKeyRefusal(err, access)
			p.say("Not accepted: " + ke.Message + " " + ke.Fix)
			continue
		}
		return key, nil
	}
}

func (p *plain) webhookURL() (string, error) {
	def, _ := p.c.webhookURL()
	for {
		prompt := "Justt webhook URL (from your Justt onboarding manager): "
		if def != "" {
			prompt = "Justt webhook URL, or enter for " + def + ": "
		}
		url, err := p.ask(prompt)
		if err != nil {
			return "", err
		}
		if url == "" {
			url = def
		}
		if url == "b" {
			return "", errBack
		}
		if err := stripecheck.ValidateWebhookURL(url); err != nil {
			p.say("Not accepted: " + err.Error())
			continue
		}
		return url, nil
	}
}

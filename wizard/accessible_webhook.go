package wizard

import (
	"errors"

	"github.com/justt-ai/justt-onboard/steps"
	"github.com/justt-ai/justt-onboard/stripecheck"
)

// webhookPart is Part 2: register, by hand, or skip.
func (p *plain) webhookPart() error {
	for {
		p.say("")
		p.say("Part 2: the webhook (optional, recommended). Stripe sends each charge.succeeded event to Justt for real-time transaction data enrichment.")
		for _, t := range choiceText {
			p.say("  " + t.key + ": " + t.title + ". " + t.detail)
		}
		ans, err := p.ask("Type a, b or c: ")
		if err != nil {
			return err
		}
		switch ans {
		case "a":
			err = p.register()
		case "b":
			err = p.byHand()
		case "c":
			p.c.webhook = webhookOutcome{way: webhookSkipped}
			return nil
		default:
			continue
		}
		if !errors.Is(err, errBack) {
			return err
		}
	}
}

// byHand is steps 12-17, then the signing secret at step 18.
func (p *plain) byHand() error {
	for start := keyPartStep + 1; ; start = steps.Total - 1 {
		if err := p.walk(keyPartStep+1, steps.Total-1, start); err != nil {
			return err
		}
		p.showStep(steps.Total)
		err := p.secretStep()
		if !errors.Is(err, errBack) {
			return err
		}
	}
}

func (p *plain) secretStep() error {
	for {
		raw, err := p.askSecret("Paste the signing secret (whsec_…), then enter. It stays hidden (b to go back): ")
		if err != nil || raw == "b" {
			if raw == "b" {
				return errBack
			}
			return err
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
		p.c.webhook = webhookOutcome{way: webhookPasted, secret: secret}
		p.say("Format OK: " + secret.Summary() + ". It can only be fully verified when Justt receives the first " + steps.WebhookEvent + " event.")
		return nil
	}
}

// register takes a setup key and the URL, then registers the endpoint.
func (p *plain) register() error {
	p.say("Justt's key deliberately lacks the Webhook Endpoints permission, so registering needs a setup key: your secret key (sk_…) or a restricted key with Webhook Endpoints: Write. It is used once for this registration, held in memory only, never stored or sent to Justt.")
	setup, err := p.setupKey()
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
			p.c.webhook = webhookOutcome{way: webhookRegistered, endpoint: res.Endpoint, secret: res.Secret}
			p.say("Webhook registered: " + res.Endpoint.ID + ", API version " + res.Endpoint.APIVersion + ". Signing secret received (" + res.Secret.Redacted() + "); " + secretHeld)
			if err != nil {
				we := webhookErrorOf(err, nil)
				p.say("Warning: " + we.Message + " " + we.Fix)
			}
			return nil
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

func (p *plain) revealInstead() error {
	p.showStep(17)
	if _, err := p.ask("Press enter when you have the signing secret: "); err != nil {
		return err
	}
	p.showStep(steps.Total)
	return p.secretStep()
}

func (p *plain) setupKey() (stripecheck.Key, error) {
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
			ke := setupKeyRefusal(err)
			p.say("Not accepted: " + ke.Message + " " + ke.Fix)
			continue
		}
		return key, nil
	}
}

func (p *plain) webhookURL() (string, error) {
	def := ""
	if p.c.demo != nil {
		def = p.c.demo.WebhookURL
	}
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

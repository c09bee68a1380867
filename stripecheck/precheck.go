package stripecheck

// WrongKind says whether key must not be sent to Stripe for the check, and
// why: nothing was given, a publishable key, an organization key (sk_org_),
// a webhook signing secret, or something that is not a Stripe key. The wizard calls it before any
// request; Precheck, Probe and Diagnose call it too.
func WrongKind(key Key) (Problem, bool) {
	p := Problem{Severity: SeverityError, Code: CodeWrongKind}
	switch {
	case key.IsZero():
		p.Message = "No key was given."
		p.Fix = "Paste the restricted key you copied at step 9 (it starts with rk_live_)."
	case key.Kind() == Publishable:
		p.Message = "That's the publishable key (" + key.Redacted() + "): it is meant for web pages and cannot read disputes."
		p.Fix = "Go back to step 4 and create a restricted key (Developers → API keys → + Create restricted key), then paste the rk_… key Stripe shows at step 9."
	case key.Kind() == Organization:
		p.Code = CodeOrganizationKey
		p.Message = "That's an organization key (" + key.Redacted() + "): it reaches every account of your Stripe organization and needs the account named on each request. Justt needs a key of the one account whose disputes it manages."
		p.Fix = "In Stripe, switch to that account (account picker, top left), then go to step 4 and create a restricted key there (Developers → API keys → + Create restricted key); paste the rk_live_… key it shows at step 9."
	case key.Kind() == WebhookSecret:
		p.Message = "That's the webhook signing secret (whsec_…), not an API key: it belongs at step 18."
		p.Fix = "Here, paste the restricted key you copied at step 9 (it starts with rk_live_)."
	case key.Kind() == Unrecognized || key.Kind() == "":
		p.Message = "That is not a Stripe API key: a restricted key starts with rk_live_ (rk_test_ in test mode)."
		p.Fix = "Step 9: copy the key in Stripe with its copy button and paste it again; if you no longer see it, create a new one at step 4."
	default:
		return Problem{}, false
	}
	return p, true
}

// Precheck returns the report for a key that must not be sent to Stripe
// (publishable, webhook secret, unrecognized) and true; or a zero Report and
// false when the key may be probed. No request is made.
func Precheck(key Key, opts Options) (Report, bool) {
	problem, wrong := WrongKind(key)
	if !wrong {
		return Report{}, false
	}
	r := Report{
		Key:         key,
		Permissions: UnknownRows("not checked: " + problem.Message),
		Problems:    []Problem{problem},
		Webhook:     webhookStatus(opts),
	}
	if p, bad := webhookProblem(opts); bad {
		r.Problems = append(r.Problems, p)
	}
	return r, true
}

package stripecheck

import "strings"

// WrongKind says whether key must not be sent to Stripe for the check, and
// why: nothing was given, a publishable key, an organization key (sk_org_),
// a webhook signing secret, or something that is not a Stripe key. The
// wizard calls it before any request; Precheck, Probe and Diagnose call it
// too. Its fixes speak to the wizard; Precheck's to the key's channel.
func WrongKind(key Key) (Problem, bool) { return wrongKind(key, KeySource{}) }

func wrongKind(key Key, src KeySource) (Problem, bool) {
	p := Problem{Severity: SeverityError, Code: CodeWrongKind}
	again := src.Give("the restricted key you copied at step 9") + " (it starts with rk_live_)."
	switch {
	case key.IsZero():
		p.Message = "No key was given."
		p.Fix = upperFirst(again)
	case key.Kind() == Publishable:
		p.Message = "That's the publishable key (" + key.Redacted() + "): it is meant for web pages and cannot read disputes."
		p.Fix = "Go back to step 4 and create a restricted key (Developers → API keys → + Create restricted key), then " + src.Give("the rk_… key Stripe shows at step 9") + "."
	case key.Kind() == Organization:
		p.Code = CodeOrganizationKey
		p.Message = "That's an organization key (" + key.Redacted() + "): it reaches every account of your Stripe organization and needs the account named on each request. Justt needs a key of the one account whose disputes it manages."
		p.Fix = "In Stripe, switch to that account (account picker, top left), then go to step 4 and create a restricted key there (Developers → API keys → + Create restricted key); " + src.Give("the rk_live_… key it shows at step 9") + "."
	case key.Kind() == WebhookSecret:
		p.Message = "That's the webhook signing secret (whsec_…), not an API key: it belongs at step 18."
		p.Fix = "Here, " + again
	case key.Kind() == Unrecognized || key.Kind() == "":
		p.Message = "That is not a Stripe API key: a restricted key starts with rk_live_ (rk_test_ in test mode)."
		p.Fix = "Step 9: copy the key in Stripe with its copy button and " + src.Give("it") + " again; if you no longer see it, create a new one at step 4."
	default:
		return Problem{}, false
	}
	return p, true
}

func upperFirst(s string) string {
	if s == "" {
		return s
	}
	return strings.ToUpper(s[:1]) + s[1:]
}

// notCheckedDetail is the short detail of every row of a key that was not
// sent: the problem explains it once, in full.
func notCheckedDetail(key Key) string {
	if key.IsZero() {
		return "not checked: no key was given"
	}
	return "not checked: " + key.Kind().Describe()
}

// Precheck returns the report for a key that must not be sent to Stripe
// (publishable, webhook secret, unrecognized) and true; or a zero Report and
// false when the key may be probed. No request is made.
func Precheck(key Key, opts Options) (Report, bool) {
	problem, wrong := wrongKind(key, opts.Source)
	if !wrong {
		return Report{}, false
	}
	return notSent(key, notCheckedDetail(key), problem, opts), true
}

// CodeKeyMalformed prefixes the code of the problem MalformedKeyReport
// names: key_malformed_ then KeyError.Code (too_long, inner_space, …).
const CodeKeyMalformed = "key_malformed_"

// MalformedKeyReport is the report for a string ParseKey could not read as
// a key at all (e is its error): nothing was sent, every row is unknown,
// the problem's fix asks for the key again through opts.Source, and a
// signing secret of the wrong shape is named as Precheck names it. No
// request is made.
func MalformedKeyReport(e *KeyError, opts Options) Report {
	problem := Problem{Severity: SeverityError, Code: CodeKeyMalformed + e.Code, Message: e.Message, Fix: e.FixFor(opts.Source)}
	return notSent(Key{}, "not checked: the key could not be read", problem, opts)
}

// notSent is the report for a key that was not sent to Stripe: every row
// unknown with detail, problem first, then the signing secret's problem,
// if any.
func notSent(key Key, detail string, problem Problem, opts Options) Report {
	r := Report{
		Key:         key,
		Permissions: UnknownRows(detail),
		Problems:    []Problem{problem},
		Webhook:     webhookStatus(opts),
	}
	if p, bad := webhookProblem(opts); bad {
		r.Problems = append(r.Problems, p)
	}
	return r
}

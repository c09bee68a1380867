package stripecheck

import (
	"fmt"
	"sort"
	"strings"

	"github.com/justt-ai/justt-onboard/steps"
)

// Assemble builds the report from the nine results and the diagnosis. It is
// pure: the wizard calls it after its own per-row probes finish. Rows come
// out in steps.Required order whatever order results arrive in; a row with
// no result is unknown.
func Assemble(key Key, results []Result, d Diagnosis, opts Options) Report {
	if r, stop := Precheck(key, opts); stop {
		return r
	}
	rows := orderRows(results)
	r := Report{Key: key, AccountID: firstAccountID(d, rows), Webhook: webhookStatus(opts)}

	if rejected := findRejection(rows, d); rejected != nil {
		// Every answer came from a refused key: none of them says anything
		// about the permissions.
		r.Permissions = UnknownRows("not checked: Stripe refused the key")
		rej := *rejected
		if opts.Source != (KeySource{}) {
			rej.Fix = rejectionFix(rej.Code, opts.Source) // said to the CLI's channel
		}
		r.Problems = append(r.Problems, rej)
		r.Problems = append(r.Problems, keyProblems(key, opts)...)
		return finish(r)
	}
	r.Permissions = rows
	r.Excess = append(append([]steps.Permission{}, d.Excess...), issuingHeld(d)...)
	r.Problems = append(r.Problems, keyProblems(key, opts)...)
	r.Problems = append(r.Problems, d.Problems...)
	if p, trapped := issuingTrap(rows, d); trapped {
		r.Problems = append(r.Problems, p)
	}
	path := pathProblems(rows)
	r.Problems = append(r.Problems, path...)
	if p, undecided := unknownWarning(rows); undecided && !explained(rows, path) {
		r.Problems = append(r.Problems, p)
	}
	if key.Kind() != Secret { // the secret-key error already says it all
		r.Problems = append(r.Problems, excessWarnings(d.Excess)...)
		if p, extra := issuingExtra(rows, d); extra {
			r.Problems = append(r.Problems, p)
		}
	}
	return finish(r)
}

// finish puts errors before warnings (stable otherwise) and drops repeats.
func finish(r Report) Report {
	seen := map[string]bool{}
	kept := r.Problems[:0]
	for _, p := range r.Problems {
		id := p.Code + "\x00" + p.Message
		if !seen[id] {
			seen[id] = true
			kept = append(kept, p)
		}
	}
	sort.SliceStable(kept, func(i, j int) bool {
		return kept[i].Severity == SeverityError && kept[j].Severity != SeverityError
	})
	r.Problems = kept
	return r
}

// orderRows returns the nine rows in the guide's order, the Fix set on
// missing ones.
func orderRows(results []Result) []Result {
	rows := UnknownRows("not checked")
	for i, p := range steps.Required {
		for _, res := range results {
			if res.Permission == p {
				rows[i] = res
				break
			}
		}
		if rows[i].Status == Missing {
			rows[i].Fix = p.Fix()
		}
	}
	return rows
}

func firstAccountID(d Diagnosis, rows []Result) string {
	if d.AccountID != "" {
		return d.AccountID
	}
	for _, r := range rows {
		if r.accountID != "" {
			return r.accountID
		}
	}
	return ""
}

func findRejection(rows []Result, d Diagnosis) *Problem {
	for _, p := range d.Problems {
		if p.Code == CodeKeyInvalid || p.Code == CodeKeyExpired || p.Code == CodeWrongKind {
			return &p
		}
	}
	for _, r := range rows {
		if r.rejection != nil {
			return r.rejection
		}
	}
	return nil
}

// keyProblems are what the key's kind and mode alone say.
func keyProblems(key Key, opts Options) []Problem {
	var out []Problem
	if key.Kind() == Secret {
		out = append(out, Problem{Severity: SeverityError, Code: CodeSecretKey,
			Message: "That's a secret key (" + key.Redacted() + "): it gives full access to your Stripe account, far more than Justt needs.",
			Fix:     "The guide asks for a restricted key: go back to step 4, create one with the nine permissions of step 7, and " + opts.Source.Give("it") + " instead."})
	}
	if opts.RequireLive && key.Mode() == Test {
		out = append(out, Problem{Severity: SeverityError, Code: CodeTestMode,
			Message: "This is a test-mode key (" + key.Redacted() + "), but a live-mode key is required: Justt works on your real disputes.",
			Fix:     "Turn off Test mode in the Stripe dashboard and repeat steps 4 to 9 to create the key in live mode."})
	}
	if p, bad := webhookProblem(opts); bad {
		out = append(out, p)
	}
	return out
}

// issuingTrap: Disputes appears twice in the step 7 form; a key that can
// reach Issuing disputes but not core ones had the wrong row ticked.
func issuingTrap(rows []Result, d Diagnosis) (Problem, bool) {
	if len(d.Issuing) == 0 {
		return Problem{}, false
	}
	for _, r := range rows {
		if r.Permission.Scope == "rak_dispute_write" && r.Status == Missing {
			return Problem{Severity: SeverityError, Code: CodeIssuingTrap,
				Message: "Disputes is missing, but the key has Disputes under Issuing: you ticked Disputes under Issuing.",
				Fix:     "Step 7: edit the key, set Disputes under All core resources to Write, and set Disputes under Issuing back to None."}, true
		}
	}
	return Problem{}, false
}

// sameForeignAnswer is how many rows must get the same 403 that is not
// Stripe's before the report blames the path to Stripe rather than the
// key: one could be a quirk of one endpoint, three cannot.
const sameForeignAnswer = 3

// pathProblems explain unknown rows that something on the way to Stripe
// refused: an IP limit on the key (an access policy), or one identical 403
// not in Stripe's form on many rows (a proxy, a firewall, an IP block).
func pathProblems(rows []Result) []Problem {
	var out []Problem
	ipLimited, foreign := 0, map[string]int{}
	for _, r := range rows {
		switch r.cause {
		case FailureIPLimited:
			ipLimited++
		case FailureNotStripe:
			foreign[r.answer]++
		}
	}
	if ipLimited > 0 {
		out = append(out, Problem{Severity: SeverityWarning, Code: CodeIPRestricted,
			Message: fmt.Sprintf("%d of %d checks were refused because of this computer's IP address: the key is probably limited to certain IP addresses (an access policy). "+
				"This check runs from your computer, not from Justt's servers, so a key limited to Justt's addresses fails here and still works for Justt.", ipLimited, len(rows)),
			Fix: fmt.Sprintf("If you limited the key to Justt's addresses, keep it so, and compare the key's permissions with step %d in the dashboard instead (this check cannot see them). "+
				"Otherwise remove the IP limit from the key (Developers → API keys → ⋯ → Edit key) and run the check again.", steps.PermissionStep)})
	}
	most := 0
	for _, n := range foreign {
		most = max(most, n)
	}
	if most >= sameForeignAnswer {
		out = append(out, Problem{Severity: SeverityWarning, Code: CodeNotStripe,
			Message: fmt.Sprintf("%d of %d checks got the same 403 answer, and it is not how Stripe refuses a missing permission (Stripe names the account, the key or the permission): "+
				"something between this computer and Stripe (a proxy, a firewall or an IP block) answered instead. The key itself may be fine.", most, len(rows)),
			Fix: "Run the check from another network (without the proxy or VPN), or ask your IT team to let this computer reach api.stripe.com and files.stripe.com; then run it again."})
	}
	return out
}

// issuingHeld is the Issuing Disputes access the key holds, at its highest
// level (Write includes Read), or nothing.
func issuingHeld(d Diagnosis) []steps.Permission {
	var held []steps.Permission
	for _, p := range d.Issuing {
		if len(held) == 0 || p.Access > held[0].Access {
			held = []steps.Permission{p}
		}
	}
	return held
}

// issuingExtra: the core Disputes row is right but the Issuing one was
// left at Read or Write (typically after the step 7 trap was fixed):
// ready, but Justt never needs Issuing disputes.
func issuingExtra(rows []Result, d Diagnosis) (Problem, bool) {
	held := issuingHeld(d)
	if len(held) == 0 {
		return Problem{}, false
	}
	if _, trapped := issuingTrap(rows, d); trapped {
		return Problem{}, false // the trap error already says to set it back to None
	}
	return Problem{Severity: SeverityWarning, Code: CodeIssuingExtra,
		Message: fmt.Sprintf("The key also has Disputes under Issuing (%s): Justt needs only Disputes under All core resources, and a leaked key should reach as little as possible.", held[0].Access.Title()),
		Fix:     fmt.Sprintf("Step %d: edit the key and set Disputes under Issuing back to None (keep Disputes under All core resources at Write).", steps.PermissionStep)}, true
}

// explained is true when every unknown row's cause is named by one of the
// path problems: then the general "could not be checked, try again in a
// minute" would only send the merchant the wrong way.
func explained(rows []Result, path []Problem) bool {
	named := map[FailureKind]bool{}
	for _, p := range path {
		switch p.Code {
		case CodeIPRestricted:
			named[FailureIPLimited] = true
		case CodeNotStripe:
			named[FailureNotStripe] = true
		}
	}
	for _, r := range rows {
		if r.Status == Unknown && !named[r.cause] {
			return false
		}
	}
	return len(named) > 0
}

func unknownWarning(rows []Result) (Problem, bool) {
	var names []string
	for _, r := range rows {
		if r.Status == Unknown {
			names = append(names, r.Permission.Resource)
		}
	}
	if len(names) == 0 {
		return Problem{}, false
	}
	return Problem{Severity: SeverityWarning, Code: CodeUnknownStatus,
		Message: fmt.Sprintf("%d of %d permissions could not be checked (%s): Stripe gave no answer that decides them.", len(names), len(rows), strings.Join(names, ", ")),
		Fix:     "Run the check again in a minute. If it keeps failing, check your network or proxy and https://status.stripe.com."}, true
}

func excessWarnings(excess []steps.Permission) []Problem {
	out := make([]Problem, 0, len(excess))
	for _, p := range excess {
		out = append(out, Problem{Severity: SeverityWarning, Code: CodeExcessWrite,
			Message: fmt.Sprintf("The key can also write %s (%s): Justt only needs to read them, and a leaked key should not be able to change them.", p.Resource, p),
			Fix:     fmt.Sprintf("Step %d: edit the key (%s) and set %s to Read.", steps.PermissionStep, steps.EditKeyPath, p.FormLabel())})
	}
	return out
}

// webhookStatus reports the signing secret's presence and shape, never its value.
func webhookStatus(opts Options) WebhookSecretStatus {
	given := opts.WebhookSecretGiven || !opts.WebhookSecret.IsZero()
	return WebhookSecretStatus{Provided: given, ValidFormat: given && opts.WebhookSecret.Kind() == WebhookSecret}
}

func webhookProblem(opts Options) (Problem, bool) {
	st := webhookStatus(opts)
	if !st.Provided || st.ValidFormat {
		return Problem{}, false
	}
	what := "something that is not a signing secret"
	if k := opts.WebhookSecret; !k.IsZero() && k.Kind() != Unrecognized {
		what = k.Kind().Describe()
	}
	return Problem{Severity: SeverityError, Code: CodeWebhookSecretBad,
		Message: "The webhook signing secret given is " + what + ": a signing secret starts with whsec_.",
		Fix:     webhookSecretFix(opts.WebhookSecretSource)}, true
}

func webhookSecretFix(src KeySource) string {
	fix := "Step 17: open the webhook destination in Stripe, reveal the Signing secret and copy it; "
	if src == (KeySource{}) {
		return fix + "paste it at step 18."
	}
	return fix + src.Give("it") + "."
}

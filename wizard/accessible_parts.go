package wizard

import (
	"context"
	"fmt"
	"strings"
	"sync"

	"github.com/justt-ai/justt-onboard/steps"
	"github.com/justt-ai/justt-onboard/stripecheck"
	"github.com/justt-ai/justt-onboard/vault"
)

// keyStep is step 11: the key is pasted (or comes from the keyring on
// resume), checked, and the merchant continues, re-checks or pastes
// another. Commands work at every prompt.
func (p *plain) keyStep() error {
	f := p.c.flow
	p.showStep(keyPartStep)
	if f.key.IsZero() {
		return p.pasteKey()
	}
	if f.report.Key.Reveal() == f.key.Reveal() {
		// Checked before in this run: shown again, r checks again.
		k := keyCheck{phase: phaseChecked, key: f.key, report: f.report, demo: p.c.demo != nil}
		p.printReport(k)
		return p.afterCheck(k)
	}
	return p.afterCheck(p.checkNow(f.key))
}

// pasteKey asks for the key until one is checked or a command moves on.
func (p *plain) pasteKey() error {
	hint := ""
	if p.c.demo != nil {
		hint = " (demo: type demo to use the demo key)"
	}
	for {
		raw, err := p.askSecret("Paste the restricted key" + hint + ", then enter. It stays hidden (help for commands): ")
		if err != nil {
			return err
		}
		if c := parseCommand(raw); c.verb != verbOther && c.verb != verbNext {
			if done, err := p.common(c, keyPartStep); done || err != nil {
				return err
			}
			continue
		}
		key, ok := p.keyFrom(raw)
		if !ok {
			continue
		}
		return p.afterCheck(p.checkNow(key))
	}
}

func (p *plain) keyFrom(raw string) (stripecheck.Key, bool) {
	if raw == "" {
		p.say("Nothing was pasted. Paste the key, or type help.")
		return stripecheck.Key{}, false
	}
	if p.c.demo != nil && raw == "demo" {
		if p.demoKey.IsZero() {
			p.say("No demo key yet: step 9 creates it. Type go to step 9.")
			return stripecheck.Key{}, false
		}
		return p.demoKey, true
	}
	key, err := stripecheck.ParseKey(raw)
	if err != nil {
		ke := asKeyError(err)
		p.say("Not accepted: " + ke.Message + " " + ke.Fix)
		return stripecheck.Key{}, false
	}
	if r := refusal(key); r != nil {
		p.say("Not accepted: you pasted " + key.Summary() + ". " + r.Message + " " + r.Fix + " Nothing was sent to Stripe.")
		return stripecheck.Key{}, false
	}
	return key, true
}

// checkNow checks key and records the answer, as the screens do.
func (p *plain) checkNow(key stripecheck.Key) keyCheck {
	f := p.c.flow
	f.checking(key)
	report, d := p.check(key)
	k := keyCheck{phase: phaseChecked, key: key, report: report, demo: p.c.demo != nil, results: report.Permissions, diagnosis: &d}
	f.checked(k)
	p.printReport(k)
	return k
}

// afterCheck offers what may follow a check, as step 11 on the screens
// does: enter continues when the record allows it, y past a warning, r
// re-checks, e another key, f the demo's fix. Anything else is a shared
// command or asked again.
func (p *plain) afterCheck(k keyCheck) error {
	f := p.c.flow
	for {
		if !f.keyPassed() {
			if ok, why := k.canContinue(false); !ok {
				if k.rejected() {
					why = rejectedVerdict("the error above", "type e")
				}
				// The screens draw the report under the verdict; here it came first.
				p.say(strings.ReplaceAll(why, "(see below)", "(see above)"))
			}
		}
		prompt := "Press enter to go on to the webhook; r to re-check, e to paste another key"
		if ok, _ := k.canContinue(false); !ok && !f.keyPassed() {
			prompt = "Type r to re-check, e to paste another key"
			if ok, _ := k.canContinue(true); ok {
				prompt += ", y to continue anyway"
			}
		}
		if k.canWatch() {
			prompt += ", w to watch for your changes in Stripe"
		}
		if p.c.demo != nil && len(k.missingScopes()) > 0 {
			prompt += ", f to fix it in the mock dashboard"
		}
		c, err := p.command(prompt, "")
		if err != nil {
			return err
		}
		switch {
		case c.verb == verbNext || c.verb == verbAnyway:
			anyway := c.verb == verbAnyway
			if ok, _ := k.canContinue(anyway); (ok || f.keyPassed()) && (f.keyPassed() || f.accept(anyway) == nil) {
				p.apply(f.keep(vault.RestrictedKey))
				p.choosing = true
				return nil
			}
			continue // the verdict says why, again
		case c.verb == verbRecheck:
			k = p.checkNow(k.key)
			continue
		case c.verb == verbAnother:
			f.anotherKey()
			return nil
		case strings.EqualFold(strings.TrimSpace(c.raw), "w") && k.canWatch():
			var err error
			if k, err = p.watch(k); err != nil {
				return err
			}
			continue
		case c.raw == "f" && p.c.demo != nil && p.c.demo.Grant != nil:
			p.c.demo.Grant(k.key.Reveal(), k.missingScopes())
			p.say("Mock dashboard: granted the missing permissions. Re-checking.")
			k = p.checkNow(k.key)
			continue
		}
		if done, err := p.common(c, keyPartStep); done || err != nil {
			return err
		}
	}
}

// check probes the nine rows and the diagnosis concurrently, like the
// screens do, and assembles the report.
func (p *plain) check(key stripecheck.Key) (stripecheck.Report, stripecheck.Diagnosis) {
	p.say("Checking the key's " + fmt.Sprint(len(steps.Required)) + " permissions with Stripe…")
	var d stripecheck.Diagnosis
	var wg sync.WaitGroup
	wg.Go(func() {
		ctx, cancel := context.WithTimeout(p.c.ctx, stripecheck.DefaultTimeout)
		defer cancel()
		d = p.c.eng.Diagnose(ctx, key)
	})
	results := p.probeRows(key, steps.Required)
	wg.Wait()
	return stripecheck.Assemble(key, results, d, stripecheck.Options{}), d
}

var statusWords = map[stripecheck.Status]string{
	stripecheck.Granted: "granted", stripecheck.Missing: "missing", stripecheck.Unknown: "not confirmed",
}

func (p *plain) printReport(k keyCheck) {
	r := k.report
	p.say("Key: " + r.Key.Summary())
	if r.AccountID != "" {
		p.say("Account: " + r.AccountID)
	}
	for _, res := range r.Permissions {
		word := statusWords[res.Status]
		detail := res.Detail
		if res.Status == stripecheck.Unknown && strings.HasPrefix(detail, "not checked") {
			// Nothing was asked about this row; the problem below says why.
			word, detail = "not checked", ""
		}
		line := fmt.Sprintf("%s %s: %s, %s", res.Status.Mark(), word, res.Permission.Resource, res.Permission.Access.Title())
		if res.Status == stripecheck.Unknown && detail != "" {
			line += " (" + detail + ")"
		}
		p.say(line)
		if res.Status == stripecheck.Missing && res.Fix != "" {
			p.say("    Fix: " + res.Fix)
		}
	}
	for _, pr := range k.problems() {
		p.say(string(pr.Severity) + ": " + pr.Message + " " + pr.Fix)
	}
	if r.Ready() {
		p.say(fmt.Sprintf("All %d permissions granted.", len(r.Permissions)))
	}
}

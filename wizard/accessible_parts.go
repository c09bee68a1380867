package wizard

import (
	"context"
	"errors"
	"fmt"
	"strings"
	"sync"

	"github.com/justt-ai/justt-onboard/steps"
	"github.com/justt-ai/justt-onboard/stripecheck"
)

// keyPart is Part 1: steps 1-10, then the key, checked until it passes or
// the merchant knowingly continues.
func (p *plain) keyPart() error {
	for start := 1; ; start = keyPartStep - 1 {
		if err := p.walk(1, keyPartStep-1, start); err != nil {
			return err
		}
		p.showStep(keyPartStep)
		err := p.keyStep()
		if !errors.Is(err, errBack) {
			return err
		}
	}
}

// keyStep takes and checks the key. b returns errBack (to step 10).
func (p *plain) keyStep() error {
	hint := ""
	if p.c.demo != nil {
		hint = " (demo: type demo to use the demo key)"
	}
	for {
		raw, err := p.askSecret("Paste the restricted key" + hint + ", then enter. It stays hidden: ")
		if err != nil {
			return err
		}
		if raw == "b" {
			return errBack
		}
		key, ok := p.keyFrom(raw)
		if !ok {
			continue
		}
		done, err := p.checkLoop(key)
		if err != nil || done {
			return err
		}
	}
}

func (p *plain) keyFrom(raw string) (stripecheck.Key, bool) {
	if p.c.demo != nil && raw == "demo" {
		if p.demoKey.IsZero() {
			p.say("No demo key yet: step 9 creates it. Type b to go back to the steps.")
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

// checkLoop checks key and offers re-check, another key, the demo's fix,
// or continuing. done is true once the key part is accepted.
func (p *plain) checkLoop(key stripecheck.Key) (done bool, err error) {
	for {
		report := p.check(key)
		k := keyCheck{phase: phaseChecked, key: key, report: report, demo: p.c.demo != nil}
		p.printReport(k)
		if ok, _, _ := k.canContinue(false); ok {
			p.c.apiKey, p.c.report, p.c.keyAccepted = key, report, true
			return true, nil
		}
		_, _, why := k.canContinue(false)
		if k.rejected() {
			why = rejectedVerdict("the error above", "type k")
		}
		p.say(why)
		prompt := "Type r to re-check, k to paste another key"
		if ok, _, _ := k.canContinue(true); ok {
			prompt += ", y to continue anyway"
		}
		if p.c.demo != nil && len(k.missingScopes()) > 0 {
			prompt += ", f to fix it in the mock dashboard"
		}
		ans, err := p.ask(prompt + ": ")
		if err != nil {
			return false, err
		}
		switch ans {
		case "k":
			return false, nil
		case "y":
			if ok, caveat, _ := k.canContinue(true); ok {
				p.c.apiKey, p.c.report, p.c.keyAccepted, p.c.caveat = key, report, true, caveat
				return true, nil
			}
		case "f":
			if p.c.demo != nil && p.c.demo.Grant != nil {
				p.c.demo.Grant(key.Reveal(), k.missingScopes())
				p.say("Mock dashboard: granted the missing permissions. Re-checking.")
			}
		}
	}
}

// check probes the nine rows and the diagnosis concurrently, like the
// screens do, and assembles the report.
func (p *plain) check(key stripecheck.Key) stripecheck.Report {
	p.say("Checking the key's " + fmt.Sprint(len(steps.Required)) + " permissions with Stripe…")
	ctx, cancel := context.WithTimeout(p.c.ctx, stripecheck.DefaultTimeout)
	defer cancel()
	results := make([]stripecheck.Result, len(steps.Required))
	var d stripecheck.Diagnosis
	var wg sync.WaitGroup
	for i, perm := range steps.Required {
		wg.Add(1)
		go func() {
			defer wg.Done()
			results[i] = p.c.eng.Probe(ctx, key, perm)
		}()
	}
	wg.Add(1)
	go func() {
		defer wg.Done()
		d = p.c.eng.Diagnose(ctx, key)
	}()
	wg.Wait()
	return stripecheck.Assemble(key, results, d, stripecheck.Options{})
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

package wizard

import (
	"errors"
	"fmt"

	"github.com/charmbracelet/bubbles/spinner"
	tea "github.com/charmbracelet/bubbletea"
	"github.com/justt-ai/justt-onboard/steps"
	"github.com/justt-ai/justt-onboard/stripecheck"
)

// verifyOrigin is which screen asked Stripe about the endpoint, so the
// answer goes back to it.
type verifyOrigin int

const (
	verifyAfterRegister verifyOrigin = iota // at once after "register it for me"
	verifyAtStep17                          // step 17's "v", on the by-hand path
)

// endpointCheck is one VerifyWebhook call and its answer: whether the
// endpoint for the URL exists, is enabled, listens to exactly
// charge.succeeded and is pinned to the guide's API version. It holds no
// key: the caller hands the setup key to start and forgets it.
type endpointCheck struct {
	working bool
	done    bool
	// gen numbers the calls; an answer to an older one is dropped.
	gen    int
	result stripecheck.VerifyResult
	err    *stripecheck.WebhookError
	spin   spinner.Model
}

func newEndpointCheck(c *common) endpointCheck {
	return endpointCheck{spin: spinner.New(spinner.WithSpinner(spinner.MiniDot), spinner.WithStyle(c.st.accent))}
}

// start asks Stripe about url with setupKey, in a command.
func (e endpointCheck) start(c *common, origin verifyOrigin, setupKey stripecheck.Key, url string) (endpointCheck, tea.Cmd) {
	e.gen++
	e.working, e.done = true, false
	e.result, e.err = stripecheck.VerifyResult{}, nil
	return e, tea.Batch(e.spin.Tick, verifyCmd(c.ctx, c.eng, origin, e.gen, setupKey, url))
}

func (e endpointCheck) onVerified(msg verifiedMsg) endpointCheck {
	if msg.gen != e.gen || !e.working {
		return e
	}
	e.working, e.done = false, true
	e.result, e.err = msg.result, verifyErrorOf(msg.err)
	return e
}

func (e endpointCheck) onSpin(msg spinner.TickMsg) (endpointCheck, tea.Cmd) {
	if !e.working {
		return e, nil
	}
	var cmd tea.Cmd
	e.spin, cmd = e.spin.Update(msg)
	return e, cmd
}

// view is a spinner while Stripe is asked, then the verdict lines.
func (e endpointCheck) view(st styles, w int) string {
	var b lines
	switch {
	case e.working:
		b.add(e.spin.View() + " Checking the endpoint with Stripe…")
	case e.done:
		for _, l := range verifyVerdict(e.result, e.err) {
			b.wrap(l.render(st), w)
			if l.fix != "" {
				b.wrap("    "+l.fix, w)
			}
		}
	}
	return b.String()
}

// verdictLine is one line of a verification: a ✓, ✗ or ! and its words,
// with the fix under a ✗ or !.
type verdictLine struct {
	mark string // "✓", "✗" or "!"
	text string
	fix  string
}

func (l verdictLine) render(st styles) string {
	style := st.ok
	switch l.mark {
	case "✗":
		style = st.bad
	case "!":
		style = st.warn
	}
	return "  " + style.Render(l.mark) + " " + l.text
}

// verifyVerdict words VerifyWebhook's answer: a ✓ per thing Justt needs
// that is right, each problem with its fix, then the conclusion. Shared by
// the screens and the accessible mode.
func verifyVerdict(res stripecheck.VerifyResult, err *stripecheck.WebhookError) []verdictLine {
	if err != nil {
		return []verdictLine{{mark: "✗", text: "Could not verify the endpoint: " + err.Message, fix: err.Fix}}
	}
	e := res.Endpoint
	if e == nil {
		out := problemLines(res.Problems, "")
		return append(out, verdictLine{mark: "✗", text: "Not verified: there is no endpoint to check."})
	}
	out := []verdictLine{{mark: "✓", text: "Endpoint " + e.ID + " exists for this URL"}}
	checks := []struct{ code, ok string }{
		{stripecheck.CodeWebhookDisabled, "Enabled"},
		{stripecheck.CodeWebhookEvents, "Listens to exactly " + steps.WebhookEvent},
		{stripecheck.CodeWebhookAPIVersion, "API version " + steps.WebhookAPIVersion},
	}
	for _, c := range checks {
		if p, found := problemWithCode(res.Problems, c.code); found {
			out = append(out, verdictLine{mark: "✗", text: p.Message, fix: p.Fix})
		} else {
			out = append(out, verdictLine{mark: "✓", text: c.ok})
		}
	}
	out = append(out, problemLines(res.Problems, stripecheck.CodeWebhookDisabled, stripecheck.CodeWebhookEvents, stripecheck.CodeWebhookAPIVersion)...)
	if res.OK() {
		return append(out, verdictLine{mark: "✓", text: "Verified with Stripe: the endpoint is what Justt needs."})
	}
	return append(out, verdictLine{mark: "✗", text: "Not right yet: fix each ✗ as it says, then verify again."})
}

// problemLines are the problems whose code is not in skip, each with its fix.
func problemLines(ps []stripecheck.Problem, skip ...string) []verdictLine {
	var out []verdictLine
	for _, p := range ps {
		if containsString(skip, p.Code) {
			continue
		}
		mark := "!"
		if p.Severity == stripecheck.SeverityError {
			mark = "✗"
		}
		out = append(out, verdictLine{mark: mark, text: p.Message, fix: p.Fix})
	}
	return out
}

func problemWithCode(ps []stripecheck.Problem, code string) (stripecheck.Problem, bool) {
	for _, p := range ps {
		if p.Code == code {
			return p, true
		}
	}
	return stripecheck.Problem{}, false
}

func containsString(list []string, s string) bool {
	for _, l := range list {
		if l == s {
			return true
		}
	}
	return false
}

// verifyErrorOf turns VerifyWebhook's failure into words to show. Its
// errors are *WebhookError; anything else is worded here without
// guessing at a cause.
func verifyErrorOf(err error) *stripecheck.WebhookError {
	if err == nil {
		return nil
	}
	var we *stripecheck.WebhookError
	if errors.As(err, &we) {
		return we
	}
	return &stripecheck.WebhookError{Message: fmt.Sprintf("the check failed (%v).", err),
		Fix: "Check the connection to Stripe and verify again."}
}

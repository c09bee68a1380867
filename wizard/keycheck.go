package wizard

import (
	"context"
	"fmt"
	"strings"

	"github.com/charmbracelet/bubbles/key"
	"github.com/charmbracelet/bubbles/spinner"
	tea "github.com/charmbracelet/bubbletea"
	"github.com/justt-ai/justt-onboard/steps"
	"github.com/justt-ai/justt-onboard/stripecheck"
	"github.com/justt-ai/justt-onboard/vault"
)

type checkPhase int

const (
	phaseEntering checkPhase = iota // the field waits for a paste
	phaseChecking                   // probes are out; rows fill in as answers arrive
	phaseChecked                    // the report is assembled
)

// keyCheck is step 11: the masked key field, then the live checklist.
type keyCheck struct {
	field    secretField
	phase    checkPhase
	key      stripecheck.Key
	parseErr *stripecheck.KeyError
	refused  *stripecheck.Problem
	// gen numbers the checks; answers to an older one are dropped.
	gen       int
	results   []stripecheck.Result
	answered  []bool
	diagnosis *stripecheck.Diagnosis
	report    stripecheck.Report
	cancel    context.CancelFunc
	spin      spinner.Model
	note      string
	demo      bool // words the test-mode warning for a rehearsal
	// watch is the live re-check while rows are ✗ or ? (recheck.go).
	watch liveRecheck
}

// outcome tells the root what a screen's key did.
type outcome struct {
	handled bool
	next    bool   // the screen is done: move on
	status  string // a line for the status bar, or ""
}

func newKeyCheck(c *common) keyCheck {
	f := newSecretField()
	f.focus()
	sp := spinner.New(spinner.WithSpinner(spinner.MiniDot), spinner.WithStyle(c.st.accent))
	return keyCheck{field: f, spin: sp, demo: c.demo != nil}
}

// submit parses what was pasted and, for a restricted key, starts the check.
// Nothing is sent for a string that fails to parse or is the wrong kind.
func (k keyCheck) submit(raw string, c *common) (keyCheck, tea.Cmd) {
	k.parseErr, k.refused, k.note = nil, nil, ""
	parsed, err := stripecheck.ParseKey(raw)
	if err != nil {
		k.parseErr = asKeyError(err)
		k.field.refused()
		return k, nil
	}
	return k.submitKey(parsed, c)
}

// submitKey checks an already parsed key: refused kinds are explained
// before any request, a restricted key is probed. Whatever refused the
// last paste is forgotten: it no longer describes the field.
func (k keyCheck) submitKey(parsed stripecheck.Key, c *common) (keyCheck, tea.Cmd) {
	k.parseErr, k.refused, k.note = nil, nil, ""
	if p := refusal(parsed); p != nil {
		k.key, k.refused, k.phase = parsed, p, phaseEntering
		k.field.refused()
		k.field.focus()
		return k, nil
	}
	k.field.clear()
	return k.start(parsed, c)
}

// start sends one probe per permission and the diagnosis, all at once: each
// row's spinner stops as its own answer arrives.
func (k keyCheck) start(key stripecheck.Key, c *common) (keyCheck, tea.Cmd) {
	k = k.stop()
	ctx, cancel := context.WithTimeout(c.ctx, stripecheck.DefaultTimeout)
	k.key, k.cancel = key, cancel
	// Another key reopens the key part until its answer passes.
	c.flow.checking(key)
	k.gen++
	k.phase = phaseChecking
	k.field.blur()
	k.results = stripecheck.UnknownRows("waiting for Stripe")
	k.answered = make([]bool, len(steps.Required))
	k.diagnosis = nil
	cmds := []tea.Cmd{k.spin.Tick, diagnoseCmd(ctx, c.eng, k.gen, key)}
	for i, p := range steps.Required {
		cmds = append(cmds, probeCmd(ctx, c.eng, k.gen, i, key, p))
	}
	return k, tea.Batch(cmds...)
}

func (k keyCheck) onProbe(msg probedMsg) keyCheck {
	if msg.gen != k.gen || k.phase != phaseChecking || msg.row < 0 || msg.row >= len(k.results) {
		return k
	}
	k.results = append([]stripecheck.Result{}, k.results...)
	k.answered = append([]bool{}, k.answered...)
	k.results[msg.row], k.answered[msg.row] = msg.result, true
	return k.maybeAssemble()
}

func (k keyCheck) onDiagnose(msg diagnosedMsg) keyCheck {
	if msg.gen != k.gen || k.phase != phaseChecking {
		return k
	}
	d := msg.diagnosis
	k.diagnosis = &d
	return k.maybeAssemble()
}

func (k keyCheck) maybeAssemble() keyCheck {
	if k.diagnosis == nil {
		return k
	}
	for _, a := range k.answered {
		if !a {
			return k
		}
	}
	k.report = stripecheck.Assemble(k.key, k.results, *k.diagnosis, stripecheck.Options{})
	k.phase = phaseChecked
	return k.stop()
}

// stop releases the running check's deadline and ends the re-check; late
// answers are dropped.
func (k keyCheck) stop() keyCheck {
	if k.cancel != nil {
		k.cancel()
		k.cancel = nil
	}
	k.watch = liveRecheck{}
	return k
}

func (k keyCheck) onSpin(msg spinner.TickMsg) (keyCheck, tea.Cmd) {
	if k.phase != phaseChecking {
		return k, nil // let the tick loop end
	}
	var cmd tea.Cmd
	k.spin, cmd = k.spin.Update(msg)
	return k, cmd
}

// warnings are the problems the merchant may knowingly continue past: the
// report's, and a test-mode key.
func (k keyCheck) warnings() []stripecheck.Problem {
	var out []stripecheck.Problem
	hasTestMode := false
	for _, p := range k.report.Problems {
		if p.Severity == stripecheck.SeverityWarning {
			out = append(out, p)
		}
		hasTestMode = hasTestMode || p.Code == stripecheck.CodeTestMode
	}
	if p, ok := testModeWarning(k.key, k.demo); ok && !hasTestMode {
		out = append(out, p)
	}
	return out
}

// missingScopes are the scopes of the ✗ rows, for the demo's mock fix.
func (k keyCheck) missingScopes() []string {
	var out []string
	for _, r := range k.report.Permissions {
		if r.Status == stripecheck.Missing {
			out = append(out, r.Permission.Scope)
		}
	}
	return out
}

// canContinue says whether enter (or y, anyway=true) leaves the key part,
// and if not, why.
func (k keyCheck) canContinue(anyway bool) (ok bool, why string) {
	if k.phase != phaseChecked {
		return false, "The check has not finished: wait for every row, or press e to paste a key."
	}
	if k.watch.confirming {
		return false, "Every row is ✓ now: wait a moment while the key is confirmed with Stripe."
	}
	r := k.report
	warns := k.warnings()
	switch {
	case r.Ready() && len(warns) == 0:
		return true, ""
	case r.Ready():
		if anyway {
			return true, ""
		}
		return false, "This key comes with a warning (see below): press y to continue with it anyway, or fix it and press r to re-check."
	case r.ExitCode() == stripecheck.ExitUndecided:
		n := r.Count(stripecheck.Unknown)
		if anyway {
			return true, ""
		}
		return false, fmt.Sprintf("%d permissions could not be confirmed (marked ?): press r to re-check, or y to continue without confirming them.", n)
	case k.rejected():
		return false, rejectedVerdict("the ✗ below", "press e")
	case r.Count(stripecheck.Missing) == 0:
		return false, "Not ready yet: fix what each ✗ below says, then press r to re-check."
	}
	return false, "Not ready yet: fix the ✗ rows in Stripe (each one says how), then press r to re-check."
}

// rejected is true when Stripe refused the key itself (401): no row could
// be checked, and re-checking the same key cannot help.
func (k keyCheck) rejected() bool {
	_, found := k.rejection()
	return found
}

// rejection is the problem saying why Stripe refused the key.
func (k keyCheck) rejection() (stripecheck.Problem, bool) {
	for _, p := range k.report.Problems {
		switch p.Code {
		case stripecheck.CodeKeyInvalid, stripecheck.CodeKeyExpired, stripecheck.CodeWrongKind:
			return p, true
		}
	}
	return stripecheck.Problem{}, false
}

// rejectedVerdict is the verdict on a key Stripe refused: where names the
// refusal and its fix ("the ✗ below"), another how to paste another key
// ("press e").
func rejectedVerdict(where, another string) string {
	return "Stripe refused this key, so none of the " + itoa(len(steps.Required)) +
		" permissions could be checked: do what " + where + " says, then " + another + " to paste the key again or a new one."
}

// rowDetail is what a ? row says. A row that was never sent (the key was
// refused) says so as it is; one Stripe gave no clear answer on is "not
// confirmed".
func rowDetail(r stripecheck.Result) string {
	if strings.HasPrefix(r.Detail, "not checked") {
		return r.Detail
	}
	return "not confirmed: " + r.Detail
}

// update handles step 11's keys. The root has already handled ctrl+c.
func (k keyCheck) update(msg tea.KeyMsg, c *common) (keyCheck, tea.Cmd, outcome) {
	keys := c.keys
	if k.field.focused() {
		if msg.Type == tea.KeyEsc {
			return k, nil, outcome{}
		}
		var submitted bool
		k.field, submitted = k.field.update(msg)
		if !submitted {
			return k, nil, outcome{handled: true}
		}
		k, cmd := k.submit(k.field.value(), c)
		return k, cmd, outcome{handled: true}
	}
	switch {
	case key.Matches(msg, keys.Recheck) && !k.key.IsZero() && k.refused == nil:
		k.note = "" // the re-check answers whatever the note asked for
		k, cmd := k.start(k.key, c)
		return k, cmd, outcome{handled: true}
	case key.Matches(msg, keys.Another):
		c.flow.anotherKey()
		k = k.stop()
		k.phase, k.parseErr, k.refused, k.note = phaseEntering, nil, nil, ""
		k.field.clear()
		k.field.focus()
		return k, nil, outcome{handled: true}
	case key.Matches(msg, keys.DemoFix) && c.demo != nil && c.demo.Grant != nil && k.phase == phaseChecked:
		missing := k.missingScopes()
		if len(missing) == 0 {
			return k, nil, outcome{handled: true, status: "Nothing to fix in the mock dashboard: no row is ✗."}
		}
		return k, grantCmd(c.demo.Grant, k.key, missing), outcome{handled: true}
	case key.Matches(msg, keys.Next), key.Matches(msg, keys.Anyway):
		anyway := key.Matches(msg, keys.Anyway)
		ok, why := k.canContinue(anyway)
		if !ok {
			return k, nil, outcome{handled: true, status: why}
		}
		if err := c.flow.accept(anyway); err != nil {
			return k, nil, outcome{handled: true, status: "The check has not been recorded yet: press r to re-check."}
		}
		return k, c.flow.keep(vault.RestrictedKey), outcome{handled: true, next: true}
	}
	return k, nil, outcome{}
}

// onGranted notes the mock dashboard's edit. While the re-check watches,
// the rows turn ✓ by themselves at its next look (brought forward, as the
// edit is known); otherwise the merchant re-checks with r.
func (k keyCheck) onGranted(msg grantedMsg, c *common) (keyCheck, tea.Cmd) {
	var names []string
	for _, s := range msg.scopes {
		for _, p := range steps.Required {
			if p.Scope == s {
				names = append(names, p.String())
			}
		}
	}
	k.note = "Mock dashboard: granted " + strings.Join(names, ", ") + " on the demo key. Press r to re-check."
	if k.watch.on {
		k.note = "Mock dashboard: granted " + strings.Join(names, ", ") + " on the demo key, as if you clicked Save in Stripe."
		return k.lookSoon(c)
	}
	return k, nil
}

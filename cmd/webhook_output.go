package cmd

import (
	"encoding/json"
	"fmt"
	"io"
	"strings"

	"github.com/justt-ai/justt-onboard/internal/safetext"
	"github.com/justt-ai/justt-onboard/steps"
	"github.com/justt-ai/justt-onboard/stripecheck"
)

// errorJSON is a refusal or an undecided outcome in --json output.
type errorJSON struct {
	Code    string `json:"code"`
	Message string `json:"message"`
	Fix     string `json:"fix"`
}

func errorFrom(we *stripecheck.WebhookError) *errorJSON {
	if we == nil {
		return nil
	}
	return &errorJSON{Code: we.Code, Message: we.Message, Fix: we.Fix}
}

// registerJSON is the documented shape of `webhook register --json`. It
// never holds the signing secret.
type registerJSON struct {
	EndpointID         string                `json:"endpoint_id"`
	Created            bool                  `json:"created"`
	URL                string                `json:"url"`
	EnabledEvents      []string              `json:"enabled_events"`
	APIVersion         string                `json:"api_version"`
	Status             string                `json:"status"`
	ReplacedEndpointID string                `json:"replaced_endpoint_id,omitempty"`
	Notes              []stripecheck.Problem `json:"notes,omitempty"`
	SecretFile         string                `json:"secret_file,omitempty"`
	SecretKeyring      string                `json:"secret_keyring,omitempty"`
	Error              *errorJSON            `json:"error,omitempty"`
}

// verifyJSON is the documented shape of `webhook verify --json`.
type verifyJSON struct {
	OK       bool                         `json:"ok"`
	URL      string                       `json:"url"`
	Endpoint *stripecheck.WebhookEndpoint `json:"endpoint"`
	Problems []stripecheck.Problem        `json:"problems"`
	Error    *errorJSON                   `json:"error,omitempty"`
}

func writeJSON(w io.Writer, v any) {
	out, err := json.MarshalIndent(v, "", "  ")
	if err != nil { // only plain strings and slices: cannot happen
		panic(err)
	}
	fmt.Fprintln(w, string(out))
}

// writeSetupKey is the first line of the human report: which key was used,
// never more than its kind, mode and last 4.
func writeSetupKey(p printer, key stripecheck.Key) {
	if !key.IsZero() {
		p.para("Stripe setup key: ", key.Summary()+" (used for this command only, not stored)")
	}
}

// writeRefusal prints ✗ (refused) or ? (undecided) with the fix under it.
func writeRefusal(p printer, we *stripecheck.WebhookError) {
	mark := "✗"
	if we.ExitCode == stripecheck.ExitUndecided {
		mark = "?"
	}
	writeMarked(p, mark, we.Message, we.Fix)
}

func writeEndpoint(p printer, e stripecheck.WebhookEndpoint) {
	p.para("      URL:          ", e.URL)
	p.para("      Listening to: ", orDefault(strings.Join(e.EnabledEvents, ", "), "no events"))
	p.para("      API version:  ", orDefault(e.APIVersion, "the account's default"))
	p.para("      Status:       ", e.Status)
}

func orDefault(s, def string) string {
	if s == "" {
		return def
	}
	return s
}

// shownURL is a URL the user gave, fit to print: any user name or password
// (the part before @) is replaced by "…", and controls are escaped. It works
// on URLs that do not parse too, since those are the ones refused and echoed.
func shownURL(raw string) string {
	s := strings.TrimSpace(raw)
	if i := strings.Index(s, "://"); i >= 0 {
		rest := s[i+3:]
		end := strings.IndexAny(rest, "/?#")
		if end < 0 {
			end = len(rest)
		}
		if at := strings.LastIndex(rest[:end], "@"); at >= 0 {
			s = s[:i+3] + "…@" + rest[at+1:]
		}
	}
	return safetext.Line(s)
}

// registerOutput prints what `webhook register` did.
type registerOutput struct {
	env       *Env
	json      bool
	url       string
	setupKey  stripecheck.Key
	secretOut string
	keyring   string // the keyring entry holding the secret, when not in a file
}

func (o registerOutput) failed(we *stripecheck.WebhookError) {
	if o.json {
		out := registerJSON{URL: o.url, EnabledEvents: []string{}, Error: errorFrom(we)}
		if e := we.Endpoint; e != nil && we.Code == stripecheck.CodeDuplicate {
			out.EndpointID, out.URL, out.EnabledEvents, out.APIVersion, out.Status = e.ID, e.URL, nonNil(e.EnabledEvents), e.APIVersion, e.Status
		}
		writeJSON(o.env.Stdout, out)
		return
	}
	p := newPrinter(o.env)
	writeSetupKey(p, o.setupKey)
	p.blank()
	writeRefusal(p, we)
}

// registered prints a created endpoint; incomplete is set when --replace
// could not disable the old endpoint.
func (o registerOutput) registered(res stripecheck.RegisterResult, incomplete *stripecheck.WebhookError) {
	if o.json {
		e := res.Endpoint
		out := registerJSON{EndpointID: e.ID, Created: res.Created, URL: e.URL, EnabledEvents: nonNil(e.EnabledEvents),
			APIVersion: e.APIVersion, Status: e.Status, SecretFile: o.secretOut, SecretKeyring: o.keyring, Error: errorFrom(incomplete), Notes: res.Notes}
		if res.Replaced != nil {
			out.ReplacedEndpointID = res.Replaced.ID
		}
		writeJSON(o.env.Stdout, out)
		return
	}
	p := newPrinter(o.env)
	writeSetupKey(p, o.setupKey)
	p.blank()
	p.para("  ✓ ", "Created webhook endpoint "+res.Endpoint.ID)
	writeEndpoint(p, res.Endpoint)
	if o.keyring != "" {
		p.para("  ✓ ", "Signing secret "+res.Secret.Redacted()+" kept in your system keyring ("+o.keyring+"); it is never shown")
	} else {
		p.para("  ✓ ", "Signing secret "+res.Secret.Redacted()+" written to "+o.secretOut+" (mode 0600); it is never shown")
	}
	for _, old := range res.Disabled {
		p.para("  ✓ ", "Disabled the old endpoint "+old.ID)
	}
	if incomplete != nil {
		writeRefusal(p, incomplete)
	}
	writeProblems(p, res.Notes)
	p.blank()
	if o.keyring != "" {
		p.para("", "Next: the signing secret waits in your system keyring (service justt-onboard) for the hand-off to Justt (step 18); 'justt-onboard forget' removes it.")
		return
	}
	p.para("", "Next: hand Justt the signing secret from "+o.secretOut+" (step 18), then delete the file.")
}

// verifyOutput prints what `webhook verify` found.
type verifyOutput struct {
	env      *Env
	json     bool
	url      string
	setupKey stripecheck.Key
}

func (o verifyOutput) failed(we *stripecheck.WebhookError) {
	if o.json {
		writeJSON(o.env.Stdout, verifyJSON{URL: o.url, Problems: []stripecheck.Problem{}, Error: errorFrom(we)})
		return
	}
	p := newPrinter(o.env)
	writeSetupKey(p, o.setupKey)
	p.blank()
	writeRefusal(p, we)
}

func (o verifyOutput) result(res stripecheck.VerifyResult) {
	if o.json {
		problems := append([]stripecheck.Problem{}, res.Problems...)
		writeJSON(o.env.Stdout, verifyJSON{OK: res.OK(), URL: o.url, Endpoint: res.Endpoint, Problems: problems})
		return
	}
	p := newPrinter(o.env)
	writeSetupKey(p, o.setupKey)
	p.para("Justt webhook URL: ", o.url)
	p.blank()
	if res.Endpoint != nil {
		writeChecks(p, *res.Endpoint, res.Problems)
	}
	writeProblems(p, res.Problems)
	p.blank()
	if res.OK() {
		p.para("✓ ", "The webhook is set up as Justt needs.")
	} else {
		p.para("✗ ", "The webhook is not set up as Justt needs: fix the problems above, then run verify again.")
	}
}

// writeChecks prints a ✓ line for each of steps 15-16's settings that is
// right; the wrong ones are printed as problems.
func writeChecks(p printer, e stripecheck.WebhookEndpoint, problems []stripecheck.Problem) {
	p.para("  ✓ ", "Endpoint "+e.ID+" is registered for this URL")
	checks := []struct{ code, ok string }{
		{stripecheck.CodeWebhookDisabled, "Enabled"},
		{stripecheck.CodeWebhookEvents, "Listening to exactly " + steps.WebhookEvent},
		{stripecheck.CodeWebhookAPIVersion, "API version " + steps.WebhookAPIVersion},
	}
	for _, c := range checks {
		if !hasProblem(problems, c.code) {
			p.para("  ✓ ", c.ok)
		}
	}
}

func hasProblem(ps []stripecheck.Problem, code string) bool {
	for _, p := range ps {
		if p.Code == code {
			return true
		}
	}
	return false
}

func nonNil(s []string) []string {
	if s == nil {
		return []string{}
	}
	return s
}

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
func writeSetupKey(w io.Writer, key stripecheck.Key) {
	if !key.IsZero() {
		fmt.Fprintf(w, "Stripe setup key: %s (used for this command only, not stored)\n", key.Summary())
	}
}

// writeRefusal prints ✗ (refused) or ? (undecided) with the fix under it.
func writeRefusal(w io.Writer, we *stripecheck.WebhookError) {
	mark := "✗"
	if we.ExitCode == stripecheck.ExitUndecided {
		mark = "?"
	}
	writeMarked(w, mark, we.Message, we.Fix)
}

// writeEndpoint prints what Stripe holds; stripecheck made each field safe,
// and it is made safe again here, where it meets the terminal.
func writeEndpoint(w io.Writer, e stripecheck.WebhookEndpoint) {
	fmt.Fprintf(w, "      URL:          %s\n", safetext.Line(e.URL))
	fmt.Fprintf(w, "      Listening to: %s\n", safetext.Line(orDefault(strings.Join(e.EnabledEvents, ", "), "no events")))
	fmt.Fprintf(w, "      API version:  %s\n", safetext.Line(orDefault(e.APIVersion, "the account's default")))
	fmt.Fprintf(w, "      Status:       %s\n", safetext.Line(e.Status))
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
	w := o.env.Stdout
	writeSetupKey(w, o.setupKey)
	fmt.Fprintln(w)
	writeRefusal(w, we)
}

// registered prints a created endpoint; incomplete is set when --replace
// could not disable the old endpoint.
func (o registerOutput) registered(res stripecheck.RegisterResult, incomplete *stripecheck.WebhookError) {
	if o.json {
		e := res.Endpoint
		out := registerJSON{EndpointID: e.ID, Created: res.Created, URL: e.URL, EnabledEvents: nonNil(e.EnabledEvents),
			APIVersion: e.APIVersion, Status: e.Status, SecretFile: o.secretOut, Error: errorFrom(incomplete), Notes: res.Notes}
		if res.Replaced != nil {
			out.ReplacedEndpointID = res.Replaced.ID
		}
		writeJSON(o.env.Stdout, out)
		return
	}
	w := o.env.Stdout
	writeSetupKey(w, o.setupKey)
	fmt.Fprintln(w)
	fmt.Fprintf(w, "  ✓ Created webhook endpoint %s\n", res.Endpoint.ID)
	writeEndpoint(w, res.Endpoint)
	fmt.Fprintf(w, "  ✓ Signing secret %s written to %s (mode 0600); it is never shown\n", res.Secret.Redacted(), o.secretOut)
	for _, old := range res.Disabled {
		fmt.Fprintf(w, "  ✓ Disabled the old endpoint %s\n", old.ID)
	}
	if incomplete != nil {
		writeRefusal(w, incomplete)
	}
	writeProblems(w, res.Notes)
	fmt.Fprintln(w)
	fmt.Fprintf(w, "Next: hand Justt the signing secret from %s (step 18), then delete the file.\n", o.secretOut)
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
	w := o.env.Stdout
	writeSetupKey(w, o.setupKey)
	fmt.Fprintln(w)
	writeRefusal(w, we)
}

func (o verifyOutput) result(res stripecheck.VerifyResult) {
	if o.json {
		problems := append([]stripecheck.Problem{}, res.Problems...)
		writeJSON(o.env.Stdout, verifyJSON{OK: res.OK(), URL: o.url, Endpoint: res.Endpoint, Problems: problems})
		return
	}
	w := o.env.Stdout
	writeSetupKey(w, o.setupKey)
	fmt.Fprintf(w, "Justt webhook URL: %s\n\n", o.url)
	if res.Endpoint != nil {
		writeChecks(w, *res.Endpoint, res.Problems)
	}
	writeProblems(w, res.Problems)
	fmt.Fprintln(w)
	if res.OK() {
		fmt.Fprintln(w, "✓ The webhook is set up as Justt needs.")
	} else {
		fmt.Fprintln(w, "✗ The webhook is not set up as Justt needs: fix the problems above, then run verify again.")
	}
}

// writeChecks prints a ✓ line for each of steps 15-16's settings that is
// right; the wrong ones are printed as problems.
func writeChecks(w io.Writer, e stripecheck.WebhookEndpoint, problems []stripecheck.Problem) {
	fmt.Fprintf(w, "  ✓ Endpoint %s is registered for this URL\n", e.ID)
	checks := []struct{ code, ok string }{
		{stripecheck.CodeWebhookDisabled, "Enabled"},
		{stripecheck.CodeWebhookEvents, "Listening to exactly " + steps.WebhookEvent},
		{stripecheck.CodeWebhookAPIVersion, "API version " + steps.WebhookAPIVersion},
	}
	for _, c := range checks {
		if !hasProblem(problems, c.code) {
			fmt.Fprintf(w, "  ✓ %s\n", c.ok)
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

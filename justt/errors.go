package justt

import (
	"fmt"
	"strings"

	"github.com/justt-ai/justt-onboard/internal/safetext"
	"github.com/justt-ai/justt-onboard/stripecheck"
)

// RefusedTokenError is Justt's 401: the token is invalid, revoked or
// expired. Nothing was recorded.
type RefusedTokenError struct {
	Message string // Justt's explanation, made safe; may be empty
}

func (e *RefusedTokenError) Error() string {
	return "Justt refused the onboarding token (401: invalid, revoked or expired" + quoted(e.Message) +
		"); nothing was sent to Justt. Ask your Justt onboarding manager for a new token"
}

// RejectedError is a refusal of the submission itself (422, 409, 413 or
// another 4xx): Justt recorded nothing, and sending it again unchanged
// would be refused again.
type RejectedError struct {
	Status  int
	Field   string // the body field at fault (422), or ""
	Code    string
	Message string // Justt's explanation, made safe; may be empty
}

func (e *RejectedError) Error() string {
	what := fmt.Sprintf("Justt refused the submission (%d", e.Status)
	if e.Field != "" {
		what += ", field " + e.Field
	}
	what += quoted(e.Message) + ")"
	switch {
	case e.Status == 409:
		return what + ": its Idempotency-Key was used for a different submission. Nothing new was recorded; tell your Justt onboarding manager"
	case e.Status == 413:
		return what + ": the submission is too large. Nothing was recorded; tell your Justt onboarding manager"
	case e.Status == 422:
		return what + ". Nothing was recorded; fix what it names, check the key again, then submit again"
	}
	return what + ". Nothing was recorded; check the Justt API address (--" + FlagAPIURL + ") with your Justt onboarding manager"
}

// AnswerError is an answer this client cannot use: a redirect (never
// followed), an answer over MaxBody, a body that is not the contract's, or
// a status the contract does not have here (a proxy's page, say). It never
// claims Justt recorded anything: for a submission, the next run sends the
// same Idempotency-Key and learns the outcome.
type AnswerError struct {
	Op      string // "submit" or "config"
	Status  int    // 0 when there was no status to speak of
	Problem string
}

func (e *AnswerError) Error() string {
	s := "Justt's answer could not be used"
	if e.Status != 0 {
		s = fmt.Sprintf("Justt's answer (%d) could not be used", e.Status)
	}
	s += ": " + e.Problem
	if e.Op == "submit" {
		s += ". Nothing was lost: run `justt-onboard submit` again; it sends the same submission under the same Idempotency-Key, which Justt records once (and answers with the receipt if it has it)"
	}
	return s
}

// UnreachableError is a call that got no usable answer after every
// attempt (network failures, timeouts, 429 and 5xx). Err is the last
// failure's cause (context.DeadlineExceeded when the deadline ran out).
type UnreachableError struct {
	Op       string // "submit" or "config"
	Attempts int
	Last     string // what the last attempt got, safe to show
	Err      error
}

func (e *UnreachableError) Error() string {
	s := fmt.Sprintf("Justt could not be reached (%d attempt", e.Attempts)
	if e.Attempts != 1 {
		s += "s"
	}
	s += "; the last: " + e.Last + ")"
	if e.Op == "submit" {
		return s + ". Nothing was lost: run `justt-onboard submit` again; it sends the same submission, which Justt records once"
	}
	return s + ". Try again in a moment, and check the Justt API address (--" + FlagAPIURL + ")"
}

func (e *UnreachableError) Unwrap() error { return e.Err }

func quoted(msg string) string {
	if msg == "" {
		return ""
	}
	return ": “" + msg + "”"
}

// maxSafeInput bounds how much of Justt's text is looked at before it is
// made safe: an error body can be 64 KiB.
const maxSafeInput = 4096

// safeText makes text from the server (or from net/http) fit for a
// terminal and a log, with the one sanitizer (internal/safetext, through
// stripecheck.Quote): white space collapsed, control, escape and bidi
// characters shown escaped, the token masked ("…"), secrets and anything
// shaped like a Stripe secret redacted, and shortened for a message.
//
// The text is made safe before the token is masked, as Quote does for
// secrets: an escape such as \xae written next to an echoed token must not
// complete a run of it. The token is masked before Quote shortens the
// text, so a cut never leaves part of a run unmasked.
func safeText(s string, token Token, secrets ...stripecheck.Key) string {
	if len(s) > maxSafeInput {
		s = s[:maxSafeInput] // what is shown is far shorter anyway
	}
	s = safetext.Line(strings.Join(strings.Fields(s), " "))
	if t := token.Reveal(); t != "" {
		s = strings.ReplaceAll(s, t, "…")
		// A careless proxy echoes the token without its prefix, or in pieces.
		s = stripecheck.RedactRuns(s, t)
	}
	// Quote's own safetext.Line leaves this already-safe line as it is.
	return stripecheck.Quote(s, secrets...)
}

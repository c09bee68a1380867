package justt

import (
	"bytes"
	"context"
	"errors"
	"fmt"
	"io"
	"net/http"
	"net/url"
	"strconv"
	"syscall"
	"time"

	"github.com/justt-ai/justt-onboard/internal/httpsafe"
	"github.com/justt-ai/justt-onboard/stripecheck"
)

// Paths of the contract.
const (
	ConfigPath = "/v1/onboarding/stripe/config"
	SubmitPath = "/v1/onboarding/stripe"
)

// answer is one attempt's outcome.
type answer struct {
	status     int
	body       []byte
	tooLarge   bool
	redirect   *httpsafe.RedirectError // a 3xx, never followed
	retryAfter time.Duration
	failure    string // why there was no answer (safe to show), "" when there was one
	err        error
}

// retryable is a failure worth another attempt under the same key.
func (a answer) retryable() bool {
	return a.failure != "" || a.status == http.StatusTooManyRequests || a.status >= 500
}

// call runs one request with retries, all within the call's deadline, and
// returns the first answer that is not retryable. secrets are masked from
// anything shown.
func (c *Client) call(ctx context.Context, op, method, path string, body []byte, idem string, secrets ...stripecheck.Key) (answer, error) {
	callCtx, cancel := context.WithTimeout(ctx, c.cfg.Timeout)
	defer cancel()
	var last answer
	attempts := 0
	for n := 1; n <= c.cfg.MaxAttempts; n++ {
		if n > 1 {
			if err := c.cfg.Wait(callCtx, n-1, last.retryAfter); err != nil {
				break
			}
		}
		attempts++
		prev := last
		last = c.attempt(callCtx, method, path, body, idem, secrets...)
		if n > 1 && last.failure != "" && callCtx.Err() != nil {
			// The call's deadline cut this attempt short: what the one
			// before it got says more about the outage.
			last = prev
		}
		if errors.Is(ctx.Err(), context.Canceled) {
			return answer{}, fmt.Errorf("the call to Justt was interrupted: %w", ctx.Err())
		}
		if re := last.redirect; re != nil {
			where := ""
			if re.Location != "" {
				where = " to " + safeText(re.Location, c.cfg.Token, secrets...)
			}
			return answer{}, &AnswerError{Op: op, Status: re.Status, Problem: "it is a redirect" + where + ", which justt-onboard never follows (the token must not go to an address nobody configured; a proxy may be in the way); check the Justt API address (--" + FlagAPIURL + ")"}
		}
		if !last.retryable() {
			if last.tooLarge {
				return answer{}, &AnswerError{Op: op, Status: last.status, Problem: fmt.Sprintf("it is larger than %d KiB, far more than any answer of the onboarding API, so it was not read further", MaxBody>>10)}
			}
			return last, nil
		}
	}
	if errors.Is(ctx.Err(), context.Canceled) {
		return answer{}, fmt.Errorf("the call to Justt was interrupted: %w", ctx.Err())
	}
	what := last.failure
	cause := last.err
	if what == "" {
		what = fmt.Sprintf("Justt answered %d %s", last.status, http.StatusText(last.status))
		if m := errorBody(last.body).Error.Message; m != "" {
			what += ": “" + safeText(m, c.cfg.Token, secrets...) + "”"
		}
	}
	if callCtx.Err() != nil && cause == nil {
		cause = callCtx.Err()
	}
	if callCtx.Err() != nil && attempts < c.cfg.MaxAttempts {
		what += fmt.Sprintf("; the %s deadline ran out", c.cfg.Timeout)
	}
	return answer{}, &UnreachableError{Op: op, Attempts: attempts, Last: what, Err: cause}
}

// attempt sends the request once, under its own deadline, through the
// shared safe client: no redirect is followed (it comes back as a
// *httpsafe.RedirectError) and at most MaxBody bytes of the answer are
// read, counted after decompression.
func (c *Client) attempt(ctx context.Context, method, path string, body []byte, idem string, secrets ...stripecheck.Key) answer {
	actx, cancel := context.WithTimeout(ctx, c.cfg.AttemptTimeout)
	defer cancel()
	var rd io.Reader
	if body != nil {
		rd = bytes.NewReader(body)
	}
	req, err := http.NewRequestWithContext(actx, method, c.base+path, rd)
	if err != nil {
		return answer{failure: "the request could not be built", err: err}
	}
	req.Header.Set("Authorization", "Bearer "+c.cfg.Token.Reveal())
	req.Header.Set("Accept", "application/json")
	req.Header.Set("User-Agent", c.cfg.Client)
	if body != nil {
		req.Header.Set("Content-Type", "application/json")
	}
	if idem != "" {
		req.Header.Set("Idempotency-Key", idem)
	}
	resp, err := c.hc.Do(req)
	var redirect *httpsafe.RedirectError
	if errors.As(err, &redirect) {
		return answer{status: redirect.Status, redirect: redirect}
	}
	if err != nil {
		return answer{failure: c.describe(actx, err, secrets...), err: err}
	}
	defer resp.Body.Close()
	a := answer{status: resp.StatusCode, retryAfter: retryAfter(resp.Header.Get("Retry-After"))}
	a.body, err = io.ReadAll(resp.Body)
	var tooLarge *httpsafe.BodyTooLargeError
	switch {
	case errors.As(err, &tooLarge):
		a.body, a.tooLarge = nil, true
	case err != nil && a.retryable():
		// The status already says try again; the body does not matter.
	case err != nil:
		return answer{failure: "the answer broke off: " + c.describe(actx, err, secrets...), err: err}
	}
	return a
}

// describe says why an attempt got no answer, in words safe to show.
func (c *Client) describe(actx context.Context, err error, secrets ...stripecheck.Key) string {
	if errors.Is(actx.Err(), context.DeadlineExceeded) {
		return fmt.Sprintf("no answer within %s", c.cfg.AttemptTimeout)
	}
	switch {
	case errors.Is(err, io.ErrUnexpectedEOF):
		return "the connection was closed before the whole answer arrived"
	case errors.Is(err, io.EOF):
		return "the connection was closed before an answer"
	case errors.Is(err, syscall.ECONNRESET):
		return "the connection was reset before an answer"
	case errors.Is(err, syscall.ECONNREFUSED):
		return "nothing answers at the Justt API address (connection refused)"
	}
	var ue *url.Error
	if errors.As(err, &ue) {
		err = ue.Err // its URL holds nothing secret, but the host is said elsewhere
	}
	return safeText(err.Error(), c.cfg.Token, secrets...)
}

// retryAfter reads a Retry-After in seconds; dates and junk count as none.
func retryAfter(v string) time.Duration {
	n, err := strconv.Atoi(v)
	if err != nil || n <= 0 {
		return 0
	}
	if d := time.Duration(n) * time.Second; d < maxRetryAfter {
		return d
	}
	return maxRetryAfter
}

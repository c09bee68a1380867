package stripecheck

import (
	"context"
	"crypto/tls"
	"crypto/x509"
	"errors"
	"fmt"
	"io"
	"net"
	"net/http"
	"net/url"
	"regexp"
	"strconv"
	"strings"
	"syscall"

	stripe "github.com/stripe/stripe-go/v76"

	"github.com/justt-ai/justt-onboard/internal/httpsafe"
	"github.com/justt-ai/justt-onboard/internal/safetext"
)

// FailureKind says why a call to Stripe did not succeed.
type FailureKind string

const (
	// FailureRejected: 401, Stripe refused the key itself (Rejection says why).
	FailureRejected FailureKind = "key_rejected"
	// FailurePermission: 403 saying the key lacks permissions.
	FailurePermission FailureKind = "permission_missing"
	// FailureForbidden: a 403 in Stripe's form that does not say the key
	// lacks permissions; nothing can be concluded.
	FailureForbidden FailureKind = "forbidden"
	// FailureNotStripe: a 403 that is not in the form of Stripe's refusals
	// (no error object, or one without the account, the key's masked form
	// or a rak_ name): a proxy, a firewall or an IP block answered.
	FailureNotStripe FailureKind = "forbidden_not_stripe"
	// FailureIPLimited: a 401 or 403 speaking of an IP address or an access
	// policy: the key may be limited to other addresses than this computer's.
	FailureIPLimited FailureKind = "ip_restricted"
	// FailureRateLimited: 429.
	FailureRateLimited FailureKind = "rate_limited"
	// FailureOutage: 5xx, after stripe-go's retries.
	FailureOutage FailureKind = "stripe_error"
	// FailureTimeout: no answer before the deadline.
	FailureTimeout FailureKind = "timeout"
	// FailureCancelled: the caller cancelled.
	FailureCancelled FailureKind = "cancelled"
	// FailureNetwork: DNS, TLS, refused or reset connections.
	FailureNetwork FailureKind = "network"
	// FailureMalformed: an answer that is not Stripe's JSON.
	FailureMalformed FailureKind = "malformed_answer"
	// FailureRequest: another Stripe error (400, 404, 409, 418, …). What it
	// means depends on the request, so the caller decides.
	FailureRequest FailureKind = "request_error"
)

// Failure is what a failed Stripe call means, in words safe for any screen:
// Detail and Message are redacted. It wraps the original error for errors.As
// (whose text is Stripe's raw answer: do not print it).
type Failure struct {
	Kind       FailureKind
	HTTPStatus int               // 0 when no answer arrived
	Code       string            // Stripe's error code, if any (e.g. resource_missing)
	Param      string            // the parameter Stripe's error is about, if any (e.g. amount)
	Message    string            // Stripe's message, redacted and shortened, or ""
	Detail     string            // one sentence: what happened
	Attempts   int               // attempts made, when recorded (see withAttempts)
	Permission PermissionMessage // set for 403s
	Rejection  Problem           // set when Kind is FailureRejected
	Err        error
}

func (f *Failure) Error() string { return f.Detail }
func (f *Failure) Unwrap() error { return f.Err }

// Undecided is true when the failure says nothing about the key (an outage,
// a timeout, the network): the answer is "unknown", exit code 3.
func (f *Failure) Undecided() bool {
	switch f.Kind {
	case FailureRejected, FailurePermission, FailureRequest:
		return false
	}
	return true
}

// ClassifyError explains err, the error of a stripe-go call made with ctx
// (pass the call's own context: when it came from withAttempts, the HTTP
// status of answers stripe-go could not read is known too). secrets are
// masked in every text of the result. ClassifyError(ctx, nil) is nil.
func ClassifyError(ctx context.Context, err error, secrets ...Key) *Failure {
	if err == nil {
		return nil
	}
	if ctx == nil {
		ctx = context.Background()
	}
	att, _ := ctx.Value(attemptsKey{}).(*attempts)
	if att == nil {
		att = &attempts{}
	}
	f := &Failure{Err: err, Attempts: att.count()}
	var se *stripe.Error
	if errors.As(err, &se) {
		f.HTTPStatus, f.Code, f.Param, f.Message = se.HTTPStatusCode, string(se.Code), se.Param, Quote(se.Msg, secrets...)
		explainStripeError(f, se, firstKey(secrets))
		return f
	}
	f.HTTPStatus = att.last()
	if f.HTTPStatus == 0 {
		f.HTTPStatus = unreadableStatus(err)
	}
	explainTransportError(ctx, f, err, secrets)
	return f
}

// unreadableRE finds the status in stripe-go's error for an answer that is
// not JSON: "Couldn't deserialize JSON (response status: 403, body sample:
// '<html>…'): …". The body sample (up to 500 characters of whatever
// answered) is never shown.
var unreadableRE = regexp.MustCompile(`response status: (\d{3}), body sample`)

// unreadableStatus is the status of an answer stripe-go could not read,
// for a call made without withAttempts; 0 when err is not such an error.
func unreadableStatus(err error) int {
	m := unreadableRE.FindStringSubmatch(err.Error())
	if m == nil {
		return 0
	}
	status, _ := strconv.Atoi(m[1])
	return status
}

// upstreamText is the text of a transport error, fit for a detail: redacted
// of secrets and of any body sample an answer may have left in it.
func upstreamText(err error, secrets []Key) string {
	text := err.Error()
	if i := strings.Index(text, "body sample"); i >= 0 {
		text = text[:i] + "body not shown)"
	}
	return Quote(text, secrets...)
}

func firstKey(secrets []Key) Key {
	if len(secrets) == 0 {
		return Key{}
	}
	return secrets[0]
}

// explainStripeError handles answers stripe-go could read as a Stripe error.
// key is the key the request was made with (zero if unknown).
func explainStripeError(f *Failure, se *stripe.Error, key Key) {
	switch s := se.HTTPStatusCode; {
	case (s == http.StatusUnauthorized || s == http.StatusForbidden) && speaksOfIPLimit(se.Msg):
		f.Kind, f.Detail = FailureIPLimited, ipLimitDetail(s)
	case s == http.StatusUnauthorized:
		f.Kind, f.Rejection = FailureRejected, rejectionProblem(se.Code, f.Message)
		f.Detail = "Stripe refused the key (401): " + f.Rejection.Message
	case s == http.StatusForbidden:
		explainForbidden(f, se, key)
	case s == http.StatusTooManyRequests:
		f.Kind, f.Detail = FailureRateLimited, "Stripe answered 429 (too many requests): its rate limit, not an answer about the key"
	case s >= 500:
		f.Kind, f.Detail = FailureOutage, fmt.Sprintf("Stripe answered %d, an error on its side%s: not an answer about the key", s, afterAttempts(f.Attempts))
	default:
		f.Kind, f.Detail = FailureRequest, fmt.Sprintf("Stripe answered %d: %s", s, f.Message)
	}
}

// explainForbidden judges a 403 by its shape, not by a phrase: only one in
// the form of Stripe's refusals (an invalid_request_error whose message
// names the account, the key's masked form or a rak_ permission) is Stripe
// speaking; a 403 saying "does not have the required permissions" without
// those marks may come from a proxy, and a wrong ✗ would send the merchant
// to change correct permissions.
func explainForbidden(f *Failure, se *stripe.Error, key Key) {
	f.Permission = ParsePermissionError(se.Msg)
	stripes := se.Type == stripe.ErrorTypeInvalidRequest && f.Permission.HasStripeMarks(key)
	switch {
	case stripes && f.Permission.IsPermission:
		f.Kind, f.Detail = FailurePermission, permissionDetail(f.Permission)
	case stripes:
		f.Kind, f.Detail = FailureForbidden, "Stripe answered 403 without saying the key lacks a permission ("+orUnknown(f.Message)+"), so this cannot be decided"
	default:
		f.Kind, f.Detail = FailureNotStripe, notStripeDetail(f.Message)
	}
}

// notStripeDetail explains a 403 that Stripe's permission check did not write.
func notStripeDetail(message string) string {
	d := "The answer was a 403 not in Stripe's form (no account, key or permission named), so this cannot be decided"
	if message != "" {
		d += ": \"" + message + "\""
	}
	return d
}

// ipLimitWords are how a refusal speaks of where a request came from. The
// exact wording of Stripe's refusal for a key limited to IP addresses is
// not public (stripe-notes.md), so any of these is enough; none appears in
// Stripe's permission or key refusals. "IP" counts only as a capitalised
// word, so "skip" or "api" never match.
var ipLimitWords = regexp.MustCompile(`\bIP(?:v[46])?\b|(?i:ip[ -]address|ip[ -]allow|allow[ -]?list|white[ -]?list|access[ -]polic)`)

func speaksOfIPLimit(text string) bool { return ipLimitWords.MatchString(text) }

func ipLimitDetail(status int) string {
	return fmt.Sprintf("Refused because of this computer's IP address (%d): the key may be limited to certain addresses (an access policy), so this cannot be checked from here", status)
}

func permissionDetail(pm PermissionMessage) string {
	d := "Stripe answered 403: the key lacks this permission"
	if pm.RestrictedKeysUnsupported {
		d = "Stripe answered 403: this request is not available to restricted keys with these permissions"
	}
	if len(pm.Scopes) > 0 {
		d += " (Stripe's message names " + strings.Join(pm.Scopes, ", ") + ")"
	}
	return d
}

func afterAttempts(n int) string {
	if n > 1 {
		return fmt.Sprintf(" on all %d attempts", n)
	}
	return ""
}

// explainTransportError handles everything that is not a Stripe error: no
// answer at all, or an answer stripe-go could not read.
func explainTransportError(ctx context.Context, f *Failure, err error, secrets []Key) {
	host := "Stripe"
	var ue *url.Error
	if errors.As(err, &ue) {
		if u, perr := url.Parse(ue.URL); perr == nil && u.Host != "" {
			host = u.Host
		}
	}
	host = safetext.Line(host)
	var dnsErr *net.DNSError
	var netErr net.Error
	var redirect *httpsafe.RedirectError
	var tooLarge *httpsafe.BodyTooLargeError
	switch {
	case errors.Is(err, context.DeadlineExceeded) || errors.Is(ctx.Err(), context.DeadlineExceeded):
		f.Kind, f.Detail = FailureTimeout, "Stripe did not answer before the check's deadline"
	case errors.Is(err, context.Canceled) || errors.Is(ctx.Err(), context.Canceled):
		f.Kind, f.Detail = FailureCancelled, "the check was cancelled before Stripe answered"
	case errors.As(err, &redirect):
		f.Kind, f.Detail = FailureMalformed, fmt.Sprintf("%s answered %d, a redirect, which was not followed: Stripe's API never redirects, so a proxy or captive portal is in the way and the key was not sent on", host, redirect.Status)
	case errors.As(err, &tooLarge):
		f.Kind, f.Detail = FailureMalformed, fmt.Sprintf("%s sent an answer longer than %d MiB, far more than any Stripe answer (a proxy in the way?); it was not read further", host, tooLarge.Limit>>20)
	case errors.As(err, &dnsErr):
		f.Kind, f.Detail = FailureNetwork, "could not look up "+host+" (DNS): check the network connection or proxy"
	case isTLSError(err):
		f.Kind, f.Detail = FailureNetwork, "could not make a secure connection to "+host+" (TLS): a proxy or firewall may be intercepting HTTPS"
	case errors.Is(err, syscall.ECONNREFUSED):
		f.Kind, f.Detail = FailureNetwork, host+" refused the connection: check the address and the network"
	case errors.Is(err, syscall.ECONNRESET) || errors.Is(err, io.EOF) || errors.Is(err, io.ErrUnexpectedEOF):
		f.Kind, f.Detail = FailureNetwork, "the connection to "+host+" was closed before an answer arrived"+afterAttempts(f.Attempts)
	case errors.As(err, &netErr) && netErr.Timeout():
		f.Kind, f.Detail = FailureTimeout, host+" did not answer in time"
	case f.HTTPStatus == http.StatusTooManyRequests:
		f.Kind, f.Detail = FailureRateLimited, "Stripe answered 429 (too many requests): its rate limit, not an answer about the key"
	case f.HTTPStatus >= 500:
		f.Kind, f.Detail = FailureOutage, fmt.Sprintf("Stripe answered %d, an error on its side: not an answer about the key", f.HTTPStatus)
	case (f.HTTPStatus == http.StatusUnauthorized || f.HTTPStatus == http.StatusForbidden) && speaksOfIPLimit(err.Error()):
		// Read, never shown: the body of whatever answered is in err's text.
		f.Kind, f.Detail = FailureIPLimited, ipLimitDetail(f.HTTPStatus)
	case f.HTTPStatus == http.StatusForbidden:
		f.Kind, f.Detail = FailureNotStripe, "The answer was a 403 whose body is not Stripe's JSON (a proxy, a firewall or an IP block?), so this cannot be decided"
	case f.HTTPStatus > 0:
		f.Kind, f.Detail = FailureMalformed, fmt.Sprintf("Stripe answered %d with a body that is not Stripe's JSON (a proxy or captive portal in the way?)", f.HTTPStatus)
	case ue != nil:
		f.Kind, f.Detail = FailureNetwork, "could not reach "+host+": "+upstreamText(ue.Err, secrets)
	default:
		f.Kind, f.Detail = FailureNetwork, "the request failed before reaching Stripe: "+upstreamText(err, secrets)
	}
}

func isTLSError(err error) bool {
	var (
		unknownAuthority x509.UnknownAuthorityError
		hostname         x509.HostnameError
		invalid          x509.CertificateInvalidError
		verify           *tls.CertificateVerificationError
		header           tls.RecordHeaderError
		alert            tls.AlertError
	)
	return errors.As(err, &unknownAuthority) || errors.As(err, &hostname) || errors.As(err, &invalid) ||
		errors.As(err, &verify) || errors.As(err, &header) || errors.As(err, &alert)
}

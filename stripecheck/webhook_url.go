package stripecheck

import (
	"errors"
	"fmt"
	"net"
	"net/url"
	"strings"
	"unicode/utf8"

	"golang.org/x/net/idna"

	"github.com/justt-ai/justt-onboard/internal/safetext"
)

// WebhookURL is a webhook URL that passed the checks, in the form sent to
// Stripe: a host written with non-ASCII letters is in its punycode
// (xn--…) form, and Warnings says so.
type WebhookURL struct {
	URL      string
	Warnings []Problem
}

// CodeNonASCIIHost warns that the webhook URL's host was given in non-ASCII
// letters (a look-alike host is the usual trick) and is used as punycode.
const CodeNonASCIIHost = "webhook_url_non_ascii_host"

// ParseWebhookURL is ValidateWebhookURL returning the URL to send to Stripe
// and any warning to show with it.
func ParseWebhookURL(raw string) (WebhookURL, error) {
	u, err := parseWebhookURL(raw)
	if err != nil {
		return WebhookURL{}, err
	}
	w := WebhookURL{URL: u.String()}
	if given, err := url.Parse(strings.TrimSpace(raw)); err == nil && hasNonASCII(given.Hostname()) {
		w.Warnings = append(w.Warnings, Problem{Severity: SeverityWarning, Code: CodeNonASCIIHost,
			Message: "The webhook URL's host is written with letters outside ASCII; it is used in its ASCII (punycode) form: " + u.Hostname() + ".",
			Fix:     "Make sure this is the host your Justt onboarding manager sent: look-alike letters (a Cyrillic а for a Latin a) can point somewhere else. If in doubt, copy the URL again from their message."})
	}
	return w, nil
}

func hasNonASCII(s string) bool {
	for i := 0; i < len(s); i++ {
		if s[i] >= utf8.RuneSelf {
			return true
		}
	}
	return false
}

// ValidateWebhookURL accepts https URLs (plain http only for a loopback
// host) without a user-info part. The error is a *WebhookError with Code
// CodeBadURL; it never repeats a password the URL may carry.
func ValidateWebhookURL(raw string) error {
	_, err := parseWebhookURL(raw)
	return err
}

// parseWebhookURL is ValidateWebhookURL returning the parsed URL.
func parseWebhookURL(raw string) (*url.URL, error) {
	s := strings.TrimSpace(raw)
	if s == "" {
		return nil, badURL("No webhook URL was given.",
			"Pass the Justt webhook URL your onboarding manager gave you with --url (or JUSTT_WEBHOOK_URL).")
	}
	if strings.ContainsAny(s, " \t\r\n") {
		return nil, badURL("The webhook URL has a space or line break inside it.",
			"Copy the URL again in one piece, without spaces.")
	}
	pos := 0
	for _, r := range s {
		pos++
		if safetext.Unsafe(r) {
			// Invisible, bidirectional and control characters make a URL read
			// differently from where it points.
			return nil, badURL(fmt.Sprintf("The webhook URL contains an invisible or control character (U+%04X at character %d).", r, pos),
				"Copy the URL again straight from your Justt onboarding manager's message (chats and documents add such characters), or type it.")
		}
	}
	u, err := url.Parse(s)
	if err != nil {
		// url.Error repeats the whole URL, which may hold a password: keep only the reason.
		var ue *url.Error
		if errors.As(err, &ue) {
			err = ue.Err
		}
		return nil, badURL("The webhook URL cannot be read ("+safetext.Line(err.Error())+").",
			"Copy the Justt webhook URL again; it looks like https://….")
	}
	if err := checkWebhookURL(u); err != nil {
		return nil, err
	}
	return u, asciiHost(u)
}

// asciiHost rewrites a non-ASCII host to its punycode form, as Stripe will
// store and call it, refusing one IDNA cannot express.
func asciiHost(u *url.URL) error {
	host := u.Hostname()
	if !hasNonASCII(host) {
		return nil
	}
	ascii, err := idna.Lookup.ToASCII(host)
	if err != nil {
		return badURL("The webhook URL's host name is not a valid international domain name.",
			"Copy the Justt webhook URL again from your onboarding manager's message.")
	}
	if port := u.Port(); port != "" {
		ascii = net.JoinHostPort(ascii, port)
	}
	u.Host = ascii
	return nil
}

// checkWebhookURL applies Stripe's and our rules to a parsed URL.
func checkWebhookURL(u *url.URL) error {
	switch {
	case u.Scheme == "" || u.Opaque != "":
		return badURL("The webhook URL does not start with https://.",
			"Use the full URL, including https://, exactly as your Justt onboarding manager sent it.")
	case u.Scheme != "https" && u.Scheme != "http":
		return badURL("The webhook URL uses "+u.Scheme+"://; Stripe delivers events only over https.",
			"Use the https:// URL your Justt onboarding manager sent.")
	case u.User != nil:
		// Stripe would store and resend the credentials with every event.
		return badURL("The webhook URL contains a user name or password (the part before @).",
			"Remove it: Justt's webhook URL needs none, and credentials in a URL end up in Stripe's logs.")
	case u.Hostname() == "":
		return badURL("The webhook URL has no host name.",
			"Use the full URL, e.g. https://host/path, exactly as your Justt onboarding manager sent it.")
	case u.Scheme == "http" && !isLoopback(u.Hostname()):
		return badURL("The webhook URL uses plain http://; Stripe sends events only to https:// URLs (http is allowed only for this computer, for testing).",
			"Use the https:// URL your Justt onboarding manager sent.")
	case portProblem(u.Port()) != "":
		return badURL("The webhook URL's "+portProblem(u.Port())+".",
			"Use the URL exactly as your Justt onboarding manager sent it; most have no port at all.")
	}
	return nil
}

func badURL(message, fix string) *WebhookError {
	return &WebhookError{Code: CodeBadURL, Message: message, Fix: fix, ExitCode: ExitNotReady}
}

// normalizeWebhookURL is the form two URLs are compared in: Stripe allows
// several endpoints for one URL, and "HTTPS://Host:443/hooks/" is the same
// destination as "https://host/hooks". The query is kept (it can select a
// merchant); the fragment is never sent, so it is dropped.
func normalizeWebhookURL(raw string) string {
	u, err := url.Parse(strings.TrimSpace(raw))
	if err != nil {
		return strings.TrimSpace(raw)
	}
	u.Scheme = strings.ToLower(u.Scheme)
	host, port := strings.ToLower(u.Hostname()), u.Port()
	if (u.Scheme == "https" && port == "443") || (u.Scheme == "http" && port == "80") {
		port = ""
	}
	if port != "" {
		host = net.JoinHostPort(host, port)
	} else if strings.Contains(host, ":") {
		host = "[" + host + "]"
	}
	u.Host = host
	u.Path = strings.TrimSuffix(u.Path, "/")
	u.RawPath = ""
	u.Fragment, u.RawFragment = "", ""
	return u.String()
}

// sameHost reports whether two URLs point at the same host (used to hint at
// a mistyped path when no endpoint has the exact URL).
func sameHost(a, b string) bool {
	ua, errA := url.Parse(a)
	ub, errB := url.Parse(b)
	return errA == nil && errB == nil && ua.Hostname() != "" && strings.EqualFold(ua.Hostname(), ub.Hostname())
}

package stripecheck

import (
	"errors"
	"net"
	"net/url"
	"strings"
)

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
	u, err := url.Parse(s)
	if err != nil {
		// url.Error repeats the whole URL, which may hold a password: keep only the reason.
		var ue *url.Error
		if errors.As(err, &ue) {
			err = ue.Err
		}
		return nil, badURL("The webhook URL cannot be read ("+err.Error()+").",
			"Copy the Justt webhook URL again; it looks like https://….")
	}
	return u, checkWebhookURL(u)
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

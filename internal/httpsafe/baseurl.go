package httpsafe

import (
	"fmt"
	"net"
	"net/url"
	"strconv"
	"strings"
)

// API names, for CheckBaseURL's messages, what a base URL is for.
type API struct {
	// Secret is what the Authorization header carries: "key", "token".
	Secret string
	// Example is a good base URL, e.g. "https://api.stripe.com".
	Example string
}

// BaseURLError says why a base URL cannot be used. Shown is the URL as it
// may be printed: when it held a user name or password, that part is cut
// out, since it may be a credential.
type BaseURLError struct {
	Shown   string
	Problem string
}

func (e *BaseURLError) Error() string { return e.Problem }

// CheckBaseURL is the one rule for the address of an API that takes a
// secret in a header (Stripe's, Justt's): https, or plain http only for a
// loopback host, so the secret never crosses a network in the clear; a
// host and a possible port; no user name or password, no ?query or
// #fragment (paths are appended to it). It returns the parsed URL, or why
// not.
func CheckBaseURL(raw string, api API) (*url.URL, *BaseURLError) {
	bad := func(problem string) (*url.URL, *BaseURLError) {
		return nil, &BaseURLError{Shown: raw, Problem: problem}
	}
	u, err := url.Parse(raw)
	if err != nil {
		// url.Parse's error repeats the whole URL, password included.
		return nil, &BaseURLError{Shown: withoutUserInfo(raw), Problem: "it is not a URL; give a base URL such as " + api.Example}
	}
	if u.User != nil {
		return nil, &BaseURLError{Shown: u.Scheme + "://…@" + u.Host,
			Problem: "the URL holds a user name or password; the " + api.Secret + " goes in a header, remove the part before @"}
	}
	switch {
	case u.Scheme == "" || u.Opaque != "":
		return bad("the scheme is missing; start the URL with https://")
	case u.Hostname() == "":
		return bad("the URL has no host; give a base URL such as " + api.Example)
	case strings.ContainsAny(raw, "?#"):
		// '?' and '#' can stand nowhere else once parsed: even an empty
		// query or fragment is refused.
		return bad("a base URL takes no ?query or #fragment; remove them")
	}
	if problem := PortProblem(u.Port()); problem != "" {
		return bad(problem)
	}
	switch strings.ToLower(u.Scheme) {
	case "https":
		return u, nil
	case "http":
		if IsLoopback(u.Hostname()) {
			return u, nil
		}
		return bad("plain http would send the " + api.Secret + " unencrypted; use https (plain http is allowed only for localhost, 127.0.0.0/8 and ::1)")
	}
	return bad(fmt.Sprintf("the scheme must be https (or http for a loopback host), not %q", u.Scheme))
}

// PortProblem says what is wrong with a URL's port ("" when none is given
// or it is fine): url.Parse takes any digits, so 0 and 99999 get through
// it, and would fail only when dialled (and be retried as an outage).
func PortProblem(port string) string {
	if port == "" {
		return ""
	}
	n, err := strconv.Atoi(port)
	if err != nil || n < 1 || n > 65535 {
		return "the port " + strconv.Quote(port) + " is impossible: a port is a number from 1 to 65535"
	}
	return ""
}

// IsLoopback is true for "localhost", 127.0.0.0/8 and ::1; no DNS lookup,
// so a name that merely resolves to loopback does not count.
func IsLoopback(host string) bool {
	if strings.EqualFold(host, "localhost") {
		return true
	}
	ip := net.ParseIP(host)
	return ip != nil && ip.IsLoopback()
}

// withoutUserInfo cuts a user name or password out of a URL that did not
// parse: everything between "://" and the last @ of the authority.
func withoutUserInfo(raw string) string {
	_, rest, found := strings.Cut(raw, "://")
	if !found {
		rest = raw
	}
	authority := rest
	if i := strings.IndexAny(rest, "/?#"); i >= 0 {
		authority = rest[:i]
	}
	at := strings.LastIndex(authority, "@")
	if at < 0 {
		return raw
	}
	return raw[:len(raw)-len(rest)] + "…" + rest[at:]
}

// Package faultserver is a misbehaving HTTP server for tests: it stands in
// front of a fake API (the Stripe sandbox, a fake Justt) the way a broken
// proxy, an overloaded API or a hostile local service would, one Kind of
// fault at a time. Its cells are the fault matrix of docs/reliability.md;
// a client test asks, for each: right outcome (unknown, never a false
// missing), right exit code, a message naming the outage, bounded time and
// memory, and nothing leaked.
//
// faultserver is for tests only: it never listens beyond loopback and
// never keeps what it is sent, except to report whether a secret arrived
// where it must not.
package faultserver

import (
	"bytes"
	"compress/gzip"
	"encoding/json"
	"fmt"
	"io"
	"net/http"
	"net/http/httptest"
	"sort"
	"strings"
	"sync"
	"sync/atomic"
	"time"
)

// Kind is one way the server misbehaves.
type Kind string

const (
	// Latency answers through next after Fault.Delay.
	Latency Kind = "latency"
	// RateLimited is 429 with no Stripe-Should-Retry header.
	RateLimited Kind = "429"
	// RateLimitedRetry is 429 with Stripe-Should-Retry: true.
	RateLimitedRetry Kind = "429 retry"
	// RateLimitedNoRetry is 429 with Stripe-Should-Retry: false.
	RateLimitedNoRetry Kind = "429 no retry"
	// ServerError, BadGateway and Unavailable are 500, 502 and 503 in the
	// API's error shape.
	ServerError Kind = "500"
	BadGateway  Kind = "502"
	Unavailable Kind = "503"
	// Reset closes the connection without an answer.
	Reset Kind = "reset"
	// Hang never answers (until the client gives up).
	Hang Kind = "hang"
	// Truncated promises 4096 bytes and sends 20.
	Truncated Kind = "truncated"
	// NotJSON is a 200 captive-portal page.
	NotJSON Kind = "not JSON"
	// Huge is a 200 that never ends (until the client stops reading).
	Huge Kind = "huge"
	// GzipBomb is 200 with about 250 KB of gzip that inflates to 256 MiB.
	GzipBomb Kind = "gzip bomb"
	// Redirect is a 302 to another server on loopback (another port, plain
	// http); Server.Elsewhere counts what reached it.
	Redirect Kind = "redirect"
	// EscapeMessage is a 403 (not a permission refusal, so its message is
	// quoted) whose message sets the title, clears the screen and carries C1
	// and bidi controls.
	EscapeMessage Kind = "escape-laden message"
	// EchoSecret is a 403 (not a permission refusal) whose message echoes
	// the bearer token without its prefix, as a careless proxy might, and
	// the string values of a JSON request's body likewise.
	EchoSecret Kind = "echoed secret"
	// ProxyForbidden is a proxy's HTML 403.
	ProxyForbidden Kind = "proxy 403"
	// TrailingJunk answers 503 and then sends bytes nobody asked for on the
	// same connection (net/http logs them raw unless told not to).
	TrailingJunk Kind = "trailing junk"
)

// Kinds is every cell of the matrix, in order.
var Kinds = []Kind{Latency, RateLimited, RateLimitedRetry, RateLimitedNoRetry, ServerError, BadGateway, Unavailable,
	Reset, Hang, Truncated, NotJSON, Huge, GzipBomb, Redirect, EscapeMessage, EchoSecret, ProxyForbidden, TrailingJunk}

// Escapes is what EscapeMessage puts in its message.
const Escapes = "\x1b]0;pwned\x07\x1b[2J\x1b[H\u009b31m\u202etxt.exe\u200b"

// Fault is what to do, and where.
type Fault struct {
	Kind Kind
	// PathPrefix limits the fault to matching paths ("" is every path);
	// other requests go to next.
	PathPrefix string
	// Method limits the fault to requests of that method ("" is every
	// method): "POST" is Justt's submission alone, its config being a GET
	// under the same path prefix.
	Method string
	// Delay is Latency's wait (default 200ms).
	Delay time.Duration
	// RetryAfter, when set, is the Retry-After header of the 429 cells
	// (Justt's retry hint; Stripe's is Stripe-Should-Retry).
	RetryAfter string
}

// Server is a running fault server.
type Server struct {
	URL string
	// Elsewhere is the redirect target's URL.
	Elsewhere string

	requests  atomic.Int64
	elsewhere atomic.Int64
	arrived   chan struct{}
	once      sync.Once
	stop      chan struct{}
	srv       *httptest.Server
	target    *httptest.Server
}

// Requests is how many requests the server got.
func (s *Server) Requests() int { return int(s.requests.Load()) }

// ElsewhereRequests is how many requests reached the redirect target: for a
// client that follows no redirect, zero.
func (s *Server) ElsewhereRequests() int { return int(s.elsewhere.Load()) }

// Arrived is closed when the first faulty request arrives: a test waits on
// it, not on a timer, before it acts mid-request.
func (s *Server) Arrived() <-chan struct{} { return s.arrived }

// Close stops both servers and releases hanging requests.
func (s *Server) Close() {
	close(s.stop)
	s.srv.CloseClientConnections()
	s.srv.Close()
	s.target.Close()
}

// Start serves f in front of next (nil: every request is faulty and
// Latency answers 404).
func Start(next http.Handler, f Fault) *Server {
	if next == nil {
		next = http.NotFoundHandler()
	}
	s := &Server{arrived: make(chan struct{}), stop: make(chan struct{})}
	s.target = httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		s.elsewhere.Add(1)
		http.Error(w, "redirect target", http.StatusTeapot)
	}))
	s.Elsewhere = s.target.URL
	s.srv = httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		s.requests.Add(1)
		if !strings.HasPrefix(r.URL.Path, f.PathPrefix) || (f.Method != "" && r.Method != f.Method) {
			next.ServeHTTP(w, r)
			return
		}
		s.once.Do(func() { close(s.arrived) })
		s.serve(w, r, f, next)
	}))
	s.URL = s.srv.URL
	return s
}

func (s *Server) serve(w http.ResponseWriter, r *http.Request, f Fault, next http.Handler) {
	switch f.Kind {
	case Latency:
		d := f.Delay
		if d == 0 {
			d = 200 * time.Millisecond
		}
		select {
		case <-time.After(d):
		case <-r.Context().Done():
			return
		}
		next.ServeHTTP(w, r)
	case RateLimited, RateLimitedRetry, RateLimitedNoRetry:
		if f.Kind == RateLimitedRetry {
			w.Header().Set("Stripe-Should-Retry", "true")
		} else if f.Kind == RateLimitedNoRetry {
			w.Header().Set("Stripe-Should-Retry", "false")
		}
		if f.RetryAfter != "" {
			w.Header().Set("Retry-After", f.RetryAfter)
		}
		apiError(w, http.StatusTooManyRequests, "rate_limit", "Request rate limit exceeded.")
	case ServerError:
		apiError(w, http.StatusInternalServerError, "", "Sorry, something went wrong.")
	case BadGateway:
		apiError(w, http.StatusBadGateway, "", "Bad gateway.")
	case Unavailable:
		apiError(w, http.StatusServiceUnavailable, "", "Temporarily unavailable.")
	case Reset:
		if conn, _, err := w.(http.Hijacker).Hijack(); err == nil {
			_ = conn.Close()
		}
	case Hang:
		select {
		case <-r.Context().Done():
		case <-s.stop:
		}
	case Truncated:
		w.Header().Set("Content-Type", "application/json")
		w.Header().Set("Content-Length", "4096")
		_, _ = w.Write([]byte(`{"object": "list", "d`))
		if conn, _, err := w.(http.Hijacker).Hijack(); err == nil {
			_ = conn.Close()
		}
	case NotJSON:
		w.Header().Set("Content-Type", "text/html")
		_, _ = w.Write([]byte("<html><body>Sign in to the hotel Wi-Fi</body></html>"))
	case Huge:
		w.Header().Set("Content-Type", "application/json")
		_, _ = w.Write([]byte(`{"object": "list", "data": [`))
		chunk := bytes.Repeat([]byte(" "), 64<<10)
		for {
			if _, err := w.Write(chunk); err != nil {
				return
			}
		}
	case GzipBomb:
		w.Header().Set("Content-Type", "application/json")
		w.Header().Set("Content-Encoding", "gzip")
		_, _ = w.Write(bomb())
	case Redirect:
		http.Redirect(w, r, s.Elsewhere+r.URL.RequestURI(), http.StatusFound)
	case EscapeMessage:
		apiError(w, http.StatusForbidden, "", "Blocked "+Escapes)
	case EchoSecret:
		token := strings.TrimPrefix(r.Header.Get("Authorization"), "Bearer ")
		if i := strings.LastIndex(token, "_"); i >= 0 {
			token = token[i+1:]
		}
		apiError(w, http.StatusForbidden, "", "Access from this network is blocked for credential "+token+"."+echoedBody(r))
	case ProxyForbidden:
		w.Header().Set("Content-Type", "text/html")
		w.WriteHeader(http.StatusForbidden)
		_, _ = w.Write([]byte("<html><h1>403 Forbidden</h1>Blocked by corporate proxy policy.</html>"))
	case TrailingJunk:
		conn, buf, err := w.(http.Hijacker).Hijack()
		if err != nil {
			return
		}
		_, _ = buf.WriteString("HTTP/1.1 503 Service Unavailable\r\nContent-Type: application/json\r\nContent-Length: 2\r\n\r\n{}" +
			"HTTP/1.1 200 OK\r\n\r\nunsolicited \x1b]0;pwned\x07")
		_ = buf.Flush()
		go func() { <-s.stop; _ = conn.Close() }()
	default:
		panic(fmt.Sprintf("faultserver: unknown kind %q", f.Kind))
	}
}

// echoedBody is what a careless proxy repeats of a JSON request (Justt's
// submission: the Stripe key and signing secret), each string value
// without its prefix; "" for any other request.
func echoedBody(r *http.Request) string {
	if !strings.HasPrefix(r.Header.Get("Content-Type"), "application/json") {
		return ""
	}
	var body map[string]any
	if json.NewDecoder(io.LimitReader(r.Body, 64<<10)).Decode(&body) != nil {
		return ""
	}
	var echoed []string
	for _, v := range body {
		if s, ok := v.(string); ok {
			echoed = append(echoed, s[strings.LastIndex(s, "_")+1:])
		}
	}
	sort.Strings(echoed)
	return " Request: " + strings.Join(echoed, " ")
}

// apiError answers in the error shape Stripe uses (and Justt's client reads
// the same way: {"error": {"message", "type", "code"}}).
func apiError(w http.ResponseWriter, status int, code, message string) {
	w.Header().Set("Content-Type", "application/json")
	w.WriteHeader(status)
	e := map[string]string{"type": "api_error", "message": message}
	if code != "" {
		e["code"] = code
	}
	_ = json.NewEncoder(w).Encode(map[string]any{"error": e})
}

var (
	bombOnce  sync.Once
	bombBytes []byte
)

// bomb is 256 MiB of spaces after a JSON opening, gzipped (about 250 KB).
func bomb() []byte {
	bombOnce.Do(func() {
		var buf bytes.Buffer
		zw, _ := gzip.NewWriterLevel(&buf, gzip.BestCompression)
		_, _ = zw.Write([]byte(`{"object": "list", "data": [`))
		chunk := bytes.Repeat([]byte(" "), 1<<20)
		for i := 0; i < 256; i++ {
			_, _ = zw.Write(chunk)
		}
		_ = zw.Close()
		bombBytes = buf.Bytes()
	})
	return bombBytes
}

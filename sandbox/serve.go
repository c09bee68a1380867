package sandbox

import (
	"context"
	"encoding/json"
	"io"
	"net"
	"net/http"
	"strings"
	"time"
)

// reply is an answer before it is written.
type reply struct {
	status   int
	body     any    // encoded as JSON
	raw      []byte // sent as is when body is nil (the faults' bodies)
	header   map[string]string
	mutating bool // the request created or changed an object
}

// serve runs one request through the steps a Stripe request goes through:
// the key's latency and fault, then authentication (401), the permission
// (403), the idempotent replay, and the endpoint itself (404/400/2xx).
// The log entry is written before the answer, so a client that has its
// answer always finds the request in the log.
func (s *Sandbox) serve(w http.ResponseWriter, r *http.Request) {
	key := requestKey(r)
	entry := Request{Method: r.Method, Path: r.URL.Path, Key: redactKey(key),
		IdempotencyKey: r.Header.Get("Idempotency-Key")}
	latency, fault := s.prepare(key, r.URL.Path)
	if latency > 0 && !wait(r.Context(), latency) {
		s.record(entry) // the client gave up, or the sandbox is shutting down
		dropConnection(w)
		return
	}
	entry.Fault = fault
	switch {
	case fault == Hang:
		s.record(entry)
		// net/http notices the client hanging up only once the body is read:
		// without this a hung upload would never end.
		_, _ = io.Copy(io.Discard, r.Body)
		<-r.Context().Done() // ends when the client gives up or Start's ctx is done
		dropConnection(w)
		return
	case fault == Reset && !isWrite(r.Method):
		s.record(entry)
		dropConnection(w)
		return
	case fault != NoFault && fault != Reset:
		rep := faultReply(fault)
		entry.Status = rep.status
		s.record(entry)
		rep.write(w, nil)
		return
	}
	rep, body, replayed := s.answer(r, key)
	entry.Status, entry.Replayed = rep.status, replayed
	entry.Mutating = rep.mutating && !replayed && rep.status/100 == 2
	if fault == Reset {
		// The write is committed and its answer stored: now lose it.
		entry.Status = 0
		s.record(entry)
		dropConnection(w)
		return
	}
	s.record(entry)
	rep.write(w, body)
}

// answer authenticates, checks the permission and runs the endpoint. body is
// the encoded answer, kept so an idempotent replay is byte for byte the same.
func (s *Sandbox) answer(r *http.Request, key string) (rep reply, body []byte, replayed bool) {
	rt, vars := s.findRoute(r.Method, r.URL.Path)
	k, denied := s.admit(key, rt, r)
	if denied != nil {
		return *denied, nil, false
	}
	c, bad := s.parseCall(r, k, rt, vars)
	if bad != nil {
		return *bad, nil, false
	}
	s.mu.Lock()
	defer s.mu.Unlock()
	idem := r.Header.Get("Idempotency-Key")
	if idem == "" || !isWrite(r.Method) {
		rep := rt.handle(c)
		return rep, rep.encode(), false // encoded under the lock: objects are shared maps
	}
	return s.idempotent(idemKey{key: key, idem: idem}, fingerprint(r.Method, c), func() reply { return rt.handle(c) })
}

// admit is the 401 and 403 gate; it also answers unknown URLs, after the
// key, as Stripe authenticates before it routes.
func (s *Sandbox) admit(key string, rt *route, r *http.Request) (*apiKey, *reply) {
	s.mu.Lock()
	defer s.mu.Unlock()
	var rep reply
	k := s.keys[key]
	switch {
	case key == "":
		rep = noKeyGiven()
	case strings.HasPrefix(key, "pk_"):
		rep = publishableKeyGiven()
	case k == nil || k.state == keyRolled:
		rep = invalidKey(key)
	case k.state == keyExpired:
		rep = expiredKey(key)
	case rt == nil:
		rep = unrecognizedURL(r.Method, r.URL.Path)
	case !k.allows(rt.scope) && (rt.orScope == "" || !k.allows(rt.orScope)):
		rep = rt.deny.forbidden(key, s.accountID)
	default:
		return k, nil
	}
	return nil, &rep
}

// requestKey reads the key as Stripe does: Bearer auth, or Basic auth with
// the key as the user name (curl -u sk_test_…:).
func requestKey(r *http.Request) string {
	if user, _, ok := r.BasicAuth(); ok {
		return user
	}
	auth := r.Header.Get("Authorization")
	if len(auth) > 7 && strings.EqualFold(auth[:7], "bearer ") {
		return strings.TrimSpace(auth[7:])
	}
	return ""
}

// prepare looks up the key's latency and uses up one of its faults if the
// path is covered.
func (s *Sandbox) prepare(key, path string) (time.Duration, FaultKind) {
	s.mu.Lock()
	defer s.mu.Unlock()
	k := s.keys[key]
	if k == nil {
		return 0, NoFault
	}
	if k.fault.Kind == NoFault || k.faultLeft == 0 || !strings.HasPrefix(path, k.fault.PathPrefix) {
		return k.latency, NoFault
	}
	if k.faultLeft > 0 {
		k.faultLeft--
	}
	return k.latency, k.fault.Kind
}

// wait sleeps d on a timer, or returns false as soon as ctx ends: a slow
// answer must not outlive the client that asked for it.
func wait(ctx context.Context, d time.Duration) bool {
	t := time.NewTimer(d)
	defer t.Stop()
	select {
	case <-t.C:
		return true
	case <-ctx.Done():
		return false
	}
}

// dropConnection closes the connection without an answer. A hijacked TCP
// connection is closed with linger 0 so the client sees a reset, as when a
// proxy or load balancer drops it; where hijacking is not possible,
// http.ErrAbortHandler makes net/http abort the connection.
func dropConnection(w http.ResponseWriter) {
	if hj, ok := w.(http.Hijacker); ok {
		if conn, _, err := hj.Hijack(); err == nil {
			if tcp, ok := conn.(*net.TCPConn); ok {
				_ = tcp.SetLinger(0)
			}
			_ = conn.Close()
			return
		}
	}
	panic(http.ErrAbortHandler)
}

func (rep reply) encode() []byte {
	if rep.body == nil {
		return rep.raw
	}
	b, err := json.Marshal(rep.body)
	if err != nil {
		panic("sandbox: cannot encode an answer: " + err.Error())
	}
	return append(b, '\n')
}

// write sends the answer; body, when given, replaces the encoded reply.
func (rep reply) write(w http.ResponseWriter, body []byte) {
	if body == nil {
		body = rep.encode()
	}
	h := w.Header()
	h.Set("Request-Id", "req_"+randomAlphanumeric(14))
	h.Set("Stripe-Version", stripeVersion)
	if len(body) > 0 {
		h.Set("Content-Type", "application/json")
	}
	for name, value := range rep.header {
		h.Set(name, value)
	}
	w.WriteHeader(rep.status)
	_, _ = w.Write(body)
}

// stripeVersion is the API version stripe-go v76 pins.
const stripeVersion = "2023-10-16"

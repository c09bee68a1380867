package sandbox

import (
	"fmt"
	"net/http"
	"strings"
)

// idemKey scopes an Idempotency-Key to the API key that sent it.
type idemKey struct{ key, idem string }

// storedReply is a successful write's answer, kept for replay.
type storedReply struct {
	fingerprint string
	status      int
	body        []byte
}

// idempotent runs handle once per Idempotency-Key, as Stripe does: a repeat
// with the same parameters gets the first answer back without a second
// object; a repeat with other parameters is refused. Only 2xx answers are
// kept, because Stripe saves no result for a request that failed validation.
// s.mu is held.
func (s *Sandbox) idempotent(k idemKey, print string, handle func() reply) (reply, []byte, bool) {
	if stored, ok := s.idem[k]; ok {
		if stored.fingerprint != print {
			return invalidRequest(http.StatusBadRequest, "idempotency_key_in_use", "", fmt.Sprintf(
				"Keys for idempotent requests can only be used with the same parameters they were first used with. "+
					"Try using a key other than '%s' if you meant to execute a different request.", k.idem)), nil, false
		}
		rep := reply{status: stored.status, header: map[string]string{"Idempotent-Replayed": "true"}}
		return rep, stored.body, true
	}
	rep := handle()
	body := rep.encode()
	if rep.status/100 == 2 {
		s.idem[k] = &storedReply{fingerprint: print, status: rep.status, body: body}
	}
	return rep, body, false
}

// fingerprint identifies a request's parameters (never logged).
func fingerprint(method string, c *call) string {
	var b strings.Builder
	b.WriteString(method + " " + c.path + "?" + c.form.Encode())
	if c.upload != nil {
		fmt.Fprintf(&b, "&file=%s/%d", c.upload.filename, c.upload.size)
	}
	return b.String()
}

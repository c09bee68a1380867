package sandbox

// record appends to the request log. Entries carry the redacted key and
// never a body.
func (s *Sandbox) record(r Request) {
	s.mu.Lock()
	defer s.mu.Unlock()
	s.log = append(s.log, r)
	if s.recorded != nil {
		s.recorded(r)
	}
}

// Requests returns the log so far.
func (s *Sandbox) Requests() []Request {
	s.mu.Lock()
	defer s.mu.Unlock()
	return append([]Request(nil), s.log...)
}

// Mutations returns the logged requests that would have changed something.
func (s *Sandbox) Mutations() []Request {
	s.mu.Lock()
	defer s.mu.Unlock()
	var out []Request
	for _, r := range s.log {
		if r.Mutating {
			out = append(out, r)
		}
	}
	return out
}

package sandbox

import "context"

// record appends to the request log. Entries carry the redacted key and
// never a body.
func (s *Sandbox) record(r Request) {
	s.mu.Lock()
	defer s.mu.Unlock()
	s.log = append(s.log, r)
	if s.recorded != nil {
		s.recorded(r)
	}
	if s.logged != nil {
		close(s.logged) // wakes every WaitRequests
		s.logged = nil
	}
}

// WaitRequests returns once the log holds at least n requests, or ctx ends
// (then with ctx's error). Tests use it to act at a known point of a run
// in another process, without sleeping.
func (s *Sandbox) WaitRequests(ctx context.Context, n int) error {
	for {
		s.mu.Lock()
		if len(s.log) >= n {
			s.mu.Unlock()
			return nil
		}
		if s.logged == nil {
			s.logged = make(chan struct{})
		}
		logged := s.logged
		s.mu.Unlock()
		select {
		case <-logged:
		case <-ctx.Done():
			return ctx.Err()
		}
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

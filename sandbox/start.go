package sandbox

import (
	"context"
	"errors"
	"fmt"
	"net"
	"net/http"
	"time"
)

// shutdownGrace is how long Start's server waits for answers in flight
// before it closes their connections.
const shutdownGrace = 2 * time.Second

// Start serves the sandbox on 127.0.0.1 on a free port until ctx is done.
// It returns the base URL (http://127.0.0.1:PORT). Every request's context
// derives from ctx, so latency and Hang faults end when ctx does, and no
// handler outlives the server.
func (s *Sandbox) Start(ctx context.Context) (baseURL string, err error) {
	ln, err := net.Listen("tcp", "127.0.0.1:0")
	if err != nil {
		return "", fmt.Errorf("the Stripe sandbox could not open a local port (%w); check that loopback networking is allowed", err)
	}
	srv := &http.Server{
		Handler:           s.Handler(),
		BaseContext:       func(net.Listener) context.Context { return ctx },
		ReadHeaderTimeout: 10 * time.Second,
	}
	s.serving.Add(2)
	go func() {
		defer s.serving.Done()
		if err := srv.Serve(ln); err != nil && !errors.Is(err, http.ErrServerClosed) {
			// Serve only fails here if the listener breaks; shutdown below still runs.
			_ = ln.Close()
		}
	}()
	go func() {
		defer s.serving.Done()
		<-ctx.Done()
		grace, cancel := context.WithTimeout(context.Background(), shutdownGrace)
		defer cancel()
		if srv.Shutdown(grace) != nil {
			_ = srv.Close()
		}
	}()
	return "http://" + ln.Addr().String(), nil
}

package sandbox

import (
	"context"
	"errors"
	"fmt"
	"net"
	"net/http"
	"sync"
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
	return serveLoopback(ctx, s.Handler(), &s.serving, "Stripe")
}

// serveLoopback serves h on 127.0.0.1 on a free port until ctx is done and
// returns its base URL; serving counts the server's goroutines until it has
// fully shut down. what names the fake in an error ("Stripe", "Justt").
func serveLoopback(ctx context.Context, h http.Handler, serving *sync.WaitGroup, what string) (string, error) {
	ln, err := net.Listen("tcp", "127.0.0.1:0")
	if err != nil {
		return "", fmt.Errorf("the %s sandbox could not open a local port (%w); check that loopback networking is allowed", what, err)
	}
	srv := &http.Server{
		Handler:           h,
		BaseContext:       func(net.Listener) context.Context { return ctx },
		ReadHeaderTimeout: 10 * time.Second,
	}
	serving.Add(2)
	go func() {
		defer serving.Done()
		if err := srv.Serve(ln); err != nil && !errors.Is(err, http.ErrServerClosed) {
			// Serve only fails here if the listener breaks; shutdown below still runs.
			_ = ln.Close()
		}
	}()
	go func() {
		defer serving.Done()
		<-ctx.Done()
		grace, cancel := context.WithTimeout(context.Background(), shutdownGrace)
		defer cancel()
		if srv.Shutdown(grace) != nil {
			_ = srv.Close()
		}
	}()
	return "http://" + ln.Addr().String(), nil
}

package sandbox

import (
	"context"
	"net/http"
	"strings"
	"testing"
	"time"
)

func TestStartServesOnLoopbackUntilCancelled(t *testing.T) {
	t.Parallel()
	s := New()
	hanging := make(chan struct{})
	s.recorded = func(r Request) {
		if r.Fault == Hang {
			close(hanging)
		}
	}
	ctx, cancel := context.WithCancel(context.Background())
	defer cancel()
	base, err := s.Start(ctx)
	if err != nil {
		t.Fatal(err)
	}
	if !strings.HasPrefix(base, "http://127.0.0.1:") {
		t.Fatalf("base URL %q, want http://127.0.0.1:PORT", base)
	}
	key := s.MintKey("rak_charge_read")
	if a := do(t, base, "GET", "/v1/charges", key, nil); a.status != http.StatusOK {
		t.Fatalf("status %d", a.status)
	}

	// A request hanging with no deadline of its own must end with the server.
	s.SetFault(key, Fault{Kind: Hang})
	answered := make(chan error, 1)
	req := mustRequest(t, "GET", base+"/v1/charges", key)
	go func() {
		resp, err := freshClient().Do(req)
		if err == nil {
			resp.Body.Close()
		}
		answered <- err
	}()
	select {
	case <-hanging: // logged before it starts to wait
	case <-time.After(5 * time.Second):
		t.Fatal("the hanging request never reached the sandbox")
	}
	cancel()
	stopped := make(chan struct{})
	go func() { s.serving.Wait(); close(stopped) }()
	select {
	case <-stopped:
	case <-time.After(5 * time.Second):
		t.Fatal("the server did not stop after its context ended")
	}
	if err := <-answered; err == nil {
		t.Error("the hanging request got an answer when the server stopped, want the connection dropped")
	}
	if _, err := freshClient().Do(mustRequest(t, "GET", base+"/v1/charges", key)); err == nil {
		t.Error("the server still answers after its context ended")
	}
}

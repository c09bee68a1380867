// Package stripemock starts Stripe's own stripe-mock (pinned in go.mod as a
// tool) on a free loopback port for contract tests: it validates every
// request against Stripe's OpenAPI spec, so a request it accepts is well
// formed. It does not model permissions; behaviour is tested on sandbox/.
package stripemock

import (
	"bytes"
	"fmt"
	"net"
	"net/http"
	"os/exec"
	"strings"
	"sync"
	"testing"
	"time"
)

// Key is a test-mode key stripe-mock accepts (it only takes sk_/rk_ test keys).
const Key = "sk_test_123"

var (
	buildOnce sync.Once
	binary    string
	buildErr  error
)

// build asks the go command for stripe-mock's binary: `go tool -n` builds
// the tool pinned in go.mod into the Go build cache (once) and prints its
// path, so no install step is needed and nothing is left behind.
func build(t testing.TB) string {
	buildOnce.Do(func() {
		out, err := exec.Command("go", "tool", "-n", "stripe-mock").Output()
		if err != nil {
			buildErr = fmt.Errorf("building stripe-mock with 'go tool -n stripe-mock': %v", err)
			return
		}
		binary = strings.TrimSpace(string(out))
	})
	if buildErr != nil {
		t.Fatal(buildErr)
	}
	return binary
}

// Start runs stripe-mock until the test ends and returns its base URL.
func Start(t testing.TB) string {
	t.Helper()
	bin := build(t)
	httpAddr, httpsAddr := freeAddr(t), freeAddr(t)
	var logs bytes.Buffer
	cmd := exec.Command(bin, "-http-addr", httpAddr, "-https-addr", httpsAddr)
	cmd.Stdout, cmd.Stderr = &logs, &logs
	if err := cmd.Start(); err != nil {
		t.Fatalf("starting stripe-mock: %v", err)
	}
	done := make(chan struct{})
	go func() { _ = cmd.Wait(); close(done) }()
	t.Cleanup(func() {
		_ = cmd.Process.Kill()
		<-done
	})
	url := "http://" + httpAddr
	// stripe-mock loads the OpenAPI spec before it listens: wait for it,
	// bounded, on what we can observe (the port answering).
	deadline := time.Now().Add(60 * time.Second)
	for {
		resp, err := http.Get(url + "/v1/charges")
		if err == nil {
			resp.Body.Close()
			return url
		}
		select {
		case <-done:
			t.Fatalf("stripe-mock exited before listening:\n%s", logs.String())
		case <-time.After(50 * time.Millisecond):
		}
		if time.Now().After(deadline) {
			t.Fatalf("stripe-mock did not listen on %s within 60s:\n%s", httpAddr, logs.String())
		}
	}
}

func freeAddr(t testing.TB) string {
	l, err := net.Listen("tcp", "127.0.0.1:0")
	if err != nil {
		t.Fatal(err)
	}
	defer l.Close()
	return l.Addr().String()
}

//go:build unix

package main

import (
	"bytes"
	"errors"
	"net/http/httptest"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"syscall"
	"testing"
	"time"

	"github.com/justt-ai/justt-onboard/internal/faultserver"
	"github.com/justt-ai/justt-onboard/internal/interrupt"
	"github.com/justt-ai/justt-onboard/sandbox"
)

// builtBinary is the real entry point as a separate process: testscript.Main
// put a copy of the test binary named justt-onboard on PATH, which runs
// main's run().
func builtBinary(t *testing.T) string {
	t.Helper()
	path, err := exec.LookPath("justt-onboard")
	if err != nil {
		t.Fatalf("the justt-onboard command is not on PATH (set up by TestMain): %v", err)
	}
	return path
}

// stopMidRequest starts args, waits until the fault server holds a request
// (no timer: the server says when), sends sig, and returns the exit code
// and outputs. It fails the test if either output shows a value passed in
// env (the keys), in full or by its last 12 characters, before any caller
// prints them.
func stopMidRequest(t *testing.T, fs *faultserver.Server, sig syscall.Signal, env []string, args ...string) (int, string, string) {
	t.Helper()
	cmd := exec.Command(builtBinary(t), args...)
	cmd.Env = append(os.Environ(), env...)
	var stdout, stderr bytes.Buffer
	cmd.Stdout, cmd.Stderr = &stdout, &stderr
	if err := cmd.Start(); err != nil {
		t.Fatal(err)
	}
	select {
	case <-fs.Arrived():
	case <-time.After(30 * time.Second):
		_ = cmd.Process.Kill()
		t.Fatalf("no request reached the server; stderr: %s", stderr.String())
	}
	if err := cmd.Process.Signal(sig); err != nil {
		t.Fatal(err)
	}
	err := cmd.Wait()
	code := 0
	var ee *exec.ExitError
	if errors.As(err, &ee) {
		code = ee.ExitCode() // -1 when the signal killed the process unhandled
	} else if err != nil {
		t.Fatal(err)
	}
	for _, kv := range env {
		variable, secret, _ := strings.Cut(kv, "=")
		for stream, out := range map[string]string{"stdout": stdout.String(), "stderr": stderr.String()} {
			if showsSecret(out, secret) {
				t.Fatalf("%s shows the value of %s in full or by its last 12 characters (%d bytes of output withheld)", stream, variable, len(out))
			}
		}
	}
	return code, stdout.String(), stderr.String()
}

// showsSecret reports whether text holds secret in full or by its last 12
// characters (more than the last 4 a redacted form shows).
func showsSecret(text, secret string) bool {
	if secret != "" && strings.Contains(text, secret) {
		return true
	}
	return len(secret) > 12 && strings.Contains(text, secret[len(secret)-12:])
}

var stopSignals = []syscall.Signal{syscall.SIGINT, syscall.SIGTERM, syscall.SIGHUP}

// TestSignalsStopCheck: INT, TERM and HUP while Stripe is being asked end
// `check` alike: exit 128+signal, no report, no verdict, one line naming
// the signal.
func TestSignalsStopCheck(t *testing.T) {
	t.Parallel()
	for _, sig := range stopSignals {
		t.Run(interrupt.Name(sig), func(t *testing.T) {
			t.Parallel()
			fs := faultserver.Start(nil, faultserver.Fault{Kind: faultserver.Hang})
			defer fs.Close()
			code, stdout, stderr := stopMidRequest(t, fs, sig, []string{"STRIPE_API_KEY=rk_test_" + strings.Repeat("Q", 99)},
				"check", "--stripe-api-url", fs.URL, "--stripe-uploads-url", fs.URL)
			if code != 128+int(sig) {
				t.Errorf("exit %d, want %d; stderr: %s", code, 128+int(sig), stderr)
			}
			if stdout != "" {
				t.Errorf("a stopped check printed a result:\n%s", stdout)
			}
			if !strings.Contains(stderr, "stopped by "+interrupt.Name(sig)) {
				t.Errorf("stderr does not name the signal: %q", stderr)
			}
		})
	}
}

// TestSignalsStopRegister: INT, TERM and HUP during `webhook register`
// remove the empty reserved --secret-out file, so the rerun the error
// recommends can create it.
func TestSignalsStopRegister(t *testing.T) {
	t.Parallel()
	for _, sig := range stopSignals {
		t.Run(interrupt.Name(sig), func(t *testing.T) {
			t.Parallel()
			sb := sandbox.New()
			fs := faultserver.Start(sb.Handler(), faultserver.Fault{Kind: faultserver.Hang, PathPrefix: "/v1/webhook_endpoints"})
			defer fs.Close()
			out := filepath.Join(t.TempDir(), "whsec.txt")
			code, stdout, stderr := stopMidRequest(t, fs, sig, []string{"STRIPE_SETUP_KEY=" + sb.MintSecretKey()},
				"webhook", "register", "--url", "https://hooks.justt.ai/x", "--secret-out", out,
				"--stripe-api-url", fs.URL)
			if code != 128+int(sig) || stdout != "" {
				t.Errorf("exit %d, stdout %q; want %d and nothing; stderr: %s", code, stdout, 128+int(sig), stderr)
			}
			if _, err := os.Stat(out); !os.IsNotExist(err) {
				t.Fatalf("the reserved secret file was left behind (%v)", err)
			}
			// The rerun works.
			srv := httptest.NewServer(sb.Handler())
			defer srv.Close()
			rerun := exec.Command(builtBinary(t), "webhook", "register", "--url", "https://hooks.justt.ai/x", "--secret-out", out,
				"--stripe-api-url", srv.URL)
			rerun.Env = append(os.Environ(), "STRIPE_SETUP_KEY="+sb.MintSecretKey())
			if b, err := rerun.CombinedOutput(); err != nil {
				t.Fatalf("the rerun failed: %v\n%s", err, b)
			}
		})
	}
}

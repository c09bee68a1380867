//go:build linux || darwin

package main

import (
	"net/http/httptest"
	"os"
	"os/exec"
	"path/filepath"
	"syscall"
	"testing"
	"time"

	"github.com/justt-ai/justt-onboard/sandbox"
)

// buildBinary compiles justt-onboard once for a benchmark.
func buildBinary(b *testing.B) string {
	b.Helper()
	bin := filepath.Join(b.TempDir(), "justt-onboard")
	if out, err := exec.Command("go", "build", "-o", bin, ".").CombinedOutput(); err != nil {
		b.Fatalf("go build: %v\n%s", err, out)
	}
	return bin
}

// BenchmarkVersion reports how long `justt-onboard --version` takes as a
// whole process (target: under 20 ms).
func BenchmarkVersion(b *testing.B) {
	bin := buildBinary(b)
	b.ResetTimer()
	start := time.Now()
	for i := 0; i < b.N; i++ {
		if out, err := exec.Command(bin, "--version").Output(); err != nil || len(out) == 0 {
			b.Fatalf("--version: %v", err)
		}
	}
	b.ReportMetric(float64(time.Since(start).Microseconds())/1000/float64(b.N), "ms/run")
}

// BenchmarkCheckPeakMemory reports the peak resident memory of one
// `justt-onboard check` process against the sandbox (target: ≤ 30 MB).
func BenchmarkCheckPeakMemory(b *testing.B) {
	bin := buildBinary(b)
	sb := sandbox.New()
	srv := httptest.NewServer(sb.Handler())
	defer srv.Close()
	key := sb.MintKey(requiredScopes()...)
	var peak int64
	b.ResetTimer()
	for i := 0; i < b.N; i++ {
		c := exec.Command(bin, "check", "--stripe-api-url="+srv.URL, "--stripe-uploads-url="+srv.URL)
		c.Env = append(os.Environ(), "STRIPE_API_KEY="+key)
		if err := c.Run(); err != nil {
			b.Fatalf("check: %v", err)
		}
		ru := c.ProcessState.SysUsage().(*syscall.Rusage)
		if rss := maxRSSBytes(ru); rss > peak {
			peak = rss
		}
	}
	b.ReportMetric(float64(peak)/(1<<20), "peak-MB")
}

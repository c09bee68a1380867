package stripecheck

import (
	"context"
	"testing"
	"time"
)

// BenchmarkCheckLatency: with every Stripe answer 100 ms late, a whole check
// should take little more than one round trip, because the nine probes and
// the diagnostics run concurrently (target ≤ 1.3 × latency).
func BenchmarkCheckLatency(b *testing.B) {
	const latency = 100 * time.Millisecond
	sb, c := onSandbox(b, Config{})
	raw := sb.MintKey(allNine()...)
	sb.SetLatency(raw, latency)
	key := parsed(b, raw)
	before := len(sb.Requests())
	start, checks := time.Now(), 0
	for b.Loop() {
		checks++
		if r := c.Check(context.Background(), key, Options{}); r.ExitCode() != ExitReady {
			b.Fatalf("exit %d: %v", r.ExitCode(), problemCodes(r))
		}
	}
	perCheck := time.Since(start) / time.Duration(checks)
	b.ReportMetric(float64(perCheck)/float64(latency), "x-latency")
	b.ReportMetric(float64(len(sb.Requests())-before)/float64(checks), "requests/check")
}

// BenchmarkCheckMemory: what one check allocates (no latency).
func BenchmarkCheckMemory(b *testing.B) {
	sb, c := onSandbox(b, Config{})
	key := parsed(b, sb.MintKey(allNine()...))
	b.ReportAllocs()
	for b.Loop() {
		if r := c.Check(context.Background(), key, Options{}); r.ExitCode() != ExitReady {
			b.Fatalf("exit %d", r.ExitCode())
		}
	}
}

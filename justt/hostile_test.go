package justt

import (
	"context"
	"errors"
	"runtime"
	"testing"
	"time"

	"github.com/justt-ai/justt-onboard/internal/faultserver"
	"github.com/justt-ai/justt-onboard/sandbox"
)

// BenchmarkSubmitBehindGzipBomb reports what one submission costs in
// memory when Justt's answer is 250 KB of gzip inflating to 256 MiB: the
// client reads 64 KiB of it and stops. The fault server runs in this
// process, so building the bomb (once) is counted in the first pass.
func BenchmarkSubmitBehindGzipBomb(b *testing.B) {
	rx := sandbox.NewJustt()
	fs := faultserver.Start(rx.Handler(), faultserver.Fault{Kind: faultserver.GzipBomb})
	defer fs.Close()
	tok, err := ParseToken(rx.MintToken("Acme Ltd"))
	if err != nil {
		b.Fatal(err)
	}
	c, err := New(Config{BaseURL: fs.URL, Token: tok, Timeout: 30 * time.Second, AttemptTimeout: 30 * time.Second})
	if err != nil {
		b.Fatal(err)
	}
	sub := ready(b)
	var before, after runtime.MemStats
	runtime.GC()
	runtime.ReadMemStats(&before)
	for b.Loop() {
		var ae *AnswerError
		if _, err := c.Submit(context.Background(), sub, NewIdempotencyKey()); !errors.As(err, &ae) {
			b.Fatalf("error %v, want the answer refused as too large", err)
		}
	}
	runtime.ReadMemStats(&after)
	b.ReportMetric(float64(after.TotalAlloc-before.TotalAlloc)/float64(b.N)/(1<<20), "MiB/submit")
}

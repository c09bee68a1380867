package wizard

import (
	"testing"
	"time"

	tea "github.com/charmbracelet/bubbletea"
)

// BenchmarkViewStep is one frame of a step screen at 80×24; the target is
// well under 1 ms per frame.
func BenchmarkViewStep(b *testing.B) {
	for _, step := range []int{4, 7, 11} {
		b.Run("step"+itoa(step), func(b *testing.B) {
			h := newHarness(b, newFakeEngine("rak_dispute_write"), nil)
			h.c.flow.rec.Key.Accepted = true
			h.c.flow.rec.Step = step
			if step == keyPartStep {
				h.paste(testKey("rk_live_", "BNCH"))
			}
			b.ReportAllocs()
			b.ResetTimer()
			start := time.Now()
			for i := 0; i < b.N; i++ {
				_ = h.m.View()
			}
			b.ReportMetric(float64(time.Since(start).Microseconds())/1000/float64(b.N), "ms/frame")
		})
	}
}

// BenchmarkKeypressToFrame is a key through Update and the redrawn frame:
// the merchant's wait between pressing a key and seeing its effect; the
// target is under 16 ms (one frame at 60 Hz).
func BenchmarkKeypressToFrame(b *testing.B) {
	h := newHarness(b, newFakeEngine(), (&fakeDemo{eng: newFakeEngine()}).hooks())
	h.keys("g", "7")
	var m tea.Model = h.m
	down := keyMsg("down")
	b.ReportAllocs()
	b.ResetTimer()
	start := time.Now()
	for i := 0; i < b.N; i++ {
		m, _ = m.Update(down)
		_ = m.View()
	}
	b.ReportMetric(float64(time.Since(start).Microseconds())/1000/float64(b.N), "ms/key")
}

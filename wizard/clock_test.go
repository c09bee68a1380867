package wizard

import (
	"sync"
	"time"

	tea "github.com/charmbracelet/bubbletea"
)

// fakeClock is the re-check's clock in tests: time moves only when the test
// says, and no tick fires by itself.
//
// In a harness (commands run synchronously) a tick command only records
// the tick; elapse fires the latest. In a teatest program (blocking set)
// a tick command waits, in its own goroutine, until the test releases it
// with next.
type fakeClock struct {
	mu      sync.Mutex
	now     time.Time
	pending []*fakeTick // harness: ticks recorded, oldest first
	block   bool
	waits   chan *fakeTick // teatest: ticks waiting to fire
	done    chan struct{}
}

type fakeTick struct {
	d    time.Duration
	fn   func(time.Time) tea.Msg
	fire chan time.Time
}

func newFakeClock(block bool) *fakeClock {
	return &fakeClock{now: time.Date(2026, 12, 2, 16, 0, 0, 0, time.UTC), block: block,
		waits: make(chan *fakeTick, 1024), done: make(chan struct{})}
}

func (c *fakeClock) Now() time.Time {
	c.mu.Lock()
	defer c.mu.Unlock()
	return c.now
}

func (c *fakeClock) advance(d time.Duration) time.Time {
	c.mu.Lock()
	defer c.mu.Unlock()
	c.now = c.now.Add(d)
	return c.now
}

// Tick is common.tick.
func (c *fakeClock) Tick(d time.Duration, fn func(time.Time) tea.Msg) tea.Cmd {
	return func() tea.Msg {
		t := &fakeTick{d: d, fn: fn, fire: make(chan time.Time, 1)}
		if !c.block {
			c.mu.Lock()
			c.pending = append(c.pending, t)
			c.mu.Unlock()
			return nil
		}
		c.waits <- t
		select {
		case at := <-t.fire:
			return fn(at)
		case <-c.done:
			return nil
		}
	}
}

// take removes the latest recorded tick (older ones were superseded).
func (c *fakeClock) take() (*fakeTick, bool) {
	c.mu.Lock()
	defer c.mu.Unlock()
	if len(c.pending) == 0 {
		return nil, false
	}
	t := c.pending[len(c.pending)-1]
	c.pending = nil
	return t, true
}

// ticking reports whether a tick is recorded and not yet fired.
func (c *fakeClock) ticking() bool {
	c.mu.Lock()
	defer c.mu.Unlock()
	return len(c.pending) > 0
}

// stop releases every blocked tick command without a message.
func (c *fakeClock) stop() { close(c.done) }

// elapse fires the harness's latest tick: the clock moves by its duration
// and its message is delivered. It reports false when no tick was set.
func (h *harness) elapse() bool {
	h.t.Helper()
	t, ok := h.clk.take()
	if !ok {
		return false
	}
	h.send(t.fn(h.clk.advance(t.d)))
	return true
}

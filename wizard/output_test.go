package wizard

import (
	"bytes"
	"encoding/base64"
	"io"
	"os"
	"sync"
	"testing"
	"testing/synctest"
)

// pausingTerminal stops the first write halfway until released: a frame
// caught mid-write while another goroutine wants the terminal.
type pausingTerminal struct {
	mu      sync.Mutex
	buf     bytes.Buffer
	writes  int
	paused  chan struct{}
	release chan struct{}
}

func (p *pausingTerminal) Write(b []byte) (int, error) {
	p.mu.Lock()
	p.writes++
	first := p.writes == 1
	if !first {
		defer p.mu.Unlock()
		return p.buf.Write(b)
	}
	half := len(b) / 2
	p.buf.Write(b[:half])
	p.mu.Unlock()
	close(p.paused)
	<-p.release
	p.mu.Lock()
	defer p.mu.Unlock()
	p.buf.Write(b[half:])
	return len(b), nil
}

// The copy command's OSC 52 sequence waits for a frame being written to
// finish instead of landing inside it.
func TestSyncOutputNeverInterleavesWrites(t *testing.T) {
	synctest.Test(t, func(t *testing.T) {
		term := &pausingTerminal{paused: make(chan struct{}), release: make(chan struct{})}
		out := syncOutput(term)
		frame := "\x1b[H\x1b[2Kjustt-onboard · connect Stripe to Justt\r\n\x1b[2KStep 1 of 18"
		copySeq := "\x1b]52;c;" + base64.StdEncoding.EncodeToString([]byte("https://dashboard.stripe.com/login")) + "\x07"
		var wg sync.WaitGroup
		wg.Go(func() { _, _ = io.WriteString(out, frame) })
		<-term.paused // the frame is half written
		wg.Go(func() { _, _ = io.WriteString(out, copySeq) })
		synctest.Wait() // the copy has either written or is waiting its turn
		close(term.release)
		wg.Wait()
		if got, want := term.buf.String(), frame+copySeq; got != want {
			t.Fatalf("the writes interleaved:\n got %q\nwant %q", got, want)
		}
	})
}

// bubbletea finds the terminal's size through its output's Fd: the guard
// must not hide it.
func TestSyncOutputKeepsTheTerminalVisible(t *testing.T) {
	r, w, err := os.Pipe()
	if err != nil {
		t.Fatal(err)
	}
	defer r.Close()
	defer w.Close()
	f, ok := syncOutput(w).(terminalFile)
	if !ok || f.Fd() != w.Fd() {
		t.Fatal("the guarded output hides the file behind it")
	}
	if _, ok := syncOutput(&bytes.Buffer{}).(terminalFile); ok {
		t.Fatal("a buffer passes for a terminal")
	}
}

// countingWriter records each Write separately.
type countingWriter struct{ writes []string }

func (c *countingWriter) Write(b []byte) (int, error) {
	c.writes = append(c.writes, string(b))
	return len(b), nil
}

// The copy is one Write, so the guard lets it through whole between frames.
func TestCopyIsOneWholeWrite(t *testing.T) {
	t.Setenv("TMUX", "")
	t.Setenv("STY", "")
	var w countingWriter
	if err := osc52Copier(&w)("https://dashboard.stripe.com/login"); err != nil {
		t.Fatal(err)
	}
	want := "\x1b]52;c;" + base64.StdEncoding.EncodeToString([]byte("https://dashboard.stripe.com/login")) + "\x07"
	if len(w.writes) != 1 || w.writes[0] != want {
		t.Fatalf("the copy wrote %q, want one write of %q", w.writes, want)
	}
}

package wizard

import (
	"bytes"
	"encoding/base64"
	"errors"
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

func osc52Of(text string) string {
	return "\x1b]52;c;" + base64.StdEncoding.EncodeToString([]byte(text)) + "\x07"
}

// The copy is one Write, so the guard lets it through whole between
// frames. Inside tmux or screen the plain sequence goes first (tmux takes
// it into its buffer with set-clipboard on, and passes it on), then the
// wrapped one for passthrough, still in the same Write.
func TestCopyIsOneWholeWrite(t *testing.T) {
	const link = "https://dashboard.stripe.com/login"
	plain := osc52Of(link)
	tests := []struct {
		name, tmux, sty string
		want            string
	}{
		{"plain terminal", "", "", plain},
		{"tmux", "/tmp/tmux-1000/default,123,0", "", plain + "\x1bPtmux;\x1b" + plain + "\x1b\\"},
		{"screen", "", "123.pts-0.host", plain + "\x1bP" + plain + "\x1b\\"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			t.Setenv("TMUX", tt.tmux)
			t.Setenv("STY", tt.sty)
			var w countingWriter
			if err := osc52Copier(&w)(link); err != nil {
				t.Fatal(err)
			}
			if len(w.writes) != 1 || w.writes[0] != tt.want {
				t.Fatalf("the copy wrote %q, want one write of %q", w.writes, tt.want)
			}
		})
	}
}

type failingWriter struct{}

func (failingWriter) Write([]byte) (int, error) { return 0, errors.New("broken pipe") }

// The system clipboard goes first; OSC 52 only when it fails, and the
// answer says which one took the text.
func TestClipboardCopier(t *testing.T) {
	t.Setenv("TMUX", "")
	t.Setenv("STY", "")
	const link = "https://dashboard.stripe.com/apikeys"
	tests := []struct {
		name       string
		native     func(string) error
		out        io.Writer
		wantNative bool
		wantErr    bool
		wantOSC    bool
	}{
		{"the system clipboard takes it", func(string) error { return nil }, &countingWriter{}, true, false, false},
		{"no clipboard tool: OSC 52", func(string) error { return errors.New("no xclip") }, &countingWriter{}, false, false, true},
		{"no native copier: OSC 52", nil, &countingWriter{}, false, false, true},
		{"neither works", func(string) error { return errors.New("no xclip") }, failingWriter{}, false, true, false},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			var gave []string
			native := tt.native
			if native != nil {
				inner := native
				native = func(s string) error { gave = append(gave, s); return inner(s) }
			}
			got, err := clipboardCopier(native, tt.out)(link)
			if got != tt.wantNative || (err != nil) != tt.wantErr {
				t.Fatalf("native %v, err %v; want native %v, an error %v", got, err, tt.wantNative, tt.wantErr)
			}
			if tt.native != nil && (len(gave) != 1 || gave[0] != link) {
				t.Fatalf("the system clipboard was given %q", gave)
			}
			if cw, ok := tt.out.(*countingWriter); ok {
				sent := len(cw.writes) == 1 && cw.writes[0] == osc52Of(link)
				if sent != tt.wantOSC || !tt.wantOSC && len(cw.writes) != 0 {
					t.Fatalf("the terminal got %q; want OSC 52 %v", cw.writes, tt.wantOSC)
				}
			}
		})
	}
}

package wizard

import "io"

// syncWriter lets one Write at a time through to the terminal. bubbletea's
// renderer writes each frame from its own goroutine while the copy command
// writes an OSC 52 sequence from another; unguarded, the sequence could land
// in the middle of a frame's cursor moves and the terminal would show
// garbage or drop the copy. Each frame and each sequence is one Write, so
// serialising Writes keeps both whole.
type syncWriter struct {
	// slot is a one-place lock (a channel rather than a sync.Mutex so a
	// test can see, with testing/synctest, that a second writer waits).
	slot chan struct{}
	w    io.Writer
}

func (s *syncWriter) Write(p []byte) (int, error) {
	s.slot <- struct{}{}
	defer func() { <-s.slot }()
	return s.w.Write(p)
}

// terminalFile is what bubbletea looks for in its output to find the
// terminal's size and restore its state (charmbracelet/x/term.File).
type terminalFile interface {
	io.ReadWriteCloser
	Fd() uintptr
}

// syncFile is a syncWriter over a terminal that still lets bubbletea see
// the terminal behind it: without Fd the wizard would never learn the
// window's size.
type syncFile struct {
	*syncWriter
	f terminalFile
}

func (s syncFile) Read(p []byte) (int, error) { return s.f.Read(p) }
func (s syncFile) Close() error               { return s.f.Close() }
func (s syncFile) Fd() uintptr                { return s.f.Fd() }

// syncOutput wraps the wizard's output so the renderer and the copy
// command share one serialised writer.
func syncOutput(w io.Writer) io.Writer {
	s := &syncWriter{slot: make(chan struct{}, 1), w: w}
	if f, ok := w.(terminalFile); ok {
		return syncFile{syncWriter: s, f: f}
	}
	return s
}

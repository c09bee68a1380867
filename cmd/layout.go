package cmd

import (
	"fmt"
	"io"
	"os"

	"github.com/charmbracelet/x/term"
	"github.com/justt-ai/justt-onboard/internal/safetext"
	"github.com/justt-ai/justt-onboard/internal/textlayout"
)

// terminalWidth returns f's width in columns when f is a terminal, else 0.
func terminalWidth(f *os.File) func() int {
	return func() int {
		if !term.IsTerminal(f.Fd()) {
			return 0
		}
		w, _, err := term.GetSize(f.Fd())
		if err != nil || w <= 0 {
			return 0
		}
		return w
	}
}

// printer writes the human output of a command through textlayout: wrapped
// to the terminal's width on a terminal, one line per paragraph when piped.
type printer struct {
	w          io.Writer
	width      int
	hyperlinks bool
}

// newPrinter is the printer for env's standard output.
func newPrinter(env *Env) printer {
	p := printer{w: env.Stdout}
	if env.OutputWidth != nil {
		p.width = env.OutputWidth()
	}
	// Links are drawn as OSC 8 only on a terminal that is known to draw them.
	p.hyperlinks = p.width > 0 && env.Getenv != nil && textlayout.HyperlinksSupported(env.Getenv)
	return p
}

// plainPrinter writes to w without wrapping (for output that is not a terminal).
func plainPrinter(w io.Writer) printer { return printer{w: w} }

// para prints text after indent, continuation lines lined up under the
// text's first character.
func (p printer) para(indent, text string) {
	p.hang(indent, textlayout.Blank(indent), text)
}

// hang prints text after indent, continuation lines after hang. The text
// may quote a server or a path the user typed, so it is made safe for a
// terminal first (safetext): every human line of the commands passes here.
func (p printer) hang(indent, hang, text string) {
	for _, l := range textlayout.Lines(safetext.Line(text), textlayout.Options{Width: p.width, Indent: indent, Hang: hang, Hyperlinks: p.hyperlinks}) {
		fmt.Fprintln(p.w, l)
	}
}

// narrow is true on a terminal too narrow for a row's detail beside it.
func (p printer) narrow() bool { return p.width > 0 && p.width < 72 }

// fits is true when line fits on one line (always, when not wrapping).
func (p printer) fits(line string) bool { return p.width <= 0 || textlayout.Width(line) <= p.width }

// blank prints an empty line.
func (p printer) blank() { fmt.Fprintln(p.w) }

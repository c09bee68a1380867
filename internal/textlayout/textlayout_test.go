package textlayout

import (
	"slices"
	"strings"
	"testing"

	"github.com/charmbracelet/x/ansi"
)

func TestLinesExamples(t *testing.T) {
	fix := "      Fix: "
	tests := []struct {
		name string
		text string
		o    Options
		want []string
	}{
		{
			name: "a hyphenated path is never broken at its hyphen",
			text: "The signing secret was written to /home/ux-walk/clone/whsec.txt (mode 0600).",
			o:    Options{Width: 40},
			want: []string{
				"The signing secret was written to",
				"/home/ux-walk/clone/whsec.txt (mode",
				"0600).",
			},
		},
		{
			name: "hanging indent under Fix:",
			text: "Step 7: edit the key in Stripe and set Disputes to Write.",
			o:    Options{Width: 36, Indent: fix, Hang: Blank(fix)},
			want: []string{
				"      Fix: Step 7: edit the key in",
				"           Stripe and set Disputes",
				"           to Write.",
			},
		},
		{
			name: "a link wider than the room is alone at column 0, whole",
			text: "Open https://dashboard.stripe.com/apikeys/create?name=Justt&permissions%5B%5D=rak_charge_read in a browser.",
			o:    Options{Width: 40, Indent: fix, Hang: Blank(fix)},
			want: []string{
				"      Fix: Open",
				"https://dashboard.stripe.com/apikeys/create?name=Justt&permissions%5B%5D=rak_charge_read",
				"           in a browser.",
			},
		},
		{
			name: "a link that ends its paragraph adds no blank line after it",
			text: "Dashboard: https://dashboard.stripe.com/apikeys/create?name=Justt\nthen enter",
			o:    Options{Width: 30, Indent: "  ", Hang: "  "},
			want: []string{
				"  Dashboard:",
				"https://dashboard.stripe.com/apikeys/create?name=Justt",
				"  then enter",
			},
		},
		{
			name: "an overwide first word stays with the row's mark",
			text: "acct_1Nv0FGQ9RKHgCVdKabcdefghijklmnop is the account",
			o:    Options{Width: 20, Indent: "  ✓ ", Hang: "    "},
			want: []string{
				"  ✓ acct_1Nv0FGQ9RKHgCVdKabcdefghijklmnop",
				"    is the account",
			},
		},
		{
			name: "width 0 does not wrap",
			text: "Stripe answered 403:   the key lacks this permission",
			o:    Options{Indent: "  ✗ "},
			want: []string{"  ✗ Stripe answered 403: the key lacks this permission"},
		},
		{
			name: "newlines start paragraphs, continued with the hang",
			text: "one two\nthree",
			o:    Options{Width: 80, Indent: "> ", Hang: "  "},
			want: []string{"> one two", "  three"},
		},
		{
			name: "wide characters count two cells",
			text: "界界界 界界 ab",
			o:    Options{Width: 10},
			want: []string{"界界界", "界界 ab"},
		},
		{
			name: "empty text is the indent alone",
			text: "",
			o:    Options{Width: 10, Indent: "x"},
			want: []string{"x"},
		},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			got := Lines(tt.text, tt.o)
			if !slices.Equal(got, tt.want) {
				t.Errorf("Lines =\n%s\nwant\n%s", strings.Join(got, "\n"), strings.Join(tt.want, "\n"))
			}
		})
	}
}

func TestStyleDoesNotLeakIntoPrefixes(t *testing.T) {
	red, reset := "\x1b[31m", "\x1b[m"
	text := red + "Stripe answered 403: the key lacks" + reset + " this permission"
	got := Lines(text, Options{Width: 20, Indent: "  ", Hang: "  "})
	want := []string{
		"  " + red + "Stripe answered" + reset,
		"  " + red + "403: the key lacks" + reset,
		"  this permission",
	}
	if !slices.Equal(got, want) {
		t.Errorf("Lines = %q\nwant %q", got, want)
	}
}

func TestHyperlinks(t *testing.T) {
	url := "https://status.stripe.com"
	got := strings.Join(Lines("Check ("+url+").", Options{Width: 80, Hyperlinks: true}), "\n")
	want := "Check (" + ansi.SetHyperlink(url) + url + ansi.ResetHyperlink() + ")."
	if got != want {
		t.Errorf("Lines = %q, want %q", got, want)
	}
	if Width(got) != Width("Check ("+url+").") {
		t.Errorf("a hyperlink changed the visible width")
	}
	// Without the flag, or for a URL that would smuggle a control
	// character, the text is left as it is.
	if got := Lines(url, Options{Width: 80}); !slices.Equal(got, []string{url}) {
		t.Errorf("without Hyperlinks: %q", got)
	}
	// C0, DEL and C1 alike: U+009C (ST) would end the OSC 8 sequence
	// early, U+009B (CSI) start a command; a bidi override reorders it.
	for _, bad := range []string{"\a", "\x1b]8;;", "\x7f", "\u009c", "\u009b31m", "\u0085", "\u202e"} {
		if got := Link("https://x.test/"+bad+"x", "x"); got != "x" {
			t.Errorf("Link with %q = %q, want the bare text", bad, got)
		}
		if p := LinkPieces("https://x.test/"+bad+"evil", 5, true); strings.Contains(strings.Join(p, ""), "\x1b]8;id=") {
			t.Errorf("LinkPieces with %q made a hyperlink: %q", bad, p)
		}
	}
}

func TestHyperlinksSupported(t *testing.T) {
	env := func(kv ...string) func(string) string {
		return func(k string) string {
			for i := 0; i+1 < len(kv); i += 2 {
				if kv[i] == k {
					return kv[i+1]
				}
			}
			return ""
		}
	}
	tests := []struct {
		getenv func(string) string
		want   bool
	}{
		{env(), false},
		{env("TERM", "xterm-256color"), false},
		{env("TERM_PROGRAM", "iTerm.app"), true},
		{env("TERM_PROGRAM", "iTerm.app", "TMUX", "/tmp/tmux-0/default,1,0"), false},
		{env("VTE_VERSION", "7600"), true},
		{env("FORCE_HYPERLINK", "1"), true},
		{env("FORCE_HYPERLINK", "0", "TERM", "xterm-kitty"), false},
	}
	for i, tt := range tests {
		if got := HyperlinksSupported(tt.getenv); got != tt.want {
			t.Errorf("case %d: HyperlinksSupported = %v, want %v", i, got, tt.want)
		}
	}
}

// pieces are what the property tests build text from: plain words,
// hyphenated paths, ids, redacted keys, links, wide characters, styling
// and several kinds of space.
var pieces = []string{
	"a", "Disputes", "Write.", " ", " ", " ", "  ", "\t", "-", "/",
	"/Users/jane-doe/ux-walk/clone/whsec.txt", "acct_1Nv0FGQ9RKHgCVdK", "we_1PqRabc",
	"onb_7Hx", "rk_live_…a1b2", "https://dashboard.stripe.com/apikeys/create?name=Justt&permissions%5B%5D=rak_charge_read",
	"https://status.stripe.com.", "界", "🙂", "é", "\x1b[31m", "\x1b[1m", "\x1b[m", "\x1b[0m", "(", ")",
}

func textFrom(data []byte) string {
	var b strings.Builder
	for _, c := range data {
		b.WriteString(pieces[int(c)%len(pieces)])
	}
	return b.String()
}

// visibleWords are the words of s with escape sequences removed (words
// made only of styling disappear).
func visibleWords(s string) []string {
	var out []string
	for _, w := range Words(ansi.Strip(s)) {
		if w != "" {
			out = append(out, w)
		}
	}
	return out
}

// checkLayout asserts the package's promises for one paragraph (no "\n"):
// words round-trip unbroken and in order, every line fits unless it holds a
// single word too wide for it, lines are filled greedily, and continuation
// lines start with the hang (or hold one overwide word at column 0).
func checkLayout(t *testing.T, text string, o Options) {
	t.Helper()
	lines := Lines(text, o)
	var got []string
	for _, l := range lines {
		got = append(got, visibleWords(l)...)
	}
	want := append(visibleWords(o.Indent), visibleWords(text)...)
	if !slices.Equal(got, want) {
		t.Fatalf("words changed:\n got %q\nwant %q\nlines %q", got, want, lines)
	}
	if o.Width <= 0 {
		if len(lines) != 1 {
			t.Fatalf("Width %d wrapped into %d lines", o.Width, len(lines))
		}
		return
	}
	// A blank line out stands for a blank paragraph in: none is added
	// (after a word too wide for any line, say).
	blankIn, blankOut := 0, 0
	for _, para := range strings.Split(text, "\n") {
		if len(visibleWords(para)) == 0 {
			blankIn++
		}
	}
	for _, l := range lines {
		if strings.TrimSpace(l) == "" {
			blankOut++
		}
	}
	if blankOut > blankIn {
		t.Fatalf("%d blank lines out for %d blank paragraphs in: %q", blankOut, blankIn, lines)
	}
	indentWords := len(visibleWords(o.Indent))
	for i, l := range lines {
		own := len(visibleWords(l))
		if i == 0 {
			own -= indentWords
		} else if !strings.HasPrefix(l, o.Hang) && own > 1 {
			t.Fatalf("line %d %q does not start with the hang and holds %d words", i, l, own)
		}
		if Width(l) > o.Width && own > 1 {
			t.Fatalf("line %d %q is %d cells wide (limit %d) and holds %d words", i, l, Width(l), o.Width, own)
		}
		// A word too wide for the hang is alone on its line by design.
		alone := i > 0 && own == 1 && Width(o.Hang)+Width(visibleWords(l)[0]) > o.Width
		if i+1 < len(lines) && !alone {
			next := visibleWords(lines[i+1])
			if len(next) > 0 && own > 0 && Width(l)+1+Width(next[0]) <= o.Width {
				t.Fatalf("line %d %q had room for %q (width %d, lines %q)", i, l, next[0], o.Width, lines)
			}
		}
		if strings.Contains(l, "\x1b[") && !endsReset(l) {
			t.Fatalf("line %d %q leaves styling open", i, l)
		}
	}
}

// endsReset: the last SGR sequence of line is a reset.
func endsReset(line string) bool {
	last := ""
	for i := 0; i < len(line); i++ {
		if line[i] == 0x1b {
			n := seqLen(line[i:])
			if seq := line[i : i+n]; strings.HasSuffix(seq, "m") {
				last = seq
			}
			i += n - 1
		}
	}
	return last == "" || last == "\x1b[m" || last == "\x1b[0m"
}

func FuzzLines(f *testing.F) {
	f.Add([]byte{10, 3, 11, 3, 15, 5, 1, 2}, uint8(20), uint8(0))
	f.Add([]byte{20, 1, 3, 1, 22, 1, 2, 2, 17, 18}, uint8(8), uint8(1))
	f.Add([]byte{14, 3, 14, 3, 14}, uint8(60), uint8(2))
	f.Add([]byte{}, uint8(1), uint8(3))
	indents := []struct{ indent, hang string }{
		{"", ""}, {"      Fix: ", "           "}, {"  ✗ Disputes  Write  ", "    "}, {"> ", ""},
	}
	f.Fuzz(func(t *testing.T, data []byte, width, indent uint8) {
		in := indents[int(indent)%len(indents)]
		checkLayout(t, textFrom(data), Options{Width: int(width) % 100, Indent: in.indent, Hang: in.hang})
	})
}

// TestLayoutProperties runs the fuzz properties over many generated texts
// and widths on every `go test`, not only under -fuzz.
func TestLayoutProperties(t *testing.T) {
	seed := uint32(1)
	next := func() uint32 { seed = seed*1664525 + 1013904223; return seed >> 8 }
	for n := 0; n < 3000; n++ {
		data := make([]byte, next()%60)
		for i := range data {
			data[i] = byte(next())
		}
		width := int(next() % 90)
		o := Options{Width: width, Indent: "      Fix: ", Hang: "           ", Hyperlinks: n%2 == 0}
		if n%3 == 0 {
			o.Indent, o.Hang = "", ""
		}
		checkLayout(t, textFrom(data), o)
	}
}

func TestLinkPieces(t *testing.T) {
	url := "https://dashboard.stripe.com/apikeys/create?name=Justt&permissions%5B%5D=rak_charge_read&permissions%5B%5D=rak_customer_read"
	for _, width := range []int{1, 7, 40, 80, 200} {
		for _, links := range []bool{false, true} {
			pieces := LinkPieces(url, width, links)
			var joined strings.Builder
			for _, p := range pieces {
				if Width(p) > width && len(pieces) > 1 {
					t.Errorf("width %d: piece %q is %d wide", width, p, Width(p))
				}
				if links && !strings.HasPrefix(p, ansi.SetHyperlink(url, "id="+linkID(url))) {
					t.Errorf("width %d: piece %q is not a link to the whole URL", width, p)
				}
				joined.WriteString(ansi.Strip(p))
			}
			if joined.String() != url {
				t.Errorf("width %d: pieces join to %q", width, joined.String())
			}
			if Width(url) <= width && len(pieces) != 1 {
				t.Errorf("width %d: a URL that fits was cut into %d pieces", width, len(pieces))
			}
		}
	}
	if p := LinkPieces("https://x.test/\x1b]8;;evil", 5, true); strings.Contains(strings.Join(p, ""), "\x1b]8;id=") {
		t.Errorf("a URL holding a control character was made a hyperlink: %q", p)
	}
}

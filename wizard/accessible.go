package wizard

import (
	"bufio"
	"context"
	"errors"
	"fmt"
	"io"
	"os"
	"regexp"
	"strconv"
	"strings"
	"time"

	tea "github.com/charmbracelet/bubbletea"
	"github.com/charmbracelet/lipgloss"
	"github.com/charmbracelet/x/term"
	"github.com/justt-ai/justt-onboard/internal/textlayout"
	"github.com/justt-ai/justt-onboard/steps"
	"github.com/justt-ai/justt-onboard/stripecheck"
	"github.com/muesli/termenv"
)

// The accessible mode walks the same onboarding as plain prompts and
// lines: no alternate screen, no redraws, no spinners, no box drawing, so
// a screen reader reads it top to bottom. It drives the same record (flow)
// and engine as the screens, and offers the same commands in words: go to
// step N, help, re-check, paste another key, quit. An answer it does not
// understand is asked again, never taken as "done".

var (
	errQuit       = errors.New("quit")
	errInputEnded = errors.New("the input ended before the wizard finished; nothing was handed over")
)

// plain is the line-by-line face.
type plain struct {
	c    *common
	in   *bufio.Reader
	file *os.File // In, when it is a terminal: secrets are read without echo
	out  io.Writer
	form permForm
	// demoKey is the fake key minted at step 9 (demo only).
	demoKey stripecheck.Key
	// choosing is true on Part 2's choice (after step 11): screen state.
	choosing bool
	// wait is the watch's timer (nil: time.After); tests inject theirs.
	wait func(time.Duration) <-chan time.Time
	// width is the terminal's width when out is one (0: do not wrap, as
	// when piped): lines are wrapped between words, never inside a path,
	// link or id, instead of wherever the terminal's own wrap falls.
	width func() int
}

func runAccessible(ctx context.Context, eng engine, demo *Demo, hand Handoff, s start, in io.Reader, out io.Writer) error {
	return runAccessibleOn(ctx, eng, demo, hand, s, in, out, nil, nil)
}

// runAccessibleOn is runAccessible on the clock now and wait (nil: the
// real one), for the watch's tests.
func runAccessibleOn(ctx context.Context, eng engine, demo *Demo, hand Handoff, s start, in io.Reader, out io.Writer,
	now func() time.Time, wait func(time.Duration) <-chan time.Time) error {
	r := lipgloss.NewRenderer(io.Discard)
	r.SetColorProfile(termenv.Ascii)
	p := &plain{
		c:    &common{ctx: ctx, st: newStyles(r), keys: newKeyMap(), eng: eng, demo: demo, flow: s.flow, hand: hand, now: now},
		wait: wait,
		in:   bufio.NewReader(in),
		out:  out,
		form: newPermForm(),
	}
	if f, ok := in.(*os.File); ok && term.IsTerminal(f.Fd()) {
		p.file = f
	}
	if f, ok := out.(*os.File); ok {
		p.width = func() int {
			if w, _, err := term.GetSize(f.Fd()); err == nil && w > 0 {
				return w
			}
			return 0
		}
	}
	err := p.run(s)
	if errors.Is(err, errQuit) {
		p.say("")
		p.say(farewell(model{c: p.c}))
		return nil
	}
	return err
}

// apply runs a flow command at once (the screens run it in the program)
// and takes its answer.
func (p *plain) apply(cmd tea.Cmd) {
	if cmd == nil {
		return
	}
	if msg, ok := cmd().(keptMsg); ok {
		p.c.flow.onKept(msg)
	}
}

// persist saves the record after a transition; a failure is said once.
func (p *plain) persist() {
	f := p.c.flow
	if msg, ok := f.persist()().(progressSavedMsg); ok && msg.err != nil {
		p.say("Progress not saved: " + msg.err.Error())
	}
}

func (p *plain) run(s start) error {
	p.say("justt-onboard: connect your Stripe account to Justt, in the guide's 18 steps.")
	p.say("Accessible mode: one prompt at a time. At any prompt you can type: help, go to step N (or g N), back (b), quit (q).")
	p.say("Secrets you paste are never shown.")
	if p.c.demo != nil {
		p.say("Demo: everything runs against a built-in sandbox with fake keys.")
	}
	if s.notice != "" {
		p.say(s.notice)
	}
	if n := noKeyringNotice(p.c.flow.vault); n == "" {
		_ = p.c.flow.vault.Probe(p.c.ctx)
	}
	if n := noKeyringNotice(p.c.flow.vault); n != "" {
		p.say(n)
	}
	if s.offer {
		if err := p.offerResume(); err != nil {
			return err
		}
	}
	if err := p.askToken(); err != nil {
		return err
	}
	for {
		if err := p.c.ctx.Err(); err != nil {
			return fmt.Errorf("wizard stopped: %w", err)
		}
		v := p.c.flow.version
		err := p.screen()
		if p.c.flow.version != v {
			p.persist()
		}
		if err != nil {
			return err
		}
		if p.c.flow.rec.Finished() {
			if err := p.handOff(); err != nil {
				return err
			}
			p.say("")
			p.say(summaryText(p.c, 1<<16))
			return nil
		}
	}
}

// screen shows what the record says is next and takes one answer.
func (p *plain) screen() error {
	f := p.c.flow
	n := f.rec.Step
	switch {
	case p.choosing:
		return p.webhookChoice()
	case n == keyPartStep:
		return p.keyStep()
	case n == steps.Total:
		return p.secretStep()
	}
	p.showStep(n)
	if err := p.stepExtra(n); err != nil {
		return err
	}
	extra := ""
	if n == verifyStep17 && f.keyPassed() {
		extra = "or type v to verify the endpoint with a setup key"
	}
	for {
		cmd, err := p.command("Press enter when done", extra)
		if err != nil {
			return err
		}
		switch {
		case cmd.verb == verbNext:
			return p.goTo(n + 1)
		case strings.EqualFold(cmd.raw, "v"):
			if extra != "" {
				if err := p.verifyByHand(); err != nil {
					return err
				}
				continue
			}
		}
		if done, err := p.common(cmd, n); done || err != nil {
			return err
		}
	}
}

// The words the accessible mode understands at every prompt.
const (
	verbNext    = "next"
	verbBack    = "back"
	verbGoTo    = "goto"
	verbHelp    = "help"
	verbRecheck = "recheck"
	verbAnother = "another"
	verbAnyway  = "anyway"
	verbOther   = "" // not a command: a value (a key, a URL, a path) or a step's own letter
)

// command is one parsed answer.
type command struct {
	verb string
	step int
	raw  string
}

var goToWords = regexp.MustCompile(`^(?:g|go|goto|go to|step|go to step)\s*(\d{1,3})$`)

// parseCommand reads an answer as a command, in the words a screen-reader
// user types; anything else is verbOther with the raw answer.
func parseCommand(raw string) command {
	t := strings.Join(strings.Fields(strings.ToLower(raw)), " ")
	c := command{raw: raw}
	switch t {
	case "", "done", "next", "continue":
		c.verb = verbNext
	case "b", "back":
		c.verb = verbBack
	case "?", "h", "help":
		c.verb = verbHelp
	case "r", "recheck", "re-check", "check again":
		c.verb = verbRecheck
	case "e", "another", "another key", "paste another key", "new key":
		c.verb = verbAnother
	case "y", "yes", "anyway", "continue anyway":
		c.verb = verbAnyway
	default:
		if m := goToWords.FindStringSubmatch(t); m != nil {
			c.verb = verbGoTo
			c.step, _ = strconv.Atoi(m[1])
		}
	}
	return c
}

// command asks prompt (with the step's extra choices) and parses the answer.
func (p *plain) command(prompt, extra string) (command, error) {
	if extra != "" {
		prompt += "; " + extra
	}
	ans, err := p.ask(prompt + " (help for commands): ")
	if err != nil {
		return command{}, err
	}
	return parseCommand(ans), nil
}

// common handles the commands every prompt shares. done is true when the
// screen changed (the caller returns to the main loop); an answer it does
// not understand is said and asked again (done false).
func (p *plain) common(c command, n int) (done bool, err error) {
	switch c.verb {
	case verbHelp:
		p.help()
		return false, nil
	case verbGoTo:
		return true, p.goTo(c.step)
	case verbBack:
		if n == 1 && !p.choosing {
			p.say("This is the first step.")
			return false, nil
		}
		return true, p.back(n)
	}
	p.say("Not understood: " + describeAnswer(c.raw) + ". Type help for what you can type here.")
	return false, nil
}

// describeAnswer names an answer without repeating anything secret-shaped.
func describeAnswer(raw string) string {
	// Every Stripe secret has an underscore and is far longer than a word.
	if len(raw) > 16 || strings.Contains(raw, "_") {
		return "that answer"
	}
	return strconv.Quote(raw)
}

func (p *plain) help() {
	p.say("Commands: enter (done, next step) · b or back · go to step N (g N) · help · q or quit.")
	p.say("At step 11: paste the key; then r to re-check, w to watch for your changes in Stripe (enter stops), e to paste another key, y to continue past a warning.")
	p.say("After step 11: a, b or c choose how to do the webhook. At step 17: v verifies the endpoint. At step 18: paste the signing secret.")
}

// goTo moves the record to step n, or says why not.
func (p *plain) goTo(n int) error {
	if n > steps.Total && p.c.flow.rec.Step == steps.Total {
		return p.finish()
	}
	if err := p.c.flow.goTo(n); err != nil {
		p.say(err.Error())
		return nil
	}
	p.choosing = false
	return nil
}

// back is one step back; from the choice and from step 12 after the key
// part, back is the choice's neighbour as on the screens.
func (p *plain) back(n int) error {
	switch {
	case p.choosing:
		p.choosing = false
		return p.goTo(keyPartStep)
	case n == keyPartStep+1 && p.c.flow.keyPassed():
		p.choosing = true
		return nil
	}
	return p.goTo(n - 1)
}

func (p *plain) finish() error {
	if err := p.c.flow.finish(); err != nil {
		p.say(err.Error())
	}
	return nil
}

func (p *plain) showStep(n int) {
	s := steps.All[n-1]
	p.say("")
	p.say(fmt.Sprintf("Step %d of %d (Part %d: %s): %s", s.Number, steps.Total, int(s.Part), s.Part, s.Title))
	for _, line := range s.Instructions {
		p.say("  " + line)
	}
	if n == steps.PermissionStep {
		for _, r := range steps.Required {
			line := fmt.Sprintf("  - %s: %s, under %s", r.Resource, r.Access.Title(), r.Section)
			if r.Trap != "" {
				line += ". Careful: " + r.Trap
			}
			p.say(line)
		}
	}
	if n == 15 || n == 16 {
		for _, kv := range steps.WebhookSummary {
			p.say("  - " + kv.Label + ": " + kv.Value)
		}
	}
	for _, l := range stepLinks(s) {
		p.say("  " + l.label + ": " + l.url)
	}
	p.say("  Needs: " + s.Needs)
	if n > keyPartStep && n < steps.Total && !p.c.flow.keyPassed() {
		p.say("  " + partOneNotice + " You can read this step now.")
	}
}

// stepExtra is the demo's mock form (7) and demo key (9).
func (p *plain) stepExtra(n int) error {
	d := p.c.demo
	if d == nil {
		return nil
	}
	switch n {
	case steps.PermissionStep:
		return p.demoForm()
	case 9:
		if d.MintKey != nil {
			p.demoKey, _ = stripecheck.ParseKey(d.MintKey(p.form.scopes()))
			if !p.demoKey.IsZero() {
				p.say("  Created " + p.demoKey.Redacted() + " (demo key — fake, sandbox only). At step 11, type demo to use it.")
			}
		}
	}
	return nil
}

// demoForm is the mock of Stripe's form. What is typed replaces the form:
// enter ticks the guide's nine; row=access pairs set exactly those rows,
// every other row None, so a rehearsed mistake stays a mistake.
func (p *plain) demoForm() error {
	p.say("  Demo: a mock of Stripe's form. The rows are:")
	for i, r := range p.form.rows {
		p.say(fmt.Sprintf("    %d. %s (%s)", i+1, r.resource, r.section))
	}
	for {
		ans, err := p.ask("  Press enter to tick the guide's nine, or type every row you want as row=access pairs, such as 3=write 10=read (the other rows stay None): ")
		if err != nil {
			return err
		}
		if ans == "" {
			p.form = p.form.fillGuide()
			p.say("  Ticked the guide's nine.")
			return nil
		}
		form, bad := formFromPairs(ans)
		if bad != "" {
			p.say("  Not understood: " + bad + ". Write a row number, =, and none, read or write; nothing was changed.")
			continue
		}
		p.form = form
		p.say("  Ticked: " + strings.Join(p.form.scopes(), ", "))
		return nil
	}
}

// formFromPairs is a fresh form with exactly the rows typed; bad is the
// first pair that could not be read.
func formFromPairs(ans string) (permForm, string) {
	f := newPermForm()
	f.version = 1
	for _, pair := range strings.Fields(ans) {
		row, access, ok := strings.Cut(pair, "=")
		n, err := strconv.Atoi(row)
		a, known := accessNamed(access)
		if !ok || err != nil || n < 1 || n > len(f.rows) || !known {
			return permForm{}, pair
		}
		f.cursor = n - 1
		f = f.set(a)
	}
	return f, ""
}

func accessNamed(s string) (steps.Access, bool) {
	switch strings.ToLower(s) {
	case "none":
		return steps.None, true
	case "read":
		return steps.Read, true
	case "write":
		return steps.Write, true
	}
	return steps.None, false
}

// say prints s, each of its lines wrapped to the terminal's width (see
// width) under its own indent.
func (p *plain) say(s string) { fmt.Fprintln(p.out, p.layout(s)) }

// prompt prints s wrapped as say does, without ending the line: the answer
// is typed after it.
func (p *plain) prompt(s string) {
	out := p.layout(s)
	if strings.HasSuffix(s, " ") && !strings.HasSuffix(out, " ") {
		out += " "
	}
	fmt.Fprint(p.out, out)
}

// layout wraps each line of s between words to the terminal's width, under
// the line's indent (and a list item's marker); piped, s is left as it is.
func (p *plain) layout(s string) string {
	w := 0
	if p.width != nil {
		w = p.width()
	}
	if w <= 0 {
		return s
	}
	var out []string
	for _, line := range strings.Split(s, "\n") {
		text := strings.TrimLeft(line, " ")
		if text == "" {
			out = append(out, "")
			continue
		}
		lead := line[:len(line)-len(text)]
		hang := lead + textlayout.Blank(listMarker.FindString(text))
		out = append(out, textlayout.Lines(text, textlayout.Options{Width: w, Indent: lead, Hang: hang})...)
	}
	return strings.Join(out, "\n")
}

// ask prints prompt and reads one line. "q" or "quit" quits (after asking,
// when a secret held only in memory would be lost).
func (p *plain) ask(prompt string) (string, error) {
	for {
		p.prompt(prompt)
		line, err := p.await(func() (string, error) {
			line, err := p.in.ReadString('\n')
			if errors.Is(err, io.EOF) && line != "" {
				err = nil // a last answer without its newline still counts
			}
			return line, err
		})
		ans, err := p.answer(line, err)
		if !errors.Is(err, errQuit) || p.mayQuit() {
			return ans, err
		}
	}
}

// mayQuit asks before quitting would lose a secret held only in memory.
func (p *plain) mayQuit() bool {
	risk := p.c.flow.secretAtRisk()
	if risk == "" {
		return true
	}
	p.say("If you quit now, " + risk + ".")
	p.prompt("Type y to quit anyway, or enter to stay: ")
	line, err := p.await(func() (string, error) { return p.in.ReadString('\n') })
	if err != nil {
		return true
	}
	return parseCommand(line).verb == verbAnyway
}

// askSecret reads a line without showing it: with echo off on a terminal,
// and never repeated back otherwise.
func (p *plain) askSecret(prompt string) (string, error) {
	if p.file == nil {
		return p.ask(prompt)
	}
	fd := p.file.Fd()
	p.prompt(prompt)
	// ReadPassword turns echo back on when it returns; if the wizard is
	// stopped while it waits, the terminal is restored here instead.
	state, err := term.GetState(fd)
	if err != nil {
		return "", fmt.Errorf("reading the terminal's settings: %w", err)
	}
	line, err := p.await(func() (string, error) {
		b, err := term.ReadPassword(fd)
		return string(b), err
	})
	if p.c.ctx.Err() != nil {
		_ = term.Restore(fd, state)
	}
	fmt.Fprintln(p.out)
	ans, err := p.answer(line, err)
	if errors.Is(err, errQuit) && !p.mayQuit() {
		return "", nil
	}
	return ans, err
}

// await runs a blocking read, giving up when the wizard's context ends
// (ctrl+c): a read cannot be interrupted, so it is left behind.
func (p *plain) await(read func() (string, error)) (string, error) {
	type result struct {
		line string
		err  error
	}
	done := make(chan result, 1)
	go func() {
		line, err := read()
		done <- result{line, err}
	}()
	select {
	case r := <-done:
		return r.line, r.err
	case <-p.c.ctx.Done():
		return "", fmt.Errorf("wizard stopped: %w", p.c.ctx.Err())
	}
}

func (p *plain) answer(line string, err error) (string, error) {
	switch {
	case errors.Is(err, io.EOF):
		return "", errInputEnded
	case err != nil && p.c.ctx.Err() != nil:
		return "", err
	case err != nil:
		return "", fmt.Errorf("reading your answer: %w", err)
	}
	ans := strings.TrimSpace(line)
	if strings.EqualFold(ans, "q") || strings.EqualFold(ans, "quit") {
		return "", errQuit
	}
	return ans, nil
}

// offerResume offers the onboarding in progress: enter resumes (the key
// comes from the keyring and is checked again when step 11 is reached or
// at once), new starts over.
func (p *plain) offerResume() error {
	f := p.c.flow
	p.say("")
	for _, l := range resumeOffer(f.rec) {
		p.say(l)
	}
	for {
		ans, err := p.ask("Press enter to resume, or type new to start over: ")
		if err != nil {
			return err
		}
		switch strings.ToLower(ans) {
		case "":
			msg, _ := loadSecretsCmd(f)().(secretsLoadedMsg)
			if lost := f.resumed(msg); len(lost) > 0 {
				p.say(lostStatus(lost, f.vault, msg.err))
			}
			if !f.key.IsZero() {
				p.say("Checking the key from your keyring again…")
				p.checkNow(f.key)
				p.say(resumeCheckStatus(f))
			}
			p.persist()
			return nil
		case "new", "n", "start over":
			_ = f.startOver()()
			p.persist()
			p.say("Started over: the old progress and its keyring entries are gone.")
			return nil
		}
		p.say("Not understood: press enter to resume, or type new to start over.")
	}
}

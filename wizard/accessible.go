package wizard

import (
	"bufio"
	"context"
	"errors"
	"fmt"
	"io"
	"os"
	"strings"

	"github.com/charmbracelet/lipgloss"
	"github.com/charmbracelet/x/term"
	"github.com/justt-ai/justt-onboard/steps"
	"github.com/justt-ai/justt-onboard/stripecheck"
	"github.com/muesli/termenv"
)

// The accessible mode walks the same steps as plain prompts and lines: no
// alternate screen, no redraws, no spinners, no box drawing, so a screen
// reader reads it top to bottom. It drives the same engine as the screens.

var (
	errQuit       = errors.New("quit")
	errInputEnded = errors.New("the input ended before the wizard finished; nothing was handed over")
)

// plain is the line-by-line driver.
type plain struct {
	c    *common
	in   *bufio.Reader
	file *os.File // In, when it is a terminal: secrets are read without echo
	out  io.Writer
	form permForm
	// demoKey is the fake key minted at step 9 (demo only).
	demoKey stripecheck.Key
}

func runAccessible(ctx context.Context, eng engine, demo *Demo, in io.Reader, out io.Writer) error {
	r := lipgloss.NewRenderer(io.Discard)
	r.SetColorProfile(termenv.Ascii)
	p := &plain{
		c:    &common{ctx: ctx, st: newStyles(r), keys: newKeyMap(), eng: eng, demo: demo},
		in:   bufio.NewReader(in),
		out:  out,
		form: newPermForm(),
	}
	if f, ok := in.(*os.File); ok && term.IsTerminal(f.Fd()) {
		p.file = f
	}
	err := p.run()
	if errors.Is(err, errQuit) {
		p.say("Stopped. Nothing was stored or sent to Justt.")
		return nil
	}
	return err
}

func (p *plain) run() error {
	p.say("justt-onboard: connect your Stripe account to Justt, in the guide's 18 steps.")
	p.say("Accessible mode: one prompt at a time. Type q and enter at any prompt to quit. Secrets you paste are never shown.")
	if p.c.demo != nil {
		p.say("Demo: everything runs against a built-in sandbox with fake keys.")
	}
	if err := p.keyPart(); err != nil {
		return err
	}
	if err := p.webhookPart(); err != nil {
		return err
	}
	p.say("")
	p.say(summaryText(p.c, 1<<16))
	return nil
}

// walk shows steps start..to in order; b goes back one step, and b on
// step from returns errBack.
func (p *plain) walk(from, to, start int) error {
	for n := start; n <= to; {
		if err := p.c.ctx.Err(); err != nil {
			return fmt.Errorf("wizard stopped: %w", err)
		}
		p.showStep(n)
		if err := p.stepExtra(n); err != nil {
			return err
		}
		ans, err := p.stepAnswer(n)
		if err != nil {
			return err
		}
		switch {
		case ans == "b" && n == 1:
			p.say("This is the first step.")
		case ans == "b" && n == from:
			return errBack
		case ans == "b":
			n--
		default:
			n++
		}
	}
	return nil
}

var errBack = errors.New("back")

// stepAnswer is the answer to a step's prompt; step 17 also offers to
// verify the endpoint (it comes in the webhook part, after the key).
func (p *plain) stepAnswer(n int) (string, error) {
	if n == verifyStep17 && p.c.keyAccepted {
		return p.step17Answer("Press enter when done (b to go back, q to quit)")
	}
	return p.ask("Press enter when done (b to go back, q to quit): ")
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

func (p *plain) demoForm() error {
	p.say("  Demo: a mock of Stripe's form. The rows are:")
	for i, r := range p.form.rows {
		p.say(fmt.Sprintf("    %d. %s (%s)", i+1, r.resource, r.section))
	}
	ans, err := p.ask("  Press enter to tick the guide's nine, or type row=access pairs such as 3=write 10=read: ")
	if err != nil {
		return err
	}
	p.form = p.form.fillGuide()
	if ans == "" {
		return nil
	}
	for _, pair := range strings.Fields(ans) {
		var row int
		var access string
		if _, err := fmt.Sscanf(strings.Replace(pair, "=", " ", 1), "%d %s", &row, &access); err != nil || row < 1 || row > len(p.form.rows) {
			p.say("  Skipped " + pair + ": write a row number, =, and none, read or write.")
			continue
		}
		p.form.cursor = row - 1
		p.form = p.form.set(accessNamed(access))
	}
	p.say("  Ticked: " + strings.Join(p.form.scopes(), ", "))
	return nil
}

func accessNamed(s string) steps.Access {
	switch strings.ToLower(s) {
	case "read":
		return steps.Read
	case "write":
		return steps.Write
	}
	return steps.None
}

func (p *plain) say(s string) { fmt.Fprintln(p.out, s) }

// ask prints prompt and reads one line. "q" quits.
func (p *plain) ask(prompt string) (string, error) {
	fmt.Fprint(p.out, prompt)
	line, err := p.await(func() (string, error) {
		line, err := p.in.ReadString('\n')
		if errors.Is(err, io.EOF) && line != "" {
			err = nil // a last answer without its newline still counts
		}
		return line, err
	})
	return p.answer(line, err)
}

// askSecret reads a line without showing it: with echo off on a terminal,
// and never repeated back otherwise.
func (p *plain) askSecret(prompt string) (string, error) {
	if p.file == nil {
		return p.ask(prompt)
	}
	fd := p.file.Fd()
	fmt.Fprint(p.out, prompt)
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
	return p.answer(line, err)
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
	if strings.EqualFold(ans, "q") {
		return "", errQuit
	}
	return ans, nil
}

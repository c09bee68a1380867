// Package wizard is the bubbletea program that walks a merchant through the
// guide's 18 steps: one root model routing between step screens, secrets
// taken by masked paste and checked at once with stripecheck.
//
// wizard never draws a secret (only kind, mode and last 4), and does all I/O
// in tea.Cmds.
package wizard

import (
	"context"
	"errors"
	"fmt"
	"io"
	"os"

	"github.com/atotto/clipboard"
	tea "github.com/charmbracelet/bubbletea"
	"github.com/charmbracelet/lipgloss"
	"github.com/justt-ai/justt-onboard/stripecheck"
)

// Demo holds the sandbox hooks `justt-onboard demo` plugs in. In a real run
// it is nil.
type Demo struct {
	// MintKey returns a fake restricted key holding exactly the scopes the
	// user ticked on the mock permission form at step 7 (called at step 9).
	MintKey func(scopes []string) string
	// MintSetupKey returns a fake key allowed to register (and verify)
	// webhooks: ctrl+p in the setup key fields.
	MintSetupKey func() string
	// Grant adds scopes to a minted key (the merchant editing the key in
	// Stripe), so a rehearsal can show fix and re-check.
	Grant func(key string, scopes []string)
	// WebhookURL is the Justt webhook URL offered at step 16 and in the
	// URL fields of registering and verifying.
	WebhookURL string
}

// Options configure one run of the wizard.
type Options struct {
	Checker    *stripecheck.Checker
	Demo       *Demo // nil outside `demo`
	Accessible bool  // plain sequential prompts: no redraws, spinners or boxes
	In         io.Reader
	Out        io.Writer
}

// Run starts the wizard and returns when the merchant finishes or quits.
func Run(ctx context.Context, opts Options) error {
	if opts.Checker == nil {
		return errors.New("wizard: no Stripe checker was configured; this is a bug in justt-onboard, please report it")
	}
	out := opts.Out
	if out == nil {
		out = os.Stdout
	}
	if opts.Accessible {
		in := opts.In
		if in == nil {
			in = os.Stdin
		}
		return runAccessible(ctx, opts.Checker, opts.Demo, in, out)
	}
	return runFullScreen(ctx, opts.Checker, opts.Demo, opts.In, out)
}

// runFullScreen runs the bubbletea program on eng; in is nil for the
// terminal bubbletea finds itself.
func runFullScreen(ctx context.Context, eng engine, demo *Demo, in io.Reader, out io.Writer) error {
	r := settleRenderer(out)
	// The frames and the copy command's OSC 52 sequences share one writer
	// that never lets two writes interleave.
	out = syncOutput(out)
	// Checks and registrations still out when the merchant quits are
	// cancelled with the run, so none outlives it waiting on Stripe.
	runCtx, cancel := context.WithCancel(ctx)
	defer cancel()
	c := &common{
		ctx: runCtx, width: 80, height: 24,
		st: newStyles(r), keys: newKeyMap(),
		eng: eng, demo: demo,
		open: openInBrowser, copy: clipboardCopier(clipboard.WriteAll, out),
	}
	// Signals are the caller's (ctx ends on SIGINT, SIGTERM or SIGHUP alike):
	// bubbletea's own handler would turn SIGTERM into a clean quit (exit 0)
	// and ignore SIGHUP, leaving the alternate screen and a hidden cursor.
	popts := []tea.ProgramOption{tea.WithContext(ctx), tea.WithAltScreen(), tea.WithOutput(out), tea.WithoutSignalHandler()}
	if in != nil {
		popts = append(popts, tea.WithInput(in))
	}
	p := tea.NewProgram(newModel(c), popts...)
	if _, err := p.Run(); err != nil {
		if ctx.Err() != nil {
			return fmt.Errorf("wizard stopped: %w", ctx.Err())
		}
		return fmt.Errorf("wizard: the terminal program failed (%w); try the accessible mode for plain prompts", err)
	}
	return nil
}

// settleRenderer asks the terminal its colour support and background
// before the program starts reading keys: a terminal's answer arriving
// later would land in the key field as if typed. The bubbles components
// use lipgloss's default renderer, so it is told the same answers.
func settleRenderer(out io.Writer) *lipgloss.Renderer {
	r := lipgloss.NewRenderer(out)
	profile, dark := r.ColorProfile(), r.HasDarkBackground()
	lipgloss.SetColorProfile(profile)
	lipgloss.SetHasDarkBackground(dark)
	return r
}

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
	"time"

	"github.com/atotto/clipboard"
	tea "github.com/charmbracelet/bubbletea"
	"github.com/charmbracelet/lipgloss"
	"github.com/justt-ai/justt-onboard/internal/textlayout"
	"github.com/justt-ai/justt-onboard/onboarding"
	"github.com/justt-ai/justt-onboard/stripecheck"
	"github.com/justt-ai/justt-onboard/vault"
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
	// Progress is the progress file; nil keeps the record in memory (the
	// demo never touches the merchant's file).
	Progress *onboarding.Store
	// Vault keeps the secrets; nil is an in-memory keyring for this run
	// (the demo never touches the merchant's keyring).
	Vault *vault.Vault
	// Handoff is how the integration is handed to Justt; its zero value
	// leaves the guide's hand-off (the CustomerHub) to the merchant.
	Handoff Handoff
}

// start is how a run begins: the record (resumable when offer is set) and
// a notice to say first (a progress file set aside, say).
type start struct {
	flow   *flow
	offer  bool
	notice string
}

// openFlow loads the progress file, if any. A file that cannot be used is
// set aside and said, never a reason to stop.
func openFlow(opts Options) start {
	fresh := onboarding.New(time.Now())
	if opts.Progress == nil {
		f := newFlow(fresh, opts.Vault, nil)
		f.rehearsal = opts.Demo != nil
		return start{flow: f}
	}
	rec, found, aside, err := opts.Progress.Load()
	f := newFlow(fresh, opts.Vault, *opts.Progress)
	switch {
	case err != nil:
		return start{flow: f, notice: err.Error() + "; starting a new onboarding."}
	case aside != nil:
		return start{flow: f, notice: aside.Error() + "."}
	case found:
		f.rec = rec
		return start{flow: f, offer: !rec.Fresh()}
	}
	return start{flow: f}
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
		return runAccessible(ctx, opts.Checker, opts.Demo, opts.Handoff, openFlow(opts), in, out)
	}
	return runFullScreen(ctx, opts.Checker, opts.Demo, opts.Handoff, openFlow(opts), opts.In, out)
}

// runFullScreen runs the bubbletea program on eng; in is nil for the
// terminal bubbletea finds itself. When it ends, finished or quit, the
// summary is printed on the normal screen, so it stays in the scrollback.
func runFullScreen(ctx context.Context, eng engine, demo *Demo, hand Handoff, s start, in io.Reader, out io.Writer) error {
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
		flow: s.flow, hand: hand, hyperlinks: textlayout.HyperlinksSupported(os.Getenv),
	}
	m := newModel(c)
	m.status = s.notice
	if s.offer {
		m.state = stateResume
	} else {
		m, _ = m.askToken(nil) // Init proves a token from the environment
	}
	// Signals are the caller's (ctx ends on SIGINT, SIGTERM or SIGHUP alike):
	// bubbletea's own handler would turn SIGTERM into a clean quit (exit 0)
	// and ignore SIGHUP, leaving the alternate screen and a hidden cursor.
	popts := []tea.ProgramOption{tea.WithContext(ctx), tea.WithAltScreen(), tea.WithOutput(out), tea.WithoutSignalHandler()}
	if in != nil {
		popts = append(popts, tea.WithInput(in))
	}
	p := tea.NewProgram(m, popts...)
	final, err := p.Run()
	if fm, ok := final.(model); ok {
		if fm.state == stateResume {
			fmt.Fprintln(out, "Your onboarding in progress is kept: run justt-onboard again to resume it, or 'justt-onboard forget' to remove it.")
		} else {
			fmt.Fprint(out, farewell(fm))
		}
	}
	if err != nil {
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

// Package wizard is the bubbletea program that walks a merchant through the
// guide's 18 steps: one root model routing between step screens, secrets
// taken by masked paste and checked at once with stripecheck.
//
// wizard never draws a secret (only kind, mode and last 4), and does all I/O
// in tea.Cmds.
package wizard

import (
	"context"
	"io"

	"github.com/justt-ai/justt-onboard/stripecheck"
)

// Demo holds the sandbox hooks `justt-onboard demo` plugs in. In a real run
// it is nil.
type Demo struct {
	// MintKey returns a fake restricted key holding exactly the scopes the
	// user ticked on the mock permission form at step 7 (called at step 9).
	MintKey func(scopes []string) string
	// MintSetupKey returns a fake key allowed to register webhooks.
	MintSetupKey func() string
	// Grant adds scopes to a minted key (the merchant editing the key in
	// Stripe), so a rehearsal can show fix and re-check.
	Grant func(key string, scopes []string)
	// WebhookURL is the Justt webhook URL offered at step 16.
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
	panic("wizard.Run: not implemented yet")
}

package cmd

import (
	"context"
	"errors"
	"fmt"

	"github.com/justt-ai/justt-onboard/internal/interrupt"
	"github.com/justt-ai/justt-onboard/internal/safetext"
	"github.com/justt-ai/justt-onboard/stripecheck"
	"github.com/spf13/cobra"
)

// Execute runs the command line and returns the process exit code.
func Execute(ctx context.Context, env *Env, args []string) int {
	root := NewRoot(env)
	root.SetArgs(args)
	err := root.ExecuteContext(ctx)
	if stopped := interrupt.Cause(ctx); stopped != nil {
		// A stopped run gives no verdict, whatever the command got to.
		fmt.Fprintf(env.Stderr, "justt-onboard: %s before it finished, so there is no verdict; run it again to see where things stand.\n", stopped)
		return stopped.ExitCode()
	}
	if err == nil {
		return 0
	}
	var ee *exitError
	switch {
	case errors.As(err, &ee):
		if ee.msg != "" {
			fmt.Fprintln(env.Stderr, "justt-onboard:", safetext.Text(ee.msg))
		}
		return ee.code
	case errors.Is(err, context.Canceled):
		// Interrupted (ctrl+c or SIGINT): the conventional 128+SIGINT.
		return 130
	}
	fmt.Fprintln(env.Stderr, "justt-onboard:", safetext.Text(err.Error()))
	return 1
}

// noArgs refuses positional arguments as a usage error (exit 2).
func noArgs(c *cobra.Command, args []string) error {
	if len(args) == 0 {
		return nil
	}
	if c.HasSubCommands() {
		return unknownCommand(c, args[0])
	}
	return strayArgument(c, args[0])
}

// NewRoot builds the command tree. With no subcommand it starts the wizard.
func NewRoot(env *Env) *cobra.Command {
	sf := &stripeFlags{}
	root := &cobra.Command{
		Use:   "justt-onboard",
		Short: "Connect your Stripe account to Justt, step by step",
		Long: `justt-onboard connects a Stripe account to Justt.

With no command it starts the interactive wizard (the guide's 18 steps, with a
live check of your restricted key). 'demo' runs the same wizard against a
built-in sandbox: no account, no network. 'check', 'webhook', 'submit' (the
hand-off to Justt, with an onboarding token) and 'steps' work without a
terminal, for CI and scripts.`,
		Version:       env.versionText(),
		SilenceUsage:  true,
		SilenceErrors: true,
		Args:          noArgs,
		RunE: func(c *cobra.Command, _ []string) error {
			return runWizard(c.Context(), env, sf, c.Flags())
		},
	}
	root.SetIn(env.Stdin)
	root.SetOut(env.Stdout)
	root.SetErr(env.Stderr)
	root.SetVersionTemplate("justt-onboard {{.Version}}\n")
	// Bad flags, in any command, are usage errors (exit 2).
	root.SetFlagErrorFunc(flagUsageErr)
	root.SetHelpCommand(newHelpCmd(root))
	addStripeFlags(root, sf)
	addWizardFlags(root)
	addHandoffFlag(root)
	root.AddCommand(
		newCheckCmd(env, sf),
		newStepsCmd(env),
		newWebhookCmd(env, sf),
		newSubmitCmd(env, sf),
		newDemoCmd(env),
		newForgetCmd(env),
	)
	return root
}

// versionText is what --version prints: VersionText, or the bare Version
// when no longer text was given.
func (env *Env) versionText() string {
	if env.VersionText != "" {
		return env.VersionText
	}
	return env.Version
}

// addStripeFlags puts the Stripe endpoint flags on a command that talks to
// Stripe. They are not persistent: demo (its own sandbox) and steps (no
// network) must not accept a flag they would ignore.
func addStripeFlags(c *cobra.Command, sf *stripeFlags) {
	addStripeAPIFlag(c, sf)
	sf.UploadsURL = stripecheck.DefaultUploadsURL
	c.Flags().Var(urlFlag{&sf.UploadsURL}, "stripe-uploads-url", "Stripe Uploads base URL (http only for a loopback host)")
}

// addStripeAPIFlag is the API address alone, for the webhook commands,
// which never upload a file.
func addStripeAPIFlag(c *cobra.Command, sf *stripeFlags) {
	sf.APIURL = stripecheck.DefaultAPIURL
	c.Flags().Var(urlFlag{&sf.APIURL}, "stripe-api-url", "Stripe API base URL (http only for a loopback host)")
}

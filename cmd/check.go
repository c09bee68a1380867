package cmd

import (
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"time"

	"github.com/justt-ai/justt-onboard/stripecheck"
	"github.com/spf13/cobra"
)

// checkOptions are the parsed flags of `check`.
type checkOptions struct {
	APIKeyStdin bool
	JSON        bool
	Live        bool
	Timeout     time.Duration
	// Watch re-checks the rows that are not ✓ until the key is ready.
	Watch bool
	// TimeoutSet is true when --timeout was given (--watch has its own default).
	TimeoutSet bool
	// clock drives --watch's waits; nil is the real clock (tests inject one).
	clock clock
}

func newCheckCmd(env *Env, sf *stripeFlags) *cobra.Command {
	opts := &checkOptions{}
	c := &cobra.Command{
		Use:   "check",
		Short: "Check a restricted key's nine permissions against Stripe (no terminal needed)",
		Long: `check probes every permission Justt needs with live, side-effect-free Stripe
calls and prints one line per permission with the exact fix for each gap.

The key comes from STRIPE_API_KEY, or from the first line of standard input
with --api-key-stdin. It is never accepted as a flag and never printed.
STRIPE_WEBHOOK_SECRET, when set, is format-checked too.

With --watch, the rows that are not ✓ are re-checked every few seconds
(less often while nothing changes, at most 60 requests a minute) while you fix
the key in Stripe, and each change is printed, until the key is ready (exit
0), --timeout passes (default 5m with --watch; exit as for the report then)
or ctrl+c (130).

Exit codes: 0 ready, 1 not ready (missing permission, wrong kind of key, key
rejected, test key with --live), 2 usage, 3 could not decide (some row unknown).
` + checkJSONHelp,
		Example: `  STRIPE_API_KEY=… justt-onboard check
  printenv STRIPE_API_KEY | justt-onboard check --api-key-stdin --json
  STRIPE_API_KEY=… justt-onboard check --watch`,
		Args: noArgs,
		RunE: func(c *cobra.Command, _ []string) error {
			opts.TimeoutSet = c.Flags().Changed("timeout")
			return runCheck(c.Context(), env, sf, opts)
		},
	}
	f := c.Flags()
	f.BoolVar(&opts.APIKeyStdin, "api-key-stdin", false, "read the key from the first line of standard input")
	f.BoolVar(&opts.JSON, "json", false, "print the report as one JSON object (its fields are described above)")
	f.BoolVar(&opts.Live, "live", false, "require a live-mode key")
	f.DurationVar(&opts.Timeout, "timeout", stripecheck.DefaultTimeout, "deadline for the whole check (with --watch: for the whole watch, default 5m)")
	f.BoolVar(&opts.Watch, "watch", false, "re-check the rows that are not ✓ until the key is ready, --timeout passes or ctrl+c")
	addStripeFlags(c, sf)
	return c
}

func runCheck(ctx context.Context, env *Env, sf *stripeFlags, opts *checkOptions) error {
	if opts.Timeout <= 0 {
		return usageErr("--timeout must be positive, e.g. --timeout 20s")
	}
	src := secretSource{EnvVar: "STRIPE_API_KEY", FromStdin: opts.APIKeyStdin, StdinFlag: "--api-key-stdin", Noun: "restricted key"}
	raw, given, err := src.read(ctx, env)
	if err != nil {
		return err
	}
	if !given {
		return src.missing(env, "no Stripe key given: set STRIPE_API_KEY or pipe the key in with --api-key-stdin (keys are never accepted as flags)")
	}
	cfg := stripecheck.Config{APIURL: sf.APIURL, UploadsURL: sf.UploadsURL, Timeout: opts.Timeout}
	if opts.Watch {
		cfg = watchConfig(cfg, opts)
	}
	checker, err := stripecheck.New(cfg)
	if err != nil {
		return usageErr("%v", err)
	}
	checkOpts := stripecheck.Options{RequireLive: opts.Live, Source: src.channel(),
		WebhookSecretSource: stripecheck.FromEnvironment("STRIPE_WEBHOOK_SECRET")}
	// Optional, so set to nothing (or white space) it is simply not given.
	if rawSecret, given, _ := (secretSource{EnvVar: "STRIPE_WEBHOOK_SECRET"}).read(ctx, env); given { // the environment only: no error
		checkOpts.WebhookSecretGiven = true
		checkOpts.WebhookSecret, _ = stripecheck.ParseKey(rawSecret) // a bad format shows as valid_format=false
	}

	var report stripecheck.Report
	key, err := stripecheck.ParseKey(raw)
	var keyErr *stripecheck.KeyError
	switch {
	case errors.As(err, &keyErr):
		report = stripecheck.MalformedKeyReport(keyErr, checkOpts)
	case err != nil:
		return err
	case opts.Watch:
		return runWatch(ctx, env, checker, key, checkOpts, opts)
	default:
		report = checker.Check(ctx, key, checkOpts)
	}
	if ctx.Err() != nil {
		// Stopped (a signal): the report's unknown rows are the stop, not an answer.
		return context.Cause(ctx)
	}
	return printCheckReport(env, report, opts)
}

// printCheckReport prints the report as asked and ends with its exit code.
func printCheckReport(env *Env, report stripecheck.Report, opts *checkOptions) error {
	if opts.JSON {
		out, err := json.MarshalIndent(report, "", "  ")
		if err != nil {
			return err
		}
		fmt.Fprintln(env.Stdout, string(out))
	} else {
		writeReport(newPrinter(env), report)
	}
	return exitCode(report.ExitCode())
}

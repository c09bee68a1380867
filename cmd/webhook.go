package cmd

import (
	"context"
	"errors"
	"time"

	"github.com/justt-ai/justt-onboard/stripecheck"
	"github.com/spf13/cobra"
)

// Environment variables of the webhook commands.
const (
	envSetupKey   = "STRIPE_SETUP_KEY"
	envWebhookURL = "JUSTT_WEBHOOK_URL"
)

// webhookOptions are the parsed flags of `webhook register` and `webhook verify`.
type webhookOptions struct {
	URL           string
	JSON          bool
	Replace       bool   // register only
	SecretOut     string // register only
	SetupKeyStdin bool
	Timeout       time.Duration
}

// newWebhookCmd is `webhook register` and `webhook verify`.
func newWebhookCmd(env *Env, sf *stripeFlags) *cobra.Command {
	c := &cobra.Command{
		Use:   "webhook",
		Short: "Register or verify the charge.succeeded webhook",
		Long: `webhook registers the charge.succeeded endpoint Justt needs (steps 12-17 of the
guide, done through Stripe's API) or verifies an existing one.

Both need a setup key: the account's secret key (sk_…) or a restricted key with
Webhook Endpoints: Write (Read is enough for verify). Justt's own restricted key
deliberately lacks that permission. The setup key comes from STRIPE_SETUP_KEY or
the first line of standard input with --setup-key-stdin; it is used only for
this command, never stored, never shown and never sent to Justt.`,
		Args: noArgs,
		RunE: needsSubcommand,
	}
	c.AddCommand(newWebhookRegisterCmd(env, sf), newWebhookVerifyCmd(env, sf))
	return c
}

func newWebhookRegisterCmd(env *Env, sf *stripeFlags) *cobra.Command {
	opts := &webhookOptions{}
	c := &cobra.Command{
		Use:   "register",
		Short: "Create the charge.succeeded endpoint for Justt's webhook URL",
		Long: `register creates a webhook endpoint for the Justt URL that listens to exactly
charge.succeeded, pinned to API version 2020-08-27, and keeps its signing
secret in your system keyring, or writes it to the new file given by
--secret-out (mode 0600; for CI). The secret is never printed: Stripe shows it
only once, so with neither a keyring nor --secret-out nothing is created.

If an endpoint for the URL already exists, nothing is created: reveal that
endpoint's secret in the dashboard (step 17), or run with --replace to create a
new endpoint first and then disable the old one.

Exit codes: 0 registered, 1 refused (bad URL, wrong kind of setup key, missing
permission, endpoint limit, duplicate), 2 usage, 3 Stripe could not be reached.
` + registerJSONHelp,
		Example: `  STRIPE_SETUP_KEY=… justt-onboard webhook register --url https://… --secret-out whsec.txt
  printenv STRIPE_SETUP_KEY | justt-onboard webhook register --setup-key-stdin --url https://… --secret-out whsec.txt --json`,
		Args: noArgs,
		RunE: func(c *cobra.Command, _ []string) error {
			return runWebhookRegister(c.Context(), env, sf, opts)
		},
	}
	addWebhookFlags(c, opts)
	addStripeAPIFlag(c, sf)
	c.Flags().BoolVar(&opts.Replace, "replace", false, "if an endpoint for the URL exists, create a new one and then disable the old one")
	c.Flags().StringVar(&opts.SecretOut, "secret-out", "", "write the new signing secret to this new file (mode 0600) instead of the keyring")
	return c
}

func newWebhookVerifyCmd(env *Env, sf *stripeFlags) *cobra.Command {
	opts := &webhookOptions{}
	c := &cobra.Command{
		Use:   "verify",
		Short: "Check that the endpoint for Justt's webhook URL is set up as Justt needs",
		Long: `verify finds the endpoint for the Justt URL and checks that it is enabled,
listens to exactly charge.succeeded and is pinned to API version 2020-08-27.
Each difference is printed with its fix. Nothing is changed.

Exit codes: 0 as Justt needs, 1 different or missing (or the setup key was
refused), 2 usage, 3 Stripe could not be reached.
` + verifyJSONHelp,
		Example: `  STRIPE_SETUP_KEY=… justt-onboard webhook verify --url https://…`,
		Args:    noArgs,
		RunE: func(c *cobra.Command, _ []string) error {
			return runWebhookVerify(c.Context(), env, sf, opts)
		},
	}
	addWebhookFlags(c, opts)
	addStripeAPIFlag(c, sf)
	return c
}

func addWebhookFlags(c *cobra.Command, opts *webhookOptions) {
	f := c.Flags()
	f.StringVar(&opts.URL, "url", "", "the Justt webhook URL from your onboarding manager (default $"+envWebhookURL+")")
	f.BoolVar(&opts.JSON, "json", false, "print the outcome as one JSON object (its fields are described above)")
	f.BoolVar(&opts.SetupKeyStdin, "setup-key-stdin", false, "read the setup key from the first line of standard input")
	f.DurationVar(&opts.Timeout, "timeout", stripecheck.DefaultTimeout, "deadline for the whole command")
}

// webhookSetup is what both commands need before talking to Stripe.
type webhookSetup struct {
	URL      string
	SetupKey stripecheck.Key
	Checker  *stripecheck.Checker
}

// prepareWebhook reads the URL and the setup key and builds the checker.
// A usage problem is an exitError; a refusal (bad URL, wrong kind of key) is
// a *stripecheck.WebhookError for the caller to report.
func prepareWebhook(ctx context.Context, env *Env, sf *stripeFlags, opts *webhookOptions) (webhookSetup, error) {
	if opts.Timeout <= 0 {
		return webhookSetup{}, usageErr("--timeout must be positive, e.g. --timeout 20s")
	}
	s := webhookSetup{URL: opts.URL}
	if s.URL == "" {
		s.URL = env.Getenv(envWebhookURL)
	}
	if s.URL == "" {
		return s, usageErr("no webhook URL given: pass the Justt webhook URL from your onboarding manager with --url or set %s", envWebhookURL)
	}
	parsed, err := stripecheck.ParseWebhookURL(s.URL)
	if err != nil {
		return s, err
	}
	s.URL = parsed.URL // a non-ASCII host in punycode, as Stripe gets it
	if len(parsed.Warnings) > 0 {
		// On stderr, so --json on stdout stays one document.
		writeProblems(plainPrinter(env.Stderr), parsed.Warnings)
	}
	key, err := readSetupKey(ctx, env, opts)
	if err != nil {
		return s, err
	}
	s.SetupKey = key
	s.Checker, err = stripecheck.New(stripecheck.Config{APIURL: sf.APIURL, UploadsURL: sf.UploadsURL, Timeout: opts.Timeout})
	if err != nil {
		return s, usageErr("%v", err)
	}
	return s, nil
}

// readSetupKey takes the setup key from STRIPE_SETUP_KEY or stdin and
// refuses a kind that cannot manage webhooks before anything is sent.
func readSetupKey(ctx context.Context, env *Env, opts *webhookOptions) (stripecheck.Key, error) {
	src := secretSource{EnvVar: envSetupKey, FromStdin: opts.SetupKeyStdin, StdinFlag: "--setup-key-stdin", Noun: "setup key"}
	raw, given, err := src.read(ctx, env)
	if err != nil {
		return stripecheck.Key{}, err
	}
	if !given {
		return stripecheck.Key{}, src.missing(env, "no setup key given: set %s or pipe it in with --setup-key-stdin (keys are never accepted as flags). "+
			"It is the account's secret key (sk_…) or a restricted key with Webhook Endpoints: Write; it is used only for this and never stored.", envSetupKey)
	}
	key, err := stripecheck.ParseKey(raw)
	var keyErr *stripecheck.KeyError
	if errors.As(err, &keyErr) {
		return stripecheck.Key{}, &stripecheck.WebhookError{Code: stripecheck.CodeSetupKeyKind, ExitCode: stripecheck.ExitNotReady,
			Message: "The setup key cannot be read: " + keyErr.Message, Fix: keyErr.FixFor(src.channel()), Err: err}
	}
	if err != nil {
		return stripecheck.Key{}, err
	}
	return key, stripecheck.CheckSetupKey(key)
}

// webhookFailure turns an error into the command's outcome: usage errors
// pass through, a WebhookError is printed by report and exits with its code.
func webhookFailure(err error, report func(*stripecheck.WebhookError)) error {
	var we *stripecheck.WebhookError
	if !errors.As(err, &we) {
		return err
	}
	if we.ExitCode == stripecheck.ExitUsage {
		return usageErr("%s %s", we.Message, we.Fix)
	}
	report(we)
	return exitCode(we.ExitCode)
}

func runWebhookVerify(ctx context.Context, env *Env, sf *stripeFlags, opts *webhookOptions) error {
	s, err := prepareWebhook(ctx, env, sf, opts)
	out := verifyOutput{env: env, json: opts.JSON, url: shownURL(s.URL), setupKey: s.SetupKey}
	if err != nil {
		return webhookFailure(err, out.failed)
	}
	res, err := s.Checker.VerifyWebhook(ctx, s.SetupKey, s.URL)
	if ctx.Err() != nil {
		return context.Cause(ctx) // stopped: no verdict
	}
	if err != nil {
		return webhookFailure(err, out.failed)
	}
	out.result(res)
	if !res.OK() {
		return exitCode(stripecheck.ExitNotReady)
	}
	return nil
}

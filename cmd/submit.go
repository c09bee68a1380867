package cmd

import (
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"time"

	"github.com/justt-ai/justt-onboard/handoff"
	"github.com/justt-ai/justt-onboard/justt"
	"github.com/justt-ai/justt-onboard/onboarding"
	"github.com/justt-ai/justt-onboard/stripecheck"
	"github.com/justt-ai/justt-onboard/vault"
	"github.com/spf13/cobra"
)

// Where the token comes from.
const (
	tokenEnv       = "JUSTT_ONBOARDING_TOKEN"
	tokenStdinFlag = "--token-stdin"
)

// submitOptions are the parsed flags of `submit`, and the world it uses.
type submitOptions struct {
	TokenStdin bool
	JSON       bool
	APIURL     string
	Timeout    time.Duration
	// vault opens the keyring (only when a secret is not in the
	// environment); tests give a memory one.
	vault func() *vault.Vault
	now   func() time.Time
	// justtConfig, when set, adjusts the Justt client's config (tests
	// shorten its deadlines).
	justtConfig func(*justt.Config)
}

func newSubmitCmd(env *Env, sf *stripeFlags) *cobra.Command {
	opts := &submitOptions{
		vault: func() *vault.Vault { return openVault(env) },
		now:   time.Now,
	}
	c := &cobra.Command{
		Use:   "submit",
		Short: "Check the key, then hand it (and the webhook signing secret) to Justt with an onboarding token",
		Long: `submit hands the integration to Justt (docs/justt-api.md): it proves the
onboarding token, checks the key against Stripe, and sends the key and the
webhook signing secret only when the check passes. Justt answers with a
receipt (onb_…), kept in the progress file.

The key comes from STRIPE_API_KEY, else from the keyring entry the progress
file names; the signing secret from STRIPE_WEBHOOK_SECRET, else likewise
(none: API-key-only mode). The token comes from JUSTT_ONBOARDING_TOKEN or the
first line of standard input (--token-stdin); the Justt API address from
--justt-api-url or JUSTT_API_URL. Your Justt onboarding manager gives both.
No secret is accepted as a flag or ever printed.

Running it again is safe: the same submission is sent under the same
Idempotency-Key, and Justt records it once.

Without a token there is nothing to run: paste the key and the signing
secret in Justt's CustomerHub (Integrations → the Stripe API Key field and
the Stripe Webhook Secret field), as 'justt-onboard steps' says.

Exit codes: 0 received, 1 not sent (key not ready, token refused, Justt
refused the submission, the progress file could not be written, a
submission this tool cannot send as it is), 2 usage, 3 could not decide (the check could not
reach Stripe, or Justt could not be reached).`,
		Example: `  JUSTT_API_URL=https://… JUSTT_ONBOARDING_TOKEN=… STRIPE_API_KEY=… justt-onboard submit
  printenv JUSTT_ONBOARDING_TOKEN | justt-onboard submit --token-stdin --json`,
		Args: noArgs,
		RunE: func(c *cobra.Command, _ []string) error {
			return runSubmit(c.Context(), env, sf, opts)
		},
	}
	f := c.Flags()
	f.BoolVar(&opts.TokenStdin, "token-stdin", false, "read the Justt onboarding token from the first line of standard input")
	f.BoolVar(&opts.JSON, "json", false, "print the outcome as JSON (see README)")
	f.StringVar(&opts.APIURL, justt.FlagAPIURL, "", "Justt onboarding API base URL (default $"+justt.EnvAPIURL+"; http only for a loopback host)")
	f.DurationVar(&opts.Timeout, "timeout", stripecheck.DefaultTimeout, "deadline for the key's check (each call to Justt has its own: 30s, retries included)")
	addStripeFlags(c, sf)
	return c
}

// submitInputs is everything submit needs before it talks to anyone.
type submitInputs struct {
	client      *justt.Client
	tokenFrom   string
	store       onboarding.Store
	record      onboarding.Record
	key, secret stripecheck.Key
	checker     *stripecheck.Checker
}

func runSubmit(ctx context.Context, env *Env, sf *stripeFlags, opts *submitOptions) error {
	in, err := gatherSubmit(ctx, env, sf, opts)
	if err != nil {
		return err
	}
	out := &submitOutcome{}
	cfg, err := in.client.GetConfig(ctx)
	if err != nil {
		return out.fail(env, opts, err, in.tokenFrom)
	}
	out.MerchantName = cfg.MerchantName
	if !opts.JSON {
		fmt.Fprintf(env.Stdout, "Justt onboarding for %s (the token was accepted).\n\n", cfg.MerchantName)
		if u := in.record.Webhook.URL; u != "" && u != cfg.WebhookURL {
			writeMarked(newPrinter(env), "!", "The webhook in the progress file points at "+u+", but Justt expects "+cfg.WebhookURL+".",
				"Check with your Justt onboarding manager before Stripe sends events to the wrong place.")
		}
	}

	report := in.checker.Check(ctx, in.key, stripecheck.Options{WebhookSecret: in.secret, WebhookSecretGiven: !in.secret.IsZero()})
	if errors.Is(ctx.Err(), context.Canceled) {
		return ctx.Err()
	}
	out.Check = &report
	if !opts.JSON {
		writeReport(newPrinter(env), report)
	}
	rec := &in.record
	checkJSON, err := recordCheck(rec, in.key, report, opts.now())
	if err != nil {
		return err
	}
	if !report.Ready() {
		return out.notReady(env, opts, in.store, *rec, report)
	}

	sub := justt.Submission{APIKey: in.key, WebhookSecret: in.secret, AccountID: report.AccountID,
		WebhookEndpointID: rec.Webhook.EndpointID, Check: checkJSON}
	rec.Handoff.MerchantName = cfg.MerchantName
	receipt, saveErr, err := handoff.Send(ctx, in.client, in.store, rec, sub, opts.now)
	var notSaved *handoff.NotSavedError
	if errors.As(err, &notSaved) {
		return out.notSaved(env, opts, err)
	}
	if err != nil {
		return out.fail(env, opts, err, in.tokenFrom)
	}
	out.Sent, out.Receipt = true, &receipt
	out.print(env, opts)
	if !opts.JSON {
		writeReceipt(env, receipt, in)
	}
	if saveErr != nil {
		fmt.Fprintf(env.Stderr, "justt-onboard: ! Justt has the submission (%s), but %v\n", receipt.ID, saveErr)
	}
	return nil
}

// recordCheck keeps the check just run in the record (redacted; no
// secret) by the record's own transitions, as the wizard does: another key
// reopens the key part, a key that is not ready any more is no longer
// accepted. It returns the report as JSON, which Justt gets too.
func recordCheck(rec *onboarding.Record, key stripecheck.Key, report stripecheck.Report, now time.Time) (json.RawMessage, error) {
	rec.KeyPasted(onboarding.FactsOf(key), now)
	c, err := onboarding.KeyCheckOf(key, report)
	if err != nil {
		return nil, err
	}
	rec.KeyChecked(c, now)
	return c.Report, nil
}

// notReady ends submit for a key whose check did not pass: nothing is
// sent, the check is kept, and the exit code is the check's.
func (o *submitOutcome) notReady(env *Env, opts *submitOptions, store onboarding.Store, rec onboarding.Record, report stripecheck.Report) error {
	o.Error = &submitError{Code: "not_ready", Message: "Not sent: Justt gets the key only once its check passes. Fix what the check names, then run submit again."}
	_ = store.Save(rec) // the check is worth keeping; a failure here changes nothing for the merchant
	o.print(env, opts)
	if !opts.JSON {
		fmt.Fprintln(env.Stdout, "✗ "+o.Error.Message+" Nothing was sent to Justt.")
	}
	return exitCode(report.ExitCode())
}

// notSaved ends submit when the progress file could not be written before
// sending: nothing was sent, since a second run could not be recognised as
// the same submission.
func (o *submitOutcome) notSaved(env *Env, opts *submitOptions, err error) error {
	o.Error = &submitError{Code: "not_saved", Message: err.Error()}
	o.print(env, opts)
	return &exitError{code: stripecheck.ExitNotReady, msg: err.Error()}
}

func writeReceipt(env *Env, r justt.Receipt, in *submitInputs) {
	what := "the key"
	if !in.secret.IsZero() {
		what = "the key and the webhook signing secret"
	}
	fmt.Fprintln(env.Stdout)
	if r.Replayed {
		fmt.Fprintf(env.Stdout, "✓ Justt has %s: receipt %s (it had this submission already, from an earlier attempt or run, and kept it once).\n", what, r.ID)
	} else {
		fmt.Fprintf(env.Stdout, "✓ Justt received %s: receipt %s.\n", what, r.ID)
	}
	if r.ConfirmationEmailSent {
		fmt.Fprintln(env.Stdout, "  The Justt team has been notified (a confirmation e-mail was sent).")
	} else {
		fmt.Fprintln(env.Stdout, "  Justt did not say it notified its team: tell your Justt contact you have finished.")
	}
	if in.secret.IsZero() {
		fmt.Fprintln(env.Stdout, "  No webhook signing secret was sent (API-key-only mode).")
	}
	fmt.Fprintf(env.Stdout, "  Kept in %s.\n", in.store.Path())
}

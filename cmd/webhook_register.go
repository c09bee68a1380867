package cmd

import (
	"context"
	"errors"
	"io/fs"

	"github.com/justt-ai/justt-onboard/internal/safetext"
	"github.com/justt-ai/justt-onboard/internal/secretfile"
	"github.com/justt-ai/justt-onboard/stripecheck"
)

func runWebhookRegister(ctx context.Context, env *Env, sf *stripeFlags, opts *webhookOptions) error {
	if opts.SecretOut == "" {
		// Stripe shows the secret once: an endpoint whose secret is thrown
		// away can only be fixed by replacing it, so refuse up front.
		return usageErr("--secret-out FILE is required: Stripe shows a new endpoint's signing secret only once, " +
			"and it is never printed, so it must be written to a new file (mode 0600) to be handed to Justt")
	}
	s, err := prepareWebhook(ctx, env, sf, opts)
	out := registerOutput{env: env, json: opts.JSON, url: shownURL(s.URL), setupKey: s.SetupKey, secretOut: safetext.Line(opts.SecretOut)}
	if err != nil {
		return webhookFailure(err, out.failed)
	}
	file, err := reserveSecretFile(opts.SecretOut)
	if err != nil {
		return err
	}
	res, err := s.Checker.RegisterWebhook(ctx, s.SetupKey, stripecheck.RegisterOptions{
		URL: s.URL, Replace: opts.Replace, Version: env.Version,
		KeepSecret: func(secret stripecheck.Key) error { return file.Keep(secret.Reveal()) },
	})
	file.Discard() // an empty reserved file is removed, stopped or not
	if ctx.Err() != nil {
		// Stopped: no verdict. An endpoint whose secret was kept is a fact
		// the merchant needs, so it is still told.
		if file.Kept() && res.Created {
			var we *stripecheck.WebhookError
			errors.As(err, &we)
			out.registered(res, we)
		}
		return context.Cause(ctx)
	}
	if err != nil {
		var we *stripecheck.WebhookError
		if errors.As(err, &we) && we.Code == stripecheck.CodeReplaceIncomplete {
			out.registered(res, we)
			return exitCode(we.ExitCode)
		}
		return webhookFailure(err, out.failed)
	}
	out.registered(res, nil)
	return nil
}

// reserveSecretFile creates the --secret-out file (empty, mode 0600)
// before the endpoint, so that a bad path fails before anything changes in
// Stripe, and refuses one that exists: a signing secret never overwrites
// anything.
func reserveSecretFile(path string) (*secretfile.File, error) {
	f, err := secretfile.Reserve(path)
	switch {
	case errors.Is(err, fs.ErrExist):
		return nil, usageErr("--secret-out %s already exists; the signing secret is only ever written to a new file, "+
			"so nothing is overwritten: choose another path or remove that file first", path)
	case err != nil:
		return nil, usageErr("--secret-out %s cannot be created (%v): choose a path in a directory you can write to", path, err)
	}
	return f, nil
}

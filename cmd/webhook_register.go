package cmd

import (
	"context"
	"errors"
	"fmt"
	"io/fs"
	"os"

	"github.com/justt-ai/justt-onboard/stripecheck"
)

func runWebhookRegister(ctx context.Context, env *Env, sf *stripeFlags, opts *webhookOptions) error {
	if opts.SecretOut == "" {
		// Stripe shows the secret once: an endpoint whose secret is thrown
		// away can only be fixed by replacing it, so refuse up front.
		return usageErr("--secret-out FILE is required: Stripe shows a new endpoint's signing secret only once, " +
			"and it is never printed, so it must be written to a new file (mode 0600) to be handed to Justt")
	}
	s, err := prepareWebhook(env, sf, opts)
	out := registerOutput{env: env, json: opts.JSON, url: s.URL, setupKey: s.SetupKey, secretOut: opts.SecretOut}
	if err != nil {
		return webhookFailure(err, out.failed)
	}
	file, err := reserveSecretFile(opts.SecretOut)
	if err != nil {
		return err
	}
	res, err := s.Checker.RegisterWebhook(ctx, s.SetupKey, stripecheck.RegisterOptions{
		URL: s.URL, Replace: opts.Replace, Version: env.Version, KeepSecret: file.keep,
	})
	if !file.kept {
		file.discard()
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

// secretFile is the --secret-out file, created (empty, mode 0600) before
// the endpoint so that a bad path fails before anything changes in Stripe.
type secretFile struct {
	path string
	f    *os.File
	kept bool
}

// reserveSecretFile creates path, refusing one that exists: a signing
// secret never overwrites anything.
func reserveSecretFile(path string) (*secretFile, error) {
	f, err := os.OpenFile(path, os.O_CREATE|os.O_EXCL|os.O_WRONLY, 0o600)
	switch {
	case errors.Is(err, fs.ErrExist):
		return nil, usageErr("--secret-out %s already exists; the signing secret is only ever written to a new file, "+
			"so nothing is overwritten: choose another path or remove that file first", path)
	case err != nil:
		return nil, usageErr("--secret-out %s cannot be created (%v): choose a path in a directory you can write to", path, err)
	}
	return &secretFile{path: path, f: f}, nil
}

// keep writes the secret (no trailing newline, so tools reading the file
// raw get exactly the secret) and closes the file.
func (s *secretFile) keep(secret stripecheck.Key) error {
	_, err := s.f.WriteString(secret.Reveal())
	if err == nil {
		err = s.f.Sync()
	}
	if closeErr := s.f.Close(); err == nil {
		err = closeErr
	}
	if err != nil {
		return fmt.Errorf("writing it to %s failed: %w", s.path, err)
	}
	s.kept = true
	return nil
}

// discard removes the reserved file when no secret was kept in it.
func (s *secretFile) discard() {
	_ = s.f.Close()
	_ = os.Remove(s.path)
}

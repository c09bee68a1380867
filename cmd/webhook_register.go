package cmd

import (
	"context"
	"errors"
	"fmt"
	"io/fs"
	"time"

	"github.com/justt-ai/justt-onboard/internal/safetext"
	"github.com/justt-ai/justt-onboard/internal/secretfile"
	"github.com/justt-ai/justt-onboard/onboarding"
	"github.com/justt-ai/justt-onboard/stripecheck"
	"github.com/justt-ai/justt-onboard/vault"
)

func runWebhookRegister(ctx context.Context, env *Env, sf *stripeFlags, opts *webhookOptions) error {
	s, err := prepareWebhook(ctx, env, sf, opts)
	out := registerOutput{env: env, json: opts.JSON, url: shownURL(s.URL), setupKey: s.SetupKey, secretOut: safetext.Line(opts.SecretOut)}
	if err != nil {
		return webhookFailure(err, out.failed)
	}
	// Stripe shows the secret once: an endpoint whose secret has nowhere
	// to go could only be fixed by replacing it, so the destination is
	// settled before anything is created: the new --secret-out file, or
	// else the system keyring.
	var keep func(stripecheck.Key) error
	var done func()
	var kept func() bool
	var kr *secretKeyring
	if opts.SecretOut != "" {
		file, err := reserveSecretFile(opts.SecretOut)
		if err != nil {
			return err
		}
		keep, done, kept = func(secret stripecheck.Key) error { return file.Keep(secret.Reveal()) }, file.Discard, file.Kept
	} else {
		kr, err = openSecretKeyring(ctx, env, s.SetupKey)
		if err != nil {
			return err
		}
		keep, done, kept = kr.keep, func() {}, func() bool { return !kr.kept.IsZero() }
		out.keyring = kr.entry.String()
	}
	res, err := s.Checker.RegisterWebhook(ctx, s.SetupKey, stripecheck.RegisterOptions{
		URL: s.URL, Replace: opts.Replace, Version: env.Version, KeepSecret: keep,
	})
	done() // an empty reserved file is removed, stopped or not
	if ctx.Err() != nil {
		// Stopped: no verdict. An endpoint whose secret was kept is a fact
		// the merchant needs, so it is still told.
		if kept() && res.Created {
			var we *stripecheck.WebhookError
			errors.As(err, &we)
			out.registered(res, we)
		}
		return context.Cause(ctx)
	}
	if kr != nil {
		kr.record(env, res)
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

// secretKeyring keeps a new signing secret in the system keyring, under
// the Stripe account the progress file names (else the setup key's mode),
// and notes it in the progress file.
type secretKeyring struct {
	v     *vault.Vault
	entry vault.Entry
	ctx   context.Context
	kept  stripecheck.Key
}

// openSecretKeyring refuses, before anything is created in Stripe, when no
// keyring answers: the secret would have nowhere to go.
func openSecretKeyring(ctx context.Context, env *Env, setupKey stripecheck.Key) (*secretKeyring, error) {
	v := openVault(env)
	_ = v.Probe(ctx)
	if why := v.Unavailable(); why != nil {
		return nil, usageErr("no place for the signing secret: %v. Stripe shows a new endpoint's signing secret only once and it is never printed, "+
			"so give --secret-out FILE (a new file, mode 0600) to have it written there; nothing was created", why)
	}
	account := string(setupKey.Mode())
	if store, err := progressStore(env); err == nil {
		if rec, found, _, _ := store.Load(); found && rec.Key.AccountID != "" {
			account = rec.Key.AccountID
		}
	}
	return &secretKeyring{v: v, ctx: ctx, entry: vault.Entry{Secret: vault.WebhookSigningSecret, Account: account}}, nil
}

// keep is RegisterWebhook's KeepSecret: a secret that did not reach the
// keyring fails it, so the new endpoint is deleted again.
func (k *secretKeyring) keep(secret stripecheck.Key) error {
	where, err := k.v.Put(k.ctx, k.entry, secret)
	if err != nil {
		return err
	}
	if where != vault.InKeyring {
		return fmt.Errorf("the system keyring stopped answering (%v)", k.v.Unavailable())
	}
	k.kept = secret
	return nil
}

// record notes the kept secret in the progress file, when an onboarding
// whose key part passed is in progress there, so the wizard knows of it.
func (k *secretKeyring) record(env *Env, res stripecheck.RegisterResult) {
	if k.kept.IsZero() || !res.Created {
		return
	}
	store, err := progressStore(env)
	if err != nil {
		return
	}
	rec, found, _, _ := store.Load()
	if !found {
		return
	}
	now := time.Now()
	e := res.Endpoint
	if rec.WebhookRegistered(onboarding.Endpoint{ID: e.ID, URL: e.URL, APIVersion: e.APIVersion, Events: e.EnabledEvents},
		k.kept.Redacted(), now) != nil {
		return
	}
	rec.SecretKept(&k.entry, now)
	_ = store.Save(rec)
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

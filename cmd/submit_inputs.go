package cmd

import (
	"context"
	"encoding/json"
	"errors"
	"fmt"

	"github.com/justt-ai/justt-onboard/justt"
	"github.com/justt-ai/justt-onboard/onboarding"
	"github.com/justt-ai/justt-onboard/stripecheck"
	"github.com/justt-ai/justt-onboard/vault"
)

// gatherSubmit reads the token, the address, the progress file and the
// secrets, refusing (exit 2) whatever is missing or malformed before
// anything is sent.
func gatherSubmit(ctx context.Context, env *Env, sf *stripeFlags, opts *submitOptions) (*submitInputs, error) {
	if opts.Timeout <= 0 {
		return nil, usageErr("--timeout must be positive, e.g. --timeout 20s")
	}
	in := &submitInputs{tokenFrom: tokenEnv}
	if opts.TokenStdin {
		in.tokenFrom = tokenStdinFlag
	}
	src := secretSource{EnvVar: tokenEnv, FromStdin: opts.TokenStdin, StdinFlag: tokenStdinFlag, Noun: "Justt onboarding token"}
	rawToken, given, err := src.read(ctx, env)
	if err != nil {
		return nil, err
	}
	if !given {
		return nil, src.missing(env, "no Justt onboarding token: set %s or pipe it in with %s (tokens are never accepted as flags). "+
			"Without a token, hand the secrets over in Justt's CustomerHub: Integrations → the Stripe API Key field, "+
			"and the Stripe Webhook Secret field (see 'justt-onboard steps', steps 11 and 18)", tokenEnv, tokenStdinFlag)
	}
	token, err := justt.ParseToken(rawToken)
	if err != nil {
		return nil, usageErr("%v (from %s)", err, in.tokenFrom)
	}
	apiURL := opts.APIURL
	if apiURL == "" {
		apiURL = env.Getenv(justt.EnvAPIURL)
	}
	jc := justt.Config{BaseURL: apiURL, Token: token, Client: "justt-onboard/" + env.Version}
	if opts.justtConfig != nil {
		opts.justtConfig(&jc)
	}
	in.client, err = justt.New(jc)
	if err != nil {
		return nil, usageErr("%v", err)
	}
	in.checker, err = stripecheck.New(stripecheck.Config{APIURL: sf.APIURL, UploadsURL: sf.UploadsURL, Timeout: opts.Timeout})
	if err != nil {
		return nil, usageErr("%v", err)
	}
	if err := in.loadRecord(env, opts); err != nil {
		return nil, err
	}
	if err := in.readSecrets(ctx, env, opts); err != nil {
		return nil, err
	}
	return in, nil
}

// loadRecord reads the progress file, or starts a record when there is none.
func (in *submitInputs) loadRecord(env *Env, opts *submitOptions) error {
	store, err := progressStore(env)
	if err != nil {
		return err
	}
	in.store = *store
	rec, found, aside, err := in.store.Load()
	if err != nil {
		return err
	}
	if aside != nil {
		fmt.Fprintf(env.Stderr, "justt-onboard: ! %v\n", aside)
	}
	if !found {
		rec = onboarding.New(opts.now())
	}
	in.record = rec
	return nil
}

// readSecrets takes the key and the signing secret from the environment,
// else from the keyring entries the progress file names.
func (in *submitInputs) readSecrets(ctx context.Context, env *Env, opts *submitOptions) error {
	var v *vault.Vault
	stored := func(e *vault.Entry) (stripecheck.Key, bool, error) {
		if e == nil {
			return stripecheck.Key{}, false, nil
		}
		if v == nil {
			v = opts.vault()
		}
		k, found, err := v.Get(ctx, *e)
		if err == nil && !found && v.Unavailable() != nil {
			return k, false, usageErr("the %s is kept in your keyring, which did not answer here (%v): so it cannot be read", e, v.Unavailable())
		}
		return k, found, err
	}
	keySrc := secretSource{EnvVar: "STRIPE_API_KEY", Noun: "restricted key"}
	key, found, err := secretFrom(env, keySrc, func() (stripecheck.Key, bool, error) { return stored(in.record.Key.Vault) })
	switch {
	case err != nil:
		return err
	case !found:
		return keySrc.missing(env, "no Stripe key: set STRIPE_API_KEY (the progress file names no key kept in your keyring)")
	}
	in.key = key
	secretSrc := secretSource{EnvVar: "STRIPE_WEBHOOK_SECRET", Noun: "webhook signing secret"}
	secret, found, err := secretFrom(env, secretSrc, func() (stripecheck.Key, bool, error) { return stored(in.record.Webhook.Vault) })
	switch {
	case err != nil:
		return err
	case found && secret.Kind() != stripecheck.WebhookSecret:
		return usageErr("the webhook signing secret is %s, not a signing secret (whsec_…); copy it again from the endpoint in Stripe (step 17)", secret.Kind().Describe())
	case !found && (in.record.Webhook.Way == onboarding.WebhookRegistered || in.record.Webhook.Way == onboarding.WebhookByHand):
		return secretSrc.missing(env, "the progress file says the webhook was set up (%s), but its signing secret is not stored: set STRIPE_WEBHOOK_SECRET (step 17 shows where to copy it)", in.record.Webhook.Way)
	}
	in.secret = secret
	return nil
}

// secretFrom reads one secret from src's variable (never echoed; white
// space only counts as unset), else from fallback.
func secretFrom(env *Env, src secretSource, fallback func() (stripecheck.Key, bool, error)) (stripecheck.Key, bool, error) {
	variable := src.EnvVar
	raw, given, _ := src.read(context.Background(), env) // the environment only: nothing to wait for
	if !given {
		k, found, err := fallback()
		var ee *exitError
		if errors.As(err, &ee) {
			return stripecheck.Key{}, false, usageErr("%s; set %s", ee.msg, variable)
		}
		if err != nil {
			return stripecheck.Key{}, false, fmt.Errorf("could not read the stored secret (set %s instead): %w", variable, err)
		}
		return k, found, nil
	}
	k, err := stripecheck.ParseKey(raw)
	var ke *stripecheck.KeyError
	if errors.As(err, &ke) {
		return stripecheck.Key{}, false, usageErr("%s: %s %s", variable, ke.Message, ke.Fix)
	}
	return k, err == nil, err
}

// submitOutcome is what submit prints with --json.
type submitOutcome struct {
	Sent         bool                `json:"sent"`
	MerchantName string              `json:"merchant_name,omitempty"`
	Check        *stripecheck.Report `json:"check"`
	Receipt      *justt.Receipt      `json:"receipt"`
	Error        *submitError        `json:"error"`
}

type submitError struct {
	Code    string `json:"code"`
	Message string `json:"message"`
}

func (o *submitOutcome) print(env *Env, opts *submitOptions) {
	if !opts.JSON {
		return
	}
	b, err := json.MarshalIndent(o, "", "  ")
	if err == nil {
		fmt.Fprintln(env.Stdout, string(b))
	}
}

// fail ends submit on an error from Justt: 1 when Justt refused (the token
// or the submission) or the client would not send the submission as it is
// (running again cannot help), 3 when it could not be reached or its answer could
// not be used, 130 when interrupted.
func (o *submitOutcome) fail(env *Env, opts *submitOptions, err error, tokenFrom string) error {
	if errors.Is(err, context.Canceled) {
		return err
	}
	code, kind := stripecheck.ExitUndecided, "unreachable"
	msg := err.Error()
	var te *justt.RefusedTokenError
	var re *justt.RejectedError
	var ae *justt.AnswerError
	var ue *justt.UnsendableError
	switch {
	case errors.As(err, &te):
		code, kind = stripecheck.ExitNotReady, "token_refused"
		msg = fmt.Sprintf("%v (the token came from %s)", err, tokenFrom)
	case errors.As(err, &re):
		code, kind = stripecheck.ExitNotReady, "rejected"
	case errors.As(err, &ae):
		kind = "unusable_answer"
	case errors.As(err, &ue):
		code, kind = stripecheck.ExitNotReady, "not_sendable"
		msg = fmt.Sprintf("%v. Running submit again will not change this: please report it (this is a bug in justt-onboard), or paste the key in Justt's CustomerHub as 'justt-onboard steps' says", err)
	}
	o.Error = &submitError{Code: kind, Message: msg}
	o.print(env, opts)
	return &exitError{code: code, msg: msg}
}

package cmd

import (
	"context"
	"errors"
	"fmt"
	"strings"
	"time"

	"github.com/justt-ai/justt-onboard/justt"
	"github.com/justt-ai/justt-onboard/onboarding"
	"github.com/justt-ai/justt-onboard/sandbox"
	"github.com/justt-ai/justt-onboard/stripecheck"
	"github.com/justt-ai/justt-onboard/vault"
	"github.com/justt-ai/justt-onboard/wizard"
	"github.com/spf13/cobra"
	"github.com/spf13/pflag"
)

const accessibleFlag = "accessible"

func addWizardFlags(c *cobra.Command) {
	c.Flags().Bool(accessibleFlag, false, "plain sequential prompts for screen readers (also ACCESSIBLE=1)")
}

// accessible is on with --accessible or ACCESSIBLE set to anything but "" or "0".
func accessible(env *Env, flags *pflag.FlagSet) bool {
	if on, _ := flags.GetBool(accessibleFlag); on {
		return true
	}
	v := env.Getenv("ACCESSIBLE")
	return v != "" && v != "0" && v != "false"
}

// needTerminal refuses to start a wizard without a terminal: CI and pipes
// get one line pointing at the non-interactive command, at once.
func needTerminal(env *Env) error {
	if env.Interactive() {
		return nil
	}
	return usageErr("the wizard needs a terminal (stdin and stdout); for scripts and CI use 'justt-onboard check' (see 'justt-onboard check --help')")
}

// KeyringEnv set to off (or none, 0, false, no) keeps every secret in
// memory for the run: no keyring is asked (tests, shared machines).
const KeyringEnv = "JUSTT_ONBOARD_KEYRING"

// keyringStore is the operating system's keyring; tests replace it.
var keyringStore = func() vault.Store { return vault.OSKeyring{} }

// openVault is the merchant's keyring, unless KeyringEnv turns it off.
func openVault(env *Env) *vault.Vault {
	switch strings.ToLower(strings.TrimSpace(env.Getenv(KeyringEnv))) {
	case "off", "none", "0", "false", "no":
		return vault.Without("turned off with " + KeyringEnv)
	}
	return vault.New(keyringStore(), vault.DefaultTimeout)
}

// progressStore is the progress file in the user config folder (or
// $JUSTT_ONBOARD_CONFIG_DIR).
func progressStore(env *Env) (*onboarding.Store, error) {
	dir, err := onboarding.DefaultDir(env.Getenv)
	if err != nil {
		return nil, err
	}
	return &onboarding.Store{Dir: dir}, nil
}

// addHandoffFlag is the Justt API address for the wizard's hand-off.
func addHandoffFlag(c *cobra.Command) {
	c.Flags().String(justt.FlagAPIURL, "", "Justt onboarding API base URL, given with your onboarding token (default $"+justt.EnvAPIURL+"; http only for a loopback host)")
}

// wizardHandoff is the wizard's hand-off: the Justt API address (flag,
// else environment) and a token from the environment (which OSEnv has
// already removed from the process, so nothing started later inherits it).
func wizardHandoff(env *Env, flags *pflag.FlagSet) (wizard.Handoff, error) {
	apiURL, _ := flags.GetString(justt.FlagAPIURL)
	if apiURL == "" {
		apiURL = env.Getenv(justt.EnvAPIURL)
	}
	raw := env.Getenv(tokenEnv) // OSEnv already took it out of the process environment
	var h wizard.Handoff
	if strings.TrimSpace(raw) != "" {
		tok, err := justt.ParseToken(raw)
		if err != nil {
			return h, usageErr("%v (from %s)", err, tokenEnv)
		}
		h.Token = tok
	}
	if apiURL == "" {
		if !h.Token.IsZero() {
			return h, usageErr("%s is set, but not the Justt API address to send with it: add --%s or set %s (your Justt onboarding manager gives both)", tokenEnv, justt.FlagAPIURL, justt.EnvAPIURL)
		}
		return h, nil
	}
	client := "justt-onboard/" + env.Version
	// Refuse an unusable address now, not after the 18 steps.
	if _, err := justt.New(justt.Config{BaseURL: apiURL, Token: placeholderToken, Client: client}); err != nil {
		var ce *justt.ConfigError
		if errors.As(err, &ce) {
			return h, usageErr("%v", err)
		}
	}
	h.Connect = func(t justt.Token) (*justt.Client, error) {
		return justt.New(justt.Config{BaseURL: apiURL, Token: t, Client: client})
	}
	return h, nil
}

// placeholderToken lets the address be validated before any token is given.
var placeholderToken, _ = justt.ParseToken("address-check-only")

func runWizard(ctx context.Context, env *Env, sf *stripeFlags, flags *pflag.FlagSet) error {
	hand, err := wizardHandoff(env, flags)
	if err != nil {
		return err
	}
	if err := needTerminal(env); err != nil {
		return err
	}
	checker, err := stripecheck.New(stripecheck.Config{APIURL: sf.APIURL, UploadsURL: sf.UploadsURL})
	if err != nil {
		return usageErr("%v", err)
	}
	store, err := progressStore(env)
	if err != nil {
		// Without a folder for it, the onboarding is not resumable; it
		// still runs.
		fmt.Fprintln(env.Stderr, "justt-onboard: "+err.Error()+"; your progress will not be saved.")
	}
	return wizard.Run(ctx, wizard.Options{
		Checker: checker, Accessible: accessible(env, flags), In: env.Stdin, Out: env.Stdout,
		Progress: store, Vault: openVault(env), Handoff: hand,
	})
}

// demoLatency makes the sandbox answer like a real network, so a rehearsal
// shows the checklist filling in row by row.
const demoLatency = 250 * time.Millisecond

func newDemoCmd(env *Env) *cobra.Command {
	c := &cobra.Command{
		Use:   "demo",
		Short: "Rehearse the whole wizard against a built-in fake Stripe (no account, no network)",
		Long: `demo runs the same wizard against a sandbox served on 127.0.0.1: a mock of
Stripe's permission form at step 7, a fake key minted at step 9 with exactly
the rows you ticked, and the live check at step 11; beside it, a fake Justt:
the demo proves the demo token first and ends with a real submission to it
and its receipt. Demo keys and the demo token are fake.`,
		Args: noArgs,
		RunE: func(c *cobra.Command, _ []string) error {
			if err := needTerminal(env); err != nil {
				return err
			}
			ctx, cancel := context.WithCancel(c.Context())
			defer cancel()
			return runDemo(ctx, env, accessible(env, c.Flags()))
		},
	}
	addWizardFlags(c)
	return c
}

func runDemo(ctx context.Context, env *Env, accessibleMode bool) error {
	sb := sandbox.New()
	url, err := sb.Start(ctx)
	if err != nil {
		return err
	}
	// The fake Justt beside the fake Stripe: the demo ends with a real
	// submission to it, and its receipt.
	receiver := sandbox.NewJustt()
	justtURL, err := receiver.Start(ctx)
	if err != nil {
		return err
	}
	demoToken, _ := justt.ParseToken(sandbox.JusttDemoToken)
	hand := wizard.Handoff{
		Token: demoToken, DemoToken: sandbox.JusttDemoToken,
		Connect: func(t justt.Token) (*justt.Client, error) {
			return justt.New(justt.Config{BaseURL: justtURL, Token: t, Client: "justt-onboard/" + env.Version})
		},
	}
	checker, err := stripecheck.New(stripecheck.Config{APIURL: url, UploadsURL: url})
	if err != nil {
		return err
	}
	demo := &wizard.Demo{
		MintKey: func(scopes []string) string {
			key := sb.MintKey(scopes...)
			sb.SetLatency(key, demoLatency)
			return key
		},
		MintSetupKey: func() string { return sb.MintKey("rak_webhook_write") },
		Grant:        func(key string, scopes []string) { sb.Grant(key, scopes...) },
		WebhookURL:   sandbox.JusttDemoWebhookURL, // as the fake Justt answers it
	}
	// The demo keeps its record and fake secrets in memory: it never
	// touches the merchant's progress file or keyring.
	return wizard.Run(ctx, wizard.Options{
		Checker: checker, Demo: demo, Accessible: accessibleMode, In: env.Stdin, Out: env.Stdout,
		Vault: vault.New(vault.NewMemory(), 0), Handoff: hand,
	})
}

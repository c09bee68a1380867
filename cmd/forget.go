package cmd

import (
	"bufio"
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"os"
	"path/filepath"
	"strings"

	"github.com/justt-ai/justt-onboard/onboarding"
	"github.com/justt-ai/justt-onboard/vault"
	"github.com/spf13/cobra"
)

type forgetOptions struct {
	Yes  bool
	JSON bool
}

func newForgetCmd(env *Env) *cobra.Command {
	opts := &forgetOptions{}
	c := &cobra.Command{
		Use:   "forget",
		Short: "Remove this tool's keyring entries and the saved progress",
		Long: `forget removes everything justt-onboard keeps between runs: its entries in
your system keyring (the restricted key and the webhook signing secret, per
Stripe account) and the progress file, then says what it removed.

It asks first on a terminal; --yes, or no terminal, means no question. Nothing
to forget is not an error (exit 0). It never touches Stripe or Justt: the key
and the webhook endpoint stay in your Stripe account.`,
		Args: noArgs,
		RunE: func(c *cobra.Command, _ []string) error {
			return runForget(c.Context(), env, opts)
		},
	}
	c.Flags().BoolVarP(&opts.Yes, "yes", "y", false, "do not ask before removing")
	c.Flags().BoolVar(&opts.JSON, "json", false, "print what was removed as JSON")
	return c
}

// forgetJSON is `forget --json`: names only, never a secret.
type forgetJSON struct {
	KeyringEntries []vault.Entry `json:"keyring_entries"`
	ProgressFiles  []string      `json:"progress_files"`
	// KeyringUnavailable says why the keyring could not be asked: its
	// entries, if any, are still there.
	KeyringUnavailable string `json:"keyring_unavailable,omitempty"`
}

func runForget(ctx context.Context, env *Env, opts *forgetOptions) error {
	store, err := progressStore(env)
	if err != nil {
		return err
	}
	if !opts.Yes && env.Interactive() {
		ok, err := confirmForget(env, store.Path())
		if err != nil {
			return err
		}
		if !ok {
			fmt.Fprintln(env.Stdout, "Nothing was removed.")
			return nil
		}
	}
	v := openVault(env)
	_ = v.Probe(ctx)
	out := forgetJSON{KeyringEntries: []vault.Entry{}, ProgressFiles: []string{}}
	var also []vault.Entry
	if rec, found, _, _ := store.Load(); found {
		for _, e := range []*vault.Entry{rec.Key.Vault, rec.Webhook.Vault} {
			if e != nil {
				also = append(also, *e)
			}
		}
	}
	entries, verr := v.Forget(ctx, also...)
	out.KeyringEntries = append(out.KeyringEntries, entries...)
	if why := v.Unavailable(); why != nil {
		out.KeyringUnavailable = why.Error()
	}
	files, ferr := removeProgress(store)
	out.ProgressFiles = append(out.ProgressFiles, files...)
	if opts.JSON {
		writeForgetJSON(env.Stdout, out)
	} else {
		writeForget(env.Stdout, out, store.Path())
	}
	if err := errors.Join(verr, ferr); err != nil {
		return fmt.Errorf("not everything could be removed: %w; run 'justt-onboard forget' again", err)
	}
	return nil
}

// confirmForget asks on the terminal; only y or yes removes.
func confirmForget(env *Env, path string) (bool, error) {
	fmt.Fprintf(env.Stdout, "Remove justt-onboard's keyring entries and the progress file %s? [y/N] ", path)
	line, err := bufio.NewReader(io.LimitReader(env.Stdin, 1024)).ReadString('\n')
	if err != nil && !errors.Is(err, io.EOF) {
		return false, fmt.Errorf("could not read your answer: %w", err)
	}
	ans := strings.ToLower(strings.TrimSpace(line))
	return ans == "y" || ans == "yes", nil
}

// removeProgress removes the progress file and any copy set aside as
// unreadable, then the folder when nothing else is in it.
func removeProgress(store *onboarding.Store) ([]string, error) {
	var removed []string
	ok, err := store.Remove()
	if ok {
		removed = append(removed, store.Path())
	}
	aside, _ := filepath.Glob(store.Path() + ".unreadable-*")
	for _, p := range aside {
		if rerr := os.Remove(p); rerr != nil {
			err = errors.Join(err, fmt.Errorf("could not remove %s: %w", p, rerr))
			continue
		}
		removed = append(removed, p)
	}
	_ = os.Remove(store.Dir) // only succeeds when empty
	return removed, err
}

func writeForget(w io.Writer, out forgetJSON, path string) {
	for _, e := range out.KeyringEntries {
		fmt.Fprintf(w, "  ✓ Removed the %s from your system keyring\n", e)
	}
	for _, p := range out.ProgressFiles {
		fmt.Fprintf(w, "  ✓ Removed the progress file %s\n", p)
	}
	if out.KeyringUnavailable != "" {
		fmt.Fprintf(w, "  ? Your system keyring could not be asked (%s): entries made where it answers are still there; run forget again there.\n", out.KeyringUnavailable)
	}
	if len(out.KeyringEntries) == 0 && len(out.ProgressFiles) == 0 {
		fmt.Fprintf(w, "Nothing to forget: no keyring entry of justt-onboard and no progress file (%s).\n", path)
		return
	}
	fmt.Fprintln(w, "\nForgotten. Your key and webhook endpoint are still in your Stripe account; revoke them there if you no longer want Justt to use them.")
}

func writeForgetJSON(w io.Writer, out forgetJSON) {
	enc := json.NewEncoder(w)
	enc.SetIndent("", "  ")
	_ = enc.Encode(out)
}

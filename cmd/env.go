// Package cmd wires the cobra commands: the wizard (no subcommand), demo,
// check, steps and webhook. Each command has an options struct and a run
// function; all I/O goes through Env so tests can drive them.
//
// cmd never accepts a secret in a flag: secrets come from the environment,
// standard input, or the wizard's masked prompts.
package cmd

import (
	"bufio"
	"context"
	"fmt"
	"io"
	"os"
	"slices"
	"strings"

	"github.com/charmbracelet/x/term"
	"github.com/justt-ai/justt-onboard/stripecheck"
)

// Env is the outside world a command sees.
type Env struct {
	Stdin  io.Reader
	Stdout io.Writer
	Stderr io.Writer
	Getenv func(string) string
	// IsSet tells a variable set to nothing from one not set at all (nil:
	// empty counts as not set).
	IsSet func(string) bool
	// Interactive reports whether stdin and stdout are both terminals.
	Interactive func() bool
	// OutputWidth is the width in columns of the terminal Stdout writes
	// to, or 0 when Stdout is not a terminal (piped output is not wrapped).
	// Nil counts as 0.
	OutputWidth func() int
	// Version is the bare version ("1.2.3", "dev"): what goes on the wire,
	// in Justt's User-Agent and body ("justt-onboard/<version>") and in a
	// webhook endpoint's justt_onboard_version metadata.
	Version string
	// VersionText is what --version prints: the version with the commit
	// and build date when known. Only the screen sees it; empty means
	// Version.
	VersionText string
}

// SecretVars are the environment variables that may hold a secret.
var SecretVars = []string{"STRIPE_API_KEY", envSetupKey, "STRIPE_WEBHOOK_SECRET", "JUSTT_ONBOARDING_TOKEN"}

// OSEnv is the real process environment. The secrets among it (SecretVars)
// are read once, here, and removed from the process environment, so no
// child process inherits them (stripe-go runs uname by name, a browser or
// clipboard helper may be started): only this Env still answers for them.
func OSEnv(version string) *Env {
	isSet := secretsSet(os.LookupEnv) // before takeSecrets removes them
	return &Env{
		Stdin: os.Stdin, Stdout: os.Stdout, Stderr: os.Stderr,
		Getenv: takeSecrets(os.Getenv, os.Unsetenv),
		IsSet:  isSet,
		Interactive: func() bool {
			return term.IsTerminal(os.Stdin.Fd()) && term.IsTerminal(os.Stdout.Fd())
		},
		OutputWidth: terminalWidth(os.Stdout),
		Version:     version,
	}
}

// secretsSet answers whether a variable is set, even to nothing: for
// SecretVars, as they were when the process started (takeSecrets then
// removes them); others as they are now. It keeps no value.
func secretsSet(lookup func(string) (string, bool)) func(string) bool {
	set := map[string]bool{}
	for _, name := range SecretVars {
		_, set[name] = lookup(name)
	}
	return func(name string) bool {
		if slices.Contains(SecretVars, name) {
			return set[name]
		}
		_, ok := lookup(name)
		return ok
	}
}

// takeSecrets reads SecretVars with getenv, removes them with unsetenv,
// and returns a getenv that still answers for them.
func takeSecrets(getenv func(string) string, unsetenv func(string) error) func(string) string {
	taken := map[string]string{}
	for _, name := range SecretVars {
		if v := getenv(name); v != "" {
			taken[name] = v
		}
		_ = unsetenv(name)
	}
	return func(name string) string {
		if v, ok := taken[name]; ok {
			return v
		}
		return getenv(name)
	}
}

// exitError carries an exit code out of a command without printing twice.
type exitError struct {
	code int
	msg  string // printed to stderr when not empty
}

func (e *exitError) Error() string { return e.msg }

// usageErr is exit 2 with a message.
func usageErr(format string, args ...any) error {
	return &exitError{code: stripecheck.ExitUsage, msg: fmt.Sprintf(format, args...)}
}

// exitCode ends a command with code and nothing more to print.
func exitCode(code int) error {
	if code == 0 {
		return nil
	}
	return &exitError{code: code}
}

// stripeFlags are the Stripe endpoint flags shared by check, webhook and the wizard.
type stripeFlags struct {
	APIURL     string
	UploadsURL string
}

// secretSource says where one secret may come from: an environment variable
// or, when the named flag is set, the first line of standard input.
type secretSource struct {
	EnvVar    string
	FromStdin bool
	StdinFlag string
	// Noun names the secret in prompts and errors ("key" when empty).
	Noun string
}

func (s secretSource) noun() string {
	if s.Noun == "" {
		return "key"
	}
	return s.Noun
}

// maxSecretLine bounds what is read from standard input for one secret:
// a Stripe key is about 110 characters, so anything longer than this is not
// one (and a terminal's line is bounded by the kernel anyway, 4095 bytes on
// Linux).
const maxSecretLine = 4096

// read returns the raw secret and whether one was given. The value is never
// echoed or put in an error. When standard input is a terminal, the key is
// read with echo off, so a pasted key never lands in the scrollback. A
// signal (ctx ending) stops the read at once and restores the terminal.
func (s secretSource) read(ctx context.Context, env *Env) (string, bool, error) {
	if s.FromStdin {
		line, err := s.readStdin(ctx, env)
		if ctx.Err() != nil {
			return "", false, context.Cause(ctx)
		}
		if err != nil && err != io.EOF {
			return "", false, usageErr("could not read the %s from standard input (%s): %v", s.noun(), s.StdinFlag, err)
		}
		if len(line) > maxSecretLine {
			return "", false, usageErr("the first line of standard input (%s) is longer than %d characters, far longer than a Stripe key: pipe in only the key, e.g. `printenv %s | justt-onboard … %s`", s.StdinFlag, maxSecretLine, s.EnvVar, s.StdinFlag)
		}
		if strings.TrimSpace(line) == "" {
			return "", false, usageErr("%s was given but standard input was empty: pipe the %s in, e.g. `printenv %s | justt-onboard … %s`", s.StdinFlag, s.noun(), s.EnvVar, s.StdinFlag)
		}
		return line, true, nil
	}
	// A variable holding only white space is as good as unset (missing
	// says it was set).
	if v := env.Getenv(s.EnvVar); strings.TrimSpace(v) != "" {
		return v, true, nil
	}
	return "", false, nil
}

// missing is the usage error for a secret not given, saying first when its
// variable is set to nothing: the usual CI slip (a secret missing from the
// job's settings expands to ""), which "not given" alone would hide.
func (s secretSource) missing(env *Env, format string, args ...any) error {
	msg := fmt.Sprintf(format, args...)
	if env.IsSet != nil && env.IsSet(s.EnvVar) {
		msg = s.EnvVar + " is set but empty (in CI, check that the secret exists and is passed to this job's environment). " +
			strings.ToUpper(msg[:1]) + msg[1:]
	}
	return usageErr("%s", msg)
}

// readStdin reads one line, at most maxSecretLine+1 bytes of it, giving up
// when ctx ends: a blocked read cannot be interrupted, so it is left
// behind, and the terminal's settings are put back by hand.
func (s secretSource) readStdin(ctx context.Context, env *Env) (string, error) {
	type result struct {
		line string
		err  error
	}
	done := make(chan result, 1)
	restore, onTerminal := func() {}, false
	if f, ok := env.Stdin.(*os.File); ok && term.IsTerminal(f.Fd()) {
		state, err := term.GetState(f.Fd())
		if err != nil {
			return "", fmt.Errorf("reading the terminal's settings: %w", err)
		}
		restore, onTerminal = func() { _ = term.Restore(f.Fd(), state) }, true
		fmt.Fprintf(env.Stderr, "Paste the %s for %s (it is not shown) and press enter: ", s.noun(), s.StdinFlag)
		go func() {
			b, err := term.ReadPassword(f.Fd())
			done <- result{string(b), err}
		}()
	} else {
		go func() {
			line, err := bufio.NewReader(io.LimitReader(env.Stdin, maxSecretLine+1)).ReadString('\n')
			done <- result{line, err}
		}()
	}
	select {
	case r := <-done:
		if onTerminal {
			fmt.Fprintln(env.Stderr)
		}
		return r.line, r.err
	case <-ctx.Done():
		restore()
		if onTerminal {
			fmt.Fprintln(env.Stderr)
		}
		return "", context.Cause(ctx)
	}
}

// Package cmd wires the cobra commands: the wizard (no subcommand), demo,
// check, steps and webhook. Each command has an options struct and a run
// function; all I/O goes through Env so tests can drive them.
//
// cmd never accepts a secret in a flag: secrets come from the environment,
// standard input, or the wizard's masked prompts.
package cmd

import (
	"bufio"
	"fmt"
	"io"
	"os"
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
	// Interactive reports whether stdin and stdout are both terminals.
	Interactive func() bool
	// OutputWidth is the width in columns of the terminal Stdout writes
	// to, or 0 when Stdout is not a terminal (piped output is not wrapped).
	// Nil counts as 0.
	OutputWidth func() int
	Version     string
}

// OSEnv is the real process environment.
func OSEnv(version string) *Env {
	return &Env{
		Stdin: os.Stdin, Stdout: os.Stdout, Stderr: os.Stderr,
		Getenv: os.Getenv,
		Interactive: func() bool {
			return term.IsTerminal(os.Stdin.Fd()) && term.IsTerminal(os.Stdout.Fd())
		},
		OutputWidth: terminalWidth(os.Stdout),
		Version:     version,
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

// read returns the raw secret and whether one was given. The value is never
// echoed or put in an error. When standard input is a terminal, the key is
// read with echo off, so a pasted key never lands in the scrollback.
func (s secretSource) read(env *Env) (string, bool, error) {
	if s.FromStdin {
		line, err := s.readStdin(env)
		if err != nil && err != io.EOF {
			return "", false, usageErr("could not read the %s from standard input (%s): %v", s.noun(), s.StdinFlag, err)
		}
		if strings.TrimSpace(line) == "" {
			return "", false, usageErr("%s was given but standard input was empty: pipe the %s in, e.g. `printenv %s | justt-onboard … %s`", s.StdinFlag, s.noun(), s.EnvVar, s.StdinFlag)
		}
		return line, true, nil
	}
	// A variable holding only white space is as good as unset.
	if v := env.Getenv(s.EnvVar); strings.TrimSpace(v) != "" {
		return v, true, nil
	}
	return "", false, nil
}

func (s secretSource) readStdin(env *Env) (string, error) {
	if f, ok := env.Stdin.(*os.File); ok && term.IsTerminal(f.Fd()) {
		fmt.Fprintf(env.Stderr, "Paste the %s for %s (it is not shown) and press enter: ", s.noun(), s.StdinFlag)
		b, err := term.ReadPassword(f.Fd())
		fmt.Fprintln(env.Stderr)
		return string(b), err
	}
	return bufio.NewReader(env.Stdin).ReadString('\n')
}

package cmd

import (
	"errors"
	"fmt"
	"regexp"
	"strings"

	"github.com/justt-ai/justt-onboard/stripecheck"
	"github.com/spf13/cobra"
	"github.com/spf13/pflag"
)

// Usage errors (exit 2) for mistyped commands, flags that look like they
// take a key, and bad flag values. None of them ever echoes what may be a
// secret: a key typed as a flag value or an argument is never repeated.

// unknownCommand refuses an argument where c expects a subcommand, with
// cobra's suggestions ("did you mean check?").
func unknownCommand(c *cobra.Command, arg string) error {
	if looksLikeKey(arg) {
		return usageErr("%q got a key as an argument, and keys are never taken on the command line: %s (it was not used or stored)", c.CommandPath(), keyAdvice(c, ""))
	}
	msg := fmt.Sprintf("unknown command %q for %q", arg, c.CommandPath())
	if c.SuggestionsMinimumDistance <= 0 {
		c.SuggestionsMinimumDistance = 2 // cobra's own default, set only on its legacy path
	}
	if s := c.SuggestionsFor(arg); len(s) > 0 {
		msg += "; did you mean " + quoteAll(s) + "?"
	}
	return usageErr("%s (run '%s --help' for the commands)", msg, c.CommandPath())
}

// strayArgument refuses an argument to a command that takes none.
func strayArgument(c *cobra.Command, arg string) error {
	if looksLikeKey(arg) {
		return usageErr("%q takes no arguments, and keys are never taken on the command line: %s (it was not used or stored)", c.CommandPath(), keyAdvice(c, ""))
	}
	return usageErr("%q takes no arguments (got %q); run '%s --help'", c.CommandPath(), arg, c.CommandPath())
}

func quoteAll(names []string) string {
	q := make([]string, len(names))
	for i, n := range names {
		q[i] = fmt.Sprintf("%q", n)
	}
	return strings.Join(q, " or ")
}

// needsSubcommand is the RunE of a command that only groups others: run
// alone it is a usage error, never help with exit 0 (a CI gate with a typo
// must fail).
func needsSubcommand(c *cobra.Command, _ []string) error {
	var names []string
	for _, sub := range c.Commands() {
		if sub.IsAvailableCommand() {
			names = append(names, sub.Name())
		}
	}
	return usageErr("%q needs a command: %s (run '%s --help')", c.CommandPath(), strings.Join(names, " or "), c.CommandPath())
}

// flagUsageErr turns a flag parsing error into a usage error that says
// what to do, without repeating a flag's value.
func flagUsageErr(c *cobra.Command, err error) error {
	var notExist *pflag.NotExistError
	var invalid *pflag.InvalidValueError
	switch {
	case errors.As(err, &notExist) && secretFlagName(notExist.GetSpecifiedName()):
		return usageErr("unknown flag --%s: keys are never taken as flags: %s", notExist.GetSpecifiedName(), keyAdvice(c, notExist.GetSpecifiedName()))
	case errors.As(err, &invalid) && invalid.GetFlag() != nil:
		return usageErr("%s (run '%s --help')", invalidValue(c, invalid.GetFlag()), c.CommandPath())
	}
	return usageErr("%v (run '%s --help')", err, c.CommandPath())
}

// invalidValue explains a flag given a value it cannot take. The value is
// not repeated: given to a switch such as --api-key-stdin it is often the
// key itself.
func invalidValue(c *cobra.Command, f *pflag.Flag) string {
	switch f.Value.Type() {
	case "bool":
		msg := fmt.Sprintf("--%s is a switch and takes no value; the value given was not used or shown", f.Name)
		if strings.HasSuffix(f.Name, "-stdin") {
			msg += fmt.Sprintf(". It reads the key from standard input, e.g. printenv %s | %s --%s", stdinVariable(c), c.CommandPath(), f.Name)
		}
		return msg
	case "duration":
		return fmt.Sprintf("--%s takes a duration such as 20s or 1m; the value given is not one", f.Name)
	case "url":
		// urlFlag refuses only an empty value, and says so.
		return fmt.Sprintf("--%s: an empty URL is not allowed (is the variable that should hold it unset?); leave the flag out to use Stripe's own address", f.Name)
	}
	return fmt.Sprintf("--%s cannot take the value given (not shown)", f.Name)
}

// secretFlagName is true for a flag name that suggests it carries a key,
// secret or token: --api-key, --key, --setup-key, --webhook-secret, --token…
func secretFlagName(name string) bool {
	n := strings.ToLower(name)
	for _, w := range []string{"key", "secret", "token", "password", "passwd", "whsec", "credential"} {
		if strings.Contains(n, w) {
			return true
		}
	}
	return false
}

// keyAdvice says how c takes the secret a flag named flagName would have
// carried ("" for any key).
func keyAdvice(c *cobra.Command, flagName string) string {
	n := strings.ToLower(flagName)
	switch c.Name() {
	case "check":
		if strings.Contains(n, "webhook") || strings.Contains(n, "whsec") || strings.Contains(n, "signing") {
			return "use STRIPE_WEBHOOK_SECRET for the webhook signing secret"
		}
		return "use STRIPE_API_KEY or --api-key-stdin"
	case "register", "verify", "webhook":
		return "use " + envSetupKey + " or --setup-key-stdin"
	case "steps":
		return "steps needs no key"
	case "submit":
		if strings.Contains(n, "token") {
			return "use JUSTT_ONBOARDING_TOKEN or --token-stdin for the Justt onboarding token"
		}
		if strings.Contains(n, "webhook") || strings.Contains(n, "whsec") || strings.Contains(n, "signing") {
			return "use STRIPE_WEBHOOK_SECRET for the webhook signing secret"
		}
		return "use STRIPE_API_KEY (or the key the wizard kept in your keyring)"
	}
	return "paste the key into the wizard at step 11 (it is never shown), or check it with STRIPE_API_KEY=… justt-onboard check"
}

// stdinVariable is the variable an example pipes into c's -stdin flag.
func stdinVariable(c *cobra.Command) string {
	if c.Name() == "check" {
		return "STRIPE_API_KEY"
	}
	return envSetupKey
}

// looksLikeKey is true for an argument that is a Stripe key or signing
// secret of any kind (rk_, sk_, pk_, whsec_, or a newer prefix).
func looksLikeKey(arg string) bool {
	if keyPrefix.MatchString(strings.TrimSpace(arg)) {
		return true
	}
	k, err := stripecheck.ParseKey(arg)
	return err == nil && k.Kind() != stripecheck.Unrecognized
}

// keyPrefix catches a key ParseKey would refuse (a stray character in it).
var keyPrefix = regexp.MustCompile(`^[A-Za-z]{2,6}_(live|test)_|^whsec_`)

// newHelpCmd replaces cobra's help command, which answers an unknown topic
// with the root's help and exit 0: `help chek` is a usage error with a
// suggestion, like `chek`.
func newHelpCmd(root *cobra.Command) *cobra.Command {
	return &cobra.Command{
		Use:   "help [command]",
		Short: "Help about any command",
		RunE: func(c *cobra.Command, args []string) error {
			target, rest, err := root.Find(args)
			if err != nil || target == nil {
				return usageErr("no help for %q (run '%s --help' for the commands)", strings.Join(args, " "), root.CommandPath())
			}
			if len(rest) > 0 {
				if target.HasSubCommands() {
					return unknownCommand(target, rest[0])
				}
				return strayArgument(target, rest[0])
			}
			target.InitDefaultHelpFlag()
			return target.Help()
		},
	}
}

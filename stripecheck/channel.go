package stripecheck

import "strings"

// KeySource is where a secret under check came from, so that a fix asking
// for it again speaks to that channel: a CI user is told which variable to
// set, never to "paste the key again". The zero value is the wizard, where
// keys are pasted.
type KeySource struct {
	// Variable is the environment variable the secret was read from
	// (STRIPE_API_KEY).
	Variable string
	// StdinFlag is the flag that read it from standard input
	// (--api-key-stdin); it wins over Variable.
	StdinFlag string
}

// FromEnvironment is a secret read from the variable name.
func FromEnvironment(name string) KeySource { return KeySource{Variable: name} }

// FromStandardInput is a secret read from standard input by flag.
func FromStandardInput(flag string) KeySource { return KeySource{StdinFlag: flag} }

// Give says how to hand thing over again through this channel:
// "paste it", "set STRIPE_API_KEY to it", "pipe it in with --api-key-stdin".
func (s KeySource) Give(thing string) string {
	switch {
	case s.StdinFlag != "":
		return "pipe " + thing + " in with " + s.StdinFlag
	case s.Variable != "":
		return "set " + s.Variable + " to " + thing
	}
	return "paste " + thing
}

// FixFor is the error's fix, told through src.
func (e *KeyError) FixFor(src KeySource) string {
	return strings.ReplaceAll(e.Fix, "paste it again", src.Give("it")+" again")
}

package cmd

import "github.com/justt-ai/justt-onboard/stripecheck"

// channel is where s reads its secret from, for fixes that ask for it again.
func (s secretSource) channel() stripecheck.KeySource {
	if s.FromStdin {
		return stripecheck.FromStandardInput(s.StdinFlag)
	}
	return stripecheck.FromEnvironment(s.EnvVar)
}

package cmd

import (
	"context"

	"github.com/spf13/cobra"
	"github.com/spf13/pflag"
)

func addWizardFlags(c *cobra.Command) {}

func runWizard(ctx context.Context, env *Env, sf *stripeFlags, flags *pflag.FlagSet) error {
	return usageErr("not yet")
}

func newDemoCmd(env *Env) *cobra.Command { return &cobra.Command{Use: "demo"} }

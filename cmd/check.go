package cmd

import "github.com/spf13/cobra"

func newCheckCmd(env *Env, sf *stripeFlags) *cobra.Command { return &cobra.Command{Use: "check"} }

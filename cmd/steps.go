package cmd

import "github.com/spf13/cobra"

func newStepsCmd(env *Env) *cobra.Command { return &cobra.Command{Use: "steps"} }

package cmd

import (
	"github.com/justt-ai/justt-onboard/steps"
	"github.com/spf13/cobra"
)

func newStepsCmd(env *Env) *cobra.Command {
	var markdown bool
	c := &cobra.Command{
		Use:   "steps",
		Short: "Print the 18 steps of the Stripe integration guide",
		Args:  noArgs,
		RunE: func(*cobra.Command, []string) error {
			if markdown {
				return steps.WriteMarkdown(env.Stdout)
			}
			return steps.WriteText(env.Stdout)
		},
	}
	c.Flags().BoolVar(&markdown, "markdown", false, "print Markdown instead of plain text")
	return c
}

package cmd

import "github.com/spf13/cobra"

// newWebhookCmd is `webhook register` and `webhook verify` (stub).
func newWebhookCmd(env *Env, sf *stripeFlags) *cobra.Command {
	return &cobra.Command{Use: "webhook", Short: "Register or verify the charge.succeeded webhook"}
}

// Command justt-onboard connects a merchant's Stripe account to Justt: an
// interactive wizard, a demo on a built-in sandbox, and non-interactive
// check, webhook and steps commands for CI.
package main

import (
	"context"
	"os"
	"os/signal"
	"syscall"

	"github.com/justt-ai/justt-onboard/cmd"
)

// version is set at build time with -ldflags "-X main.version=…".
var version = "dev"

func main() {
	os.Exit(run())
}

func run() int {
	// ctrl+c, a terminal closing (HUP) and kill (TERM) all cancel the run
	// cleanly: a long `check --watch` or the wizard ends as interrupted.
	ctx, stop := signal.NotifyContext(context.Background(), os.Interrupt, syscall.SIGTERM, syscall.SIGHUP)
	defer stop()
	return cmd.Execute(ctx, cmd.OSEnv(version), os.Args[1:])
}

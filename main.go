// Command justt-onboard connects a merchant's Stripe account to Justt: an
// interactive wizard, a demo on a built-in sandbox, and non-interactive
// check, webhook and steps commands for CI.
package main

import (
	"context"
	"io"
	"log"
	"os"

	"github.com/justt-ai/justt-onboard/cmd"
	"github.com/justt-ai/justt-onboard/internal/interrupt"
)

// version is set at build time with -ldflags "-X main.version=…".
var version = "dev"

func main() {
	os.Exit(run())
}

func run() int {
	// net/http logs a misbehaving server's bytes raw to stderr through the
	// standard logger ("Unsolicited response received on idle HTTP
	// channel…"); nothing here logs on purpose, so the logger says nothing.
	log.SetOutput(io.Discard)
	// SIGINT, SIGTERM and SIGHUP alike cancel the run; Execute turns the
	// signal into the exit code.
	ctx, stop := interrupt.Notify(context.Background())
	defer stop()
	return cmd.Execute(ctx, cmd.OSEnv(version), os.Args[1:])
}

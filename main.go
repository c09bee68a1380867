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
	"github.com/justt-ai/justt-onboard/internal/buildstamp"
)

// Set by tools/release with -ldflags "-X main.version=… -X main.commit=…
// -X main.date=…"; empty in other builds, which then name themselves from
// Go's build info (see internal/buildstamp).
var (
	version string
	commit  string
	date    string
)

func main() {
	os.Exit(run())
}

func run() int {
	// ctrl+c, a terminal closing (HUP) and kill (TERM) all cancel the run
	// cleanly: a long `check --watch` or the wizard ends as interrupted.
	ctx, stop := signal.NotifyContext(context.Background(), os.Interrupt, syscall.SIGTERM, syscall.SIGHUP)
	defer stop()
	build := buildstamp.Describe(buildstamp.Stamp{Version: version, Commit: commit, Date: date})
	return cmd.Execute(ctx, cmd.OSEnv(build), os.Args[1:])
}

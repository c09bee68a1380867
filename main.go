// Command justt-onboard connects a merchant's Stripe account to Justt: an
// interactive wizard, a demo on a built-in sandbox, and non-interactive
// check, webhook and steps commands for CI.
package main

import (
	"context"
	"io"
	"log"
	"os"
	"strings"

	"github.com/justt-ai/justt-onboard/cmd"
	"github.com/justt-ai/justt-onboard/internal/buildstamp"
	"github.com/justt-ai/justt-onboard/internal/interrupt"
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
	// net/http logs a misbehaving server's bytes raw to stderr through the
	// standard logger ("Unsolicited response received on idle HTTP
	// channel…"); nothing here logs on purpose, so the logger says nothing.
	log.SetOutput(io.Discard)
	// SIGINT, SIGTERM and SIGHUP alike cancel the run; Execute turns the
	// signal into the exit code.
	ctx, stop := interrupt.Notify(context.Background())
	defer stop()
	wire, text := versions(buildstamp.Stamp{Version: version, Commit: commit, Date: date})
	env := cmd.OSEnv(wire)
	env.VersionText = text
	return cmd.Execute(ctx, env, os.Args[1:])
}

// versions names this build twice: wire is the bare version ("1.2.3",
// "dev", "v0.4.0") that Justt's User-Agent and the webhook metadata carry
// (docs/justt-api.md: justt-onboard/<version>); text is the --version line,
// with the commit and build date, for the screen only.
func versions(s buildstamp.Stamp) (wire, text string) {
	text = buildstamp.Describe(s)
	wire, _, _ = strings.Cut(text, " (")
	return wire, text
}

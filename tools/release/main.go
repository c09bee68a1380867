// Command release builds justt-onboard's release artifacts into one folder:
// an archive per platform (binary, README.md, LICENSE), .deb and .rpm
// packages, a CycloneDX SBOM per binary, a Homebrew formula and SHA256SUMS
// over all of them. The same commit built twice gives the same bytes: every
// time inside an artifact is the commit time, entries are sorted, and the Go
// build is stamped from git with -trimpath and an empty build id.
//
//	go run ./tools/release --snapshot --out DIR   # any commit: a snapshot version
//	go run ./tools/release --out DIR              # HEAD must carry a vX.Y.Z tag, tree clean
//
// It never publishes, uploads or signs anything, never reads a secret, and
// never writes outside --out (which must be new or empty).
package main

import (
	"context"
	"errors"
	"flag"
	"fmt"
	"io"
	"net/url"
	"os"
	"os/signal"
	"strings"
	"syscall"

	"github.com/justt-ai/justt-onboard/internal/httpsafe"
)

func main() {
	ctx, stop := signal.NotifyContext(context.Background(), os.Interrupt, syscall.SIGTERM, syscall.SIGHUP)
	defer stop()
	os.Exit(run(ctx, os.Args[1:], os.Stdout, os.Stderr))
}

// usageError is a bad flag or argument: exit 2.
type usageError struct{ msg string }

func (e *usageError) Error() string { return e.msg }

func run(ctx context.Context, args []string, stdout, stderr io.Writer) int {
	opts, err := parseFlags(args, stderr)
	if errors.Is(err, flag.ErrHelp) {
		return 0
	}
	if err != nil {
		fmt.Fprintln(stderr, "release:", err)
		return 2
	}
	res, err := Build(ctx, opts, stdout)
	if err != nil && ctx.Err() != nil {
		fmt.Fprintf(stderr, "release: interrupted; %s may hold a partial release: remove it before building again\n", opts.Out)
		return 130
	}
	if err != nil {
		fmt.Fprintln(stderr, "release:", err)
		var ue *usageError
		if errors.As(err, &ue) {
			return 2
		}
		return 1
	}
	fmt.Fprintf(stdout, "release %s (commit %s) in %s: %d files, see SHA256SUMS\n", res.Version, short(res.Commit), opts.Out, len(res.Files))
	return 0
}

func parseFlags(args []string, stderr io.Writer) (Options, error) {
	var opts Options
	fs := flag.NewFlagSet("release", flag.ContinueOnError)
	fs.SetOutput(stderr)
	fs.BoolVar(&opts.Snapshot, "snapshot", false, "build any commit (dirty trees too) with a snapshot version; without it HEAD must carry a vX.Y.Z tag and the tree must be clean")
	fs.StringVar(&opts.Out, "out", "", "folder for the artifacts; must not exist or be empty (required)")
	targets := fs.String("targets", strings.Join(AllTargets, ","), "comma-separated os/arch list to build")
	fs.StringVar(&opts.DownloadURL, "download-url", DefaultDownloadURL, "where the formula downloads archives from; {version} is replaced by the version")
	fs.Usage = func() {
		fmt.Fprintln(stderr, "usage: go run ./tools/release [--snapshot] --out DIR [--targets os/arch,...] [--download-url URL]")
		fs.PrintDefaults()
	}
	if err := fs.Parse(args); err != nil {
		return opts, err
	}
	if fs.NArg() > 0 {
		return opts, fmt.Errorf("unexpected argument %q (run with --help)", fs.Arg(0))
	}
	if strings.TrimSpace(opts.Out) == "" {
		return opts, errors.New("--out DIR is required: the folder to write the release into")
	}
	ts, err := parseTargets(*targets)
	if err != nil {
		return opts, err
	}
	opts.Targets = ts
	if u, err := url.Parse(opts.DownloadURL); err != nil || u.Host == "" || u.User != nil ||
		!(u.Scheme == "https" || u.Scheme == "http" && httpsafe.IsLoopback(u.Hostname())) {
		return opts, fmt.Errorf("--download-url must be an https URL (plain http only on a loopback host; got %q)", opts.DownloadURL)
	}
	return opts, nil
}

func short(commit string) string {
	if len(commit) > 12 {
		return commit[:12]
	}
	return commit
}

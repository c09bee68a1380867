// Package interrupt turns SIGINT, SIGTERM and SIGHUP alike into the
// cancellation of one context whose cause names the signal, so every
// command and the wizard stop the same way: cancel, clean up, restore the
// terminal, and exit 128+signal (130 for ctrl+c).
//
// interrupt never exits the process and never prints: the caller decides
// what a stop means and says it once.
package interrupt

import (
	"context"
	"errors"
	"os"
	"os/signal"
	"syscall"
)

// Signals are the signals that stop a run: ctrl+c, kill's default, and a
// closed terminal or SSH session.
var Signals = []os.Signal{os.Interrupt, syscall.SIGTERM, syscall.SIGHUP}

// Stopped is the cause of a context cancelled by a signal.
type Stopped struct{ Signal os.Signal }

func (s *Stopped) Error() string { return "stopped by " + Name(s.Signal) }

// Is makes errors.Is(err, context.Canceled) true, as for any cancellation.
func (s *Stopped) Is(target error) bool { return target == context.Canceled }

// ExitCode is 128 plus the signal's number: 130 for SIGINT, 143 for
// SIGTERM, 129 for SIGHUP.
func (s *Stopped) ExitCode() int {
	if n, ok := s.Signal.(syscall.Signal); ok {
		return 128 + int(n)
	}
	return 130
}

// Name is SIGINT, SIGTERM, SIGHUP or the signal's own description.
func Name(sig os.Signal) string {
	switch sig {
	case os.Interrupt:
		return "SIGINT"
	case syscall.SIGTERM:
		return "SIGTERM"
	case syscall.SIGHUP:
		return "SIGHUP"
	}
	return sig.String()
}

// Notify returns a context cancelled, with a *Stopped cause, by the first of
// Signals to arrive. After that first one the signals are no longer caught,
// so a second ctrl+c ends a stuck run the usual way. stop releases the
// signals and cancels the context.
func Notify(parent context.Context) (ctx context.Context, stop func()) {
	ctx, cancel := context.WithCancelCause(parent)
	ch := make(chan os.Signal, 1)
	signal.Notify(ch, Signals...)
	go func() {
		select {
		case sig := <-ch:
			signal.Stop(ch)
			cancel(&Stopped{Signal: sig})
		case <-ctx.Done():
		}
	}()
	return ctx, func() {
		signal.Stop(ch)
		cancel(nil)
	}
}

// Cause returns the *Stopped that cancelled ctx, or nil when ctx was not
// stopped by a signal.
func Cause(ctx context.Context) *Stopped {
	var s *Stopped
	if errors.As(context.Cause(ctx), &s) {
		return s
	}
	return nil
}

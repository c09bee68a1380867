//go:build unix

package interrupt

import (
	"context"
	"errors"
	"os"
	"syscall"
	"testing"
)

// TestEachSignalCancelsWithItsExitCode sends each signal to this process:
// the context ends with that signal as its cause and the right exit code.
func TestEachSignalCancelsWithItsExitCode(t *testing.T) {
	for _, tt := range []struct {
		sig  syscall.Signal
		code int
	}{{syscall.SIGINT, 130}, {syscall.SIGTERM, 143}, {syscall.SIGHUP, 129}} {
		t.Run(Name(tt.sig), func(t *testing.T) {
			ctx, stop := Notify(context.Background())
			defer stop()
			if err := syscall.Kill(os.Getpid(), tt.sig); err != nil {
				t.Fatal(err)
			}
			<-ctx.Done()
			s := Cause(ctx)
			if s == nil || s.Signal != tt.sig || s.ExitCode() != tt.code {
				t.Fatalf("cause %v, want %s with exit code %d", context.Cause(ctx), Name(tt.sig), tt.code)
			}
			if !errors.Is(context.Cause(ctx), context.Canceled) {
				t.Error("a stop is not a context.Canceled")
			}
		})
	}
}

func TestStopIsNotASignal(t *testing.T) {
	ctx, stop := Notify(context.Background())
	stop()
	<-ctx.Done()
	if Cause(ctx) != nil {
		t.Fatalf("stop() reported a signal: %v", context.Cause(ctx))
	}
}

package cmd

import (
	"bytes"
	"context"
	"strings"
	"testing"
)

// testEnv is an Env with buffers, no terminal unless asked, and a fixed
// environment.
func testEnv(stdin string, interactive bool, vars map[string]string) (*Env, *bytes.Buffer, *bytes.Buffer) {
	var out, errb bytes.Buffer
	return &Env{
		Stdin: strings.NewReader(stdin), Stdout: &out, Stderr: &errb,
		Getenv:      func(k string) string { return vars[k] },
		Interactive: func() bool { return interactive },
		Version:     "test",
	}, &out, &errb
}

func TestExitCodes(t *testing.T) {
	cancelled, cancel := context.WithCancel(context.Background())
	cancel()
	tests := []struct {
		name        string
		ctx         context.Context
		args        []string
		interactive bool
		want        int
		stderr      string
	}{
		{"version", context.Background(), []string{"--version"}, false, 0, ""},
		{"unknown flag", context.Background(), []string{"steps", "--nope"}, false, 2, "unknown flag: --nope"},
		{"unknown command", context.Background(), []string{"chekc"}, false, 2, `unknown command "chekc"`},
		{"wizard without a terminal", context.Background(), nil, false, 2, "justt-onboard check"},
		// The accessible demo reads its answers from stdin; input that ends
		// early is a failure of the run (1), not a usage error.
		{"input ends mid-wizard", context.Background(), []string{"demo", "--accessible"}, true, 1, "justt-onboard:"},
		{"interrupted", cancelled, []string{"demo", "--accessible"}, true, 130, ""},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			env, _, errb := testEnv("", tt.interactive, nil)
			if got := Execute(tt.ctx, env, tt.args); got != tt.want {
				t.Fatalf("exit %d, want %d; stderr:\n%s", got, tt.want, errb)
			}
			if !strings.Contains(errb.String(), tt.stderr) {
				t.Errorf("stderr %q lacks %q", errb, tt.stderr)
			}
			if tt.want != 2 && strings.Contains(errb.String(), "--help") {
				t.Errorf("a runtime failure points to --help as if it were a usage error: %q", errb)
			}
		})
	}
}

package main

import (
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"testing"

	"github.com/justt-ai/justt-onboard/internal/testtool"
	"go.yaml.in/yaml/v3"
)

// actionStep is one step of the composite action in action.yml.
type actionStep struct {
	Name  string            `yaml:"name"`
	ID    string            `yaml:"id"`
	Shell string            `yaml:"shell"`
	Env   map[string]string `yaml:"env"`
	Run   string            `yaml:"run"`
}

func actionSteps(t *testing.T) []actionStep {
	t.Helper()
	raw, err := os.ReadFile("../../action.yml")
	if err != nil {
		t.Fatal(err)
	}
	var action struct {
		Runs struct {
			Using string       `yaml:"using"`
			Steps []actionStep `yaml:"steps"`
		} `yaml:"runs"`
	}
	if err := yaml.Unmarshal(raw, &action); err != nil {
		t.Fatal(err)
	}
	if action.Runs.Using != "composite" {
		t.Fatalf("action.yml runs using %q, want composite", action.Runs.Using)
	}
	return action.Runs.Steps
}

// TestActionCheckStep runs the action's check step as GitHub would (bash
// -eo pipefail, GITHUB_OUTPUT, the key in STRIPE_API_KEY) against a stand-in
// justt-onboard that exits with a chosen code, and reads what the job sees.
func TestActionCheckStep(t *testing.T) {
	bash := testtool.Need(t, "bash", "GitHub runs the action's steps with bash")
	var check *actionStep
	steps := actionSteps(t)
	for i := range steps {
		if steps[i].ID == "check" {
			check = &steps[i]
		}
	}
	if check == nil {
		t.Fatal("action.yml has no step with id: check")
	}
	if check.Shell != "bash" || !strings.Contains(check.Env["STRIPE_API_KEY"], "inputs.stripe-api-key") {
		t.Fatalf("the check step must run in bash with STRIPE_API_KEY from the input; got shell %q env %v", check.Shell, check.Env)
	}
	if strings.Contains(check.Run, "${{") {
		t.Error("the check step's script expands ${{ }} itself; pass values through env (script injection)")
	}

	for _, tc := range []struct {
		name     string
		live     string
		toolExit string
		wantExit int
		wantOut  string
		wantArgs string
	}{
		{"ready", "false", "0", 0, "", "check"},
		{"not ready fails the job", "false", "1", 1, "::error title=Justt key check failed::", "check"},
		{"undecided warns", "false", "3", 0, "::warning title=Justt key check undecided::", "check"},
		{"usage fails the job", "", "2", 2, "::error", "check"},
		{"live", "true", "0", 0, "", "check --live"},
		{"bad live value", "yes", "0", 2, "live must be", ""},
	} {
		t.Run(tc.name, func(t *testing.T) {
			dir := t.TempDir()
			bin := filepath.Join(dir, "bin")
			if err := os.Mkdir(bin, 0o755); err != nil {
				t.Fatal(err)
			}
			// The stand-in records its arguments and whether the key arrived
			// in the environment, then exits as told.
			fake := "#!/bin/sh\necho \"$*\" > \"$ARGS_FILE\"\n[ \"$STRIPE_API_KEY\" = rk_test_fromsecret ] || exit 99\nexit " + tc.toolExit + "\n"
			if err := os.WriteFile(filepath.Join(bin, "justt-onboard"), []byte(fake), 0o755); err != nil {
				t.Fatal(err)
			}
			script := filepath.Join(dir, "step.sh")
			if err := os.WriteFile(script, []byte(check.Run), 0o644); err != nil {
				t.Fatal(err)
			}
			output := filepath.Join(dir, "github_output")
			argsFile := filepath.Join(dir, "args")
			cmd := exec.Command(bash, "--noprofile", "--norc", "-eo", "pipefail", script)
			cmd.Env = []string{
				"PATH=" + bin + ":" + os.Getenv("PATH"),
				"GITHUB_OUTPUT=" + output, "ARGS_FILE=" + argsFile,
				"STRIPE_API_KEY=rk_test_fromsecret", "LIVE=" + tc.live,
			}
			out, err := cmd.CombinedOutput()
			code := 0
			if ee, ok := err.(*exec.ExitError); ok {
				code = ee.ExitCode()
			} else if err != nil {
				t.Fatal(err)
			}
			if code != tc.wantExit || !strings.Contains(string(out), tc.wantOut) {
				t.Errorf("step exit %d, want %d with %q; output:\n%s", code, tc.wantExit, tc.wantOut, out)
			}
			if strings.Contains(string(out), "rk_test_fromsecret") {
				t.Error("the step printed the key")
			}
			if tc.wantArgs == "" {
				return
			}
			args, err := os.ReadFile(argsFile)
			if err != nil || strings.TrimSpace(string(args)) != tc.wantArgs {
				t.Errorf("justt-onboard ran with %q (err %v), want %q", args, err, tc.wantArgs)
			}
			got, err := os.ReadFile(output)
			if err != nil || !strings.Contains(string(got), "exit-code="+tc.toolExit+"\n") {
				t.Errorf("GITHUB_OUTPUT = %q (err %v), want exit-code=%s", got, err, tc.toolExit)
			}
		})
	}
}

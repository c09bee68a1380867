package cmd

import (
	"bytes"
	"context"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/justt-ai/justt-onboard/internal/textlayout"
	"github.com/justt-ai/justt-onboard/sandbox"
)

// runAt is w.run with standard output a terminal width columns wide.
func (w *webhookWorld) runAt(t *testing.T, width int, args ...string) ran {
	t.Helper()
	var stdout, stderr bytes.Buffer
	env := &Env{Stdin: strings.NewReader(w.stdin), Stdout: &stdout, Stderr: &stderr,
		Getenv: func(k string) string { return w.vars[k] }, Interactive: func() bool { return false },
		OutputWidth: func() int { return width }, Version: "9.9.9"}
	args = append(args, "--stripe-api-url", w.url)
	r := ran{code: Execute(context.Background(), env, args), stdout: stdout.String(), stderr: stderr.String()}
	w.assertNoSecret(t, r)
	return r
}

// TestWebhookOutputWraps: register and verify wrap to a 60-column
// terminal without breaking the hyphenated secret file path or an endpoint
// id, and say the same words as when piped.
func TestWebhookOutputWraps(t *testing.T) {
	w := newWebhookWorld(t)
	dir := filepath.Join(w.dir, "jane-doe", "ux-walk")
	secretOut := filepath.Join(dir, "justt-signing-secret.txt")
	if err := os.MkdirAll(dir, 0o700); err != nil {
		t.Fatal(err)
	}
	reg := w.runAt(t, 60, "webhook", "register", "--url", testHookURL, "--secret-out", secretOut)
	wantCode(t, reg, 0)
	id := w.sb.WebhookEndpoints()[0].ID
	w.sb.AddWebhookEndpoint(sandbox.WebhookEndpoint{URL: testHookURL + "/", EnabledEvents: []string{"*"}, APIVersion: "2023-10-16"})
	narrow := w.runAt(t, 60, "webhook", "verify", "--url", testHookURL)
	piped := w.runAt(t, 0, "webhook", "verify", "--url", testHookURL)
	for _, out := range []string{reg.stdout, narrow.stdout} {
		for _, line := range strings.Split(out, "\n") {
			if textlayout.Width(line) > 60 && len(textlayout.Words(line)) > 1 {
				t.Errorf("line wider than 60 columns: %q", line)
			}
		}
	}
	if !containsWord(reg.stdout, secretOut) || !containsWord(narrow.stdout, id) {
		t.Errorf("the path or the endpoint id was broken:\n%s\n%s", reg.stdout, narrow.stdout)
	}
	if strings.Count(narrow.stdout, "\n") <= strings.Count(piped.stdout, "\n") {
		t.Errorf("60 columns did not wrap:\n%s", narrow.stdout)
	}
	if a, b := textlayout.Words(strings.ReplaceAll(narrow.stdout, "\n", " ")), textlayout.Words(strings.ReplaceAll(piped.stdout, "\n", " ")); strings.Join(a, " ") != strings.Join(b, " ") {
		t.Errorf("wrapping changed the words:\n%s\n---\n%s", narrow.stdout, piped.stdout)
	}
}

// containsWord: word appears whole, as one word (possibly with punctuation
// around it), in out.
func containsWord(out, word string) bool {
	for _, w := range textlayout.Words(strings.ReplaceAll(out, "\n", " ")) {
		if strings.Contains(w, word) {
			return true
		}
	}
	return false
}

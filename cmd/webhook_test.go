package cmd

import (
	"bytes"
	"context"
	"encoding/json"
	"net/http/httptest"
	"os"
	"path/filepath"
	"reflect"
	"slices"
	"strings"
	"testing"

	"github.com/justt-ai/justt-onboard/onboarding"
	"github.com/justt-ai/justt-onboard/sandbox"
)

const testHookURL = "https://hooks.justt.ai/stripe/m_123"

// webhookWorld is a sandbox account and the environment the command sees.
type webhookWorld struct {
	sb    *sandbox.Sandbox
	url   string
	vars  map[string]string
	dir   string
	stdin string
}

func newWebhookWorld(t *testing.T) *webhookWorld {
	t.Helper()
	sb := sandbox.New()
	srv := httptest.NewServer(sb.Handler())
	t.Cleanup(srv.Close)
	dir := t.TempDir()
	// No test reaches the merchant's keyring or config folder.
	return &webhookWorld{sb: sb, url: srv.URL, dir: dir,
		vars: map[string]string{envSetupKey: sb.MintSecretKey(), KeyringEnv: "off", onboarding.ConfigDirEnv: filepath.Join(dir, "config")}}
}

// ran is one command's outcome.
type ran struct {
	code           int
	stdout, stderr string
}

func (w *webhookWorld) run(t *testing.T, args ...string) ran {
	t.Helper()
	var stdout, stderr bytes.Buffer
	env := &Env{Stdin: strings.NewReader(w.stdin), Stdout: &stdout, Stderr: &stderr,
		Getenv: func(k string) string { return w.vars[k] }, Interactive: func() bool { return false },
		Version: "9.9.9", VersionText: "9.9.9 (commit 0123456789ab, built 2026-01-02T03:04:05Z)"}
	args = append(args, "--stripe-api-url", w.url)
	r := ran{code: Execute(context.Background(), env, args), stdout: stdout.String(), stderr: stderr.String()}
	w.assertNoSecret(t, r)
	return r
}

// assertNoSecret: neither the setup key nor any endpoint's signing secret
// ever reaches the screen, whatever the outcome.
func (w *webhookWorld) assertNoSecret(t *testing.T, r ran) {
	t.Helper()
	secrets := []string{w.vars[envSetupKey], strings.TrimSpace(w.stdin)}
	for _, e := range w.sb.WebhookEndpoints() {
		secrets = append(secrets, e.Secret)
	}
	for _, s := range secrets {
		if len(s) > 8 && strings.Contains(r.stdout+r.stderr, s) {
			t.Errorf("a secret (%d characters) was printed:\nstdout: %s\nstderr: %s", len(s), r.stdout, r.stderr)
		}
	}
}

func (w *webhookWorld) path(name string) string { return filepath.Join(w.dir, name) }

func (w *webhookWorld) register(t *testing.T, extra ...string) ran {
	t.Helper()
	return w.run(t, append([]string{"webhook", "register", "--url", testHookURL}, extra...)...)
}

func wantCode(t *testing.T, r ran, code int) {
	t.Helper()
	if r.code != code {
		t.Fatalf("exit %d, want %d\nstdout: %s\nstderr: %s", r.code, code, r.stdout, r.stderr)
	}
}

func TestWebhookRegisterWritesTheSecretToANewFile(t *testing.T) {
	t.Parallel()
	w := newWebhookWorld(t)
	out := w.path("whsec.txt")
	r := w.register(t, "--secret-out", out)
	wantCode(t, r, 0)
	all := w.sb.WebhookEndpoints()
	if len(all) != 1 {
		t.Fatalf("%d endpoints, want 1", len(all))
	}
	info, err := os.Stat(out)
	if err != nil {
		t.Fatal(err)
	}
	if info.Mode().Perm() != 0o600 {
		t.Errorf("secret file mode %v, want 0600", info.Mode().Perm())
	}
	content, _ := os.ReadFile(out)
	if string(content) != all[0].Secret {
		t.Errorf("the file does not hold exactly the endpoint's signing secret (%d bytes)", len(content))
	}
	for _, want := range []string{"✓ Created webhook endpoint " + all[0].ID, "charge.succeeded", "2020-08-27",
		"written to " + out + " (mode 0600)", "secret key · test mode · sk_test_…", "step 18"} {
		if !strings.Contains(r.stdout, want) {
			t.Errorf("stdout lacks %q:\n%s", want, r.stdout)
		}
	}
	if all[0].Metadata["justt_onboard_version"] != "9.9.9" {
		t.Errorf("metadata %v, want the tool's bare version (not the --version line)", all[0].Metadata)
	}
}

func TestWebhookRegisterJSON(t *testing.T) {
	t.Parallel()
	w := newWebhookWorld(t)
	old := w.sb.AddWebhookEndpoint(sandbox.WebhookEndpoint{URL: testHookURL, EnabledEvents: []string{"*"}})
	out := w.path("whsec.txt")
	r := w.register(t, "--replace", "--json", "--secret-out", out)
	wantCode(t, r, 0)
	var got map[string]any
	if err := json.Unmarshal([]byte(r.stdout), &got); err != nil {
		t.Fatalf("stdout is not one JSON object: %v\n%s", err, r.stdout)
	}
	keys := make([]string, 0, len(got))
	for k := range got {
		keys = append(keys, k)
	}
	slices.Sort(keys)
	want := []string{"api_version", "created", "enabled_events", "endpoint_id", "replaced_endpoint_id", "secret_file", "status", "url"}
	if !reflect.DeepEqual(keys, want) {
		t.Errorf("JSON keys %v, want %v", keys, want)
	}
	newest := w.sb.WebhookEndpoints()[1]
	if got["endpoint_id"] != newest.ID || got["created"] != true || got["replaced_endpoint_id"] != old ||
		got["api_version"] != "2020-08-27" || got["status"] != "enabled" || got["url"] != testHookURL || got["secret_file"] != out {
		t.Errorf("JSON %v does not describe the new endpoint %s replacing %s", got, newest.ID, old)
	}
	if ev, _ := got["enabled_events"].([]any); len(ev) != 1 || ev[0] != "charge.succeeded" {
		t.Errorf("enabled_events %v", got["enabled_events"])
	}
}

// Refusals made before anything is sent to Stripe.
func TestWebhookRegisterRefusesUpFront(t *testing.T) {
	t.Parallel()
	tests := []struct {
		name    string
		args    []string
		vars    map[string]string // overrides; "" removes
		stdin   string
		code    int
		wantErr string // in stdout or stderr
	}{
		{"no --secret-out and no keyring", []string{"webhook", "register", "--url", testHookURL}, nil, "", 2, "give --secret-out FILE"},
		{"no URL", []string{"webhook", "register", "--secret-out", "S"}, nil, "", 2, "JUSTT_WEBHOOK_URL"},
		{"plain http URL", []string{"webhook", "register", "--url", "http://hooks.justt.ai/x", "--secret-out", "S"}, nil, "", 1, "plain http://"},
		{"URL with a password", []string{"webhook", "register", "--url", "https://u:hunter2@hooks.justt.ai/x", "--secret-out", "S"}, nil, "", 1, "user name or password"},
		{"no setup key", []string{"webhook", "register", "--url", testHookURL, "--secret-out", "S"},
			map[string]string{envSetupKey: ""}, "", 2, "STRIPE_SETUP_KEY"},
		{"empty stdin", []string{"webhook", "register", "--url", testHookURL, "--secret-out", "S", "--setup-key-stdin"}, nil, "", 2, "standard input was empty"},
		{"publishable setup key", []string{"webhook", "register", "--url", testHookURL, "--secret-out", "S"},
			map[string]string{envSetupKey: "pk_test_" + strings.Repeat("Ab3", 33)}, "", 1, "publishable key"},
		{"signing secret as setup key", []string{"webhook", "register", "--url", testHookURL, "--secret-out", "S", "--setup-key-stdin"},
			nil, "whsec_" + strings.Repeat("Zq9", 11) + "\n", 1, "signing secret"},
		{"setup key with a space", []string{"webhook", "register", "--url", testHookURL, "--secret-out", "S"},
			map[string]string{envSetupKey: "sk_test_abc def0123456789"}, "", 1, "space"},
		{"verify without a URL", []string{"webhook", "verify"}, nil, "", 2, "--url"},
		{"verify with a bad URL", []string{"webhook", "verify", "--url", "ftp://x"}, nil, "", 1, "ftp://"},
		{"verify with a publishable key", []string{"webhook", "verify", "--url", testHookURL},
			map[string]string{envSetupKey: "pk_live_" + strings.Repeat("Ab3", 33)}, "", 1, "publishable key"},
		{"a secret as a flag", []string{"webhook", "register", "--setup-key", "sk_test_x"}, nil, "", 2, "unknown flag"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			t.Parallel()
			w := newWebhookWorld(t)
			for k, v := range tt.vars {
				w.vars[k] = v
			}
			w.stdin = tt.stdin
			args := slices.Clone(tt.args)
			if i := slices.Index(args, "S"); i >= 0 {
				args[i] = w.path("whsec.txt")
			}
			r := w.run(t, args...)
			wantCode(t, r, tt.code)
			if !strings.Contains(r.stdout+r.stderr, tt.wantErr) {
				t.Errorf("output lacks %q:\nstdout: %s\nstderr: %s", tt.wantErr, r.stdout, r.stderr)
			}
			if strings.Contains(r.stdout+r.stderr, "hunter2") {
				t.Error("the URL's password was printed")
			}
			if n := len(w.sb.Requests()); n != 0 {
				t.Errorf("%d requests sent to Stripe, want none", n)
			}
			if _, err := os.Stat(w.path("whsec.txt")); err == nil {
				t.Error("a secret file was left behind")
			}
		})
	}
}

func TestWebhookRegisterRefusesAnExistingSecretFile(t *testing.T) {
	t.Parallel()
	w := newWebhookWorld(t)
	out := w.path("whsec.txt")
	if err := os.WriteFile(out, []byte("keep me"), 0o644); err != nil {
		t.Fatal(err)
	}
	r := w.register(t, "--secret-out", out)
	wantCode(t, r, 2)
	if !strings.Contains(r.stderr, "already exists") {
		t.Errorf("stderr %q should say the file exists", r.stderr)
	}
	if content, _ := os.ReadFile(out); string(content) != "keep me" {
		t.Errorf("the existing file was changed to %q", content)
	}
	if len(w.sb.WebhookEndpoints()) != 0 || len(w.sb.Requests()) != 0 {
		t.Error("Stripe was called although the secret had nowhere to go")
	}
}

// Refusals and failures from Stripe: the exit code says which, the reserved
// secret file is removed, and no endpoint is left behind.
func TestWebhookRegisterOutcomes(t *testing.T) {
	t.Parallel()
	tests := []struct {
		name      string
		setup     func(w *webhookWorld)
		extra     []string
		code      int
		want      string
		endpoints int
	}{
		{"duplicate", func(w *webhookWorld) {
			w.sb.AddWebhookEndpoint(sandbox.WebhookEndpoint{URL: testHookURL, EnabledEvents: []string{"charge.succeeded"}, APIVersion: "2020-08-27"})
		}, nil, 1, "--replace", 1},
		{"setup key without Webhook Endpoints: Write", func(w *webhookWorld) {
			w.vars[envSetupKey] = w.sb.MintKey("rak_webhook_read")
		}, nil, 1, "Webhook Endpoints: Write", 0},
		{"endpoint cap", func(w *webhookWorld) {
			w.sb.SetWebhookCap(1)
			w.sb.AddWebhookEndpoint(sandbox.WebhookEndpoint{URL: "https://erp.example.com/x", EnabledEvents: []string{"*"}})
		}, nil, 1, "maximum", 1},
		{"Stripe rate-limits", func(w *webhookWorld) {
			w.sb.SetFault(w.vars[envSetupKey], sandbox.Fault{Kind: sandbox.RateLimited})
		}, nil, 3, "Wait a minute", 0},
		{"setup key from stdin", func(w *webhookWorld) {
			w.stdin, w.vars[envSetupKey] = w.vars[envSetupKey]+"\n", ""
		}, []string{"--setup-key-stdin"}, 0, "✓ Created", 1},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			t.Parallel()
			w := newWebhookWorld(t)
			tt.setup(w)
			out := w.path("whsec.txt")
			r := w.register(t, append([]string{"--secret-out", out}, tt.extra...)...)
			wantCode(t, r, tt.code)
			if !strings.Contains(r.stdout, tt.want) {
				t.Errorf("stdout lacks %q:\n%s", tt.want, r.stdout)
			}
			if _, err := os.Stat(out); (err == nil) != (tt.code == 0) {
				t.Errorf("secret file exists: %v, want %v", err == nil, tt.code == 0)
			}
			if n := len(w.sb.WebhookEndpoints()); n != tt.endpoints {
				t.Errorf("%d endpoints, want %d", n, tt.endpoints)
			}
		})
	}
}

func TestWebhookRegisterDuplicateJSON(t *testing.T) {
	t.Parallel()
	w := newWebhookWorld(t)
	id := w.sb.AddWebhookEndpoint(sandbox.WebhookEndpoint{URL: testHookURL, EnabledEvents: []string{"charge.succeeded"}, APIVersion: "2020-08-27"})
	r := w.register(t, "--json", "--secret-out", w.path("s"))
	wantCode(t, r, 1)
	var got struct {
		EndpointID string `json:"endpoint_id"`
		Created    bool   `json:"created"`
		Status     string `json:"status"`
		Error      struct{ Code, Message, Fix string }
	}
	if err := json.Unmarshal([]byte(r.stdout), &got); err != nil {
		t.Fatalf("stdout is not JSON: %v\n%s", err, r.stdout)
	}
	if got.EndpointID != id || got.Created || got.Status != "enabled" || got.Error.Code != "duplicate" || got.Error.Fix == "" {
		t.Errorf("JSON %+v, want the existing endpoint %s and a duplicate error", got, id)
	}
}

func TestWebhookVerify(t *testing.T) {
	t.Parallel()
	tests := []struct {
		name     string
		endpoint *sandbox.WebhookEndpoint
		code     int
		want     []string
	}{
		{"as Justt needs", &sandbox.WebhookEndpoint{EnabledEvents: []string{"charge.succeeded"}, APIVersion: "2020-08-27"}, 0,
			[]string{"✓ Enabled", "✓ Listening to exactly charge.succeeded", "✓ API version 2020-08-27", "✓ The webhook is set up"}},
		{"missing", nil, 1, []string{"✗ No webhook endpoint", "webhook register"}},
		{"wrong in every way", &sandbox.WebhookEndpoint{EnabledEvents: []string{"*"}, APIVersion: "2023-10-16", Status: "disabled"}, 1,
			[]string{"✗ Endpoint", "every event (*)", "Step 15", "Step 16", "Enable", "✗ The webhook is not set up"}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			t.Parallel()
			w := newWebhookWorld(t)
			w.vars[envSetupKey] = w.sb.MintKey("rak_webhook_read")
			w.vars[envWebhookURL] = testHookURL
			if tt.endpoint != nil {
				tt.endpoint.URL = testHookURL
				w.sb.AddWebhookEndpoint(*tt.endpoint)
			}
			r := w.run(t, "webhook", "verify")
			wantCode(t, r, tt.code)
			for _, want := range tt.want {
				if !strings.Contains(r.stdout, want) {
					t.Errorf("stdout lacks %q:\n%s", want, r.stdout)
				}
			}
			if len(w.sb.Mutations()) != 0 {
				t.Error("verify changed something")
			}
		})
	}
}

func TestWebhookVerifyJSONAndUndecided(t *testing.T) {
	t.Parallel()
	w := newWebhookWorld(t)
	id := w.sb.AddWebhookEndpoint(sandbox.WebhookEndpoint{URL: testHookURL, EnabledEvents: []string{"charge.succeeded"}, APIVersion: "2024-06-20"})
	r := w.run(t, "webhook", "verify", "--json", "--url", testHookURL)
	wantCode(t, r, 1)
	var got struct {
		OK       bool   `json:"ok"`
		URL      string `json:"url"`
		Endpoint struct {
			ID string `json:"endpoint_id"`
		} `json:"endpoint"`
		Problems []struct{ Severity, Code, Message, Fix string }
	}
	if err := json.Unmarshal([]byte(r.stdout), &got); err != nil {
		t.Fatalf("stdout is not JSON: %v\n%s", err, r.stdout)
	}
	if got.OK || got.URL != testHookURL || got.Endpoint.ID != id || len(got.Problems) != 1 || got.Problems[0].Code != "webhook_api_version" {
		t.Errorf("JSON %+v, want endpoint %s with one API version problem", got, id)
	}

	w.sb.SetFault(w.vars[envSetupKey], sandbox.Fault{Kind: sandbox.RateLimited})
	r = w.run(t, "webhook", "verify", "--json", "--url", testHookURL, "--timeout", "3s")
	wantCode(t, r, 3)
	if !strings.Contains(r.stdout, `"code": "network"`) {
		t.Errorf("stdout lacks the network error:\n%s", r.stdout)
	}
}

// A disabled endpoint for the URL does not block a new one: it is named in
// a warning and left as it is.
func TestRegisterBesideADisabledEndpoint(t *testing.T) {
	w := newWebhookWorld(t)
	old := w.sb.AddWebhookEndpoint(sandbox.WebhookEndpoint{URL: testHookURL, EnabledEvents: []string{"charge.succeeded"},
		APIVersion: "2020-08-27", Status: "disabled"})
	r := w.register(t, "--secret-out", w.path("whsec.txt"))
	wantCode(t, r, 0)
	if !strings.Contains(r.stdout, "Created webhook endpoint") || !strings.Contains(r.stdout, old) {
		t.Errorf("stdout should report the new endpoint and name the disabled %s:\n%s", old, r.stdout)
	}
	if n := len(w.sb.WebhookEndpoints()); n != 2 {
		t.Errorf("%d endpoints, want the disabled one and the new one", n)
	}

	r = w.run(t, "webhook", "register", "--url", testHookURL+"/other", "--secret-out", w.path("second.txt"), "--json")
	wantCode(t, r, 0)
	if strings.Contains(r.stdout, `"notes"`) {
		t.Errorf("an unrelated URL got notes: %s", r.stdout)
	}
}

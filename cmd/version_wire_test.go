package cmd

import (
	"context"
	"net/http"
	"net/http/httptest"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/justt-ai/justt-onboard/justt"
	"github.com/justt-ai/justt-onboard/onboarding"
	"github.com/justt-ai/justt-onboard/vault"
)

// wireVersion and versionLine are a stamped build's two names: the bare
// version for the wire, the --version line for the screen.
const (
	wireVersion = "1.2.3"
	versionLine = "1.2.3 (commit 0123456789ab, built 2026-01-02T03:04:05Z)"
)

// userAgents serves h and records the User-Agent of every request.
type userAgents struct {
	mu  sync.Mutex
	got []string
}

func (u *userAgents) serve(t *testing.T, h http.Handler) string {
	srv := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		u.mu.Lock()
		u.got = append(u.got, r.Header.Get("User-Agent"))
		u.mu.Unlock()
		h.ServeHTTP(w, r)
	}))
	t.Cleanup(srv.Close)
	return srv.URL
}

func (u *userAgents) all() []string {
	u.mu.Lock()
	defer u.mu.Unlock()
	return append([]string(nil), u.got...)
}

// TestVersionLineStaysOnScreen: --version prints the long line, and what
// Justt receives (User-Agent and the body's "client") is
// justt-onboard/<bare version>, as docs/justt-api.md defines it.
func TestVersionLineStaysOnScreen(t *testing.T) {
	t.Parallel()
	env, out, _ := testEnv("", false, nil)
	env.Version, env.VersionText = wireVersion, versionLine
	if code := Execute(context.Background(), env, []string{"--version"}); code != 0 || out.String() != "justt-onboard "+versionLine+"\n" {
		t.Fatalf("--version: exit %d, %q", code, out.String())
	}
	bare, out2, _ := testEnv("", false, nil)
	bare.Version = wireVersion
	if code := Execute(context.Background(), bare, []string{"--version"}); code != 0 || out2.String() != "justt-onboard "+wireVersion+"\n" {
		t.Fatalf("--version without a longer line: exit %d, %q", code, out2.String())
	}

	w := newSubmitWorld(t)
	var ua userAgents
	justtURL := ua.serve(t, w.rx.Handler())
	env, out, errb := testEnv("", false, map[string]string{
		"JUSTT_ONBOARDING_TOKEN": w.token, "JUSTT_API_URL": justtURL,
		"STRIPE_API_KEY": w.key, "STRIPE_WEBHOOK_SECRET": w.secret,
		onboarding.ConfigDirEnv: w.dir, KeyringEnv: "off",
	})
	env.Version, env.VersionText = wireVersion, versionLine
	opts := &submitOptions{Timeout: 5 * time.Second, now: time.Now,
		vault: func() *vault.Vault { return vault.New(vault.NewMemory(), time.Second) }}
	if err := runSubmit(context.Background(), env, &stripeFlags{APIURL: w.stripeURL, UploadsURL: w.stripeURL}, opts); err != nil {
		t.Fatalf("submit: %v\n%s%s", err, out, errb)
	}
	want := "justt-onboard/" + wireVersion
	agents := ua.all()
	if len(agents) == 0 {
		t.Fatal("Justt received no request")
	}
	for _, got := range agents {
		if got != want {
			t.Errorf("User-Agent %q, want %q", got, want)
		}
	}
	if subs := w.rx.Submissions(); len(subs) != 1 || subs[0].Client != want {
		t.Errorf("submissions %+v, want one with client %q", subs, want)
	}

	// The wizard's hand-off client says the same.
	var wizardUA userAgents
	wizardURL := wizardUA.serve(t, w.rx.Handler())
	env, _, _ = testEnv("", false, map[string]string{"JUSTT_ONBOARDING_TOKEN": w.token, justt.EnvAPIURL: wizardURL})
	env.Version, env.VersionText = wireVersion, versionLine
	root := NewRoot(env)
	h, err := wizardHandoff(env, root.Flags())
	if err != nil || h.Connect == nil {
		t.Fatalf("hand-off: %v", err)
	}
	client, err := h.Connect(h.Token)
	if err != nil {
		t.Fatal(err)
	}
	if _, err := client.GetConfig(context.Background()); err != nil {
		t.Fatal(err)
	}
	if got := wizardUA.all(); len(got) != 1 || got[0] != want {
		t.Errorf("wizard User-Agent %q, want [%q]", got, want)
	}
	if strings.Contains(out.String()+errb.String(), w.token) {
		t.Fatal("the token was printed")
	}
}

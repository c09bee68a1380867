package wizard

import (
	"context"
	"fmt"
	"strings"
	"testing"
	"time"

	tea "github.com/charmbracelet/bubbletea"
	"github.com/charmbracelet/lipgloss"
	"github.com/charmbracelet/x/exp/teatest"
	"github.com/justt-ai/justt-onboard/onboarding"
	"github.com/justt-ai/justt-onboard/vault"
)

// Golden screens run the whole program (teatest) on the fake engine, so
// every key and account on them is fixed and the files are stable.
// Regenerate with: go test ./wizard -run TestGolden -update
func TestGoldenScreens(t *testing.T) {
	live := testKey("rk_live_", "GOLD")
	tests := []struct {
		name    string
		size    [2]int
		demo    bool
		missing []string
		reg     bool     // Stripe registers the webhook
		resume  bool     // an onboarding stopped at step 14 is offered
		noVault bool     // no keyring answers
		run     []string // keys, pastes (anything key-shaped) and "wait:" texts
		until   string
	}{
		{name: "step1_80x24", size: [2]int{80, 24}, until: "Sign in to Stripe"},
		{name: "step4_prefilled_links", size: [2]int{80, 24}, run: []string{"g", "4", "tab"}, until: "Pre-filled form (test mode)"},
		{name: "step7_permission_table", size: [2]int{80, 24}, run: []string{"g", "7"}, until: "not the row under Issuing"},
		{name: "step7_demo_form", size: [2]int{80, 24}, demo: true, run: []string{"g", "7", "a", "down", "down"}, until: "Webhook Endpoints"},
		{name: "step11_field", size: [2]int{80, 24}, run: []string{"g", "1", "1"}, until: "(empty: paste here)"},
		{name: "step11_missing_disputes", size: [2]int{100, 40}, missing: []string{"rak_dispute_write"},
			run: []string{"g", "1", "1", live}, until: "then press r to"},
		{name: "webhook_choice", size: [2]int{80, 24}, run: []string{"g", "1", "1", live, "wait:All 9 permissions", "enter"}, until: "Skip the webhook"},
		{name: "summary_skipped", size: [2]int{80, 24}, run: []string{"g", "1", "1", live, "wait:All 9 permissions", "enter", "wait:Skip the webhook", "c"}, until: "What happens next"},
		{name: "help", size: [2]int{80, 24}, run: []string{"?"}, until: "Press ? or esc to close"},
		{name: "too_small", size: [2]int{50, 12}, until: "Terminal too small"},
		{name: "step11_publishable_key", size: [2]int{80, 24},
			run: []string{"g", "1", "1", testKey("pk_live_", "PUBL")}, until: "publishable"},
		{name: "step11_fixed_and_rechecked", size: [2]int{100, 40}, demo: true, missing: []string{"rak_dispute_write"},
			run: []string{"g", "1", "1", live, "wait:then press r to", "f", "wait:Press r to re-check", "r"}, until: "All 9 permissions"},
		{name: "register_done", size: [2]int{80, 30}, demo: true, reg: true,
			run:   []string{"g", "1", "1", live, "wait:All 9 permissions", "enter", "wait:Skip the webhook", "a", "ctrl+p", "wait:register the webhook", "enter"},
			until: "Press enter for the summary"},
		{name: "summary_registered", size: [2]int{80, 30}, demo: true, reg: true,
			run: []string{"g", "1", "1", live, "wait:All 9 permissions", "enter", "wait:Skip the webhook", "a", "ctrl+p", "wait:register the webhook", "enter",
				"wait:Press enter for the summary", "enter"},
			until: "enter or q to finish"},
		// Issue 3's full demo path: every step from 1, the mock form ticked
		// with a, the key minted at 9 and pasted with ctrl+p at 11, past the
		// test-mode warning, registered with the demo setup key (and
		// verified), to the summary.
		{name: "demo_full_path_summary", size: [2]int{80, 30}, demo: true, reg: true,
			run: []string{"wait:Sign in to Stripe", "enter", "enter", "enter", "enter", "enter", "enter",
				"wait:Mock of Stripe's form", "a", "enter", "wait:Step 8 of 18", "enter", "wait:demo key — fake, sandbox only",
				"enter", "enter", "wait:(empty: paste here)", "ctrl+p", "wait:All 9 permissions", "y",
				"wait:Skip the webhook", "a", "ctrl+p", "wait:register the webhook", "enter",
				"wait:Verified with Stripe", "enter"},
			until: "enter or q to finish"},
		{name: "step17_verified", size: [2]int{80, 30}, demo: true,
			run: []string{"g", "1", "1", live, "wait:All 9 permissions", "enter", "wait:Skip the webhook", "b",
				"wait:Step 12 of 18", "g", "1", "7", "wait:v Verify with a setup key", "v", "ctrl+p", "wait:Justt webhook URL (step 16)", "enter"},
			until: "Press v to verify again"},
		{name: "resume_offer", size: [2]int{80, 24}, resume: true, until: "to start over"},
		{name: "resume_rechecked", size: [2]int{80, 24}, resume: true, run: []string{"wait:to start over", "enter"},
			until: "checked again: all 9"},
		{name: "quit_asks_first", size: [2]int{80, 30}, reg: true, noVault: true,
			run: []string{"g", "1", "1", live, "wait:All 9 permissions", "enter", "wait:Skip the webhook", "a", testKey("sk_live_", "SETK"),
				"wait:Justt webhook URL", "ctrl+u", "https://hooks.justt.example/x", "enter", "wait:Webhook registered", "q"},
			until: "Quit now?"},
		{name: "resized_to_120x30", size: [2]int{80, 24},
			run: []string{"g", "7", "wait:Step 7 of 18", "size:120x30"}, until: "not the row under Issuing"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			t.Parallel()
			eng := newFakeEngine(tt.missing...)
			if tt.reg {
				eng.register = registered
			}
			c := &common{
				ctx: context.Background(), width: 80, height: 24,
				st: newStyles(lipgloss.DefaultRenderer()), keys: newKeyMap(), eng: eng,
				open: func(string) error { return nil }, copy: func(string) (bool, error) { return true, nil },
				// A keyring that answers (in memory): no notice on the status line.
				flow: newFlow(onboarding.New(time.Now()), vault.New(vault.NewMemory(), 0), nil),
			}
			if tt.noVault {
				c.flow.vault = vault.Without("none in this test")
			}
			if tt.demo {
				c.demo = (&fakeDemo{eng: eng}).hooks()
			}
			m := newModel(c)
			if tt.resume {
				c.flow.rec = stoppedAt14(t, c.flow.vault, true)
				c.flow.rec.Updated = time.Date(2026, 12, 2, 10, 30, 0, 0, time.Local)
				m.state = stateResume
			}
			tm := teatest.NewTestModel(t, m, teatest.WithInitialTermSize(tt.size[0], tt.size[1]))
			play(t, tm, append(tt.run, "wait:"+tt.until))
			_ = tm.Quit()
			view := tm.FinalModel(t, teatest.WithFinalTimeout(5*time.Second)).View()
			for _, secret := range []string{live, testKey("whsec_", "WH42"), testKey("sk_test_", "SETK"), testKey("rk_test_", "DEM1")} {
				if strings.Contains(view, secret) || strings.Contains(view, secret[len(secret)-12:]) {
					t.Fatal("a golden screen shows a secret")
				}
			}
			teatest.RequireEqualOutput(t, []byte(view))
		})
	}
}

// play sends keys and bracketed pastes (anything key-shaped), and waits
// for the text after "wait:" to be drawn before going on.
func play(t *testing.T, tm *teatest.TestModel, script []string) {
	t.Helper()
	for _, it := range script {
		switch {
		case strings.HasPrefix(it, "wait:"):
			want := strings.TrimPrefix(it, "wait:")
			teatest.WaitFor(t, tm.Output(), func(b []byte) bool { return strings.Contains(string(b), want) },
				teatest.WithDuration(5*time.Second), teatest.WithCheckInterval(5*time.Millisecond))
		case strings.HasPrefix(it, "size:"):
			var w, h int
			if _, err := fmt.Sscanf(it, "size:%dx%d", &w, &h); err != nil {
				t.Fatalf("bad size directive %q", it)
			}
			tm.Send(tea.WindowSizeMsg{Width: w, Height: h})
		case len(it) > 20:
			tm.Send(tea.KeyMsg{Type: tea.KeyRunes, Runes: []rune(it), Paste: true})
		default:
			tm.Send(keyMsg(it))
		}
	}
}

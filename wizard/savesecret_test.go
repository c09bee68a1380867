package wizard

import (
	"os"
	"path/filepath"
	"runtime"
	"strings"
	"testing"

	tea "github.com/charmbracelet/bubbletea"
)

// registeredHarness has registered the webhook and shows the done screen.
func registeredHarness(t *testing.T, demo bool) *harness {
	t.Helper()
	eng := newFakeEngine()
	eng.register = registered
	var d *Demo
	if demo {
		d = (&fakeDemo{eng: eng}).hooks()
	}
	h := newHarness(t, eng, d).passKeyPart()
	h.send(tea80x40())
	// The signing secret Stripe returns must never be drawn either.
	h.secrets = append(h.secrets, testKey("whsec_", "WH42"))
	h.keys("a").paste(testKey("sk_live_", "SETU")).keys("ctrl+u").typeText(hookURL).keys("enter")
	return h.want("✓ Webhook registered", "Press s to save the signing secret to a file")
}

// typePath replaces the path field's text.
func typePath(h *harness, path string) *harness {
	return h.keys("ctrl+u").typeText(path).keys("enter")
}

func TestSaveSigningSecretToAFile(t *testing.T) {
	h := registeredHarness(t, false)
	h.keys("s").want("Save the signing secret to a new file (mode 0600", defaultSecretPath, "enter save the file", "esc don't save")
	if got := h.m.reg.saver.path.Value(); got != defaultSecretPath {
		t.Fatalf("the path field starts with %q", got)
	}
	path := filepath.Join(t.TempDir(), "secret.txt")
	typePath(h, path)
	got, err := os.ReadFile(path)
	if err != nil {
		t.Fatalf("the file was not written: %v", err)
	}
	if string(got) != testKey("whsec_", "WH42") {
		t.Fatal("the file does not hold exactly the signing secret")
	}
	if runtime.GOOS != "windows" {
		if fi, _ := os.Stat(path); fi.Mode().Perm() != 0o600 {
			t.Fatalf("the file's mode is %v, want 0600", fi.Mode().Perm())
		}
	}
	h.want("✓ Signing secret saved to").wantNot("Press s to save")
	wantStatus(t, h, "Signing secret saved to "+path+" (mode 0600).")
	if h.c.flow.rec.Webhook.SavedTo != path {
		t.Fatalf("the summary would name %q", h.c.flow.rec.Webhook.SavedTo)
	}
	// s again does not write a second file.
	h.keys("s")
	wantStatus(t, h, "Already saved")
	h.keys("enter").at(stateSummary, 0)
	summary := strings.Join(strings.Fields(h.view()), " ")
	for _, want := range []string{"saved to " + path + " (mode 0600)",
		"paste it from that file into the CustomerHub, then delete the file"} {
		if !strings.Contains(summary, want) {
			t.Errorf("the summary lacks %q:\n%s", want, h.view())
		}
	}
	for _, gone := range []string{"reveal its Signing secret", "held in memory for this run only", "Press esc, then s"} {
		if strings.Contains(summary, gone) {
			t.Errorf("the summary still says %q", gone)
		}
	}
}

// An existing file is never overwritten; the error says so and the field
// stays open for another path.
func TestSaveRefusesAnExistingFileAndAMissingFolder(t *testing.T) {
	h := registeredHarness(t, false)
	dir := t.TempDir()
	taken := filepath.Join(dir, "taken.txt")
	if err := os.WriteFile(taken, []byte("keep me"), 0o644); err != nil {
		t.Fatal(err)
	}
	h.keys("s")
	typePath(h, taken).want("already exists", "never overwrites one", "Type another path")
	if got, _ := os.ReadFile(taken); string(got) != "keep me" {
		t.Fatal("the existing file was changed")
	}
	if !h.m.reg.saver.focused() || h.c.flow.rec.Webhook.SavedTo != "" {
		t.Fatal("the field closed (or the secret counts as saved) after a refusal")
	}
	typePath(h, filepath.Join(dir, "no", "such", "folder", "s.txt")).want("does not exist", "Type a path in a folder")
	if _, err := os.Stat(filepath.Join(dir, "no")); err == nil {
		t.Fatal("a folder was created")
	}
	typePath(h, "   ").want("Type the path of a new file")
	good := filepath.Join(dir, "new.txt")
	typePath(h, good).want("✓ Signing secret saved to")
	if got, _ := os.ReadFile(good); string(got) != testKey("whsec_", "WH42") {
		t.Fatal("the retry did not write the secret")
	}
}

func TestSaveCanBeDeclined(t *testing.T) {
	h := registeredHarness(t, true) // in the demo too
	h.keys("s").keys("esc").at(stateRegister, 0)
	wantStatus(t, h, "Not saved")
	if h.m.fieldFocused() {
		t.Fatal("esc did not close the path field")
	}
	h.keys("enter").at(stateSummary, 0).want("in memory for this run only", "reveal its Signing secret", "Press esc, then s")
	// The summary's hint leads back to the offer.
	h.keys("esc").at(stateRegister, 0).keys("s")
	if !h.m.reg.saver.focused() {
		t.Fatal("esc, s from the summary did not open the path field")
	}
}

func TestAccessibleSaveSecret(t *testing.T) {
	eng := newFakeEngine()
	eng.register = registered
	dir := t.TempDir()
	taken := filepath.Join(dir, "taken.txt")
	if err := os.WriteFile(taken, []byte("keep me"), 0o644); err != nil {
		t.Fatal(err)
	}
	path := filepath.Join(dir, "secret.txt")
	in := append(enters(10), testKey("rk_live_", "ACC4"), "", "a", testKey("sk_live_", "SETA"), hookURL, "s", taken, path)
	out, err := runPlain(t, eng, nil, in...)
	if err != nil {
		t.Fatalf("%v\n%s", err, out)
	}
	for _, want := range []string{"Type s to save the signing secret to a file", "already exists",
		"Signing secret saved to " + path + " (mode 0600).", "paste it from that file into the CustomerHub, then delete the file"} {
		if !strings.Contains(out, want) {
			t.Errorf("the output lacks %q", want)
		}
	}
	if got, _ := os.ReadFile(path); string(got) != testKey("whsec_", "WH42") {
		t.Fatal("the file does not hold the signing secret")
	}
	if got, _ := os.ReadFile(taken); string(got) != "keep me" {
		t.Fatal("the existing file was overwritten")
	}
}

// At 80×24 the offer sits below the verification; once s opens the path
// field, the field is scrolled into view.
func TestSavePathFieldIsKeptOnScreen(t *testing.T) {
	h := registeredHarness(t, false)
	h.send(tea.WindowSizeMsg{Width: 80, Height: 24})
	h.want("more lines").wantNot("Press enter for the summary") // the bottom is cut
	h.keys("s").want(defaultSecretPath)
}

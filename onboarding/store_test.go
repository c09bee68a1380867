package onboarding

import (
	"encoding/json"
	"errors"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"
)

var now = time.Date(2026, 12, 2, 10, 0, 0, 0, time.UTC)

func TestSaveLoadRoundTripWithMode0600(t *testing.T) {
	s := Store{Dir: filepath.Join(t.TempDir(), "cfg")}
	r := New(now)
	r.Step = 14
	r.Key.Redacted, r.Key.AccountID = "rk_live_…a1b2", "acct_1"
	if err := s.Save(r); err != nil {
		t.Fatal(err)
	}
	fi, err := os.Stat(s.Path())
	if err != nil {
		t.Fatal(err)
	}
	if fi.Mode().Perm() != 0o600 {
		t.Fatalf("mode %v, want 0600", fi.Mode().Perm())
	}
	got, found, aside, err := s.Load()
	if err != nil || !found || aside != nil {
		t.Fatalf("Load = found %v, aside %v, err %v", found, aside, err)
	}
	if got.Step != 14 || got.Key.AccountID != "acct_1" || got.Schema != SchemaVersion {
		t.Fatalf("Load = %+v", got)
	}
	entries, _ := os.ReadDir(s.Dir)
	if len(entries) != 1 {
		t.Fatalf("temporary files left: %v", entries)
	}
}

func TestLoadNothing(t *testing.T) {
	_, found, aside, err := Store{Dir: t.TempDir()}.Load()
	if found || aside != nil || err != nil {
		t.Fatalf("Load of nothing = %v %v %v", found, aside, err)
	}
}

func TestUnreadableFilesAreSetAsideNotDeleted(t *testing.T) {
	for name, body := range map[string]string{
		"corrupt":              "{not json",
		"newer":                `{"schema": 99, "step": 3}`,
		"no step":              `{"schema": 1, "step": 0}`,
		"a key in full":        `{"schema": 1, "step": 3, "key": {"redacted": "rk_live_51AbCdEfGhIjKlMnOpQrStUv"}}`,
		"a receipt without id": `{"schema": 1, "step": 3, "handoff": {"state": "received"}}`,
		"an unknown state":     `{"schema": 1, "step": 3, "webhook": {"way": "teleported"}}`,
		"escapes":              `{"schema": 1, "step": 3, "handoff": {"merchant_name": "\u001b]0;pwned\u0007"}}`,
		"the wrong entry":      `{"schema": 1, "step": 3, "key": {"vault": {"secret": "webhook-signing-secret", "account": "acct_1"}}}`,
		"accepted unchecked":   `{"schema": 1, "step": 3, "key": {"accepted": true, "verdict": "not_ready"}}`,
	} {
		t.Run(name, func(t *testing.T) {
			s := Store{Dir: t.TempDir()}
			os.WriteFile(s.Path(), []byte(body), 0o600)
			_, found, aside, err := s.Load()
			if err != nil || found || aside == nil {
				t.Fatalf("Load = found %v, aside %v, err %v", found, aside, err)
			}
			kept, rerr := os.ReadFile(aside.MovedTo)
			if rerr != nil || string(kept) != body {
				t.Fatalf("set-aside file %s: %q %v", aside.MovedTo, kept, rerr)
			}
			if name == "newer" && !strings.Contains(aside.Error(), "newer justt-onboard") {
				t.Fatalf("message %q does not say why", aside.Error())
			}
			if _, err := os.Stat(s.Path()); !os.IsNotExist(err) {
				t.Fatal("the unreadable file is still in place")
			}
		})
	}
}

func TestRemove(t *testing.T) {
	s := Store{Dir: t.TempDir()}
	if removed, err := s.Remove(); removed || err != nil {
		t.Fatalf("Remove of nothing = %v %v", removed, err)
	}
	s.Save(New(now))
	if removed, err := s.Remove(); !removed || err != nil {
		t.Fatalf("Remove = %v %v", removed, err)
	}
}

func TestIdempotencyKeyLivesWithTheSubmission(t *testing.T) {
	r := New(now)
	n := 0
	newKey := func() string { n++; return "idem-" + string(rune('0'+n)) }
	sub := Submission{KeyRedacted: "rk_live_…a1b2", AccountID: "acct_1", Mode: "live"}
	first := r.BeginHandoff("https://justt.example", sub, newKey, now)
	if again := r.BeginHandoff("https://justt.example", sub, newKey, now); again != first {
		t.Fatalf("same submission got a new key: %q then %q", first, again)
	}
	r.HandoffReceived("onb_1", true, now)
	if r.Handoff.State != HandoffReceived {
		t.Fatalf("state %q", r.Handoff.State)
	}
	other := sub
	other.KeyRedacted = "rk_live_…c3d4"
	if k := r.BeginHandoff("https://justt.example", other, newKey, now); k == first {
		t.Fatal("another key reused the old idempotency key: Justt would replay the old receipt")
	}
	if r.Handoff.State != HandoffSending || r.Handoff.SubmissionID != "" {
		t.Fatalf("a new submission kept the old receipt: %+v", r.Handoff)
	}
}

// TestSaveRefusesASecretAndWritesNothing: Load's checks hold for Save too.
// A secret that somehow reached the record must not reach the disk (where
// Load would only set it aside, and it would stay), and a record Load would
// set aside must not replace the merchant's good progress file.
func TestSaveRefusesASecretAndWritesNothing(t *testing.T) {
	const rk = "rk_live_51AbCdEfGhIjKlMnOpQrStUvWxYz0123456789"
	const whsec = "whsec_abcdefghijklmnopqrstuvwxyz012345"
	cases := map[string]struct {
		spoil  func(r *Record)
		secret bool
	}{
		"key in the redacted field":  {func(r *Record) { r.Key.Redacted = rk }, true},
		"key in the kept check":      {func(r *Record) { r.Key.Check = json.RawMessage(`{"note": "` + rk + `"}`) }, true},
		"secret as the saved path":   {func(r *Record) { r.Webhook.SavedTo = "/tmp/" + whsec }, true},
		"secret in the hand-off":     {func(r *Record) { r.Handoff.MerchantName = "Acme " + whsec }, true},
		"control characters":         {func(r *Record) { r.Key.AccountID = "acct_1\x1b[2J" }, false},
		"a step that does not exist": {func(r *Record) { r.Step = TotalSteps + 1 }, false},
	}
	for name, c := range cases {
		t.Run(name, func(t *testing.T) {
			s := Store{Dir: t.TempDir()}
			good := New(now)
			good.Step = 5
			if err := s.Save(good); err != nil {
				t.Fatal(err)
			}
			before, err := os.ReadFile(s.Path())
			if err != nil {
				t.Fatal(err)
			}
			bad := good
			bad.Step = 9
			c.spoil(&bad)
			err = s.Save(bad)
			var refused *RefusedError
			if !errors.As(err, &refused) || refused.Secret() != c.secret {
				t.Fatalf("Save = %v; want a refusal (secret %v)", err, c.secret)
			}
			if msg := err.Error(); strings.Contains(msg, rk) || strings.Contains(msg, whsec) || !strings.Contains(msg, "could not write the progress file") {
				t.Fatalf("error %q", msg)
			}
			after, err := os.ReadFile(s.Path())
			if err != nil || string(after) != string(before) {
				t.Fatalf("the progress file changed:\n%s\nwas:\n%s", after, before)
			}
			if entries, _ := os.ReadDir(s.Dir); len(entries) != 1 {
				t.Fatalf("files left: %v", entries)
			}
		})
	}
	// Nothing at all is written when there was no file yet.
	s := Store{Dir: filepath.Join(t.TempDir(), "cfg")}
	r := New(now)
	r.Key.Redacted = rk
	if err := s.Save(r); err == nil {
		t.Fatal("a record holding a key was saved")
	}
	if _, err := os.Stat(s.Path()); !errors.Is(err, os.ErrNotExist) {
		t.Fatalf("a progress file was written: %v", err)
	}
}

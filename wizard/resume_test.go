package wizard

import (
	"context"
	"strings"
	"testing"
	"time"

	"github.com/justt-ai/justt-onboard/onboarding"
	"github.com/justt-ai/justt-onboard/steps"
	"github.com/justt-ai/justt-onboard/stripecheck"
	"github.com/justt-ai/justt-onboard/vault"
)

// stoppedAt14 is a record saved by a run that passed the key part, kept
// the key in the keyring (when keep) and stopped at step 14.
func stoppedAt14(t *testing.T, v *vault.Vault, keep bool) onboarding.Record {
	t.Helper()
	now := time.Now()
	k, _ := stripecheck.ParseKey(testKey("rk_live_", "KEPT"))
	r := onboarding.New(now)
	r.KeyPasted(onboarding.FactsOf(k), now)
	r.KeyChecked(onboarding.KeyCheck{Verdict: onboarding.VerdictReady, AccountID: "acct_1FakeAccount"}, now)
	if err := r.AcceptKey(false, now); err != nil {
		t.Fatal(err)
	}
	r.ChooseWebhook(onboarding.WebhookByHand, now)
	r.GoTo(14, now)
	if keep {
		e := vault.Entry{Secret: vault.RestrictedKey, Account: "acct_1FakeAccount"}
		if where, err := v.Put(context.Background(), e, k); err != nil || where != vault.InKeyring {
			t.Fatalf("Put = %v %v", where, err)
		}
		r.KeyKept(&e, now)
	}
	return r
}

func resumeHarness(t *testing.T, eng *fakeEngine, v *vault.Vault, rec onboarding.Record) (*harness, *memoryProgress) {
	t.Helper()
	store := &memoryProgress{}
	h := newHarness(t, eng, nil)
	h.c.flow = newFlow(rec, v, store)
	h.m = newModel(h.c)
	h.m.state = stateResume
	h.secrets = append(h.secrets, testKey("rk_live_", "KEPT"))
	h.send(tea80x40())
	return h, store
}

func TestResumeChecksTheKeptKeyAgainWithNothingPasted(t *testing.T) {
	v := vault.New(vault.NewMemory(), time.Second)
	eng := newFakeEngine()
	h, store := resumeHarness(t, eng, v, stoppedAt14(t, v, true))
	h.at(stateResume, 0).want("step 14 of 18", "rk_live_…KEPT", "acct_1FakeAccount", "passed its check", "in your keyring", "Webhook: by hand")
	if probes, _ := eng.calls(); probes != 0 {
		t.Fatal("the key was checked before the merchant chose to resume")
	}
	h.keys("enter").at(stateStep, 14).want("checked again: all 9 permissions granted")
	if probes, _ := eng.calls(); probes != len(steps.Required) {
		t.Fatalf("%d probes after resuming, want one check", probes)
	}
	if !h.c.flow.keyPassed() || h.c.flow.key.IsZero() {
		t.Fatal("the resumed key part is not passed")
	}
	h.goStep(18).at(stateStep, 18)
	if saved, n := store.last(); n == 0 || saved.Step != 18 {
		t.Fatalf("the progress file was not saved after the resume (%d saves, step %d)", n, saved.Step)
	}
}

func TestResumedKeyThatLostAPermissionReopensTheKeyPart(t *testing.T) {
	v := vault.New(vault.NewMemory(), time.Second)
	h, _ := resumeHarness(t, newFakeEngine("rak_dispute_write"), v, stoppedAt14(t, v, true))
	h.keys("enter").at(stateStep, 14).want("not ready any more")
	if h.c.flow.keyPassed() {
		t.Fatal("a key missing Disputes still counts as passed")
	}
	h.goStep(18).at(stateStep, 14).want("Part 1 isn't finished")
}

func TestResumeWithoutAKeyringSaysWhatToPasteAgain(t *testing.T) {
	v := vault.New(nil, 0)
	h, _ := resumeHarness(t, newFakeEngine(), v, stoppedAt14(t, v, false))
	h.want("not kept: no keyring had it")
	h.keys("enter").at(stateStep, 14).want("no keyring answers here", "paste again", "rk_live_…KEPT")
	if h.c.flow.keyPassed() {
		t.Fatal("the key part counts as passed without a key")
	}
}

func TestStartOverForgetsTheOldOnboarding(t *testing.T) {
	mem := vault.NewMemory()
	v := vault.New(mem, time.Second)
	h, store := resumeHarness(t, newFakeEngine(), v, stoppedAt14(t, v, true))
	h.keys("n").at(stateStep, 1).want("Started over")
	if mem.Len() != 0 {
		t.Fatalf("%d keyring entries left after starting over", mem.Len())
	}
	if saved, _ := store.last(); !saved.Fresh() {
		t.Fatalf("the saved record is not a fresh one: %+v", saved)
	}
}

func TestQuitAsksBeforeLosingASigningSecretHeldInMemory(t *testing.T) {
	h := registeredHarness(t, false) // no keyring: the secret is in memory only
	h.keys("q")
	if h.quit {
		t.Fatal("q quit at once while the only copy of the signing secret was in memory")
	}
	h.want("Quit now?", "whsec_…WH42", "we_1Registered", "Stripe will not show it again")
	h.keys("n").wantNot("Quit now?")
	h.keys("ctrl+c").want("Quit now?")
	h.keys("ctrl+c")
	if !h.quit {
		t.Fatal("ctrl+c twice did not quit")
	}
}

func TestQuitDoesNotAskOnceTheSecretIsKept(t *testing.T) {
	h := registeredHarness(t, false)
	h.c.flow.vault = vault.New(vault.NewMemory(), time.Second)
	h.run(h.c.flow.keep(vault.WebhookSigningSecret))
	if h.c.flow.rec.Webhook.Vault == nil {
		t.Fatal("the keyring entry was not recorded")
	}
	h.keys("q")
	if !h.quit {
		t.Fatal("q asked although the secret is in the keyring")
	}
	if got := farewell(h.m); !strings.Contains(got, "Stopped at step") || !strings.Contains(flat(got), "in your system keyring") {
		t.Fatalf("farewell:\n%s", got)
	}
}

func TestProgressFileIsResumedByTheNextRun(t *testing.T) {
	dir := t.TempDir()
	store := onboarding.Store{Dir: dir}
	v := vault.New(vault.NewMemory(), time.Second)
	if err := store.Save(stoppedAt14(t, v, true)); err != nil {
		t.Fatal(err)
	}
	s := openFlow(Options{Progress: &store, Vault: v})
	if !s.offer || s.flow.rec.Step != 14 {
		t.Fatalf("no resume offer for a record at step %d", s.flow.rec.Step)
	}
	demo := openFlow(Options{Vault: v})
	if demo.offer || demo.flow.rec.Step != 1 {
		t.Fatal("a run without a progress file (the demo) resumed something")
	}
}

// A keyring entry that no longer holds a Stripe secret is said as the
// keyring's own answer (with the way out), not as "not in the keyring".
func TestResumeSaysWhyTheKeyringCouldNotGiveTheKeyBack(t *testing.T) {
	mem := vault.NewMemory()
	v := vault.New(mem, time.Second)
	rec := stoppedAt14(t, v, true)
	if err := mem.Set(vault.Service, rec.Key.Vault.User(), "not a key any more"); err != nil {
		t.Fatal(err)
	}
	h, _ := resumeHarness(t, newFakeEngine(), v, rec)
	h.keys("enter").at(stateStep, 14).want("paste again", "rk_live_…KEPT", "could not give them back").wantNot("not in the keyring")
	if !strings.Contains(h.m.status, "run 'justt-onboard forget'") {
		t.Fatalf("the status does not carry the keyring's answer: %q", h.m.status)
	}
}

package wizard

import (
	"context"
	"sync"
	"time"

	tea "github.com/charmbracelet/bubbletea"
	"github.com/justt-ai/justt-onboard/justt"
	"github.com/justt-ai/justt-onboard/onboarding"
	"github.com/justt-ai/justt-onboard/steps"
	"github.com/justt-ai/justt-onboard/stripecheck"
	"github.com/justt-ai/justt-onboard/vault"
)

// flow is this run's onboarding: the one record (what the merchant has
// done and chosen, no secret in it) and the secrets it names, held in
// memory as stripecheck.Key. Both faces send it events and draw from it;
// the rules are the record's. Every change bumps version, which is how
// the faces know to save the record (persist).
type flow struct {
	rec    onboarding.Record
	key    stripecheck.Key    // the restricted key
	report stripecheck.Report // the last check of key
	secret stripecheck.Key    // the webhook signing secret
	// justt is the client of a proven onboarding token (nil without one)
	// and justtCfg what Justt said about the onboarding. Never saved.
	justt    *justt.Client
	justtCfg justt.OnboardingConfig
	vault    *vault.Vault
	store    progressStore
	now      func() time.Time
	version  int
	saves    *saveOrder
	// rehearsal is set in the demo, whose keyring is a stand-in in memory.
	rehearsal bool
}

// progressStore is where the record is saved: the progress file, or
// memory (the demo and tests never touch the merchant's file).
type progressStore interface {
	Save(onboarding.Record) error
}

// memoryProgress keeps the record in memory only.
type memoryProgress struct {
	mu  sync.Mutex
	rec onboarding.Record
	n   int
}

func (m *memoryProgress) Save(r onboarding.Record) error {
	m.mu.Lock()
	defer m.mu.Unlock()
	m.rec, m.n = r, m.n+1
	return nil
}

func (m *memoryProgress) last() (onboarding.Record, int) {
	m.mu.Lock()
	defer m.mu.Unlock()
	return m.rec, m.n
}

// saveOrder makes saves that run concurrently (each in its own tea.Cmd)
// land in the order of the changes: an older snapshot never overwrites a
// newer one.
type saveOrder struct {
	mu   sync.Mutex
	last int
}

func newFlow(rec onboarding.Record, v *vault.Vault, store progressStore) *flow {
	if v == nil {
		v = vault.New(nil, 0) // no keyring: secrets live for this run only
	}
	if store == nil {
		store = &memoryProgress{}
	}
	return &flow{rec: rec, vault: v, store: store, now: time.Now, saves: &saveOrder{}}
}

func (f *flow) changed() { f.version++ }

// progressSavedMsg says how saving the record went.
type progressSavedMsg struct{ err error }

// persist is the tea.Cmd that saves the record as it is now.
func (f *flow) persist() tea.Cmd {
	rec, seq, store, order := f.rec, f.version, f.store, f.saves
	return func() tea.Msg {
		order.mu.Lock()
		defer order.mu.Unlock()
		if seq < order.last {
			return nil
		}
		order.last = seq
		return progressSavedMsg{err: store.Save(rec)}
	}
}

// keyPassed is the record's rule: the key part is done.
func (f *flow) keyPassed() bool { return f.rec.KeyPassed() }

// goTo asks the record to move to step n; a refusal is returned to show.
func (f *flow) goTo(n int) error {
	if f.rec.Step == n && !f.rec.Finished() {
		return nil
	}
	if err := f.rec.GoTo(n, f.now()); err != nil {
		return err
	}
	f.changed()
	return nil
}

// checking is a check of key starting: another key reopens the key part.
func (f *flow) checking(k stripecheck.Key) {
	if f.key.Reveal() != k.Reveal() {
		f.report = stripecheck.Report{}
	}
	f.key = k
	f.rec.KeyPasted(onboarding.FactsOf(k), f.now())
	f.changed()
}

// checked records a finished check of the key held.
func (f *flow) checked(k keyCheck) {
	if k.key.Reveal() != f.key.Reveal() {
		return // an answer about a key no longer held
	}
	f.report = k.report
	c, _ := onboarding.KeyCheckOf(k.key, k.report) // on an error, only the report's copy is missing
	f.rec.KeyChecked(c, f.now())
	f.changed()
}

// accept leaves the key part by the record's rules.
func (f *flow) accept(anyway bool) error {
	if err := f.rec.AcceptKey(anyway, f.now()); err != nil {
		return err
	}
	f.changed()
	return nil
}

// anotherKey reopens the key part for a new paste.
func (f *flow) anotherKey() {
	f.key, f.report = stripecheck.Key{}, stripecheck.Report{}
	f.rec.KeyForgotten(f.now())
	f.changed()
}

func (f *flow) chooseWebhook(way onboarding.WebhookWay) error {
	if err := f.rec.ChooseWebhook(way, f.now()); err != nil {
		return err
	}
	if f.rec.Webhook.SecretRedacted == "" {
		f.secret = stripecheck.Key{}
	}
	f.changed()
	return nil
}

func (f *flow) registered(res stripecheck.RegisterResult) {
	e := res.Endpoint
	if f.rec.WebhookRegistered(onboarding.Endpoint{ID: e.ID, URL: e.URL, APIVersion: e.APIVersion, Events: e.EnabledEvents},
		res.Secret.Redacted(), f.now()) != nil {
		return
	}
	f.secret = res.Secret
	f.changed()
}

func (f *flow) pasted(secret stripecheck.Key) error {
	if err := f.rec.SecretPasted(secret.Redacted(), f.now()); err != nil {
		return err
	}
	f.secret = secret
	f.changed()
	return nil
}

func (f *flow) savedTo(path string) {
	f.rec.SecretSavedTo(path, f.now())
	f.changed()
}

func (f *flow) verified(url string, res stripecheck.VerifyResult, err error) {
	if err != nil {
		return // nothing was learnt
	}
	id := ""
	if res.Endpoint != nil {
		id = res.Endpoint.ID
	}
	f.rec.WebhookVerified(url, id, res.OK(), f.now())
	f.changed()
}

func (f *flow) finish() error {
	if err := f.rec.Finish(f.now()); err != nil {
		return err
	}
	f.changed()
	return nil
}

func (f *flow) unfinish() {
	f.rec.Unfinish(f.now())
	f.changed()
}

// entryFor names the keyring entry of a secret of this onboarding's
// Stripe account (the mode until Stripe named the account).
func (f *flow) entryFor(s vault.Secret) vault.Entry {
	acct := f.rec.Key.AccountID
	if acct == "" {
		acct = f.rec.Key.Mode
	}
	if acct == "" {
		acct = "unknown-account"
	}
	return vault.Entry{Secret: s, Account: acct}
}

// keptMsg says where a secret went: the keyring (entry set) or memory.
type keptMsg struct {
	what  vault.Secret
	of    string // the redacted secret it is about
	entry *vault.Entry
	err   error
}

// keep is the tea.Cmd that puts a secret in the vault.
func (f *flow) keep(what vault.Secret) tea.Cmd {
	secret := f.key
	if what == vault.WebhookSigningSecret {
		secret = f.secret
	}
	if secret.IsZero() {
		return nil
	}
	v, e := f.vault, f.entryFor(what)
	return func() tea.Msg {
		where, err := v.Put(context.Background(), e, secret)
		msg := keptMsg{what: what, of: secret.Redacted(), err: err}
		if err == nil && where == vault.InKeyring {
			msg.entry = &e
		}
		return msg
	}
}

// onKept records where a secret went, if it is still the one held.
func (f *flow) onKept(msg keptMsg) {
	switch {
	case msg.what == vault.RestrictedKey && msg.of == f.key.Redacted() && !f.key.IsZero():
		f.rec.KeyKept(msg.entry, f.now())
	case msg.what == vault.WebhookSigningSecret && msg.of == f.secret.Redacted() && !f.secret.IsZero():
		f.rec.SecretKept(msg.entry, f.now())
	default:
		return
	}
	f.changed()
}

// secretOnlyInMemory is true while the signing secret Stripe showed once
// (a registered endpoint's) is held by this run alone: not in a keyring or
// a file, and not handed to Justt. Leaving loses it; s can still save it.
func (f *flow) secretOnlyInMemory() bool {
	return f.rec.Webhook.Way == onboarding.WebhookRegistered && !f.secret.IsZero() &&
		f.rec.SecretNeeded() && !f.handedOver()
}

// secretAtRisk is what would be lost by leaving now (secretOnlyInMemory),
// "" when nothing would be.
func (f *flow) secretAtRisk() string {
	if !f.secretOnlyInMemory() {
		return ""
	}
	w := f.rec.Webhook
	return "the signing secret " + f.secret.Redacted() + " of endpoint " + w.EndpointID +
		" is held in memory only (no keyring, no file): Stripe will not show it again, so you would have to reveal it in the dashboard (step 17)"
}

// caveatText words what the merchant continued past.
func (f *flow) caveatText() string {
	switch c := f.rec.Key.ContinuedPast; c {
	case "":
		return ""
	case "undecided":
		if n := f.report.Count(stripecheck.Unknown); n > 0 {
			return itoa(n) + " of " + itoa(len(steps.Required)) + " permissions could not be confirmed"
		}
		return "some of the " + itoa(len(steps.Required)) + " permissions could not be confirmed"
	case stripecheck.CodeTestMode:
		return "a test-mode key: Justt works on your real disputes, which need a live-mode key"
	default:
		for _, p := range f.report.Problems {
			if p.Code == c {
				return p.Message
			}
		}
		return "a warning (" + c + ")"
	}
}

// secretsHome names where this run keeps the secrets between steps: the
// system keyring, only memory when no keyring answers, or in the demo the
// memory that stands in for a keyring.
func (f *flow) secretsHome() string {
	if f.vault == nil || f.vault.Unavailable() != nil {
		return "this run's memory"
	}
	if f.rehearsal {
		return "the demo's memory"
	}
	return "your keyring"
}

// keptIn is "kept in …" for a secret this run put in the vault.
func (f *flow) keptIn() string {
	if f.secretsOutliveRun() {
		return "kept in your system keyring"
	}
	return "kept in " + f.secretsHome() + " until this run ends"
}

// secretsOutliveRun is whether the secrets stay after this run ends (in
// the system keyring, until `justt-onboard forget`).
func (f *flow) secretsOutliveRun() bool {
	return f.vault != nil && f.vault.Unavailable() == nil && !f.rehearsal
}

package wizard

import (
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"strings"

	"github.com/charmbracelet/bubbles/key"
	tea "github.com/charmbracelet/bubbletea"
	"github.com/justt-ai/justt-onboard/handoff"
	"github.com/justt-ai/justt-onboard/justt"
	"github.com/justt-ai/justt-onboard/onboarding"
	"github.com/justt-ai/justt-onboard/steps"
	"github.com/justt-ai/justt-onboard/stripecheck"
	"github.com/justt-ai/justt-onboard/vault"
)

// Handoff is how this run hands the integration to Justt
// (docs/justt-api.md). The token lives in memory for the run only: it is
// never put in the record, the progress file or the keyring (it expires),
// so a resumed onboarding asks for it again.
type Handoff struct {
	// Connect makes a client for the Justt API address given with
	// --justt-api-url or JUSTT_API_URL; nil when none was given (then the
	// hand-off is the guide's: the merchant pastes in the CustomerHub).
	Connect func(justt.Token) (*justt.Client, error)
	// Token is the token from JUSTT_ONBOARDING_TOKEN, proven at once; zero
	// when none was set.
	Token justt.Token
	// DemoToken is the sandbox's fake token, shown on the token screen
	// (demo only: a real token is never drawn).
	DemoToken string
}

// tokenProvedMsg is Justt's answer to GetConfig for a token.
type tokenProvedMsg struct {
	client *justt.Client
	cfg    justt.OnboardingConfig
	err    error
}

// proveTokenCmd asks Justt for the onboarding's configuration: it proves
// the token before the 18 steps and names the merchant.
func proveTokenCmd(ctx context.Context, h Handoff, tok justt.Token) tea.Cmd {
	return func() tea.Msg {
		c, err := h.Connect(tok)
		if err != nil {
			return tokenProvedMsg{err: err}
		}
		cfg, err := c.GetConfig(ctx)
		return tokenProvedMsg{client: c, cfg: cfg, err: err}
	}
}

// tokenProved keeps a proven token's client and what Justt said: the
// merchant and the webhook URL (nobody types it). A refusal drops it.
func (f *flow) tokenProved(msg tokenProvedMsg) {
	if msg.err != nil {
		f.justt, f.justtCfg = nil, justt.OnboardingConfig{}
		return
	}
	f.justt, f.justtCfg = msg.client, msg.cfg
	f.rec.Handoff.MerchantName = msg.cfg.MerchantName
	f.rec.Handoff.APIURL = msg.client.BaseURL()
	if f.rec.Handoff.State == onboarding.HandoffManual {
		f.rec.Handoff.State = onboarding.HandoffNone
	}
	f.changed()
}

// withoutToken is "I don't have one": the hand-off is the guide's.
func (f *flow) withoutToken() {
	f.justt, f.justtCfg = nil, justt.OnboardingConfig{}
	if f.rec.Handoff.State != onboarding.HandoffReceived {
		f.rec.Handoff.State = onboarding.HandoffManual
	}
	f.changed()
}

// handedOver is true once Justt confirmed receipt of this onboarding.
func (f *flow) handedOver() bool {
	h := f.rec.Handoff
	return h.State == onboarding.HandoffReceived && h.SubmissionID != ""
}

// canSend is "" when the review may send; else why it may not, in words.
func (f *flow) canSend() string {
	switch {
	case f.justt == nil:
		return "no proven Justt onboarding token"
	case f.key.IsZero():
		return "the key is not held in this run (paste it again at step 11)"
	case !f.report.Ready():
		return "Justt takes the key only once its check passes, and this key's did not (" + orWord(f.caveatText(), "not checked in this run") + "): fix it at step 11 and check it again"
	case f.rec.Webhook.SecretRedacted != "" && f.secret.IsZero():
		return "the webhook signing secret is not held in this run (paste it again at step 18)"
	}
	return ""
}

func orWord(s, def string) string {
	if s == "" {
		return def
	}
	return s
}

// submission is what the review shows and enter sends.
func (f *flow) submission() (justt.Submission, error) {
	check, err := json.Marshal(f.report)
	if err != nil {
		return justt.Submission{}, fmt.Errorf("the check could not be encoded: %w", err)
	}
	sub := justt.Submission{APIKey: f.key, AccountID: f.report.AccountID, Check: check}
	if f.rec.Webhook.SecretRedacted != "" {
		sub.WebhookSecret = f.secret
		sub.WebhookEndpointID = f.rec.Webhook.EndpointID
	}
	return sub, nil
}

// sentMsg is how a hand-off went. handoff is the record's hand-off part
// as Send left it: on a failure it still holds the Idempotency-Key, so
// the retry replays the same submission.
type sentMsg struct {
	handoff onboarding.Handoff
	receipt justt.Receipt
	saveErr error
	err     error
}

// sendCmd hands the integration over through handoff.Send, on a copy of
// the record (the program owns the record; the answer brings the change).
func (f *flow) sendCmd(ctx context.Context) tea.Cmd {
	sub, err := f.submission()
	if err != nil {
		h := f.rec.Handoff
		return func() tea.Msg { return sentMsg{handoff: h, err: err} }
	}
	rec, c, store, now := f.rec, f.justt, f.store, f.now
	return func() tea.Msg {
		r, saveErr, err := handoff.Send(ctx, c, store, &rec, sub, now)
		return sentMsg{handoff: rec.Handoff, receipt: r, saveErr: saveErr, err: err}
	}
}

// sent takes Send's outcome into the record.
func (f *flow) sent(msg sentMsg) {
	f.rec.Handoff = msg.handoff
	f.changed()
}

// sendFailure says what happened to a hand-off and what to do next.
func sendFailure(err error) string {
	var un *justt.UnreachableError
	var tok *justt.RefusedTokenError
	var notSaved *handoff.NotSavedError
	switch {
	case errors.As(err, &un):
		attempts := "1 attempt"
		if un.Attempts != 1 {
			attempts = fmt.Sprintf("%d attempts", un.Attempts)
		}
		return fmt.Sprintf("Justt could not be reached (%s; the last: %s). Nothing was lost: press enter to try again; the same submission is sent, and Justt records it once.", attempts, un.Last)
	case errors.As(err, &tok):
		return "Justt refused the onboarding token (it may have expired); nothing was recorded. Ask your Justt onboarding manager for a new one, or paste the secrets in the CustomerHub yourself (steps 11 and 18 say where)."
	case errors.As(err, &notSaved):
		return "Nothing was sent: " + err.Error() + ". Press enter to try again."
	}
	return err.Error() + "."
}

// secretEntries are the keyring entries the record names.
func (f *flow) secretEntries() []vault.Entry {
	var out []vault.Entry
	for _, e := range []*vault.Entry{f.rec.Key.Vault, f.rec.Webhook.Vault} {
		if e != nil {
			out = append(out, *e)
		}
	}
	return out
}

// secretsDeletedMsg says how removing the handed-over secrets went.
type secretsDeletedMsg struct {
	entries []vault.Entry
	err     error
}

// deleteSecretsCmd removes the keyring entries once Justt holds them: the
// merchant's machine then keeps no copy it no longer needs.
func (f *flow) deleteSecretsCmd() tea.Cmd {
	entries, v := f.secretEntries(), f.vault
	if len(entries) == 0 {
		return nil
	}
	return func() tea.Msg {
		var errs []error
		for _, e := range entries {
			if err := v.Delete(context.Background(), e); err != nil {
				errs = append(errs, err)
			}
		}
		return secretsDeletedMsg{entries: entries, err: errors.Join(errs...)}
	}
}

// removedWords says which secrets were removed from the keyring after
// the receipt: only those that were there (a hand-off without a webhook
// has no signing secret to remove).
func removedWords(entries []vault.Entry, home string) string {
	var key, secret bool
	for _, e := range entries {
		key = key || e.Secret == vault.RestrictedKey
		secret = secret || e.Secret == vault.WebhookSigningSecret
	}
	switch {
	case key && secret:
		return "The key and the signing secret were removed from " + home + ": Justt holds them now."
	case key:
		return "The key was removed from " + home + ": Justt holds it now."
	case secret:
		return "The signing secret was removed from " + home + ": Justt holds it now."
	}
	return "The copies in " + home + " were removed: Justt holds them now."
}

// secretsDeleted takes the deleted entries off the record.
func (f *flow) secretsDeleted(msg secretsDeletedMsg) {
	if msg.err != nil {
		return
	}
	f.rec.SecretsDeletedAfterReceipt(f.now())
	f.changed()
}

// webhookURL is the Justt webhook URL for step 16 and where it came from:
// Justt's answer to the token, else the demo's; "" when neither.
func (c *common) webhookURL() (url, from string) {
	switch {
	case c.flow != nil && c.flow.justtCfg.WebhookURL != "":
		return c.flow.justtCfg.WebhookURL, "from Justt"
	case c.demo != nil && c.demo.WebhookURL != "":
		return c.demo.WebhookURL, "demo"
	}
	return "", ""
}

// secretCopiedMsg says how copying a secret for the CustomerHub went.
type secretCopiedMsg struct {
	what, field, redacted string
	native                bool
	err                   error
}

// copySecretCmd puts a secret on the clipboard (the system's, else the
// terminal's through OSC 52) when the merchant asks with c: the guide's
// hand-off without a token. The secret is never drawn.
func copySecretCmd(cp func(string) (bool, error), secret stripecheck.Key, what, field string) tea.Cmd {
	return func() tea.Msg {
		native, err := cp(secret.Reveal())
		return secretCopiedMsg{what: what, field: field, redacted: secret.Redacted(), native: native, err: err}
	}
}

// copiedStatus is the status line after c: only the system clipboard
// confirms a copy; OSC 52 is sent blind, so its line says so.
func copiedStatus(msg secretCopiedMsg) string {
	switch {
	case msg.err != nil:
		return "Could not copy " + msg.what + " (" + stripecheck.Redact(msg.err.Error()) + "): copy it from where you saved it."
	case !msg.native:
		return "Sent " + msg.what + " (" + msg.redacted + ") to your terminal's clipboard (OSC 52; not every terminal takes it): paste it into the " + msg.field + " in the CustomerHub."
	}
	return "Copied " + msg.what + " (" + msg.redacted + ") to the clipboard: paste it into the " + msg.field + " in the CustomerHub (Integrations)."
}

// copyTarget is what c copies for the CustomerHub on the screen on show:
// at step 11 the key (once passed), at step 18 or after registering the
// signing secret, once it is held and no field takes text, in a run
// without a token (with one, the wizard hands them over). ok is false
// where c copies nothing.
func (m model) copyTarget() (secret stripecheck.Key, what, field string, ok bool) {
	f := m.c.flow
	if m.fieldFocused() || f.justt != nil {
		return stripecheck.Key{}, "", "", false
	}
	switch {
	case m.state == stateRegister && m.reg.phase == regDone && !f.secret.IsZero():
	case m.state != stateStep:
		return stripecheck.Key{}, "", "", false
	case m.step() == keyPartStep && !f.key.IsZero() && (f.keyPassed() || f.report.Ready()):
		return f.key, "the key", "Stripe API Key field", true
	case m.step() == steps.Total && !f.secret.IsZero():
	default:
		return stripecheck.Key{}, "", "", false
	}
	return f.secret, "the signing secret", "Stripe Webhook Secret field", true
}

// copySecretKey is c where copyTarget names a secret.
func (m model) copySecretKey(msg tea.KeyMsg) (model, tea.Cmd, bool) {
	secret, what, field, ok := m.copyTarget()
	if !ok || !key.Matches(msg, m.c.keys.CopySecret) {
		return m, nil, false
	}
	return m, copySecretCmd(m.c.copy, secret, what, field), true
}

// copySecretKeys is c in the footer where it copies a secret.
func (m model) copySecretKeys() []key.Binding {
	_, what, _, ok := m.copyTarget()
	if !ok {
		return nil
	}
	c := m.c.keys.CopySecret
	c.SetHelp("c", "copy "+strings.Replace(what, "signing secret", "secret", 1))
	return []key.Binding{c}
}

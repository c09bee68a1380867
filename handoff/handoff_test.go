package handoff

import (
	"context"
	"encoding/json"
	"errors"
	"net/http/httptest"
	"strings"
	"testing"
	"time"

	"github.com/justt-ai/justt-onboard/justt"
	"github.com/justt-ai/justt-onboard/onboarding"
	"github.com/justt-ai/justt-onboard/sandbox"
	"github.com/justt-ai/justt-onboard/stripecheck"
)

// memory keeps every saved record, in order.
type memory struct {
	saved []onboarding.Record
	fail  error
}

func (m *memory) Save(r onboarding.Record) error {
	if m.fail != nil {
		return m.fail
	}
	m.saved = append(m.saved, r)
	return nil
}

func setup(t *testing.T) (*sandbox.Justt, *justt.Client) {
	t.Helper()
	rx := sandbox.NewJustt()
	srv := httptest.NewServer(rx.Handler())
	t.Cleanup(srv.Close)
	tok, _ := justt.ParseToken(sandbox.JusttDemoToken)
	c, err := justt.New(justt.Config{BaseURL: srv.URL, Token: tok, Client: "justt-onboard/test",
		Wait: func(ctx context.Context, _ int, _ time.Duration) error { return ctx.Err() }})
	if err != nil {
		t.Fatal(err)
	}
	return rx, c
}

func submission(t *testing.T, secret string) justt.Submission {
	k, _ := stripecheck.ParseKey("rk_test_" + strings.Repeat("Ab3", 30))
	s := justt.Submission{APIKey: k, AccountID: "acct_1", WebhookEndpointID: "we_1", Check: json.RawMessage(`{"ready": true}`)}
	if secret != "" {
		s.WebhookSecret, _ = stripecheck.ParseKey(secret)
	}
	return s
}

func TestTheKeyIsSavedBeforeTheFirstAttemptAndReusedAfter(t *testing.T) {
	rx, c := setup(t)
	rx.SetFault(sandbox.JusttFault{Kind: sandbox.JusttUnavailable})
	store, rec := &memory{}, onboarding.New(time.Now())
	_, _, err := Send(context.Background(), c, store, &rec, submission(t, "whsec_"+strings.Repeat("Zq9", 8)), time.Now)
	var ue *justt.UnreachableError
	if !errors.As(err, &ue) {
		t.Fatalf("error %v", err)
	}
	if len(store.saved) != 1 || store.saved[0].Handoff.State != onboarding.HandoffSending {
		t.Fatalf("saved %d records (%+v), want one in state sending before sending", len(store.saved), store.saved)
	}
	idem := store.saved[0].Handoff.IdempotencyKey
	if reqs := rx.Requests(); len(reqs) == 0 || reqs[0].IdempotencyKey != idem {
		t.Fatalf("Justt got %+v, want the saved key %q", reqs, idem)
	}

	// The next run (here: the same record) replays the same key.
	rx.SetFault(sandbox.JusttFault{})
	r, saveErr, err := Send(context.Background(), c, store, &rec, submission(t, "whsec_"+strings.Repeat("Zq9", 8)), time.Now)
	if err != nil || saveErr != nil {
		t.Fatal(err, saveErr)
	}
	subs := rx.Submissions()
	if len(subs) != 1 || subs[0].IdempotencyKey != idem || rec.Handoff.SubmissionID != r.ID || rec.Handoff.State != onboarding.HandoffReceived {
		t.Fatalf("submissions %+v, record %+v", subs, rec.Handoff)
	}
	if last := store.saved[len(store.saved)-1]; last.Handoff.SubmissionID != r.ID {
		t.Fatalf("the receipt was not saved: %+v", last.Handoff)
	}

	// Another signing secret is another submission: a new key.
	if _, _, err := Send(context.Background(), c, store, &rec, submission(t, "whsec_"+strings.Repeat("Xy7", 8)), time.Now); err != nil {
		t.Fatal(err)
	}
	if subs := rx.Submissions(); len(subs) != 2 || subs[1].IdempotencyKey == idem {
		t.Fatalf("submissions %+v, want a second one under a new key", subs)
	}
}

func TestNothingIsSentWhenTheRecordCannotBeSaved(t *testing.T) {
	rx, c := setup(t)
	store, rec := &memory{fail: errors.New("disk full")}, onboarding.New(time.Now())
	_, _, err := Send(context.Background(), c, store, &rec, submission(t, ""), time.Now)
	var ns *NotSavedError
	if !errors.As(err, &ns) || !strings.Contains(err.Error(), "nothing was sent") {
		t.Fatalf("error %v", err)
	}
	if n := len(rx.Requests()); n != 0 {
		t.Fatalf("%d requests reached Justt", n)
	}
}

func TestAPIKeyOnlyDropsTheEndpoint(t *testing.T) {
	rx, c := setup(t)
	store, rec := &memory{}, onboarding.New(time.Now())
	if _, _, err := Send(context.Background(), c, store, &rec, submission(t, ""), time.Now); err != nil {
		t.Fatal(err)
	}
	if s := rx.Submissions(); len(s) != 1 || s[0].WebhookSecret != "" || s[0].WebhookEndpointID != "" {
		t.Fatalf("received %+v; API-key-only mode names no endpoint", s)
	}
}

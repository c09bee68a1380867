// Package handoff is the one sequence that hands a checked integration to
// Justt and keeps the outcome in the onboarding record: `submit` and the
// wizard both call Send, so neither holds hand-off logic the other lacks.
//
// handoff never sends a submission whose Idempotency-Key is not saved in
// the progress file first (a crash mid-request must be followed by a
// replay, not by a second onboarding), and never records a receipt Justt
// did not give.
package handoff

import (
	"context"
	"fmt"
	"time"

	"github.com/justt-ai/justt-onboard/justt"
	"github.com/justt-ai/justt-onboard/onboarding"
)

// Saver keeps the record: onboarding.Store, or a memory one in tests.
type Saver interface {
	Save(onboarding.Record) error
}

// NotSavedError is a progress file that could not be written before the
// submission: nothing was sent.
type NotSavedError struct{ Err error }

func (e *NotSavedError) Error() string {
	return fmt.Sprintf("%v; without it a second run could not be recognised as the same submission, so nothing was sent to Justt", e.Err)
}

func (e *NotSavedError) Unwrap() error { return e.Err }

// Send hands sub to Justt through c (in API-key-only mode, without a
// webhook endpoint id): it takes the record's Idempotency-Key
// for this submission (or makes one), saves the record, submits, and on a
// receipt records it and saves again. saveErr reports a failure of that
// last save only (Justt has the submission; the next Send replays it).
// err is *NotSavedError, or one of justt's errors.
func Send(ctx context.Context, c *justt.Client, store Saver, rec *onboarding.Record, sub justt.Submission, now func() time.Time) (r justt.Receipt, saveErr, err error) {
	if sub.WebhookSecret.IsZero() {
		sub.WebhookEndpointID = "" // API-key-only mode: no webhook to name
	}
	idem := rec.BeginHandoff(c.BaseURL(), onboarding.Submission{
		KeyRedacted: sub.APIKey.Redacted(), SecretRedacted: sub.WebhookSecret.Redacted(),
		AccountID: sub.AccountID, Mode: string(sub.APIKey.Mode()), EndpointID: sub.WebhookEndpointID,
	}, justt.NewIdempotencyKey, now())
	if err := store.Save(*rec); err != nil {
		return justt.Receipt{}, nil, &NotSavedError{Err: err}
	}
	r, err = c.Submit(ctx, sub, idem)
	if err != nil {
		return justt.Receipt{}, nil, err
	}
	rec.HandoffReceived(r.ID, r.ConfirmationEmailSent, now())
	return r, store.Save(*rec), nil
}

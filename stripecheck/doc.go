// Package stripecheck answers "is this the key Justt needs?" against Stripe:
// it classifies what was pasted, probes the nine permissions concurrently
// under one deadline, diagnoses common mistakes (the Issuing Disputes row,
// excess write access, rejected keys) and builds the report that `check`
// prints and the wizard draws. It also registers and verifies the webhook.
//
// stripecheck never sends a request that can create or change a Stripe
// object while checking a key, never reports granted or missing on a guess
// (an outage is unknown), and never puts a secret in an error or a report.
package stripecheck

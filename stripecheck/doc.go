// Package stripecheck answers "is this the key Justt needs?" against Stripe:
// it classifies what was pasted, probes the nine permissions concurrently
// under one deadline, diagnoses common mistakes (the Issuing Disputes row,
// excess write access, rejected keys) and builds the report that `check`
// prints and the wizard draws. It also registers and verifies the webhook.
//
// Files: Write has two witnesses (the empty upload and the list of files),
// and a 403 counts as missing only in the form of Stripe's own refusals:
// a proxy's 403 or a refusal of this computer's IP address is unknown.
//
// stripecheck never sends a request that can create or change a Stripe
// object while checking a key, never reports granted or missing on a guess
// (an outage is unknown), and never puts a secret in an error or a report.
package stripecheck

// Package justt is the client for Justt's onboarding API (docs/justt-api.md):
// it proves an onboarding token (GetConfig) and hands a checked Stripe
// integration to Justt (Submit).
//
// justt never sends the token or a secret anywhere but the configured base
// URL (https, or plain http only on loopback), never follows a redirect,
// never reads more than MaxBody bytes of an answer, and never puts the
// token or a secret in an error, a log or a printed value. A submission is
// retried only under the same Idempotency-Key, so Justt records it once.
package justt

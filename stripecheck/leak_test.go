package stripecheck

import (
	"context"
	"strings"
	"testing"
	"time"

	"github.com/justt-ai/justt-onboard/sandbox"
	"github.com/justt-ai/justt-onboard/steps"
)

// TestReportNeverShowsTheKey runs the checks most likely to echo a key
// (denials quoting it, rejections, faults, wrong kinds) and searches every
// detail, problem and the JSON for it.
func TestReportNeverShowsTheKey(t *testing.T) {
	t.Parallel()
	sb, c := onSandbox(t, Config{Timeout: 300 * time.Millisecond})
	scenarios := map[string]func() string{
		"nothing granted":   func() string { return sb.MintKey() },
		"all granted":       func() string { return sb.MintKey(allNine()...) },
		"live":              func() string { return sb.MintLiveKey("rak_charge_read") },
		"secret":            func() string { return sb.MintSecretKey() },
		"rolled":            func() string { k := sb.MintKey(); sb.Roll(k); return k },
		"expired":           func() string { k := sb.MintKey(); sb.Expire(k); return k },
		"unknown to Stripe": func() string { return "rk_live_" + fakeBody(99) },
		"malformed answers": func() string {
			k := sb.MintKey(allNine()...)
			sb.SetFault(k, sandbox.Fault{Kind: sandbox.MalformedJSON})
			return k
		},
		"publishable":    func() string { return modern("pk_live_") },
		"signing secret": func() string { return "whsec_" + fakeBody(40) },
		"garbage":        func() string { return "hello_" + fakeBody(40) },
	}
	for name, mint := range scenarios {
		t.Run(name, func(t *testing.T) {
			t.Parallel()
			key := parsed(t, mint())
			for _, opts := range []Options{{}, {RequireLive: true, WebhookSecret: key, WebhookSecretGiven: true}} {
				assertNoSecret(t, c.Check(context.Background(), key, opts), key)
			}
			if r := c.Probe(context.Background(), key, steps.Required[2]); strings.Contains(r.Detail+r.Fix, key.Reveal()) {
				t.Errorf("Probe detail shows the key")
			}
			for _, p := range c.Diagnose(context.Background(), key).Problems {
				if strings.Contains(p.Message+p.Fix, key.Reveal()) {
					t.Errorf("Diagnose problem shows the key")
				}
			}
		})
	}
}

package wizard

import (
	"strings"
	"testing"
	"time"

	"github.com/justt-ai/justt-onboard/onboarding"
	"github.com/justt-ai/justt-onboard/vault"
)

// TestSecretsRemovedSaysWhereTheyWere: after Justt's receipt the summary
// names the place the secrets really were: the keyring, or only this run's
// memory (no keyring, and the demo), never a keyring that was not used.
func TestSecretsRemovedSaysWhereTheyWere(t *testing.T) {
	for _, tt := range []struct {
		name  string
		vault *vault.Vault
		want  string
	}{
		{"keyring", vault.New(vault.NewMemory(), 0), "Removed from your keyring"},
		{"no keyring", vault.Without("none in this test"), "Removed from this run's memory"},
	} {
		rec := onboarding.New(time.Now())
		rec.Handoff.SecretsDeleted = true
		f := newFlow(rec, tt.vault, nil)
		if got := keyWhere(f); !strings.HasPrefix(got, tt.want) {
			t.Errorf("%s: keyWhere = %q, want it to start %q", tt.name, got, tt.want)
		}
	}
}

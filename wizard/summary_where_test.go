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
// memory (no keyring), or the demo's memory, never a keyring that was not used.
func TestSecretsRemovedSaysWhereTheyWere(t *testing.T) {
	for _, tt := range []struct {
		name      string
		vault     *vault.Vault
		rehearsal bool
		deleted   bool
		want      string
	}{
		{"keyring", vault.New(vault.NewMemory(), 0), false, true, "Removed from your keyring"},
		{"no keyring", vault.Without("none in this test"), false, true, "Removed from this run's memory"},
		{"demo", vault.New(vault.NewMemory(), 0), true, true, "Removed from the demo's memory"},
		{"kept in the keyring", vault.New(vault.NewMemory(), 0), false, false, "Kept in your system keyring (justt-onboard); 'justt-onboard forget'"},
		{"kept in the demo", vault.New(vault.NewMemory(), 0), true, false, "Kept in the demo's memory until this run ends"},
	} {
		rec := onboarding.New(time.Now())
		rec.Handoff.SecretsDeleted = tt.deleted
		rec.Key.Vault = &vault.Entry{}
		f := newFlow(rec, tt.vault, nil)
		f.rehearsal = tt.rehearsal
		if got := keyWhere(f); !strings.HasPrefix(got, tt.want) {
			t.Errorf("%s: keyWhere = %q, want it to start %q", tt.name, got, tt.want)
		}
	}
}

package steps

import (
	"bytes"
	"strings"
	"testing"
)

// TestHandOffStepsSayWhereEachSecretGoes: without a token the merchant must
// know exactly where each secret goes (the guide's CustomerHub fields), and
// no step may read as if pasting into this tool hands anything to Justt.
func TestHandOffStepsSayWhereEachSecretGoes(t *testing.T) {
	for _, tt := range []struct {
		step  int
		wants []string
	}{
		{9, []string{"until it has been handed to Justt (step 11)"}},
		{11, []string{"Justt CustomerHub → Integrations", "Stripe API Key field", "justt-onboard submit", "receipt"}},
		{18, []string{"Justt CustomerHub → Integrations", "Stripe Webhook Secret field", "justt-onboard submit", "receipt"}},
	} {
		s, _ := ByNumber(tt.step)
		text := s.Title + " " + strings.Join(s.Instructions, " ") + " " + s.Needs
		for _, w := range tt.wants {
			if !strings.Contains(text, w) {
				t.Errorf("step %d does not say %q", tt.step, w)
			}
		}
	}
	for _, s := range All {
		text := s.Title + " " + strings.Join(s.Instructions, " ")
		for _, claim := range []string{"Hand the key", "Hand the signing secret", "paste it here", "Paste the restricted key here", "Paste the signing secret here"} {
			if strings.Contains(text, claim) {
				t.Errorf("step %d claims a hand-off with %q", s.Number, claim)
			}
		}
	}
}

func TestBothRenderingsEndWithTellingTheJusttContact(t *testing.T) {
	for name, write := range map[string]func(*bytes.Buffer) error{
		"text":     func(b *bytes.Buffer) error { return WriteText(b) },
		"markdown": func(b *bytes.Buffer) error { return WriteMarkdown(b) },
	} {
		var b bytes.Buffer
		if err := write(&b); err != nil {
			t.Fatal(err)
		}
		out := strings.TrimSpace(b.String())
		if !strings.HasSuffix(out, "so they can move on to the next step of the integration.") {
			t.Errorf("%s does not end with the guide's last step: …%q", name, out[len(out)-120:])
		}
		if !strings.Contains(out, "CustomerHub → Integrations") {
			t.Errorf("%s does not say where the secrets go without a token", name)
		}
	}
}

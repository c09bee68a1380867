package stripecheck

import (
	"errors"
	"strings"
	"testing"
)

func TestValidateWebhookURL(t *testing.T) {
	t.Parallel()
	tests := []struct {
		name, url string
		wantIn    string // part of the message; "" means valid
	}{
		{"https", "https://hooks.justt.ai/stripe/m_123", ""},
		{"https with port and query", "https://hooks.justt.ai:8443/stripe?merchant=m_1", ""},
		{"surrounding spaces are trimmed", "  https://hooks.justt.ai/stripe \n", ""},
		{"http on 127.0.0.1", "http://127.0.0.1:8080/hook", ""},
		{"http on 127.1.2.3", "http://127.1.2.3/hook", ""},
		{"http on ::1", "http://[::1]:9000/hook", ""},
		{"http on localhost", "http://LOCALHOST:3000/hook", ""},
		{"empty", "", "No webhook URL"},
		{"plain http elsewhere", "http://hooks.justt.ai/stripe", "plain http://"},
		{"http on a name that only looks local", "http://localhost.example.com/hook", "plain http://"},
		{"ftp", "ftp://hooks.justt.ai/stripe", "ftp://"},
		{"no scheme", "hooks.justt.ai/stripe", "does not start with https://"},
		{"scheme-relative", "//hooks.justt.ai/stripe", "does not start with https://"},
		{"opaque", "https:hooks.justt.ai", "does not start with https://"},
		{"no host", "https:///stripe", "no host"},
		{"user-info", "https://justt:hunter2@hooks.justt.ai/stripe", "user name or password"},
		{"user only", "https://justt@hooks.justt.ai/stripe", "user name or password"},
		{"inner space", "https://hooks.justt.ai/str ipe", "space"},
		{"unparseable", "https://hooks.justt.ai:port/x", "cannot be read"},
		{"port too large", "https://hooks.justt.ai:99999/stripe", "from 1 to 65535"},
		{"port zero", "https://hooks.justt.ai:0/stripe", "from 1 to 65535"},
		{"escape sequence", "https://hooks.justt.ai/\x1b]0;x\x07", "control character (U+001B"},
		{"C1 control", "https://hooks.justt.ai/a\u009bb", "U+009B"},
		{"bidi override", "https://hooks.justt.ai/\u202egpj.exe", "U+202E"},
		{"zero-width space in the host", "https://hooks.jus\u200btt.ai/stripe", "U+200B"},
		{"BOM in front", "\ufeffhttps://hooks.justt.ai/stripe", "U+FEFF"},
		{"non-ASCII host is valid", "https://hooks.jüstt.ai/stripe", ""},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			t.Parallel()
			err := ValidateWebhookURL(tt.url)
			if tt.wantIn == "" {
				if err != nil {
					t.Fatalf("ValidateWebhookURL(%q) = %v, want nil", tt.url, err)
				}
				return
			}
			var we *WebhookError
			if !errors.As(err, &we) {
				t.Fatalf("ValidateWebhookURL(%q) = %v, want a *WebhookError", tt.url, err)
			}
			if we.Code != CodeBadURL || we.ExitCode != ExitNotReady || we.Fix == "" {
				t.Errorf("got code %q exit %d fix %q; want %q, %d and a fix", we.Code, we.ExitCode, we.Fix, CodeBadURL, ExitNotReady)
			}
			if !strings.Contains(we.Message, tt.wantIn) {
				t.Errorf("message %q does not contain %q", we.Message, tt.wantIn)
			}
			if strings.Contains(we.Error()+we.Fix, "hunter2") {
				t.Errorf("the password in the URL was repeated: %q", we.Error())
			}
		})
	}
}

func TestNormalizeWebhookURL(t *testing.T) {
	t.Parallel()
	same := [][2]string{
		{"https://hooks.justt.ai/stripe", "HTTPS://Hooks.Justt.AI/stripe"},
		{"https://hooks.justt.ai/stripe", "https://hooks.justt.ai:443/stripe/"},
		{"https://hooks.justt.ai", "https://hooks.justt.ai/"},
		{"https://hooks.justt.ai/stripe#part", "https://hooks.justt.ai/stripe"},
		{"http://127.0.0.1:80/x", "http://127.0.0.1/x"},
		{"http://[::1]:443/x", "http://[::1]:443/x/"},
	}
	for _, p := range same {
		if a, b := normalizeWebhookURL(p[0]), normalizeWebhookURL(p[1]); a != b {
			t.Errorf("normalize(%q) = %q, normalize(%q) = %q; want equal", p[0], a, p[1], b)
		}
	}
	different := [][2]string{
		{"https://hooks.justt.ai/stripe", "https://hooks.justt.ai/Stripe"},
		{"https://hooks.justt.ai/stripe", "https://hooks.justt.ai/stripe?m=1"},
		{"https://hooks.justt.ai/stripe", "http://hooks.justt.ai/stripe"},
		{"https://hooks.justt.ai/stripe", "https://hooks.justt.ai:8443/stripe"},
		{"https://hooks.justt.ai/stripe", "https://other.justt.ai/stripe"},
	}
	for _, p := range different {
		if a, b := normalizeWebhookURL(p[0]), normalizeWebhookURL(p[1]); a == b {
			t.Errorf("normalize(%q) == normalize(%q) == %q; want different", p[0], p[1], a)
		}
	}
}

// TestParseWebhookURLPunycode: a host in non-ASCII letters is sent as
// punycode, with a warning; an ASCII host gets none.
func TestParseWebhookURLPunycode(t *testing.T) {
	t.Parallel()
	got, err := ParseWebhookURL("https://hooks.jüstt.ai:8443/stripe?m=1")
	if err != nil {
		t.Fatal(err)
	}
	if got.URL != "https://hooks.xn--jstt-0ra.ai:8443/stripe?m=1" {
		t.Errorf("URL = %q", got.URL)
	}
	if len(got.Warnings) != 1 || got.Warnings[0].Code != CodeNonASCIIHost || !strings.Contains(got.Warnings[0].Message, "xn--jstt-0ra") {
		t.Errorf("warnings = %+v", got.Warnings)
	}
	// Cyrillic а (U+0430) in place of a Latin a.
	got, err = ParseWebhookURL("https://hooks.justt.\u0430i/stripe")
	if err != nil || !strings.HasPrefix(got.URL, "https://hooks.justt.xn--") || len(got.Warnings) != 1 {
		t.Errorf("look-alike host: %+v, %v", got, err)
	}
	got, err = ParseWebhookURL("https://hooks.justt.ai/caf\u00e9")
	if err != nil || len(got.Warnings) != 0 {
		t.Errorf("a non-ASCII path is not a host warning: %+v, %v", got, err)
	}
}

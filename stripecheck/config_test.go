package stripecheck

import (
	"errors"
	"strings"
	"testing"
)

func TestNewValidatesEndpoints(t *testing.T) {
	t.Parallel()
	tests := []struct {
		name        string
		api, upload string
		flag        string // "" when New must succeed
		why         string
	}{
		{"defaults", "", "", "", ""},
		{"https anywhere", "https://stripe.example.com", "https://files.example.com/v1", "", ""},
		{"http on 127.0.0.1", "http://127.0.0.1:12111", "http://127.0.0.1:12111", "", ""},
		{"http on 127.1.2.3", "http://127.1.2.3", "", "", ""},
		{"http on localhost", "http://localhost:8080", "http://LOCALHOST:8080", "", ""},
		{"http on ::1", "http://[::1]:8080", "", "", ""},
		{"http elsewhere", "http://api.stripe.com", "", "stripe-api-url", "unencrypted"},
		{"http on a name for loopback", "http://127.0.0.1.nip.io", "", "stripe-api-url", "unencrypted"},
		{"http uploads elsewhere", "", "http://10.0.0.1", "stripe-uploads-url", "unencrypted"},
		{"ftp", "ftp://api.stripe.com", "", "stripe-api-url", "scheme"},
		{"no host", "https://", "", "stripe-api-url", "no host"},
		{"no scheme", "api.stripe.com", "", "stripe-api-url", "scheme"},
		{"user info", "https://user:s3cr3tpw@api.stripe.com", "", "stripe-api-url", "user name or password"},
		{"query", "https://api.stripe.com?x=1", "", "stripe-api-url", "query"},
		{"not a URL", "https://%zz", "", "stripe-api-url", "not a URL"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			t.Parallel()
			c, err := New(Config{APIURL: tt.api, UploadsURL: tt.upload})
			if tt.flag == "" {
				if err != nil || c == nil {
					t.Fatalf("New: %v", err)
				}
				return
			}
			var ce *ConfigError
			if !errors.As(err, &ce) {
				t.Fatalf("error %v is not a *ConfigError", err)
			}
			if ce.Flag != tt.flag || !strings.Contains(err.Error(), "--"+tt.flag) {
				t.Errorf("error names %q (%v), want --%s", ce.Flag, err, tt.flag)
			}
			if !strings.Contains(err.Error(), tt.why) {
				t.Errorf("error %q does not say %q", err, tt.why)
			}
			if strings.Contains(err.Error(), "s3cr3tpw") {
				t.Errorf("error repeats the URL's password: %v", err)
			}
		})
	}
}

func TestNewDefaults(t *testing.T) {
	t.Parallel()
	c, err := New(Config{})
	if err != nil {
		t.Fatal(err)
	}
	if c.cfg.Timeout != DefaultTimeout || c.cfg.APIURL != DefaultAPIURL || c.cfg.UploadsURL != DefaultUploadsURL {
		t.Errorf("defaults not applied: %+v", c.cfg)
	}
}

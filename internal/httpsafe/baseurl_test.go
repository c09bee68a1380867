package httpsafe

import (
	"strings"
	"testing"
)

func TestCheckBaseURL(t *testing.T) {
	t.Parallel()
	api := API{Secret: "token", Example: "https://api.example"}
	for _, tt := range []struct{ raw, why string }{
		{"https://api.example", ""},
		{"https://api.example:443/base/", ""},
		{"http://127.0.0.1:8080", ""},
		{"http://LOCALHOST:1", ""},
		{"http://[::1]:65535", ""},
		{"http://api.example", "send the token unencrypted"},
		{"http://127.0.0.1.nip.io", "unencrypted"},
		{"http://127.0.0.1:99999", `the port "99999" is impossible`},
		{"https://api.example:0", `the port "0" is impossible`},
		{"ftp://api.example", `not "ftp"`},
		{"api.example", "scheme is missing"},
		{"localhost:8080", "scheme is missing"},
		{"https://", "no host"},
		{"https://api.example?", "no ?query"},
		{"https://api.example/#", "no ?query"},
		{"https://u:s3cr3tpw@api.example", "user name or password; the token goes in a header"},
		{"https://u:s3cr3tpw@api.ex%zz", "not a URL"},
	} {
		u, bad := CheckBaseURL(tt.raw, api)
		if tt.why == "" {
			if bad != nil || u == nil {
				t.Errorf("%q: %v", tt.raw, bad)
			}
			continue
		}
		if bad == nil || !strings.Contains(bad.Problem, tt.why) {
			t.Errorf("%q: %v, want %q", tt.raw, bad, tt.why)
			continue
		}
		if strings.Contains(bad.Shown+bad.Problem, "s3cr3tpw") {
			t.Errorf("%q: the password is shown: %q", tt.raw, bad.Shown)
		}
	}
}

func TestWithoutUserInfo(t *testing.T) {
	t.Parallel()
	for raw, want := range map[string]string{
		"https://u:pw@h%zz/p@x": "https://…@h%zz/p@x",
		"u:pw@h%zz":             "…@h%zz",
		"https://h%zz/a@b":      "https://h%zz/a@b",
		"https://a@b@h%zz":      "https://…@h%zz",
	} {
		if got := withoutUserInfo(raw); got != want {
			t.Errorf("withoutUserInfo(%q) = %q, want %q", raw, got, want)
		}
	}
}

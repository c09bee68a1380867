package stripecheck

import (
	"encoding/json"
	"fmt"
	"regexp"
	"strings"
	"testing"
	"unicode"
)

// fakeBody is a deterministic alphanumeric key body of n characters.
func fakeBody(n int) string {
	const alnum = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789"
	var b strings.Builder
	for i := 0; i < n; i++ {
		b.WriteByte(alnum[(i*7+3)%len(alnum)])
	}
	return b.String()
}

// modern builds a 107-character key with the given prefix, as Stripe issues today.
func modern(prefix string) string { return prefix + fakeBody(107-len(prefix)) }

func TestParseKeyClassifies(t *testing.T) {
	t.Parallel()
	rkLive := modern("rk_live_")
	tests := []struct {
		name     string
		raw      string
		kind     KeyKind
		mode     Mode
		value    string // the cleaned key; "" means raw itself
		redacted string
	}{
		{"restricted live", rkLive, Restricted, Live, "", "rk_live_…" + rkLive[103:]},
		{"restricted test", modern("rk_test_"), Restricted, Test, "", "rk_test_…" + modern("rk_test_")[103:]},
		{"secret live", modern("sk_live_"), Secret, Live, "", "sk_live_…" + modern("sk_live_")[103:]},
		{"secret test", modern("sk_test_"), Secret, Test, "", "sk_test_…" + modern("sk_test_")[103:]},
		{"publishable", modern("pk_live_"), Publishable, Live, "", "pk_live_…" + modern("pk_live_")[103:]},
		{"webhook secret", "whsec_" + fakeBody(32), WebhookSecret, "", "", "whsec_…" + fakeBody(32)[28:]},
		{"sandbox-claim family", modern("rkcs_test_"), Restricted, Test, "", "rkcs_test_…" + modern("rkcs_test_")[103:]},
		{"legacy 32 characters", "sk_live_" + fakeBody(24), Secret, Live, "", "sk_live_…" + fakeBody(24)[20:]},
		{"garbage", "hello_world_this_is_not_a_key", Unrecognized, "", "", "…" + "_key"},
		{"double quotes", `"` + rkLive + `"`, Restricted, Live, rkLive, "rk_live_…" + rkLive[103:]},
		{"single quotes and spaces", "  '" + rkLive + "'  ", Restricted, Live, rkLive, "rk_live_…" + rkLive[103:]},
		{"Bearer prefix", "Bearer " + rkLive, Restricted, Live, rkLive, "rk_live_…" + rkLive[103:]},
		{"trailing newline", rkLive + "\n", Restricted, Live, rkLive, "rk_live_…" + rkLive[103:]},
		{"CRLF", rkLive + "\r\n", Restricted, Live, rkLive, "rk_live_…" + rkLive[103:]},
		{"short body shows length only", "rk_live_abc", Restricted, Live, "", "rk_live_…(11 characters)"},
		// A mode counts only right after the family: further in it is body.
		{"mode inside the body", "rk_" + fakeBody(30) + "_live_" + fakeBody(20), Restricted, "", "", "rk_…" + fakeBody(20)[16:]},
		{"no mode", "sk_" + fakeBody(40), Secret, "", "", "sk_…" + fakeBody(40)[36:]},
		{"words between family and mode", "sk_acct_live_" + fakeBody(40), Secret, "", "", "sk_…" + fakeBody(40)[36:]},
		{"organization key", modern("sk_org_"), Organization, "", "", "sk_org_…" + modern("sk_org_")[103:]},
		{"organization key with mode", modern("sk_org_live_"), Organization, Live, "", "sk_org_live_…" + modern("sk_org_live_")[103:]},
		{"family with capitals", "rkAB_live_" + fakeBody(40), Unrecognized, "", "", "…" + fakeBody(40)[36:]},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			t.Parallel()
			k, err := ParseKey(tt.raw)
			if err != nil {
				t.Fatalf("ParseKey: unexpected error %v", err)
			}
			want := tt.value
			if want == "" {
				want = tt.raw
			}
			if k.Reveal() != want {
				t.Errorf("cleaned value differs from %q", Redact(want))
			}
			if k.Kind() != tt.kind || k.Mode() != tt.mode {
				t.Errorf("kind/mode = %s/%q, want %s/%q", k.Kind(), k.Mode(), tt.kind, tt.mode)
			}
			if k.Redacted() != tt.redacted {
				t.Errorf("Redacted = %q, want %q", k.Redacted(), tt.redacted)
			}
		})
	}
}

func TestParseKeyRefuses(t *testing.T) {
	t.Parallel()
	rk := modern("rk_live_")
	tests := []struct {
		name, raw, code string
	}{
		{"empty", "", "empty"},
		{"only spaces", " \t\n", "empty"},
		{"inner space", rk[:40] + " " + rk[40:], "inner_space"},
		{"inner newline", rk[:40] + "\n" + rk[40:], "inner_space"},
		{"zero-width space", rk[:40] + "\u200b" + rk[40:], "control_character"},
		{"byte order mark", "\ufeff" + rk, "control_character"},
		{"Cyrillic a", strings.Replace(rk, "a", "а", 1), "non_ascii"},
		{"dash", rk[:40] + "-" + rk[40:], "invalid_character"},
		{"ellipsis from a redacted copy", "rk_live_…" + rk[103:], "non_ascii"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			t.Parallel()
			k, err := ParseKey(tt.raw)
			if err == nil {
				t.Fatalf("ParseKey accepted it as %s", k.Summary())
			}
			ke, ok := err.(*KeyError)
			if !ok {
				t.Fatalf("error is %T, want *KeyError", err)
			}
			if ke.Code != tt.code {
				t.Errorf("Code = %q, want %q (%s)", ke.Code, tt.code, ke.Message)
			}
			if ke.Fix == "" || ke.Message == "" {
				t.Errorf("error lacks a message or a fix: %+v", ke)
			}
			if len(tt.raw) >= 8 && strings.Contains(err.Error(), strings.TrimSpace(tt.raw)) {
				t.Errorf("error repeats the pasted text")
			}
		})
	}
}

func TestKeyNeverPrintsItsValue(t *testing.T) {
	t.Parallel()
	k, err := ParseKey(modern("rk_live_"))
	if err != nil {
		t.Fatal(err)
	}
	js, err := json.Marshal(k)
	if err != nil {
		t.Fatal(err)
	}
	for name, s := range map[string]string{
		"String": k.String(), "%v": fmt.Sprintf("%v", k), "%+v": fmt.Sprintf("%+v", k),
		"%#v": fmt.Sprintf("%#v", k), "%s": fmt.Sprintf("%s", k), "Summary": k.Summary(), "JSON": string(js),
	} {
		if strings.Contains(s, k.Reveal()) || strings.Contains(s, k.Reveal()[8:20]) {
			t.Errorf("%s shows the key: %s", name, s)
		}
	}
	if want := "restricted key · live mode · " + k.Redacted(); k.Summary() != want {
		t.Errorf("Summary = %q, want %q", k.Summary(), want)
	}
}

// A Key held in an unexported field is printed by fmt field by field,
// without its String method: the value must still not show.
func TestKeyInAnUnexportedFieldNeverPrintsItsValue(t *testing.T) {
	t.Parallel()
	k, err := ParseKey(modern("rk_live_"))
	if err != nil {
		t.Fatal(err)
	}
	holder := struct{ k Key }{k}
	nested := struct{ inner struct{ keys []Key } }{struct{ keys []Key }{[]Key{k}}}
	for _, format := range []string{"%v", "%+v", "%#v", "%s", "%q", "%x", "%d"} {
		for name, v := range map[string]any{"field": holder, "nested slice": nested, "pointer": &holder} {
			s := fmt.Sprintf(format, v)
			if strings.Contains(s, k.Reveal()) || strings.Contains(s, k.Reveal()[8:20]) {
				t.Errorf("%s of a Key in an unexported %s shows the key: %s", format, name, s)
			}
		}
	}
	if k.IsZero() || (Key{}).Reveal() != "" || !(Key{}).IsZero() {
		t.Error("IsZero/Reveal changed meaning")
	}
}

// FuzzParseKey: whatever is pasted, ParseKey never panics, a key it accepts
// holds no space, control or non-ASCII character, its errors never repeat
// the input, and Redacted reveals at most the last 4 characters of the body.
func FuzzParseKey(f *testing.F) {
	for _, seed := range []string{
		modern("rk_live_"), modern("rk_test_") + "\n", `"` + modern("sk_live_") + `"`, "Bearer " + modern("pk_test_"),
		"whsec_" + fakeBody(32), "rkcs_test_" + fakeBody(20), "rk_live_abc", "rk_", "_", "", " ", "''", "Bearer ",
		"rk_live_" + fakeBody(40) + " " + fakeBody(10), "rk_live_\u200b" + fakeBody(30), "rk_live_а" + fakeBody(30),
		"sk_org_live_" + fakeBody(30), "rk_live_live_test_" + fakeBody(3), "\"'`Bearer  x`'\"",
		"rk_" + fakeBody(40) + "_live_" + fakeBody(20), "rkcs_" + fakeBody(17) + "_test_x", "rkABCD_live_" + fakeBody(30),
	} {
		f.Add(seed)
	}
	f.Fuzz(func(t *testing.T, raw string) {
		k, err := ParseKey(raw)
		if err != nil {
			// Messages contain no underscore, so an input with one that shows
			// up in an error was copied there (plain words could match by chance).
			if len(raw) >= 8 && strings.Contains(raw, "_") && strings.Contains(err.Error(), raw) {
				t.Fatalf("error repeats the input: %v", err)
			}
			return
		}
		v := k.Reveal()
		for _, r := range v {
			if unicode.IsSpace(r) || unicode.IsControl(r) || r > unicode.MaxASCII {
				t.Fatalf("accepted key holds %U", r)
			}
		}
		checkRedacted(t, v, k.Redacted())
		if prefix, _, _ := strings.Cut(k.Redacted(), "…"); k.Mode() != "" && !strings.HasSuffix(prefix, "_"+string(k.Mode())+"_") {
			t.Fatalf("mode %s read from elsewhere than right after the family (%q)", k.Mode(), prefix)
		}
	})
}

// familyPrefix is all a redacted form may show before "…": nothing,
// "whsec_", or an API key's family (with org_ for an organization key)
// and the mode right after it.
var familyPrefix = regexp.MustCompile(`^(?:|whsec_|(?:rk|sk|pk)[a-z]{0,4}_(?:org_)?(?:(?:live|test)_)?)$`)

// checkRedacted asserts red is a family/mode prefix of v (or nothing),
// "…", then either the last 4 characters of a body of at least 16 or a
// length note.
func checkRedacted(t *testing.T, v, red string) {
	t.Helper()
	prefix, tail, ok := strings.Cut(red, "…")
	if !ok {
		t.Fatalf("Redacted %q has no ellipsis", red)
	}
	if !strings.HasPrefix(v, prefix) || !familyPrefix.MatchString(prefix) {
		t.Fatalf("Redacted prefix %q is not a family/mode prefix of the key", prefix)
	}
	if tail == fmt.Sprintf("(%d characters)", len(v)) {
		return
	}
	if len(tail) != 4 || !strings.HasSuffix(v, tail) || len(v)-len(prefix) < 16 {
		t.Fatalf("Redacted %q shows more than the last 4 of a long enough body (key of %d)", red, len(v))
	}
}

func TestSummaryDropsTheArticle(t *testing.T) {
	t.Parallel()
	for raw, want := range map[string]string{
		modern("rk_live_"):      "restricted key · live mode · rk_live_…",
		modern("sk_org_live_"):  "organization key · live mode · sk_org_live_…",
		"whsec_" + fakeBody(32): "webhook signing secret · whsec_…",
	} {
		if got := parsed(t, raw).Summary(); !strings.HasPrefix(got, want) {
			t.Errorf("Summary = %q, want %q…", got, want)
		}
	}
}

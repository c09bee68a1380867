package steps

import (
	"bytes"
	"net/url"
	"strings"
	"testing"
)

func TestGuideHasEighteenNumberedStepsInTwoParts(t *testing.T) {
	if len(All) != Total {
		t.Fatalf("len(All) = %d, want %d", len(All), Total)
	}
	for i, s := range All {
		if s.Number != i+1 {
			t.Errorf("All[%d].Number = %d, want %d", i, s.Number, i+1)
		}
		wantPart := PartAPIKey
		if s.Number >= 12 {
			wantPart = PartWebhook
		}
		if s.Part != wantPart {
			t.Errorf("step %d part = %v, want %v", s.Number, s.Part, wantPart)
		}
		if s.Title == "" || len(s.Instructions) == 0 || s.Needs == "" {
			t.Errorf("step %d lacks a title, instructions or needs", s.Number)
		}
	}
}

func TestStepsThatTakeInput(t *testing.T) {
	want := map[int]Input{7: InputPermissions, 11: InputAPIKey, 16: InputWebhookURL, 18: InputWebhookSecret}
	for _, s := range All {
		if s.Input != want[s.Number] {
			t.Errorf("step %d input = %v, want %v", s.Number, s.Input, want[s.Number])
		}
	}
}

func TestByNumber(t *testing.T) {
	for _, n := range []int{0, -1, 19} {
		if _, ok := ByNumber(n); ok {
			t.Errorf("ByNumber(%d) found a step", n)
		}
	}
	if s, ok := ByNumber(11); !ok || s.Input != InputAPIKey {
		t.Errorf("ByNumber(11) = %+v, %v", s, ok)
	}
}

func TestRequiredPermissionsMatchTheGuide(t *testing.T) {
	want := []string{"Charges: Read", "Customers: Read", "Files: Write", "PaymentIntents: Read",
		"PaymentMethods: Read", "Invoices: Read", "Subscriptions: Read", "Disputes: Write", "Reviews: Read"}
	if len(Required) != len(want) {
		t.Fatalf("%d required permissions, want %d", len(Required), len(want))
	}
	for i, p := range Required {
		if p.String() != want[i] {
			t.Errorf("Required[%d] = %s, want %s", i, p, want[i])
		}
	}
	disputes, _ := RequiredByResource("disputes")
	if disputes.Section != SectionCore || !strings.Contains(disputes.Fix(), "not the one under Issuing") {
		t.Errorf("Disputes fix does not call out the Issuing trap: %q", disputes.Fix())
	}
	reviews, _ := RequiredByResource("Reviews")
	if reviews.Section != SectionRadar || !strings.Contains(reviews.Fix(), "under Radar") {
		t.Errorf("Reviews fix does not say Radar: %q", reviews.Fix())
	}
	if !strings.HasPrefix(reviews.Fix(), "Step 7:") {
		t.Errorf("fix should name step 7: %q", reviews.Fix())
	}
}

func TestPrefilledKeyURL(t *testing.T) {
	for _, test := range []struct {
		testMode bool
		path     string
	}{{false, "/apikeys/create"}, {true, "/test/apikeys/create"}} {
		u, err := url.Parse(PrefilledKeyURL(test.testMode))
		if err != nil {
			t.Fatal(err)
		}
		if u.Host != "dashboard.stripe.com" || u.Path != test.path {
			t.Errorf("testMode=%v: %s%s, want dashboard.stripe.com%s", test.testMode, u.Host, u.Path, test.path)
		}
		q := u.Query()
		if q.Get("name") != "Justt" {
			t.Errorf("name = %q", q.Get("name"))
		}
		scopes := q["permissions[]"]
		if len(scopes) != len(Required) {
			t.Fatalf("%d scopes, want %d", len(scopes), len(Required))
		}
		for i, p := range Required {
			if scopes[i] != p.Scope {
				t.Errorf("scope %d = %s, want %s", i, scopes[i], p.Scope)
			}
		}
	}
}

func TestTestModeLink(t *testing.T) {
	for in, want := range map[string]string{
		WebhooksURL: "https://dashboard.stripe.com/test/webhooks",
		"https://dashboard.stripe.com/test/webhooks": "https://dashboard.stripe.com/test/webhooks",
		LoginURL:                LoginURL,
		"":                      "",
		"https://example.com/x": "https://example.com/x",
	} {
		if got := TestModeLink(in); got != want {
			t.Errorf("TestModeLink(%q) = %q, want %q", in, got, want)
		}
	}
}

func TestWriteTextListsEveryStepAndTheWebhookSettings(t *testing.T) {
	var buf bytes.Buffer
	if err := WriteText(&buf); err != nil {
		t.Fatal(err)
	}
	out := buf.String()
	for _, s := range All {
		if !strings.Contains(out, s.Title) {
			t.Errorf("text lacks step %d's title %q", s.Number, s.Title)
		}
	}
	for _, want := range []string{"Step 1 of 18", "Step 18 of 18", "charge.succeeded", "2020-08-27", "Snapshot", "whsec_",
		"Disputes        Write  (All core resources)", "Reviews         Read   (Radar)"} {
		if !strings.Contains(out, want) {
			t.Errorf("text lacks %q", want)
		}
	}
}

func TestWriteMarkdown(t *testing.T) {
	var buf bytes.Buffer
	if err := WriteMarkdown(&buf); err != nil {
		t.Fatal(err)
	}
	out := buf.String()
	for _, want := range []string{"## Part 1: API key (required)", "### Step 18 of 18", "| Disputes | Write | All core resources |", "`2020-08-27`"} {
		if !strings.Contains(out, want) {
			t.Errorf("markdown lacks %q", want)
		}
	}
}

func TestWriteTextReportsWriteErrors(t *testing.T) {
	if err := WriteText(brokenPipe{}); err == nil {
		t.Error("WriteText to a broken writer returned nil")
	}
}

type brokenPipe struct{}

func (brokenPipe) Write([]byte) (int, error) { return 0, bytes.ErrTooLarge }

// TestTodaysWords: the notes the merchant meets at steps 5-8 read like
// today's dashboard, and the 18 steps keep their numbers and titles.
func TestTodaysWords(t *testing.T) {
	if got := PermissionSummary(); got != "9 permissions: 7 read, 2 write" {
		t.Errorf("PermissionSummary = %q", got)
	}
	want := map[int][]string{
		5:  {"Custom permissions"},
		6:  {"after the permissions"},
		7:  {"Charges and Refunds", "Radar"},
		8:  {"9 permissions: 7 read, 2 write", "expiration date, leave it empty"},
		11: {"rotated (rolled), expired or deleted", "Expire key"},
		12: {"Recommended", "Register it for me"},
		16: {"is not offered", "Register it for me", "2020-08-27"},
	}
	for n, fragments := range want {
		s, _ := ByNumber(n)
		text := strings.Join(s.Instructions, " ")
		for _, f := range fragments {
			if !strings.Contains(text, f) {
				t.Errorf("step %d lacks %q: %s", n, f, text)
			}
		}
	}
	titles := []string{"Sign in to Stripe", "Open the Developers section", "Open API keys", "Create a restricted key",
		"Choose \"Building your own integration\"", "Name the key Justt", "Set the nine permissions", "Create the key",
		"Copy the key", "Close the dialog", "Check the key, then give it to Justt", "Open Developers → Webhooks", "Add a destination",
		"Choose \"Webhook endpoint\"", "Choose the event", "Configure the destination", "Copy the signing secret",
		"Give the signing secret to Justt"}
	for i, title := range titles {
		if All[i].Title != title {
			t.Errorf("step %d is %q, want %q", i+1, All[i].Title, title)
		}
	}
	charges, _ := RequiredByResource("Charges")
	if charges.Resource != "Charges" || !strings.Contains(charges.Fix(), "set Charges and Refunds to Read") {
		t.Errorf("Charges keeps its name and its fix names today's label: %s / %q", charges.Resource, charges.Fix())
	}
	var buf bytes.Buffer
	if err := WriteText(&buf); err != nil {
		t.Fatal(err)
	}
	for _, f := range []string{`labelled "Charges and Refunds"`, "Summary before Create key: 9 permissions: 7 read, 2 write"} {
		if !strings.Contains(buf.String(), f) {
			t.Errorf("steps output lacks %q", f)
		}
	}
}

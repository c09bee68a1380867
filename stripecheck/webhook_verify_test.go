package stripecheck

import (
	"reflect"
	"strings"
	"testing"
)

const justtURL = "https://hooks.justt.ai/stripe/m_123"

// good is an endpoint exactly as steps 15-16 ask.
func justtEndpoint(id string) WebhookEndpoint {
	return WebhookEndpoint{ID: id, URL: justtURL, EnabledEvents: []string{"charge.succeeded"}, APIVersion: "2020-08-27", Status: "enabled"}
}

func changed(e WebhookEndpoint, change func(*WebhookEndpoint)) WebhookEndpoint {
	change(&e)
	return e
}

func webhookCodes(ps []Problem) []string {
	out := []string{}
	for _, p := range ps {
		out = append(out, p.Code)
	}
	return out
}

func TestCompareWebhooks(t *testing.T) {
	t.Parallel()
	other := WebhookEndpoint{ID: "we_other", URL: "https://erp.example.com/stripe", EnabledEvents: []string{"*"}, Status: "enabled"}
	tests := []struct {
		name      string
		endpoints []WebhookEndpoint
		url       string
		wantID    string // "" = no endpoint chosen
		wantCodes []string
		wantOK    bool
	}{
		{"exactly right", []WebhookEndpoint{other, justtEndpoint("we_1")}, justtURL, "we_1", []string{}, true},
		{"none at all", nil, justtURL, "", []string{CodeWebhookMissing}, false},
		{"only other URLs", []WebhookEndpoint{other}, justtURL, "", []string{CodeWebhookMissing}, false},
		{"disabled", []WebhookEndpoint{changed(justtEndpoint("we_1"), func(e *WebhookEndpoint) { e.Status = "disabled" })},
			justtURL, "we_1", []string{CodeWebhookDisabled}, false},
		{"an extra event", []WebhookEndpoint{changed(justtEndpoint("we_1"), func(e *WebhookEndpoint) { e.EnabledEvents = []string{"charge.succeeded", "charge.failed"} })},
			justtURL, "we_1", []string{CodeWebhookEvents}, false},
		{"every event", []WebhookEndpoint{changed(justtEndpoint("we_1"), func(e *WebhookEndpoint) { e.EnabledEvents = []string{"*"} })},
			justtURL, "we_1", []string{CodeWebhookEvents}, false},
		{"the wrong event", []WebhookEndpoint{changed(justtEndpoint("we_1"), func(e *WebhookEndpoint) { e.EnabledEvents = []string{"charge.failed"} })},
			justtURL, "we_1", []string{CodeWebhookEvents}, false},
		{"newer API version", []WebhookEndpoint{changed(justtEndpoint("we_1"), func(e *WebhookEndpoint) { e.APIVersion = "2023-10-16" })},
			justtURL, "we_1", []string{CodeWebhookAPIVersion}, false},
		{"account default API version", []WebhookEndpoint{changed(justtEndpoint("we_1"), func(e *WebhookEndpoint) { e.APIVersion = "" })},
			justtURL, "we_1", []string{CodeWebhookAPIVersion}, false},
		{"URL spelled differently is a warning", []WebhookEndpoint{changed(justtEndpoint("we_1"), func(e *WebhookEndpoint) { e.URL = "https://HOOKS.justt.ai/stripe/m_123/" })},
			justtURL, "we_1", []string{CodeWebhookURLSpelled}, true},
		{"everything wrong at once", []WebhookEndpoint{{ID: "we_1", URL: justtURL, EnabledEvents: []string{"*"}, APIVersion: "2019-01-01", Status: "disabled"}},
			justtURL, "we_1", []string{CodeWebhookDisabled, CodeWebhookEvents, CodeWebhookAPIVersion}, false},
		{"the right one of several wins", []WebhookEndpoint{
			changed(justtEndpoint("we_old"), func(e *WebhookEndpoint) { e.APIVersion = "2023-10-16" }), justtEndpoint("we_new")},
			justtURL, "we_new", []string{CodeWebhookDuplicates}, true},
		{"an enabled one is preferred to a disabled one", []WebhookEndpoint{
			changed(justtEndpoint("we_off"), func(e *WebhookEndpoint) { e.Status = "disabled" }),
			changed(justtEndpoint("we_on"), func(e *WebhookEndpoint) { e.EnabledEvents = []string{"*"} })},
			justtURL, "we_on", []string{CodeWebhookEvents}, false},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			t.Parallel()
			res := CompareWebhooks(tt.endpoints, tt.url)
			gotID := ""
			if res.Endpoint != nil {
				gotID = res.Endpoint.ID
			}
			if gotID != tt.wantID {
				t.Errorf("chose endpoint %q, want %q", gotID, tt.wantID)
			}
			if got := webhookCodes(res.Problems); !reflect.DeepEqual(got, tt.wantCodes) {
				t.Errorf("problems %v, want %v", got, tt.wantCodes)
			}
			if res.OK() != tt.wantOK {
				t.Errorf("OK() = %v, want %v", res.OK(), tt.wantOK)
			}
			for _, p := range res.Problems {
				if p.Message == "" || p.Fix == "" {
					t.Errorf("problem %s lacks a message or a fix: %+v", p.Code, p)
				}
			}
		})
	}
}

// Each fix points at the guide step that sets the thing (15 events, 16 API
// version and URL), so the merchant knows where to go.
func TestCompareWebhooksFixesNameTheirStep(t *testing.T) {
	t.Parallel()
	wrong := WebhookEndpoint{ID: "we_1", URL: justtURL + "/", EnabledEvents: []string{"*"}, APIVersion: "2023-10-16", Status: "disabled"}
	want := map[string]string{
		CodeWebhookEvents:     "Step 15",
		CodeWebhookAPIVersion: "Step 16",
		CodeWebhookURLSpelled: "Step 16",
		CodeWebhookDisabled:   "Enable",
	}
	res := CompareWebhooks([]WebhookEndpoint{wrong}, justtURL)
	for _, p := range res.Problems {
		if w, ok := want[p.Code]; ok && !strings.Contains(p.Fix, w) {
			t.Errorf("%s fix %q does not mention %q", p.Code, p.Fix, w)
		}
		delete(want, p.Code)
	}
	if len(want) > 0 {
		t.Errorf("problems not reported: %v", want)
	}
}

func TestCompareWebhooksHintsAtTheSameHost(t *testing.T) {
	t.Parallel()
	typo := changed(justtEndpoint("we_typo"), func(e *WebhookEndpoint) { e.URL = "https://hooks.justt.ai/stripe/m_321" })
	res := CompareWebhooks([]WebhookEndpoint{typo}, justtURL)
	if len(res.Problems) != 1 || res.Problems[0].Code != CodeWebhookMissing {
		t.Fatalf("problems %v, want one %s", webhookCodes(res.Problems), CodeWebhookMissing)
	}
	if msg := res.Problems[0].Message; !strings.Contains(msg, "we_typo") || !strings.Contains(msg, "m_321") {
		t.Errorf("message %q should name the endpoint on the same host", msg)
	}
}

package sandbox

import (
	"context"
	"encoding/json"
	"io"
	"net/http"
	"net/http/httptest"
	"strings"
	"testing"
)

const (
	rxKey    = "rk_test_" + "AbCdEfGhIjKlMnOp0123456789"
	rxSecret = "whsec_" + "Zq9Zq9Zq9Zq9Zq9Zq9"
)

func rxBody(mutate func(map[string]any)) string {
	b := map[string]any{
		"stripe_api_key": rxKey, "stripe_webhook_secret": rxSecret, "livemode": false,
		"stripe_account_id": "acct_1", "webhook_endpoint_id": nil,
		"check": map[string]any{"ready": true}, "client": "justt-onboard/test",
	}
	if mutate != nil {
		mutate(b)
	}
	out, _ := json.Marshal(b)
	return string(out)
}

// TestJusttReceiverFollowsTheContract walks the receiver through the
// answers docs/justt-api.md lists, in order, on one token.
func TestJusttReceiverFollowsTheContract(t *testing.T) {
	rx := NewJustt()
	srv := httptest.NewServer(rx.Handler())
	defer srv.Close()
	tok := rx.MintToken("Acme Ltd")
	send := func(method, path, token, idem, body string) (int, map[string]any) {
		t.Helper()
		req, _ := http.NewRequestWithContext(context.Background(), method, srv.URL+path, strings.NewReader(body))
		if token != "" {
			req.Header.Set("Authorization", "Bearer "+token)
		}
		if idem != "" {
			req.Header.Set("Idempotency-Key", idem)
		}
		req.Header.Set("Content-Type", "application/json")
		resp, err := http.DefaultClient.Do(req)
		if err != nil {
			t.Fatal(err)
		}
		defer resp.Body.Close()
		var got map[string]any
		raw, _ := io.ReadAll(resp.Body)
		_ = json.Unmarshal(raw, &got)
		return resp.StatusCode, got
	}
	field := func(m map[string]any) any {
		e, _ := m["error"].(map[string]any)
		return e["field"]
	}
	for _, tt := range []struct {
		name                    string
		method, path, tok, idem string
		body                    string
		status                  int
		wantField, wantMerchant string
	}{
		{"config", "GET", justtConfigPath, tok, "", "", 200, "", "Acme Ltd"},
		{"demo token", "GET", justtConfigPath, JusttDemoToken, "", "", 200, "", JusttDemoMerchant},
		{"no token", "GET", justtConfigPath, "", "", "", 401, "", ""},
		{"unknown token", "POST", justtSubmitPath, "jot_nope", "k1", rxBody(nil), 401, "", ""},
		{"unknown path", "GET", "/v1/other", tok, "", "", 404, "", ""},
		{"wrong method", "GET", justtSubmitPath, tok, "", "", 405, "", ""},
		{"no idempotency key", "POST", justtSubmitPath, tok, "", rxBody(nil), 400, "", ""},
		{"too large", "POST", justtSubmitPath, tok, "k1", strings.Repeat(" ", justtMaxBody+1), 413, "", ""},
		{"not restricted", "POST", justtSubmitPath, tok, "k1", rxBody(func(b map[string]any) { b["stripe_api_key"] = "sk_test_x" }), 422, "stripe_api_key", ""},
		{"mode mismatch", "POST", justtSubmitPath, tok, "k1", rxBody(func(b map[string]any) { b["livemode"] = true }), 422, "livemode", ""},
		{"bad secret", "POST", justtSubmitPath, tok, "k1", rxBody(func(b map[string]any) { b["stripe_webhook_secret"] = "rk_test_x" }), 422, "stripe_webhook_secret", ""},
		{"check not ready", "POST", justtSubmitPath, tok, "k1", rxBody(func(b map[string]any) { b["check"] = map[string]any{"ready": false} }), 422, "check", ""},
		{"received", "POST", justtSubmitPath, tok, "k1", rxBody(nil), 201, "", ""},
		{"replayed, the check re-run", "POST", justtSubmitPath, tok, "k1", rxBody(func(b map[string]any) { b["client"] = "justt-onboard/2" }), 200, "", ""},
		{"key reused for another submission", "POST", justtSubmitPath, tok, "k1", rxBody(func(b map[string]any) { b["stripe_account_id"] = "acct_2" }), 409, "", ""},
		{"same key, another token", "POST", justtSubmitPath, JusttDemoToken, "k1", rxBody(nil), 201, "", ""},
	} {
		status, got := send(tt.method, tt.path, tt.tok, tt.idem, tt.body)
		if status != tt.status {
			t.Errorf("%s: %d %v, want %d", tt.name, status, got, tt.status)
			continue
		}
		if tt.wantField != "" && field(got) != tt.wantField {
			t.Errorf("%s: field %v, want %s", tt.name, field(got), tt.wantField)
		}
		if tt.wantMerchant != "" && (got["merchant_name"] != tt.wantMerchant || got["webhook_url"] != JusttDemoWebhookURL) {
			t.Errorf("%s: %v", tt.name, got)
		}
		if status/100 == 2 && tt.method == "POST" && (!strings.HasPrefix(got["id"].(string), "onb_") || got["status"] != "received") {
			t.Errorf("%s: receipt %v", tt.name, got)
		}
	}
	subs := rx.Submissions()
	if len(subs) != 2 || subs[0].Merchant != "Acme Ltd" || subs[1].Merchant != JusttDemoMerchant || subs[0].APIKey != rxKey {
		t.Fatalf("submissions %+v", subs)
	}
	replays := 0
	for _, r := range rx.Requests() {
		if r.Replayed {
			replays++
		}
	}
	if replays != 1 {
		t.Fatalf("%d replays logged, want 1", replays)
	}
}

func TestJusttFaultsAreUsedUp(t *testing.T) {
	rx := NewJustt()
	srv := httptest.NewServer(rx.Handler())
	defer srv.Close()
	rx.SetFault(JusttFault{Kind: JusttUnavailable, Path: justtConfigPath, Times: 1})
	get := func(path string) int {
		req, _ := http.NewRequest("GET", srv.URL+path, nil)
		req.Header.Set("Authorization", "Bearer "+JusttDemoToken)
		resp, err := http.DefaultClient.Do(req)
		if err != nil {
			t.Fatal(err)
		}
		resp.Body.Close()
		return resp.StatusCode
	}
	if got := []int{get(justtSubmitPath), get(justtConfigPath), get(justtConfigPath)}; got[0] != 405 || got[1] != 503 || got[2] != 200 {
		t.Fatalf("statuses %v, want [405 503 200]: the fault covers one path, once", got)
	}
	if f := rx.Requests()[1].Fault; f != JusttUnavailable {
		t.Fatalf("logged fault %v", f)
	}
}

func TestJusttStartServesOnLoopbackUntilCancelled(t *testing.T) {
	rx := NewJustt()
	ctx, cancel := context.WithCancel(context.Background())
	url, err := rx.Start(ctx)
	if err != nil {
		t.Fatal(err)
	}
	if !strings.HasPrefix(url, "http://127.0.0.1:") {
		t.Fatalf("url %s", url)
	}
	resp, err := http.Get(url + justtConfigPath)
	if err != nil {
		t.Fatal(err)
	}
	resp.Body.Close()
	if resp.StatusCode != 401 {
		t.Fatalf("status %d without a token", resp.StatusCode)
	}
	cancel()
	rx.Wait()
	if _, err := http.Get(url + justtConfigPath); err == nil {
		t.Fatal("still serving after cancel")
	}
}

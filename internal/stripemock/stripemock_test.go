package stripemock

import (
	"net/http"
	"testing"
)

func TestStartServesTheStripeAPI(t *testing.T) {
	url := Start(t)
	req, _ := http.NewRequest("GET", url+"/v1/charges?limit=1", nil)
	req.Header.Set("Authorization", "Bearer "+Key)
	resp, err := http.DefaultClient.Do(req)
	if err != nil {
		t.Fatal(err)
	}
	defer resp.Body.Close()
	if resp.StatusCode != http.StatusOK {
		t.Fatalf("GET /v1/charges: status %d, want 200", resp.StatusCode)
	}
}

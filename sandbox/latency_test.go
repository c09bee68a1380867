package sandbox

import (
	"context"
	"io"
	"net/http"
	"net/http/httptest"
	"sync"
	"testing"
	"time"
)

func TestLatencyDelaysTheAnswer(t *testing.T) {
	t.Parallel()
	s, u := newServer(t)
	slow, quick := s.MintKey("rak_charge_read"), s.MintKey("rak_charge_read")
	const d = 40 * time.Millisecond
	s.SetLatency(slow, d)
	start := time.Now()
	if a := do(t, u, "GET", "/v1/charges", slow, nil); a.status != http.StatusOK {
		t.Fatalf("status %d", a.status)
	}
	if took := time.Since(start); took < d {
		t.Errorf("answered in %v, want at least the %v latency", took, d)
	}
	// Latency belongs to the key: another key is not held back. The bound
	// is loose on purpose; it only has to tell "waited" from "did not".
	start = time.Now()
	do(t, u, "GET", "/v1/charges", quick, nil)
	if took := time.Since(start); took >= time.Second {
		t.Errorf("another key waited %v", took)
	}
}

// A client that gives up during the latency frees the handler at once:
// the server's Close, which waits for every handler, returns long before
// the latency would have run out.
func TestLatencyEndsWithTheClient(t *testing.T) {
	t.Parallel()
	s := New()
	srv := httptest.NewServer(s.Handler())
	key := s.MintKey("rak_charge_read")
	s.SetLatency(key, time.Hour)
	ctx, cancel := context.WithTimeout(context.Background(), 30*time.Millisecond)
	defer cancel()
	if resp, err := freshClient().Do(mustRequest(t, "GET", srv.URL+"/v1/charges", key).WithContext(ctx)); err == nil {
		resp.Body.Close()
		t.Fatal("an hour-long latency answered within 30 ms")
	}
	closed := make(chan struct{})
	go func() { srv.Close(); close(closed) }()
	select {
	case <-closed:
	case <-time.After(5 * time.Second):
		t.Fatal("the handler kept waiting after its client left")
	}
	if log := s.Requests(); len(log) != 1 || log[0].Status != 0 {
		t.Errorf("log %+v, want one abandoned request", log)
	}
}

// BenchmarkConcurrentLatency runs batches of concurrent requests against a
// key with 100 ms latency; the batch should take about one latency, not one
// per request, and the sandbox's own overhead is reported beside it.
func BenchmarkConcurrentLatency(b *testing.B) {
	s, u := newServer(b)
	key := s.MintKey("rak_charge_read")
	const latency, concurrent = 100 * time.Millisecond, 16
	s.SetLatency(key, latency)
	client := &http.Client{Transport: &http.Transport{MaxIdleConnsPerHost: concurrent}}
	var total time.Duration
	for b.Loop() {
		start := time.Now()
		var wg sync.WaitGroup
		for range concurrent {
			req := mustRequest(b, "GET", u+"/v1/charges?limit=1", key)
			wg.Go(func() {
				resp, err := client.Do(req)
				if err != nil {
					b.Error(err)
					return
				}
				_, _ = io.Copy(io.Discard, resp.Body)
				resp.Body.Close()
				if resp.StatusCode != http.StatusOK {
					b.Errorf("status %d", resp.StatusCode)
				}
			})
		}
		wg.Wait()
		total += time.Since(start)
	}
	perBatch := total / time.Duration(b.N)
	b.ReportMetric(float64(perBatch.Microseconds())/1000, "ms/batch")
	b.ReportMetric(float64((perBatch-latency).Microseconds())/1000, "overhead-ms/batch")
	b.ReportMetric(concurrent, "requests/batch")
}

// BenchmarkProbe is one permission probe's round trip with no latency.
func BenchmarkProbe(b *testing.B) {
	s, u := newServer(b)
	key := s.MintKey("rak_charge_read")
	req := func() *http.Request { return mustRequest(b, "GET", u+"/v1/charges?limit=1", key) }
	for b.Loop() {
		if a := send(b, http.DefaultClient, req()); a.status != http.StatusOK {
			b.Fatalf("status %d", a.status)
		}
	}
	b.ReportMetric(float64(b.Elapsed().Microseconds())/float64(b.N), "µs/probe")
}

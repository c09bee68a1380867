package httpsafe

import (
	"bytes"
	"compress/gzip"
	"errors"
	"io"
	"net/http"
	"net/http/httptest"
	"strings"
	"sync/atomic"
	"testing"
)

// TestRedirectIsNeverFollowed: a 302 to the same host on another port, and
// one to plain http, send nothing there; the key stays where it was sent.
func TestRedirectIsNeverFollowed(t *testing.T) {
	t.Parallel()
	var reached atomic.Int32
	elsewhere := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		reached.Add(1)
	}))
	defer elsewhere.Close()
	for _, status := range []int{301, 302, 303, 307, 308} {
		origin := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
			http.Redirect(w, r, elsewhere.URL+"/v1/charges?token=abc", status)
		}))
		req, _ := http.NewRequest("GET", origin.URL+"/v1/charges", nil)
		req.Header.Set("Authorization", "Bearer rk_test_secret")
		resp, err := Client(nil, 0).Do(req)
		origin.Close()
		if resp != nil {
			resp.Body.Close()
		}
		var re *RedirectError
		if !errors.As(err, &re) || re.Status != status {
			t.Fatalf("%d: err = %v, want a RedirectError", status, err)
		}
		if strings.Contains(err.Error(), "token=abc") || !strings.Contains(err.Error(), elsewhere.Listener.Addr().String()) {
			t.Errorf("%d: error %q should name the host but not the query", status, err)
		}
	}
	if n := reached.Load(); n != 0 {
		t.Fatalf("the redirect target got %d requests", n)
	}
}

// TestCallerClientKeepsItsTransportButNotItsRedirects: a caller's client
// (a test's, a proxy-configured one) is wrapped, never modified.
func TestCallerClientKeepsItsTransportButNotItsRedirects(t *testing.T) {
	t.Parallel()
	base := &http.Client{}
	hc := Client(base, 0)
	if base.CheckRedirect != nil || base.Transport != nil {
		t.Fatal("Client modified the caller's client")
	}
	if hc.CheckRedirect == nil {
		t.Fatal("the returned client follows redirects")
	}
}

func gzipOf(t *testing.T, n int) []byte {
	t.Helper()
	var buf bytes.Buffer
	zw, _ := gzip.NewWriterLevel(&buf, gzip.BestCompression)
	chunk := make([]byte, 1<<20)
	for written := 0; written < n; written += len(chunk) {
		_, _ = zw.Write(chunk)
	}
	_ = zw.Close()
	return buf.Bytes()
}

// TestBodyIsBoundedAfterDecompression: 64 MiB of zeros arrive as about
// 64 KB of gzip; reading stops at the bound with BodyTooLargeError.
func TestBodyIsBoundedAfterDecompression(t *testing.T) {
	t.Parallel()
	bomb := gzipOf(t, 64<<20)
	srv := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		w.Header().Set("Content-Encoding", "gzip")
		w.Header().Set("Content-Type", "application/json")
		_, _ = w.Write(bomb)
	}))
	defer srv.Close()
	resp, err := Client(nil, 1<<20).Get(srv.URL)
	if err != nil {
		t.Fatal(err)
	}
	defer resp.Body.Close()
	n, err := io.Copy(io.Discard, resp.Body)
	var tl *BodyTooLargeError
	if !errors.As(err, &tl) || tl.Limit != 1<<20 {
		t.Fatalf("read %d bytes, err %v; want BodyTooLargeError at 1 MiB", n, err)
	}
	if n > 1<<20 {
		t.Fatalf("read %d bytes past the bound", n)
	}
}

// TestBodyAtTheBoundIsRead: an answer of exactly the bound is whole.
func TestBodyAtTheBoundIsRead(t *testing.T) {
	t.Parallel()
	for _, size := range []int{0, 1, 4096, 4097} {
		body := strings.Repeat("a", size)
		srv := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) { _, _ = io.WriteString(w, body) }))
		resp, err := Client(nil, 4096).Get(srv.URL)
		if err != nil {
			t.Fatal(err)
		}
		got, err := io.ReadAll(resp.Body)
		resp.Body.Close()
		srv.Close()
		if size <= 4096 && (err != nil || string(got) != body) {
			t.Errorf("size %d: got %d bytes, err %v", size, len(got), err)
		}
		var tl *BodyTooLargeError
		if size > 4096 && !errors.As(err, &tl) {
			t.Errorf("size %d: err %v, want a refusal", size, err)
		}
	}
}

// BenchmarkGzipBomb reports the memory one bounded read of a 256 MiB gzip
// bomb costs (the issue measured 8–10 GB for a whole check before the bound).
func BenchmarkGzipBomb(b *testing.B) {
	var buf bytes.Buffer
	zw, _ := gzip.NewWriterLevel(&buf, gzip.BestCompression)
	chunk := make([]byte, 1<<20)
	for i := 0; i < 256; i++ {
		_, _ = zw.Write(chunk)
	}
	_ = zw.Close()
	bomb := buf.Bytes()
	srv := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		w.Header().Set("Content-Encoding", "gzip")
		_, _ = w.Write(bomb)
	}))
	defer srv.Close()
	hc := Client(nil, 0)
	b.ReportAllocs()
	for b.Loop() {
		resp, err := hc.Get(srv.URL)
		if err != nil {
			b.Fatal(err)
		}
		_, err = io.ReadAll(resp.Body)
		resp.Body.Close()
		var tl *BodyTooLargeError
		if !errors.As(err, &tl) {
			b.Fatalf("err = %v", err)
		}
	}
	b.ReportMetric(float64(DefaultMaxBody)/(1<<20), "MiB-bound")
}

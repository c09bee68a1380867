package stripecheck

import (
	"context"
	"fmt"
	"sync"
	"testing"

	"github.com/justt-ai/justt-onboard/steps"
)

// TestCheckEverySubset mints a key for each of the 512 subsets of the nine
// permissions and checks that every row says exactly what was granted.
func TestCheckEverySubset(t *testing.T) {
	t.Parallel()
	sb, c := onSandbox(t, Config{})
	n := len(steps.Required)
	masks := make(chan int)
	var (
		wg       sync.WaitGroup
		mu       sync.Mutex
		failures []string
	)
	fail := func(format string, args ...any) {
		mu.Lock()
		failures = append(failures, fmt.Sprintf(format, args...))
		mu.Unlock()
	}
	for range 16 {
		wg.Go(func() {
			for mask := range masks {
				checkSubset(t, c, sb.MintKey(subset(mask)...), mask, fail)
			}
		})
	}
	for mask := range 1 << n {
		masks <- mask
	}
	close(masks)
	wg.Wait()
	for i, f := range failures {
		if i == 10 {
			t.Errorf("… and %d more", len(failures)-10)
			break
		}
		t.Error(f)
	}
	assertNoMutations(t, sb)
}

func subset(mask int) []string {
	var scopes []string
	for i, p := range steps.Required {
		if mask&(1<<i) != 0 {
			scopes = append(scopes, p.Scope)
		}
	}
	return scopes
}

func checkSubset(t *testing.T, c *Checker, raw string, mask int, fail func(string, ...any)) {
	key := parsed(t, raw)
	r := c.Check(context.Background(), key, Options{})
	if len(r.Permissions) != len(steps.Required) {
		fail("mask %09b: %d rows", mask, len(r.Permissions))
		return
	}
	for i, row := range r.Permissions {
		want := Missing
		if mask&(1<<i) != 0 {
			want = Granted
		}
		if row.Permission != steps.Required[i] || row.Status != want {
			fail("mask %09b: row %d %s is %s (%s), want %s", mask, i, row.Permission, row.Status, row.Detail, want)
		}
		if (want == Missing) != (row.Fix == steps.Required[i].Fix()) {
			fail("mask %09b: %s has fix %q", mask, row.Permission, row.Fix)
		}
	}
	all := mask == 1<<len(steps.Required)-1
	if wantExit := map[bool]int{true: ExitReady, false: ExitNotReady}[all]; r.ExitCode() != wantExit {
		fail("mask %09b: exit %d, want %d (problems %v)", mask, r.ExitCode(), wantExit, problemCodes(r))
	}
	if all && len(r.Problems) != 0 {
		fail("mask %09b: problems %v on a ready key", mask, problemCodes(r))
	}
	if r.AccountID == "" || len(r.Excess) != 0 {
		fail("mask %09b: account %q, excess %v", mask, r.AccountID, r.Excess)
	}
}

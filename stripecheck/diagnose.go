package stripecheck

import (
	"context"
	"net/http"
	"sync"

	"github.com/justt-ai/justt-onboard/steps"
	stripe "github.com/stripe/stripe-go/v76"
	"github.com/stripe/stripe-go/v76/client"
)

// Diagnosis is what the checks beyond the nine rows found.
type Diagnosis struct {
	AccountID string
	// Problems holds the key-rejected error when Stripe answered 401.
	Problems []Problem
	// Excess is the write access Justt does not need (steps.Excess) that the
	// key holds.
	Excess []steps.Permission
	// Issuing is the Issuing Disputes access the key holds: the look-alike
	// row of step 7, granted instead of (or as well as) the core one.
	Issuing []steps.Permission
}

// diagnostics are the related permissions Diagnose probes: the Issuing
// look-alike, then the excess writes.
var diagnostics = append([]steps.Permission{steps.IssuingDisputesRead, steps.IssuingDisputesWrite}, steps.Excess...)

// Diagnose runs the extra probes concurrently: the account the key belongs
// to, the Issuing Disputes look-alike, excess write access, and 401 variants.
// A key that must not be sent (see WrongKind) gets an empty diagnosis and no
// request.
func (c *Checker) Diagnose(ctx context.Context, key Key) Diagnosis {
	if _, wrong := WrongKind(key); wrong {
		return Diagnosis{}
	}
	ctx, cancel := context.WithTimeout(ctx, c.cfg.Timeout)
	defer cancel()
	return c.diagnose(ctx, c.client(key), key)
}

func (c *Checker) diagnose(ctx context.Context, api *client.API, key Key) Diagnosis {
	var (
		wg      sync.WaitGroup
		account Result
		found   = make([]Result, len(diagnostics))
	)
	wg.Go(func() { account = c.account(ctx, api, key) })
	for i, p := range diagnostics {
		wg.Go(func() { found[i] = c.probe(ctx, api, key, p) })
	}
	wg.Wait()

	d := Diagnosis{AccountID: account.accountID}
	for _, r := range append([]Result{account}, found...) {
		if r.rejection != nil && len(d.Problems) == 0 {
			d.Problems = append(d.Problems, *r.rejection)
		}
		if d.AccountID == "" {
			d.AccountID = r.accountID
		}
		if r.Status != Granted {
			continue
		}
		switch r.Permission.Section {
		case steps.SectionIssuing:
			d.Issuing = append(d.Issuing, r.Permission)
		default:
			if r.Permission != steps.AccountRead {
				d.Excess = append(d.Excess, r.Permission)
			}
		}
	}
	return d
}

// account asks which account the key belongs to. Justt's key lacks the
// permission GET /v1/account needs, so the usual answer is a 403 whose
// message names the account; a 200 (a secret key) carries it in the body.
func (c *Checker) account(ctx context.Context, api *client.API, key Key) Result {
	ctx, _ = withAttempts(ctx)
	acct := &stripe.Account{}
	err := api.Accounts.B.Call(http.MethodGet, "/v1/account", key.Reveal(), &stripe.AccountParams{Params: stripe.Params{Context: ctx}}, acct)
	r := judge(ctx, steps.AccountRead, wantOK, err, key)
	if err == nil && isAccountID(acct.ID) {
		r.accountID = acct.ID
	}
	return r
}

func isAccountID(s string) bool { return len(s) > len("acct_") && s[:len("acct_")] == "acct_" }

package stripecheck

import "github.com/justt-ai/justt-onboard/steps"

// ProbeRequests is how many requests Probe sends for p, stripe-go's
// retries aside: two for Files: Write (the upload and the list), one for
// every other row. A re-check schedule counts them against its budget.
func ProbeRequests(p steps.Permission) int {
	if p.Scope == filesWrite {
		return 2
	}
	return 1
}

// DiagnoseRequests is how many requests Diagnose sends, retries aside: the
// account, the Issuing look-alike and the excess write access.
var DiagnoseRequests = 1 + len(diagnostics)

// CheckRequests is how many requests a whole Check sends, retries aside.
func CheckRequests() int {
	n := DiagnoseRequests
	for _, p := range steps.Required {
		n += ProbeRequests(p)
	}
	return n
}

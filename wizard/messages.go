package wizard

import (
	"context"

	tea "github.com/charmbracelet/bubbletea"
	"github.com/justt-ai/justt-onboard/steps"
	"github.com/justt-ai/justt-onboard/stripecheck"
)

// Every side effect runs in a tea.Cmd and comes back as one of these. The
// gen fields tie an answer to the check or registration that asked for it,
// so an answer to an older request (before an `r`) is dropped.

// probedMsg is one row's answer.
type probedMsg struct {
	gen    int
	row    int
	result stripecheck.Result
}

// diagnosedMsg is the answer of the checks beyond the nine rows.
type diagnosedMsg struct {
	gen       int
	diagnosis stripecheck.Diagnosis
}

// registeredMsg is RegisterWebhook's answer.
type registeredMsg struct {
	gen    int
	result stripecheck.RegisterResult
	err    error
}

// verifiedMsg is VerifyWebhook's answer, for the check that asked.
type verifiedMsg struct {
	origin verifyOrigin
	url    string
	gen    int
	result stripecheck.VerifyResult
	err    error
}

// savedMsg says how writing the signing secret to a file went. path is
// where it went (made absolute when it could be), never what.
type savedMsg struct {
	gen  int
	path string
	err  error
}

// mintPurpose is which field a minted demo key is for.
type mintPurpose int

const (
	mintAPIKey        mintPurpose = iota // step 9's restricted key
	mintSetupRegister                    // the setup key of "register it for me"
	mintSetupVerify                      // the setup key of step 17's verify
)

// mintedMsg carries a demo key straight into a stripecheck.Key.
type mintedMsg struct {
	key     stripecheck.Key
	version int // the form version it was minted from
	purpose mintPurpose
}

// grantedMsg says the mock dashboard added scopes to the demo key.
type grantedMsg struct{ scopes []string }

// linkDoneMsg says how opening or copying a link went.
type linkDoneMsg struct {
	verb string
	url  string
	// copied is set for a copy: native is true when the system clipboard
	// took it; otherwise it went out as OSC 52, which no terminal confirms.
	copied bool
	native bool
	err    error
}

func probeCmd(ctx context.Context, eng engine, gen, row int, key stripecheck.Key, p steps.Permission) tea.Cmd {
	return func() tea.Msg {
		return probedMsg{gen: gen, row: row, result: eng.Probe(ctx, key, p)}
	}
}

func diagnoseCmd(ctx context.Context, eng engine, gen int, key stripecheck.Key) tea.Cmd {
	return func() tea.Msg {
		return diagnosedMsg{gen: gen, diagnosis: eng.Diagnose(ctx, key)}
	}
}

func registerCmd(ctx context.Context, eng engine, gen int, setupKey stripecheck.Key, opts stripecheck.RegisterOptions) tea.Cmd {
	return func() tea.Msg {
		res, err := eng.RegisterWebhook(ctx, setupKey, opts)
		return registeredMsg{gen: gen, result: res, err: err}
	}
}

func verifyCmd(ctx context.Context, eng engine, origin verifyOrigin, gen int, setupKey stripecheck.Key, url string) tea.Cmd {
	return func() tea.Msg {
		res, err := eng.VerifyWebhook(ctx, setupKey, url)
		return verifiedMsg{origin: origin, url: url, gen: gen, result: res, err: err}
	}
}

// mintCmd asks the sandbox for a demo key. A minted string that does not
// parse would be a sandbox bug; it is dropped rather than shown.
func mintCmd(mint func() string, version int, purpose mintPurpose) tea.Cmd {
	return func() tea.Msg {
		key, _ := stripecheck.ParseKey(mint())
		return mintedMsg{key: key, version: version, purpose: purpose}
	}
}

func grantCmd(grant func(string, []string), key stripecheck.Key, scopes []string) tea.Cmd {
	return func() tea.Msg {
		grant(key.Reveal(), scopes)
		return grantedMsg{scopes: scopes}
	}
}

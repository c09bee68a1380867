package cmd

import (
	"errors"
	"strings"
)

// urlFlag is a base-URL flag that refuses an empty value: a CI script whose
// variable is unset (--stripe-api-url "$UNSET") must fail as a usage error,
// not silently talk to the real Stripe. The rest (scheme, host, port) is
// checked by stripecheck.New.
type urlFlag struct{ value *string }

func (f urlFlag) String() string {
	if f.value == nil {
		return ""
	}
	return *f.value
}

func (f urlFlag) Set(s string) error {
	if strings.TrimSpace(s) == "" {
		return errors.New("an empty URL is not allowed (is the variable that should hold it unset?); leave the flag out to use Stripe's own address")
	}
	*f.value = s
	return nil
}

func (urlFlag) Type() string { return "url" }

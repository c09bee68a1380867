package steps

import "fmt"

// Today's words: how Stripe's dashboard speaks now (walkthrough of 2026-09,
// stripe-notes.md "Second pass"), where the seed guide is older. The guide's
// 18 steps and their numbers stay; these are the notes the merchant meets
// at steps 5-8, in the fixes and in the `steps` output.
const (
	// CustomPermissions is the choice that leads to the permission list.
	CustomPermissions = "Custom permissions"
	// KeyGone is why Stripe no longer knows a key, in its words: a key is
	// rotated (it used to say rolled), expired (Expire key, or its
	// expiration date passed) or deleted.
	KeyGone = "rotated (rolled), expired or deleted"
	// ExpireKey is the dashboard's action that ends a key at once.
	ExpireKey = "Expire key"
	// EditKeyPath is where a restricted key's permissions are changed in place.
	EditKeyPath = "Developers → API keys → ⋯ → Edit key"
)

// PermissionSummary is the summary Stripe's form shows before the key is
// created, for the permissions of step 7: "9 permissions: 7 read, 2 write".
func PermissionSummary() string {
	read, write := 0, 0
	for _, p := range Required {
		if p.Access == Write {
			write++
		} else {
			read++
		}
	}
	return fmt.Sprintf("%d permissions: %d read, %d write", len(Required), read, write)
}

// WebhookRecommended is Part 2's advice, at step 12: Stripe's dashboard offers only the
// account's default API version or the latest when a destination is
// created, so 2020-08-27 may not be on offer at step 16; the API accepts it.
const WebhookRecommended = "Recommended: let justt-onboard register the webhook for you (\"Register it for me\" in the wizard, " +
	"or `justt-onboard webhook register`): it sets API version " + WebhookAPIVersion + " through Stripe's API, " +
	"which the dashboard may not offer at step 16. Steps 12-17 are the way by hand."

// WebhookVersionNotOffered is what to do at step 16 when the dashboard does
// not offer 2020-08-27.
const WebhookVersionNotOffered = "If API version " + WebhookAPIVersion + " is not offered (Stripe offers only your account's default version or the latest), " +
	"do not pick another and do not save: go back and let justt-onboard register the webhook for you " +
	"(\"Register it for me\", or `justt-onboard webhook register`), which sets " + WebhookAPIVersion + " through Stripe's API."

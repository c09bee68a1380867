package stripecheck

import (
	"context"
	"sync"

	"github.com/justt-ai/justt-onboard/steps"
	"github.com/stripe/stripe-go/v76/client"
)

// filesWrite is the scope of the Files row, the one row with two witnesses.
const filesWrite = "rak_file_write"

// probeFiles asks two witnesses at once: the empty upload (Files: Write)
// and the list of files (Files: Read, which Write includes). The upload
// alone can pass a key with Files at None: when a key lacks Files, the 403
// on the upload names rak_dispute_write, so the upload endpoint seems to
// let Disputes: Write through, and every Justt key has Disputes: Write.
func (c *Checker) probeFiles(ctx context.Context, api *client.API, key Key, p steps.Permission) Result {
	var upload, list Result
	var wg sync.WaitGroup
	wg.Go(func() { upload = c.probeOne(ctx, api, key, p) })
	wg.Go(func() { list = c.probeOne(ctx, api, key, steps.FilesRead) })
	wg.Wait()
	return filesVerdict(p, upload, list)
}

// filesVerdict decides the Files row from its two witnesses: granted only
// when both agree; missing when Stripe refuses either in its permission
// form (a refused list means Files is at None whatever the upload said);
// otherwise unknown, with both answers.
func filesVerdict(p steps.Permission, upload, list Result) Result {
	r := Result{Permission: p, Status: Unknown, accountID: upload.accountID}
	if r.accountID == "" {
		r.accountID = list.accountID
	}
	switch {
	case upload.rejection != nil || list.rejection != nil:
		r.rejection = upload.rejection
		if r.rejection == nil {
			r.rejection = list.rejection
		}
		r.Detail = "Stripe refused the key"
	case list.Status == Missing:
		r.Status, r.Fix = Missing, p.Fix()
		r.Detail = "Stripe refused to list files (403): the key has no Files access, whatever the upload answered " +
			"(Stripe lets an upload through on Disputes: Write)"
	case upload.Status == Missing && list.Status == Granted:
		r.Status, r.Fix = Missing, p.Fix()
		r.Detail = "Stripe refused the upload (403) but listed files: Files is at Read, and Justt needs Write to upload evidence"
	case upload.Status == Missing:
		r.Status, r.Fix = Missing, p.Fix()
		r.Detail = upload.Detail
	case upload.Status == Granted && list.Status == Granted:
		r.Status = Granted
		r.Detail = "Stripe accepted the upload form (400: file missing) and listed files (200). " +
			"Read and Write cannot be told apart here, since Stripe may let the upload through on Disputes: Write: " +
			"make sure the Files row says Write"
	case upload.Detail == list.Detail:
		r.Detail = upload.Detail // the same answer twice (an outage, a proxy)
		r.cause, r.answer = upload.cause, upload.answer
	default:
		r.Detail = "upload: " + upload.Detail + "; list: " + list.Detail
		r.cause, r.answer = upload.cause, upload.answer
		if r.cause == "" {
			r.cause, r.answer = list.cause, list.answer
		}
	}
	return r
}

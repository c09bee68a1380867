package sandbox

import (
	"net/http"
	"slices"
	"strconv"
)

// maxListLimit is Stripe's largest page.
const maxListLimit = 100

// newestFirst returns items in Stripe's list order: newest first.
func newestFirst[T any](items []T) []T {
	out := slices.Clone(items)
	slices.Reverse(out)
	return out
}

// listReply pages items (already newest first) with Stripe's limit,
// starting_after and ending_before, and wraps the page, each item as show
// renders it, in a list object.
func listReply[T any](c *call, items []T, noun string, id func(T) string, show func(T) any) reply {
	limit := 10
	if raw := c.query.Get("limit"); raw != "" {
		n, err := strconv.Atoi(raw)
		if err != nil || n < 1 || n > maxListLimit {
			return invalidRequest(http.StatusBadRequest, "parameter_invalid_integer", "limit",
				"Invalid limit: must be an integer between 1 and 100, got "+strconv.Quote(raw)+".")
		}
		limit = n
	}
	from, to := 0, len(items)
	for _, cursor := range []string{"starting_after", "ending_before"} {
		want := c.query.Get(cursor)
		if want == "" {
			continue
		}
		at := slices.IndexFunc(items, func(t T) bool { return id(t) == want })
		if at < 0 {
			return noSuch(noun, cursor, want)
		}
		if cursor == "starting_after" {
			from = at + 1
		} else {
			to = at
		}
	}
	if from > to {
		from = to
	}
	page, hasMore := items[from:to], false
	if len(page) > limit {
		hasMore = true
		if c.query.Get("ending_before") != "" {
			page = page[len(page)-limit:] // the page just before the cursor
		} else {
			page = page[:limit]
		}
	}
	data := make([]any, len(page))
	for i, item := range page {
		data[i] = show(item)
	}
	return reply{status: http.StatusOK, body: map[string]any{
		"object": "list", "data": data, "has_more": hasMore, "url": c.path,
	}}
}

package sandbox

import (
	"fmt"
	"maps"
	"net/http"
	"net/url"
	"slices"
	"sort"
	"strconv"
	"strings"
	"time"
)

// webhookEndpoint is a stored endpoint; the exported type doubles as storage.
type webhookEndpoint = WebhookEndpoint

// WebhookEndpoints returns the account's endpoints in creation order.
func (s *Sandbox) WebhookEndpoints() []WebhookEndpoint {
	s.mu.Lock()
	defer s.mu.Unlock()
	out := make([]WebhookEndpoint, len(s.webhooks))
	for i, e := range s.webhooks {
		out[i] = e.clone()
	}
	return out
}

// SetWebhookCap sets how many endpoints the account may hold (default 16).
func (s *Sandbox) SetWebhookCap(n int) {
	s.mu.Lock()
	defer s.mu.Unlock()
	s.webhookCap = n
}

// AddWebhookEndpoint stores an endpoint directly (test setup); returns its
// id. Empty ID, Status, Secret and Created are filled in as Stripe would.
func (s *Sandbox) AddWebhookEndpoint(e WebhookEndpoint) string {
	s.mu.Lock()
	defer s.mu.Unlock()
	stored := e.clone()
	if stored.ID == "" {
		stored.ID = newWebhookID()
	}
	if stored.Status == "" {
		stored.Status = "enabled"
	}
	if stored.Secret == "" {
		stored.Secret = newWebhookSecret()
	}
	if stored.Created.IsZero() {
		stored.Created = time.Now()
	}
	s.webhooks = append(s.webhooks, &stored)
	return stored.ID
}

func newWebhookID() string     { return "we_" + randomAlphanumeric(24) }
func newWebhookSecret() string { return "whsec_" + randomAlphanumeric(32) }

func (e *WebhookEndpoint) clone() WebhookEndpoint {
	c := *e
	c.EnabledEvents = slices.Clone(e.EnabledEvents)
	c.Metadata = maps.Clone(e.Metadata)
	return c
}

// render is the endpoint as Stripe sends it. The secret goes out only in
// the answer to the create call.
func (e *WebhookEndpoint) render(withSecret bool) object {
	o := object{
		"id": e.ID, "object": "webhook_endpoint", "url": e.URL, "status": e.Status,
		"enabled_events": nonNil(e.EnabledEvents), "api_version": nullIfEmpty(e.APIVersion),
		"description": nullIfEmpty(e.Description), "metadata": nonNilMap(e.Metadata),
		"application": nil, "created": e.Created.Unix(), "livemode": e.Livemode,
	}
	if withSecret {
		o["secret"] = e.Secret
	}
	return o
}

// endpointsFor is the endpoints in the key's mode, newest first; s.mu is held.
func (c *call) endpointsFor() []*webhookEndpoint {
	var mine []*webhookEndpoint
	for _, e := range c.s.webhooks {
		if e.Livemode == c.key.live {
			mine = append(mine, e)
		}
	}
	return newestFirst(mine)
}

func (c *call) findEndpoint() (*webhookEndpoint, *reply) {
	id := c.vars["id"]
	for _, e := range c.endpointsFor() {
		if e.ID == id {
			return e, nil
		}
	}
	rep := noSuch("webhook endpoint", "id", id)
	return nil, &rep
}

func listWebhooks(c *call) reply {
	return listReply(c, c.endpointsFor(), "webhook endpoint",
		func(e *webhookEndpoint) string { return e.ID },
		func(e *webhookEndpoint) any { return e.render(false) })
}

func retrieveWebhook(c *call) reply {
	e, missing := c.findEndpoint()
	if missing != nil {
		return *missing
	}
	return reply{status: http.StatusOK, body: e.render(false)}
}

var (
	createWebhookParams = []string{"url", "enabled_events", "api_version", "description", "metadata", "connect", "expand"}
	updateWebhookParams = []string{"url", "enabled_events", "description", "metadata", "disabled", "expand"}
)

func createWebhook(c *call) reply {
	if bad := unknownParam(c.form, createWebhookParams); bad != nil {
		return *bad
	}
	events := enabledEvents(c.form)
	switch {
	case c.form.Get("url") == "":
		return missingParam("url")
	case len(events) == 0:
		return missingParam("enabled_events")
	}
	if bad := checkURL(c.form.Get("url")); bad != nil {
		return *bad
	}
	if n := len(c.endpointsFor()); n >= c.s.webhookCap {
		mode := "test"
		if c.key.live {
			mode = "live"
		}
		return invalidRequest(http.StatusBadRequest, "", "", fmt.Sprintf(
			"You have reached the maximum of %d %s webhook endpoints.", c.s.webhookCap, mode))
	}
	e := &webhookEndpoint{
		ID: newWebhookID(), URL: c.form.Get("url"), EnabledEvents: events, Status: "enabled",
		APIVersion: c.form.Get("api_version"), Description: c.form.Get("description"),
		Metadata: metadataOf(c.form, nil), Secret: newWebhookSecret(), Livemode: c.key.live, Created: time.Now(),
	}
	c.s.webhooks = append(c.s.webhooks, e)
	return reply{status: http.StatusOK, body: e.render(true), mutating: true}
}

func updateWebhook(c *call) reply {
	if bad := unknownParam(c.form, updateWebhookParams); bad != nil {
		return *bad
	}
	e, missing := c.findEndpoint()
	if missing != nil {
		return *missing
	}
	if u := c.form.Get("url"); u != "" {
		if bad := checkURL(u); bad != nil {
			return *bad
		}
		e.URL = u
	}
	if events := enabledEvents(c.form); len(events) > 0 {
		e.EnabledEvents = events
	}
	if c.form.Has("description") {
		e.Description = c.form.Get("description")
	}
	switch c.form.Get("disabled") {
	case "true":
		e.Status = "disabled"
	case "false":
		e.Status = "enabled"
	case "":
	default:
		return invalidRequest(http.StatusBadRequest, "parameter_invalid_boolean", "disabled",
			"Invalid boolean: "+c.form.Get("disabled"))
	}
	e.Metadata = metadataOf(c.form, e.Metadata)
	return reply{status: http.StatusOK, body: e.render(false), mutating: true}
}

func deleteWebhook(c *call) reply {
	e, missing := c.findEndpoint()
	if missing != nil {
		return *missing
	}
	c.s.webhooks = slices.DeleteFunc(c.s.webhooks, func(w *webhookEndpoint) bool { return w == e })
	return reply{status: http.StatusOK, mutating: true,
		body: object{"id": e.ID, "object": "webhook_endpoint", "deleted": true}}
}

// enabledEvents reads enabled_events[] (curl style) or enabled_events[0], …
// (stripe-go's style), in index order.
func enabledEvents(form url.Values) []string {
	type indexed struct {
		at    int
		event string
	}
	var found []indexed
	for name, values := range form {
		inner, ok := strings.CutPrefix(name, "enabled_events[")
		if !ok || !strings.HasSuffix(inner, "]") {
			continue
		}
		at, err := strconv.Atoi(strings.TrimSuffix(inner, "]"))
		if err != nil {
			at = -1 // enabled_events[]: keep the order they were sent in
		}
		for _, v := range values {
			if v != "" {
				found = append(found, indexed{at, v})
			}
		}
	}
	sort.SliceStable(found, func(i, j int) bool { return found[i].at < found[j].at })
	events := make([]string, 0, len(found))
	for _, f := range found {
		events = append(events, f.event)
	}
	return events
}

// unknownParam refuses a parameter the endpoint does not take, as Stripe
// does, so a request the real API would reject fails here too.
func unknownParam(form url.Values, known []string) *reply {
	for name := range form {
		base, _, _ := strings.Cut(name, "[")
		if !slices.Contains(known, base) {
			rep := invalidRequest(http.StatusBadRequest, "parameter_unknown", name, "Received unknown parameter: "+name)
			return &rep
		}
	}
	return nil
}

func checkURL(raw string) *reply {
	u, err := url.Parse(raw)
	if err == nil && (u.Scheme == "https" || u.Scheme == "http") && u.Host != "" {
		return nil
	}
	rep := invalidRequest(http.StatusBadRequest, "url_invalid", "url", "Invalid URL: "+raw)
	return &rep
}

func nullIfEmpty(s string) any {
	if s == "" {
		return nil
	}
	return s
}

func nonNil(s []string) []string {
	if s == nil {
		return []string{}
	}
	return s
}

func nonNilMap(m map[string]string) map[string]string {
	if m == nil {
		return map[string]string{}
	}
	return m
}

package steps

import (
	"fmt"
	"io"
	"strings"
)

// WriteText prints all 18 steps as numbered plain text, with the permission
// table under step 7 and the webhook settings under steps 15 and 16.
func WriteText(w io.Writer) error {
	pw := &errWriter{w: w}
	for i, s := range All {
		if i == 0 || All[i-1].Part != s.Part {
			pw.printf("%s\n\n", partHeading(s.Part))
		}
		pw.printf("Step %d of %d: %s\n", s.Number, Total, s.Title)
		for _, line := range s.Instructions {
			pw.printf("   %s\n", line)
		}
		if s.Number == PermissionStep {
			for _, p := range Required {
				pw.printf("     - %-15s %-6s (%s)%s\n", p.Resource, p.Access.Title(), p.Section, labelNote(p))
			}
			pw.printf("     Summary before Create key: %s\n", PermissionSummary())
		}
		if s.Number == 15 || s.Number == 16 {
			for _, kv := range WebhookSummary {
				pw.printf("     - %s: %s\n", kv.Label, kv.Value)
			}
		}
		if s.Link != "" {
			pw.printf("   Link: %s\n", s.Link)
		}
		if s.Number == 4 {
			pw.printf("   Pre-filled: %s\n", PrefilledKeyURL(false))
		}
		pw.printf("   Needs: %s\n\n", s.Needs)
	}
	pw.printf("Webhook secret: starts with %s; only the charge.succeeded event, API version %s.\n", WebhookSecretPrefix, WebhookAPIVersion)
	pw.printf("\n")
	for _, line := range Closing {
		pw.printf("%s\n", line)
	}
	return pw.err
}

// WriteMarkdown prints the same content as Markdown.
func WriteMarkdown(w io.Writer) error {
	pw := &errWriter{w: w}
	for i, s := range All {
		if i == 0 || All[i-1].Part != s.Part {
			pw.printf("## %s\n\n", partHeading(s.Part))
		}
		pw.printf("### Step %d of %d: %s\n\n", s.Number, Total, s.Title)
		for _, line := range s.Instructions {
			pw.printf("%s\n\n", line)
		}
		if s.Number == PermissionStep {
			pw.printf("| Resource | Access | Where in the form |\n|---|---|---|\n")
			for _, p := range Required {
				pw.printf("| %s | %s | %s%s |\n", p.Resource, p.Access.Title(), p.Section, labelNote(p))
			}
			pw.printf("\nSummary before Create key: %s\n\n", PermissionSummary())
		}
		if s.Number == 15 || s.Number == 16 {
			for _, kv := range WebhookSummary {
				pw.printf("- %s: `%s`\n", kv.Label, kv.Value)
			}
			pw.printf("\n")
		}
		if s.Link != "" {
			pw.printf("Link: <%s>\n\n", s.Link)
		}
		if s.Number == 4 {
			pw.printf("Pre-filled form: <%s>\n\n", PrefilledKeyURL(false))
		}
		pw.printf("*Needs:* %s\n\n", s.Needs)
	}
	pw.printf("The webhook signing secret starts with `%s`; the endpoint listens to `%s` only, pinned to API version `%s`.\n",
		WebhookSecretPrefix, WebhookEvent, WebhookAPIVersion)
	pw.printf("\n## Finish\n\n")
	for _, line := range Closing {
		pw.printf("%s\n\n", line)
	}
	return pw.err
}

// labelNote names a row's label in today's form when it differs.
func labelNote(p Permission) string {
	if p.Label == "" {
		return ""
	}
	return ", labelled \"" + p.Label + "\""
}

func partHeading(p Part) string {
	switch p {
	case PartAPIKey:
		return "Part 1: " + p.String() + " (required)"
	case PartWebhook:
		return "Part 2: " + p.String() + " (optional, recommended)"
	}
	return strings.ToUpper(p.String())
}

// errWriter keeps the first write error so the renderers read straight.
type errWriter struct {
	w   io.Writer
	err error
}

func (e *errWriter) printf(format string, args ...any) {
	if e.err == nil {
		_, e.err = fmt.Fprintf(e.w, format, args...)
	}
}

package sandbox

import (
	"errors"
	"net/http"
	"net/url"
)

// Body limits: Stripe takes files up to 50 MB; form bodies are small.
const (
	maxUploadBytes = 64 << 20
	maxFormBytes   = 1 << 20
	uploadMemory   = 8 << 20 // beyond this net/http spills parts to temp files
)

// parseCall reads the request's parameters, outside the sandbox's lock.
func (s *Sandbox) parseCall(r *http.Request, k *apiKey, rt *route, vars map[string]string) (*call, *reply) {
	c := &call{s: s, key: k, path: r.URL.Path, vars: vars, query: r.URL.Query(), form: url.Values{}}
	if !isWrite(r.Method) {
		return c, nil
	}
	if rt.upload {
		return c, parseUpload(r, c)
	}
	r.Body = http.MaxBytesReader(nil, r.Body, maxFormBytes)
	if err := r.ParseForm(); err != nil {
		rep := invalidRequest(http.StatusBadRequest, "", "",
			"Invalid request body: send parameters as application/x-www-form-urlencoded.")
		return nil, &rep
	}
	c.form = r.PostForm
	return c, nil
}

// parseUpload reads a multipart body. A body that is empty or not multipart
// at all is read as one with no parts, as the Files probe sends: Stripe then
// answers that the file is missing.
func parseUpload(r *http.Request, c *call) *reply {
	r.Body = http.MaxBytesReader(nil, r.Body, maxUploadBytes)
	err := r.ParseMultipartForm(uploadMemory)
	var tooBig *http.MaxBytesError
	if errors.As(err, &tooBig) {
		rep := invalidRequest(http.StatusBadRequest, "file_too_large", "file",
			"The file is larger than the sandbox accepts (64 MB); Stripe's own limit is 50 MB.")
		return &rep
	}
	if r.MultipartForm == nil {
		c.form = r.PostForm
		return nil
	}
	c.form = url.Values(r.MultipartForm.Value)
	if files := r.MultipartForm.File["file"]; len(files) > 0 {
		c.upload = &upload{filename: files[0].Filename, size: files[0].Size}
	}
	return nil
}

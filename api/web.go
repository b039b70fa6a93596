package api

import (
	"bytes"
	"context"
	"io"
	"net/http"
	"strings"

	"ploeg/auth"
)

// Mount serves h (the web UI) for every request outside /api/ that no route of the rule table
// answers. The web UI keeps its own rule table of pages and roles (package web).
func (s *Server) Mount(h http.Handler) { s.web = h }

// SetRouteLabel names the route of r for the access log and the metrics, for handlers mounted with
// Mount, which the API's router does not know.
func SetRouteLabel(r *http.Request, route, actor string) {
	info := infoFrom(r.Context())
	info.route = route
	if actor != "" {
		info.actor = actor
	}
}

// callKey carries the principal of an in-process call; only Call sets it.
type callKey struct{}

// Response is the answer to an in-process call of the API.
type Response struct {
	Status int
	Header http.Header
	Body   []byte
}

// Call runs one API request in-process as principal p: the same rule table, handlers and checks
// as over HTTP, without a token. The web UI uses it so that every change goes through the API.
func (s *Server) Call(ctx context.Context, p auth.Principal, method, target string, body []byte, hdr http.Header) (*Response, error) {
	var rd io.Reader
	if body != nil {
		rd = bytes.NewReader(body)
	}
	req, err := http.NewRequestWithContext(context.WithValue(ctx, callKey{}, p), method, target, rd)
	if err != nil {
		return nil, err
	}
	for k, vs := range hdr {
		req.Header[k] = vs
	}
	if body != nil && req.Header.Get("Content-Type") == "" {
		req.Header.Set("Content-Type", "application/json")
	}
	req = req.WithContext(context.WithValue(req.Context(), infoKey{}, &reqInfo{}))
	rec := &recorder{header: http.Header{}}
	s.router.ServeHTTP(rec, req)
	if rec.status == 0 {
		rec.status = http.StatusOK
	}
	return &Response{Status: rec.status, Header: rec.header, Body: rec.body.Bytes()}, nil
}

// callPrincipal returns the principal of an in-process call.
func callPrincipal(r *http.Request) (auth.Principal, bool) {
	p, ok := r.Context().Value(callKey{}).(auth.Principal)
	return p, ok
}

// recorder keeps the answer of an in-process call.
type recorder struct {
	header http.Header
	status int
	body   bytes.Buffer
}

func (r *recorder) Header() http.Header { return r.header }

func (r *recorder) WriteHeader(code int) {
	if r.status == 0 {
		r.status = code
	}
}

func (r *recorder) Write(b []byte) (int, error) {
	if r.status == 0 {
		r.status = http.StatusOK
	}
	return r.body.Write(b)
}

// isAPIPath reports whether path belongs to the JSON API (or the operational routes), which the
// web UI never answers.
func isAPIPath(path string) bool {
	return strings.HasPrefix(path, "/api/") || path == "/api" || path == "/healthz" || path == "/readyz" || path == "/metrics"
}

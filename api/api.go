// Package api serves Ploeg over HTTP: health checks and the JSON API under /api/v1.
package api

import (
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"log/slog"
	"net/http"
	"strings"
	"time"

	"github.com/gorilla/mux"

	"ploeg/domain"
)

// Server holds what the handlers need. Build it with New.
type Server struct {
	store  domain.Store
	log    *slog.Logger
	router *mux.Router
}

// New returns a server on store, logging to log.
func New(store domain.Store, log *slog.Logger) *Server {
	s := &Server{store: store, log: log, router: mux.NewRouter()}
	s.routes()
	return s
}

// ServeHTTP implements http.Handler.
func (s *Server) ServeHTTP(w http.ResponseWriter, r *http.Request) { s.router.ServeHTTP(w, r) }

func (s *Server) routes() {
	r := s.router
	r.NotFoundHandler = http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		writeProblemDoc(w, Problem{Type: "urn:ploeg:problem:not_found", Title: titleOf[domain.CodeNotFound],
			Status: http.StatusNotFound, Code: domain.CodeNotFound,
			Detail: fmt.Sprintf("%s bestaat niet; zie / voor wat Ploeg aanbiedt", r.URL.Path)})
	})
	r.MethodNotAllowedHandler = http.HandlerFunc(methodNotAllowed)

	r.HandleFunc("/", s.home).Methods(http.MethodGet, http.MethodHead)
	r.HandleFunc("/healthz", s.healthz).Methods(http.MethodGet, http.MethodHead)
	r.HandleFunc("/readyz", s.readyz).Methods(http.MethodGet, http.MethodHead)

	v1 := r.PathPrefix("/api/v1").Subrouter()
	// gorilla/mux answers 404 instead of 405 on a subrouter unless it has its own handlers.
	v1.NotFoundHandler = r.NotFoundHandler
	v1.MethodNotAllowedHandler = r.MethodNotAllowedHandler
	v1.HandleFunc("/dataset", s.exportDataset).Methods(http.MethodGet, http.MethodHead)
	v1.HandleFunc("/dataset", s.importDataset).Methods(http.MethodPut)
}

func methodNotAllowed(w http.ResponseWriter, r *http.Request) {
	writeProblemDoc(w, Problem{Type: "urn:ploeg:problem:method_not_allowed", Title: "Methode niet toegestaan",
		Status: http.StatusMethodNotAllowed, Code: "method_not_allowed",
		Detail: fmt.Sprintf("%s is niet toegestaan op %s", r.Method, r.URL.Path)})
}

func (s *Server) home(w http.ResponseWriter, r *http.Request) {
	w.Header().Set("Content-Type", "text/html; charset=utf-8")
	_, _ = io.WriteString(w, homePage)
}

const homePage = `<!doctype html>
<html lang="nl"><head><meta charset="utf-8"><title>Ploeg</title>
<meta name="viewport" content="width=device-width, initial-scale=1"></head>
<body style="font-family: sans-serif; max-width: 40rem; margin: 2rem auto; line-height: 1.5">
<h1>Ploeg</h1>
<p>Ploeg plant de medewerkers van het sociaal werkbedrijf: wie werkt waar, onder welke werkleider.</p>
<ul>
<li><a href="/api/v1/dataset">De dataset (JSON)</a>: exporteren met GET, importeren met PUT.</li>
<li><a href="/healthz">/healthz</a>: draait Ploeg? <a href="/readyz">/readyz</a>: is de opslag bereikbaar?</li>
</ul>
</body></html>
`

func (s *Server) healthz(w http.ResponseWriter, r *http.Request) {
	w.Header().Set("Content-Type", "text/plain; charset=utf-8")
	_, _ = io.WriteString(w, "ok\n")
}

func (s *Server) readyz(w http.ResponseWriter, r *http.Request) {
	ctx, cancel := context.WithTimeout(r.Context(), 2*time.Second)
	defer cancel()
	if err := s.store.Ping(ctx); err != nil {
		s.log.WarnContext(ctx, "opslag niet bereikbaar", "err", err)
		writeProblemDoc(w, Problem{Type: "urn:ploeg:problem:unavailable", Title: "Niet gereed",
			Status: http.StatusServiceUnavailable, Code: domain.CodeInternal,
			Detail: "de opslag antwoordt niet; controleer de database of Redis"})
		return
	}
	w.Header().Set("Content-Type", "text/plain; charset=utf-8")
	_, _ = io.WriteString(w, "ok\n")
}

func (s *Server) exportDataset(w http.ResponseWriter, r *http.Request) {
	ds, err := domain.LoadDataset(r.Context(), s.store)
	if err != nil {
		writeProblem(w, r, s.log, err)
		return
	}
	w.Header().Set("Content-Type", "application/json")
	_ = domain.EncodeDataset(w, ds)
}

func (s *Server) importDataset(w http.ResponseWriter, r *http.Request) {
	if ct := r.Header.Get("Content-Type"); ct != "" && !strings.HasPrefix(ct, "application/json") {
		writeProblemDoc(w, Problem{Type: "urn:ploeg:problem:unsupported_media_type", Title: "Verkeerd formaat",
			Status: http.StatusUnsupportedMediaType, Code: domain.CodeInvalid,
			Detail: fmt.Sprintf("stuur de dataset als application/json, niet als %s", ct)})
		return
	}
	body := http.MaxBytesReader(w, r.Body, domain.MaxDatasetBytes)
	ds, err := domain.DecodeDataset(body)
	var tooBig *http.MaxBytesError
	if errors.As(err, &tooBig) {
		writeProblemDoc(w, Problem{Type: "urn:ploeg:problem:too_large", Title: "Te groot",
			Status: http.StatusRequestEntityTooLarge, Code: domain.CodeInvalid,
			Detail: fmt.Sprintf("de dataset is groter dan %d MiB", domain.MaxDatasetBytes>>20)})
		return
	}
	if err != nil {
		writeProblem(w, r, s.log, err)
		return
	}
	if err := domain.ImportDataset(r.Context(), s.store, ds); err != nil {
		writeProblem(w, r, s.log, err)
		return
	}
	w.Header().Set("Content-Type", "application/json")
	_ = json.NewEncoder(w).Encode(struct {
		Imported domain.Counts `json:"imported"`
	}{ds.Counts()})
}

// Package api serves Ploeg over HTTP: health checks, metrics, and the JSON API under /api/v1 with
// authentication, one rule table of which role may use which route, ETags and problem+json errors.
package api

import (
	"context"
	"fmt"
	"io"
	"log/slog"
	"net/http"
	"strings"
	"sync"
	"time"

	"github.com/gorilla/mux"
	"github.com/prometheus/client_golang/prometheus"

	"ploeg/auth"
	"ploeg/domain"
)

// Config is what a Server needs; Store and Log are required.
type Config struct {
	Store domain.Store
	Log   *slog.Logger
	// Now is the clock for audit times and "today"; nil means time.Now.
	Now func() time.Time
	// PlanTimeLimit bounds one planning or repair run; 0 means 20 s.
	PlanTimeLimit time.Duration
	// RequestTimeout bounds a request's handler (not a plan run); 0 means 30 s.
	RequestTimeout time.Duration
	// BcryptCost is used for passwords set through the API; 0 means the default.
	BcryptCost int
}

// Server holds what the handlers need. Build it with New or NewWith.
type Server struct {
	cfg     Config
	store   domain.Store
	log     *slog.Logger
	auth    auth.Service
	router  *mux.Router
	routes  []route
	rules   map[string]route // by route name ("GET /api/v1/employees/{id}")
	metrics *metrics
	// planCache keeps the encoded JSON of recently read plans by id and version.
	planCache sync.Map
	// snapshot is the last dataset snapshot, reused by plan changes while nothing was written.
	snapshot snapshotCache
	// planQueues holds a *planQueue per plan id: the assignment changes waiting for its next write.
	planQueues sync.Map
	// planDecoded keeps a *decodedPlan per plan id: the plan as the change queue last wrote or read it.
	planDecoded sync.Map
	// planLocks holds a *sync.Mutex per plan id for the serial routes.
	planLocks sync.Map
	// web is the web UI (Mount), served for paths outside the API.
	web http.Handler
}

// New returns a server on store, logging to log, with the default configuration.
func New(store domain.Store, log *slog.Logger) *Server {
	return NewWith(Config{Store: store, Log: log})
}

// NewWith returns a server with configuration cfg.
func NewWith(cfg Config) *Server {
	if cfg.Now == nil {
		cfg.Now = time.Now
	}
	if cfg.PlanTimeLimit <= 0 {
		cfg.PlanTimeLimit = 20 * time.Second
	}
	if cfg.RequestTimeout <= 0 {
		cfg.RequestTimeout = 30 * time.Second
	}
	s := &Server{cfg: cfg, store: cfg.Store, log: cfg.Log, router: mux.NewRouter(),
		auth: auth.Service{Store: cfg.Store, Now: cfg.Now, Cost: cfg.BcryptCost}}
	s.metrics = newMetrics()
	s.build()
	return s
}

// Registry returns the Prometheus registry of this server's metrics.
func (s *Server) Registry() *prometheus.Registry { return s.metrics.reg }

// ServeHTTP implements http.Handler: every request is timed, counted and logged.
func (s *Server) ServeHTTP(w http.ResponseWriter, r *http.Request) { s.observe(w, r) }

// build registers every route of the table on the router.
func (s *Server) build() {
	r := s.router
	r.NotFoundHandler = http.HandlerFunc(s.notFound)
	r.MethodNotAllowedHandler = http.HandlerFunc(s.methodNotAllowed)
	// All routes hang on the root router, with full paths. A PathPrefix subrouter copies its prefix
	// matcher into every route, and gorilla/mux v1.8.1 then forgets a method mismatch as soon as a
	// later route's prefix matches, answering 404 where 405 is right (TestMethodNotAllowedEverywhere).
	s.routes = s.table()
	s.rules = make(map[string]route, len(s.routes))
	for _, rt := range s.routes {
		name := rt.name()
		if _, dup := s.rules[name]; dup {
			panic("api: route twice in the table: " + name)
		}
		s.rules[name] = rt
		methods := []string{rt.method}
		if rt.method == http.MethodGet {
			methods = append(methods, http.MethodHead)
		}
		r.Handle(rt.path, s.guard(rt)).Methods(methods...).Name(name)
	}
}

// allowedMethods returns the methods the router serves at r's path.
func (s *Server) allowedMethods(r *http.Request) []string {
	var out []string
	for _, m := range []string{http.MethodGet, http.MethodHead, http.MethodPost, http.MethodPut, http.MethodPatch, http.MethodDelete} {
		probe := r.Clone(r.Context())
		probe.Method = m
		var match mux.RouteMatch
		if s.router.Match(probe, &match) && match.MatchErr == nil {
			out = append(out, m)
		}
	}
	return out
}

func cutPrefix(s, prefix string) (string, bool) {
	if len(s) > len(prefix) && s[:len(prefix)] == prefix && s[len(prefix)] == '/' {
		return s[len(prefix):], true
	}
	return s, false
}

func (s *Server) notFound(w http.ResponseWriter, r *http.Request) {
	if allow := s.allowedMethods(r); len(allow) > 0 {
		s.methodNotAllowed(w, r)
		return
	}
	if s.web != nil && !isAPIPath(r.URL.Path) {
		s.web.ServeHTTP(w, r)
		return
	}
	writeProblemDoc(w, Problem{Type: "urn:ploeg:problem:not_found", Title: titleOf[domain.CodeNotFound],
		Status: http.StatusNotFound, Code: domain.CodeNotFound,
		Detail: fmt.Sprintf("%s bestaat niet; zie /api/v1/openapi.json voor wat Ploeg aanbiedt", r.URL.Path)})
}

func (s *Server) methodNotAllowed(w http.ResponseWriter, r *http.Request) {
	allow := s.allowedMethods(r)
	w.Header().Set("Allow", strings.Join(allow, ", "))
	writeProblemDoc(w, Problem{Type: "urn:ploeg:problem:method_not_allowed", Title: "Methode niet toegestaan",
		Status: http.StatusMethodNotAllowed, Code: "method_not_allowed",
		Detail: fmt.Sprintf("%s is niet toegestaan op %s; wel: %s", r.Method, r.URL.Path, strings.Join(allow, ", "))})
}

func (s *Server) home(w http.ResponseWriter, r *http.Request) {
	if s.web != nil {
		s.web.ServeHTTP(w, r)
		return
	}
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
<li><a href="/api/v1/openapi.json">De API (OpenAPI 3.1)</a>: alles wat Ploeg kan, met een token of gebruikersnaam.</li>
<li><a href="/api/v1/dataset">De dataset (JSON)</a>: exporteren met GET, importeren met PUT.</li>
<li><a href="/healthz">/healthz</a>: draait Ploeg? <a href="/readyz">/readyz</a>: is de opslag bereikbaar?
<a href="/metrics">/metrics</a>: meetwaarden voor Prometheus.</li>
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

package api

import (
	"context"
	"net/http"
	"strconv"
	"strings"
	"sync"
	"time"

	"github.com/gorilla/mux"
	"github.com/prometheus/client_golang/prometheus"

	"ploeg/auth"
	"ploeg/domain"
)

// metrics are the server's Prometheus collectors, labelled by route template, never by raw path.
type metrics struct {
	reg      *prometheus.Registry
	requests *prometheus.CounterVec
	duration *prometheus.HistogramVec
	inflight prometheus.Gauge
}

func newMetrics() *metrics {
	m := &metrics{
		reg: prometheus.NewRegistry(),
		requests: prometheus.NewCounterVec(prometheus.CounterOpts{
			Name: "ploeg_http_requests_total", Help: "HTTP requests by route template, method and status.",
		}, []string{"route", "method", "status"}),
		duration: prometheus.NewHistogramVec(prometheus.HistogramOpts{
			Name: "ploeg_http_request_duration_seconds", Help: "Time to answer an HTTP request, by route template and method.",
			Buckets: []float64{.001, .0025, .005, .01, .025, .05, .1, .25, .5, 1, 2.5, 5, 10, 30},
		}, []string{"route", "method"}),
		inflight: prometheus.NewGauge(prometheus.GaugeOpts{
			Name: "ploeg_http_requests_in_flight", Help: "HTTP requests being answered.",
		}),
	}
	m.reg.MustRegister(m.requests, m.duration, m.inflight,
		prometheus.NewGoCollector(), prometheus.NewProcessCollector(prometheus.ProcessCollectorOpts{}))
	return m
}

// reqInfo is filled in while a request is served, for the access log and the metrics.
type reqInfo struct {
	route string
	actor string
}

type infoKey struct{}

func infoFrom(ctx context.Context) *reqInfo {
	if i, ok := ctx.Value(infoKey{}).(*reqInfo); ok {
		return i
	}
	return &reqInfo{}
}

// statusWriter remembers the status and size of a response.
type statusWriter struct {
	http.ResponseWriter
	status int
	bytes  int
}

func (w *statusWriter) WriteHeader(code int) {
	if w.status == 0 {
		w.status = code
	}
	w.ResponseWriter.WriteHeader(code)
}

func (w *statusWriter) Write(b []byte) (int, error) {
	if w.status == 0 {
		w.status = http.StatusOK
	}
	n, err := w.ResponseWriter.Write(b)
	w.bytes += n
	return n, err
}

// Unwrap lets http.ResponseController reach the underlying writer.
func (w *statusWriter) Unwrap() http.ResponseWriter { return w.ResponseWriter }

// observe serves r through the router, then counts, times and logs it.
func (s *Server) observe(w http.ResponseWriter, r *http.Request) {
	began := time.Now()
	info := &reqInfo{route: "unmatched"}
	sw := &statusWriter{ResponseWriter: w}
	s.metrics.inflight.Inc()
	defer s.metrics.inflight.Dec()
	s.router.ServeHTTP(sw, r.WithContext(context.WithValue(r.Context(), infoKey{}, info)))
	if sw.status == 0 {
		sw.status = http.StatusOK
	}
	elapsed := time.Since(began)
	s.metrics.requests.WithLabelValues(info.route, r.Method, strconv.Itoa(sw.status)).Inc()
	s.metrics.duration.WithLabelValues(info.route, r.Method).Observe(elapsed.Seconds())
	level := slogLevel(sw.status)
	s.log.Log(r.Context(), level, "verzoek", "method", r.Method, "route", info.route, "path", r.URL.Path,
		"status", sw.status, "bytes", sw.bytes, "duration_ms", float64(elapsed.Microseconds())/1000,
		"actor", info.actor, "remote", r.RemoteAddr)
}

type principalKey struct{}

// principalFrom returns who the request acts as; the zero Principal on public routes.
func principalFrom(ctx context.Context) auth.Principal {
	p, _ := ctx.Value(principalKey{}).(auth.Principal)
	return p
}

// guard wraps a route's handler: it names the route for logs and metrics, signs the caller in,
// applies the route's rule, bounds the time, and puts the actor into the context for the audit log.
func (s *Server) guard(rt route) http.Handler {
	return http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		info := infoFrom(r.Context())
		info.route = rt.path
		if rt.public {
			rt.handler(w, r)
			return
		}
		p, inProcess := callPrincipal(r)
		var err error
		if !inProcess {
			p, err = s.authenticate(r, rt.queryToken)
		}
		if err != nil {
			w.Header().Set("WWW-Authenticate", `Bearer realm="ploeg", Basic realm="ploeg", charset="UTF-8"`)
			writeProblem(w, r, s.log, err)
			return
		}
		info.actor = p.Actor()
		if !rt.allows(p.Role) {
			writeProblem(w, r, s.log, domain.Errorf(domain.CodeForbidden,
				"uw rol %s mag %s %s niet gebruiken; vraag de beheerder om een andere rol", p.Role, rt.method, rt.path))
			return
		}
		ctx := context.WithValue(r.Context(), principalKey{}, p)
		ctx = domain.WithActor(ctx, domain.Actor{Name: p.Actor(), Reason: reasonHeader(r)})
		if rt.serial {
			mu := s.planLock(mux.Vars(r)["id"])
			mu.Lock()
			defer mu.Unlock()
		}
		if !rt.long {
			var cancel context.CancelFunc
			ctx, cancel = context.WithTimeout(ctx, s.cfg.RequestTimeout)
			defer cancel()
		}
		rt.handler(w, r.WithContext(ctx))
	})
}

// planLock returns the lock of plan id in this instance.
func (s *Server) planLock(id string) *sync.Mutex {
	mu, _ := s.planLocks.LoadOrStore(id, &sync.Mutex{})
	return mu.(*sync.Mutex)
}

// reasonHeader is the optional reason of a change given in the Ploeg-Reason header (percent-encoded
// when it holds more than ASCII).
func reasonHeader(r *http.Request) string {
	v := r.Header.Get("Ploeg-Reason")
	if strings.Contains(v, "%") {
		if u, err := urlUnescape(v); err == nil {
			return u
		}
	}
	return v
}

// authenticate signs the caller in with a bearer token or HTTP basic.
func (s *Server) authenticate(r *http.Request, queryToken bool) (auth.Principal, error) {
	h := r.Header.Get("Authorization")
	if tok := r.URL.Query().Get("token"); queryToken && tok != "" && h == "" {
		return s.auth.Bearer(r.Context(), tok)
	}
	if tok, ok := strings.CutPrefix(h, "Bearer "); ok {
		return s.auth.Bearer(r.Context(), strings.TrimSpace(tok))
	}
	if name, pw, ok := r.BasicAuth(); ok {
		return s.auth.Basic(r.Context(), name, pw)
	}
	if h != "" {
		return auth.Principal{}, domain.Errorf(domain.CodeUnauthorized, "onbekend soort Authorization; gebruik Bearer met een token of Basic met naam en wachtwoord")
	}
	return auth.Principal{}, domain.Errorf(domain.CodeUnauthorized, "meld u aan: stuur Authorization: Bearer <token> (maak er een met ploeg token create) of gebruik naam en wachtwoord")
}

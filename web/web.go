// Package web is Ploeg's web UI: the planbord for werkleiders, the medewerkers pages for HR and the
// gemeente dashboard, server-rendered with html/template in Dutch, with plain CSS and a little
// JavaScript embedded in the binary. Every change goes through the JSON API in-process (api.Call),
// so the UI adds no business rules of its own.
package web

import (
	"bytes"
	"embed"
	"html/template"
	"io/fs"
	"log/slog"
	"net/http"
	"slices"
	"strings"
	"sync"
	"time"

	"ploeg/api"
	"ploeg/auth"
	"ploeg/domain"
)

//go:embed templates/*.html
var templateFS embed.FS

//go:embed static
var staticFS embed.FS

// Config is what the web UI needs; API, Store and Log are required.
type Config struct {
	API   *api.Server
	Store domain.Store
	Log   *slog.Logger
	// Now is the clock for "today" and session expiry; nil means time.Now.
	Now func() time.Time
	// SessionTTL is how long a sign-in lasts; 0 means 10 hours (a working day).
	SessionTTL time.Duration
	// BcryptCost is only used by tests that add users; 0 means the default.
	BcryptCost int
}

// Handler serves the web UI.
type Handler struct {
	cfg   Config
	auth  auth.Service
	mux   *http.ServeMux
	pages []Page
	tmpl  map[string]*template.Template
	// runs are the planning runs in progress on this instance, by plan id (progress.go).
	runs sync.Map
	// limiter counts failed sign-ins (ratelimit.go).
	limiter loginLimiter
	// sweepMu guards lastSweep, when expired sessions were last removed (session.go).
	sweepMu   sync.Mutex
	lastSweep time.Time
}

// Page is one row of the web UI's rule table: a method and path pattern and the roles that may use
// it. Every page the handler serves comes from this table (TestPageTableComplete).
type Page struct {
	Method, Pattern string
	Roles           []domain.Role
	// Public pages need no sign-in.
	Public  bool
	Summary string
	handler func(w http.ResponseWriter, r *http.Request, c *call)
}

// The role groups of the page table.
var (
	planAndHR  = []domain.Role{domain.RoleAdmin, domain.RolePlanner, domain.RoleHR}
	planners   = []domain.Role{domain.RoleAdmin, domain.RolePlanner}
	people     = []domain.Role{domain.RoleAdmin, domain.RoleHR}
	quotaRoles = []domain.Role{domain.RoleAdmin, domain.RoleHR, domain.RoleGemeente}
	everyone   = domain.Roles
	medewerker = []domain.Role{domain.RoleMedewerker}
)

// New returns the web UI on cfg.
func New(cfg Config) *Handler {
	if cfg.Now == nil {
		cfg.Now = time.Now
	}
	if cfg.SessionTTL <= 0 {
		cfg.SessionTTL = 10 * time.Hour
	}
	h := &Handler{cfg: cfg, mux: http.NewServeMux(),
		auth: auth.Service{Store: cfg.Store, Now: cfg.Now, Cost: cfg.BcryptCost}}
	h.tmpl = parseTemplates()
	h.pages = h.table()
	for _, p := range h.pages {
		h.mux.Handle(p.Method+" "+p.Pattern, h.guard(p))
	}
	h.mux.HandleFunc("/", h.notFound)
	return h
}

// Pages returns the rule table of the web UI.
func (h *Handler) Pages() []Page { return slices.Clone(h.pages) }

func (h *Handler) table() []Page {
	return []Page{
		{Method: "GET", Pattern: "/{$}", Public: true, Summary: "startpagina: naar de pagina van uw rol", handler: h.home},
		{Method: "GET", Pattern: "/static/{file}", Public: true, Summary: "CSS en JavaScript", handler: h.static},
		{Method: "GET", Pattern: "/inloggen", Public: true, Summary: "aanmelden", handler: h.loginForm},
		{Method: "POST", Pattern: "/inloggen", Public: true, Summary: "aanmelden met naam en wachtwoord", handler: h.login},
		{Method: "POST", Pattern: "/uitloggen", Roles: everyone, Summary: "afmelden", handler: h.logout},

		{Method: "GET", Pattern: "/planbord", Roles: planAndHR, Summary: "planbord van vandaag", handler: h.planbordToday},
		{Method: "GET", Pattern: "/planbord/{date}", Roles: planAndHR, Summary: "planbord van één dag", handler: h.planbordDay},
		{Method: "GET", Pattern: "/planbord/{date}/versie", Roles: planAndHR, Summary: "de versie van het plan van die dag (JSON), voor de melding dat de dag is gewijzigd", handler: h.dayVersion},
		{Method: "GET", Pattern: "/planbord/{date}/verplaats/{employee}", Roles: planners, Summary: "verplaats naar…: de diensten van die dag", handler: h.moveForm},
		{Method: "GET", Pattern: "/planbord/{date}/doelen/{employee}", Roles: planners, Summary: "bij het slepen: de diensten van die dag waarvoor iemand niet geschikt is of die vol zijn (JSON), nooit waarom", handler: h.dragTargets},
		{Method: "POST", Pattern: "/planbord/{date}/verplaats", Roles: planners, Summary: "iemand verplaatsen (met controle)", handler: h.move},
		{Method: "POST", Pattern: "/planbord/{date}/vastzetten", Roles: planners, Summary: "een toewijzing vastzetten", handler: h.pin},
		{Method: "POST", Pattern: "/planbord/{date}/losmaken", Roles: planners, Summary: "een vastgezette toewijzing losmaken", handler: h.unpin},
		{Method: "POST", Pattern: "/planbord/{date}/plan", Roles: planners, Summary: "plan automatisch", handler: h.generate},
		{Method: "POST", Pattern: "/planbord/{date}/herplan", Roles: planners, Summary: "herplan na ziekmelding", handler: h.repair},
		{Method: "POST", Pattern: "/planbord/{date}/publiceer", Roles: planners, Summary: "plan publiceren", handler: h.publish},
		{Method: "GET", Pattern: "/voortgang/{plan}", Roles: planners, Summary: "hoe een lopende automatische planning vordert (JSON), voor de voortgangsbalk", handler: h.progress},
		{Method: "GET", Pattern: "/week/{date}", Roles: planAndHR, Summary: "planbord van een week", handler: h.week},
		{Method: "POST", Pattern: "/week/{date}/plan", Roles: planners, Summary: "de week automatisch plannen", handler: h.generateWeek},
		{Method: "GET", Pattern: "/afdruk/{plan}/{kind}", Roles: planAndHR, Summary: "rooster als PDF", handler: h.print},

		{Method: "GET", Pattern: "/medewerkers", Roles: planAndHR, Summary: "medewerkers zoeken", handler: h.employees},
		{Method: "GET", Pattern: "/medewerkers/{id}", Roles: planAndHR, Summary: "één medewerker", handler: h.employee},
		{Method: "POST", Pattern: "/medewerkers/{id}", Roles: people, Summary: "medewerker wijzigen", handler: h.editEmployee},
		{Method: "POST", Pattern: "/medewerkers/{id}/afwezigheid", Roles: planAndHR, Summary: "afwezigheid of ziekmelding vastleggen", handler: h.addAbsence},
		{Method: "POST", Pattern: "/medewerkers/{id}/afwezigheid/{from}", Roles: planAndHR, Summary: "afwezigheid of ziekmelding wijzigen (einddatum, soort)", handler: h.editAbsence},
		{Method: "POST", Pattern: "/medewerkers/{id}/afwezigheid/{from}/verwijderen", Roles: planAndHR, Summary: "afwezigheid of ziekmelding verwijderen", handler: h.deleteAbsence},
		{Method: "POST", Pattern: "/medewerkers/{id}/herplan", Roles: planners, Summary: "herplan na ziekmelding, vanaf de medewerker", handler: h.repairFromEmployee},

		{Method: "GET", Pattern: "/gemeente", Roles: quotaRoles, Summary: "dashboard: naar de eigen gemeente", handler: h.gemeenteIndex},
		{Method: "GET", Pattern: "/gemeente/{code}", Roles: quotaRoles, Summary: "dashboard taakstelling en Wsw van één gemeente", handler: h.gemeente},

		{Method: "GET", Pattern: "/mijn-rooster", Roles: medewerker, Summary: "mijn eigen rooster", handler: h.myRoster},
	}
}

// ServeHTTP implements http.Handler.
func (h *Handler) ServeHTTP(w http.ResponseWriter, r *http.Request) {
	hd := w.Header()
	hd.Set("X-Content-Type-Options", "nosniff")
	hd.Set("X-Frame-Options", "DENY")
	hd.Set("Referrer-Policy", "same-origin")
	hd.Set("Content-Security-Policy", "default-src 'self'; img-src 'self' data:; style-src 'self'; script-src 'self'; form-action 'self'; frame-ancestors 'none'")
	h.mux.ServeHTTP(w, r)
}

// call is one request's context for a handler: who is signed in and their CSRF token.
type call struct {
	p    auth.Principal
	user string
	csrf string
	page Page
}

// guard signs the caller in from the session cookie, applies the page's rule and checks the CSRF
// token of every POST.
func (h *Handler) guard(p Page) http.Handler {
	return http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		c := &call{page: p}
		sess, ok := h.session(r)
		if ok {
			c.p, c.user, c.csrf = sess.principal(), sess.User, sess.csrf
		}
		api.SetRouteLabel(r, "web "+p.Pattern, c.actor())
		if !p.Public {
			if !ok {
				if r.Method == http.MethodGet {
					http.Redirect(w, r, "/inloggen?terug="+urlQueryEscape(r.URL.RequestURI()), http.StatusSeeOther)
					return
				}
				h.fail(w, r, c, http.StatusUnauthorized, "Niet aangemeld", "Uw sessie is verlopen. Meld u opnieuw aan; wat u invulde is niet opgeslagen.")
				return
			}
			if !slices.Contains(p.Roles, c.p.Role) {
				h.fail(w, r, c, http.StatusForbidden, "Geen toegang", "Deze pagina is niet voor uw rol ("+roleName(c.p.Role)+").")
				return
			}
		}
		if r.Method == http.MethodPost && !h.checkCSRF(r, c) {
			h.fail(w, r, c, http.StatusForbidden, "Formulier verlopen",
				"Het formulier mist een geldige controlecode (CSRF). Laad de pagina opnieuw en probeer het nog eens.")
			return
		}
		p.handler(w, r, c)
	})
}

func (c *call) actor() string {
	if c.p.Role == "" {
		return ""
	}
	return c.p.Actor()
}

// signedIn reports whether someone is signed in.
func (c *call) signedIn() bool { return c.p.Role != "" }

func (h *Handler) notFound(w http.ResponseWriter, r *http.Request) {
	c := &call{}
	if sess, ok := h.session(r); ok {
		c.p, c.user, c.csrf = sess.principal(), sess.User, sess.csrf
	}
	api.SetRouteLabel(r, "web unmatched", c.actor())
	for _, p := range h.pages {
		if matchesPattern(p.Pattern, r.URL.Path) && p.Method != r.Method {
			w.Header().Set("Allow", p.Method)
			h.fail(w, r, c, http.StatusMethodNotAllowed, "Methode niet toegestaan", "Deze pagina kent "+r.Method+" niet.")
			return
		}
	}
	h.fail(w, r, c, http.StatusNotFound, "Pagina niet gevonden", "Deze pagina bestaat niet. Kies een pagina in het menu.")
}

// matchesPattern reports whether path fits pattern, with {name} matching one segment.
func matchesPattern(pattern, path string) bool {
	pattern = strings.TrimSuffix(pattern, "{$}")
	ps, xs := strings.Split(strings.Trim(pattern, "/"), "/"), strings.Split(strings.Trim(path, "/"), "/")
	if len(ps) != len(xs) {
		return false
	}
	for i := range ps {
		if !strings.HasPrefix(ps[i], "{") && ps[i] != xs[i] {
			return false
		}
	}
	return true
}

func (h *Handler) static(w http.ResponseWriter, r *http.Request, _ *call) {
	name := r.PathValue("file")
	b, err := fs.ReadFile(staticFS, "static/"+name)
	if err != nil {
		http.NotFound(w, r)
		return
	}
	switch {
	case strings.HasSuffix(name, ".css"):
		w.Header().Set("Content-Type", "text/css; charset=utf-8")
	case strings.HasSuffix(name, ".js"):
		w.Header().Set("Content-Type", "text/javascript; charset=utf-8")
	}
	w.Header().Set("Cache-Control", "public, max-age=3600")
	http.ServeContent(w, r, name, time.Time{}, bytes.NewReader(b))
}

// home sends each role to its own start page.
func (h *Handler) home(w http.ResponseWriter, r *http.Request, c *call) {
	if !c.signedIn() {
		http.Redirect(w, r, "/inloggen", http.StatusSeeOther)
		return
	}
	http.Redirect(w, r, startPage(c.p), http.StatusSeeOther)
}

func startPage(p auth.Principal) string {
	switch p.Role {
	case domain.RoleHR:
		return "/medewerkers"
	case domain.RoleGemeente:
		return "/gemeente/" + p.Gemeente
	case domain.RoleMedewerker:
		return "/mijn-rooster"
	}
	return "/planbord"
}

func roleName(r domain.Role) string {
	switch r {
	case domain.RoleAdmin:
		return "beheerder"
	case domain.RolePlanner:
		return "werkleider/planner"
	case domain.RoleHR:
		return "HR"
	case domain.RoleGemeente:
		return "gemeente"
	case domain.RoleMedewerker:
		return "medewerker"
	}
	return string(r)
}

// today is the current date in Amsterdam.
func (h *Handler) today() domain.Date { return domain.DateOf(h.cfg.Now().In(domain.Amsterdam)) }

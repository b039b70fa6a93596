package api

import (
	"log/slog"
	"net/http"
	"net/url"
	"reflect"
	"slices"

	"ploeg/domain"
)

// route is one row of the rule table: a method and path template, who may use it, and its handler.
// Every route the router serves comes from this table, so no route exists without an explicit rule.
type route struct {
	method, path string
	// roles may use the route; public routes need no sign-in at all.
	roles  []domain.Role
	public bool
	// long routes run the planner under its own time limit instead of the request timeout.
	long bool
	// serial routes change one plan: within an instance they take turns per plan, so concurrent
	// changes with the same ETag fail fast with 412 instead of all doing the work (the store's version
	// check keeps it right across instances).
	serial bool
	// ifMatch marks a POST that needs If-Match (PUT, PATCH and DELETE always do), for the OpenAPI document.
	ifMatch bool
	// queryToken routes also accept the token as ?token=, for calendar apps that cannot send headers.
	queryToken bool
	summary    string
	// body and answer are the Go types of the request body and the answer, for the OpenAPI document.
	body, answer reflect.Type
	handler      http.HandlerFunc
}

// name is the route's key in the rule table and its name on the router.
func (rt route) name() string { return rt.method + " " + rt.path }

func (rt route) allows(r domain.Role) bool { return rt.public || slices.Contains(rt.roles, r) }

// The role groups the table uses.
var (
	all        = domain.Roles
	staff      = []domain.Role{domain.RoleAdmin, domain.RolePlanner, domain.RoleHR}
	planners   = []domain.Role{domain.RoleAdmin, domain.RolePlanner}
	people     = []domain.Role{domain.RoleAdmin, domain.RoleHR}
	admins     = []domain.Role{domain.RoleAdmin}
	figures    = []domain.Role{domain.RoleAdmin, domain.RolePlanner, domain.RoleHR, domain.RoleGemeente}
	planAndHR  = []domain.Role{domain.RoleAdmin, domain.RolePlanner, domain.RoleHR}
	medewerker = []domain.Role{domain.RoleMedewerker}
	// quotaReaders see aggregated figures; a gemeente user only their own gemeente's.
	quotaReaders = []domain.Role{domain.RoleAdmin, domain.RoleHR, domain.RoleGemeente}
)

// table returns the rule table: every route with the roles that may use it.
func (s *Server) table() []route {
	rs := []route{
		{method: http.MethodGet, path: "/", public: true, summary: "startpagina", handler: s.home},
		{method: http.MethodGet, path: "/healthz", public: true, summary: "draait Ploeg?", handler: s.healthz},
		{method: http.MethodGet, path: "/readyz", public: true, summary: "is de opslag bereikbaar?", handler: s.readyz},
		{method: http.MethodGet, path: "/metrics", public: true, summary: "meetwaarden voor Prometheus", handler: s.metricsHandler},
		{method: http.MethodGet, path: "/api/v1/openapi.json", public: true, summary: "deze API als OpenAPI 3.1", handler: s.openapi},

		{method: http.MethodGet, path: "/api/v1/me", roles: all, summary: "wie ben ik en wat mag ik", handler: s.me},
		{method: http.MethodGet, path: "/api/v1/me/roster", roles: medewerker, summary: "mijn eigen rooster", handler: s.myRoster},

		{method: http.MethodGet, path: "/api/v1/dataset", roles: people, answer: reflect.TypeFor[domain.Dataset](), summary: "de hele dataset exporteren", handler: s.exportDataset},
		{method: http.MethodPut, path: "/api/v1/dataset", roles: admins, body: reflect.TypeFor[domain.Dataset](), long: true, summary: "de hele dataset vervangen (alles of niets)", handler: s.importDataset},

		{method: http.MethodPost, path: "/api/v1/basisrooster/expand", roles: planners, body: reflect.TypeFor[expandRequest](), summary: "basisrooster: diensten maken uit een sjabloon voor een periode", handler: s.expandTemplate},
		{method: http.MethodPost, path: "/api/v1/basisrooster/copy-week", roles: planners, body: reflect.TypeFor[copyRequest](), summary: "de diensten van een week naar een andere week kopiëren", handler: s.copyWeek},

		{method: http.MethodGet, path: "/api/v1/plans", roles: planAndHR, summary: "opgeslagen plannen", handler: s.listPlans},
		{method: http.MethodPost, path: "/api/v1/plans", roles: planners, body: reflect.TypeFor[planRequest](), long: true, summary: "een conceptplan maken voor een periode", handler: s.generatePlan},
		{method: http.MethodGet, path: "/api/v1/plans/{id}", roles: planAndHR, answer: reflect.TypeFor[domain.Plan](), summary: "een plan lezen", handler: s.getPlan},
		{method: http.MethodDelete, path: "/api/v1/plans/{id}", roles: planners, summary: "een plan verwijderen", handler: s.deletePlan},
		{method: http.MethodPost, ifMatch: true, path: "/api/v1/plans/{id}/assignments", roles: planners, body: reflect.TypeFor[changeRequest](), summary: "één toewijzing wijzigen, met controle (If-Match: de versie van het plan)", handler: s.changeAssignment},
		{method: http.MethodGet, path: "/api/v1/plans/{id}/assignments/{day}", roles: planAndHR, answer: reflect.TypeFor[dayAnswer](), summary: "de dag van één medewerker in het plan (medewerker~JJJJ-MM-DD), met een eigen ETag", handler: s.getDay},
		{method: http.MethodPut, path: "/api/v1/plans/{id}/assignments/{day}", roles: planners, body: reflect.TypeFor[dayRequest](), summary: "de dag van één medewerker wijzigen, met controle (If-Match: de versie van die dag)", handler: s.putDay},
		{method: http.MethodPost, serial: true, ifMatch: true, path: "/api/v1/plans/{id}/pins", roles: planners, body: reflect.TypeFor[pinRequest](), summary: "een toewijzing vastzetten", handler: s.pin},
		{method: http.MethodDelete, serial: true, path: "/api/v1/plans/{id}/pins/{pin}", roles: planners, summary: "een vastgezette toewijzing losmaken", handler: s.unpin},
		{method: http.MethodPost, serial: true, ifMatch: true, path: "/api/v1/plans/{id}/repair", roles: planners, long: true, summary: "het plan herstellen na wijzigingen", handler: s.repairPlan},
		{method: http.MethodPost, serial: true, ifMatch: true, path: "/api/v1/plans/{id}/publish", roles: planners, summary: "het plan publiceren", handler: s.publishPlan},

		{method: http.MethodGet, path: "/api/v1/quota", roles: quotaReaders, summary: "taakstelling beschut werk en Wsw-arbeidsjaren per gemeente (?year=&gemeente=&peildatum=)", handler: s.quotaReport},
		{method: http.MethodGet, path: "/api/v1/forecast", roles: quotaReaders, summary: "prognose Wsw en beschut werk (?baseYear=&years=&rate=&needWeeks=&gemeente=)", handler: s.forecast},

		{method: http.MethodGet, path: "/api/v1/plans/{id}/roster", roles: planAndHR, summary: "rooster als PDF (?kind=week|dagstaat|persoon|makkelijk&workplace=&employee=)", handler: s.roster},
		{method: http.MethodGet, path: "/api/v1/plans/{id}/hours", roles: people, summary: "gewerkte uren per persoon en dag als CSV voor de salarisadministratie", handler: s.hours},
		{method: http.MethodGet, path: "/api/v1/me/calendar.ics", roles: medewerker, queryToken: true, summary: "mijn rooster als agenda (iCalendar); ook als geheime link met ?token=", handler: s.calendar},

		{method: http.MethodGet, path: "/api/v1/audit", roles: people, summary: "het auditlog (JSON of ?format=csv)", handler: s.audit},
	}
	rs = append(rs, s.resourceRoutes()...)
	rs = append(rs, s.templateRoutes()...)
	rs = append(rs, s.adminRoutes()...)
	return rs
}

func (s *Server) metricsHandler(w http.ResponseWriter, r *http.Request) {
	s.metricsHTTP().ServeHTTP(w, r)
}

func slogLevel(status int) slog.Level {
	switch {
	case status >= 500:
		return slog.LevelError
	case status >= 400 && status != http.StatusNotModified:
		return slog.LevelWarn
	}
	return slog.LevelInfo
}

func urlUnescape(v string) (string, error) { return url.PathUnescape(v) }

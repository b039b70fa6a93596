package api

import (
	"net/http"
	"reflect"
	"slices"
	"strings"

	"github.com/gorilla/mux"

	"ploeg/domain"
)

// The stored basisrooster: shift templates as records of their own (ETag, If-Match, audit), and
// their expansion into shifts for a period.

const templatesPath = "/api/v1/basisrooster/templates"

// templateExpand asks for the shifts of one stored template from..to.
type templateExpand struct {
	From domain.Date `json:"from"`
	To   domain.Date `json:"to"`
}

// Validate checks the period.
func (q templateExpand) Validate() error {
	var p domain.Problems
	checkPeriod(&p, q.From, q.To)
	return p.Err("ongeldige periode")
}

// templateList is the answer of the list.
type templateList struct {
	Items []templateItem `json:"items"`
	Total int            `json:"total"`
}

// templateItem is a template in the list, with its version (its ETag).
type templateItem struct {
	Version int64                `json:"version"`
	Value   domain.ShiftTemplate `json:"value"`
}

func (s *Server) templateRoutes() []route {
	t := reflect.TypeFor[domain.ShiftTemplate]()
	return []route{
		{method: http.MethodGet, path: templatesPath, roles: staff, answer: reflect.TypeFor[templateList](), summary: "basisrooster: de opgeslagen sjablonen (?workplace=)", handler: s.listTemplates},
		{method: http.MethodPost, path: templatesPath, roles: planners, body: t, answer: t, summary: "basisrooster: nieuw sjabloon, bv. ma–vr 08:00–16:00 op verpakken-a, min 6 max 10", handler: s.createTemplate},
		{method: http.MethodGet, path: templatesPath + "/{id}", roles: staff, answer: t, summary: "basisrooster: één sjabloon (met ETag)", handler: s.getTemplate},
		{method: http.MethodPut, path: templatesPath + "/{id}", roles: planners, body: t, answer: t, summary: "basisrooster: sjabloon vervangen (If-Match vereist)", handler: s.replaceTemplate},
		{method: http.MethodDelete, path: templatesPath + "/{id}", roles: planners, summary: "basisrooster: sjabloon verwijderen (If-Match vereist)", handler: s.deleteTemplate},
		{method: http.MethodPost, path: templatesPath + "/{id}/expand", roles: planners, body: reflect.TypeFor[templateExpand](), summary: "basisrooster: de diensten van een sjabloon maken voor een periode (bestaande ids worden overgeslagen)", handler: s.expandStored},
	}
}

func (s *Server) listTemplates(w http.ResponseWriter, r *http.Request) {
	if err := onlyQuery(r, "workplace"); err != nil {
		writeProblem(w, r, s.log, err)
		return
	}
	all, err := domain.Templates(s.store).List(r.Context(), domain.ListOptions{})
	if err != nil {
		writeProblem(w, r, s.log, err)
		return
	}
	out := templateList{Items: []templateItem{}}
	wp := r.URL.Query().Get("workplace")
	for _, v := range all {
		if wp == "" || v.Value.Workplace == wp {
			out.Items = append(out.Items, templateItem{Version: v.Version, Value: v.Value})
		}
	}
	out.Total = len(out.Items)
	writeJSON(w, http.StatusOK, out)
}

func (s *Server) getTemplate(w http.ResponseWriter, r *http.Request) {
	v, err := domain.Templates(s.store).Get(r.Context(), mux.Vars(r)["id"])
	if err != nil {
		writeProblem(w, r, s.log, err)
		return
	}
	setETag(w, v.Version)
	writeJSON(w, http.StatusOK, v.Value)
}

// decodeTemplate reads a template and checks that its workplace exists.
func (s *Server) decodeTemplate(w http.ResponseWriter, r *http.Request) (domain.ShiftTemplate, bool) {
	var t domain.ShiftTemplate
	err := decode(w, r, &t)
	if err == nil {
		var ds *domain.Dataset
		if ds, _, err = s.sharedDataset(r.Context()); err == nil && !slices.ContainsFunc(ds.Workplaces, func(wp domain.Workplace) bool { return wp.ID == t.Workplace }) {
			var p domain.Problems
			p.Add("workplace", "reference", "werkplek %q bestaat niet; kies een bestaande werkplek", t.Workplace)
			err = p.Err("ongeldig sjabloon")
		}
	}
	if err != nil {
		writeProblem(w, r, s.log, err)
		return t, false
	}
	return t, true
}

func (s *Server) createTemplate(w http.ResponseWriter, r *http.Request) {
	t, ok := s.decodeTemplate(w, r)
	if !ok {
		return
	}
	v, err := domain.Templates(s.store).Create(r.Context(), t)
	if err != nil {
		writeProblem(w, r, s.log, err)
		return
	}
	setETag(w, v)
	w.Header().Set("Location", templatesPath+"/"+t.ID)
	writeJSON(w, http.StatusCreated, t)
}

func (s *Server) replaceTemplate(w http.ResponseWriter, r *http.Request) {
	id := mux.Vars(r)["id"]
	version, err := ifMatch(r)
	if err != nil {
		writeProblem(w, r, s.log, err)
		return
	}
	t, ok := s.decodeTemplate(w, r)
	if !ok {
		return
	}
	if t.ID != id {
		var p domain.Problems
		p.Add("id", "rule", "%q verschilt van de id %q in het pad; een id verander je niet", t.ID, id)
		writeProblem(w, r, s.log, p.Err("ongeldig sjabloon"))
		return
	}
	next, err := domain.Templates(s.store).Update(r.Context(), t, version)
	if err != nil {
		s.writeWriteError(w, r, domain.KindTemplate, "sjabloon", id, version, err)
		return
	}
	setETag(w, next)
	writeJSON(w, http.StatusOK, t)
}

func (s *Server) deleteTemplate(w http.ResponseWriter, r *http.Request) {
	id := mux.Vars(r)["id"]
	version, err := ifMatch(r)
	if err != nil {
		writeProblem(w, r, s.log, err)
		return
	}
	if err := domain.Templates(s.store).Delete(r.Context(), id, version); err != nil {
		s.writeWriteError(w, r, domain.KindTemplate, "sjabloon", id, version, err)
		return
	}
	w.WriteHeader(http.StatusNoContent)
}

// expandStored makes the shifts of a stored template for a period, like POST /basisrooster/expand.
func (s *Server) expandStored(w http.ResponseWriter, r *http.Request) {
	var q templateExpand
	if err := decode(w, r, &q); err != nil {
		writeProblem(w, r, s.log, err)
		return
	}
	t, err := domain.Templates(s.store).Get(r.Context(), mux.Vars(r)["id"])
	if err != nil {
		writeProblem(w, r, s.log, err)
		return
	}
	shifts := t.Value.Expand(q.From, q.To)
	if len(shifts) > maxExpand {
		var p domain.Problems
		p.Add("to", "range", "dit zou %d diensten maken; hoogstens %d per keer, neem een kortere periode", len(shifts), maxExpand)
		writeProblem(w, r, s.log, p.Err("ongeldige periode"))
		return
	}
	s.createShifts(w, r, shifts)
}

// onlyQuery refuses query parameters other than allowed.
func onlyQuery(r *http.Request, allowed ...string) error {
	var pr domain.Problems
	for key := range r.URL.Query() {
		if !slices.Contains(allowed, key) {
			pr.Add("query."+key, "unknown_field", "onbekende zoekparameter %q; gebruik %s", key, strings.Join(allowed, ", "))
		}
	}
	return pr.Err("ongeldige zoekvraag")
}

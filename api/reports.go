package api

import (
	"bytes"
	"errors"
	"fmt"
	"net/http"
	"slices"
	"strconv"
	"strings"

	"github.com/gorilla/mux"

	"ploeg/domain"
	"ploeg/reports"
)

// loadPlan reads a stored plan and the dataset, with the meta its printouts carry.
func (s *Server) loadPlan(r *http.Request, id string) (*domain.Dataset, domain.Versioned[domain.Plan], reports.Meta, error) {
	pv, err := domain.Plans(s.store).Get(r.Context(), id)
	if err != nil {
		return nil, pv, reports.Meta{}, err
	}
	ds, err := domain.LoadDataset(r.Context(), s.store)
	if err != nil {
		return nil, pv, reports.Meta{}, err
	}
	meta := reports.Meta{PrintedAt: s.cfg.Now(), Version: strconv.FormatInt(pv.Version, 10), Status: pv.Value.Status}
	return ds, pv, meta, nil
}

// rosterKinds are the printouts GET /api/v1/plans/{id}/roster makes.
var rosterKinds = []string{"week", "dagstaat", "persoon", "makkelijk"}

// roster answers a plan's printed roster as PDF: ?kind=week (per location, default), dagstaat,
// persoon or makkelijk, with ?workplace= and ?employee= to narrow it.
func (s *Server) roster(w http.ResponseWriter, r *http.Request) {
	qp := newQueryParams(r.URL.Query(), "kind", "workplace", "employee")
	kind := r.URL.Query().Get("kind")
	if kind == "" {
		kind = "week"
	}
	if !slices.Contains(rosterKinds, kind) {
		qp.pr.Add("query.kind", "enum", "%q is geen rooster; kies uit %s", kind, strings.Join(rosterKinds, ", "))
	}
	if err := qp.err(); err != nil {
		writeProblem(w, r, s.log, err)
		return
	}
	ds, pv, meta, err := s.loadPlan(r, mux.Vars(r)["id"])
	if err != nil {
		writeProblem(w, r, s.log, err)
		return
	}
	list := func(key string) []string {
		if v := r.URL.Query().Get(key); v != "" {
			return strings.Split(v, ",")
		}
		return nil
	}
	var buf bytes.Buffer
	p := &pv.Value
	switch kind {
	case "week":
		opts := reports.WeekOptions{}
		if wps := list("workplace"); wps != nil {
			opts = reports.WeekOptions{Group: reports.ByWorkplace, Workplaces: wps}
		}
		err = reports.WeekRoster(&buf, ds, p, meta, opts)
	case "dagstaat":
		err = reports.Dagstaat(&buf, ds, p, meta, reports.DagstaatOptions{Workplaces: list("workplace")})
	case "persoon":
		err = reports.PersonalWeek(&buf, ds, p, meta, reports.PersonOptions{Employees: list("employee")})
	case "makkelijk":
		err = reports.EasyWeek(&buf, ds, p, meta, reports.EasyOptions{Employees: list("employee")})
	}
	if err != nil {
		writeProblem(w, r, s.log, asInvalid(err))
		return
	}
	w.Header().Set("Content-Type", "application/pdf")
	w.Header().Set("Content-Disposition", fmt.Sprintf(`inline; filename="%s-%s.pdf"`, kind, pv.Value.Key()))
	setETag(w, pv.Version)
	_, _ = w.Write(buf.Bytes())
}

// asInvalid turns a renderer's refusal (an unknown workplace or employee) into invalid input.
func asInvalid(err error) error {
	var de *domain.Error
	if errors.As(err, &de) {
		return err
	}
	return &domain.Error{Code: domain.CodeInvalid, Message: err.Error(), Err: err}
}

// hours answers the plan's worked hours per person and day as CSV for payroll (semicolons).
func (s *Server) hours(w http.ResponseWriter, r *http.Request) {
	ds, pv, _, err := s.loadPlan(r, mux.Vars(r)["id"])
	if err != nil {
		writeProblem(w, r, s.log, err)
		return
	}
	rows, err := reports.Hours(ds, &pv.Value)
	if err != nil {
		writeProblem(w, r, s.log, asInvalid(err))
		return
	}
	var buf bytes.Buffer
	if err := reports.WriteHoursCSV(&buf, rows, nil); err != nil {
		writeProblem(w, r, s.log, err)
		return
	}
	w.Header().Set("Content-Type", "text/csv; charset=utf-8")
	w.Header().Set("Content-Disposition", fmt.Sprintf(`attachment; filename="uren-%s.csv"`, pv.Value.Key()))
	setETag(w, pv.Version)
	_, _ = w.Write(buf.Bytes())
}

// calendar answers the medewerker's calendar feed: their shifts in the latest published plan. A
// calendar app cannot send headers, so this route also takes the token as ?token= (the secret
// link); access logs record the path only, never the query.
func (s *Server) calendar(w http.ResponseWriter, r *http.Request) {
	p := principalFrom(r.Context())
	plans, err := domain.Plans(s.store).List(r.Context(), domain.ListOptions{})
	if err != nil {
		writeProblem(w, r, s.log, err)
		return
	}
	var latest *domain.Versioned[domain.Plan]
	for i, pv := range plans {
		if pv.Value.Status == domain.Gepubliceerd && (latest == nil || pv.Value.To > latest.Value.To) {
			latest = &plans[i]
		}
	}
	if latest == nil {
		writeProblem(w, r, s.log, domain.Errorf(domain.CodeNotFound, "er is nog geen gepubliceerd rooster; probeer het later opnieuw"))
		return
	}
	ds, pv, meta, err := s.loadPlan(r, latest.Value.Key())
	if err != nil {
		writeProblem(w, r, s.log, err)
		return
	}
	var buf bytes.Buffer
	opts := reports.ICSOptions{Employee: p.Employee, UIDDomain: reports.UIDDomain(ds.Organisation.Name), Sequence: pv.Version}
	if err := reports.ICS(&buf, ds, &pv.Value, meta, opts); err != nil {
		writeProblem(w, r, s.log, asInvalid(err))
		return
	}
	w.Header().Set("Content-Type", "text/calendar; charset=utf-8")
	w.Header().Set("Cache-Control", "private, no-store")
	_, _ = w.Write(buf.Bytes())
}

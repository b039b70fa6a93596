package api

import (
	"net/http"
	"strings"

	"github.com/gorilla/mux"

	"ploeg/domain"
)

// A person's day in a plan is a resource of its own, /api/v1/plans/{id}/assignments/{employee}~{date},
// with its own ETag: the plan version under which that day last changed (docs/ARCHITECTURE.md,
// "Versions of a plan"). Two planners changing different people's days of one plan do not make
// each other's versions stale; a change to the same day does.

// dayRequest puts the person of the path on shift ("" or left out: no shift that day).
type dayRequest struct {
	Shift      string `json:"shift" ploeg:"optional"`
	Werkleider string `json:"werkleider" ploeg:"optional"`
	Reason     string `json:"reason" ploeg:"optional"`
}

// Validate checks the reason's length.
func (q dayRequest) Validate() error {
	var p domain.Problems
	if len(q.Reason) > 1000 {
		p.Add("reason", "range", "houd de reden korter dan 1000 tekens")
	}
	return p.Err("ongeldige wijziging")
}

// dayAnswer is a person's day with its version and the plan's.
type dayAnswer struct {
	Plan        string      `json:"plan"`
	PlanVersion int64       `json:"planVersion"`
	Employee    string      `json:"employee"`
	Date        domain.Date `json:"date"`
	Shift       string      `json:"shift"`
	Werkleider  string      `json:"werkleider,omitempty"`
	Version     int64       `json:"version"`
}

// planRange returns the range of plan id (from~to); a malformed id names no plan.
func planRange(id string) (domain.Date, domain.Date, error) {
	f, t, _ := strings.Cut(id, "~")
	from, err1 := domain.ParseDate(f)
	to, err2 := domain.ParseDate(t)
	if err1 != nil || err2 != nil {
		return 0, 0, domain.Errorf(domain.CodeNotFound, "plan %q bestaat niet; een plan heet van~tot, bv. 2026-11-30~2026-12-04", id)
	}
	return from, to, nil
}

// dayParam reads {day} = employee~date from the path; the employee must exist and the date lie in
// the plan id.
func dayParam(r *http.Request, ds *domain.Dataset, id string) (string, domain.Date, error) {
	from, to, err := planRange(id)
	if err != nil {
		return "", 0, err
	}
	raw := mux.Vars(r)["day"]
	employee, ds2, ok := strings.Cut(raw, "~")
	var pr domain.Problems
	d, err := domain.ParseDate(ds2)
	switch {
	case !ok || employee == "":
		pr.Add("path.day", "format", "%q is geen dag van een medewerker; gebruik medewerker~JJJJ-MM-DD, bv. e0001~2026-11-30", raw)
	case err != nil:
		pr.Add("path.day", "format", "%q is geen datum; gebruik JJJJ-MM-DD", ds2)
	case findBy(ds.Employees, func(e domain.Employee) bool { return e.ID == employee }) == nil:
		return "", 0, domain.Errorf(domain.CodeNotFound, "medewerker %q bestaat niet", employee)
	case d < from || d > to:
		return "", 0, domain.Errorf(domain.CodeNotFound, "%s valt buiten het plan (%s t/m %s)", d, from, to)
	}
	return employee, d, pr.Err("ongeldige dag")
}

// currentPlan returns plan id as stored, decoded once per version.
func (s *Server) currentPlan(r *http.Request, id string) (domain.Plan, int64, error) {
	if vr, ok := s.store.(domain.VersionReader); ok {
		v, err := vr.Version(r.Context(), domain.KindPlan, id)
		if err != nil {
			return domain.Plan{}, 0, err
		}
		if c, ok := s.planDecoded.Load(id); ok && c.(*decodedPlan).version == v {
			return c.(*decodedPlan).plan, v, nil
		}
	}
	rec, err := s.store.Get(r.Context(), domain.KindPlan, id)
	if err != nil {
		return domain.Plan{}, 0, err
	}
	p, err := s.decodePlan(id, rec)
	return p, rec.Version, err
}

// dayTarget is the person's day a request names, in the plan as stored.
type dayTarget struct {
	id       string
	plan     domain.Plan
	version  int64
	ds       *domain.Dataset
	employee string
	date     domain.Date
}

// loadDay reads the day the path names, and with withPlan the plan as stored; it answers the
// request itself when it cannot.
func (s *Server) loadDay(w http.ResponseWriter, r *http.Request, withPlan bool) (dayTarget, bool) {
	t := dayTarget{id: mux.Vars(r)["id"]}
	var err error
	if withPlan {
		t.plan, t.version, err = s.currentPlan(r, t.id)
	}
	if err == nil {
		if t.ds, _, err = s.sharedDataset(r.Context()); err == nil {
			t.employee, t.date, err = dayParam(r, t.ds, t.id)
		}
	}
	if err != nil {
		writeProblem(w, r, s.log, err)
		return t, false
	}
	return t, true
}

// getDay answers a person's day in a plan with its own ETag.
func (s *Server) getDay(w http.ResponseWriter, r *http.Request) {
	t, ok := s.loadDay(w, r, true)
	if !ok {
		return
	}
	v := day(&t.plan, t.employee, t.date, shiftOn(t.ds, &t.plan, t.employee, t.date))
	dv := t.plan.AssignmentVersion(t.version, t.employee, t.date)
	setETag(w, dv)
	writeJSON(w, http.StatusOK, dayAnswer{Plan: t.id, PlanVersion: t.version, Employee: v.Employee, Date: v.Date, Shift: v.Shift,
		Werkleider: v.Werkleider, Version: dv})
}

// putDay changes a person's day in a plan; If-Match names the day's version, so changes to other
// people's days in between do not make it stale.
func (s *Server) putDay(w http.ResponseWriter, r *http.Request) {
	var q dayRequest
	version, ok := decodeWrite(s, w, r, &q)
	if !ok {
		return
	}
	t, ok := s.loadDay(w, r, false) // the plan is read by the write
	if !ok {
		return
	}
	pc := &pendingChange{req: changeRequest{Employee: t.employee, Shift: q.Shift, Date: &t.date, Werkleider: q.Werkleider, Reason: q.Reason},
		date: t.date, version: version, perDay: true, actor: principalFrom(r.Context()).Actor()}
	s.submitChange(t.id, pc)
	if s.changeRefused(w, r, "de dag van "+t.employee+" in plan", t.id, pc) {
		return
	}
	v := day(&pc.plan, t.employee, t.date, pc.change.To)
	setETag(w, pc.stored)
	writeJSON(w, http.StatusOK, map[string]any{"plan": t.id, "planVersion": pc.stored, "employee": t.employee, "date": t.date,
		"shift": v.Shift, "werkleider": v.Werkleider, "version": pc.stored, "change": pc.change, "score": pc.plan.Score})
}

// decodeWrite decodes a change's body into v and reads its If-Match; it answers the request itself
// when either is wrong.
func decodeWrite[T any](s *Server, w http.ResponseWriter, r *http.Request, v *T) (int64, bool) {
	if err := decode(w, r, v); err != nil {
		writeProblem(w, r, s.log, err)
		return 0, false
	}
	version, err := ifMatch(r)
	if err != nil {
		writeProblem(w, r, s.log, err)
		return 0, false
	}
	return version, true
}

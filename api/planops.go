package api

import (
	"context"
	"fmt"
	"net/http"
	"slices"
	"strings"
	"time"

	"github.com/gorilla/mux"

	"ploeg/domain"
	"ploeg/scheduler"
)

// pinRequest names the assignment to pin.
type pinRequest struct {
	Employee string `json:"employee"`
	Shift    string `json:"shift"`
	Reason   string `json:"reason" ploeg:"optional"`
}

// Validate checks that both are named.
func (q pinRequest) Validate() error {
	var p domain.Problems
	if q.Employee == "" {
		p.Add("employee", "required", "noem de medewerker")
	}
	if q.Shift == "" {
		p.Add("shift", "required", "noem de dienst")
	}
	return p.Err("ongeldige vastzetting")
}

// pin fixes an assignment of the plan, so that every later plan and repair keeps it (H10).
func (s *Server) pin(w http.ResponseWriter, r *http.Request) {
	var q pinRequest
	if err := decode(w, r, &q); err != nil {
		writeProblem(w, r, s.log, err)
		return
	}
	pc, ok := s.loadForChange(w, r)
	if !ok {
		return
	}
	cur := pc.cur
	if !slices.Contains(cur.Value.Assignments, domain.Assignment{Employee: q.Employee, Shift: q.Shift}) {
		writeProblem(w, r, s.log, domain.Errorf(domain.CodeConflict,
			"%s staat in dit plan niet op dienst %s; wijs eerst toe (POST …/assignments) en zet dan vast", q.Employee, q.Shift))
		return
	}
	ctx := domain.WithActor(r.Context(), domain.Actor{Name: principalFrom(r.Context()).Actor(), Reason: q.Reason})
	if _, err := domain.Pins(s.store).Create(ctx, domain.Pin{Employee: q.Employee, Shift: q.Shift}); err != nil {
		writeProblem(w, r, s.log, err)
		return
	}
	s.recordChange(w, r.WithContext(ctx), cur, domain.PlanChange{Action: "pin", Employee: q.Employee, To: q.Shift, Reason: q.Reason})
}

// unpin releases a pinned assignment; the plan keeps the assignment itself.
func (s *Server) unpin(w http.ResponseWriter, r *http.Request) {
	pc, ok := s.loadForChange(w, r)
	if !ok {
		return
	}
	cur := pc.cur
	key := mux.Vars(r)["pin"]
	ctx := r.Context()
	pins := domain.Pins(s.store)
	pn, err := pins.Get(ctx, key)
	if err != nil {
		writeProblem(w, r, s.log, err)
		return
	}
	if err := pins.Delete(ctx, key, pn.Version); err != nil {
		writeProblem(w, r, s.log, err)
		return
	}
	s.recordChange(w, r, cur, domain.PlanChange{Action: "unpin", Employee: pn.Value.Employee, From: pn.Value.Shift, Reason: reasonHeader(r)})
}

// recordChange adds ch to the plan's change list and stores the plan.
func (s *Server) recordChange(w http.ResponseWriter, r *http.Request, cur domain.Versioned[domain.Plan], ch domain.PlanChange) {
	ch.Time = s.cfg.Now().UTC()
	ch.Actor = principalFrom(r.Context()).Actor()
	ch.AfterPublication = cur.Value.Published > 0
	p := cur.Value
	p.AddChange(ch)
	s.savePlan(w, r, cur, p, map[string]any{"change": ch})
}

// repairPlan makes the stored plan valid again after changes to the dataset (a ziekmelding, a
// changed shift), moving as few assignments as it can; ?dryRun=true only proposes.
func (s *Server) repairPlan(w http.ResponseWriter, r *http.Request) {
	dry := r.URL.Query().Get("dryRun") == "true"
	pc, ok := s.loadForChange(w, r)
	if !ok {
		return
	}
	cur := pc.cur
	// The planner gets a dataset of its own, not the shared snapshot.
	ds, err := domain.LoadDataset(r.Context(), s.store)
	if err != nil {
		writeProblem(w, r, s.log, err)
		return
	}
	ctx, cancel := context.WithTimeout(r.Context(), s.cfg.PlanTimeLimit+5*time.Second)
	defer cancel()
	next, rep, err := scheduler.Repair(ctx, ds, cur.Value, scheduler.Changes{}, scheduler.RepairOptions{Options: scheduler.Options{TimeLimit: s.cfg.PlanTimeLimit}})
	if err != nil {
		writeProblem(w, r, s.log, err)
		return
	}
	if dry {
		setETag(w, cur.Version)
		writeJSON(w, http.StatusOK, map[string]any{"id": cur.Value.Key(), "version": cur.Version, "proposal": next, "report": rep, "diff": diff(cur.Value, next)})
		return
	}
	next.Status, next.Published, next.Changes, next.EarlierChanges = cur.Value.Status, cur.Value.Published, cur.Value.Changes, cur.Value.EarlierChanges
	ch := domain.PlanChange{Action: "repair", Reason: fmt.Sprintf("%d toewijzingen gewijzigd, %d vervallen, %d toegevoegd", rep.Changed, len(rep.Broken), rep.Added)}
	ch.Time, ch.Actor, ch.AfterPublication = s.cfg.Now().UTC(), principalFrom(r.Context()).Actor(), cur.Value.Published > 0
	next.AddChange(ch)
	s.savePlan(w, r, cur, next, map[string]any{"report": rep})
}

// publishPlan publishes a plan that keeps every hard rule: its published version goes up by one.
func (s *Server) publishPlan(w http.ResponseWriter, r *http.Request) {
	pc, ok := s.loadForChange(w, r)
	if !ok {
		return
	}
	cur := pc.cur
	rep, err := scheduler.Check(pc.ds, &cur.Value)
	if err != nil {
		writeProblem(w, r, s.log, err)
		return
	}
	if !rep.Valid() {
		writeProblemDoc(w, (&ruleError{violations: rep.Violations}).forRole(principalFrom(r.Context()).Role, pc.ds).problem())
		return
	}
	p := cur.Value
	p.Status = domain.Gepubliceerd
	p.Published++
	ch := domain.PlanChange{Action: "publish", Reason: fmt.Sprintf("gepubliceerde versie %d", p.Published)}
	ch.Time, ch.Actor = s.cfg.Now().UTC(), principalFrom(r.Context()).Actor()
	p.AddChange(ch)
	s.savePlan(w, r, cur, p, nil)
}

// planDiff is what a repair would change.
type planDiff struct {
	Removed []domain.Assignment `json:"removed"`
	Added   []domain.Assignment `json:"added"`
}

func diff(a, b domain.Plan) planDiff {
	d := planDiff{Removed: []domain.Assignment{}, Added: []domain.Assignment{}}
	in := func(list []domain.Assignment) map[domain.Assignment]bool {
		m := make(map[domain.Assignment]bool, len(list))
		for _, x := range list {
			m[x] = true
		}
		return m
	}
	ina, inb := in(a.Assignments), in(b.Assignments)
	for _, x := range a.Assignments {
		if !inb[x] {
			d.Removed = append(d.Removed, x)
		}
	}
	for _, x := range b.Assignments {
		if !ina[x] {
			d.Added = append(d.Added, x)
		}
	}
	return d
}

// repairProposal is what a ziekmelding means for one stored plan; nothing is applied.
type repairProposal struct {
	Plan        string                 `json:"plan"`
	PlanVersion int64                  `json:"planVersion"`
	Report      scheduler.RepairReport `json:"report"`
	Diff        planDiff               `json:"diff"`
	Score       domain.Score           `json:"score"`
	Apply       string                 `json:"apply"`
}

// ziekmelding answers a new absence of kind ziek with a repair proposal for every stored plan in
// which the person works during the absence. before is the dataset without the absence.
func ziekmelding(s *Server, ctx context.Context, before *domain.Dataset, a domain.Absence) (map[string]any, error) {
	if a.Kind != domain.Ziek {
		return nil, nil
	}
	plans, err := domain.Plans(s.store).List(ctx, domain.ListOptions{})
	if err != nil {
		return nil, err
	}
	shiftDate := map[string]domain.Date{}
	for _, sh := range before.Shifts {
		shiftDate[sh.ID] = sh.Date
	}
	out := []repairProposal{}
	for _, pv := range plans {
		p := pv.Value
		if p.To < a.From || p.From > a.To {
			continue
		}
		affected := slices.ContainsFunc(p.Assignments, func(x domain.Assignment) bool {
			d, ok := shiftDate[x.Shift]
			return ok && (x.Employee == a.Person) && a.Covers(d)
		}) || slices.ContainsFunc(p.Supervision, func(x domain.Supervision) bool {
			d, ok := shiftDate[x.Shift]
			return ok && x.Werkleider == a.Person && a.Covers(d)
		})
		if !affected {
			continue
		}
		rctx, cancel := context.WithTimeout(ctx, s.cfg.PlanTimeLimit)
		next, rep, err := scheduler.Repair(rctx, before, p, scheduler.Changes{Absences: []domain.Absence{a}},
			scheduler.RepairOptions{Options: scheduler.Options{TimeLimit: min(s.cfg.PlanTimeLimit, 5*time.Second)}})
		cancel()
		if err != nil {
			return nil, err
		}
		out = append(out, repairProposal{Plan: p.Key(), PlanVersion: pv.Version, Report: rep, Diff: diff(p, next), Score: next.Score,
			Apply: fmt.Sprintf("POST /api/v1/plans/%s/repair met If-Match: %s", p.Key(), strings.Trim(etag(pv.Version), `"`))})
	}
	return map[string]any{"repairProposals": out}, nil
}

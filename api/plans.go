package api

import (
	"bytes"
	"compress/gzip"
	"context"
	"fmt"
	"net/http"
	"slices"
	"strconv"
	"strings"
	"sync"
	"time"

	"github.com/gorilla/mux"

	"ploeg/domain"
	"ploeg/scheduler"
)

// Violation is a hard rule a plan change would break.
type Violation = scheduler.Violation

// Warning is a soft matter of a plan change: allowed, but only with a reason.
type Warning struct {
	Code    string `json:"code"`
	Message string `json:"message"`
}

// planSummary is a plan in a list.
type planSummary struct {
	ID          string            `json:"id"`
	Version     int64             `json:"version"`
	From        domain.Date       `json:"from"`
	To          domain.Date       `json:"to"`
	Status      domain.PlanStatus `json:"status"`
	Published   int               `json:"published"`
	Assignments int               `json:"assignments"`
	Score       domain.Score      `json:"score"`
}

func (s *Server) listPlans(w http.ResponseWriter, r *http.Request) {
	plans, err := domain.Plans(s.store).List(r.Context(), domain.ListOptions{})
	if err != nil {
		writeProblem(w, r, s.log, err)
		return
	}
	out := []planSummary{}
	for _, p := range plans {
		v := p.Value
		out = append(out, planSummary{ID: v.Key(), Version: p.Version, From: v.From, To: v.To, Status: planStatus(v),
			Published: v.Published, Assignments: len(v.Assignments), Score: v.Score})
	}
	writeJSON(w, http.StatusOK, map[string]any{"items": out, "total": len(out)})
}

func planStatus(p domain.Plan) domain.PlanStatus {
	if p.Status == "" {
		return domain.Concept
	}
	return p.Status
}

// planRequest asks for a new draft plan.
type planRequest struct {
	From             domain.Date `json:"from"`
	To               domain.Date `json:"to"`
	Seed             uint64      `json:"seed" ploeg:"optional"`
	Effort           float64     `json:"effort" ploeg:"optional"`
	TimeLimitSeconds float64     `json:"timeLimitSeconds" ploeg:"optional"`
}

// Validate checks the range and the limits.
func (q planRequest) Validate() error {
	var p domain.Problems
	if q.To < q.From {
		p.Add("to", "range", "%s ligt vóór from %s", q.To, q.From)
	} else if q.To-q.From > 62 {
		p.Add("to", "range", "een plan beslaat hoogstens 63 dagen; maak er meer")
	}
	if q.Effort < 0 || q.Effort > 20 {
		p.Add("effort", "range", "kies een factor van 0 tot en met 20")
	}
	if q.TimeLimitSeconds < 0 {
		p.Add("timeLimitSeconds", "range", "mag niet negatief zijn")
	}
	return p.Err("ongeldige planvraag")
}

func (s *Server) generatePlan(w http.ResponseWriter, r *http.Request) {
	ctx := r.Context()
	var q planRequest
	if err := decode(w, r, &q); err != nil {
		writeProblem(w, r, s.log, err)
		return
	}
	limit := s.cfg.PlanTimeLimit
	if q.TimeLimitSeconds > 0 {
		limit = min(limit, time.Duration(q.TimeLimitSeconds*float64(time.Second)))
	}
	id := domain.PlanKey(q.From, q.To)
	existing, err := domain.Plans(s.store).Get(ctx, id)
	replace := err == nil
	if err != nil && domain.ErrorCode(err) != domain.CodeNotFound {
		writeProblem(w, r, s.log, err)
		return
	}
	var version int64
	if replace {
		if r.Header.Get("If-Match") == "" {
			writeProblem(w, r, s.log, domain.Errorf(domain.CodeConflict,
				"er is al een plan %s; stuur If-Match met zijn ETag om het te vervangen, of herstel het met POST /api/v1/plans/%s/repair", id, id))
			return
		}
		if version, err = ifMatch(r); err != nil {
			writeProblem(w, r, s.log, err)
			return
		}
		if version != existing.Version {
			writeStale(w, r, s, "plan", id, version, existing.Version)
			return
		}
	}
	ds, err := domain.LoadDataset(ctx, s.store)
	if err != nil {
		writeProblem(w, r, s.log, err)
		return
	}
	runCtx, cancel := context.WithTimeout(ctx, limit+5*time.Second)
	defer cancel()
	p, stats, err := scheduler.PlanWithStats(runCtx, ds, q.From, q.To, scheduler.Options{TimeLimit: limit, Seed: q.Seed, Effort: q.Effort, Progress: planProgress(ctx)})
	if err != nil {
		writeProblem(w, r, s.log, err)
		return
	}
	p.Status = domain.Concept
	plans := domain.Plans(s.store)
	var next int64
	if replace {
		p.Published = existing.Value.Published
		p.Changes, p.EarlierChanges = existing.Value.Changes, existing.Value.EarlierChanges
		next, err = plans.Update(ctx, p, version)
	} else {
		next, err = plans.Create(ctx, p)
	}
	if err != nil {
		s.writeWriteError(w, r, domain.KindPlan, "plan", id, version, err)
		return
	}
	setETag(w, next)
	w.Header().Set("Location", "/api/v1/plans/"+id)
	status := http.StatusCreated
	if replace {
		status = http.StatusOK
	}
	writeJSON(w, status, map[string]any{"id": id, "version": next, "plan": p, "stats": stats})
}

// writeWriteError answers a failed write of kind/id at version: a conflict on a record that still
// exists at another version is a stale version (412 with the current one).
func (s *Server) writeWriteError(w http.ResponseWriter, r *http.Request, kind domain.Kind, noun, id string, version int64, err error) {
	if domain.ErrorCode(err) == domain.CodeConflict {
		if rec, gerr := s.store.Get(r.Context(), kind, id); gerr == nil && rec.Version != version {
			writeStale(w, r, s, noun, id, version, rec.Version)
			return
		}
	}
	writeProblem(w, r, s.log, err)
}

// planCacheEntry is a plan's JSON as last served, and its gzipped form once asked for.
type planCacheEntry struct {
	version int64
	body    []byte
	once    sync.Once
	gzipped []byte
}

// getPlan serves a stored plan with its ETag and answers If-None-Match with 304. When the store
// can tell a record's version without reading it, an unchanged plan is served from memory: a week
// plan of a region is a few hundred kilobytes, read far more often than it changes.
func (s *Server) getPlan(w http.ResponseWriter, r *http.Request) {
	id := mux.Vars(r)["id"]
	w.Header().Set("Cache-Control", "private, no-cache")
	if vr, ok := s.store.(domain.VersionReader); ok {
		v, err := vr.Version(r.Context(), domain.KindPlan, id)
		if err != nil {
			writeProblem(w, r, s.log, err)
			return
		}
		if s.notModified(w, r, v) {
			return
		}
		if c, ok := s.planCache.Load(id); ok && c.(*planCacheEntry).version == v {
			c.(*planCacheEntry).write(w, r)
			return
		}
	}
	rec, err := s.store.Get(r.Context(), domain.KindPlan, id)
	if err != nil {
		writeProblem(w, r, s.log, err)
		return
	}
	if s.notModified(w, r, rec.Version) {
		return
	}
	// The stored record is the plan's JSON already: it is served as it is.
	c := &planCacheEntry{version: rec.Version, body: rec.Data}
	s.planCache.Store(id, c)
	c.write(w, r)
}

// notModified sets the ETag of version and answers 304 when If-None-Match names it.
func (s *Server) notModified(w http.ResponseWriter, r *http.Request, version int64) bool {
	tag := etag(version)
	w.Header().Set("ETag", tag)
	if inm := r.Header.Get("If-None-Match"); inm != "" && (etagListHas(inm, tag) || etagListHas(inm, gzipETag(version))) {
		w.WriteHeader(http.StatusNotModified)
		return true
	}
	return false
}

// write serves the plan, gzipped (made once per version) when the client accepts it. The gzipped
// form has its own strong ETag, "<version>-gzip", as RFC 9110 asks of another content coding.
func (c *planCacheEntry) write(w http.ResponseWriter, r *http.Request) {
	h := w.Header()
	h.Set("Content-Type", "application/json")
	h.Set("Vary", "Accept-Encoding")
	body := c.body
	if strings.Contains(r.Header.Get("Accept-Encoding"), "gzip") {
		c.once.Do(func() {
			var buf bytes.Buffer
			zw, _ := gzip.NewWriterLevel(&buf, gzip.BestSpeed)
			_, _ = zw.Write(c.body)
			if zw.Close() == nil {
				c.gzipped = buf.Bytes()
			}
		})
		if c.gzipped != nil {
			body = c.gzipped
			h.Set("Content-Encoding", "gzip")
			h.Set("ETag", gzipETag(c.version))
		}
	}
	h.Set("Content-Length", strconv.Itoa(len(body)))
	_, _ = w.Write(body)
}

func gzipETag(version int64) string { return `"` + strconv.FormatInt(version, 10) + `-gzip"` }

func etagListHas(list, tag string) bool {
	for t := range strings.SplitSeq(list, ",") {
		t = strings.TrimPrefix(strings.TrimSpace(t), "W/")
		if t == tag || t == "*" {
			return true
		}
	}
	return false
}

func (s *Server) deletePlan(w http.ResponseWriter, r *http.Request) {
	version, err := ifMatch(r)
	if err != nil {
		writeProblem(w, r, s.log, err)
		return
	}
	id := mux.Vars(r)["id"]
	if err := domain.Plans(s.store).Delete(r.Context(), id, version); err != nil {
		s.writeWriteError(w, r, domain.KindPlan, "plan", id, version, err)
		return
	}
	w.WriteHeader(http.StatusNoContent)
}

// planChange is what a plan change works on: the plan as loaded, and the dataset (shared: read
// only).
type planChange struct {
	cur domain.Versioned[domain.Plan]
	ds  *domain.Dataset
}

// loadForChange reads the plan named in the path, checks If-Match against it and reads the dataset.
func (s *Server) loadForChange(w http.ResponseWriter, r *http.Request) (planChange, bool) {
	version, err := ifMatch(r)
	if err != nil {
		writeProblem(w, r, s.log, err)
		return planChange{}, false
	}
	id := mux.Vars(r)["id"]
	if vr, ok := s.store.(domain.VersionReader); ok {
		// A stale write is refused before the plan (hundreds of kilobytes) is read.
		if now, err := vr.Version(r.Context(), domain.KindPlan, id); err == nil && now != version {
			writeStale(w, r, s, "plan", id, version, now)
			return planChange{}, false
		}
	}
	cur, err := domain.Plans(s.store).Get(r.Context(), id)
	if err != nil {
		writeProblem(w, r, s.log, err)
		return planChange{}, false
	}
	if cur.Version != version {
		writeStale(w, r, s, "plan", id, version, cur.Version)
		return planChange{}, false
	}
	ds, _, err := s.sharedDataset(r.Context())
	if err != nil {
		writeProblem(w, r, s.log, err)
		return planChange{}, false
	}
	return planChange{cur: cur, ds: ds}, true
}

// savePlan stores p over the version loaded and answers with a summary and the new ETag (the plan
// itself is a GET away: a week of a region is a few hundred kilobytes).
func (s *Server) savePlan(w http.ResponseWriter, r *http.Request, cur domain.Versioned[domain.Plan], p domain.Plan, extra map[string]any) bool {
	id := p.Key()
	// A whole-plan write: every day's version becomes the plan's new version.
	p.AssignmentsSince, p.DayVersions = 0, nil
	next, err := domain.Plans(s.store).Update(r.Context(), p, cur.Version)
	if err != nil {
		s.writeWriteError(w, r, domain.KindPlan, "plan", id, cur.Version, err)
		return false
	}
	setETag(w, next)
	out := map[string]any{"id": id, "version": next, "status": planStatus(p), "published": p.Published,
		"score": p.Score, "assignments": len(p.Assignments), "changes": p.ChangeCount()}
	for k, v := range extra {
		out[k] = v
	}
	writeJSON(w, http.StatusOK, out)
	return true
}

// changeRequest changes one assignment: the employee works shift, or (shift "") has no shift on date.
type changeRequest struct {
	Employee   string       `json:"employee"`
	Shift      string       `json:"shift" ploeg:"optional"`
	Date       *domain.Date `json:"date" ploeg:"optional"`
	Werkleider string       `json:"werkleider" ploeg:"optional"`
	Reason     string       `json:"reason" ploeg:"optional"`
}

// Validate checks that the request names a shift or a date.
func (c changeRequest) Validate() error {
	var p domain.Problems
	if c.Employee == "" {
		p.Add("employee", "required", "noem de medewerker")
	}
	if c.Shift == "" && c.Date == nil {
		p.Add("shift", "required", "noem de dienst, of geef date zonder dienst om iemand die dag van zijn dienst te halen")
	}
	if len(c.Reason) > 1000 {
		p.Add("reason", "range", "houd de reden korter dan 1000 tekens")
	}
	return p.Err("ongeldige wijziging")
}

func (s *Server) changeAssignment(w http.ResponseWriter, r *http.Request) {
	var c changeRequest
	version, ok := decodeWrite(s, w, r, &c)
	if !ok {
		return
	}
	id := mux.Vars(r)["id"]
	if vr, ok := s.store.(domain.VersionReader); ok {
		// A stale change is refused before it waits for the plan's next write.
		if now, err := vr.Version(r.Context(), domain.KindPlan, id); err == nil && now != version {
			writeStale(w, r, s, "plan", id, version, now)
			return
		}
	}
	pc := &pendingChange{req: c, version: version, actor: principalFrom(r.Context()).Actor()}
	s.submitChange(id, pc)
	if s.changeRefused(w, r, "plan", id, pc) {
		return
	}
	p := pc.plan
	setETag(w, pc.stored)
	writeJSON(w, http.StatusOK, map[string]any{"id": id, "version": pc.stored, "status": planStatus(p), "published": p.Published,
		"score": p.Score, "assignments": len(p.Assignments), "changes": p.ChangeCount(), "change": pc.change})
}

// changeRefused answers a queued change that was not made (412, a hard rule, a missing reason, an
// error) and reports whether it did.
func (s *Server) changeRefused(w http.ResponseWriter, r *http.Request, noun, id string, pc *pendingChange) bool {
	switch he, isRule := pc.err.(*ruleError); {
	case pc.current != 0:
		writeStale(w, r, s, noun, id, pc.version, pc.current)
	case isRule:
		ds, _, err := s.sharedDataset(r.Context())
		if err != nil {
			writeProblem(w, r, s.log, err)
			return true
		}
		writeProblemDoc(w, he.forRole(principalFrom(r.Context()).Role, ds).problem())
	case pc.err != nil:
		writeProblem(w, r, s.log, pc.err)
	default:
		return false
	}
	return true
}

// ruleError refuses a plan change: hard rules broken (409) or soft matters without a reason (422).
type ruleError struct {
	violations []Violation
	warnings   []Warning
}

func (e *ruleError) Error() string { return "plan change refused" }

// forRole hides which restriction a broken H4 is about from everyone but HR and the beheerder: they
// read that the person is not suitable, never why (DOMAIN.md, privacy).
func (e *ruleError) forRole(role domain.Role, ds *domain.Dataset) *ruleError {
	if role == domain.RoleHR || role == domain.RoleAdmin {
		return e
	}
	out := &ruleError{warnings: e.warnings}
	for _, v := range e.violations {
		if v.Rule == "H4" {
			name := v.Employee
			if emp := findBy(ds.Employees, func(x domain.Employee) bool { return x.ID == v.Employee }); emp != nil && emp.Name != "" {
				name = emp.Name
			}
			v.Message = name + " is niet geschikt voor deze dienst"
		}
		out.violations = append(out.violations, v)
	}
	return out
}

func (e *ruleError) problem() Problem {
	if len(e.violations) > 0 {
		var rules []string
		for _, v := range e.violations {
			rules = append(rules, v.String())
		}
		return Problem{Type: "urn:ploeg:problem:hard_rule", Title: "Harde regel", Status: http.StatusConflict, Code: "hard_rule",
			Detail: "deze wijziging breekt een harde regel en is niet gedaan: " + strings.Join(rules, "; "), Violations: e.violations}
	}
	var msgs []string
	for _, w := range e.warnings {
		msgs = append(msgs, w.Message)
	}
	return Problem{Type: "urn:ploeg:problem:reason_required", Title: "Reden nodig", Status: http.StatusUnprocessableEntity,
		Code: "reason_required", Warnings: e.warnings,
		Detail: "deze wijziging mag, maar alleen met een reden (veld reason): " + strings.Join(msgs, "; "),
		Errors: []domain.FieldError{{Field: "reason", Rule: "required", Message: "geef een reden; die wordt in het auditlog bewaard"}}}
}

// violationKey identifies a violation without its wording, which may hold changing figures.
func violationKey(v Violation) string {
	return v.Rule + "|" + v.Employee + "|" + v.Werkleider + "|" + v.Shift + "|" + v.Date.String()
}

// applyChange returns plan p with the change c made, checked against the hard rules (only
// violations the change brings count) and the soft matters (which need a reason).
func applyChange(ds *domain.Dataset, p domain.Plan, c changeRequest) (domain.Plan, domain.PlanChange, error) {
	var pr domain.Problems
	emp := findBy(ds.Employees, func(e domain.Employee) bool { return e.ID == c.Employee })
	if emp == nil {
		pr.Add("employee", "reference", "medewerker %q bestaat niet", c.Employee)
	}
	var sh *domain.Shift
	date := domain.Date(0)
	if c.Date != nil {
		date = *c.Date
	}
	if c.Shift != "" {
		if sh = findBy(ds.Shifts, func(x domain.Shift) bool { return x.ID == c.Shift }); sh == nil {
			pr.Add("shift", "reference", "dienst %q bestaat niet", c.Shift)
		} else {
			if c.Date != nil && *c.Date != sh.Date {
				pr.Add("date", "rule", "de dienst is op %s, niet op %s; laat date weg", sh.Date, *c.Date)
			}
			date = sh.Date
		}
	}
	if pr.Len() == 0 && (date < p.From || date > p.To) {
		pr.Add("shift", "range", "%s valt buiten het plan (%s t/m %s)", date, p.From, p.To)
	}
	if err := pr.Err("de wijziging past niet bij de dataset of het plan"); err != nil {
		return p, domain.PlanChange{}, err
	}
	shiftOf := shiftsByID(ds)
	next := p
	next.Assignments = make([]domain.Assignment, 0, len(p.Assignments)+1)
	prevShift := ""
	for _, a := range p.Assignments {
		if a.Employee == c.Employee {
			if s := shiftOf[a.Shift]; s != nil && s.Date == date {
				prevShift = a.Shift
				continue
			}
		}
		next.Assignments = append(next.Assignments, a)
	}
	change := domain.PlanChange{Action: "assign", Employee: c.Employee, Date: &date, From: prevShift, To: c.Shift, Reason: c.Reason}
	if prevShift == c.Shift {
		if c.Shift == "" {
			return p, change, domain.Errorf(domain.CodeConflict, "%s heeft op %s al geen dienst; er is niets veranderd", c.Employee, date)
		}
		return p, change, domain.Errorf(domain.CodeConflict, "%s staat al op dienst %q; er is niets veranderd", c.Employee, c.Shift)
	}
	if sh != nil {
		next.Assignments = append(next.Assignments, domain.Assignment{Employee: c.Employee, Shift: c.Shift})
	}
	count := make(map[string]int, len(p.Supervision)+8)
	for _, a := range next.Assignments {
		count[a.Shift]++
	}
	// Supervision: drop the werkleider of a shift left empty; give a shift that needs one a werkleider.
	next.Supervision = slices.DeleteFunc(slices.Clone(p.Supervision), func(sv domain.Supervision) bool { return count[sv.Shift] == 0 })
	var candidates []string
	if sh != nil && needsLeader(ds, sh) && !slices.ContainsFunc(next.Supervision, func(sv domain.Supervision) bool { return sv.Shift == sh.ID }) {
		candidates = leaderCandidates(ds, next, sh, c.Werkleider)
	}
	// Only the part of the plan the change can touch is checked (changeScope): the day's shifts and
	// the person's own. The plan's violations before the change there are known, so a change is
	// blamed only for what it brings (a dataset change may have broken the plan before).
	sc := newChangeScope(ds, shiftOf, &p, c.Employee, date, prevShift, c.Shift, candidates)
	before, err := scheduler.Check(sc.ds, sc.plan(&p))
	if err != nil {
		return p, change, err
	}
	known := make(map[string]bool, len(before.Violations))
	for _, v := range before.Violations {
		known[violationKey(v)] = true
	}
	var after scheduler.Report
	var fresh []Violation
	tries := max(len(candidates), 1)
	for i := range tries {
		trial := next
		if len(candidates) > 0 {
			trial.Supervision = append(slices.Clone(next.Supervision), domain.Supervision{Werkleider: candidates[i], Shift: sh.ID})
		}
		if after, err = scheduler.Check(sc.ds, sc.plan(&trial)); err != nil {
			return p, change, err
		}
		fresh = fresh[:0]
		for _, v := range after.Violations {
			if !known[violationKey(v)] {
				fresh = append(fresh, v)
			}
		}
		if len(fresh) == 0 {
			next = trial
			break
		}
	}
	if len(fresh) > 0 {
		return p, change, &ruleError{violations: fresh}
	}
	warnings := softMatters(ds, next, emp, sh, prevShift, count, shiftOf)
	if len(warnings) > 0 && strings.TrimSpace(c.Reason) == "" {
		return p, change, &ruleError{warnings: warnings}
	}
	for _, w := range warnings {
		change.Warnings = append(change.Warnings, w.Message)
	}
	next.Score = scoreAfter(ds.Organisation.Weights, p.Score, before.Score, after.Score)
	next.Unfilled = unfilledAfter(ds, next, p.Unfilled, count)
	next.Idle = slices.DeleteFunc(slices.Clone(p.Idle), func(i domain.Idle) bool { return i.Employee == c.Employee && i.Date == date })
	if sh == nil {
		next.Idle = append(next.Idle, domain.Idle{Employee: c.Employee, Date: date, Reasons: []string{"met de hand van de dienst gehaald"}})
	}
	return next, change, nil
}

func findBy[T any](list []T, f func(T) bool) *T {
	if i := slices.IndexFunc(list, f); i >= 0 {
		return &list[i]
	}
	return nil
}

func needsLeader(ds *domain.Dataset, sh *domain.Shift) bool {
	wp := findBy(ds.Workplaces, func(w domain.Workplace) bool { return w.ID == sh.Workplace })
	return wp != nil && wp.Kind.NeedsWerkleider()
}

// leaderCandidates lists werkleiders who may lead sh, the one asked for first, then those already
// at the shift's location that day.
func leaderCandidates(ds *domain.Dataset, p domain.Plan, sh *domain.Shift, asked string) []string {
	if asked != "" {
		return []string{asked}
	}
	busy := map[string]bool{}
	for _, sv := range p.Supervision {
		busy[sv.Werkleider] = true
	}
	var first, rest []string
	for _, wl := range ds.Werkleiders {
		if !slices.Contains(wl.Workplaces, sh.Workplace) {
			continue
		}
		if busy[wl.ID] {
			first = append(first, wl.ID)
		} else {
			rest = append(rest, wl.ID)
		}
	}
	return append(first, rest...)
}

// softMatters are the consequences a planner may choose but must explain.
func softMatters(ds *domain.Dataset, p domain.Plan, emp *domain.Employee, sh *domain.Shift, prev string, count map[string]int, shiftOf map[string]*domain.Shift) []Warning {
	var ws []Warning
	if sh != nil && emp.HomeWorkplace != "" && sh.Workplace != emp.HomeWorkplace {
		ws = append(ws, Warning{Code: "buiten_eigen_werkplek",
			Message: fmt.Sprintf("%s werkt dan buiten de eigen werkplek %s", nameOf(emp), emp.HomeWorkplace)})
	}
	if prev != "" {
		if ps := shiftOf[prev]; ps != nil && count[prev] < ps.Min {
			ws = append(ws, Warning{Code: "onder_minimum",
				Message: fmt.Sprintf("dienst %s komt onder het minimum: %d van de %d", prev, count[prev], ps.Min)})
		}
	}
	if sh == nil {
		ws = append(ws, Warning{Code: "zonder_werk", Message: fmt.Sprintf("%s heeft die dag dan geen werk", nameOf(emp))})
	}
	return ws
}

func nameOf(e *domain.Employee) string {
	if e.Name != "" {
		return e.Name
	}
	return e.ID
}

// unfilledAfter recounts the shifts below their minimum, keeping earlier explanations.
func unfilledAfter(ds *domain.Dataset, p domain.Plan, old []domain.Unfilled, count map[string]int) []domain.Unfilled {
	reasons := map[string][]string{}
	for _, u := range old {
		reasons[u.Shift] = u.Reasons
	}
	out := []domain.Unfilled{}
	for _, sh := range ds.Shifts {
		if sh.Date < p.From || sh.Date > p.To || count[sh.ID] >= sh.Min {
			continue
		}
		rs := reasons[sh.ID]
		if rs == nil {
			rs = []string{"met de hand gewijzigd"}
		}
		out = append(out, domain.Unfilled{Shift: sh.ID, Missing: sh.Min - count[sh.ID], Reasons: rs})
	}
	return out
}

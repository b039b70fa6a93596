package api

import (
	"encoding/csv"
	"encoding/json"
	"fmt"
	"net/http"
	"slices"
	"strconv"
	"strings"
	"time"

	"github.com/prometheus/client_golang/prometheus/promhttp"

	"ploeg/domain"
)

func (s *Server) metricsHTTP() http.Handler {
	return promhttp.HandlerFor(s.metrics.reg, promhttp.HandlerOpts{})
}

// me says who the caller is and which routes they may use.
func (s *Server) me(w http.ResponseWriter, r *http.Request) {
	p := principalFrom(r.Context())
	var may []string
	for _, rt := range s.routes {
		if !rt.public && rt.allows(p.Role) {
			may = append(may, rt.name())
		}
	}
	writeJSON(w, http.StatusOK, map[string]any{"name": p.Name, "role": p.Role, "gemeente": p.Gemeente, "employee": p.Employee, "routes": may})
}

// rosterLine is one shift of a medewerker's own roster.
type rosterLine struct {
	Date      domain.Date  `json:"date"`
	Start     domain.Clock `json:"start"`
	End       domain.Clock `json:"end"`
	Shift     string       `json:"shift"`
	Workplace string       `json:"workplace"`
	Location  string       `json:"location"`
	Plan      string       `json:"plan"`
}

// myRoster lists the medewerker's own shifts in the published plans.
func (s *Server) myRoster(w http.ResponseWriter, r *http.Request) {
	ctx, p := r.Context(), principalFrom(r.Context())
	plans, err := domain.Plans(s.store).List(ctx, domain.ListOptions{})
	if err != nil {
		writeProblem(w, r, s.log, err)
		return
	}
	ds, err := domain.LoadDataset(ctx, s.store)
	if err != nil {
		writeProblem(w, r, s.log, err)
		return
	}
	shifts := map[string]domain.Shift{}
	for _, sh := range ds.Shifts {
		shifts[sh.ID] = sh
	}
	wps := map[string]domain.Workplace{}
	for _, wp := range ds.Workplaces {
		wps[wp.ID] = wp
	}
	out := []rosterLine{}
	for _, pv := range plans {
		if pv.Value.Status != domain.Gepubliceerd {
			continue
		}
		for _, a := range pv.Value.Assignments {
			if a.Employee != p.Employee {
				continue
			}
			sh := shifts[a.Shift]
			out = append(out, rosterLine{Date: sh.Date, Start: sh.Start, End: sh.End, Shift: sh.ID, Workplace: sh.Workplace,
				Location: wps[sh.Workplace].Location, Plan: pv.Value.Key()})
		}
	}
	slices.SortFunc(out, func(a, b rosterLine) int { return int(a.Date - b.Date) })
	writeJSON(w, http.StatusOK, map[string]any{"employee": p.Employee, "shifts": out})
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
	if err := checkJSON(r); err != nil {
		writeProblem(w, r, s.log, err)
		return
	}
	b, err := readBody(w, r, domain.MaxDatasetBytes)
	if err != nil {
		writeProblem(w, r, s.log, err)
		return
	}
	var ds domain.Dataset
	if err := domain.DecodeStrict(b, &ds); err != nil {
		writeProblem(w, r, s.log, err)
		return
	}
	if err := domain.ImportDataset(r.Context(), s.store, &ds); err != nil {
		writeProblem(w, r, s.log, err)
		return
	}
	writeJSON(w, http.StatusOK, struct {
		Imported domain.Counts `json:"imported"`
	}{ds.Counts()})
}

// ShiftTemplate is one line of a basisrooster: on these weekdays, this workplace needs a shift.
type ShiftTemplate struct {
	Workplace    string           `json:"workplace"`
	Weekdays     []domain.Weekday `json:"weekdays"`
	Start        domain.Clock     `json:"start"`
	End          domain.Clock     `json:"end"`
	BreakMinutes int              `json:"breakMinutes" ploeg:"optional"`
	Min          int              `json:"min"`
	Max          int              `json:"max"`
	Priority     int              `json:"priority" ploeg:"optional"`
}

// expandRequest asks to turn templates into shifts for from..to.
type expandRequest struct {
	Templates []ShiftTemplate `json:"templates"`
	From      domain.Date     `json:"from"`
	To        domain.Date     `json:"to"`
}

// Validate checks the period and every template as the shifts it makes.
func (q expandRequest) Validate() error {
	var p domain.Problems
	checkPeriod(&p, q.From, q.To)
	if len(q.Templates) == 0 {
		p.Add("templates", "required", "geef minstens één sjabloon")
	} else if n := len(q.Templates) * int(q.To-q.From+1); n > maxExpand {
		p.Add("templates", "range", "dit zou tot %d diensten maken; hoogstens %d per keer, neem een kortere periode", n, maxExpand)
	}
	for i, t := range q.Templates {
		t.stored().AddProblems(&p, fmt.Sprintf("templates[%d].", i))
	}
	return p.Err("ongeldig basisrooster")
}

// checkPeriod adds to p what is wrong with a basisrooster period from..to.
func checkPeriod(p *domain.Problems, from, to domain.Date) {
	if to < from {
		p.Add("to", "range", "%s ligt vóór from %s", to, from)
	} else if to-from > 366 {
		p.Add("to", "range", "een basisrooster vult hoogstens een jaar tegelijk")
	}
}

// maxExpand bounds the template days one request may expand.
const maxExpand = 5000

// stored is the template as the basisrooster stores it (without an id).
func (t ShiftTemplate) stored() domain.ShiftTemplate {
	return domain.ShiftTemplate{Workplace: t.Workplace, Weekdays: t.Weekdays, Start: t.Start, End: t.End,
		BreakMinutes: t.BreakMinutes, Min: t.Min, Max: t.Max, Priority: t.Priority}
}

// expandTemplate makes the shifts of a basisrooster for a period. Shifts whose id exists are left
// as they are and listed as skipped.
func (s *Server) expandTemplate(w http.ResponseWriter, r *http.Request) {
	var q expandRequest
	if err := decode(w, r, &q); err != nil {
		writeProblem(w, r, s.log, err)
		return
	}
	var shifts []domain.Shift
	for _, t := range q.Templates {
		shifts = append(shifts, t.stored().Expand(q.From, q.To)...)
	}
	s.createShifts(w, r, shifts)
}

// copyRequest copies the shifts of the week from..from+6 to the week starting at to.
type copyRequest struct {
	From domain.Date `json:"from"`
	To   domain.Date `json:"to"`
}

// Validate checks that both are Mondays and differ.
func (q copyRequest) Validate() error {
	var p domain.Problems
	if q.From.Weekday() != domain.Maandag {
		p.Add("from", "rule", "%s is geen maandag; geef de maandag van de week", q.From)
	}
	if q.To.Weekday() != domain.Maandag {
		p.Add("to", "rule", "%s is geen maandag; geef de maandag van de week", q.To)
	}
	if q.From == q.To {
		p.Add("to", "rule", "kies een andere week dan from")
	}
	return p.Err("ongeldige kopie")
}

func (s *Server) copyWeek(w http.ResponseWriter, r *http.Request) {
	var q copyRequest
	if err := decode(w, r, &q); err != nil {
		writeProblem(w, r, s.log, err)
		return
	}
	src, err := domain.Shifts(s.store).List(r.Context(), domain.ListOptions{})
	if err != nil {
		writeProblem(w, r, s.log, err)
		return
	}
	var shifts []domain.Shift
	for _, v := range src {
		sh := v.Value
		if sh.Date < q.From || sh.Date > q.From+6 {
			continue
		}
		nd := sh.Date + (q.To - q.From)
		if strings.HasSuffix(sh.ID, sh.Date.String()) {
			sh.ID = strings.TrimSuffix(sh.ID, sh.Date.String()) + nd.String()
		} else {
			sh.ID += "-" + nd.String()
		}
		sh.Date = nd
		shifts = append(shifts, sh)
	}
	s.createShifts(w, r, shifts)
}

// createShifts stores new shifts, skipping ids that exist. When one fails, the ones made before it
// are removed again, so the request does all or nothing (short of a crash in between).
func (s *Server) createShifts(w http.ResponseWriter, r *http.Request, shifts []domain.Shift) {
	ctx := r.Context()
	ds, err := domain.LoadDataset(ctx, s.store)
	if err != nil {
		writeProblem(w, r, s.log, err)
		return
	}
	known := map[string]bool{}
	for _, wp := range ds.Workplaces {
		known[wp.ID] = true
	}
	var pr domain.Problems
	for i, sh := range shifts {
		if !known[sh.Workplace] {
			pr.Add(fmt.Sprintf("shifts[%d].workplace", i), "reference", "onbekende werkplek %q", sh.Workplace)
			break
		}
	}
	if err := pr.Err("de diensten verwijzen naar een onbekende werkplek"); err != nil {
		writeProblem(w, r, s.log, err)
		return
	}
	exists := map[string]bool{}
	for _, sh := range ds.Shifts {
		exists[sh.ID] = true
	}
	repo := domain.Shifts(s.store)
	type made struct {
		id      string
		version int64
	}
	var created []made
	skipped := []string{}
	for _, sh := range shifts {
		if exists[sh.ID] {
			skipped = append(skipped, sh.ID)
			continue
		}
		v, err := repo.Create(ctx, sh)
		if domain.ErrorCode(err) == domain.CodeConflict {
			skipped = append(skipped, sh.ID)
			continue
		}
		if err != nil {
			for _, m := range created {
				if derr := repo.Delete(ctx, m.id, m.version); derr != nil {
					s.log.ErrorContext(ctx, "terugdraaien mislukt", "shift", m.id, "err", derr)
				}
			}
			writeProblem(w, r, s.log, err)
			return
		}
		exists[sh.ID] = true
		created = append(created, made{sh.ID, v})
	}
	ids := make([]string, len(created))
	for i, m := range created {
		ids[i] = m.id
	}
	writeJSON(w, http.StatusCreated, map[string]any{"created": ids, "skipped": skipped})
}

// audit returns the audit log, oldest first, filtered; ?format=csv gives a CSV file.
func (s *Server) audit(w http.ResponseWriter, r *http.Request) {
	q := r.URL.Query()
	var pr domain.Problems
	allowed := []string{"kind", "id", "actor", "action", "from", "to", "after", "limit", "format"}
	for key := range q {
		if !slices.Contains(allowed, key) {
			pr.Add("query."+key, "unknown_field", "onbekende zoekparameter %q; gebruik %s", key, strings.Join(allowed, ", "))
		}
	}
	limit := 1000
	if v := q.Get("limit"); v != "" {
		if n, err := strconv.Atoi(v); err != nil || n < 1 || n > 100000 {
			pr.Add("query.limit", "range", "geef een geheel getal van 1 tot en met 100000")
		} else {
			limit = n
		}
	}
	var after int64
	if v := q.Get("after"); v != "" {
		n, err := strconv.ParseInt(v, 10, 64)
		if err != nil || n < 0 {
			pr.Add("query.after", "range", "geef het volgnummer (seq) van de laatste regel die u al hebt")
		}
		after = n
	}
	var from, to time.Time
	for _, f := range []struct {
		key string
		t   *time.Time
		end bool
	}{{"from", &from, false}, {"to", &to, true}} {
		if v := q.Get(f.key); v != "" {
			d, err := domain.ParseDate(v)
			if err != nil {
				pr.Add("query."+f.key, "format", "%s", err)
				continue
			}
			if f.end {
				d++
			}
			*f.t = d.In(domain.Amsterdam, 0)
		}
	}
	if format := q.Get("format"); format != "" && format != "json" && format != "csv" {
		pr.Add("query.format", "enum", "kies json of csv")
	}
	if err := pr.Err("ongeldige zoekvraag"); err != nil {
		writeProblem(w, r, s.log, err)
		return
	}
	match := func(e domain.AuditEntry) bool {
		return (q.Get("kind") == "" || string(e.Kind) == q.Get("kind")) &&
			(q.Get("id") == "" || e.ID == q.Get("id")) &&
			(q.Get("actor") == "" || contains(e.Actor, q.Get("actor"))) &&
			(q.Get("action") == "" || e.Action == q.Get("action")) &&
			(from.IsZero() || !e.Time.Before(from)) && (to.IsZero() || e.Time.Before(to))
	}
	entries := []domain.AuditEntry{}
	for len(entries) < limit {
		batch, err := s.store.Audit(r.Context(), domain.AuditQuery{AfterSeq: after, Limit: 1000})
		if err != nil {
			writeProblem(w, r, s.log, err)
			return
		}
		for _, e := range batch {
			if match(e) && len(entries) < limit {
				entries = append(entries, redact(e))
			}
			after = e.Seq
		}
		if len(batch) < 1000 {
			break
		}
	}
	if q.Get("format") == "csv" {
		w.Header().Set("Content-Type", "text/csv; charset=utf-8")
		w.Header().Set("Content-Disposition", `attachment; filename="ploeg-audit.csv"`)
		cw := csv.NewWriter(w)
		_ = cw.Write([]string{"seq", "tijd", "wie", "actie", "soort", "id", "reden", "oud", "nieuw"})
		for _, e := range entries {
			_ = cw.Write([]string{strconv.FormatInt(e.Seq, 10), e.Time.Format(time.RFC3339), e.Actor, e.Action, string(e.Kind), e.ID,
				e.Reason, string(e.Old), string(e.New)})
		}
		cw.Flush()
		return
	}
	writeJSON(w, http.StatusOK, map[string]any{"items": entries, "count": len(entries)})
}

// redact removes password and token hashes from audit entries of users and tokens.
func redact(e domain.AuditEntry) domain.AuditEntry {
	if e.Kind != domain.KindUser && e.Kind != domain.KindToken {
		return e
	}
	clean := func(raw json.RawMessage) json.RawMessage {
		if raw == nil {
			return nil
		}
		var m map[string]any
		if json.Unmarshal(raw, &m) != nil {
			return nil
		}
		for _, k := range []string{"passwordHash", "hash"} {
			if _, ok := m[k]; ok {
				m[k] = "***"
			}
		}
		b, _ := json.Marshal(m)
		return b
	}
	e.Old, e.New = clean(e.Old), clean(e.New)
	if e.Kind == domain.KindToken && len(e.ID) > 8 {
		e.ID = e.ID[:8] + "…"
	}
	return e
}

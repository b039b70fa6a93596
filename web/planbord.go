package web

import (
	"cmp"
	"context"
	"encoding/json"
	"fmt"
	"net/http"
	"net/url"
	"slices"
	"strconv"
	"strings"

	"ploeg/api"
	"ploeg/domain"
)

// board is the planbord of one day, ready for the template.
type board struct {
	Date      domain.Date
	Label     string
	Prev      string
	Next      string
	Week      string
	HasPlan   bool
	PlanID    string
	Version   int64
	From, To  domain.Date
	Status    string
	Published int
	Locations []locationCol
	Idle      []idleRow
	People    int
	Short     int
	LastActor string
}

type locationCol struct {
	Name       string
	Workplaces []wpCol
}

type wpCol struct {
	ID, Name, Kind string
	Shifts         []shiftBox
}

type shiftBox struct {
	ID       string
	Time     string
	Min, Max int
	Count    int
	Leaders  string
	Cards    []card
	Missing  int
	Reasons  []string
}

type card struct {
	ID, Name    string
	Begeleiding string
	Home        bool
	Pinned      bool
	Shift       string
}

type idleRow struct {
	ID, Name string
	Reasons  []string
}

// loadDay reads the dataset and the stored plan that covers date (nil when there is none).
func (h *Handler) loadDay(ctx context.Context, date domain.Date) (*domain.Dataset, *domain.Versioned[domain.Plan], error) {
	ds, err := domain.LoadDataset(ctx, h.cfg.Store)
	if err != nil {
		return nil, nil, err
	}
	pv, err := findPlan(ctx, h.cfg.Store, date)
	return ds, pv, err
}

// day reads the {date} of the path, the dataset and the plan that covers that day (nil when there
// is none); on a bad date or a failed read it has answered and returns false.
func (h *Handler) day(w http.ResponseWriter, r *http.Request, c *call) (domain.Date, *domain.Dataset, *domain.Versioned[domain.Plan], bool) {
	date, ok := h.dateParam(w, r, c)
	if !ok {
		return 0, nil, nil, false
	}
	ds, pv, err := h.loadDay(r.Context(), date)
	if err != nil {
		h.serverError(w, r, c, err)
		return 0, nil, nil, false
	}
	return date, ds, pv, true
}

// findPlan returns the stored plan that covers date: the one spanning the fewest days.
func findPlan(ctx context.Context, store domain.Store, date domain.Date) (*domain.Versioned[domain.Plan], error) {
	plans, err := domain.Plans(store).List(ctx, domain.ListOptions{})
	if err != nil {
		return nil, err
	}
	var best *domain.Versioned[domain.Plan]
	for i := range plans {
		p := &plans[i]
		if p.Value.From <= date && date <= p.Value.To && (best == nil || p.Value.To-p.Value.From < best.Value.To-best.Value.From) {
			best = p
		}
	}
	return best, nil
}

// buildBoard lays out the plan pv (nil when there is none) for date: werkplekken as columns grouped
// by location, each shift with its people, and the idle list.
func buildBoard(ds *domain.Dataset, pv *domain.Versioned[domain.Plan], date domain.Date) *board {
	b := &board{Date: date, Label: dayLabel(date), Prev: date.AddDays(-1).String(), Next: date.AddDays(1).String(), Week: date.String()}
	emp := make(map[string]*domain.Employee, len(ds.Employees))
	for i := range ds.Employees {
		emp[ds.Employees[i].ID] = &ds.Employees[i]
	}
	leaders := map[string]string{}
	for _, wl := range ds.Werkleiders {
		leaders[wl.ID] = cmp.Or(wl.Name, wl.ID)
	}
	byShift := map[string][]string{}
	lead := map[string][]string{}
	missing := map[string]domain.Unfilled{}
	pinned := map[domain.Assignment]bool{}
	for _, pn := range ds.Pinned {
		pinned[domain.Assignment(pn)] = true
	}
	if pv != nil {
		p := &pv.Value
		b.HasPlan, b.PlanID, b.Version, b.From, b.To = true, p.Key(), pv.Version, p.From, p.To
		b.Status, b.Published = string(cmp.Or(p.Status, domain.Concept)), p.Published
		for _, a := range p.Assignments {
			byShift[a.Shift] = append(byShift[a.Shift], a.Employee)
		}
		for _, sv := range p.Supervision {
			lead[sv.Shift] = append(lead[sv.Shift], leaders[sv.Werkleider])
		}
		for _, u := range p.Unfilled {
			missing[u.Shift] = u
		}
		for _, i := range p.Idle {
			if i.Date != date {
				continue
			}
			name := i.Employee
			if e := emp[i.Employee]; e != nil {
				name = cmp.Or(e.Name, e.ID)
			}
			b.Idle = append(b.Idle, idleRow{ID: i.Employee, Name: name, Reasons: i.Reasons})
		}
		if n := len(p.Changes); n > 0 {
			b.LastActor = p.Changes[n-1].Actor
		}
	}
	shifts := map[string][]*domain.Shift{}
	for i := range ds.Shifts {
		if s := &ds.Shifts[i]; s.Date == date {
			shifts[s.Workplace] = append(shifts[s.Workplace], s)
		}
	}
	locs := map[string]*locationCol{}
	var order []string
	for _, wp := range ds.Workplaces {
		ss := shifts[wp.ID]
		if len(ss) == 0 {
			continue
		}
		lc := locs[wp.Location]
		if lc == nil {
			lc = &locationCol{Name: wp.Location}
			locs[wp.Location] = lc
			order = append(order, wp.Location)
		}
		col := wpCol{ID: wp.ID, Name: cmp.Or(wp.Name, wp.ID), Kind: kindLabel(wp.Kind)}
		slices.SortFunc(ss, func(a, c *domain.Shift) int { return cmp.Compare(a.Start, c.Start) })
		for _, s := range ss {
			box := shiftBox{ID: s.ID, Time: s.Start.String() + "–" + s.End.String(), Min: s.Min, Max: s.Max,
				Leaders: strings.Join(lead[s.ID], ", ")}
			for _, id := range byShift[s.ID] {
				e := emp[id]
				c := card{ID: id, Name: id, Shift: s.ID, Pinned: pinned[domain.Assignment{Employee: id, Shift: s.ID}]}
				if e != nil {
					c.Name, c.Begeleiding, c.Home = cmp.Or(e.Name, e.ID), string(e.Begeleiding), e.HomeWorkplace == wp.ID
				}
				box.Cards = append(box.Cards, c)
			}
			slices.SortFunc(box.Cards, func(a, c card) int { return cmp.Compare(a.Name, c.Name) })
			box.Count = len(box.Cards)
			b.People += box.Count
			if u, ok := missing[s.ID]; ok {
				box.Missing, box.Reasons = u.Missing, u.Reasons
				b.Short++
			} else if b.HasPlan && box.Count < s.Min {
				box.Missing = s.Min - box.Count
				b.Short++
			}
			col.Shifts = append(col.Shifts, box)
		}
		lc.Workplaces = append(lc.Workplaces, col)
	}
	for _, name := range order {
		b.Locations = append(b.Locations, *locs[name])
	}
	return b
}

func kindLabel(k domain.WorkplaceKind) string {
	switch k {
	case domain.Uitbesteed:
		return "uitbesteed werk"
	case domain.Detachering:
		return "detachering"
	}
	return "bedrijfsactiviteit"
}

// pathDate reads the {date} of the path; "vandaag" is today.
func (h *Handler) pathDate(r *http.Request) (domain.Date, bool) {
	v := r.PathValue("date")
	if v == "vandaag" {
		return h.today(), true
	}
	d, err := domain.ParseDate(v)
	return d, err == nil
}

// dateParam is pathDate for a page: an unknown date gets the page that says so.
func (h *Handler) dateParam(w http.ResponseWriter, r *http.Request, c *call) (domain.Date, bool) {
	d, ok := h.pathDate(r)
	if !ok {
		h.fail(w, r, c, http.StatusNotFound, "Onbekende datum", "Gebruik een datum als 2026-11-30.")
	}
	return d, ok
}

func (h *Handler) planbordToday(w http.ResponseWriter, r *http.Request, _ *call) {
	if d, err := parseDay(r.URL.Query().Get("dag")); err == nil {
		http.Redirect(w, r, "/planbord/"+d.String(), http.StatusSeeOther)
		return
	}
	http.Redirect(w, r, "/planbord/"+h.today().String(), http.StatusSeeOther)
}

// okMessages are the confirmations shown after an action (?ok=…).
var okMessages = map[string]string{
	"verplaatst":   "De wijziging is opgeslagen.",
	"vastgezet":    "De toewijzing staat vast: automatisch plannen en herplannen laten haar staan.",
	"losgemaakt":   "De toewijzing staat niet meer vast: automatisch plannen en herplannen mogen haar weer veranderen.",
	"gepland":      "Het plan is automatisch gemaakt.",
	"hersteld":     "Het plan is herplant na de wijzigingen (zoals ziekmeldingen).",
	"gepubliceerd": "Het plan is gepubliceerd.",
}

func (h *Handler) planbordDay(w http.ResponseWriter, r *http.Request, c *call) {
	date, ds, pv, ok := h.day(w, r, c)
	if !ok {
		return
	}
	b := buildBoard(ds, pv, date)
	h.render(w, r, c, http.StatusOK, "planbord", map[string]any{
		"Title": "Planbord " + b.Label, "B": b, "CanEdit": slices.Contains(planners, c.p.Role),
		"OK": okMessages[r.URL.Query().Get("ok")], "Kinds": printKinds, "Limit": int(h.planLimit().Seconds()),
	})
}

// printKinds are the PDF layouts of the roster route.
var printKinds = []struct{ Kind, Label string }{
	{"dagstaat", "Dagstaat (per werkplek)"}, {"week", "Weekrooster (per locatie)"},
	{"persoon", "Persoonlijk weekoverzicht"}, {"makkelijk", "Mijn week (makkelijk lezen)"},
}

// target is one shift a person could be moved to.
type target struct {
	ID, Label string
	Eligible  bool
	Current   bool
	Count     int
	Max       int
	// Full shifts have their maximum already: a move there cannot be done.
	Full bool
}

// moveForm lists the day's shifts for one person; the ineligible ones say "niet geschikt", never why.
func (h *Handler) moveForm(w http.ResponseWriter, r *http.Request, c *call) {
	h.showMove(w, r, c, http.StatusOK, moveState{Employee: r.PathValue("employee")})
}

// moveState is what the move form shows: the person, the choice made, and why it was refused.
type moveState struct {
	Employee   string
	Shift      string
	Reason     string
	Refused    []string
	Warnings   []string
	NeedReason bool
	Stale      bool
	Message    string
	// Sent is set when the form came back from a POST: the choice shown is the one sent.
	Sent bool
}

func (h *Handler) showMove(w http.ResponseWriter, r *http.Request, c *call, status int, st moveState) {
	date, ds, pv, ok := h.day(w, r, c)
	if !ok {
		return
	}
	e := findEmployee(ds, st.Employee)
	if e == nil {
		h.fail(w, r, c, http.StatusNotFound, "Onbekende medewerker", "Deze medewerker bestaat niet (meer).")
		return
	}
	if pv == nil {
		h.fail(w, r, c, http.StatusConflict, "Nog geen plan", "Er is nog geen plan voor "+dayLabel(date)+". Maak eerst een plan met ‘Plan automatisch’.")
		return
	}
	fit, unfit, current, err := moveTargets(ds, pv, e, date)
	if err != nil {
		h.serverError(w, r, c, err)
		return
	}
	if !st.Sent {
		st.Shift = current
	}
	h.render(w, r, c, status, "verplaats", map[string]any{
		"Title": "Verplaats " + cmp.Or(e.Name, e.ID), "Date": date.String(), "DateLabel": dayLabel(date),
		"Name": cmp.Or(e.Name, e.ID), "Employee": e.ID, "Targets": fit, "Unfit": unfit, "Current": current,
		"PlanID": pv.Value.Key(), "Version": pv.Version, "S": st, "LastActor": lastActor(pv),
	})
}

// moveTargets are the day's shifts for e in plan pv: those e may work (a full one marked Full) and
// those e is not suitable for or cannot work that day, and e's current shift. Only the answer is
// given, never which restriction: the planner does not learn them.
func moveTargets(ds *domain.Dataset, pv *domain.Versioned[domain.Plan], e *domain.Employee, date domain.Date) (fit, unfit []target, current string, err error) {
	count := map[string]int{}
	leaderName := map[string]string{}
	for _, wl := range ds.Werkleiders {
		leaderName[wl.ID] = cmp.Or(wl.Name, wl.ID)
	}
	leads := map[string][]string{}
	for _, sv := range pv.Value.Supervision {
		leads[sv.Shift] = append(leads[sv.Shift], leaderName[sv.Werkleider])
	}
	shiftDate := map[string]domain.Date{}
	for _, s := range ds.Shifts {
		shiftDate[s.ID] = s.Date
	}
	for _, a := range pv.Value.Assignments {
		count[a.Shift]++
		if a.Employee == e.ID && shiftDate[a.Shift] == date {
			current = a.Shift
		}
	}
	wps := map[string]*domain.Workplace{}
	for i := range ds.Workplaces {
		wps[ds.Workplaces[i].ID] = &ds.Workplaces[i]
	}
	cal, err := domain.NewCalendar(ds)
	if err != nil {
		return nil, nil, "", err
	}
	available := cal.EmployeeOn(e, date) == domain.Available
	var targets []target
	for _, s := range ds.Shifts {
		if s.Date != date {
			continue
		}
		wp := wps[s.Workplace]
		if wp == nil {
			continue
		}
		label := fmt.Sprintf("%s (%s), %s–%s", cmp.Or(wp.Name, wp.ID), wp.Location, s.Start, s.End)
		if l := leads[s.ID]; len(l) > 0 {
			label += ", werkleider " + strings.Join(l, ", ")
		}
		targets = append(targets, target{ID: s.ID, Label: label, Eligible: available && suitable(e, wp),
			Current: s.ID == current, Count: count[s.ID], Max: s.Max, Full: s.ID != current && count[s.ID] >= s.Max})
	}
	slices.SortFunc(targets, func(a, b target) int { return cmp.Compare(a.Label, b.Label) })
	for _, t := range targets {
		if t.Eligible {
			fit = append(fit, t)
		} else {
			unfit = append(unfit, t)
		}
	}
	return fit, unfit, current, nil
}

// dragTargets answers, for a card being dragged, which of the day's shifts say "niet geschikt" and
// which are full: the same answer as the "Verplaats naar…" page, never why.
func (h *Handler) dragTargets(w http.ResponseWriter, r *http.Request, c *call) {
	date, ok := h.pathDate(r)
	ds, pv, err := h.loadDay(r.Context(), date)
	if err != nil {
		h.serverError(w, r, c, err)
		return
	}
	e := findEmployee(ds, r.PathValue("employee"))
	if !ok || e == nil || pv == nil {
		http.Error(w, "onbekende dag, medewerker of nog geen plan", http.StatusNotFound)
		return
	}
	fit, unfit, current, err := moveTargets(ds, pv, e, date)
	if err != nil {
		h.serverError(w, r, c, err)
		return
	}
	ng, full := []string{}, []string{}
	for _, t := range unfit {
		ng = append(ng, t.ID)
	}
	for _, t := range fit {
		if t.Full {
			full = append(full, t.ID)
		}
	}
	out := map[string]any{"nietGeschikt": ng, "vol": full, "huidig": current}
	w.Header().Set("Content-Type", "application/json")
	w.Header().Set("Cache-Control", "no-store")
	_ = json.NewEncoder(w).Encode(out)
}

func lastActor(pv *domain.Versioned[domain.Plan]) string {
	if n := len(pv.Value.Changes); n > 0 {
		return pv.Value.Changes[n-1].Actor
	}
	return "een collega"
}

func findEmployee(ds *domain.Dataset, id string) *domain.Employee {
	for i := range ds.Employees {
		if ds.Employees[i].ID == id {
			return &ds.Employees[i]
		}
	}
	return nil
}

// suitable reports whether e has the skills of wp and no restriction against its conditions: the
// planner only ever sees the answer, never the restriction.
func suitable(e *domain.Employee, wp *domain.Workplace) bool {
	for _, s := range wp.Skills {
		if !slices.Contains(e.Skills, s) {
			return false
		}
	}
	return !slices.ContainsFunc(wp.Conditions, func(c string) bool { return slices.Contains(e.Restrictions, c) })
}

// apiCall runs an API route as the signed-in user; ifMatch 0 sends no If-Match.
func (h *Handler) apiCall(ctx context.Context, c *call, method, path string, body any, ifMatch int64) (*api.Response, *api.Problem, error) {
	return h.apiCallReason(ctx, c, method, path, body, ifMatch, "")
}

// apiCallPatch sends a JSON merge patch naming version, with the reason of the change.
func (h *Handler) apiCallPatch(ctx context.Context, c *call, path string, patch map[string]any, version int64, reason string) (*api.Response, *api.Problem, error) {
	return h.apiCallHeader(ctx, c, http.MethodPatch, path, patch, version, reason, "application/merge-patch+json")
}

// apiCallReason is apiCall with the reason of the change (the Ploeg-Reason header, kept in the
// audit log); "" sends none.
func (h *Handler) apiCallReason(ctx context.Context, c *call, method, path string, body any, ifMatch int64, reason string) (*api.Response, *api.Problem, error) {
	return h.apiCallHeader(ctx, c, method, path, body, ifMatch, reason, "")
}

// apiCallHeader is apiCallReason with the body's content type ("" is JSON).
func (h *Handler) apiCallHeader(ctx context.Context, c *call, method, path string, body any, ifMatch int64, reason, contentType string) (*api.Response, *api.Problem, error) {
	var raw []byte
	if body != nil {
		var err error
		if raw, err = json.Marshal(body); err != nil {
			return nil, nil, err
		}
	}
	hdr := http.Header{}
	if ifMatch > 0 {
		hdr.Set("If-Match", `"`+strconv.FormatInt(ifMatch, 10)+`"`)
	}
	if reason != "" {
		hdr.Set("Ploeg-Reason", url.PathEscape(reason))
	}
	if contentType != "" {
		hdr.Set("Content-Type", contentType)
	}
	res, err := h.cfg.API.Call(ctx, c.p, method, path, raw, hdr)
	if err != nil {
		return nil, nil, err
	}
	if res.Status >= 400 {
		var p api.Problem
		if json.Unmarshal(res.Body, &p) != nil || p.Status == 0 {
			p = api.Problem{Status: res.Status, Title: http.StatusText(res.Status), Detail: string(res.Body)}
		}
		return res, &p, nil
	}
	return res, nil, nil
}

// violationText says why a hard rule refused a change; a restriction (H4) only as "niet geschikt",
// except to HR and the beheerder.
func violationText(c *call, ds *domain.Dataset, v api.Violation) string {
	if v.Rule == "H4" && c.p.Role != domain.RoleHR && c.p.Role != domain.RoleAdmin {
		name := v.Employee
		if e := findEmployee(ds, v.Employee); e != nil {
			name = cmp.Or(e.Name, e.ID)
		}
		return name + " is niet geschikt voor deze dienst."
	}
	return v.Message
}

func (h *Handler) move(w http.ResponseWriter, r *http.Request, c *call) {
	date, ok := h.dateParam(w, r, c)
	if !ok {
		return
	}
	st := moveState{Employee: r.PostFormValue("employee"), Shift: r.PostFormValue("shift"), Reason: strings.TrimSpace(r.PostFormValue("reason")), Sent: true}
	version, _ := strconv.ParseInt(r.PostFormValue("version"), 10, 64)
	planID := r.PostFormValue("plan")
	body := map[string]any{"employee": st.Employee, "shift": st.Shift, "reason": st.Reason}
	if st.Shift == "" {
		body["date"] = date.String()
	}
	_, prob, err := h.apiCall(r.Context(), c, http.MethodPost, "/api/v1/plans/"+url.PathEscape(planID)+"/assignments", body, version)
	if err != nil {
		h.serverError(w, r, c, err)
		return
	}
	if prob == nil {
		if r.Header.Get("X-Ploeg-Fetch") != "" {
			w.Header().Set("Content-Type", "application/json")
			_, _ = w.Write([]byte(`{"ok":true}`))
			return
		}
		http.Redirect(w, r, "/planbord/"+date.String()+"?ok=verplaatst#p-"+url.QueryEscape(st.Employee), http.StatusSeeOther)
		return
	}
	ds, err := domain.LoadDataset(r.Context(), h.cfg.Store)
	if err != nil {
		h.serverError(w, r, c, err)
		return
	}
	switch prob.Code {
	case "hard_rule":
		for _, v := range prob.Violations {
			st.Refused = append(st.Refused, violationText(c, ds, v))
		}
	case "reason_required":
		st.NeedReason = true
		for _, w := range prob.Warnings {
			st.Warnings = append(st.Warnings, w.Message)
		}
	case "stale":
		st.Stale = true
	default:
		st.Message = prob.Detail
	}
	h.showMove(w, r, c, prob.Status, st)
}

// planAction runs one API action on the day's plan and goes back to the board.
func (h *Handler) planAction(w http.ResponseWriter, r *http.Request, c *call, method, suffix string, body any, ok string) {
	date, valid := h.dateParam(w, r, c)
	if !valid {
		return
	}
	h.planActionOn(w, r, c, date, method, suffix, body, ok)
}

// planActionOn runs one API action on the form's plan and version and goes to the planbord of date.
func (h *Handler) planActionOn(w http.ResponseWriter, r *http.Request, c *call, date domain.Date, method, suffix string, body any, ok string) {
	version, _ := strconv.ParseInt(r.PostFormValue("version"), 10, 64)
	planID := r.PostFormValue("plan")
	_, prob, err := h.apiCall(r.Context(), c, method, "/api/v1/plans/"+url.PathEscape(planID)+suffix, body, version)
	if err != nil {
		h.serverError(w, r, c, err)
		return
	}
	if prob != nil {
		h.actionRefused(w, r, c, date, prob)
		return
	}
	http.Redirect(w, r, "/planbord/"+date.String()+"?ok="+ok, http.StatusSeeOther)
}

// actionRefused shows why an action on the plan was not done, with the way back.
func (h *Handler) actionRefused(w http.ResponseWriter, r *http.Request, c *call, date domain.Date, prob *api.Problem) {
	var lines []string
	title := "Niet gedaan"
	ds, err := domain.LoadDataset(r.Context(), h.cfg.Store)
	if err != nil {
		h.serverError(w, r, c, err)
		return
	}
	switch prob.Code {
	case "stale":
		title = "De dag is intussen gewijzigd"
		who := "een collega"
		if pv, err := findPlan(r.Context(), h.cfg.Store, date); err == nil && pv != nil {
			who = lastActor(pv)
		}
		lines = []string{"De dag is intussen gewijzigd door " + who + ". Herlaad het planbord en kies opnieuw; er is nog niets van u opgeslagen."}
	case "hard_rule":
		for _, v := range prob.Violations {
			lines = append(lines, violationText(c, ds, v))
		}
	default:
		lines = []string{prob.Detail}
	}
	h.render(w, r, c, prob.Status, "refused", map[string]any{"Title": title, "Lines": lines, "Back": "/planbord/" + date.String()})
}

func (h *Handler) pin(w http.ResponseWriter, r *http.Request, c *call) {
	date, ok := h.dateParam(w, r, c)
	if !ok {
		return
	}
	// The button names the person; their shift that day comes from the stored plan.
	emp := r.PostFormValue("pin")
	shift := ""
	ds, err := domain.LoadDataset(r.Context(), h.cfg.Store)
	if err != nil {
		h.serverError(w, r, c, err)
		return
	}
	if pv, err := findPlan(r.Context(), h.cfg.Store, date); err == nil && pv != nil {
		shift = shiftOn(ds, &pv.Value, emp, date)
	}
	body := map[string]any{"employee": emp, "shift": shift}
	h.planAction(w, r, c, http.MethodPost, "/pins", body, "vastgezet")
}

// unpin takes the pin off a person's assignment that day: automatic planning may move them again.
func (h *Handler) unpin(w http.ResponseWriter, r *http.Request, c *call) {
	date, ok := h.dateParam(w, r, c)
	if !ok {
		return
	}
	ds, err := domain.LoadDataset(r.Context(), h.cfg.Store)
	if err != nil {
		h.serverError(w, r, c, err)
		return
	}
	// The button names the person; the pin is theirs on a shift of that day.
	emp, key := r.PostFormValue("unpin"), ""
	dates := make(map[string]domain.Date, len(ds.Shifts))
	for _, s := range ds.Shifts {
		dates[s.ID] = s.Date
	}
	for _, pn := range ds.Pinned {
		if pn.Employee == emp && dates[pn.Shift] == date {
			key = pn.Key()
		}
	}
	if key == "" {
		h.fail(w, r, c, http.StatusNotFound, "Niet vastgezet", "Deze medewerker staat die dag niet vast (meer). Herlaad het planbord.")
		return
	}
	h.planAction(w, r, c, http.MethodDelete, "/pins/"+url.PathEscape(key), nil, "losgemaakt")
}

func (h *Handler) repair(w http.ResponseWriter, r *http.Request, c *call) {
	h.planAction(w, r, c, http.MethodPost, "/repair", nil, "hersteld")
}

func (h *Handler) publish(w http.ResponseWriter, r *http.Request, c *call) {
	h.planAction(w, r, c, http.MethodPost, "/publish", nil, "gepubliceerd")
}

// generate plans the day automatically: a new day plan, or the plan that covers it again.
func (h *Handler) generate(w http.ResponseWriter, r *http.Request, c *call) {
	date, ok := h.dateParam(w, r, c)
	if !ok {
		return
	}
	h.generateRange(w, r, c, date, date, date, "/planbord/")
}

// planSeconds is the time limit of "Plan automatisch", in seconds (the API caps it at its own).
const planSeconds = 10

// generateRange plans from..to and goes back to page+back (the planbord or the week).
func (h *Handler) generateRange(w http.ResponseWriter, r *http.Request, c *call, from, to, back domain.Date, page string) {
	version, _ := strconv.ParseInt(r.PostFormValue("version"), 10, 64)
	if f, err := domain.ParseDate(r.PostFormValue("from")); err == nil {
		from = f
	}
	if t, err := domain.ParseDate(r.PostFormValue("to")); err == nil {
		to = t
	}
	body := map[string]any{"from": from.String(), "to": to.String(), "timeLimitSeconds": planSeconds}
	run, done := h.startRun(domain.PlanKey(from, to))
	defer done()
	_, prob, err := h.apiCall(api.WithPlanProgress(r.Context(), run.report), c, http.MethodPost, "/api/v1/plans", body, version)
	if err != nil {
		h.serverError(w, r, c, err)
		return
	}
	if prob != nil {
		h.actionRefused(w, r, c, back, prob)
		return
	}
	http.Redirect(w, r, page+back.String()+"?ok=gepland", http.StatusSeeOther)
}

// print serves a PDF layout of a plan through the API's roster route.
func (h *Handler) print(w http.ResponseWriter, r *http.Request, c *call) {
	kind := r.PathValue("kind")
	if !slices.ContainsFunc(printKinds, func(k struct{ Kind, Label string }) bool { return k.Kind == kind }) {
		h.fail(w, r, c, http.StatusNotFound, "Onbekende afdruk", "Kies dagstaat, week, persoon of makkelijk.")
		return
	}
	res, prob, err := h.apiCall(r.Context(), c, http.MethodGet, "/api/v1/plans/"+url.PathEscape(r.PathValue("plan"))+"/roster?kind="+kind, nil, 0)
	if err != nil {
		h.serverError(w, r, c, err)
		return
	}
	if prob != nil {
		h.fail(w, r, c, prob.Status, "Afdrukken lukte niet", prob.Detail)
		return
	}
	w.Header().Set("Content-Type", "application/pdf")
	w.Header().Set("Content-Disposition", res.Header.Get("Content-Disposition"))
	_, _ = w.Write(res.Body)
}

// shiftOn returns the shift of employee on date in plan p, or "".
func shiftOn(ds *domain.Dataset, p *domain.Plan, employee string, date domain.Date) string {
	dates := map[string]domain.Date{}
	for _, s := range ds.Shifts {
		dates[s.ID] = s.Date
	}
	for _, a := range p.Assignments {
		if a.Employee == employee && dates[a.Shift] == date {
			return a.Shift
		}
	}
	return ""
}

// dayVersion answers the version of the plan that covers the day and who changed it last, so the
// open planbord can say that the day changed before anyone acts on an old version.
func (h *Handler) dayVersion(w http.ResponseWriter, r *http.Request, c *call) {
	date, ok := h.pathDate(r)
	if !ok {
		http.Error(w, "onbekende datum", http.StatusNotFound)
		return
	}
	pv, err := findPlan(r.Context(), h.cfg.Store, date)
	if err != nil {
		h.serverError(w, r, c, err)
		return
	}
	out := map[string]any{"version": 0, "actor": ""}
	if pv != nil {
		out["version"], out["actor"] = pv.Version, lastActor(pv)
	}
	w.Header().Set("Content-Type", "application/json")
	w.Header().Set("Cache-Control", "no-store")
	_ = json.NewEncoder(w).Encode(out)
}

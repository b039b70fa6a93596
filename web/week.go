package web

import (
	"cmp"
	"net/http"
	"net/url"
	"slices"
	"strings"

	"ploeg/domain"
)

// weekBoard is the planbord of one week: per werkplek (rows, grouped by location) and day (columns)
// the shifts with their people, the shortages with their reasons, and the people without work.
// Cards are kept small (name, begeleiding letter, ⌂, ⚑) so 600 people over six days stay under
// 200 KB (TestWeekWeight600).
type weekBoard struct {
	Days []weekDay
	// Columns are the days with shifts, in order; every row has one cell per column.
	Columns   []weekDay
	Locations []weekLocation
	Idle      []idleGroup
	// AllLocations names every location of the week, for the filter; Location is the one shown ("" = all).
	AllLocations []string
	Location     string
}

type weekDay struct {
	Date, Label string
	Planned     bool
	Status      string
	People      int
	Short       int
	Idle        int
	HasShifts   bool
}

type weekLocation struct {
	Name string
	Rows []weekRow
}

type weekRow struct {
	Name, Kind string
	Cells      []weekCell
}

// weekCell is one werkplek on one day.
type weekCell struct {
	Shifts  []weekShift
	Count   int
	Min     int
	Missing int
	Planned bool
}

type weekShift struct {
	Time    string
	Count   int
	Min     int
	Missing int
	Reasons []string
	Cards   []weekCard
}

// weekCard is one person on a shift: name, begeleiding as one letter (l, m, h), ⌂ at their own
// werkplek, ⚑ pinned.
type weekCard struct {
	Name   string
	Level  string
	Home   bool
	Pinned bool
}

// idleGroup is the people without work who share the same reasons, each with their days.
type idleGroup struct {
	Reasons string
	People  []idlePerson
}

type idlePerson struct{ Name, Days string }

// buildWeek lays out the week from monday: per day the stored plan that covers it (the one
// spanning the fewest days, as the day planbord does), from that plan the day's shifts only.
func buildWeek(ds *domain.Dataset, plans []domain.Versioned[domain.Plan], monday domain.Date, location string) *weekBoard {
	wb := &weekBoard{Days: make([]weekDay, 7), Location: location}
	planOf := make([]*domain.Plan, 7)
	for i := range wb.Days {
		d := monday.AddDays(i)
		wb.Days[i] = weekDay{Date: d.String(), Label: shortDay(d)}
		for j := range plans {
			p := &plans[j].Value
			if p.From <= d && d <= p.To && (planOf[i] == nil || p.To-p.From < planOf[i].To-planOf[i].From) {
				planOf[i] = p
			}
		}
		if planOf[i] != nil {
			wb.Days[i].Planned, wb.Days[i].Status = true, string(cmp.Or(planOf[i].Status, domain.Concept))
		}
	}
	emp := make(map[string]*domain.Employee, len(ds.Employees))
	for i := range ds.Employees {
		emp[ds.Employees[i].ID] = &ds.Employees[i]
	}
	wps := make(map[string]*domain.Workplace, len(ds.Workplaces))
	for i := range ds.Workplaces {
		wps[ds.Workplaces[i].ID] = &ds.Workplaces[i]
	}
	pinned := make(map[domain.Assignment]bool, len(ds.Pinned))
	for _, pn := range ds.Pinned {
		pinned[domain.Assignment(pn)] = true
	}
	// The week's shifts by werkplek and day.
	type key struct {
		wp  string
		day int
	}
	shifts := map[key][]*domain.Shift{}
	dayOf := map[string]int{}
	locSeen := map[string]bool{}
	for i := range ds.Shifts {
		s := &ds.Shifts[i]
		day := int(s.Date - monday)
		if day < 0 || day >= 7 || wps[s.Workplace] == nil {
			continue
		}
		dayOf[s.ID] = day
		wb.Days[day].HasShifts = true
		if l := wps[s.Workplace].Location; !locSeen[l] {
			locSeen[l] = true
			wb.AllLocations = append(wb.AllLocations, l)
		}
		if location != "" && wps[s.Workplace].Location != location {
			continue
		}
		shifts[key{s.Workplace, day}] = append(shifts[key{s.Workplace, day}], s)
	}
	// Each day's people and shortages come from that day's plan only.
	members := map[string][]string{}
	unfilled := map[string]domain.Unfilled{}
	for i, p := range planOf {
		if p == nil {
			continue
		}
		for _, a := range p.Assignments {
			if d, ok := dayOf[a.Shift]; ok && d == i {
				members[a.Shift] = append(members[a.Shift], a.Employee)
				wb.Days[i].People++
			}
		}
		for _, u := range p.Unfilled {
			if d, ok := dayOf[u.Shift]; ok && d == i {
				unfilled[u.Shift] = u
			}
		}
	}
	for _, wp := range ds.Workplaces {
		var row *weekRow
		for day := range 7 {
			ss := shifts[key{wp.ID, day}]
			if len(ss) == 0 {
				continue
			}
			if row == nil {
				row = &weekRow{Name: cmp.Or(wp.Name, wp.ID), Kind: kindLabel(wp.Kind), Cells: make([]weekCell, 7)}
				for k := range row.Cells {
					row.Cells[k].Planned = wb.Days[k].Planned
				}
			}
			slices.SortFunc(ss, func(a, b *domain.Shift) int { return cmp.Compare(a.Start, b.Start) })
			cl := &row.Cells[day]
			for _, s := range ss {
				ws := weekShift{Time: s.Start.String() + "–" + s.End.String(), Min: s.Min}
				for _, id := range members[s.ID] {
					c := weekCard{Name: id, Pinned: pinned[domain.Assignment{Employee: id, Shift: s.ID}]}
					if e := emp[id]; e != nil {
						c.Name, c.Level, c.Home = cmp.Or(e.Name, e.ID), levelLetter(e.Begeleiding), e.HomeWorkplace == wp.ID
					}
					ws.Cards = append(ws.Cards, c)
				}
				slices.SortFunc(ws.Cards, func(a, b weekCard) int { return cmp.Compare(a.Name, b.Name) })
				ws.Count = len(ws.Cards)
				if u, ok := unfilled[s.ID]; ok {
					ws.Missing, ws.Reasons = u.Missing, u.Reasons
				} else if cl.Planned && ws.Count < s.Min {
					ws.Missing = s.Min - ws.Count
				}
				if ws.Missing > 0 {
					wb.Days[day].Short++
				}
				cl.Count += ws.Count
				cl.Min += ws.Min
				cl.Missing += ws.Missing
				cl.Shifts = append(cl.Shifts, ws)
			}
		}
		if row == nil {
			continue
		}
		li := slices.IndexFunc(wb.Locations, func(l weekLocation) bool { return l.Name == wp.Location })
		if li < 0 {
			wb.Locations = append(wb.Locations, weekLocation{Name: wp.Location})
			li = len(wb.Locations) - 1
		}
		wb.Locations[li].Rows = append(wb.Locations[li].Rows, *row)
	}
	wb.Idle = weekIdle(wb, planOf, emp, monday)
	// Columns only for the days with shifts (most weeks have no Sunday work).
	var cols []int
	for i, d := range wb.Days {
		if d.HasShifts {
			cols = append(cols, i)
			wb.Columns = append(wb.Columns, d)
		}
	}
	for li := range wb.Locations {
		for ri := range wb.Locations[li].Rows {
			row := &wb.Locations[li].Rows[ri]
			cells := make([]weekCell, len(cols))
			for k, i := range cols {
				cells[k] = row.Cells[i]
			}
			row.Cells = cells
		}
	}
	return wb
}

// weekIdle groups the week's people without work by their reasons: the same reasons come back for
// many people, so each is written once.
func weekIdle(wb *weekBoard, planOf []*domain.Plan, emp map[string]*domain.Employee, monday domain.Date) []idleGroup {
	type person struct {
		name string
		days []string
	}
	groups := map[string]map[string]*person{}
	var order []string
	for i, p := range planOf {
		if p == nil {
			continue
		}
		d := monday.AddDays(i)
		for _, idle := range p.Idle {
			if idle.Date != d {
				continue
			}
			wb.Days[i].Idle++
			reasons := strings.Join(idle.Reasons, "; ")
			g := groups[reasons]
			if g == nil {
				g = map[string]*person{}
				groups[reasons] = g
				order = append(order, reasons)
			}
			pp := g[idle.Employee]
			if pp == nil {
				pp = &person{name: idle.Employee}
				if e := emp[idle.Employee]; e != nil {
					pp.name = cmp.Or(e.Name, e.ID)
				}
				g[idle.Employee] = pp
			}
			pp.days = append(pp.days, weekdays[i][:2])
		}
	}
	out := make([]idleGroup, 0, len(order))
	for _, reasons := range order {
		g := idleGroup{Reasons: cmp.Or(reasons, "geen reden bekend")}
		for _, pp := range groups[reasons] {
			g.People = append(g.People, idlePerson{Name: pp.name, Days: strings.Join(pp.days, " ")})
		}
		slices.SortFunc(g.People, func(a, b idlePerson) int { return cmp.Compare(a.Name, b.Name) })
		out = append(out, g)
	}
	return out
}

func levelLetter(b domain.Begeleiding) string {
	if b == "" {
		return ""
	}
	return string(b)[:1]
}

func (h *Handler) week(w http.ResponseWriter, r *http.Request, c *call) {
	date, ok := h.dateParam(w, r, c)
	if !ok {
		return
	}
	monday := date.AddDays(-mondayIndex(date))
	ds, err := domain.LoadDataset(r.Context(), h.cfg.Store)
	if err != nil {
		h.serverError(w, r, c, err)
		return
	}
	plans, err := domain.Plans(h.cfg.Store).List(r.Context(), domain.ListOptions{})
	if err != nil {
		h.serverError(w, r, c, err)
		return
	}
	location := r.URL.Query().Get("locatie")
	wb := buildWeek(ds, plans, monday, location)
	if location != "" && !slices.Contains(wb.AllLocations, location) {
		wb = buildWeek(ds, plans, monday, "")
	}
	d := h.weekData(wb, plans, monday, c)
	d["OK"] = okMessages[r.URL.Query().Get("ok")]
	h.render(w, r, c, http.StatusOK, "week", d)
}

// weekData is the template data of the week page.
func (h *Handler) weekData(wb *weekBoard, plans []domain.Versioned[domain.Plan], monday domain.Date, c *call) map[string]any {
	d := map[string]any{"Title": "Week " + dayLabel(monday) + " t/m " + dayLabel(monday.AddDays(6)),
		"W": wb, "Monday": monday.String(), "Sunday": monday.AddDays(6).String(),
		"Prev": monday.AddDays(-7).String(), "Next": monday.AddDays(7).String(),
		"CanEdit": slices.Contains(planners, c.p.Role), "LocQuery": "", "Limit": int(h.planLimit().Seconds())}
	if wb.Location != "" {
		d["LocQuery"] = "?locatie=" + url.QueryEscape(wb.Location)
	}
	for j := range plans {
		if p := &plans[j].Value; p.From == monday && p.To == monday.AddDays(6) {
			d["PlanID"], d["Version"] = p.Key(), plans[j].Version
		}
	}
	return d
}

// generateWeek plans Monday to Sunday of the week automatically.
func (h *Handler) generateWeek(w http.ResponseWriter, r *http.Request, c *call) {
	date, ok := h.dateParam(w, r, c)
	if !ok {
		return
	}
	monday := date.AddDays(-mondayIndex(date))
	h.generateRange(w, r, c, monday, monday.AddDays(6), monday, "/week/")
}

package web

import (
	"cmp"
	"net/http"
	"slices"

	"ploeg/domain"
)

// weekCell is one werkplek on one day: how many are planned against the minimum.
type weekCell struct {
	Date    string
	Shifts  int
	Count   int
	Min     int
	Missing int
	Planned bool
}

type weekRow struct {
	Name, Kind string
	Cells      []weekCell
}

type weekLocation struct {
	Name string
	Rows []weekRow
}

type weekDay struct {
	Date, Label string
	Planned     bool
	Status      string
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
	days := make([]weekDay, 7)
	planOf := make([]*domain.Plan, 7)
	count := map[string]int{}
	var weekPlan *domain.Versioned[domain.Plan]
	for i := range days {
		d := monday.AddDays(i)
		days[i] = weekDay{Date: d.String(), Label: shortDay(d)}
		for j := range plans {
			p := &plans[j].Value
			if p.From <= d && d <= p.To && (planOf[i] == nil || p.To-p.From < planOf[i].To-planOf[i].From) {
				planOf[i] = p
			}
			if p.From == monday && p.To == monday.AddDays(6) {
				weekPlan = &plans[j]
			}
		}
		if planOf[i] != nil {
			days[i].Planned, days[i].Status = true, string(cmp.Or(planOf[i].Status, domain.Concept))
		}
	}
	seen := map[*domain.Plan]bool{}
	for _, p := range planOf {
		if p == nil || seen[p] {
			continue
		}
		seen[p] = true
		for _, a := range p.Assignments {
			count[a.Shift]++
		}
	}
	idx := map[string]int{}
	for i, d := range days {
		idx[d.Date] = i
	}
	cells := map[string][]weekCell{}
	for _, s := range ds.Shifts {
		i, ok := idx[s.Date.String()]
		if !ok {
			continue
		}
		row := cells[s.Workplace]
		if row == nil {
			row = make([]weekCell, 7)
			for k := range row {
				row[k].Date = days[k].Date
				row[k].Planned = days[k].Planned
			}
			cells[s.Workplace] = row
		}
		cl := &row[i]
		cl.Shifts++
		cl.Min += s.Min
		cl.Count += count[s.ID]
		if days[i].Planned && count[s.ID] < s.Min {
			cl.Missing += s.Min - count[s.ID]
		}
	}
	var locs []weekLocation
	for _, wp := range ds.Workplaces {
		row, ok := cells[wp.ID]
		if !ok {
			continue
		}
		li := slices.IndexFunc(locs, func(l weekLocation) bool { return l.Name == wp.Location })
		if li < 0 {
			locs = append(locs, weekLocation{Name: wp.Location})
			li = len(locs) - 1
		}
		locs[li].Rows = append(locs[li].Rows, weekRow{Name: cmp.Or(wp.Name, wp.ID), Kind: kindLabel(wp.Kind), Cells: row})
	}
	d := map[string]any{"Title": "Week " + dayLabel(monday) + " t/m " + dayLabel(monday.AddDays(6)),
		"Days": days, "Locations": locs, "Monday": monday.String(), "Sunday": monday.AddDays(6).String(),
		"Prev": monday.AddDays(-7).String(), "Next": monday.AddDays(7).String(),
		"CanEdit": slices.Contains(planners, c.p.Role)}
	if weekPlan != nil {
		d["PlanID"], d["Version"] = weekPlan.Value.Key(), weekPlan.Version
	}
	h.render(w, r, c, http.StatusOK, "week", d)
}

// generateWeek plans Monday to Sunday of the week automatically.
func (h *Handler) generateWeek(w http.ResponseWriter, r *http.Request, c *call) {
	date, ok := h.dateParam(w, r, c)
	if !ok {
		return
	}
	monday := date.AddDays(-mondayIndex(date))
	h.generateRange(w, r, c, monday, monday.AddDays(6), monday)
}

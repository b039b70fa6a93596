package demo

import (
	"slices"

	"ploeg/domain"
)

// pinCount is how many pins a demo of employees Wsw people gets: a handful, at most 25.
func pinCount(employees int) int { return min(25, max(3, employees/100)) }

// addPins fixes a handful of employees on a shift of their home workplace: each pin is valid on its
// own (available, skilled, no restricted condition, times that fit, room in the shift, a werkleider
// available) and together (one pin per employee and per shift).
func (g *generator) addPins(cal *domain.Calendar) {
	want := pinCount(g.opts.Employees)
	pinned := make([]bool, len(g.ds.Employees))
	for _, shi := range g.rng.Perm(len(g.ds.Shifts)) {
		if len(g.ds.Pinned) == want {
			return
		}
		if i, ok := g.pinFor(cal, shi, pinned); ok {
			pinned[i] = true
			g.ds.Pinned = append(g.ds.Pinned, domain.Pin{Employee: g.ds.Employees[i].ID, Shift: g.ds.Shifts[shi].ID})
		}
	}
}

// pinFor returns an employee of the shift's home team who can be pinned on it.
func (g *generator) pinFor(cal *domain.Calendar, shi int, pinned []bool) (int, bool) {
	sh := &g.ds.Shifts[shi]
	s := g.sites[g.shiftSite[shi]]
	if sh.Max < 1 || len(s.homes) == 0 || (s.wp.Kind.NeedsWerkleider() && !g.supervisable(cal, s, sh.Date)) {
		return 0, false
	}
	offset := g.rng.IntN(len(s.homes))
	for k := range s.homes {
		i := s.homes[(offset+k)%len(s.homes)]
		if !pinned[i] && g.canPin(cal, i, s, sh) {
			return i, true
		}
	}
	return 0, false
}

// canPin reports whether employee i may work shift sh of workplace s (H2, H3, H4, H6).
func (g *generator) canPin(cal *domain.Calendar, i int, s *site, sh *domain.Shift) bool {
	e := &g.ds.Employees[i]
	hasSkills := !slices.ContainsFunc(s.wp.Skills, func(sk string) bool { return !slices.Contains(e.Skills, sk) })
	return hasSkills && cal.EmployeeOn(e, sh.Date) == domain.Available &&
		g.people[i].restrictions&s.conditions == 0 &&
		fitsTimes(e, s.slot, domain.AgeOn(e.BirthDate, sh.Date), sh.Date.Weekday().Weekend())
}

// supervisable reports whether a werkleider listing s is available on d.
func (g *generator) supervisable(cal *domain.Calendar, s *site, d domain.Date) bool {
	return slices.ContainsFunc(s.werkleiders, func(w int) bool {
		return cal.WerkleiderOn(&g.ds.Werkleiders[w], d) == domain.Available
	})
}

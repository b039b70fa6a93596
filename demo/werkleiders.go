package demo

import (
	"fmt"
	"math"
	"slices"

	"ploeg/domain"
)

// werkleiderReserve is the share of werkleiders beyond one per team shift, for part-time days and absence.
const werkleiderReserve = 0.05

// capacities weighs werkleider capacities in begeleiding weight units (laag 1, midden 1.5, hoog 2).
var capacities = []weighted[float64]{{8, 3}, {9, 4}, {10, 10}, {11, 14}, {12, 22}, {13, 19}, {14, 15}, {15, 13}}

// wlDraft is a werkleider before ids and names are given out.
type wlDraft struct {
	sites    []int // site indices of the workplaces listed
	workdays []domain.Weekday
	capacity float64
}

// addWerkleiders staffs every location with one werkleider per team shift on its busiest day plus a
// reserve, each listing workplaces at that location (a few also one elsewhere), and then adds whoever
// is still needed so that every team shift of every weekday has a werkleider who lists it and works
// that day.
func (g *generator) addWerkleiders() {
	for _, sites := range g.locations() {
		g.staffLocation(sites)
	}
	g.coverWeekdays()
	width := max(2, digits(len(g.werkleiders)))
	for i, w := range g.werkleiders {
		wl := domain.Werkleider{
			ID:       fmt.Sprintf("wl-%0*d", width, i+1),
			Name:     g.name(between(g.rng, 1962, 1995), chance(g.rng, 0.45)),
			Workdays: w.workdays,
			Capacity: w.capacity,
		}
		for _, si := range w.sites {
			wl.Workplaces = append(wl.Workplaces, g.sites[si].wp.ID)
		}
		g.ds.Werkleiders = append(g.ds.Werkleiders, wl)
	}
}

// locations returns the site indices of the supervised workplaces grouped by location, in the order
// the locations first appear.
func (g *generator) locations() [][]int {
	var order []string
	byLocation := map[string][]int{}
	for i, s := range g.sites {
		if !s.wp.Kind.NeedsWerkleider() {
			continue
		}
		if _, seen := byLocation[s.wp.Location]; !seen {
			order = append(order, s.wp.Location)
		}
		byLocation[s.wp.Location] = append(byLocation[s.wp.Location], i)
	}
	groups := make([][]int, len(order))
	for i, loc := range order {
		groups[i] = byLocation[loc]
	}
	return groups
}

// staffLocation adds the werkleiders of one location, taking the team shifts in turn as their main
// workplace.
func (g *generator) staffLocation(sites []int) {
	var teams []int // one entry per team on the busiest day of each workplace
	busiest := 0
	for wd := range domain.Zondag {
		n := 0
		for _, si := range sites {
			n += g.sites[si].demand[wd].teams
		}
		busiest = max(busiest, n)
	}
	for _, si := range sites {
		for range maxTeams(g.sites[si]) {
			teams = append(teams, si)
		}
	}
	n := busiest + int(math.Ceil(float64(busiest)*werkleiderReserve))
	for k := range n {
		main := teams[k%len(teams)]
		g.newWerkleider(g.listFor(main, sites), g.draftWorkdays(g.sites[main]))
	}
}

func maxTeams(s *site) int {
	n := 0
	for _, dm := range s.demand {
		n = max(n, dm.teams)
	}
	return n
}

// listFor returns the workplaces a werkleider with main workplace main lists: up to two more at the
// same location, and now and then one at another location.
func (g *generator) listFor(main int, sameLocation []int) []int {
	list := []int{main}
	for range draw(g.rng, []weighted[int]{{0, 40}, {1, 45}, {2, 15}}) {
		if si := sameLocation[g.rng.IntN(len(sameLocation))]; !slices.Contains(list, si) {
			list = append(list, si)
		}
	}
	if chance(g.rng, 0.1) {
		other := g.rng.IntN(len(g.sites))
		if s := g.sites[other]; s.wp.Kind.NeedsWerkleider() && s.wp.Location != g.sites[main].wp.Location {
			list = append(list, other)
		}
	}
	return list
}

// draftWorkdays: mostly ma–vr, di–za for half of those at a workplace open on Saturday, four days for a few.
func (g *generator) draftWorkdays(main *site) []domain.Weekday {
	switch {
	case main.saturday && chance(g.rng, 0.5):
		return slices.Clone(diZa)
	case chance(g.rng, 0.1):
		off := draw(g.rng, []weighted[domain.Weekday]{{domain.Woensdag, 1}, {domain.Vrijdag, 1}})
		return slices.DeleteFunc(slices.Clone(maVr), func(d domain.Weekday) bool { return d == off })
	}
	return slices.Clone(maVr)
}

func (g *generator) newWerkleider(sites []int, workdays []domain.Weekday) {
	idx := len(g.werkleiders)
	g.werkleiders = append(g.werkleiders, &wlDraft{sites: sites, workdays: workdays, capacity: draw(g.rng, capacities)})
	for _, si := range sites {
		g.sites[si].werkleiders = append(g.sites[si].werkleiders, idx)
	}
}

// coverWeekdays adds werkleiders until every supervised workplace has, on every weekday, at least as
// many werkleiders listing it and working that day as it has team shifts.
func (g *generator) coverWeekdays() {
	for si, s := range g.sites {
		if !s.wp.Kind.NeedsWerkleider() {
			continue
		}
		for wd, dm := range s.demand {
			for have := g.covering(s, domain.Weekday(wd)); have < dm.teams; have++ {
				days := maVr
				if domain.Weekday(wd) == domain.Zaterdag {
					days = diZa
				}
				g.newWerkleider([]int{si}, slices.Clone(days))
			}
		}
	}
}

// covering counts the werkleiders listing s who work on weekday wd.
func (g *generator) covering(s *site, wd domain.Weekday) int {
	n := 0
	for _, w := range s.werkleiders {
		if slices.Contains(g.werkleiders[w].workdays, wd) {
			n++
		}
	}
	return n
}

package demo

import (
	"cmp"
	"fmt"
	"math"
	"slices"

	"ploeg/domain"
)

// demand is what a workplace asks on one weekday: teams shifts of about people each.
type demand struct {
	teams  int
	people float64
}

const (
	// presence is the expected share of the scheduled people that is not absent.
	presence = 0.93
	// teamWeight is the begeleiding weight one team is sized for: one shift, one werkleider (H9), so a
	// team stays within what one werkleider can supervise (capacity 8–15).
	teamWeight = 13.0
)

// planDemand sizes every workplace's shifts per weekday from its home team: the Wsw problem is driven
// by supply, so the work follows the people. A supervised workplace gets as many parallel team shifts
// as one werkleider's capacity requires; a detachering one shift.
func (g *generator) planDemand() {
	bw := g.ds.Organisation.BegeleidingWeights
	for _, s := range g.sites {
		var count, weight [7]float64
		for _, i := range s.homes {
			e := &g.ds.Employees[i]
			if !g.employedOnStart(e) {
				continue
			}
			for _, wd := range e.Workdays {
				count[wd]++
				weight[wd] += bw.Of(e.Begeleiding)
			}
		}
		for wd := range s.demand {
			if !s.open(domain.Weekday(wd)) {
				continue
			}
			teams := 1
			if s.wp.Kind.NeedsWerkleider() {
				teams = max(1, int(math.Ceil(weight[wd]*presence/teamWeight)))
			}
			s.demand[wd] = demand{teams: teams, people: count[wd] * presence / float64(teams)}
		}
	}
}

// employedOnStart reports whether e has a running contract on the start date and is below AOW age.
func (g *generator) employedOnStart(e *domain.Employee) bool {
	start := g.opts.Start
	return e.ContractStart <= start && (e.ContractEnd == nil || *e.ContractEnd >= start) &&
		domain.AOWDate(e.BirthDate) > start
}

// bounds returns min and max of one team shift of about people persons. In-house work takes what
// comes (a generous max); client work (uitbesteed, detachering) needs its people.
func bounds(kind domain.WorkplaceKind, people float64) (lo, hi int) {
	if people == 0 {
		return 0, 2
	}
	switch kind {
	case domain.Bedrijfsactiviteit:
		lo, hi = int(math.Round(people*0.9)), int(math.Ceil(people*1.35))+1
	case domain.Uitbesteed:
		lo, hi = int(math.Round(people)), int(math.Ceil(people*1.15))+1
	default:
		lo, hi = int(math.Round(people)), int(math.Ceil(people))+1
	}
	return lo, hi
}

// addShifts adds, for every planning day and open workplace, one shift per team: id
// <workplace>-<date>, with -1, -2, … when there are more.
func (g *generator) addShifts() {
	for _, d := range g.dates {
		from := len(g.ds.Shifts)
		wd := d.Weekday()
		for si, s := range g.sites {
			if !s.open(wd) {
				continue
			}
			dm := s.demand[wd]
			lo, hi := bounds(s.wp.Kind, dm.people)
			for t := range dm.teams {
				id := fmt.Sprintf("%s-%s", s.wp.ID, d)
				if dm.teams > 1 {
					id = fmt.Sprintf("%s-%d", id, t+1)
				}
				g.ds.Shifts = append(g.ds.Shifts, domain.Shift{
					ID: id, Workplace: s.wp.ID, Date: d, Start: s.slot.start, End: s.slot.end,
					BreakMinutes: s.slot.breakMinutes, Min: lo, Max: hi, Priority: s.priority,
				})
				g.shiftSite = append(g.shiftSite, si)
			}
		}
		g.dayShifts = append(g.dayShifts, [2]int{from, len(g.ds.Shifts)})
	}
}

// capDemand makes sure no day asks more people (summed min) than are available that day, lowering the
// minimum of the least urgent shifts first.
func (g *generator) capDemand(cal *domain.Calendar) {
	for di, d := range g.dates {
		day := g.ds.Shifts[g.dayShifts[di][0]:g.dayShifts[di][1]]
		excess := -g.availableOn(cal, d)
		for _, sh := range day {
			excess += sh.Min
		}
		if excess <= 0 {
			continue
		}
		order := make([]int, len(day))
		for i := range order {
			order[i] = i
		}
		slices.SortStableFunc(order, func(a, b int) int {
			return cmp.Or(cmp.Compare(day[a].Priority, day[b].Priority), cmp.Compare(day[b].Min, day[a].Min))
		})
		for excess > 0 {
			for _, i := range order {
				if excess > 0 && day[i].Min > 0 {
					day[i].Min--
					excess--
				}
			}
		}
	}
}

// availableOn counts the employees available on d.
func (g *generator) availableOn(cal *domain.Calendar, d domain.Date) int {
	n := 0
	for i := range g.ds.Employees {
		if cal.EmployeeOn(&g.ds.Employees[i], d) == domain.Available {
			n++
		}
	}
	return n
}

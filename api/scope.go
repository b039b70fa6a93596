package api

import (
	"sync"

	"ploeg/domain"
	"ploeg/scheduler"
)

// shiftIndex is the last dataset's shifts by id: plan changes share one dataset snapshot (read
// only) until the store changes, so the index is made once per snapshot.
var shiftIndex struct {
	sync.Mutex
	ds   *domain.Dataset
	byID map[string]*domain.Shift
}

// shiftsByID returns ds's shifts by id; the map is shared and must only be read.
func shiftsByID(ds *domain.Dataset) map[string]*domain.Shift {
	shiftIndex.Lock()
	defer shiftIndex.Unlock()
	if shiftIndex.ds != ds {
		m := make(map[string]*domain.Shift, len(ds.Shifts))
		for i := range ds.Shifts {
			m[ds.Shifts[i].ID] = &ds.Shifts[i]
		}
		shiftIndex.ds, shiftIndex.byID = ds, m
	}
	return shiftIndex.byID
}

// changeScope is the part of a plan that changing one person's day can affect, as a dataset and a
// plan small enough to check on every change: the person's shift before and after, every shift
// that day of the werkleiders who lead those two or may be asked to (a werkleider's capacity and
// single location are per day), everyone on those shifts, and every shift of that person in the
// plan (weekly hours, rest). The hard rules of docs/DATASET.md judge everything else by what the
// change leaves alone, so a violation the change brings is one in the scope; and since the scope is
// the same before and after, the difference of its scores is the difference of the whole plan's.
type changeScope struct {
	ds       *domain.Dataset
	shiftOf  map[string]*domain.Shift
	employee string
	date     domain.Date
	shifts   map[string]bool
}

// newChangeScope returns the scope of employee's day d in plan p when the person moves from shift
// prev to shift next ("" for none) and leaders may be asked to lead next; shiftOf holds the
// dataset's shifts by id.
func newChangeScope(ds *domain.Dataset, shiftOf map[string]*domain.Shift, p *domain.Plan, employee string, d domain.Date, prev, next string, leaders []string) changeScope {
	sc := changeScope{shiftOf: shiftOf, employee: employee, date: d, shifts: map[string]bool{}}
	werkleiders := map[string]bool{}
	for _, w := range leaders {
		werkleiders[w] = true
	}
	for _, id := range []string{prev, next} {
		if shiftOf[id] != nil {
			sc.shifts[id] = true
		}
	}
	for _, sv := range p.Supervision {
		if sc.shifts[sv.Shift] {
			werkleiders[sv.Werkleider] = true
		}
	}
	for _, sv := range p.Supervision {
		if sh := shiftOf[sv.Shift]; werkleiders[sv.Werkleider] && sh != nil && sh.Date == d {
			sc.shifts[sv.Shift] = true
		}
	}
	people := map[string]bool{employee: true}
	for _, a := range p.Assignments {
		switch {
		case a.Employee == employee && shiftOf[a.Shift] != nil: // a shift deleted since is no part of it
			sc.shifts[a.Shift] = true
		case sc.shifts[a.Shift]:
			people[a.Employee] = true
		}
	}
	sub := *ds
	sub.Shifts, sub.Employees, sub.Pinned = nil, nil, nil
	for _, sh := range ds.Shifts {
		if sc.shifts[sh.ID] {
			sub.Shifts = append(sub.Shifts, sh)
		}
	}
	for _, e := range ds.Employees {
		if people[e.ID] {
			sub.Employees = append(sub.Employees, e)
		}
	}
	for _, pn := range ds.Pinned {
		if sc.shifts[pn.Shift] && people[pn.Employee] {
			sub.Pinned = append(sub.Pinned, pn)
		}
	}
	sc.ds = &sub
	return sc
}

// plan returns the part of p in the scope: the day's assignments and the person's, and the
// werkleiders of those shifts.
func (sc changeScope) plan(p *domain.Plan) *domain.Plan {
	out := &domain.Plan{From: p.From, To: p.To}
	for _, a := range p.Assignments {
		if sh := sc.shiftOf[a.Shift]; sc.shifts[a.Shift] && sh != nil && (a.Employee == sc.employee || sh.Date == sc.date) {
			out.Assignments = append(out.Assignments, a)
		}
	}
	for _, sv := range p.Supervision {
		if sc.shifts[sv.Shift] {
			out.Supervision = append(out.Supervision, sv)
		}
	}
	return out
}

// scoreAfter is the whole plan's score after a change: its score before plus what the change did to
// the score of its scope.
func scoreAfter(w domain.Weights, whole, before, after domain.Score) domain.Score {
	sc := domain.Score{
		Understaffed: whole.Understaffed + after.Understaffed - before.Understaffed,
		Idle:         whole.Idle + after.Idle - before.Idle,
		Continuity:   whole.Continuity + after.Continuity - before.Continuity,
	}
	sc.Total = scheduler.Total(w, sc.Understaffed, sc.Idle, sc.Continuity)
	return sc
}

package scheduler

import (
	"context"
	"time"

	"ploeg/domain"
)

// Changes are what happened since a plan was made: new absences (ziekmeldingen, verlof) and new pins.
type Changes struct {
	Absences []domain.Absence `json:"absences"`
	Pinned   []domain.Pin     `json:"pinned"`
}

// RepairReport says what a repair did to the previous plan.
type RepairReport struct {
	// Changed counts the previous plan's assignments that were moved or dropped.
	Changed int `json:"changed"`
	// Broken lists the previous assignments the changes made impossible (they had to go).
	Broken []domain.Assignment `json:"broken"`
	// Added counts assignments of people who had no shift that day in the previous plan.
	Added int `json:"added"`
}

// RepairOptions steer a repair.
type RepairOptions struct {
	Options
	// ChangeCost is what changing one previous assignment costs in the objective; 0 means half the
	// idle weight, so a change is made to fill a shortage or to give someone work, never just to
	// send someone home to their own werkplek.
	ChangeCost float64
}

// Repair makes a valid plan for the previous plan's range after the changes, changing as few of the
// previous assignments as it can. Pinned assignments never move. ds is the dataset before the changes.
func Repair(ctx context.Context, ds *domain.Dataset, previous domain.Plan, ch Changes, opts RepairOptions) (domain.Plan, RepairReport, error) {
	began := time.Now()
	next := *ds
	next.Absences = append(append([]domain.Absence(nil), ds.Absences...), ch.Absences...)
	next.Pinned = append(append([]domain.Pin(nil), ds.Pinned...), ch.Pinned...)
	if err := next.Validate(); err != nil {
		return domain.Plan{}, RepairReport{}, err
	}
	m, err := newModel(&next, previous.From, previous.To)
	if err != nil {
		return domain.Plan{}, RepairReport{}, err
	}
	cost := opts.ChangeCost
	if cost <= 0 {
		cost = m.w.Idle / 2
	}
	prev := make([][]int32, len(m.emps))
	for e := range prev {
		prev[e] = make([]int32, m.days)
		for d := range prev[e] {
			prev[e][d] = -1
		}
	}
	prevLeader := map[int32]int32{}
	for _, sv := range previous.Supervision {
		si, ok1 := m.shiftIx[sv.Shift]
		wi, ok2 := m.wlIx[sv.Werkleider]
		if ok1 && ok2 {
			prevLeader[int32(si)] = int32(wi)
		}
	}
	var rep RepairReport
	for _, a := range previous.Assignments {
		ei, ok1 := m.empIx[a.Employee]
		si, ok2 := m.shiftIx[a.Shift]
		if !ok1 || !ok2 {
			rep.Broken = append(rep.Broken, a)
			continue
		}
		prev[ei][m.shifts[si].day] = int32(si)
	}

	st := newState(m)
	st.setPrevious(prev, cost)
	for e := range m.emps { // pins first: they are fixed
		for d := range m.days {
			if s := m.emps[e].pinnedDay[d]; s >= 0 {
				st.placeWithLeader(e, d, s, prevLeader)
			}
		}
	}
	for e := range m.emps { // then every previous assignment that still keeps the rules
		for d := range m.days {
			s := prev[e][d]
			if s < 0 || st.asg[e][d] >= 0 {
				continue
			}
			if !m.eligible(e, d, s) || len(st.members[s]) >= m.shifts[s].max || !st.seqOK(e, d, s) ||
				!st.placeWithLeader(e, d, s, prevLeader) {
				rep.Broken = append(rep.Broken, domain.Assignment{Employee: m.emps[e].id, Shift: m.shifts[s].id})
			}
		}
	}
	for d := range m.days {
		st.placeLeftovers(d)
	}
	s := newSearcher(st, opts.Seed, lowerBound(m))
	// Search the days the changes touched: where an assignment broke or a shift is short.
	s.days = make([]bool, m.days)
	for e := range m.emps {
		for d := range m.days {
			if prev[e][d] >= 0 && st.asg[e][d] != prev[e][d] {
				s.days[d] = true
			}
		}
	}
	for si := range m.shifts {
		if len(st.members[si]) < m.shifts[si].min {
			s.days[m.shifts[si].day] = true
		}
	}
	effort, deadline := opts.limits(began)
	s.anneal(ctx, effort*repairEffort, deadline, nil)
	best := s.st.restoreFrom(s.best)
	rep.Changed = best.changed
	for e := range m.emps {
		for d := range m.days {
			if prev[e][d] < 0 && best.asg[e][d] >= 0 {
				rep.Added++
			}
		}
	}
	return best.plan(), rep, nil
}

// repairEffort scales a repair's search relative to a fresh plan's: it starts from a good plan.
const repairEffort = 0.3

// placeWithLeader adds e to shift s under the werkleider who led it before when that still fits,
// else under whoever can; it returns false when nobody can lead.
func (st *state) placeWithLeader(e, d int, s int32, prevLeader map[int32]int32) bool {
	weight := st.m.emps[e].weight
	if st.leader[s] < 0 && st.m.shifts[s].needsWL {
		if w, ok := prevLeader[s]; ok && contains(st.m.shifts[s].werkleids, w) &&
			(st.wlLoc[w][d] < 0 || st.wlLoc[w][d] == int32(st.m.shifts[s].loc)) &&
			st.wlLoad[w][d]+weight <= st.m.wls[w].cap+eps {
			st.setLeader(s, w)
			st.add(e, d, s)
			return true
		}
	}
	w := st.leaderFor(s, weight)
	if !st.canLead(s, w) {
		return false
	}
	st.setLeader(s, w)
	st.add(e, d, s)
	return true
}

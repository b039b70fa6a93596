package gen_test

import (
	"cmp"
	"slices"
	"strings"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"ploeg/domain"
	"ploeg/scheduler"
	"ploeg/scheduler/gen"
)

// instance is a generated dataset with its eligible pairs (by gen.Ineligible, which
// TestIneligibleAgreesWithCheck holds to the checker).
type instance struct {
	t        *testing.T
	ds       *domain.Dataset
	cal      *domain.Calendar
	from, to domain.Date
	eligible map[string][]*domain.Employee // shift id → employees
	works    map[string][]*domain.Shift    // employee id → shifts, by date
}

func newInstance(t *testing.T, seed uint64) *instance {
	ds := gen.Random(seed, sizeFor(seed))
	cal, err := domain.NewCalendar(ds)
	require.NoError(t, err)
	in := &instance{t: t, ds: ds, cal: cal, eligible: map[string][]*domain.Employee{}, works: map[string][]*domain.Shift{}}
	in.from, in.to = gen.Range(ds)
	for j := range ds.Shifts {
		for i := range ds.Employees {
			e, s := &ds.Employees[i], &ds.Shifts[j]
			if rule, _ := gen.Ineligible(cal, e, s, workplace(ds, s.Workplace)); rule == "" {
				in.eligible[s.ID] = append(in.eligible[s.ID], e)
				in.works[e.ID] = append(in.works[e.ID], s)
			}
		}
	}
	for _, ss := range in.works {
		slices.SortStableFunc(ss, func(a, b *domain.Shift) int { return cmp.Compare(a.Date, b.Date) })
	}
	return in
}

// check returns the rules (with messages) the checker finds in a plan of these assignments and
// supervision.
func (in *instance) check(as []domain.Assignment, sv []domain.Supervision) []scheduler.Violation {
	rep, err := scheduler.Check(in.ds, &domain.Plan{From: in.from, To: in.to, Assignments: as, Supervision: sv})
	require.NoError(in.t, err)
	return rep.Violations
}

func has(vs []scheduler.Violation, rule, text string) bool {
	return slices.ContainsFunc(vs, func(v scheduler.Violation) bool { return v.Rule == rule && strings.Contains(v.Message, text) })
}

// TestEveryRuleBinds: across 50 seeds each hard rule keeps some plan from being valid: there are
// available employees who lack a skill (H3), have a restriction (H4) or whose times, hours or age
// forbid a shift (H6, every kind), shifts with more eligible people than max (H5), people who
// cannot work every day they could because of their contract hours (H7) or of rest (H8), and
// werkleiders whose capacity, single location or absence limits who can work (H9). The last four
// are confirmed by scheduler.Check on a plan that breaks them.
func TestEveryRuleBinds(t *testing.T) {
	found := map[string]int{}
	for seed := range uint64(50) {
		in := newInstance(t, seed)
		in.pairReasons(found)
		in.overMax(found)
		in.weekHours(found)
		in.rest(found)
		in.capacity(found)
		in.locations(found)
		in.unsupervisable(found)
	}
	t.Log(found)
	for _, want := range []string{"H3", "H4", "H7 one shift", "H5", "H7", "H8", "H9 capacity", "H9 location", "H9 nobody",
		"H6 before earliestStart", "H6 after latestEnd", "H6 maxHoursPerDay", "H6 minor", "H6 55+ before 08:00",
		"H6 55+ after 18:00", "H6 55+ weekend"} {
		assert.Positive(t, found[want], want)
	}
}

// pairReasons counts the available pairs that a single-assignment rule forbids.
func (in *instance) pairReasons(found map[string]int) {
	h6 := map[string]string{"before earliestStart": "H6 before earliestStart", "after latestEnd": "H6 after latestEnd",
		"maxHoursPerDay": "H6 maxHoursPerDay", "at age": "H6 minor", "before 08:00": "H6 55+ before 08:00",
		"after 18:00": "H6 55+ after 18:00", "a shift on": "H6 55+ weekend"}
	for i := range in.ds.Employees {
		for j := range in.ds.Shifts {
			e, s := &in.ds.Employees[i], &in.ds.Shifts[j]
			rule, why := gen.Ineligible(in.cal, e, s, workplace(in.ds, s.Workplace))
			switch rule {
			case "H3", "H4":
				found[rule]++
			case "H7":
				found["H7 one shift"]++
			case "H6":
				for text, key := range h6 {
					if strings.Contains(why, text) {
						found[key]++
					}
				}
			}
		}
	}
}

// overMax: a shift with more eligible people than its max; all of them on it break H5.
func (in *instance) overMax(found map[string]int) {
	for _, s := range in.ds.Shifts {
		es := in.eligible[s.ID]
		if len(es) <= s.Max {
			continue
		}
		var as []domain.Assignment
		for _, e := range es {
			as = append(as, domain.Assignment{Employee: e.ID, Shift: s.ID})
		}
		if has(in.check(as, nil), "H5", "") {
			found["H5"]++
		}
	}
}

// weekHours: someone who, working the shortest shift they may on each day of a week (skipping days
// without enough rest), works more than their contract hours: H7.
func (in *instance) weekHours(found map[string]int) {
	for id, ss := range in.works {
		var as []domain.Assignment
		var prev *domain.Shift
		for _, s := range ss {
			if prev != nil && (prev.Date == s.Date || gen.RestConflict(prev, s)) {
				continue
			}
			as, prev = append(as, domain.Assignment{Employee: id, Shift: s.ID}), s
		}
		if vs := in.check(as, nil); has(vs, "H7", "") {
			found["H7"]++
		}
	}
}

// rest: someone eligible for two shifts on different dates with less than 11 hours between: H8.
func (in *instance) rest(found map[string]int) {
	for id, ss := range in.works {
		for i, a := range ss {
			for _, b := range ss[i+1:] {
				if a.Date != b.Date && gen.RestConflict(a, b) &&
					has(in.check([]domain.Assignment{{Employee: id, Shift: a.ID}, {Employee: id, Shift: b.ID}}, nil), "H8", "") {
					found["H8"]++
				}
			}
		}
	}
}

// capacity: a werkleider who could lead a shift but not with its heaviest eligible people up to
// its max: H9.
func (in *instance) capacity(found map[string]int) {
	bw := in.ds.Organisation.BegeleidingWeights
	for _, s := range in.ds.Shifts {
		w := leaderFor(in.ds, in.cal, &s)
		if w == "" {
			continue
		}
		es := slices.Clone(in.eligible[s.ID])
		slices.SortStableFunc(es, func(a, b *domain.Employee) int { return cmp.Compare(bw.Of(b.Begeleiding), bw.Of(a.Begeleiding)) })
		var as []domain.Assignment
		for _, e := range es[:min(len(es), s.Max)] {
			as = append(as, domain.Assignment{Employee: e.ID, Shift: s.ID})
		}
		if len(as) > 0 && has(in.check(as, []domain.Supervision{{Werkleider: w, Shift: s.ID}}), "H9", "capaciteit") {
			found["H9 capacity"]++
		}
	}
}

// locations: a werkleider who could lead shifts at two locations on one date, each with an eligible
// employee, may lead only one of them: H9.
func (in *instance) locations(found map[string]int) {
	for i := range in.ds.Werkleiders {
		w := &in.ds.Werkleiders[i]
		for a := range in.ds.Shifts {
			for b := a + 1; b < len(in.ds.Shifts); b++ {
				sa, sb := &in.ds.Shifts[a], &in.ds.Shifts[b]
				if sa.Date != sb.Date || !slices.Contains(w.Workplaces, sa.Workplace) || !slices.Contains(w.Workplaces, sb.Workplace) ||
					in.cal.WerkleiderOn(w, sa.Date) != domain.Available ||
					workplace(in.ds, sa.Workplace).Location == workplace(in.ds, sb.Workplace).Location {
					continue
				}
				ea, eb := in.eligible[sa.ID], in.eligible[sb.ID]
				if len(ea) == 0 || len(eb) == 0 || (len(ea) == 1 && len(eb) == 1 && ea[0] == eb[0]) {
					continue
				}
				pa, pb := ea[0], eb[0]
				if pa == pb {
					if len(eb) > 1 {
						pb = eb[1]
					} else {
						pa = ea[1]
					}
				}
				vs := in.check([]domain.Assignment{{Employee: pa.ID, Shift: sa.ID}, {Employee: pb.ID, Shift: sb.ID}},
					[]domain.Supervision{{Werkleider: w.ID, Shift: sa.ID}, {Werkleider: w.ID, Shift: sb.ID}})
				if has(vs, "H9", "twee locaties") {
					found["H9 location"]++
				}
			}
		}
	}
}

// unsupervisable: a shift that needs a werkleider and has eligible employees, but no werkleider
// who lists it is available that date.
func (in *instance) unsupervisable(found map[string]int) {
	for _, s := range in.ds.Shifts {
		if workplace(in.ds, s.Workplace).Kind.NeedsWerkleider() && len(in.eligible[s.ID]) > 0 && leaderFor(in.ds, in.cal, &s) == "" {
			found["H9 nobody"]++
		}
	}
}

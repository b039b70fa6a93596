package gen_test

import (
	"bytes"
	"slices"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"ploeg/domain"
	"ploeg/scheduler"
	"ploeg/scheduler/gen"
)

// sizeFor varies the size with the seed: 5–40 employees, 1–9 days.
func sizeFor(seed uint64) gen.Size {
	return gen.Size{Employees: 5 + int(seed*7%36), Workplaces: 3 + int(seed%5), Days: 1 + int(seed*3%9)}
}

func TestRandomIsValid(t *testing.T) {
	for seed := range uint64(200) {
		ds := gen.Random(seed, sizeFor(seed))
		require.NoError(t, ds.Validate(), "seed %d", seed)

		// It survives the exchange format: encoded and strictly decoded it is the same dataset.
		var buf bytes.Buffer
		require.NoError(t, domain.EncodeDataset(&buf, ds))
		back, err := domain.DecodeDataset(&buf)
		require.NoError(t, err, "seed %d", seed)
		require.Equal(t, ds, back, "seed %d", seed)

		// Every date of the range has a shift, and the range has the days asked for.
		from, to := gen.Range(ds)
		require.Equal(t, sizeFor(seed).Days, int(to-from)+1, "seed %d", seed)
		for d := from; d <= to; d++ {
			require.True(t, slices.ContainsFunc(ds.Shifts, func(s domain.Shift) bool { return s.Date == d }), "seed %d: no shift on %s", seed, d)
		}
	}
}

func TestDefaults(t *testing.T) {
	ds := gen.Random(1, gen.Size{})
	assert.Len(t, ds.Employees, gen.DefaultSize.Employees)
	assert.Len(t, ds.Workplaces, gen.DefaultSize.Workplaces)
	assert.Len(t, ds.Werkleiders, gen.DefaultSize.Werkleiders)
	from, to := gen.Range(ds)
	assert.Equal(t, gen.DefaultSize.Days, int(to-from)+1)
}

func TestDeterministic(t *testing.T) {
	for seed := range uint64(10) {
		a, b := gen.Random(seed, gen.Size{}), gen.Random(seed, gen.Size{})
		require.Equal(t, a, b)
		require.NotEqual(t, a, gen.Random(seed+1, gen.Size{}))
	}
}

func TestVariety(t *testing.T) {
	// Across 50 seeds every kind of awkwardness the rules need is there.
	seen := map[string]bool{}
	for seed := range uint64(50) {
		ds := gen.Random(seed, sizeFor(seed))
		from, to := gen.Range(ds)
		cal, err := domain.NewCalendar(ds)
		require.NoError(t, err)
		for _, wp := range ds.Workplaces {
			seen["kind "+string(wp.Kind)] = true
		}
		for _, s := range ds.Shifts {
			seen["overnight"] = seen["overnight"] || s.End < s.Start
			seen["weekend"] = seen["weekend"] || s.Date.Weekday().Weekend()
			seen["starts before 08:00"] = seen["starts before 08:00"] || s.Start.Minutes() < 8*60
		}
		for i := range ds.Employees {
			e := &ds.Employees[i]
			for d := from; d <= to; d++ {
				age := domain.AgeOn(e.BirthDate, d)
				seen["minor"] = seen["minor"] || age < 18
				seen["55+ without consent"] = seen["55+ without consent"] || (age >= 55 && !e.SeniorConsent)
				seen["55+ with consent"] = seen["55+ with consent"] || (age >= 55 && e.SeniorConsent)
				seen["turns 55 in range"] = seen["turns 55 in range"] || (age == 55 && domain.AgeOn(e.BirthDate, from) == 54)
				switch cal.EmployeeOn(e, d) {
				case domain.PastAOW:
					seen["past AOW"] = true
				case domain.BeforeContract:
					seen["contract starts in range"] = seen["contract starts in range"] || e.ContractStart <= to
				case domain.AfterContract:
					seen["contract ended in range"] = seen["contract ended in range"] || *e.ContractEnd >= from
				case domain.Absent:
					seen["absent"] = true
				}
			}
			seen["earliestStart"] = seen["earliestStart"] || e.EarliestStart != nil
			seen["latestEnd"] = seen["latestEnd"] || e.LatestEnd != nil
			seen["maxHoursPerDay"] = seen["maxHoursPerDay"] || e.MaxHoursPerDay != nil
			seen["part-time"] = seen["part-time"] || e.ContractHours <= 16
		}
		for _, a := range ds.Absences {
			seen["werkleider absent"] = seen["werkleider absent"] || slices.ContainsFunc(ds.Werkleiders, func(w domain.Werkleider) bool { return w.ID == a.Person })
		}
		seen["pins"] = seen["pins"] || len(ds.Pinned) > 0
		seen["non-default weights"] = seen["non-default weights"] || ds.Organisation.Weights != domain.DefaultWeights()
	}
	for _, want := range []string{"kind bedrijfsactiviteit", "kind uitbesteed", "kind detachering", "overnight", "weekend",
		"starts before 08:00", "minor", "55+ without consent", "55+ with consent", "turns 55 in range", "past AOW",
		"contract starts in range", "contract ended in range", "absent", "werkleider absent", "earliestStart", "latestEnd",
		"maxHoursPerDay", "part-time", "pins", "non-default weights"} {
		assert.True(t, seen[want], want)
	}
}

// TestRangeSpansClockChange: some seeds plan across a change to or from summer time.
func TestRangeSpansClockChange(t *testing.T) {
	found := false
	for seed := uint64(0); seed < 50 && !found; seed++ {
		from, to := gen.Range(gen.Random(seed, gen.Size{Days: 7}))
		for d := from; d < to; d++ {
			_, off1 := d.In(domain.Amsterdam, 0).Zone()
			_, off2 := d.AddDays(1).In(domain.Amsterdam, 0).Zone()
			found = found || off1 != off2
		}
	}
	assert.True(t, found)
}

// single is the checker's verdict on one employee working one shift alone, led by the first
// werkleider who could lead it.
func single(t *testing.T, ds *domain.Dataset, cal *domain.Calendar, e *domain.Employee, s *domain.Shift) []scheduler.Violation {
	from, to := gen.Range(ds)
	p := domain.Plan{From: from, To: to, Assignments: []domain.Assignment{{Employee: e.ID, Shift: s.ID}}}
	if w := leaderFor(ds, cal, s); w != "" {
		p.Supervision = []domain.Supervision{{Werkleider: w, Shift: s.ID}}
	}
	rep, err := scheduler.Check(ds, &p)
	require.NoError(t, err)
	return rep.Violations
}

// leaderFor returns a werkleider who lists the shift's workplace and is available, if it needs one.
func leaderFor(ds *domain.Dataset, cal *domain.Calendar, s *domain.Shift) string {
	wp := workplace(ds, s.Workplace)
	if !wp.Kind.NeedsWerkleider() {
		return ""
	}
	for i := range ds.Werkleiders {
		w := &ds.Werkleiders[i]
		if slices.Contains(w.Workplaces, wp.ID) && cal.WerkleiderOn(w, s.Date) == domain.Available {
			return w.ID
		}
	}
	return ""
}

func workplace(ds *domain.Dataset, id string) *domain.Workplace {
	return &ds.Workplaces[slices.IndexFunc(ds.Workplaces, func(w domain.Workplace) bool { return w.ID == id })]
}

var pairRules = []string{"H2", "H3", "H4", "H6", "H7"}

// TestIneligibleAgreesWithCheck: for every (employee, shift) pair of 20 datasets, Ineligible
// forbids the pair exactly when scheduler.Check finds one of H2, H3, H4, H6, H7 in a plan of that
// one assignment, and names one of the rules it finds.
func TestIneligibleAgreesWithCheck(t *testing.T) {
	for seed := range uint64(20) {
		ds := gen.Random(seed, sizeFor(seed))
		cal, err := domain.NewCalendar(ds)
		require.NoError(t, err)
		for i := range ds.Employees {
			for j := range ds.Shifts {
				e, s := &ds.Employees[i], &ds.Shifts[j]
				rule, why := gen.Ineligible(cal, e, s, workplace(ds, s.Workplace))
				var found []string
				for _, v := range single(t, ds, cal, e, s) {
					if slices.Contains(pairRules, v.Rule) {
						found = append(found, v.Rule)
					}
				}
				if rule == "" {
					require.Empty(t, found, "seed %d: %s on %s", seed, e.ID, s.ID)
				} else {
					require.Contains(t, found, rule, "seed %d: %s on %s: %s", seed, e.ID, s.ID, why)
				}
			}
		}
	}
}

// TestPinsCanBeKept: the pins of a dataset, with a werkleider for each pinned shift, make a plan
// the checker accepts.
func TestPinsCanBeKept(t *testing.T) {
	pins := 0
	for seed := range uint64(100) {
		ds := gen.Random(seed, sizeFor(seed))
		pins += len(ds.Pinned)
		require.True(t, pinsKeepable(t, ds), "seed %d: the pins cannot be kept together", seed)
	}
	assert.Greater(t, pins, 100)
}

// pinsKeepable tries every choice of werkleiders for the pinned shifts until the checker accepts
// the plan of just the pins.
func pinsKeepable(t *testing.T, ds *domain.Dataset) bool {
	cal, err := domain.NewCalendar(ds)
	require.NoError(t, err)
	from, to := gen.Range(ds)
	p := domain.Plan{From: from, To: to}
	var needs []*domain.Shift
	for _, pin := range ds.Pinned {
		p.Assignments = append(p.Assignments, domain.Assignment{Employee: pin.Employee, Shift: pin.Shift})
		s := &ds.Shifts[slices.IndexFunc(ds.Shifts, func(s domain.Shift) bool { return s.ID == pin.Shift })]
		if workplace(ds, s.Workplace).Kind.NeedsWerkleider() && !slices.Contains(needs, s) {
			needs = append(needs, s)
		}
	}
	var try func(k int) bool
	try = func(k int) bool {
		if k == len(needs) {
			rep, err := scheduler.Check(ds, &p)
			require.NoError(t, err)
			return rep.Valid()
		}
		for i := range ds.Werkleiders {
			w := &ds.Werkleiders[i]
			if !slices.Contains(w.Workplaces, needs[k].Workplace) || cal.WerkleiderOn(w, needs[k].Date) != domain.Available {
				continue
			}
			p.Supervision = append(p.Supervision, domain.Supervision{Werkleider: w.ID, Shift: needs[k].ID})
			if try(k + 1) {
				return true
			}
			p.Supervision = p.Supervision[:len(p.Supervision)-1]
		}
		return false
	}
	return try(0)
}

package api

import (
	"math/rand/v2"
	"slices"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"ploeg/demo"
	"ploeg/domain"
	"ploeg/scheduler"
)

// The check of a change looks at its scope only; the full check of the whole plan must agree: a
// change it accepts brings no violation anywhere in the plan, the score it reports is the whole
// plan's, and a change it refuses breaks a rule the full check sees too. Random changes (moves to
// any shift of the day, days off, some with a werkleider asked for) on a demo week, each made on
// the plan the accepted ones before it left.
func TestScopedCheckAgreesWithFullCheck(t *testing.T) {
	ds, p := demoWeek(t, 3)
	start := p.From
	byDate := map[domain.Date][]string{}
	for _, sh := range ds.Shifts {
		byDate[sh.Date] = append(byDate[sh.Date], sh.ID)
	}
	rng := rand.New(rand.NewPCG(7, 11))
	accepted, refused := 0, 0
	for i := range 400 {
		e := ds.Employees[rng.IntN(len(ds.Employees))]
		d := start + domain.Date(rng.IntN(5))
		c := changeRequest{Employee: e.ID, Date: &d, Reason: "test"}
		if shifts := byDate[d]; len(shifts) > 0 && rng.IntN(4) > 0 {
			c.Shift = shifts[rng.IntN(len(shifts))]
		}
		if c.Shift != "" && rng.IntN(5) == 0 {
			c.Werkleider = ds.Werkleiders[rng.IntN(len(ds.Werkleiders))].ID
		}
		next, _, err := applyChange(ds, p, c)
		before, cerr := scheduler.Check(ds, &p)
		require.NoError(t, cerr)
		known := map[string]bool{}
		for _, v := range before.Violations {
			known[violationKey(v)] = true
		}
		if re, ok := err.(*ruleError); ok && len(re.violations) > 0 {
			refused++ // TestScopedRefusalsAreRealViolations compares refusals
			continue
		}
		if err != nil {
			continue // a soft matter or an input problem: nothing changed
		}
		accepted++
		full, cerr := scheduler.Check(ds, &next)
		require.NoError(t, cerr)
		for _, v := range full.Violations {
			assert.True(t, known[violationKey(v)], "change %d (%+v) brought %s, which the scoped check missed", i, c, v)
		}
		require.Equal(t, full.Score, next.Score, "change %d (%+v): the score is the whole plan's", i, c)
		p = next
	}
	t.Logf("%d changes accepted, %d refused by a hard rule", accepted, refused)
	assert.Positive(t, accepted)
	assert.Positive(t, refused)
}

// A refusal by the scoped check is one the full check agrees with: the plan the change would make
// (with the werkleider asked for) breaks that rule in the whole plan too.
func TestScopedRefusalsAreRealViolations(t *testing.T) {
	ds, p := demoWeek(t, 4)
	before, err := scheduler.Check(ds, &p)
	require.NoError(t, err)
	require.Empty(t, before.Violations, "the planner's plan is valid")
	shiftOf := shiftsByID(ds)
	rng := rand.New(rand.NewPCG(5, 9))
	refused := 0
	for range 300 {
		sh := ds.Shifts[rng.IntN(len(ds.Shifts))]
		if sh.Date < p.From || sh.Date > p.To {
			continue
		}
		e := ds.Employees[rng.IntN(len(ds.Employees))]
		var leader string
		for _, sv := range p.Supervision {
			if sv.Shift == sh.ID {
				leader = sv.Werkleider
			}
		}
		if leader == "" {
			continue // only shifts that keep their werkleider, so the trial plan is known
		}
		c := changeRequest{Employee: e.ID, Shift: sh.ID, Reason: "test"}
		_, _, err := applyChange(ds, p, c)
		re, ok := err.(*ruleError)
		if !ok || len(re.violations) == 0 {
			continue
		}
		refused++
		trial := p
		trial.Assignments = slices.DeleteFunc(slices.Clone(p.Assignments), func(a domain.Assignment) bool {
			return a.Employee == e.ID && shiftOf[a.Shift].Date == sh.Date
		})
		trial.Assignments = append(trial.Assignments, domain.Assignment{Employee: e.ID, Shift: sh.ID})
		count := map[string]int{}
		for _, a := range trial.Assignments {
			count[a.Shift]++
		}
		trial.Supervision = slices.DeleteFunc(slices.Clone(p.Supervision), func(sv domain.Supervision) bool { return count[sv.Shift] == 0 })
		full, err := scheduler.Check(ds, &trial)
		require.NoError(t, err)
		keys := map[string]bool{}
		for _, v := range full.Violations {
			keys[violationKey(v)] = true
		}
		for _, v := range re.violations {
			assert.True(t, keys[violationKey(v)], "%s on %s: the scoped check says %s; the full check does not", e.ID, sh.ID, v)
		}
	}
	t.Logf("%d refusals compared", refused)
	assert.Positive(t, refused)
}

// demoWeek is a demo region of 90 people with a plan of its first week.
func demoWeek(t *testing.T, seed uint64) (*domain.Dataset, domain.Plan) {
	t.Helper()
	start, err := domain.ParseDate("2026-11-30")
	require.NoError(t, err)
	ds := demo.Generate(demo.Options{Seed: seed, Employees: 90, Days: 5, Start: start})
	p, err := scheduler.Plan(t.Context(), ds, start, start+4, scheduler.Options{Seed: 1, Effort: 0.2})
	require.NoError(t, err)
	return ds, p
}

// The scope of a change holds what the rules that can change need: every shift of the person in
// the plan (weekly hours, rest), every shift that day of the werkleider of their shift (capacity,
// one location) and of any werkleider who may be asked, and everyone on the day's shifts in it.
func TestChangeScopeHoldsWhatTheRulesNeed(t *testing.T) {
	ds, p := demoWeek(t, 3)
	shiftOf := shiftsByID(ds)
	leaderOf := map[string]string{}
	for _, sv := range p.Supervision {
		leaderOf[sv.Shift] = sv.Werkleider
	}
	checked := 0
	for _, a := range p.Assignments {
		leader := leaderOf[a.Shift]
		if leader == "" {
			continue
		}
		d := shiftOf[a.Shift].Date
		asked := ds.Werkleiders[checked%len(ds.Werkleiders)].ID
		sc := newChangeScope(ds, shiftOf, &p, a.Employee, d, a.Shift, "", []string{asked})
		people := map[string]bool{}
		for _, e := range sc.ds.Employees {
			people[e.ID] = true
		}
		for _, b := range p.Assignments {
			sh := shiftOf[b.Shift]
			if b.Employee == a.Employee {
				assert.True(t, sc.shifts[b.Shift], "%s: the person's shift %s", a.Employee, b.Shift)
			}
			if (leaderOf[b.Shift] == leader || leaderOf[b.Shift] == asked) && sh.Date == d {
				assert.True(t, sc.shifts[b.Shift], "%s: %s, led that day by %s", a.Employee, b.Shift, leaderOf[b.Shift])
				assert.True(t, people[b.Employee], "%s: %s works on %s", a.Employee, b.Employee, b.Shift)
			}
		}
		if checked++; checked == 40 {
			break
		}
	}
	assert.Equal(t, 40, checked)
}

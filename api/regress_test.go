package api

import (
	"slices"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"ploeg/demo"
	"ploeg/domain"
	"ploeg/scheduler"
)

// A shift deleted from the dataset while a stored plan still names it (two people on it): a change
// of one of them is checked without it, not with a nil shift (found in review: it panicked, and the
// panic failed every change of that write).
func TestChangeWithDeletedShiftInPlan(t *testing.T) {
	ds, p := demoWeek(t, 3)
	count := map[string][]string{}
	for _, a := range p.Assignments {
		count[a.Shift] = append(count[a.Shift], a.Employee)
	}
	var gone string
	for id, es := range count {
		if len(es) >= 2 {
			gone = id
			break
		}
	}
	require.NotEmpty(t, gone)
	d := shiftsByID(ds)[gone].Date
	ds2 := *ds
	ds2.Shifts = slices.DeleteFunc(slices.Clone(ds.Shifts), func(s domain.Shift) bool { return s.ID == gone })
	ds2.Pinned = slices.DeleteFunc(slices.Clone(ds.Pinned), func(pn domain.Pin) bool { return pn.Shift == gone })
	_, err := scheduler.Check(&ds2, &p) // the whole-plan check reports it as H1
	require.NoError(t, err)
	var other string
	for _, sh := range ds2.Shifts {
		if sh.Date == d {
			other = sh.ID
			break
		}
	}
	c := changeRequest{Employee: count[gone][0], Shift: other, Reason: "ziek"}
	require.NotPanics(t, func() { _, _, _ = applyChange(&ds2, p, c) })
}

// H7 is per ISO week: a week already over contract hours does not let a change put another week
// over them (found in review: the violation's key had no week, so the new one looked known).
func TestChangeRefusedForAnotherWeeksOverrun(t *testing.T) {
	start, _ := domain.ParseDate("2026-11-30") // a Monday
	ds := demo.Generate(demo.Options{Seed: 3, Employees: 90, Days: 10, Start: start})
	p, err := scheduler.Plan(t.Context(), ds, start, start+11, scheduler.Options{Seed: 1, Effort: 0.2})
	require.NoError(t, err)
	shiftOf := shiftsByID(ds)
	wk2 := start + 7
	for ei, e := range ds.Employees {
		var h1, h2 float64
		var last domain.Assignment
		for _, a := range p.Assignments {
			if a.Employee != e.ID {
				continue
			}
			if s := shiftOf[a.Shift]; s.Date < wk2 {
				h1 += s.WorkedHours()
			} else {
				h2 += s.WorkedHours()
				last = a
			}
		}
		if last.Shift == "" || h1 < h2 {
			continue
		}
		// Without e's last week-2 shift, and with contract hours just under week 2's hours: week 1
		// (h1 ≥ h2) is already over; putting the shift back puts week 2 over too.
		before := p
		before.Assignments = slices.DeleteFunc(slices.Clone(p.Assignments), func(a domain.Assignment) bool { return a == last })
		tight := *ds
		tight.Employees = slices.Clone(ds.Employees)
		tight.Employees[ei].ContractHours = h2 - 0.25
		_, _, err := applyChange(&tight, before, changeRequest{Employee: e.ID, Shift: last.Shift, Reason: "test"})
		var re *ruleError
		require.ErrorAs(t, err, &re, "%s: week 2 over %.2f contract hours, accepted because week 1 was over already", e.ID, h2-0.25)
		require.NotEmpty(t, re.violations)
		for _, v := range re.violations {
			assert.Equal(t, "H7", v.Rule)
			assert.GreaterOrEqual(t, v.Date, wk2, "the violation names week 2")
		}
		return
	}
	t.Fatal("no person works at least as long in week 1 as in week 2")
}

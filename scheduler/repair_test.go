package scheduler_test

import (
	"context"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"ploeg/demo"
	"ploeg/domain"
	"ploeg/scheduler"
)

// sickReports picks n people who work on day in plan p and reports them sick for that day.
func sickReports(ds *domain.Dataset, p domain.Plan, day domain.Date, n int) []domain.Absence {
	onDay := map[string]bool{}
	for _, s := range ds.Shifts {
		if s.Date == day {
			onDay[s.ID] = true
		}
	}
	pinned := map[string]bool{}
	for _, pin := range ds.Pinned {
		pinned[pin.Employee] = true
	}
	var out []domain.Absence
	for i, a := range p.Assignments {
		if len(out) == n {
			break
		}
		if onDay[a.Shift] && !pinned[a.Employee] && i%7 == 0 {
			out = append(out, domain.Absence{Person: a.Employee, From: day, To: day, Kind: domain.Ziek})
		}
	}
	return out
}

func withAbsences(ds *domain.Dataset, abs []domain.Absence) *domain.Dataset {
	next := *ds
	next.Absences = append(append([]domain.Absence(nil), ds.Absences...), abs...)
	return &next
}

func TestRepairAfterSickReports(t *testing.T) {
	ds := demo.Generate(demo.DefaultOptions(monday))
	from, to := monday, monday.AddDays(4)
	before, err := scheduler.Plan(context.Background(), ds, from, to, scheduler.Options{Seed: 1})
	require.NoError(t, err)
	sick := sickReports(ds, before, monday.AddDays(1), 10)
	require.Len(t, sick, 10)

	after, rep, err := scheduler.Repair(context.Background(), ds, before, scheduler.Changes{Absences: sick}, scheduler.RepairOptions{})
	require.NoError(t, err)
	requireValid(t, withAbsences(ds, sick), after)
	assert.Len(t, rep.Broken, 10, "exactly the ten sick people's assignments had to go")

	// Count what changed: every previous assignment missing from the repaired plan.
	kept := map[domain.Assignment]bool{}
	for _, a := range after.Assignments {
		kept[a] = true
	}
	changed := 0
	for _, a := range before.Assignments {
		if !kept[a] {
			changed++
		}
	}
	assert.Equal(t, rep.Changed, changed, "the report counts what really changed")
	t.Logf("repair: changed %d (broken %d), added %d; score %+v → %+v", changed, len(rep.Broken), rep.Added, before.Score, after.Score)
	assert.Less(t, changed, 10+15, "a repair touches the broken assignments and little else")
	// Repair may not leave more shortage than planning afresh with the sick people away.
	fresh, err := scheduler.Plan(context.Background(), withAbsences(ds, sick), from, to, scheduler.Options{Seed: 1})
	require.NoError(t, err)
	assert.LessOrEqual(t, after.Score.Understaffed, fresh.Score.Understaffed, "shortages a fresh plan avoids are refilled")
	t.Logf("fresh plan after the sick reports: %+v", fresh.Score)
	for _, pin := range ds.Pinned {
		if s := shiftByID(ds, pin.Shift); s.Date >= from && s.Date <= to {
			assert.True(t, kept[domain.Assignment{Employee: pin.Employee, Shift: pin.Shift}], "pins never move")
		}
	}
}

func TestRepairWithNothingChangedKeepsThePlan(t *testing.T) {
	ds := small(t)
	before, err := scheduler.Plan(context.Background(), ds, monday, monday.AddDays(4), scheduler.Options{})
	require.NoError(t, err)
	after, rep, err := scheduler.Repair(context.Background(), ds, before, scheduler.Changes{}, scheduler.RepairOptions{})
	require.NoError(t, err)
	assert.Zero(t, rep.Changed)
	assert.Empty(t, rep.Broken)
	assert.Equal(t, before.Assignments, after.Assignments)
}

func TestRepairRefusesBadChanges(t *testing.T) {
	ds := small(t)
	before, err := scheduler.Plan(context.Background(), ds, monday, monday, scheduler.Options{})
	require.NoError(t, err)
	_, _, err = scheduler.Repair(context.Background(), ds, before,
		scheduler.Changes{Absences: []domain.Absence{{Person: "e9999", From: monday, To: monday, Kind: domain.Ziek}}}, scheduler.RepairOptions{})
	require.Error(t, err)
	assert.Contains(t, err.Error(), `onbekende medewerker of werkleider "e9999"`)
	_, _, err = scheduler.Repair(context.Background(), ds, before,
		scheduler.Changes{Absences: []domain.Absence{{Person: "e0002", From: monday, To: monday, Kind: domain.Ziek}}}, scheduler.RepairOptions{})
	require.Error(t, err, "Zoë's pin on Monday cannot be kept when she is sick")
	assert.Equal(t, "H2", domain.FieldErrors(err)[0].Rule)
}

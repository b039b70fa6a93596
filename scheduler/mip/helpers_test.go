package mip

import (
	"context"
	"os/exec"
	"testing"
	"time"

	"github.com/stretchr/testify/require"

	"ploeg/domain"
	"ploeg/scheduler"
)

// requireCBC skips the test when cbc is not on PATH, saying how to install it. .ci/run installs CBC
// and fails when any test was skipped, so CI always runs these.
func requireCBC(t *testing.T) {
	t.Helper()
	if _, err := exec.LookPath("cbc"); err != nil {
		t.Skip("cbc not installed: apt-get update && apt-get install -y coinor-cbc")
	}
}

// solveOptimal solves ds over from..to, requires a proven optimum whose plan keeps every hard rule
// and whose objective is the checker's score, and returns it.
func solveOptimal(t *testing.T, ds *domain.Dataset, from, to domain.Date) Result {
	t.Helper()
	requireCBC(t)
	require.NoError(t, ds.Validate())
	res, err := Solve(context.Background(), ds, from, to, Options{TimeLimit: time.Minute})
	require.NoError(t, err)
	require.True(t, res.Optimal, "status %s", res.Status)
	requireConsistent(t, ds, res)
	return res
}

// requireConsistent checks a result against scheduler.Check: no violations, the objective is the
// score, and the bound does not exceed it.
func requireConsistent(t *testing.T, ds *domain.Dataset, res Result) {
	t.Helper()
	rep, err := scheduler.Check(ds, &res.Plan)
	require.NoError(t, err)
	require.Empty(t, rep.Violations)
	require.InDelta(t, rep.Score.Total, res.Objective, 1e-3)
	require.Equal(t, rep.Score, res.Plan.Score)
	require.LessOrEqual(t, res.BestBound, res.Objective+1e-6)
	if res.Optimal {
		require.InDelta(t, res.Objective, res.BestBound, 1e-6)
	}
}

// Monday 23 November 2026 (ISO week 48) and the days after it.
var (
	mon = domain.NewDate(2026, 11, 23)
	tue = mon.AddDays(1)
	wed = mon.AddDays(2)
	thu = mon.AddDays(3)
	fri = mon.AddDays(4)
)

var allDays = []domain.Weekday{domain.Maandag, domain.Dinsdag, domain.Woensdag, domain.Donderdag, domain.Vrijdag, domain.Zaterdag, domain.Zondag}

// dataset returns a valid dataset with the default organisation, one gemeente and the given
// workplaces, werkleiders, employees and shifts.
func dataset(wps []domain.Workplace, wls []domain.Werkleider, emps []domain.Employee, shifts []domain.Shift) *domain.Dataset {
	ds := domain.NewDataset()
	ds.Gemeenten = []domain.Gemeente{{Code: "GM0392", Name: "Haarlem"}}
	ds.Workplaces, ds.Werkleiders, ds.Employees, ds.Shifts = wps, wls, emps, shifts
	if ds.Werkleiders == nil {
		ds.Werkleiders = []domain.Werkleider{}
	}
	return ds
}

// workplace returns a workplace without conditions.
func workplace(id string, kind domain.WorkplaceKind, location string, skills ...string) domain.Workplace {
	return domain.Workplace{ID: id, Kind: kind, Location: location, Skills: append([]string{}, skills...), Conditions: []string{}}
}

// werkleider returns a werkleider working every day.
func werkleider(id string, capacity float64, workplaces ...string) domain.Werkleider {
	return domain.Werkleider{ID: id, Workplaces: workplaces, Workdays: allDays, Capacity: capacity}
}

// employee returns a 46-year-old full-timer (36 hours) working every day, begeleiding laag,
// without skills, restrictions or home workplace.
func employee(id string) domain.Employee {
	return domain.Employee{ID: id, BirthDate: domain.NewDate(1980, 1, 1), Gemeente: "GM0392",
		Regeling: domain.Wsw, WswCategorie: domain.Matig, ContractHours: 36, ContractStart: domain.NewDate(2010, 1, 1),
		Workdays: allDays, Skills: []string{}, Restrictions: []string{}, Begeleiding: domain.BegeleidingLaag}
}

// employees returns n employees id1, id2, … made by employee.
func employees(prefix string, n int) []domain.Employee {
	es := make([]domain.Employee, n)
	for i := range es {
		es[i] = employee(prefix + string(rune('1'+i)))
	}
	return es
}

// shift returns a shift of priority 1; start and end are "HH:MM".
func shift(id, wp string, d domain.Date, start, end string, breakMinutes, lo, hi int) domain.Shift {
	return domain.Shift{ID: id, Workplace: wp, Date: d, Start: clock(start), End: clock(end),
		BreakMinutes: breakMinutes, Min: lo, Max: hi, Priority: 1}
}

func clock(s string) domain.Clock {
	c, err := domain.ParseClock(s)
	if err != nil {
		panic(err)
	}
	return c
}

// assigned returns the shifts of each employee in the plan.
func assigned(p domain.Plan) map[string][]string {
	m := map[string][]string{}
	for _, a := range p.Assignments {
		m[a.Employee] = append(m[a.Employee], a.Shift)
	}
	return m
}

// total is the default-weighted score.
func total(understaffed, idle, continuity int) float64 {
	return scheduler.Total(domain.DefaultWeights(), understaffed, idle, continuity)
}

package scheduler_test

import (
	"bytes"
	"context"
	"encoding/json"
	"fmt"
	"os"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"ploeg/demo"
	"ploeg/domain"
	"ploeg/scheduler"
	"ploeg/scheduler/gen"
)

var monday = domain.NewDate(2026, 11, 23)

func small(t *testing.T) *domain.Dataset {
	t.Helper()
	b, err := os.ReadFile("testdata/small.json")
	require.NoError(t, err)
	ds, err := domain.DecodeDataset(bytes.NewReader(b))
	require.NoError(t, err)
	return ds
}

// requireValid checks a plan with the independent checker and that the scores agree.
func requireValid(t *testing.T, ds *domain.Dataset, p domain.Plan) scheduler.Report {
	t.Helper()
	r, err := scheduler.Check(ds, &p)
	require.NoError(t, err)
	require.Empty(t, r.Violations, "the planner broke a hard rule")
	require.Equal(t, r.Score, p.Score, "the reported score must equal the checker's")
	for _, u := range p.Unfilled {
		assert.NotEmpty(t, u.Reasons, "unfilled %s has no reason", u.Shift)
	}
	for _, i := range p.Idle {
		assert.NotEmpty(t, i.Reasons, "idle %s on %s has no reason", i.Employee, i.Date)
	}
	return r
}

// Property: on random datasets that make every hard rule bind somewhere, every plan is valid.
func TestPlanIsValidOnRandomDatasets(t *testing.T) {
	for seed := uint64(1); seed <= 40; seed++ {
		t.Run(fmt.Sprint(seed), func(t *testing.T) {
			size := gen.Size{Employees: 10 + int(seed%4)*15, Days: 1 + int(seed%7)}
			ds := gen.Random(seed, size)
			from, to := gen.Range(ds)
			// Validity does not depend on how long the search runs: a short search keeps this fast.
			p, err := scheduler.Plan(context.Background(), ds, from, to, scheduler.Options{Seed: seed, Effort: 0.05})
			require.NoError(t, err)
			requireValid(t, ds, p)
			assert.Equal(t, from, p.From)
			assert.Equal(t, to, p.To)
		})
	}
}

// The pins of a day are packed onto werkleiders together, as when they were checked: on this
// dataset placing them one by one (the best fit for each) left a later pin only a werkleider
// without room, and every plan broke H9.
func TestPinsOfADayArePackedTogether(t *testing.T) {
	ds := gen.Random(288, gen.Size{Employees: 40, Days: 1})
	require.NotEmpty(t, ds.Pinned)
	from, to := gen.Range(ds)
	for seed := range uint64(5) {
		p, err := scheduler.Plan(context.Background(), ds, from, to, scheduler.Options{Seed: seed, Effort: 0.05})
		require.NoError(t, err)
		requireValid(t, ds, p)
	}
}

func TestPlanDemoDayAndWeek(t *testing.T) {
	ds := demo.Generate(demo.DefaultOptions(monday))
	for _, days := range []int{1, 5} {
		p, stats, err := scheduler.PlanWithStats(context.Background(), ds, monday, monday.AddDays(days-1), scheduler.Options{Seed: 1})
		require.NoError(t, err)
		requireValid(t, ds, p)
		assert.GreaterOrEqual(t, p.Score.Total, stats.LowerBound-1e-6, "no plan beats the lower bound")
		assert.Zero(t, p.Score.Understaffed, "the demo region can staff every shift's minimum")
		for _, pin := range ds.Pinned {
			if s := shiftByID(ds, pin.Shift); s.Date >= p.From && s.Date <= p.To {
				assert.Contains(t, p.Assignments, domain.Assignment{Employee: pin.Employee, Shift: pin.Shift})
			}
		}
	}
}

func shiftByID(ds *domain.Dataset, id string) domain.Shift {
	for _, s := range ds.Shifts {
		if s.ID == id {
			return s
		}
	}
	panic(id)
}

func TestSameSeedSamePlan(t *testing.T) {
	ds := gen.Random(7, gen.Size{Employees: 40, Days: 5})
	from, to := gen.Range(ds)
	plans := make([][]byte, 3)
	for i, seed := range []uint64{3, 3, 4} {
		p, err := scheduler.Plan(context.Background(), ds, from, to, scheduler.Options{Seed: seed, Effort: 0.2})
		require.NoError(t, err)
		plans[i], err = json.Marshal(p)
		require.NoError(t, err)
	}
	assert.Equal(t, string(plans[0]), string(plans[1]))
}

func TestPinsThatBreakARuleAreRefused(t *testing.T) {
	cases := []struct {
		name string
		edit func(ds *domain.Dataset)
		rule string
		want string
	}{
		{"absent", func(ds *domain.Dataset) {
			ds.Absences = append(ds.Absences, domain.Absence{Person: "e0002", From: monday, To: monday, Kind: domain.Ziek})
		}, "H2", "Zoë Çelik (e0002) kan niet vast op verpakken-a-2026-11-23"},
		{"missing skill", func(ds *domain.Dataset) {
			ds.Pinned = append(ds.Pinned, domain.Pin{Employee: "e0003", Shift: "verpakken-a-2026-11-23"})
		}, "H3", "Ömer Yılmaz (e0003) kan niet vast op verpakken-a-2026-11-23"},
		{"two shifts a day", func(ds *domain.Dataset) {
			ds.Pinned = append(ds.Pinned, domain.Pin{Employee: "e0002", Shift: "groen-1-2026-11-23"})
		}, "H1", "staat op 2026-11-23 al vast op verpakken-a-2026-11-23"},
		{"over max", func(ds *domain.Dataset) {
			ds.Shifts[0].Max = 0
		}, "H5", "meer vastgezette medewerkers dan het maximum 0"},
		{"over werkleider capacity", func(ds *domain.Dataset) {
			ds.Werkleiders[0].Capacity = 1
		}, "H9", "kunnen geen werkleiders alle vastgezette medewerkers begeleiden"},
		{"restriction", func(ds *domain.Dataset) {
			ds.Pinned = append(ds.Pinned, domain.Pin{Employee: "e0001", Shift: "verpakken-a-2026-11-23"})
		}, "H4", "Jan Bakker (e0001) kan niet vast op verpakken-a-2026-11-23: niet geschikt voor werkplek verpakken-a"},
		{"times", func(ds *domain.Dataset) {
			c := domain.Clock(9 * 60)
			ds.Employees[1].EarliestStart = &c
		}, "H6", "begint pas om 09:00"},
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			ds := small(t)
			c.edit(ds)
			_, err := scheduler.Plan(context.Background(), ds, monday, monday.AddDays(4), scheduler.Options{})
			require.Error(t, err)
			assert.Equal(t, domain.CodeInvalid, domain.ErrorCode(err))
			fields := domain.FieldErrors(err)
			require.NotEmpty(t, fields)
			assert.Equal(t, c.rule, fields[0].Rule)
			assert.Contains(t, err.Error(), c.want)
		})
	}
}

func TestPinOutsideRangeIsNotRequired(t *testing.T) {
	ds := small(t)
	ds.Absences = append(ds.Absences, domain.Absence{Person: "e0002", From: monday, To: monday, Kind: domain.Ziek})
	p, err := scheduler.Plan(context.Background(), ds, monday.AddDays(1), monday.AddDays(4), scheduler.Options{})
	require.NoError(t, err, "the broken pin is dated before the range")
	requireValid(t, ds, p)
}

func TestEmptyCases(t *testing.T) {
	t.Run("no employees", func(t *testing.T) {
		ds := small(t)
		ds.Employees, ds.Pinned = []domain.Employee{}, []domain.Pin{}
		ds.Absences = ds.Absences[1:] // the one of werkleider wl-02 stays
		p, err := scheduler.Plan(context.Background(), ds, monday, monday, scheduler.Options{})
		require.NoError(t, err)
		requireValid(t, ds, p)
		assert.Empty(t, p.Assignments)
		require.Len(t, p.Unfilled, 2, "both shifts with a minimum stay short")
		assert.Contains(t, p.Unfilled[0].Reasons[0], "geen beschikbare medewerker met vaardigheid")
	})
	t.Run("no shifts in range", func(t *testing.T) {
		ds := small(t)
		p, err := scheduler.Plan(context.Background(), ds, monday.AddDays(7), monday.AddDays(8), scheduler.Options{})
		require.NoError(t, err)
		requireValid(t, ds, p)
		assert.Empty(t, p.Assignments)
		require.NotEmpty(t, p.Idle)
		assert.Equal(t, []string{"er zijn geen diensten op deze dag"}, p.Idle[0].Reasons)
	})
	t.Run("range backwards", func(t *testing.T) {
		_, err := scheduler.Plan(context.Background(), small(t), monday, monday.AddDays(-1), scheduler.Options{})
		assert.Equal(t, domain.CodeInvalid, domain.ErrorCode(err))
	})
}

func TestCancelledContextReturnsAValidPlan(t *testing.T) {
	ds := demo.Generate(demo.DefaultOptions(monday))
	ctx, cancel := context.WithCancel(context.Background())
	cancel()
	p, err := scheduler.Plan(ctx, ds, monday, monday.AddDays(4), scheduler.Options{})
	require.NoError(t, err)
	requireValid(t, ds, p)
	assert.NotEmpty(t, p.Assignments, "the construction is there even when the search never ran")
}

func TestExplanations(t *testing.T) {
	ds := small(t)
	// Nobody may do groen on Monday: its only skilled person is away, so groen-1 stays short.
	ds.Absences = append(ds.Absences, domain.Absence{Person: "e0003", From: monday, To: monday, Kind: domain.Verlof})
	ds.Employees[1].Skills = []string{"verpakken"}
	p, err := scheduler.Plan(context.Background(), ds, monday, monday, scheduler.Options{})
	require.NoError(t, err)
	requireValid(t, ds, p)
	require.Len(t, p.Unfilled, 1)
	assert.Equal(t, "groen-1-2026-11-23", p.Unfilled[0].Shift)
	assert.Contains(t, p.Unfilled[0].Reasons, "geen beschikbare medewerker met vaardigheid groen")
	assert.Contains(t, p.Unfilled[0].Reasons, "1 geschikte medewerker is afwezig")
}

// The bench's instance gen-54 (25 people, 5 days; `ploeg bench cbc`): CBC proves 4088 optimal. A
// part-timer's 8 contract hours must go to two short day shifts rather than one night, which
// moves three others (one onto a run of nights); the search used to stop at 4200 on seeds 1 and 3.
func TestPlanReachesGen54Optimum(t *testing.T) {
	if testing.Short() {
		t.Skip("plans a 25-person week twice")
	}
	ds := gen.Random(54, gen.Size{Employees: 25, Days: 5})
	from, to := gen.Range(ds)
	for _, seed := range []uint64{1, 3} {
		p, err := scheduler.Plan(context.Background(), ds, from, to, scheduler.Options{Seed: seed})
		require.NoError(t, err)
		requireValid(t, ds, p)
		assert.InDelta(t, 4088, p.Score.Total, 0.001, "seed %d", seed)
	}
}

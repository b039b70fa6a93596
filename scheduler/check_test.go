package scheduler_test

import (
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"ploeg/domain"
	"ploeg/scheduler"
)

// basePlan is a valid Monday plan for testdata/small.json, worked out by hand: Zoë on her pinned
// verpakken shift under Anja, Ömer on groen under Kees; Jan (tillen restricted, verpakken only)
// has no shift he may work, so he is the one idle person: score 1 × 100 = 100.
func basePlan() domain.Plan {
	return domain.Plan{From: monday, To: monday,
		Assignments: []domain.Assignment{
			{Employee: "e0002", Shift: "verpakken-a-2026-11-23"},
			{Employee: "e0003", Shift: "groen-1-2026-11-23"},
		},
		Supervision: []domain.Supervision{
			{Werkleider: "wl-01", Shift: "verpakken-a-2026-11-23"},
			{Werkleider: "wl-02", Shift: "groen-1-2026-11-23"},
		},
	}
}

func TestCheckBasePlan(t *testing.T) {
	ds := small(t)
	p := basePlan()
	r, err := scheduler.Check(ds, &p)
	require.NoError(t, err)
	assert.Empty(t, r.Violations)
	assert.Equal(t, domain.Score{Understaffed: 0, Idle: 1, Continuity: 0, Total: 100}, r.Score)
}

func TestCheckFindsEveryRule(t *testing.T) {
	cases := []struct {
		rule string
		edit func(ds *domain.Dataset, p *domain.Plan)
	}{
		{"H1", func(ds *domain.Dataset, p *domain.Plan) {
			p.Assignments = append(p.Assignments, domain.Assignment{Employee: "e9999", Shift: "groen-1-2026-11-23"})
		}},
		{"H1", func(ds *domain.Dataset, p *domain.Plan) { // two shifts on one date
			p.Assignments = append(p.Assignments, domain.Assignment{Employee: "e0002", Shift: "groen-1-2026-11-23"})
		}},
		{"H1", func(ds *domain.Dataset, p *domain.Plan) { // a shift outside the plan's range
			p.To = monday.AddDays(-1)
			p.From = monday.AddDays(-1)
		}},
		{"H2", func(ds *domain.Dataset, p *domain.Plan) {
			ds.Absences = append(ds.Absences, domain.Absence{Person: "e0003", From: monday, To: monday, Kind: domain.Ziek})
		}},
		{"H3", func(ds *domain.Dataset, p *domain.Plan) {
			p.Assignments[1].Shift = "verpakken-a-2026-11-23"
		}},
		{"H4", func(ds *domain.Dataset, p *domain.Plan) {
			p.Assignments = append(p.Assignments, domain.Assignment{Employee: "e0001", Shift: "verpakken-a-2026-11-23"})
		}},
		{"H5", func(ds *domain.Dataset, p *domain.Plan) { ds.Shifts[1].Max = 0 }},
		{"H6", func(ds *domain.Dataset, p *domain.Plan) {
			c := domain.Clock(8 * 60)
			ds.Employees[2].EarliestStart = &c // groen starts 07:30
		}},
		{"H6", func(ds *domain.Dataset, p *domain.Plan) { // 55+ without consent: no start before 08:00
			ds.Employees[2].SeniorConsent = false
		}},
		{"H7", func(ds *domain.Dataset, p *domain.Plan) { ds.Employees[1].ContractHours = 5 }},
		{"H8", func(ds *domain.Dataset, p *domain.Plan) {
			ds.Shifts = append(ds.Shifts, domain.Shift{ID: "groen-1-2026-11-24", Workplace: "groen-1",
				Date: monday.AddDays(1), Start: 2 * 60, End: 10 * 60, Min: 0, Max: 2, Priority: 1})
			p.To = monday.AddDays(1)
			p.Assignments = append(p.Assignments, domain.Assignment{Employee: "e0003", Shift: "groen-1-2026-11-24"})
		}},
		{"H9", func(ds *domain.Dataset, p *domain.Plan) { p.Supervision = p.Supervision[:1] }},
		{"H9", func(ds *domain.Dataset, p *domain.Plan) { ds.Werkleiders[0].Capacity = 1 }},
		{"H9", func(ds *domain.Dataset, p *domain.Plan) { // a werkleider of another workplace
			p.Supervision[1].Werkleider = "wl-01"
		}},
		{"H9", func(ds *domain.Dataset, p *domain.Plan) { // a werkleider on detachering
			p.Supervision = append(p.Supervision, domain.Supervision{Werkleider: "wl-01", Shift: "school-conc-2026-11-23"})
		}},
		{"H9", func(ds *domain.Dataset, p *domain.Plan) { // a duplicate entry
			p.Supervision = append(p.Supervision, p.Supervision[0])
		}},
		{"H10", func(ds *domain.Dataset, p *domain.Plan) {
			p.Assignments = p.Assignments[1:]
			p.Supervision = p.Supervision[1:]
		}},
	}
	for _, c := range cases {
		t.Run(c.rule, func(t *testing.T) {
			ds := small(t)
			p := basePlan()
			c.edit(ds, &p)
			r, err := scheduler.Check(ds, &p)
			require.NoError(t, err)
			var rules []string
			for _, v := range r.Violations {
				rules = append(rules, v.Rule)
				assert.NotEmpty(t, v.Message)
			}
			assert.Contains(t, rules, c.rule, "%v", r.Violations)
		})
	}
}

// Scores follow the definitions, including priority and the weights.
func TestCheckScore(t *testing.T) {
	ds := small(t)
	ds.Organisation.Weights = domain.Weights{Understaffed: 7, Idle: 3, Continuity: 2}
	ds.Shifts[1].Min = 2 // groen-1: priority 3, one person short
	p := basePlan()
	p.Assignments[1] = domain.Assignment{Employee: "e0003", Shift: "school-conc-2026-11-23"}
	p.Supervision = p.Supervision[:1]
	r, err := scheduler.Check(ds, &p)
	require.NoError(t, err)
	require.Empty(t, r.Violations)
	// groen-1 has min 2 and nobody: 3 × 2 = 6; Jan idle: 1; Ömer away from home groen-1: 1.
	assert.Equal(t, domain.Score{Understaffed: 6, Idle: 1, Continuity: 1, Total: 7*6 + 3*1 + 2*1}, r.Score)
}

package mip

import (
	"context"
	"math"
	"os"
	"slices"
	"testing"
	"time"

	"github.com/stretchr/testify/require"

	"ploeg/domain"
	"ploeg/scheduler"
	"ploeg/scheduler/gen"
)

// TestOptimumByEnumeration holds the model to the definitions on tiny random instances: the best
// score over every plan scheduler.Check accepts, found by trying them all (every employee on any
// shift or none each date, every werkleider on any shift that has people), equals CBC's optimum.
// (20 instances of 4 employees; 100 of 5 with PLOEG_LONG=1.) The enumeration shares nothing with the model but the checker; it stops early only where H1–H8,
// which more assignments can never repair, are broken.
func TestOptimumByEnumeration(t *testing.T) {
	requireCBC(t)
	seeds, employees := uint64(20), 4
	if os.Getenv("PLOEG_LONG") == "1" {
		seeds, employees = 100, 5
	}
	for seed := range seeds {
		ds := gen.Random(seed, gen.Size{Employees: employees, Werkleiders: 2, Workplaces: 3, Days: 1 + int(seed%2)})
		from, to := gen.Range(ds)
		best := bestByEnumeration(t, ds, from, to)
		res, err := Solve(context.Background(), ds, from, to, Options{TimeLimit: time.Minute})
		require.NoError(t, err, "seed %d", seed)
		require.True(t, res.Optimal, "seed %d", seed)
		requireConsistent(t, ds, res)
		require.InDelta(t, best, res.Objective, 1e-3, "seed %d: enumeration finds %g, CBC %g", seed, best, res.Objective)
	}
}

// monotone are the rules that more assignments can break but never repair.
var monotone = []string{"H1", "H2", "H3", "H4", "H5", "H6", "H7", "H8"}

// bestByEnumeration returns the lowest score of a valid plan of ds over from..to.
func bestByEnumeration(t *testing.T, ds *domain.Dataset, from, to domain.Date) float64 {
	var days [][]string // per date in range: the ids of its shifts
	for d := from; d <= to; d++ {
		var ids []string
		for _, s := range ds.Shifts {
			if s.Date == d {
				ids = append(ids, s.ID)
			}
		}
		days = append(days, ids)
	}
	check := func(p *domain.Plan) scheduler.Report {
		rep, err := scheduler.Check(ds, p)
		require.NoError(t, err)
		return rep
	}
	best := math.Inf(1)
	plan := domain.Plan{From: from, To: to}
	var assign func(e, d int)
	assign = func(e, d int) {
		switch {
		case e == len(ds.Employees):
			if onlySupervisionMissing(check(&plan)) {
				best = min(best, bestSupervision(ds, &plan, check))
			}
			return
		case d == len(days):
			assign(e+1, 0)
			return
		}
		assign(e, d+1) // no shift that date
		for _, id := range days[d] {
			plan.Assignments = append(plan.Assignments, domain.Assignment{Employee: ds.Employees[e].ID, Shift: id})
			// H1–H8 only get worse with more assignments: stop at the first that breaks one.
			if rep := check(&plan); !slices.ContainsFunc(rep.Violations, func(v scheduler.Violation) bool { return slices.Contains(monotone, v.Rule) }) {
				assign(e, d+1)
			}
			plan.Assignments = plan.Assignments[:len(plan.Assignments)-1]
		}
	}
	assign(0, 0)
	require.False(t, math.IsInf(best, 1), "no valid plan at all")
	return best
}

// onlySupervisionMissing reports whether every violation is a shift without a werkleider.
func onlySupervisionMissing(rep scheduler.Report) bool {
	for _, v := range rep.Violations {
		if v.Rule != "H9" || v.Werkleider != "" {
			return false
		}
	}
	return true
}

// bestSupervision tries every werkleider on every shift that has people and returns the plan's
// score if some choice is valid, +Inf if none is.
func bestSupervision(ds *domain.Dataset, p *domain.Plan, check func(*domain.Plan) scheduler.Report) float64 {
	var need []string
	for _, v := range check(p).Violations {
		need = append(need, v.Shift)
	}
	p.Supervision = nil
	defer func() { p.Supervision = nil }()
	var try func(k int) float64
	try = func(k int) float64 {
		if k == len(need) {
			if rep := check(p); rep.Valid() {
				return rep.Score.Total
			}
			return math.Inf(1)
		}
		for _, w := range ds.Werkleiders {
			p.Supervision = append(p.Supervision, domain.Supervision{Werkleider: w.ID, Shift: need[k]})
			score := try(k + 1)
			p.Supervision = p.Supervision[:len(p.Supervision)-1]
			if !math.IsInf(score, 1) {
				return score // the score does not depend on who supervises
			}
		}
		return math.Inf(1)
	}
	return try(0)
}

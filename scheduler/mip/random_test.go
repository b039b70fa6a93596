package mip

import (
	"context"
	"os"
	"testing"
	"time"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"ploeg/demo"
	"ploeg/domain"
	"ploeg/scheduler/gen"
)

// TestRandomInstances: on small random instances (up to 30 employees, 1–5 days; 10 of them, 60
// with PLOEG_LONG=1) CBC proves optimality, and the plan keeps every hard rule and every pin in
// range and scores its objective.
func TestRandomInstances(t *testing.T) {
	requireCBC(t)
	seeds := uint64(10)
	if os.Getenv("PLOEG_LONG") == "1" {
		seeds = 60
	}
	for seed := range seeds {
		size := gen.Size{Employees: 12 + int(seed*7%19), Days: 1 + int(seed%5)}
		ds := gen.Random(seed, size)
		from, to := gen.Range(ds)
		res, err := Solve(context.Background(), ds, from, to, Options{TimeLimit: time.Minute})
		require.NoError(t, err, "seed %d", seed)
		require.True(t, res.Optimal, "seed %d: %s", seed, res.Status)
		requireConsistent(t, ds, res)
		for _, p := range ds.Pinned {
			assert.Contains(t, res.Plan.Assignments, domain.Assignment(p), "seed %d", seed)
		}
		t.Logf("seed %d, %d employees, %d days: %s; objective %g (%+v) in %s",
			seed, size.Employees, size.Days, res.Model, res.Objective, res.Plan.Score, res.Elapsed.Round(time.Millisecond))
	}
}

// TestDemo solves the default demo region for its first day and its first week with CBC, 60 and
// 300 seconds each, and logs the model's size and CBC's result. It takes about 12 minutes and runs
// only with PLOEG_LONG=1.
func TestDemo(t *testing.T) {
	if os.Getenv("PLOEG_LONG") != "1" {
		t.Skip("set PLOEG_LONG=1 to solve the demo region (about 12 minutes)")
	}
	requireCBC(t)
	ds := demo.Generate(demo.DefaultOptions(domain.NewDate(2026, 11, 23)))
	dates := demo.DefaultOptions(domain.NewDate(2026, 11, 23)).Dates()
	first := dates[0]
	week := first
	for _, d := range dates {
		if d.ISOWeekKey() == first.ISOWeekKey() {
			week = d
		}
	}
	for _, r := range []struct {
		name     string
		from, to domain.Date
	}{{"first day", first, first}, {"first week", first, week}} {
		for _, limit := range []time.Duration{time.Minute, 5 * time.Minute} {
			res, err := Solve(context.Background(), ds, r.from, r.to, Options{TimeLimit: limit, Threads: 1})
			if err != nil {
				t.Errorf("%s, %s: %v (status %s, bound %g, after %s)", r.name, limit, err, res.Status, res.BestBound, res.Elapsed)
				continue
			}
			requireConsistent(t, ds, res)
			t.Logf("%s %s..%s, limit %s: %s\n  status %s, objective %g (%+v), bound %g, gap %.3f%%, elapsed %s",
				r.name, r.from, r.to, limit, res.Model, res.Status, res.Objective, res.Plan.Score, res.BestBound,
				100*(res.Objective-res.BestBound)/max(1, res.Objective), res.Elapsed.Round(time.Millisecond))
		}
	}
}

// TestNoStartFindsTheSameOptimum: without the start plan (preprocessing on) CBC proves the same
// optimum as with it.
func TestNoStartFindsTheSameOptimum(t *testing.T) {
	requireCBC(t)
	for seed := range uint64(4) {
		ds := gen.Random(seed, gen.Size{Employees: 15 + int(seed)*5, Days: 1 + int(seed%3)})
		from, to := gen.Range(ds)
		with, err := Solve(context.Background(), ds, from, to, Options{TimeLimit: time.Minute})
		require.NoError(t, err)
		without, err := Solve(context.Background(), ds, from, to, Options{TimeLimit: time.Minute, NoStart: true})
		require.NoError(t, err)
		require.True(t, with.Optimal && without.Optimal, "seed %d: %s, %s", seed, with.Status, without.Status)
		requireConsistent(t, ds, without)
		assert.InDelta(t, with.Objective, without.Objective, 0.001, "seed %d", seed)
	}
}

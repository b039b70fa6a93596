package curtois

import (
	"context"
	"fmt"
	"math"
	"math/rand/v2"
	"path/filepath"
	"slices"
	"strings"
	"testing"
	"time"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

// The bound prunes nothing that matters: for every person of a roster in which everyone keeps
// their rules, the programme bounded by the person's current row finds a row of the same cost as
// the unbounded one, that row keeps the person's rules, and its cost is what rowCostOf says. A
// bound below the optimum finds nothing, and is not taken for a programme over its caps.
func TestBestRowBoundKeepsTheOptimum(t *testing.T) {
	for _, name := range []string{"Instance2.txt", "Instance5.txt", "Instance11.txt"} {
		in := load(t, filepath.Join(benchDir(t), name))
		s := newSolver(in, 1)
		s.start()
		// Change some cells at random so that rows are not already optimal; people who then break a
		// rule are skipped below.
		rng := rand.New(rand.NewPCG(2, 3))
		for range 15 {
			e, d, k := rng.IntN(len(in.Staff)), rng.IntN(in.Horizon), rng.IntN(len(in.Shifts)+1)-1
			if s.allowed(e, d, k) {
				s.set(e, d, k)
				s.update(e)
			}
		}
		checked := 0
		for e := range in.Staff {
			if s.empHard[e] > 0 || s.noDP[e] {
				continue
			}
			checked++
			free, freeCost, _, ok, capped := s.bestRow(e, dpLimit, math.Inf(1))
			require.True(t, ok, "%s person %d", name, e)
			require.False(t, capped)
			_, cost, _, ok, _ := s.bestRow(e, dpLimit, s.rowCost(e))
			require.True(t, ok, "%s person %d: the current row is within its own bound", name, e)
			assert.InDelta(t, freeCost, cost, 1e-9, "%s person %d", name, e)
			assert.InDelta(t, freeCost, s.rowCostOf(e, free), 1e-9)

			_, _, _, ok, capped = s.bestRow(e, dpLimit, freeCost-1)
			assert.False(t, ok, "%s person %d: nothing beats the optimum", name, e)
			assert.False(t, capped)

			saved := append([]int(nil), s.r[e]...)
			for d, k := range free {
				s.set(e, d, k)
			}
			hard, _ := s.evalEmp(e)
			assert.Zero(t, hard, "%s person %d: the best row keeps the rules", name, e)
			for d, k := range saved {
				s.set(e, d, k)
			}
		}
		assert.Greater(t, 3*checked, len(in.Staff), "%s: a third of the people or more checked", name)
	}
}

// Without a step budget the time limit sizes it; a run of a budget gives one roster per seed.
func TestBudgetFollowsTheTimeLimit(t *testing.T) {
	assert.Equal(t, int64(2*cellsPerSecond), Options{TimeLimit: 2 * time.Second}.budget())
	assert.Equal(t, int64(60*cellsPerSecond), Options{}.budget())
	assert.Equal(t, int64(5000), Options{Steps: 5000, TimeLimit: time.Hour}.budget())

	// Instance1's relaxation is weak (558 against the optimum 607) and its proof by the tree search
	// takes about 20 million cells, so with 3 million a run no run ends on a proof.
	in := load(t, filepath.Join(benchDir(t), "Instance1.txt"))
	opts := Options{Seed: 5, TimeLimit: time.Minute, Steps: 3_000_000, Workers: 2}
	a := Solve(context.Background(), in, opts)
	b := Solve(context.Background(), in, opts)
	require.True(t, a.Valid)
	require.False(t, a.Optimal)
	assert.GreaterOrEqual(t, a.Steps, 2*opts.Steps, "the budget, not the clock, ended both runs")
	assert.Equal(t, a.Roster, b.Roster, "same seed, same roster")

	// A roster proven optimal ends the run before its budget.
	tiny := load(t, "testdata/tiny.txt")
	c := Solve(context.Background(), tiny, opts)
	require.True(t, c.Optimal)
	assert.Less(t, c.Steps, 2*opts.Steps)
}

// The programme finds the cheapest row that keeps the person's rules, found by trying every row of
// random two-week instances for one person whose shift maxima and minutes bind (so counts are
// tracked, and set free once they cannot bind, on the way).
func TestBestRowMatchesBruteForce(t *testing.T) {
	for seed := range uint64(12) {
		t.Run(fmt.Sprint(seed), func(t *testing.T) {
			rng := rand.New(rand.NewPCG(seed, 7))
			var b strings.Builder
			b.WriteString("SECTION_HORIZON\n14\n\nSECTION_SHIFTS\nE,300,\nL,480,E\n\nSECTION_STAFF\n")
			fmt.Fprintf(&b, "p,E=%d|L=%d,%d,%d,%d,%d,%d,%d\n", 1+rng.IntN(6), 1+rng.IntN(6),
				300*(6+rng.IntN(5)), 300*rng.IntN(6), 3+rng.IntN(4), 1+rng.IntN(2), 1+rng.IntN(2), 1+rng.IntN(2))
			b.WriteString("\nSECTION_DAYS_OFF\np")
			for _, d := range rng.Perm(14)[:3] {
				fmt.Fprintf(&b, ",%d", d)
			}
			b.WriteString("\n\nSECTION_COVER\n0,E,0,1,1\n")
			in, err := Parse(strings.NewReader(b.String()))
			require.NoError(t, err)
			s := newSolver(in, 1)
			marg := make([][]float64, in.Horizon)
			for d := range marg {
				marg[d] = make([]float64, len(in.Shifts)+1)
				for k := range marg[d] {
					marg[d][k] = float64(rng.IntN(11) - 5)
				}
			}
			best := math.Inf(1)
			r := NewRoster(in)
			var walk func(d int, cost float64)
			walk = func(d int, cost float64) {
				if d == in.Horizon {
					if cost < best && Evaluate(in, r).Valid() {
						best = cost
					}
					return
				}
				for k := -1; k < len(in.Shifts); k++ {
					if k >= 0 && slices.Contains(in.DaysOff[0], d) {
						continue
					}
					r[0][d] = k
					walk(d+1, cost+marg[d][k+1])
				}
				r[0][d] = -1
			}
			walk(0, 0)
			row, cost, _, ok, capped := s.bestRowPriced(0, dpLimit, math.Inf(1), marg)
			require.False(t, capped)
			if math.IsInf(best, 1) {
				assert.False(t, ok, "no row keeps the rules")
				return
			}
			require.True(t, ok)
			assert.Equal(t, best, cost)
			r[0] = row
			assert.True(t, Evaluate(in, r).Valid(), "%v", Evaluate(in, r).Violations)
			got := 0.0
			for d, k := range row {
				got += marg[d][k+1]
			}
			assert.Equal(t, cost, got)
		})
	}
}

package curtois

import (
	"context"
	"math"
	"path/filepath"
	"slices"
	"strings"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

// On instances small enough to try every roster, the dive's roster keeps every hard rule and its
// bound is never above the optimum, which is never above the dive's roster.
func TestDiveKeepsTheRulesAndBoundsTheOptimum(t *testing.T) {
	for name, in := range smallCases(t) {
		t.Run(name, func(t *testing.T) {
			opt := bruteForce(in)
			if opt < 0 {
				t.Skip("no roster keeps the rules")
			}
			g := newSolver(in, 0)
			g.start()
			r, _, root, ok := g.dive(diveVariants[0], nil, nil, g.cost(), math.MaxInt64, math.MaxInt64, never)
			require.True(t, ok)
			ev := Evaluate(in, r)
			require.True(t, ev.Valid(), "%v", ev.Violations)
			assert.LessOrEqual(t, root, float64(opt)+1e-6, "the bound is below the optimum")
			assert.GreaterOrEqual(t, ev.Objective, opt)
		})
	}
}

// On Instance2 the dive finds the optimum 828 and proves it by its own bound, and Solve stops there.
func TestDiveProvesInstance2(t *testing.T) {
	in := load(t, filepath.Join(benchDir(t), "Instance2.txt"))
	g := newSolver(in, 0)
	g.start()
	r, _, root, ok := g.dive(diveVariants[0], nil, nil, g.cost(), math.MaxInt64, math.MaxInt64, never)
	require.True(t, ok)
	ev := Evaluate(in, r)
	require.True(t, ev.Valid())
	assert.Equal(t, 828, ev.Objective)
	assert.Equal(t, 828, int(math.Ceil(root-1e-6)))

	opts := Options{Seed: 1}
	res := Solve(context.Background(), in, opts)
	require.True(t, res.Valid)
	assert.Equal(t, 828, res.Objective)
	assert.True(t, res.Optimal)
	assert.Less(t, int64(res.Steps), opts.budget()/4, "the proof ends the runs early")
}

// A dive that runs out of work gives no roster but keeps the bound it reached.
func TestDiveOutOfWork(t *testing.T) {
	in := load(t, filepath.Join(benchDir(t), "Instance2.txt"))
	g := newSolver(in, 0)
	g.start()
	_, spent, _, ok := g.dive(diveVariants[0], nil, nil, g.cost(), 1000, math.MaxInt64, never)
	assert.False(t, ok)
	assert.Greater(t, spent, int64(1000))
	_, _, root, ok := g.dive(diveVariants[0], nil, nil, g.cost(), math.MaxInt64, math.MaxInt64, func() bool { return true })
	assert.False(t, ok)
	assert.True(t, math.IsInf(root, -1))
}

// A re-dive from a roster keeps the rows of everyone not open and gives a roster that keeps the
// rules; its bound is not one of the whole instance, so none is returned.
func TestReDiveKeepsTheClosedRows(t *testing.T) {
	in := load(t, filepath.Join(benchDir(t), "Instance3.txt"))
	g := newSolver(in, 0)
	g.start()
	from := make(Roster, len(g.r))
	for e := range g.r {
		from[e] = append([]int(nil), g.r[e]...)
	}
	open := make([]bool, len(from))
	for e := 0; e < len(open); e += 3 {
		open[e] = true
	}
	r, _, root, ok := g.dive(diveLNS, from, open, g.cost(), math.MaxInt64, math.MaxInt64, never)
	require.True(t, ok)
	assert.True(t, math.IsInf(root, -1))
	require.True(t, Evaluate(in, r).Valid())
	changed := 0
	for e := range from {
		if !open[e] {
			assert.Equal(t, from[e], r[e], "person %d is closed", e)
		} else if !slices.Equal(from[e], r[e]) {
			changed++
		}
	}
	assert.Positive(t, changed, "the greedy start is far from the optimum, so open rows change")
	assert.Less(t, Evaluate(in, r).Objective, Evaluate(in, from).Objective)
}

// One person alone: every budget, from too small for a dive to plenty, gives a valid roster
// (the re-dives once drew two people from one and panicked).
func TestSolveOnePerson(t *testing.T) {
	const one = `SECTION_HORIZON
14

SECTION_SHIFTS
E,480,
L,600,E

SECTION_STAFF
A,E=14|L=4,4800,2400,5,2,2,1

SECTION_DAYS_OFF
A,6

SECTION_SHIFT_ON_REQUESTS
A,0,L,2
A,9,E,3

SECTION_SHIFT_OFF_REQUESTS
A,3,E,5

SECTION_COVER
0,E,1,100,1
1,E,1,100,1
1,L,1,50,1
2,E,2,100,1
3,E,1,100,1
4,L,1,100,1
8,E,1,100,1
9,L,1,100,1
10,E,1,100,1
`
	in, err := Parse(strings.NewReader(one))
	require.NoError(t, err)
	for _, steps := range []int{10_000, 30_000, 100_000, 300_000, 1_000_000, 5_000_000} {
		res := Solve(context.Background(), in, Options{Seed: 2, Steps: steps, Workers: 1})
		require.True(t, res.Valid, "steps %d", steps)
		assert.True(t, Evaluate(in, res.Roster).Valid())
	}
}

package curtois

import (
	"context"
	"fmt"
	"math"
	"math/rand/v2"
	"path/filepath"
	"strings"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

func never() bool { return false }

// smallInstance is a random week for two people with two shift types and two days off each, small
// enough to try every roster, with limits loose enough that some roster keeps the rules and tight
// enough that they bind.
func smallInstance(seed uint64) string {
	rng := rand.New(rand.NewPCG(seed, 2))
	var b strings.Builder
	b.WriteString("SECTION_HORIZON\n7\n\nSECTION_SHIFTS\nE,480,\nL,480,E\n\nSECTION_STAFF\n")
	for e := range 2 {
		fmt.Fprintf(&b, "p%d,E=%d|L=%d,%d,%d,%d,%d,%d,1\n", e, 1+rng.IntN(5), 1+rng.IntN(5),
			480*(3+rng.IntN(3)), 480*rng.IntN(3), 3+rng.IntN(3), 1+rng.IntN(2), 1+rng.IntN(2))
	}
	b.WriteString("\nSECTION_DAYS_OFF\n")
	for e := range 2 {
		fmt.Fprintf(&b, "p%d,%d,%d\n", e, rng.IntN(7), rng.IntN(7))
	}
	b.WriteString("\nSECTION_SHIFT_ON_REQUESTS\n")
	for range 3 {
		fmt.Fprintf(&b, "p%d,%d,%s,%d\n", rng.IntN(2), rng.IntN(7), []string{"E", "L"}[rng.IntN(2)], 1+rng.IntN(3))
	}
	b.WriteString("\nSECTION_SHIFT_OFF_REQUESTS\n")
	for range 3 {
		fmt.Fprintf(&b, "p%d,%d,%s,%d\n", rng.IntN(2), rng.IntN(7), []string{"E", "L"}[rng.IntN(2)], 1+rng.IntN(3))
	}
	b.WriteString("\nSECTION_COVER\n")
	for d := range 7 {
		for _, k := range []string{"E", "L"} {
			fmt.Fprintf(&b, "%d,%s,%d,%d,%d\n", d, k, rng.IntN(3), 1+rng.IntN(20), 1+rng.IntN(5))
		}
	}
	return b.String()
}

// smallCases are the tiny instance and eight random small weeks, by name.
func smallCases(t *testing.T) map[string]*Instance {
	cases := map[string]*Instance{"tiny": load(t, "testdata/tiny.txt")}
	for seed := range uint64(8) {
		in, err := Parse(strings.NewReader(smallInstance(seed)))
		require.NoError(t, err)
		cases[fmt.Sprintf("random %d", seed)] = in
	}
	return cases
}

// The bound is never above the optimum, found by trying every roster of small instances.
func TestLowerBoundIsBelowTheOptimum(t *testing.T) {
	for name, in := range smallCases(t) {
		t.Run(name, func(t *testing.T) {
			opt := bruteForce(in)
			require.GreaterOrEqual(t, opt, 0, "the instance has a roster that keeps the rules")
			// A loose ub: the steps do not stop at the optimum, so a bound that overshoots would show.
			lb, ext := newSolver(in, 1).lowerBound(float64(2*opt+50), math.MaxInt64, never)
			require.False(t, math.IsInf(lb, -1))
			assert.Positive(t, ext)
			assert.LessOrEqual(t, lb, float64(opt)+1e-6)
			t.Logf("bound %.2f, optimum %d", lb, opt)
		})
	}
}

// On Instance2 the bound proves the best-known value optimal: rounded up it is 828.
func TestLowerBoundProvesInstance2(t *testing.T) {
	in := load(t, filepath.Join(benchDir(t), "Instance2.txt"))
	lb, _ := newSolver(in, 1).lowerBound(828, math.MaxInt64, never)
	assert.LessOrEqual(t, lb, 828.0)
	assert.Equal(t, 828, int(math.Ceil(lb-1e-6)))
}

// Without the budget for one step there is no bound, and a person without any row that keeps their
// rules gives none either.
func TestLowerBoundWithoutOne(t *testing.T) {
	in := load(t, "testdata/tiny.txt")
	lb, _ := newSolver(in, 1).lowerBound(100, math.MaxInt64, func() bool { return true })
	assert.True(t, math.IsInf(lb, -1))

	in.Staff[0].MinTotalMinutes = 7 * 600 // more than a week of the longest shift with a day off
	lb, _ = newSolver(in, 1).lowerBound(100, math.MaxInt64, never)
	assert.True(t, math.IsInf(lb, -1))
}

// Solve reports the bound, and calls the roster optimal only when it reaches it.
func TestSolveReportsTheBound(t *testing.T) {
	in := load(t, "testdata/tiny.txt")
	res := Solve(context.Background(), in, Options{Seed: 3, Steps: 4_000_000})
	require.True(t, res.Valid)
	require.True(t, res.HasBound)
	assert.LessOrEqual(t, res.Bound, res.Objective)
	assert.Equal(t, res.Bound == res.Objective, res.Optimal)
}

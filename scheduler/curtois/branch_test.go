package curtois

import (
	"fmt"
	"math"
	"path/filepath"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

// On instances small enough to try every roster, a search with no budget to stop it ends with
// the optimum and says it is proven, from the greedy start and from the optimum itself.
func TestBranchFindsAndProvesTheOptimum(t *testing.T) {
	for name, in := range smallCases(t) {
		t.Run(name, func(t *testing.T) {
			opt := bruteForce(in)
			if opt < 0 {
				t.Skip("no roster keeps the rules")
			}
			s := newSolver(in, 0)
			s.start()
			from := Evaluate(in, s.r)
			require.True(t, from.Valid())
			r, obj, _, proven := s.branch(s.r, from.Objective, nil, math.MaxInt64, never)
			assert.True(t, proven)
			assert.Equal(t, opt, obj)
			ev := Evaluate(in, r)
			require.True(t, ev.Valid(), "%v", ev.Violations)
			assert.Equal(t, obj, ev.Objective)

			_, obj, _, proven = s.branch(r, obj, nil, math.MaxInt64, never)
			assert.True(t, proven, "the optimum is proven when it is the start")
			assert.Equal(t, opt, obj)
		})
	}
}

// A search that runs out of work keeps its start (or better) and proves nothing.
func TestBranchOutOfWork(t *testing.T) {
	in := load(t, filepath.Join(benchDir(t), "Instance5.txt"))
	s := newSolver(in, 0)
	s.start()
	from := Evaluate(in, s.r)
	r, obj, spent, proven := s.branch(s.r, from.Objective, nil, 1000, never)
	assert.False(t, proven)
	assert.LessOrEqual(t, obj, from.Objective)
	assert.Equal(t, obj, Evaluate(in, r).Objective)
	assert.Greater(t, spent, int64(1000))
}

// With only some people open, the search finds the best roster in which the others keep their
// rows, found by trying every row of the open person.
func TestBranchWithSomePeopleOpen(t *testing.T) {
	for name, in := range smallCases(t) {
		for open := range in.Staff {
			t.Run(fmt.Sprint(name, "/", open), func(t *testing.T) {
				s := newSolver(in, 0)
				s.start()
				from := Evaluate(in, s.r)
				require.True(t, from.Valid())
				// Every row of the open person, the others as they are.
				r := NewRoster(in)
				for e := range r {
					copy(r[e], s.r[e])
				}
				opt := -1
				var walk func(d int)
				walk = func(d int) {
					if d == in.Horizon {
						if ev := Evaluate(in, r); ev.Valid() && (opt < 0 || ev.Objective < opt) {
							opt = ev.Objective
						}
						return
					}
					for k := -1; k < len(in.Shifts); k++ {
						r[open][d] = k
						walk(d + 1)
					}
				}
				walk(0)
				mask := make([]bool, len(in.Staff))
				mask[open] = true
				got, obj, _, proven := s.branch(s.r, from.Objective, mask, math.MaxInt64, never)
				assert.True(t, proven)
				assert.Equal(t, opt, obj)
				for e := range got {
					if e != open {
						assert.Equal(t, s.r[e], got[e], "a closed person keeps their row")
					}
				}
			})
		}
	}
}

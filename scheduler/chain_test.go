package scheduler

import (
	"bytes"
	"os"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"ploeg/domain"
)

// chainState loads testdata/chain.json with p on shift a-1 and q on b-1: x (skill a only) is idle,
// and only the chain x → a-1, p → b-1, q → c-1 places everyone.
func chainState(t *testing.T, mutate func(*domain.Dataset)) (*domain.Dataset, *searcher, func(string) int) {
	t.Helper()
	day := domain.NewDate(2026, 11, 23)
	ds, m := testModel(t, "testdata/chain.json", mutate, day, day)
	st := newState(m)
	emp := func(id string) int { return m.empIx[id] }
	shift := func(id string) int32 { return int32(m.shiftIx[id]) }
	st.add(emp("p"), 0, shift("a-1"))
	st.add(emp("q"), 0, shift("b-1"))
	return ds, newSearcher(st, 1, lowerBound(m)), emp
}

func TestChainPlacesIdlePersonThroughTwoMoves(t *testing.T) {
	ds, s, emp := chainState(t, nil)
	require.Equal(t, 1, s.st.idle)

	require.True(t, s.chain(emp("x"), 0), "the chain x → a, p → b, q → c exists")
	assert.Equal(t, 0, s.st.idle)
	p := s.st.plan()
	assert.Equal(t, map[string]string{"x": "a-1", "p": "b-1", "q": "c-1"}, byEmployee(p))
	r, err := Check(ds, &p)
	require.NoError(t, err)
	assert.Empty(t, r.Violations)
	assert.Equal(t, r.Score, p.Score)
}

// A chain can start from someone who works, away from home: x (home a) on c-1 goes home to a-1,
// and p makes way to b-1.
func TestChainBringsSomeoneHome(t *testing.T) {
	ds, s, emp := chainState(t, func(ds *domain.Dataset) {
		ds.Employees[0].Skills = []string{"a", "c"}
		ds.Employees[0].HomeWorkplace = "a"
	})
	st, m := s.st, s.m
	st.remove(emp("q"), 0)
	st.add(emp("x"), 0, int32(m.shiftIx["c-1"]))
	require.Equal(t, 1, st.cont)

	require.True(t, s.chain(emp("x"), 0))
	p := st.plan()
	assert.Equal(t, map[string]string{"x": "a-1", "p": "b-1"}, byEmployee(p))
	r, err := Check(ds, &p)
	require.NoError(t, err)
	assert.Empty(t, r.Violations)
	assert.Equal(t, 0, r.Score.Continuity)
}

func TestChainChangesNothingWithoutAnImprovement(t *testing.T) {
	tests := map[string]func(*domain.Dataset){
		"q cannot go on":      func(ds *domain.Dataset) { ds.Employees[2].Skills = []string{"b"} },
		"the last shift full": func(ds *domain.Dataset) { ds.Shifts[2].Max = 0 },
		"p is pinned": func(ds *domain.Dataset) {
			ds.Pinned = []domain.Pin{{Employee: "p", Shift: "a-1"}}
		},
	}
	for name, mutate := range tests {
		t.Run(name, func(t *testing.T) {
			_, s, emp := chainState(t, mutate)
			before := s.st.plan()
			assert.False(t, s.chain(emp("x"), 0))
			assert.Equal(t, before, s.st.plan(), "a chain that does not help leaves the plan as it was")
		})
	}
}

func byEmployee(p domain.Plan) map[string]string {
	out := map[string]string{}
	for _, a := range p.Assignments {
		out[a.Employee] = a.Shift
	}
	return out
}

// TestChainMovesWorkToAnotherDay: q (8 contract hours: one shift a week) works a-ma; x can only
// work a-ma. The chain gives x a-ma and moves q's hours to b-di, where q had no shift.
func TestChainMovesWorkToAnotherDay(t *testing.T) {
	mon := domain.NewDate(2026, 11, 23)
	ds, m := testModel(t, "testdata/chain-days.json", nil, mon, mon.AddDays(1))
	st := newState(m)
	st.add(m.empIx["q"], 0, int32(m.shiftIx["a-ma"]))
	s := newSearcher(st, 1, lowerBound(m))
	require.Equal(t, 2, st.idle, "x on Monday, q on Tuesday")

	require.True(t, s.chain(m.empIx["x"], 0))
	p := s.st.plan()
	assert.Equal(t, map[string]string{"x": "a-ma", "q": "b-di"}, byEmployee(p))
	r, err := Check(ds, &p)
	require.NoError(t, err)
	assert.Empty(t, r.Violations)
	assert.Equal(t, 1, r.Score.Idle, "q is idle on Monday now, nobody else")

	s.focus(0) // searching one day: work does not move to another
	s.st = newState(m)
	s.st.add(m.empIx["q"], 0, int32(m.shiftIx["a-ma"]))
	assert.False(t, s.chain(m.empIx["x"], 0))
}

// testModel reads a dataset from file, lets mutate change it, and builds the model of from..to.
func testModel(t *testing.T, file string, mutate func(*domain.Dataset), from, to domain.Date) (*domain.Dataset, *model) {
	t.Helper()
	b, err := os.ReadFile(file)
	require.NoError(t, err)
	ds, err := domain.DecodeDataset(bytes.NewReader(b))
	require.NoError(t, err)
	if mutate != nil {
		mutate(ds)
	}
	m, err := newModel(ds, from, to)
	require.NoError(t, err)
	return ds, m
}

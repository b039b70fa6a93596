package scheduler

import (
	"context"
	"math"
	"slices"
	"testing"
	"time"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"ploeg/demo"
	"ploeg/domain"
	"ploeg/scheduler/gen"
)

// TestFillHoleTakesSomeoneOffAClashingShift: night n-ma is short. Only b can work it, but b works
// d-ma and, on Tuesday, evening e-di, which starts 10.5 hours after the night ends. The pull chain
// brings b onto the night, c (idle) onto d-ma in b's place, and b's Tuesday onto night n-di.
func TestFillHoleTakesSomeoneOffAClashingShift(t *testing.T) {
	mon, tue := domain.NewDate(2026, 11, 23), domain.NewDate(2026, 11, 24)
	ds, m := testModel(t, "testdata/pull.json", nil, mon, tue)
	st := newState(m)
	b, night := m.empIx["b"], int32(m.shiftIx["n-ma"])
	for _, s := range []string{"d-ma", "e-di"} {
		si := int32(m.shiftIx[s])
		st.add(b, m.shifts[si].day, si)
	}
	s := newSearcher(st, 1, lowerBound(m))
	require.Equal(t, 1, st.und)
	require.False(t, st.seqOK(b, 0, night), "b cannot simply take the night")

	var idle []slot
	var holes []int32
	require.True(t, s.fillHole(night, &idle, &holes))
	assert.Empty(t, idle)
	assert.Empty(t, holes)
	p := st.plan()
	got := map[string][]string{}
	for _, a := range p.Assignments {
		got[a.Employee] = append(got[a.Employee], a.Shift)
	}
	assert.ElementsMatch(t, []string{"n-ma", "n-di"}, got["b"])
	assert.Equal(t, []string{"d-ma"}, got["c"])
	r, err := Check(ds, &p)
	require.NoError(t, err)
	assert.Empty(t, r.Violations)
	assert.Equal(t, r.Score.Total, st.cost())
	assert.Zero(t, st.cost())
}

// weekSearcher is a searcher on the constructed plan of a generated 25-person week.
func weekSearcher(t *testing.T, seed uint64) (*domain.Dataset, *model, *searcher) {
	t.Helper()
	ds := gen.Random(seed, gen.Size{Employees: 25, Days: 5})
	from, to := gen.Range(ds)
	m, err := newModel(ds, from, to)
	require.NoError(t, err)
	return ds, m, newSearcher(construct(m), seed, lowerBound(m))
}

// TestShakeRepairKeepsEveryRule shakes random people of random generated weeks, with the annealing
// accepting everything or only what does not cost more: after every shake, kept or rolled back,
// the plan is valid and the state's score is the checker's.
func TestShakeRepairKeepsEveryRule(t *testing.T) {
	for seed := uint64(1); seed <= 6; seed++ {
		ds, m, s := weekSearcher(t, seed)
		acted := 0
		for i := range 400 {
			s.temp = 0
			if i%2 == 0 {
				s.temp = 1e9
			}
			sl := s.all[s.rng.IntN(len(s.all))]
			elig := m.emps[sl.e].elig[sl.d]
			before := s.st.cost()
			s.shakeRepair(int(sl.e), int(sl.d), elig[s.rng.IntN(len(elig))])
			require.Zero(t, s.st.depth, "every compound move is closed")
			if s.temp == 0 {
				require.LessOrEqual(t, s.st.cost(), before+eps)
			}
			if s.st.cost() != before {
				acted++
			}
			p := s.st.plan()
			r, err := Check(ds, &p)
			require.NoError(t, err)
			require.Empty(t, r.Violations, "seed %d step %d", seed, i)
			require.InDelta(t, r.Score.Total, s.st.cost(), 0.001)
		}
		assert.Positive(t, acted, "seed %d: no shake changed the plan", seed)
	}
}

// stateView is what a state holds, in a form that compares equal whenever two states describe the
// same plan: member and led lists as sets, sums rounded.
type stateView struct {
	Asg, Members, WlLoc, Led [][]int32
	Load, Week, WlLoad       []float64
	Leader                   []int32
	Und, Idle, Cont, Changed int
}

func viewOf(st *state) stateView {
	round := func(x float64) float64 { return math.Round(x*1e6) / 1e6 }
	sorted := func(l []int32) []int32 {
		if len(l) == 0 {
			return nil // an emptied list is the same as one never filled
		}
		c := slices.Clone(l)
		slices.Sort(c)
		return c
	}
	v := stateView{Leader: slices.Clone(st.leader), Und: st.und, Idle: st.idle, Cont: st.cont, Changed: st.changed}
	for _, a := range st.asg {
		v.Asg = append(v.Asg, slices.Clone(a))
	}
	for _, l := range st.members {
		v.Members = append(v.Members, sorted(l))
	}
	for _, x := range st.load {
		v.Load = append(v.Load, round(x))
	}
	for _, w := range st.week {
		for _, x := range w {
			v.Week = append(v.Week, round(x))
		}
	}
	for w := range st.wlLoc {
		v.WlLoc = append(v.WlLoc, slices.Clone(st.wlLoc[w]))
		for d := range st.wlLoad[w] {
			v.WlLoad = append(v.WlLoad, round(st.wlLoad[w][d]))
			v.Led = append(v.Led, sorted(st.led[w][d]))
		}
	}
	return v
}

// Shakes inside an open compound move, kept or rolled back with the chains they run inside them,
// all come undone when the outer move rolls back: the state is the one it began as.
func TestShakesInsideACompoundMoveRollBack(t *testing.T) {
	for seed := uint64(1); seed <= 4; seed++ {
		_, m, s := weekSearcher(t, seed)
		want := viewOf(s.st)
		mark := s.st.begin()
		s.temp = 1e9 // keep nearly every shake
		for range 200 {
			sl := s.all[s.rng.IntN(len(s.all))]
			elig := m.emps[sl.e].elig[sl.d]
			s.shakeRepair(int(sl.e), int(sl.d), elig[s.rng.IntN(len(elig))])
			require.Equal(t, 1, s.st.depth, "only the outer move is open")
		}
		require.NotEqual(t, want, viewOf(s.st), "seed %d: the shakes changed the plan", seed)
		s.st.rollback(mark)
		assert.Zero(t, s.st.depth)
		assert.False(t, s.st.recording)
		assert.Equal(t, want, viewOf(s.st), "seed %d", seed)
	}
}

func TestUnbalancedCompoundMovePanics(t *testing.T) {
	ds := gen.Random(1, gen.Size{Employees: 10, Days: 1})
	from, to := gen.Range(ds)
	m, err := newModel(ds, from, to)
	require.NoError(t, err)
	st := construct(m)
	assert.Panics(t, st.commit)
	assert.Panics(t, func() { st.rollback(0) })
}

func TestShakeAndRepairIsUsedWhereItPays(t *testing.T) {
	for _, c := range []struct {
		slots, people int
		effort        float64
		want          bool
	}{
		{399, 80, 1, true},      // small: the bench's instances
		{399, 101, 1, false},    // small in slots, but chains over many people's weeks cost too much
		{399, 500, 10, true},    // …unless the effort asks for it
		{400, 600, 1, false},    // a Paswerk day at the default effort: its 100 ms
		{600, 600, 9.9, false},  // …
		{600, 600, 10, true},    // …at a high effort: the optimum more often
		{999, 600, 100, true},   //
		{1000, 600, 100, false}, // a Paswerk week: no better, 2.4 times slower
	} {
		assert.Equal(t, c.want, useShake(c.slots, c.people, c.effort), "%d slots, %d people, effort %g", c.slots, c.people, c.effort)
	}
}

// Between the small problems and a Paswerk week, a high effort turns on shake-and-repair for every
// run, and the plans keep every rule (validity only: the time limit keeps this fast, also under
// -race; TestSameSeedSamePlan checks a seed's plan on a problem where the move is always on).
func TestHighEffortMidSizeShakes(t *testing.T) {
	from := domain.NewDate(2026, 11, 23)
	opts := demo.DefaultOptions(from)
	opts.Employees, opts.Days = 560, 1
	ds := demo.Generate(opts)
	m, err := newModel(ds, from, from)
	require.NoError(t, err)
	require.True(t, useShake(m.slotCount(), len(m.emps), 10) && !useShake(m.slotCount(), len(m.emps), 1), "%d slots: not mid-size", m.slotCount())

	done, cancel := context.WithCancel(context.Background())
	cancel() // only the first run starts, and stops at once
	for _, effort := range []float64{1, 10} {
		s, _ := runAll(done, m, construct(m), lowerBound(m), effort, time.Time{}, 1, func(int, float64) {})
		assert.Equal(t, effort >= 10, s.shake, "effort %g", effort)
	}

	// A small problem of many people: its 32 runs at the default effort do not add up to a high one.
	opts.Employees = 450
	smallDs := demo.Generate(opts)
	sm, err := newModel(smallDs, from, from)
	require.NoError(t, err)
	require.Less(t, sm.slotCount(), smallSlots)
	require.Greater(t, len(sm.emps), shakePeople)
	for _, effort := range []float64{1, 10} {
		s, _ := runAll(done, sm, construct(sm), lowerBound(sm), effort, time.Time{}, 1, func(int, float64) {})
		assert.Equal(t, effort >= 10, s.shake, "small, effort %g", effort)
	}

	p, err := Plan(context.Background(), ds, from, from, Options{Seed: 2, Effort: 10, TimeLimit: 300 * time.Millisecond})
	require.NoError(t, err)
	r, err := Check(ds, &p)
	require.NoError(t, err)
	require.Empty(t, r.Violations)
	require.Equal(t, r.Score, p.Score)
}

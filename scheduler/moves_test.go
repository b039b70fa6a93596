package scheduler

import (
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"ploeg/domain"
)

// TestReinforceKeepsEveryShiftLed: werkleider w (capacity 3) leads h-1 {f}, c-1 {pi} and x-1 {g};
// e belongs at h and is idle. Reinforce hands h-1 to o and fills w's room with people of w's
// werkplekken: pi goes home to x-1, which empties c-1 while the refill still walks w's shifts.
// Whatever the move does, every shift with people keeps a werkleider (H9).
func TestReinforceKeepsEveryShiftLed(t *testing.T) {
	day := domain.NewDate(2026, 11, 23)
	ds, m := testModel(t, "testdata/reinforce.json", nil, day, day)
	emp := func(id string) int { return m.empIx[id] }
	shift := func(id string) int32 { return int32(m.shiftIx[id]) }
	w := int32(m.wlIx["w"])
	acted := 0
	for seed := range uint64(20) {
		st := newState(m)
		for _, a := range []struct{ e, s string }{{"f", "h-1"}, {"pi", "c-1"}, {"g", "x-1"}} {
			st.setLeader(shift(a.s), w)
			st.add(emp(a.e), 0, shift(a.s))
		}
		s := newSearcher(st, seed, lowerBound(m))
		before := st.cost()
		s.tryReinforce(emp("e"), 0, shift("h-1"))
		if st.cost() == before {
			continue // the move drew w itself as the new werkleider
		}
		acted++
		p := st.plan()
		r, err := Check(ds, &p)
		require.NoError(t, err)
		require.Empty(t, r.Violations, "seed %d", seed)
		assert.Equal(t, r.Score.Total, st.cost(), "seed %d", seed)
	}
	assert.Positive(t, acted, "the move never acted")
}

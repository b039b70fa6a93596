package curtois

import (
	"context"
	"fmt"
	"math/rand/v2"
	"os"
	"strings"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

// largeInstance writes an instance of the size of the benchmark's largest (364 days, 150 staff, 32
// shift types) in the benchmark's format, with generous limits so that rosters without broken rules
// are plentiful, and random requests and cover.
func largeInstance(seed uint64, days, staff, types int) string {
	rng := rand.New(rand.NewPCG(seed, 1))
	var b strings.Builder
	fmt.Fprintf(&b, "SECTION_HORIZON\n%d\n\nSECTION_SHIFTS\n", days)
	for k := range types {
		cannot := ""
		if k > 0 && rng.IntN(3) == 0 {
			cannot = fmt.Sprintf("s%d", rng.IntN(k))
		}
		fmt.Fprintf(&b, "s%d,%d,%s\n", k, 240+60*rng.IntN(7), cannot)
	}
	b.WriteString("\nSECTION_STAFF\n")
	for e := range staff {
		var max []string
		for k := range types {
			max = append(max, fmt.Sprintf("s%d=%d", k, []int{0, days / 4, days}[rng.IntN(3)]))
		}
		fmt.Fprintf(&b, "p%d,%s,%d,%d,6,1,1,%d\n", e, strings.Join(max, "|"), days*400, days*100, days/7)
	}
	b.WriteString("\nSECTION_DAYS_OFF\n")
	for e := range staff {
		fmt.Fprintf(&b, "p%d,%d,%d\n", e, rng.IntN(days), rng.IntN(days))
	}
	b.WriteString("\nSECTION_SHIFT_ON_REQUESTS\n")
	for range staff * days / 20 {
		fmt.Fprintf(&b, "p%d,%d,s%d,%d\n", rng.IntN(staff), rng.IntN(days), rng.IntN(types), 1+rng.IntN(3))
	}
	b.WriteString("\nSECTION_SHIFT_OFF_REQUESTS\n")
	for range staff * days / 20 {
		fmt.Fprintf(&b, "p%d,%d,s%d,%d\n", rng.IntN(staff), rng.IntN(days), rng.IntN(types), 1+rng.IntN(3))
	}
	b.WriteString("\nSECTION_COVER\n")
	for d := range days {
		for k := range types {
			fmt.Fprintf(&b, "%d,s%d,%d,100,1\n", d, k, rng.IntN(4))
		}
	}
	return b.String()
}

// A larger instance than the twelve here (the family goes up to 364 days, 150 staff, 32 shift
// types): read, solved without a broken rule, and better with twice the work (a slower cooling).
func TestLargerInstanceStaysValidAndImproves(t *testing.T) {
	checkLarge(t, 56, 12, 6, 20_000_000)
}

// The full size of the family's largest instances.
func TestLargestInstanceStaysValidAndImproves(t *testing.T) {
	if os.Getenv("PLOEG_LONG") == "" {
		t.Skip("about 2–4 minutes; set PLOEG_LONG=1")
	}
	checkLarge(t, 364, 150, 32, 1_500_000_000)
}

func checkLarge(t *testing.T, days, staff, types, steps int) {
	in, err := Parse(strings.NewReader(largeInstance(7, days, staff, types)))
	require.NoError(t, err)
	require.Equal(t, days, in.Horizon)
	require.Len(t, in.Staff, staff)
	short := Solve(context.Background(), in, Options{Seed: 1, Steps: steps})
	long := Solve(context.Background(), in, Options{Seed: 1, Steps: 2 * steps})
	for _, res := range []Result{short, long} {
		require.True(t, res.Valid)
		ev := Evaluate(in, res.Roster)
		require.Empty(t, ev.Violations)
		assert.Equal(t, ev.Objective, res.Objective)
	}
	assert.Less(t, long.Objective, short.Objective, "more work, a better roster")
	t.Logf("objective %d after %d cells of work, %d after twice as many", short.Objective, steps, long.Objective)
}

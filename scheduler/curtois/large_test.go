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
// The full size runs with PLOEG_LONG=1.
func TestLargeInstanceStaysValidAndImproves(t *testing.T) {
	tests := []struct {
		name               string
		days, staff, types int
		steps              int
		long               bool
	}{
		{"56 days, 12 staff, 6 types", 56, 12, 6, 400_000, false},
		{"364 days, 150 staff, 32 types", 364, 150, 32, 3_200_000, true},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			if tc.long && os.Getenv("PLOEG_LONG") == "" {
				t.Skip("about 15 s, minutes under -race; set PLOEG_LONG=1")
			}
			in, err := Parse(strings.NewReader(largeInstance(7, tc.days, tc.staff, tc.types)))
			require.NoError(t, err)
			require.Equal(t, tc.days, in.Horizon)
			require.Len(t, in.Staff, tc.staff)
			short := Solve(context.Background(), in, Options{Seed: 1, Steps: tc.steps})
			long := Solve(context.Background(), in, Options{Seed: 1, Steps: 2 * tc.steps})
			for _, res := range []Result{short, long} {
				require.True(t, res.Valid)
				ev := Evaluate(in, res.Roster)
				require.Empty(t, ev.Violations)
				assert.Equal(t, ev.Objective, res.Objective)
			}
			assert.Less(t, long.Objective, short.Objective, "more work, a better roster")
			t.Logf("objective %d after %d moves, %d after twice as many", short.Objective, tc.steps, long.Objective)
		})
	}
}

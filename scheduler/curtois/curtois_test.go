package curtois

import (
	"bytes"
	"context"
	"os"
	"os/exec"
	"path/filepath"
	"slices"
	"strings"
	"testing"
	"time"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

func load(t testing.TB, path string) *Instance {
	t.Helper()
	f, err := os.Open(path)
	require.NoError(t, err)
	defer f.Close()
	in, err := Parse(f)
	require.NoError(t, err)
	return in
}

// benchDir is the public benchmark: $PLOEG_CURTOIS_DIR (.ci/run sets it), else beside the
// project (../shared/benchmarks/curtois).
func benchDir(t testing.TB) string {
	t.Helper()
	dir := os.Getenv("PLOEG_CURTOIS_DIR")
	if dir == "" {
		var err error
		dir, err = filepath.Abs("../../../shared/benchmarks/curtois")
		require.NoError(t, err)
	}
	if _, err := os.Stat(filepath.Join(dir, "Instance1.txt")); err != nil {
		t.Skipf("the benchmark instances are not at %s", dir)
	}
	return dir
}

func TestParseTiny(t *testing.T) {
	in := load(t, "testdata/tiny.txt")
	assert.Equal(t, 7, in.Horizon)
	require.Len(t, in.Shifts, 2)
	assert.Equal(t, ShiftType{ID: "L", Minutes: 600, CannotFollow: []int{0}}, in.Shifts[1])
	require.Len(t, in.Staff, 2)
	assert.Equal(t, Staff{ID: "A", MaxShifts: []int{7, 2}, MaxTotalMinutes: 2400, MinTotalMinutes: 960,
		MaxConsecutive: 3, MinConsecutive: 2, MinDaysOff: 2, MaxWeekends: 1}, in.Staff[0])
	assert.Equal(t, [][]int{{6}, {0}}, in.DaysOff)
	assert.Equal(t, []Request{{Staff: 0, Day: 0, Shift: 1, Weight: 2}}, in.OnRequests)
	assert.Equal(t, []Request{{Staff: 1, Day: 3, Shift: 0, Weight: 5}}, in.OffRequests)
	assert.Len(t, in.Cover, 5)
	assert.Equal(t, Cover{Day: 1, Shift: 1, Requirement: 1, Under: 50, Over: 1}, in.Cover[2])
}

func TestParseEveryBenchmarkInstance(t *testing.T) {
	dir := benchDir(t)
	files, err := filepath.Glob(filepath.Join(dir, "Instance*.txt"))
	require.NoError(t, err)
	require.GreaterOrEqual(t, len(files), 12)
	for _, f := range files {
		in := load(t, f)
		assert.Zero(t, in.Horizon%7, f)
		assert.NotEmpty(t, in.Staff, f)
		assert.NotEmpty(t, in.Cover, f)
	}
}

func TestParseErrorsNameTheLine(t *testing.T) {
	good, err := os.ReadFile("testdata/tiny.txt")
	require.NoError(t, err)
	lines := strings.Split(string(good), "\n")
	replace := func(no int, with string) string { // no is 1-based
		c := append([]string(nil), lines...)
		c[no-1] = with
		return strings.Join(c, "\n")
	}
	tests := []struct {
		name, input string
		line        int
		want        string
	}{
		{"horizon not a multiple of 7", replace(3, "10"), 3, "veelvoud van 7"},
		{"horizon not a number", replace(3, "zeven"), 3, "geheel getal"},
		{"shift length missing", replace(6, "E,480"), 6, "verwacht 3 velden"},
		{"unknown CannotFollow", replace(7, "L,600,X"), 7, `onbekend diensttype "X"`},
		{"staff line short", replace(10, "A,E=7|L=2,2400,960,3,2,2"), 10, "verwacht 8 velden"},
		{"bad MaxShifts", replace(10, "A,E7,2400,960,3,2,2,1"), 10, "SHIFT=aantal"},
		{"duplicate staff", replace(11, "A,E=7|L=0,2400,0,4,1,1,1"), 11, "twee keer"},
		{"unknown staff in days off", replace(14, "Z,6"), 14, `onbekende medewerker "Z"`},
		{"day beyond horizon", replace(15, "B,7"), 15, "buiten de horizon"},
		{"request weight negative", replace(18, "A,0,L,-2"), 18, "geheel getal ≥ 0"},
		{"cover with unknown shift", replace(24, "0,N,1,100,1"), 24, `onbekend diensttype "N"`},
		{"unknown section", replace(23, "SECTION_KOVER"), 23, "onbekende sectie"},
		{"cover row twice", replace(25, "0,E,2,100,1"), 25, "staat er al op regel 24"},
		{"data before a section", "7\n" + string(good), 1, "vóór de eerste sectie"},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			_, err := Parse(strings.NewReader(tc.input))
			var pe *ParseError
			require.ErrorAs(t, err, &pe)
			assert.Equal(t, tc.line, pe.Line)
			assert.Contains(t, pe.Error(), tc.want)
		})
	}
	_, err = Parse(strings.NewReader("SECTION_HORIZON\n7\n"))
	assert.ErrorContains(t, err, "SECTION_SHIFTS ontbreekt")
}

// roster builds a roster from one string per person: a letter per day, '.' for a day off.
func roster(t *testing.T, in *Instance, rows ...string) Roster {
	t.Helper()
	r := NewRoster(in)
	for e, row := range rows {
		for d, c := range row {
			if c != '.' {
				r[e][d] = in.ShiftIndex(string(c))
				require.GreaterOrEqual(t, r[e][d], 0)
			}
		}
	}
	return r
}

func TestEvaluateHandWorked(t *testing.T) {
	in := load(t, "testdata/tiny.txt")
	tests := []struct {
		name       string
		a, b       string
		objective  int
		violations []string
	}{
		// A works L on days 0 and 1 (its on-request for L on day 0 met; 2 × L is its maximum), 1,200
		// minutes; both runs touch an end of the horizon. B works E on days 1–3 (1,440 minutes). Cover:
		// d0 E short 1 (A works L, B has the day off) = 100; d1 E 1 (B), L 1 (A): 0; d2 E wants 2, has
		// 1 (B) = 100; d3 E 1 (B), but B's off-request for E on day 3 costs 5. Objective 205.
		{"valid", "LL.....", ".EEE...", 205, nil},
		// A: E on day 0 then L on day 1 is fine (L cannot be followed by E, not the reverse); L on
		// day 1 followed by E on day 2 breaks the rotation. A's on-request (L on day 0) unmet: 2.
		// Cover: d0 E 1 ok; d1 E 1 (B) ok, L 1 ok; d2 E 2 ok; d3 E 1 ok (B, off request 5).
		// Objective 2 + 5 = 7.
		{"rotation", "ELE....", ".EEE...", 7, []string{"A: dienst E op dag 2 na L op dag 1 (rotatieverbod)"}},
		// A works six days of 480 minutes (2,880 > 2,400), four in a row (max 3), and on its day off 6
		// after one day off (min 2 days off, inside the horizon); the weekend days 5 and 6 are one
		// weekend (allowed).
		// B works one day (min 1) and nothing else. Cover: d0 E 1 (A) ok; d1 E 1 (A) ok, L short 50;
		// d2 E short 1 (A only) = 100; d3 E 1 (A) ok. d5, d6 have no cover rows. Requests: A's on-request
		// unmet 2. B works E on day 2 → d2 E 2: ok, so d2 short 0. Objective 50 + 2 = 52.
		{"runs and day off", "EEEE.EE", "..E....", 52, []string{
			"A: 2880 minuten gewerkt, toegestaan 960 t/m 2400",
			"A: 4 dagen achter elkaar gewerkt (dag 0 t/m 3), hoogstens 3",
			"A: 1 vrije dagen achter elkaar (dag 4 t/m 4), minstens 2",
			"A: werkt op vrije dag 6",
		}},
		// A works L three times (max 2) and only 1,800 minutes... within limits; B works nothing
		// (min 0). Days: L L L . . . . → total 1800; rotation L→L fine. Cover: d0 E short 100; d1 E short
		// 100, L ok; d2 E short 2 × 100; d3 E short 100. Requests: A's met. Objective 500.
		{"max shifts", "LLL....", ".......", 500, []string{"A: 3 diensten L, hoogstens 2"}},
		// A works one day: 480 < 960 minutes; the run touches day 0 so min consecutive does not apply.
		// Cover: d0 E ok; d1 E short 100, L short 50; d2 E short 200; d3 E short 100. On-request unmet 2.
		{"too few minutes", "E......", ".......", 452, []string{"A: 480 minuten gewerkt, toegestaan 960 t/m 2400"}},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			ev := Evaluate(in, roster(t, in, tc.a, tc.b))
			assert.Equal(t, tc.objective, ev.Objective)
			assert.Equal(t, tc.violations, ev.Violations)
			assert.Equal(t, tc.violations == nil, ev.Valid())
		})
	}
}

func TestRosterRoundTrip(t *testing.T) {
	in := load(t, "testdata/tiny.txt")
	r := roster(t, in, "LEE....", ".EEE...")
	var buf bytes.Buffer
	require.NoError(t, WriteRoster(&buf, in, r))
	assert.Equal(t, "L\tE\tE\t\t\t\t\n\tE\tE\tE\t\t\t\n", buf.String())
	back, err := ReadRoster(&buf, in)
	require.NoError(t, err)
	assert.Equal(t, r, back)

	_, err = ReadRoster(strings.NewReader("L\tE\n\tX\n"), in)
	assert.ErrorContains(t, err, `regel 2: medewerker B, dag 1: onbekend diensttype "X"`)
	_, err = ReadRoster(strings.NewReader("L\n"), in)
	assert.ErrorContains(t, err, "verwacht één per medewerker: 2")
	_, err = ReadRoster(strings.NewReader("L\t\t\t\t\t\t\t\t\n\n"), in)
	assert.ErrorContains(t, err, "regel 1: medewerker A: verwacht 7 cellen")
}

func TestSolveTinyIsValidAndRepeatable(t *testing.T) {
	in := load(t, "testdata/tiny.txt")
	a := Solve(context.Background(), in, Options{Seed: 3, Steps: 4_000_000})
	b := Solve(context.Background(), in, Options{Seed: 3, Steps: 4_000_000})
	require.True(t, a.Valid)
	ev := Evaluate(in, a.Roster)
	assert.Empty(t, ev.Violations)
	assert.Equal(t, ev.Objective, a.Objective, "the solver's objective is the evaluator's")
	assert.Equal(t, a.Roster, b.Roster, "same seed, same roster")
	// The best possible: every cover row needs a person the two can give except where rules stop
	// them; the evaluator's value of the found roster can be no better than a brute-force optimum.
	assert.Equal(t, bruteForce(in), a.Objective)
}

// bruteForce finds the optimum of a tiny instance by trying every roster that gives nobody a shift
// on a day off or of a type they may not work at all.
func bruteForce(in *Instance) int {
	best := -1
	r := NewRoster(in)
	cells := len(in.Staff) * in.Horizon
	var walk func(i int)
	walk = func(i int) {
		if i == cells {
			if ev := Evaluate(in, r); ev.Valid() && (best < 0 || ev.Objective < best) {
				best = ev.Objective
			}
			return
		}
		e, d := i/in.Horizon, i%in.Horizon
		for k := -1; k < len(in.Shifts); k++ {
			if k >= 0 && (in.Staff[e].MaxShifts[k] == 0 || slices.Contains(in.DaysOff[e], d)) {
				continue
			}
			r[e][d] = k
			walk(i + 1)
		}
		r[e][d] = -1
	}
	walk(0)
	return best
}

// Instance1's relaxation is weak (558 against the optimum 607), so its proof comes from the tree
// search, which ends it long before the budget.
func TestSolveInstance1ReachesTheOptimum(t *testing.T) {
	in := load(t, filepath.Join(benchDir(t), "Instance1.txt"))
	opts := Options{Seed: 1}
	res := Solve(context.Background(), in, opts)
	ev := Evaluate(in, res.Roster)
	require.Empty(t, ev.Violations)
	assert.Equal(t, 607, ev.Objective, "the proven optimum of Instance1")
	assert.True(t, res.Optimal)
	assert.Equal(t, 607, res.Bound)
	assert.Less(t, int64(res.Steps), opts.budget()/10, "the proof ends the runs early")
}

func FuzzParse(f *testing.F) {
	seed, err := os.ReadFile("testdata/tiny.txt")
	require.NoError(f, err)
	f.Add(string(seed))
	f.Add("SECTION_HORIZON\n7\nSECTION_SHIFTS\nD,480,\nSECTION_STAFF\nA,D=7,1,0,1,0,0,0\nSECTION_COVER\n0,D,1,1,1\n")
	f.Fuzz(func(t *testing.T, s string) {
		in, err := Parse(strings.NewReader(s))
		if err != nil {
			var pe *ParseError
			require.ErrorAs(t, err, &pe)
			return
		}
		// Whatever parses can be evaluated and written without panicking.
		r := NewRoster(in)
		Evaluate(in, r)
		var buf bytes.Buffer
		require.NoError(t, WriteRoster(&buf, in, r))
		back, err := ReadRoster(&buf, in)
		require.NoError(t, err)
		assert.Equal(t, r, back)
	})
}

func TestMIPAgreesWithBruteForceAndTheEvaluator(t *testing.T) {
	if _, err := exec.LookPath("cbc"); err != nil {
		t.Skip("CBC is not installed (apt-get install coinor-cbc); CI installs it")
	}
	in := load(t, "testdata/tiny.txt")
	res, err := SolveMIP(context.Background(), in, 30*time.Second)
	require.NoError(t, err)
	require.Equal(t, "optimal", res.Status)
	ev := Evaluate(in, res.Roster)
	require.Empty(t, ev.Violations, "every rule the MIP states matches the evaluator's")
	assert.Equal(t, bruteForce(in), res.Objective)
	assert.InDelta(t, float64(res.Objective), res.MIPValue, 1e-6, "CBC's objective is the evaluator's")
}

func TestMIPInstance1(t *testing.T) {
	if _, err := exec.LookPath("cbc"); err != nil {
		t.Skip("CBC is not installed (apt-get install coinor-cbc); CI installs it")
	}
	in := load(t, filepath.Join(benchDir(t), "Instance1.txt"))
	res, err := SolveMIP(context.Background(), in, 60*time.Second)
	require.NoError(t, err)
	require.Equal(t, "optimal", res.Status)
	assert.Empty(t, Evaluate(in, res.Roster).Violations)
	assert.Equal(t, 607, res.Objective, "the proven optimum of Instance1")
	assert.InDelta(t, 607, res.MIPValue, 1e-6)
}

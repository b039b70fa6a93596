package quota

import (
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"ploeg/domain"
)

// Hand-worked Wsw arbeidsjaren, 2026, full time 36 hours. Each case is one person alone in Haarlem.
func TestArbeidsjarenHandWorked(t *testing.T) {
	ernstig := wsw("e1", "GM0392", 36, "2000-01-01", "")
	ernstig.WswCategorie = domain.Ernstig

	changed := wsw("e1", "GM0392", 36, "2000-01-01", "")
	changed.WswCategorie = domain.Ernstig
	changed.History = []domain.HistoryEntry{{Until: d("2026-06-30"), WswCategorie: domain.Matig}}

	fewerHours := wsw("e1", "GM0392", 24, "2000-01-01", "")
	fewerHours.History = []domain.HistoryEntry{{Until: d("2026-03-31"), ContractHours: ptr(36.0)}}

	aow := wsw("e1", "GM0392", 36, "2000-01-01", "")
	aow.BirthDate = d("1959-08-15") // AOW-leeftijd 67 for 2026: AOW date 2026-08-15

	aowOnMonthEnd := wsw("e1", "GM0392", 36, "2000-01-01", "")
	aowOnMonthEnd.BirthDate = d("1959-09-30") // AOW date 2026-09-30, itself a month end

	sick := wsw("e1", "GM0392", 36, "2000-01-01", "")

	cases := []struct {
		name       string
		e          domain.Employee
		absences   []domain.Absence
		want       float64
		headcount  int // at 31 December
		monthHeads int // month ends counted
	}{
		// 36/36 × 12 month ends ÷ 12 = 1.00
		{"full-timer", wsw("e1", "GM0392", 36, "2000-01-01", ""), nil, 1.00, 1, 12},
		// 24/36 = 0.6666… at every month end; ÷ 12 × 12 = 0.666… → 0.67
		{"part-timer 24 h", wsw("e1", "GM0392", 24, "2000-01-01", ""), nil, 0.67, 1, 12},
		// 10.26/36 = 0.285 exactly; to hundredths with 0.005 up: 0.29 (float arithmetic may land on 0.28)
		{"part-timer on a half hundredth", wsw("e1", "GM0392", 10.26, "2000-01-01", ""), nil, 0.29, 1, 12},
		// 36/36 × 1.25 = 1.25
		{"ernstig", ernstig, nil, 1.25, 1, 12},
		// matig Jan–Jun: 6 × 1; ernstig Jul–Dec: 6 × 1.25 = 7.5; (6 + 7.5) ÷ 12 = 1.125 → 1.13 (0.005 up)
		{"category change 1 July", changed, nil, 1.13, 1, 12},
		// 36 h at Jan–Mar: 3 × 1; 24 h Apr–Dec: 9 × 0.6667 = 6; (3 + 6) ÷ 12 = 0.75
		{"hours change 1 April", fewerHours, nil, 0.75, 1, 12},
		// contract ends 15 June: month ends Jan–May count, 5 ÷ 12 = 0.41666… → 0.42
		{"leaves 15 June", wsw("e1", "GM0392", 36, "2000-01-01", "2026-06-15"), nil, 0.42, 0, 5},
		// contract ends 30 June: 30 June counts (inclusive), 6 ÷ 12 = 0.50
		{"leaves 30 June", wsw("e1", "GM0392", 36, "2000-01-01", "2026-06-30"), nil, 0.50, 0, 6},
		// AOW date 15 August: Jan–Jul count (31 August is past it), 7 ÷ 12 = 0.5833… → 0.58
		{"AOW 15 August", aow, nil, 0.58, 0, 7},
		// AOW date 30 September: the indicatie lapses that day, so Jan–Aug count, 8 ÷ 12 = 0.666… → 0.67
		{"AOW on 30 September", aowOnMonthEnd, nil, 0.67, 0, 8},
		// contract starts 31 December: counts at the December month end only, 1 ÷ 12 = 0.0833… → 0.08
		{"starts 31 December", wsw("e1", "GM0392", 36, "2026-12-31", ""), nil, 0.08, 1, 1},
		// ill all of March and April with wage continued (BW 7:629) and on leave in August: still 12 × 1 ÷ 12
		{"sick with wage continued", sick, []domain.Absence{
			{Person: "e1", From: d("2026-03-01"), To: d("2026-04-30"), Kind: domain.Ziek},
			{Person: "e1", From: d("2026-08-03"), To: d("2026-08-31"), Kind: domain.Verlof},
		}, 1.00, 1, 12},
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			ds := region(t, []domain.Employee{c.e}, target("GM0392", 2026, 1))
			ds.Absences = c.absences
			require.NoError(t, ds.Validate())
			r, err := Quota(ds, Query{Year: 2026})
			require.NoError(t, err)
			h := row(t, r, "GM0392").Wsw
			assert.Equal(t, c.want, h.Arbeidsjaren)
			assert.Equal(t, c.headcount, h.Headcount)
			heads := 0
			for _, m := range h.MonthEnds {
				heads += m.Headcount
			}
			assert.Equal(t, c.monthHeads, heads)
			assert.False(t, h.Provisional)
			assert.Equal(t, c.want, r.Regio.Wsw.Arbeidsjaren, "one person: region equals Haarlem")
		})
	}
}

// A Wsw person who moves counts at each month end for the gemeente they live in then (Wsw art. 1,
// Besluit art. 16: the gemeente's geïndiceerde ingezetenen).
func TestArbeidsjarenMove(t *testing.T) {
	e := wsw("e1", "GM0473", 36, "2000-01-01", "")
	e.History = []domain.HistoryEntry{{Until: d("2026-04-30"), Gemeente: "GM0392"}}
	r, err := Quota(region(t, []domain.Employee{e}), Query{Year: 2026})
	require.NoError(t, err)
	// Haarlem: Jan–Apr, 4 ÷ 12 = 0.333… → 0.33; Zandvoort: May–Dec, 8 ÷ 12 = 0.666… → 0.67.
	assert.Equal(t, 0.33, row(t, r, "GM0392").Wsw.Arbeidsjaren)
	assert.Equal(t, 0, row(t, r, "GM0392").Wsw.Headcount)
	assert.Equal(t, 0.67, row(t, r, "GM0473").Wsw.Arbeidsjaren)
	assert.Equal(t, 1, row(t, r, "GM0473").Wsw.Headcount)
	// The region adds the rounded figures: 0.33 + 0.67 = 1.00.
	assert.Equal(t, 1.00, r.Regio.Wsw.Arbeidsjaren)
	assert.Equal(t, 1.0, r.Regio.Wsw.MonthEnds[0].FullTime)
}

// Several people in one gemeente: the average is taken of the summed month ends, rounded once.
func TestArbeidsjarenSum(t *testing.T) {
	a := wsw("e1", "GM0392", 24, "2000-01-01", "") // 0.6666… each month end
	b := wsw("e2", "GM0392", 24, "2000-01-01", "") // 0.6666…
	c := wsw("e3", "GM0392", 24, "2000-01-01", "") // 0.6666…
	r, err := Quota(region(t, []domain.Employee{a, b, c}), Query{Year: 2026})
	require.NoError(t, err)
	// 3 × 24/36 = 2 exactly; rounding each person first would give 3 × 0.67 = 2.01.
	assert.Equal(t, 2.00, row(t, r, "GM0392").Wsw.Arbeidsjaren)
	assert.Equal(t, 3, row(t, r, "GM0392").Wsw.Headcount)
}

// Beschut werk: persons at month ends and at the peildatum, against the taakstelling; boundaries on
// 31 December; a person who moved counts for the gemeente of placement.
func TestBeschutHandWorked(t *testing.T) {
	moved := beschut("E", "GM0473", "2024-01-01", "") // placed from Haarlem, moved to Zandvoort in 2025
	moved.History = []domain.HistoryEntry{{Until: d("2025-03-31"), Gemeente: "GM0392"}}
	es := []domain.Employee{
		beschut("A", "GM0392", "2025-01-01", ""),           // all year
		beschut("B", "GM0392", "2026-12-31", ""),           // starts 31 December: counts then
		beschut("C", "GM0392", "2026-03-01", "2026-12-31"), // ends 31 December: counts then
		beschut("D", "GM0392", "2025-05-01", "2026-12-30"), // ends 30 December: not at 31 December
		moved,
		beschut("F", "GM0392", "2026-12-01", ""), // starts in December
		wsw("W", "GM0392", 36, "2000-01-01", ""), // Wsw: never counts for beschut werk
	}
	ds := region(t, es, target("GM0392", 2026, 5), target("GM0473", 2026, 1))

	t.Run("31 December", func(t *testing.T) {
		r, err := Quota(ds, Query{Year: 2026})
		require.NoError(t, err)
		assert.Equal(t, d("2026-12-31"), r.Peildatum)
		b := row(t, r, "GM0392").Beschut
		// At 31 December: A, B, C, E, F = 5 of target 5: difference 0, 100 %, gehaald.
		assert.Equal(t, 5, b.Realised)
		assert.Equal(t, 0.0, *b.Difference)
		assert.Equal(t, 100.0, *b.Percentage)
		assert.Equal(t, Gehaald, b.Status)
		assert.Equal(t, 5, b.Projection, "on 31 December the projection is the count")
		assert.Equal(t, 0, b.Starts+b.Ends)
		// Month ends: Jan–Feb A, D, E = 3; Mar–Oct + C = 4; Nov A, C, D, E = 4 (F starts 1 Dec);
		// Dec A, B, C, E, F = 5 (D ended the 30th).
		counts := []int{}
		for _, m := range b.MonthEnds {
			counts = append(counts, m.Count)
		}
		assert.Equal(t, []int{3, 3, 4, 4, 4, 4, 4, 4, 4, 4, 4, 5}, counts)
		// Zandvoort: nobody placed from there; E counts for Haarlem. 0 of 1: 0 %, achter.
		z := row(t, r, "GM0473").Beschut
		assert.Equal(t, 0, z.Realised)
		assert.Equal(t, 0.0, *z.Percentage)
		assert.Equal(t, Achter, z.Status)
		// Heemstede and Bloemendaal have no taakstelling: marked, and said.
		assert.Equal(t, GeenTaakstelling, row(t, r, "GM0397").Beschut.Status)
		assert.Nil(t, row(t, r, "GM0397").Beschut.Target)
		assert.Len(t, r.Warnings, 2)
		assert.Contains(t, r.Warnings[0], "GM0397 (Heemstede) heeft geen taakstelling beschut werk in de dataset")
		// The region counts everyone but has no target total while a gemeente lacks one.
		assert.Equal(t, 5, r.Regio.Beschut.Realised)
		assert.Equal(t, GeenTaakstelling, r.Regio.Beschut.Status)
		assert.Contains(t, r.Regio.Beschut.Note, "GM0397, GM0377")
	})
	t.Run("30 November: op koers", func(t *testing.T) {
		r, err := Quota(ds, Query{Year: 2026, Peildatum: d("2026-11-30")})
		require.NoError(t, err)
		b := row(t, r, "GM0392").Beschut
		// At 30 November: A, C, D, E = 4 of 5: difference −1, 80 %. Rest of the year: B and F start
		// (2), D ends (1): 4 + 2 − 1 = 5 ≥ 5, so op koers.
		assert.Equal(t, 4, b.Realised)
		assert.Equal(t, -1.0, *b.Difference)
		assert.Equal(t, 80.0, *b.Percentage)
		assert.Equal(t, 2, b.Starts)
		assert.Equal(t, 1, b.Ends)
		assert.Equal(t, 5, b.Projection)
		assert.Equal(t, OpKoers, b.Status)
		assert.Len(t, b.MonthEnds, 11, "month ends up to the peildatum")
		assert.True(t, row(t, r, "GM0392").Wsw.Provisional)
	})
	t.Run("achter", func(t *testing.T) {
		ds := region(t, es, target("GM0392", 2026, 6))
		r, err := Quota(ds, Query{Year: 2026, Gemeente: "GM0392"})
		require.NoError(t, err)
		b := r.Gemeenten[0].Beschut
		// 5 of 6: difference −1, 5 ÷ 6 = 83.33… % → 83.3, achter.
		assert.Equal(t, 83.3, *b.Percentage)
		assert.Equal(t, Achter, b.Status)
		assert.Nil(t, r.Regio, "one gemeente: no region total")
		assert.Len(t, r.Gemeenten, 1)
	})
	t.Run("region total with every target", func(t *testing.T) {
		ds := region(t, es, target("GM0392", 2026, 5), target("GM0473", 2026, 1), target("GM0397", 2026, 2), target("GM0377", 2026, 2))
		r, err := Quota(ds, Query{Year: 2026})
		require.NoError(t, err)
		// 5 realised of 5 + 1 + 2 + 2 = 10: 50 %, achter.
		assert.Equal(t, 10.0, *r.Regio.Beschut.Target)
		assert.Equal(t, 50.0, *r.Regio.Beschut.Percentage)
		assert.Equal(t, Achter, r.Regio.Beschut.Status)
		assert.Empty(t, r.Warnings)
	})
}

// Someone reaching the AOW date in the year stops counting for beschut werk too (the availability
// rule of DATASET.md).
func TestBeschutAOW(t *testing.T) {
	old := beschut("A", "GM0392", "2020-01-01", "")
	old.BirthDate = d("1959-08-15") // AOW date 2026-08-15
	r, err := Quota(region(t, []domain.Employee{old}, target("GM0392", 2026, 1)), Query{Year: 2026, Peildatum: d("2026-06-30")})
	require.NoError(t, err)
	b := row(t, r, "GM0392").Beschut
	assert.Equal(t, 1, b.Realised)
	assert.Equal(t, 1, b.Ends)
	assert.Equal(t, 0, b.Projection)
	assert.Equal(t, Gehaald, b.Status, "reached at the peildatum")
}

func TestQuotaRefusals(t *testing.T) {
	ds := region(t, []domain.Employee{beschut("A", "GM0392", "2020-01-01", "")},
		target("GM0392", 2025, 3), target("GM0392", 2026, 4))
	cases := []struct {
		name  string
		q     Query
		field string
		msg   string
	}{
		{"unknown gemeente", Query{Year: 2026, Gemeente: "GM9999"}, "gemeente",
			`onbekende gemeente "GM9999"; kies uit GM0392 (Haarlem), GM0473 (Zandvoort), GM0397 (Heemstede), GM0377 (Bloemendaal)`},
		{"year without taakstelling", Query{Year: 2027, Gemeente: "GM0392"}, "year",
			"GM0392 (Haarlem) heeft geen taakstelling beschut werk voor 2027; de dataset heeft er voor 2025–2026"},
		{"gemeente without any", Query{Year: 2026, Gemeente: "GM0473"}, "year",
			"GM0473 (Zandvoort) heeft geen taakstelling beschut werk in de dataset"},
		{"peildatum outside the year", Query{Year: 2026, Peildatum: d("2025-12-31")}, "peildatum", "2025-12-31 ligt niet in 2026"},
		{"year out of range", Query{Year: 26}, "year", "26 is geen bruikbaar jaar"},
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			r, err := Quota(ds, c.q)
			require.Error(t, err)
			assert.Nil(t, r)
			assert.Equal(t, domain.CodeInvalid, domain.ErrorCode(err))
			fe := domain.FieldErrors(err)
			require.Len(t, fe, 1)
			assert.Equal(t, c.field, fe[0].Field)
			assert.Contains(t, fe[0].Message, c.msg)
		})
	}
}

func TestRoundHalfUp(t *testing.T) {
	cases := []struct {
		x        float64
		decimals int
		want     float64
	}{
		{1.005, 2, 1.01}, {2.675, 2, 2.68}, {0.125, 2, 0.13}, {1.125, 2, 1.13}, {0.285, 2, 0.29},
		{1.004999, 2, 1.00}, {83.333, 1, 83.3}, {83.35, 1, 83.4}, {0, 2, 0}, {12.5, 0, 13},
	}
	for _, c := range cases {
		assert.Equal(t, c.want, RoundHalfUp(c.x, c.decimals), "%v", c.x)
	}
	// The exact integer route: 1125/10 = 112.5 rounds up to 113; 112.4 down to 112.
	assert.Equal(t, int64(113), divHalfUp(1125, 10))
	assert.Equal(t, int64(112), divHalfUp(1124, 10))
}

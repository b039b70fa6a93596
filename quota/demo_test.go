package quota

import (
	"slices"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"ploeg/demo"
	"ploeg/domain"
)

// The demo region (600 Wsw, four gemeenten, taakstellingen 2016–2026): a quota table for every year
// with a taakstelling.
func TestDemoQuotaEveryYear(t *testing.T) {
	ds := demo.Generate(demo.Options{})
	years := map[int]bool{}
	for _, ts := range ds.Taakstellingen {
		years[ts.Year] = true
	}
	require.Len(t, years, 11)
	prevBeschut := -1
	for y := 2016; y <= 2026; y++ {
		r, err := Quota(ds, Query{Year: y})
		require.NoError(t, err, "%d", y)
		assert.Empty(t, r.Warnings, "%d: every gemeente has a taakstelling", y)
		require.Len(t, r.Gemeenten, 4)
		for _, g := range r.Gemeenten {
			assert.NotEqual(t, GeenTaakstelling, g.Beschut.Status, "%d %s", y, g.Code)
			assert.Len(t, g.Beschut.MonthEnds, 12)
			assert.Len(t, g.Wsw.MonthEnds, 12)
			require.NotNil(t, g.Beschut.Percentage)
		}
		require.NotNil(t, r.Regio)
		require.NotNil(t, r.Regio.Beschut.Target, "%d", y)
		assert.GreaterOrEqual(t, r.Regio.Beschut.Realised, prevBeschut, "%d: beschut werk grows in the demo", y)
		prevBeschut = r.Regio.Beschut.Realised
		// One gemeente at a time gives the same row.
		for _, g := range r.Gemeenten {
			one, err := Quota(ds, Query{Year: y, Gemeente: g.Code})
			require.NoError(t, err)
			assert.Equal(t, g, one.Gemeenten[0])
		}
	}
	r, err := Quota(ds, Query{Year: 2026})
	require.NoError(t, err)
	assert.InDelta(t, 600, r.Regio.Wsw.Headcount, 30, "about 600 Wsw people at the end of 2026")
	assert.InDelta(t, 0.8*float64(r.Regio.Wsw.Headcount), r.Regio.Wsw.Arbeidsjaren, 0.2*float64(r.Regio.Wsw.Headcount),
		"arbeidsjaren near the headcount: mostly 32–36 hours, ernstig × 1.25")

	_, err = Quota(ds, Query{Year: 2027, Gemeente: "GM0392"})
	assert.ErrorContains(t, err, "heeft geen taakstelling beschut werk voor 2027; de dataset heeft er voor 2016–2026")
	r, err = Quota(ds, Query{Year: 2027})
	require.NoError(t, err)
	assert.Len(t, r.Warnings, 4)
}

// A 10-year forecast of the demo: the Wsw line never rises and falls at least by the AOW exits, which
// are exactly the people whose AOW date falls in the year.
func TestDemoForecast(t *testing.T) {
	ds := demo.Generate(demo.Options{})
	aow := domain.AOWTable{}
	f, err := MakeForecast(ds, DefaultForecastOptions(d("2026-11-23")))
	require.NoError(t, err)
	require.Len(t, f.Regio.Years, 11)
	for _, g := range append(slices.Clone(f.Gemeenten), f.Regio) {
		for j := 1; j < len(g.Years); j++ {
			prev, y := g.Years[j-1], g.Years[j]
			assert.LessOrEqual(t, y.WswHeadcount, prev.WswHeadcount, "%s %d", g.Code, y.Year)
			assert.LessOrEqual(t, y.WswArbeidsjaren, prev.WswArbeidsjaren+0.005, "%s %d", g.Code, y.Year)
			assert.GreaterOrEqual(t, prev.WswHeadcount-y.WswHeadcount, y.AOWExits-0.05, "%s %d", g.Code, y.Year)
			require.NotNil(t, y.BeschutTarget)
			assert.True(t, y.BeschutTargetHeld, "the demo's taakstellingen end in 2026")
		}
	}
	last := f.Regio.Years[10]
	assert.Less(t, last.WswHeadcount, 0.7*f.Regio.Years[0].WswHeadcount, "an ageing group: well under 70 % left after ten years")

	// Without other exits the fall is the AOW dates exactly.
	f0, err := MakeForecast(ds, ForecastOptions{BaseYear: 2026, Years: 10, Rate: 0, NeedWeeks: 4})
	require.NoError(t, err)
	base := yearEnd(2026)
	for j := 1; j <= 10; j++ {
		year := 2026 + j
		want := 0
		for _, e := range ds.Employees {
			if e.Regeling != domain.Wsw || e.ContractStart > base || e.ContractEnd != nil {
				continue
			}
			if a := aow.AOWDate(e.BirthDate); a > base && a.Year() == year {
				want++ // counted on 31 December of the base year, AOW date in the year
			}
		}
		y := f0.Regio.Years[j]
		assert.Equal(t, float64(want), y.AOWExits, "%d", year)
		assert.Equal(t, f0.Regio.Years[j-1].WswHeadcount-float64(want), y.WswHeadcount, "%d", year)
		// The forecast without other exits equals the law's count of that year from the same contracts.
		q, err := Quota(ds, Query{Year: year})
		require.NoError(t, err)
		for i, g := range f0.Gemeenten {
			assert.Equal(t, q.Gemeenten[i].Wsw.Arbeidsjaren, g.Years[j].WswArbeidsjaren, "%s %d", g.Code, year)
			assert.Equal(t, float64(q.Gemeenten[i].Wsw.Headcount), g.Years[j].WswHeadcount, "%s %d", g.Code, year)
			assert.Equal(t, float64(q.Gemeenten[i].Beschut.Realised), g.Years[j].BeschutCurrent, "%s %d", g.Code, year)
		}
	}

	planned := 0
	for _, w := range f.Workplaces {
		if w.PlannedDays == 0 {
			continue
		}
		planned++
		assert.Positive(t, w.Need, w.ID)
		for j := 1; j < len(w.Eligible); j++ {
			assert.LessOrEqual(t, w.Eligible[j], w.Eligible[j-1], w.ID)
		}
	}
	assert.Equal(t, len(ds.Workplaces), planned, "every demo workplace has shifts")
}

// benchmarkDataset is the 10,000-person demo region of docs/BENCHMARKS.md.
func benchmarkDataset(b *testing.B) *domain.Dataset {
	ds := demo.Generate(demo.Options{Employees: 10000, Days: 5, Seed: 7})
	require.NoError(b, ds.Validate())
	return ds
}

func BenchmarkQuota10000(b *testing.B) {
	ds := benchmarkDataset(b)
	b.ReportAllocs()
	for b.Loop() {
		if _, err := Quota(ds, Query{Year: 2026}); err != nil {
			b.Fatal(err)
		}
	}
}

func BenchmarkForecast10000(b *testing.B) {
	ds := benchmarkDataset(b)
	o := DefaultForecastOptions(d("2026-11-23"))
	b.ReportAllocs()
	for b.Loop() {
		if _, err := MakeForecast(ds, o); err != nil {
			b.Fatal(err)
		}
	}
}

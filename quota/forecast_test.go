package quota

import (
	"math"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"ploeg/domain"
)

// forecastRegion: three Wsw full-timers in Haarlem and two beschut werk contracts, a groen workplace
// and shifts in two weeks.
//
//	P1 born 1960-03-10: AOW-leeftijd 67 (2027), AOW date 2027-03-10, last counted month end 2027-02-28
//	P2 born 1962-01-20: AOW-leeftijd 67 + 3 months (2029), AOW date 2029-04-20, last month end 2029-03-31
//	P3 born 1970-06-01: AOW date in 2037, after the forecast
//	B1 beschut, no end; B2 beschut, ends 2028-06-30
func forecastRegion(t testing.TB) *domain.Dataset {
	p1 := wsw("P1", "GM0392", 36, "1990-01-01", "")
	p1.BirthDate = d("1960-03-10")
	p2 := wsw("P2", "GM0392", 36, "1990-01-01", "")
	p2.BirthDate = d("1962-01-20")
	p2.Skills = []string{"groen"}
	p3 := wsw("P3", "GM0392", 36, "1990-01-01", "")
	p3.Skills, p3.Restrictions = []string{"groen", "verpakken"}, []string{"buiten"} // may not work outside
	b1 := beschut("B1", "GM0392", "2024-01-01", "")
	b2 := beschut("B2", "GM0392", "2025-01-01", "2028-06-30")
	b2.Skills = []string{"groen"}
	ds := region(t, []domain.Employee{p1, p2, p3, b1, b2}, target("GM0392", 2026, 10), target("GM0392", 2027, 12))
	ds.Workplaces = []domain.Workplace{
		{ID: "groen", Kind: domain.Uitbesteed, Location: "Haarlem", Skills: []string{"groen"}, Conditions: []string{"buiten"}},
		{ID: "leeg", Kind: domain.Bedrijfsactiviteit, Location: "Cruquius", Skills: []string{}, Conditions: []string{}},
	}
	// Week 48 (23–27 November): one shift a day with min 2. Week 49 (30 November–4 December): one
	// shift a day with min 1, and on Friday a second shift with min 0.
	for i := range 5 {
		for _, wk := range []struct {
			monday string
			min    int
		}{{"2026-11-23", 2}, {"2026-11-30", 1}} {
			date := d(wk.monday).AddDays(i)
			ds.Shifts = append(ds.Shifts, domain.Shift{ID: "groen-" + date.String(), Workplace: "groen", Date: date,
				Start: 8 * 60, End: 16 * 60, Min: wk.min, Max: 4, Priority: 1})
		}
	}
	ds.Shifts = append(ds.Shifts, domain.Shift{ID: "groen-extra", Workplace: "groen", Date: d("2026-12-04"),
		Start: 12 * 60, End: 16 * 60, Min: 0, Max: 2, Priority: 1})
	require.NoError(t, ds.Validate())
	return ds
}

func yearOf(t testing.TB, g GemeenteForecast, year int) YearForecast {
	for _, y := range g.Years {
		if y.Year == year {
			return y
		}
	}
	require.FailNow(t, "no year", "%d", year)
	return YearForecast{}
}

func TestForecastHandWorkedNoOtherExits(t *testing.T) {
	f, err := MakeForecast(forecastRegion(t), ForecastOptions{BaseYear: 2026, Years: 5, Rate: 0, NeedWeeks: 4})
	require.NoError(t, err)
	h := f.Gemeenten[0]
	require.Equal(t, "GM0392", h.Code)
	require.Len(t, h.Years, 6)
	cases := []struct {
		year           int
		head, aj, aow  float64
		current, need  float64
		target         float64
		held           bool
		arithmeticNote string
	}{
		{2026, 3, 3.00, 0, 2, 8, 10, false, "base: P1, P2, P3 all year; B1, B2 on 31 December; 10 − 2"},
		{2027, 2, 2.17, 1, 2, 10, 12, false, "P1 Jan–Feb (2) + P2, P3 (24) = 26 month ends ÷ 12 = 2.1666… → 2.17; P1 leaves by AOW"},
		{2028, 2, 2.00, 0, 1, 11, 12, true, "P2, P3 all year; B2 ends 30 June; target 2027 held"},
		{2029, 1, 1.25, 1, 1, 11, 12, true, "P2 Jan–Mar (3) + P3 (12) = 15 ÷ 12 = 1.25; P2 leaves by AOW"},
		{2030, 1, 1.00, 0, 1, 11, 12, true, "P3 only"},
		{2031, 1, 1.00, 0, 1, 11, 12, true, "P3 only"},
	}
	for _, c := range cases {
		y := yearOf(t, h, c.year)
		assert.Equal(t, c.year == 2026, y.Base, c.arithmeticNote)
		assert.Equal(t, c.head, y.WswHeadcount, "%d headcount: %s", c.year, c.arithmeticNote)
		assert.Equal(t, c.aj, y.WswArbeidsjaren, "%d arbeidsjaren: %s", c.year, c.arithmeticNote)
		assert.Equal(t, c.aow, y.AOWExits, "%d AOW exits: %s", c.year, c.arithmeticNote)
		assert.Equal(t, 0.0, y.OtherExits, "rate 0")
		assert.Equal(t, c.current, y.BeschutCurrent, "%d beschut: %s", c.year, c.arithmeticNote)
		require.NotNil(t, y.BeschutTarget)
		assert.Equal(t, c.target, *y.BeschutTarget, "%d", c.year)
		assert.Equal(t, c.held, y.BeschutTargetHeld, "%d", c.year)
		assert.Equal(t, c.need, y.BeschutNeeded, "%d", c.year)
	}
	// Gemeenten without people or taakstellingen: zeros and no target; the region adds up.
	assert.Equal(t, 0.0, f.Gemeenten[1].Years[3].WswHeadcount)
	assert.Nil(t, f.Gemeenten[1].Years[3].BeschutTarget)
	assert.Nil(t, f.Regio.Years[3].BeschutTarget, "no region target while a gemeente has none")
	assert.Equal(t, 2.17, f.Regio.Years[1].WswArbeidsjaren)
	assert.Equal(t, 1.0, f.Regio.Years[3].WswHeadcount)
}

// Workplace groen: needs per planned day the average summed minimum. Eligible: P2 (groen) and B2
// (groen); P3 has the skill but may not work outside; P1 and B1 lack it.
func TestForecastWorkplaces(t *testing.T) {
	ds := forecastRegion(t)
	cases := []struct {
		weeks      int
		need       float64
		days       int
		firstShort int
		from, to   string
		note       string
	}{
		// two weeks, 10 planned days: (5 × 2 + 5 × 1 + 0) ÷ 10 = 1.5. Eligible 2, 2, 1 (B2 ended), 0
		// (P2's AOW): first below 1.5 in 2028.
		{4, 1.5, 10, 2028, "2026-11-23", "2026-12-06", "both weeks"},
		// last week only, 5 days (Friday's two shifts are one day): (4 × 1 + (1 + 0)) ÷ 5 = 1. First below 1 in 2029.
		{1, 1, 5, 2029, "2026-11-30", "2026-12-06", "last week"},
	}
	for _, c := range cases {
		f, err := MakeForecast(ds, ForecastOptions{BaseYear: 2026, Years: 5, Rate: 0, NeedWeeks: c.weeks})
		require.NoError(t, err)
		require.Len(t, f.Workplaces, 2)
		g := f.Workplaces[0]
		assert.Equal(t, "groen", g.ID)
		assert.Equal(t, c.need, g.Need, c.note)
		assert.Equal(t, c.days, g.PlannedDays, c.note)
		assert.Equal(t, []float64{2, 2, 1, 0, 0, 0}, g.Eligible, c.note)
		require.NotNil(t, g.FirstShortYear, c.note)
		assert.Equal(t, c.firstShort, *g.FirstShortYear, c.note)
		assert.Equal(t, d(c.from), f.NeedFrom, c.note)
		assert.Equal(t, d(c.to), f.NeedTo, c.note)
		// A workplace without shifts has no need and never falls short; everyone is eligible.
		leeg := f.Workplaces[1]
		assert.Equal(t, 0.0, leeg.Need)
		assert.Nil(t, leeg.FirstShortYear)
		assert.Equal(t, []float64{5, 4, 3, 2, 2, 2}, leeg.Eligible, "P1 gone 2027, B2 2028, P2 2029; P3 and B1 stay")
	}
}

// With 3 % other exits a year, spread over the months: the share still there after k months is
// 0.97^(k/12).
func TestForecastWithRate(t *testing.T) {
	f, err := MakeForecast(forecastRegion(t), ForecastOptions{BaseYear: 2026, Years: 5, Rate: 0.03, NeedWeeks: 4})
	require.NoError(t, err)
	y := yearOf(t, f.Gemeenten[0], 2027)
	// P2 and P3 remain: 2 × 0.97 = 1.94.
	assert.Equal(t, 1.94, y.WswHeadcount)
	// P1 leaves by AOW after month end 2 if still there: 0.97^(2/12) = 0.99493 → 0.99.
	assert.Equal(t, 0.99, y.AOWExits)
	// Other exits: P1 before March 1 − 0.97^(2/12) = 0.00507, P2 and P3 2 × 0.03 = 0.06; 0.06507 → 0.07.
	assert.Equal(t, 0.07, y.OtherExits)
	// Arbeidsjaren: P1 (0.97^(1/12) + 0.97^(2/12)) + 2 × Σ_{k=1..12} 0.97^(k/12), ÷ 12.
	want := 0.0
	for k := 1; k <= 12; k++ {
		s := math.Pow(0.97, float64(k)/12)
		if k <= 2 {
			want += s
		}
		want += 2 * s
	}
	assert.Equal(t, RoundHalfUp(want/12, 2), y.WswArbeidsjaren)
	assert.Equal(t, 2.13, y.WswArbeidsjaren, "26 month ends at 0.97–0.99 ÷ 12")
	// B1 and B2 remain with 0.97 each.
	assert.Equal(t, 1.94, y.BeschutCurrent)
	// Each year the headcount falls by exactly the exits (before rounding each to hundredths).
	prev := f.Gemeenten[0].Years[0]
	for _, y := range f.Gemeenten[0].Years[1:] {
		assert.InDelta(t, prev.WswHeadcount-y.WswHeadcount, y.AOWExits+y.OtherExits+y.ContractEnds, 0.021, "%d", y.Year)
		prev = y
	}
}

// A Wsw contract that ends before the AOW date is a contract end, not an AOW exit.
func TestForecastContractEnd(t *testing.T) {
	e := wsw("W", "GM0392", 36, "2000-01-01", "2028-12-31")
	f, err := MakeForecast(region(t, []domain.Employee{e}), ForecastOptions{BaseYear: 2026, Years: 3, Rate: 0, NeedWeeks: 4})
	require.NoError(t, err)
	h := f.Gemeenten[0]
	// Counted on 31 December 2028 (the last day), gone in 2029.
	assert.Equal(t, 1.0, yearOf(t, h, 2028).WswHeadcount)
	assert.Equal(t, 1.0, yearOf(t, h, 2028).WswArbeidsjaren)
	assert.Equal(t, 0.0, yearOf(t, h, 2029).WswHeadcount)
	assert.Equal(t, 1.0, yearOf(t, h, 2029).ContractEnds)
	assert.Equal(t, 0.0, yearOf(t, h, 2029).AOWExits)
}

func TestForecastRefusals(t *testing.T) {
	ds := forecastRegion(t)
	ok := ForecastOptions{BaseYear: 2026, Years: 10, Rate: 0.03, NeedWeeks: 4}
	cases := []struct {
		name   string
		change func(o *ForecastOptions)
		field  string
		msg    string
	}{
		{"negative rate", func(o *ForecastOptions) { o.Rate = -0.01 }, "rate", "-0.01 is geen bruikbaar uitstroompercentage"},
		{"rate of 1", func(o *ForecastOptions) { o.Rate = 1 }, "rate", "geef een fractie van 0 tot 1, bijvoorbeeld 0.03 voor 3 % per jaar"},
		{"rate NaN", func(o *ForecastOptions) { o.Rate = math.NaN() }, "rate", "NaN"},
		{"no years", func(o *ForecastOptions) { o.Years = 0 }, "years", "0 jaar kan niet"},
		{"too many years", func(o *ForecastOptions) { o.Years = 51 }, "years", "geef 1 tot en met 50 jaar"},
		{"need weeks", func(o *ForecastOptions) { o.NeedWeeks = 0 }, "needWeeks", "0 weken"},
		{"base year", func(o *ForecastOptions) { o.BaseYear = 20260 }, "baseYear", "20260 is geen bruikbaar jaar"},
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			o := ok
			c.change(&o)
			f, err := MakeForecast(ds, o)
			require.Error(t, err)
			assert.Nil(t, f)
			fe := domain.FieldErrors(err)
			require.Len(t, fe, 1)
			assert.Equal(t, c.field, fe[0].Field)
			assert.Contains(t, fe[0].Message, c.msg)
		})
	}
	assert.Equal(t, ok, DefaultForecastOptions(d("2026-11-30")))
}

// The region's capacity: all workplaces' need per planned day against everyone expected.
func TestForecastCapacity(t *testing.T) {
	f, err := MakeForecast(forecastRegion(t), ForecastOptions{BaseYear: 2026, Years: 5, Rate: 0, NeedWeeks: 4})
	require.NoError(t, err)
	c := f.Capacity
	// groen 1.5 + leeg 0.
	assert.Equal(t, 1.5, c.Need)
	// Wsw 3, 2, 2, 1, 1, 1 plus beschut werk 2, 2, 1, 1, 1, 1.
	assert.Equal(t, []float64{5, 4, 3, 2, 2, 2}, c.People)
	// On the taakstelling path Haarlem's beschut werk is 10, 12, then 12 held: 3 + 10, 2 + 12, 2 + 12, 1 + 12, ….
	assert.Equal(t, []float64{13, 14, 14, 13, 13, 13}, c.PeopleOnPath)
	assert.Nil(t, c.FirstShortYear)
	assert.Nil(t, c.FirstShortYearOnPath)

	f.Workplaces[0].Need = 3.5
	c = capacity(f)
	require.NotNil(t, c.FirstShortYear)
	assert.Equal(t, 2028, *c.FirstShortYear, "3 people < 3.5 in 2028")
	assert.Nil(t, c.FirstShortYearOnPath)
}

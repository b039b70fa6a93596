package quota

import (
	"math"
	"slices"
	"time"

	"ploeg/domain"
)

// ForecastOptions say what to forecast.
type ForecastOptions struct {
	// BaseYear is the last year of known figures: the forecast starts from 31 December of it and
	// covers the Years years after.
	BaseYear int
	// Years is the number of years to forecast (1–50).
	Years int
	// Rate is the expected share of the people that leaves each year for other reasons than the AOW
	// date (death, two years' sickness, own request): 0 ≤ Rate < 1.
	Rate float64
	// NeedWeeks is the number of last planned weeks a workplace's need is taken from (1–52).
	NeedWeeks int
}

// Defaults of the forecast.
const (
	DefaultYears     = 10
	DefaultRate      = 0.03
	DefaultNeedWeeks = 4
)

// DefaultForecastOptions returns the forecast from the end of today's year: 10 years, 3 % other
// exits a year, the need from the last 4 planned weeks.
func DefaultForecastOptions(today domain.Date) ForecastOptions {
	return ForecastOptions{BaseYear: today.Year(), Years: DefaultYears, Rate: DefaultRate, NeedWeeks: DefaultNeedWeeks}
}

// Forecast is the expected development of the Wsw and beschut werk per gemeente, and per workplace
// the eligible people against its need. All figures are expected values: deterministic, not drawn.
type Forecast struct {
	BaseYear      int     `json:"baseYear"`
	Years         int     `json:"years"`
	Rate          float64 `json:"rate"`
	FullTimeHours float64 `json:"fullTimeHours"`
	// Gemeenten are in the order of the dataset.
	Gemeenten []GemeenteForecast `json:"gemeenten"`
	// Regio is the sum of the gemeenten as shown (their rounded figures).
	Regio GemeenteForecast `json:"regio"`
	// NeedFrom and NeedTo bound the planned weeks the workplaces' need was taken from (zero when the
	// dataset has no shifts).
	NeedFrom   domain.Date         `json:"needFrom"`
	NeedTo     domain.Date         `json:"needTo"`
	NeedWeeks  int                 `json:"needWeeks"`
	Workplaces []WorkplaceForecast `json:"workplaces"`
	// Capacity compares all workplaces together with all people: each workplace alone draws on a
	// pool it shares with the others, so only the total shows when the region runs short.
	Capacity Capacity `json:"capacity"`
}

// Capacity compares the region's total need with everyone expected.
type Capacity struct {
	// Need is the sum of the workplaces' Need: people per planned day.
	Need float64 `json:"need"`
	// People is, per year from BaseYear on, the expected Wsw headcount plus the current beschut
	// werk contracts still running on 31 December. It counts people, not people at work on a day:
	// part-time and absence are not subtracted, so it is an upper bound for the daily supply.
	People []float64 `json:"people"`
	// PeopleOnPath is the same with beschut werk along the taakstelling path: the Wsw plus, per
	// gemeente, the larger of its taakstelling and its current contracts.
	PeopleOnPath []float64 `json:"peopleOnPath"`
	// FirstShortYear and FirstShortYearOnPath are the first years in which People and PeopleOnPath
	// fall below Need; nil when they do not within the forecast.
	FirstShortYear       *int `json:"firstShortYear"`
	FirstShortYearOnPath *int `json:"firstShortYearOnPath"`
}

// GemeenteForecast is one gemeente's forecast (or the region's, with Code RegioCode).
type GemeenteForecast struct {
	Code string `json:"code"`
	Name string `json:"name"`
	// Years holds BaseYear first, then each forecast year.
	Years []YearForecast `json:"years"`
}

// YearForecast is the expected situation at the end of one year. Numbers of people are expected
// values to hundredths.
type YearForecast struct {
	Year int `json:"year"`
	// Base marks the base year: its figures are counts from the contracts known now, not expectations.
	Base bool `json:"base"`
	// WswHeadcount is the expected number of Wsw employees on 31 December.
	WswHeadcount float64 `json:"wswHeadcount"`
	// WswArbeidsjaren is the expected arbeidsjaren of the year (twelve month ends), to hundredths.
	WswArbeidsjaren float64 `json:"wswArbeidsjaren"`
	// AOWExits, OtherExits and ContractEnds split the fall in headcount over the year:
	// headcount(year − 1) − headcount(year) = AOWExits + OtherExits + ContractEnds. Zero in the base year.
	AOWExits     float64 `json:"aowExits"`
	OtherExits   float64 `json:"otherExits"`
	ContractEnds float64 `json:"contractEnds"`
	// BeschutTarget is the taakstelling for the year; when the dataset has none, the last known one
	// is held (BeschutTargetHeld). Nil when there is no taakstelling up to the year at all.
	BeschutTarget     *float64 `json:"beschutTarget"`
	BeschutTargetHeld bool     `json:"beschutTargetHeld"`
	// BeschutCurrent is the expected number of today's beschut werk contracts (and those already
	// agreed to start) still running on 31 December.
	BeschutCurrent float64 `json:"beschutCurrent"`
	// BeschutNeeded is how many more dienstbetrekkingen the taakstelling path asks: target − current, at least 0.
	BeschutNeeded float64 `json:"beschutNeeded"`
}

// WorkplaceForecast compares the people who may work at a workplace with what it needs now.
type WorkplaceForecast struct {
	ID       string               `json:"id"`
	Name     string               `json:"name"`
	Kind     domain.WorkplaceKind `json:"kind"`
	Location string               `json:"location"`
	// Need is the number of people a planned day needs: over the planned days of the workplace in
	// the need weeks, the average of the day's summed shift minimums. Zero when not planned then.
	Need        float64 `json:"need"`
	PlannedDays int     `json:"plannedDays"`
	// Eligible is, per year from BaseYear on, the expected number of employees (Wsw and current
	// beschut werk) on 31 December with every skill of the workplace and no restriction among its
	// conditions.
	Eligible []float64 `json:"eligible"`
	// FirstShortYear is the first year in which Eligible falls below Need; nil when it does not
	// within the forecast (or the workplace was not planned).
	FirstShortYear *int `json:"firstShortYear"`
}

// CheckForecastOptions refuses options out of range, with the option's name as the field.
func CheckForecastOptions(o ForecastOptions) error {
	switch {
	case o.Rate < 0 || o.Rate >= 1 || math.IsNaN(o.Rate):
		return invalid("rate", "%g is geen bruikbaar uitstroompercentage; geef een fractie van 0 tot 1, bijvoorbeeld 0.03 voor 3 %% per jaar", o.Rate)
	case o.Years < 1 || o.Years > 50:
		return invalid("years", "%d jaar kan niet; geef 1 tot en met 50 jaar", o.Years)
	case o.NeedWeeks < 1 || o.NeedWeeks > 52:
		return invalid("needWeeks", "%d weken kan niet; geef 1 tot en met 52 weken", o.NeedWeeks)
	}
	return CheckYear("baseYear", o.BaseYear)
}

// horizon holds the month ends of the forecast and the expected share still present at each.
type horizon struct {
	base     domain.Date
	ends     []domain.Date // ends[k] is the k-th month end after base; ends[0] = base
	survival []float64     // (1 − rate)^(k/12): the share not gone for other reasons by ends[k]
	cum      []float64     // cum[k] = Σ survival[1..k]
}

func newHorizon(o ForecastOptions) horizon {
	n := 12 * o.Years
	h := horizon{base: yearEnd(o.BaseYear), ends: make([]domain.Date, n+1), survival: make([]float64, n+1), cum: make([]float64, n+1)}
	monthly := math.Pow(1-o.Rate, 1.0/12)
	h.ends[0], h.survival[0] = h.base, 1
	for k := 1; k <= n; k++ {
		h.ends[k] = domain.NewDate(o.BaseYear, time.Month(k+13), 0) // day 0 of the month after the k-th
		h.survival[k] = h.survival[k-1] * monthly
		h.cum[k] = h.cum[k-1] + h.survival[k]
	}
	return h
}

// span returns the first and last month-end index at which p counts, and whether p counts at any.
func (h *horizon) span(p *person) (first, last int, ok bool) {
	n := len(h.ends) - 1
	first = firstOnOrAfter(h.ends, p.e.ContractStart)
	last = firstAfter(h.ends, p.last) - 1
	return first, min(last, n), first <= min(last, n)
}

// firstOnOrAfter returns the first index whose date is on or after d.
func firstOnOrAfter(ends []domain.Date, d domain.Date) int {
	i, _ := slices.BinarySearch(ends, d)
	return i
}

// firstAfter returns the first index whose date is after d.
func firstAfter(ends []domain.Date, d domain.Date) int {
	i, found := slices.BinarySearch(ends, d)
	if found {
		i++
	}
	return i
}

// presence returns the expected presence of a person counting at month ends first..last at the end
// of forecast year j (month end 12j).
func (h *horizon) presence(first, last, j int) float64 {
	k := 12 * j
	if k < first || k > last {
		return 0
	}
	return h.survival[k]
}

// MakeForecast forecasts ds as o says. The dataset must be valid; options out of range are refused
// with an invalid *domain.Error naming the option.
//
// Wsw: everyone counting on 31 December of the base year, with their gemeente, category and hours
// of that day, leaves at their AOW date (the last month end before it is the last counted), at the
// end of a known contract, and otherwise at the yearly rate, spread evenly over the months: the
// expected share still there k months on is (1 − rate)^(k/12). Nobody enters the Wsw (closed since
// 1 January 2015). Beschut werk follows the taakstelling path; today's contracts (and those already
// agreed) are forecast like the Wsw, by placement gemeente. A workplace needs, per planned day, the
// average summed shift minimum over its planned days in the last NeedWeeks ISO weeks that hold any
// shift; it falls short in the first year in which fewer eligible people are expected.
func MakeForecast(ds *domain.Dataset, o ForecastOptions) (*Forecast, error) {
	if err := CheckForecastOptions(o); err != nil {
		return nil, err
	}
	ps, err := people(ds)
	if err != nil {
		return nil, err
	}
	base, err := quota(ds, Query{Year: o.BaseYear}, ps)
	if err != nil {
		return nil, err
	}
	h := newHorizon(o)
	f := &Forecast{BaseYear: o.BaseYear, Years: o.Years, Rate: o.Rate, FullTimeHours: ds.Organisation.FullTimeHours, NeedWeeks: o.NeedWeeks}
	index := make(map[string]int, len(ds.Gemeenten))
	acc := make([]gemeenteAcc, len(ds.Gemeenten))
	for i, g := range ds.Gemeenten {
		index[g.Code] = i
		acc[i] = newGemeenteAcc(o.Years)
	}
	pool := newPool(ds.Workplaces, o.Years)
	for i := range ps {
		p := &ps[i]
		first, last, ok := h.span(p)
		if !ok {
			continue
		}
		switch p.e.Regeling {
		case domain.Wsw:
			if first > 0 {
				continue // not in the Wsw on the base date: nobody enters any more
			}
			g, known := index[p.e.GemeenteOn(h.base)]
			if !known {
				continue
			}
			acc[g].addWsw(&h, p, last, o.Years)
		case domain.Beschut:
			if g, known := index[p.placement()]; known {
				for j := 1; j <= o.Years; j++ {
					acc[g].beschut[j] += h.presence(first, last, j)
				}
			}
		}
		pool.add(p, &h, first, last)
	}
	ft := ds.Organisation.FullTimeHours
	beschutTargets := targets(ds, domain.Beschut)
	for i, g := range ds.Gemeenten {
		gf := GemeenteForecast{Code: g.Code, Name: g.Name}
		b := base.Gemeenten[i]
		for j := 0; j <= o.Years; j++ {
			y := YearForecast{Year: o.BaseYear + j}
			if j == 0 {
				y.Base = true
				y.WswHeadcount, y.WswArbeidsjaren = float64(b.Wsw.Headcount), b.Wsw.Arbeidsjaren
				y.BeschutCurrent = float64(b.Beschut.Realised)
			} else {
				a := &acc[i]
				y.WswHeadcount = RoundHalfUp(a.headcount[j], 2)
				y.WswArbeidsjaren = RoundHalfUp(a.units[j]/ft/12, 2)
				y.AOWExits, y.OtherExits, y.ContractEnds = RoundHalfUp(a.aow[j], 2), RoundHalfUp(a.other[j], 2), RoundHalfUp(a.ended[j], 2)
				y.BeschutCurrent = RoundHalfUp(a.beschut[j], 2)
			}
			y.BeschutTarget, y.BeschutTargetHeld = pathTarget(beschutTargets[g.Code], y.Year)
			if y.BeschutTarget != nil {
				y.BeschutNeeded = RoundHalfUp(max(0, *y.BeschutTarget-y.BeschutCurrent), 2)
			}
			gf.Years = append(gf.Years, y)
		}
		f.Gemeenten = append(f.Gemeenten, gf)
	}
	f.Regio = regioForecast(f.Gemeenten, o.BaseYear, o.Years)
	f.Workplaces, f.NeedFrom, f.NeedTo = pool.workplaces(ds, o)
	f.Capacity = capacity(f)
	return f, nil
}

// capacity sums the workplaces' need and the gemeenten's people per year.
func capacity(f *Forecast) Capacity {
	c := Capacity{People: make([]float64, f.Years+1), PeopleOnPath: make([]float64, f.Years+1)}
	var need int64
	for _, w := range f.Workplaces {
		need += centi(w.Need)
	}
	c.Need = float64(need) / 100
	for j := range c.People {
		var people, onPath int64
		for _, g := range f.Gemeenten {
			y := g.Years[j]
			people += centi(y.WswHeadcount) + centi(y.BeschutCurrent)
			onPath += centi(y.WswHeadcount) + centi(y.BeschutCurrent) + centi(y.BeschutNeeded)
		}
		c.People[j], c.PeopleOnPath[j] = float64(people)/100, float64(onPath)/100
		c.FirstShortYear = firstShort(c.FirstShortYear, c.People[j], c.Need, f.BaseYear+j)
		c.FirstShortYearOnPath = firstShort(c.FirstShortYearOnPath, c.PeopleOnPath[j], c.Need, f.BaseYear+j)
	}
	return c
}

// firstShort returns found, or year when found is nil and have falls below need.
func firstShort(found *int, have, need float64, year int) *int {
	if found == nil && have < need {
		return &year
	}
	return found
}

// gemeenteAcc sums one gemeente's expected values per forecast year (index 1..Years).
type gemeenteAcc struct {
	headcount, units, aow, other, ended, beschut []float64
}

func newGemeenteAcc(years int) gemeenteAcc {
	mk := func() []float64 { return make([]float64, years+1) }
	return gemeenteAcc{mk(), mk(), mk(), mk(), mk(), mk()}
}

// addWsw adds a Wsw person who counts from the base date to month end last.
func (a *gemeenteAcc) addWsw(h *horizon, p *person, last, years int) {
	units := p.e.ContractHoursOn(h.base) * float64(weight(p.e.WswCategorieOn(h.base))) / weightUnit
	gone := &a.aow
	if p.e.ContractEnd != nil && p.last == *p.e.ContractEnd {
		gone = &a.ended // the contract ends before the AOW date
	}
	for j := 1; j <= years; j++ {
		from, to := 12*(j-1), 12*j
		if last < from {
			break // gone in an earlier year
		}
		a.units[j] += units * (h.cum[min(last, to)] - h.cum[from])
		if last >= to {
			a.headcount[j] += h.survival[to]
			a.other[j] += h.survival[from] - h.survival[to]
			continue
		}
		a.other[j] += h.survival[from] - h.survival[last]
		(*gone)[j] += h.survival[last]
	}
}

// pathTarget returns the taakstelling of year, or the last one before it (held), or nil.
func pathTarget(byYear map[int]float64, year int) (*float64, bool) {
	if t, ok := byYear[year]; ok {
		return &t, false
	}
	best := math.MinInt
	for y := range byYear {
		if y < year && y > best {
			best = y
		}
	}
	if best == math.MinInt {
		return nil, false
	}
	t := byYear[best]
	return &t, true
}

// regioForecast sums the gemeenten's rounded figures, in hundredths so that the sums are exact.
func regioForecast(gs []GemeenteForecast, baseYear, years int) GemeenteForecast {
	r := GemeenteForecast{Code: RegioCode, Name: "Regio (alle gemeenten)"}
	for j := 0; j <= years; j++ {
		var head, aj, aow, other, ended, current, needed, target int64
		hasTarget, held := len(gs) > 0, false
		for _, g := range gs {
			y := g.Years[j]
			head += centi(y.WswHeadcount)
			aj += centi(y.WswArbeidsjaren)
			aow += centi(y.AOWExits)
			other += centi(y.OtherExits)
			ended += centi(y.ContractEnds)
			current += centi(y.BeschutCurrent)
			needed += centi(y.BeschutNeeded)
			if y.BeschutTarget == nil {
				hasTarget = false
			} else {
				target += centi(*y.BeschutTarget)
				held = held || y.BeschutTargetHeld
			}
		}
		y := YearForecast{Year: baseYear + j, Base: j == 0,
			WswHeadcount: float64(head) / 100, WswArbeidsjaren: float64(aj) / 100,
			AOWExits: float64(aow) / 100, OtherExits: float64(other) / 100, ContractEnds: float64(ended) / 100,
			BeschutCurrent: float64(current) / 100, BeschutNeeded: float64(needed) / 100}
		if hasTarget {
			t := float64(target) / 100
			y.BeschutTarget, y.BeschutTargetHeld = &t, held
		}
		r.Years = append(r.Years, y)
	}
	return r
}

// pool groups the employees by the skills and restrictions that matter to some workplace, with
// their expected presence per year, so every workplace is compared with each group once.
type pool struct {
	tags   map[string]int // the skills and conditions of the workplaces, numbered
	words  int            // uint64 words per tag set
	groups map[string]int // by the bytes of the two tag sets
	sets   []tagGroup
	years  int
	key    []byte // scratch for add
}

// tagSet is a set of tag numbers as a bit set.
type tagSet []uint64

type tagGroup struct {
	skills, restrictions tagSet
	present              []float64
}

func newPool(workplaces []domain.Workplace, years int) *pool {
	pl := &pool{tags: map[string]int{}, groups: map[string]int{}, years: years}
	for _, w := range workplaces {
		for _, t := range slices.Concat(w.Skills, w.Conditions) {
			if _, ok := pl.tags[t]; !ok {
				pl.tags[t] = len(pl.tags)
			}
		}
	}
	pl.words = (len(pl.tags) + 63) / 64
	return pl
}

// set returns the known tags among tags as a bit set; other tags concern no workplace.
func (pl *pool) set(tags []string) tagSet {
	s := make(tagSet, pl.words)
	for _, t := range tags {
		if n, ok := pl.tags[t]; ok {
			s[n/64] |= 1 << (n % 64)
		}
	}
	return s
}

// appendKey appends the bit set of the known tags among tags to key, word by word.
func (pl *pool) appendKey(key []byte, tags []string) []byte {
	start := len(key)
	key = append(key, make([]byte, 8*pl.words)...)
	for _, t := range tags {
		if n, ok := pl.tags[t]; ok {
			key[start+n/8] |= 1 << (n % 8)
		}
	}
	return key
}

// add counts person p, who counts at month ends first..last, in the group of their tags.
func (pl *pool) add(p *person, h *horizon, first, last int) {
	pl.key = pl.appendKey(pl.appendKey(pl.key[:0], p.e.Skills), p.e.Restrictions)
	gi, ok := pl.groups[string(pl.key)] // no allocation for the lookup
	if !ok {
		gi = len(pl.sets)
		pl.groups[string(pl.key)] = gi
		pl.sets = append(pl.sets, tagGroup{skills: pl.set(p.e.Skills), restrictions: pl.set(p.e.Restrictions), present: make([]float64, pl.years+1)})
	}
	g := &pl.sets[gi]
	if first == 0 {
		g.present[0]++
	}
	for j := 1; j <= pl.years; j++ {
		g.present[j] += h.presence(first, last, j)
	}
}

// eligible reports whether a group with skills and restrictions may work where skills need and
// conditions hold: every needed skill, no restricted condition.
func eligible(g *tagGroup, need, conditions tagSet) bool {
	for i := range need {
		if need[i]&^g.skills[i] != 0 || conditions[i]&g.restrictions[i] != 0 {
			return false
		}
	}
	return true
}

// workplaces compares each workplace's need with its eligible people per year.
func (pl *pool) workplaces(ds *domain.Dataset, o ForecastOptions) ([]WorkplaceForecast, domain.Date, domain.Date) {
	perDay, days, from, to := needs(ds, o.NeedWeeks)
	out := make([]WorkplaceForecast, 0, len(ds.Workplaces))
	for _, w := range ds.Workplaces {
		wf := WorkplaceForecast{ID: w.ID, Name: w.Name, Kind: w.Kind, Location: w.Location,
			Need: RoundHalfUp(perDay[w.ID], 2), PlannedDays: days[w.ID], Eligible: make([]float64, o.Years+1)}
		need, conditions := pl.set(w.Skills), pl.set(w.Conditions)
		for i := range pl.sets {
			if g := &pl.sets[i]; eligible(g, need, conditions) {
				for j, v := range g.present {
					wf.Eligible[j] += v
				}
			}
		}
		for j := range wf.Eligible {
			wf.Eligible[j] = RoundHalfUp(wf.Eligible[j], 2)
			if wf.PlannedDays > 0 {
				wf.FirstShortYear = firstShort(wf.FirstShortYear, wf.Eligible[j], wf.Need, o.BaseYear+j)
			}
		}
		out = append(out, wf)
	}
	return out, from, to
}

// needs returns per workplace the average summed shift minimum per planned day and the number of
// planned days, over the last weeks ISO weeks that hold any shift, and the first and last day of
// those weeks.
func needs(ds *domain.Dataset, weeks int) (map[string]float64, map[string]int, domain.Date, domain.Date) {
	keys := make([]int, 0, 8)
	seen := map[int]bool{}
	for _, s := range ds.Shifts {
		if k := s.Date.ISOWeekKey(); !seen[k] {
			seen[k] = true
			keys = append(keys, k)
		}
	}
	slices.Sort(keys)
	if len(keys) > weeks {
		keys = keys[len(keys)-weeks:]
	}
	in := map[int]bool{}
	for _, k := range keys {
		in[k] = true
	}
	type day struct {
		workplace string
		date      domain.Date
	}
	sum := map[string]float64{}
	days := map[string]int{}
	counted := map[day]bool{}
	var from, to domain.Date
	for _, s := range ds.Shifts {
		if !in[s.Date.ISOWeekKey()] {
			continue
		}
		sum[s.Workplace] += float64(s.Min)
		if k := (day{s.Workplace, s.Date}); !counted[k] {
			counted[k] = true
			days[s.Workplace]++
		}
		if from == 0 || s.Date < from {
			from = s.Date
		}
		to = max(to, s.Date)
	}
	if from != 0 {
		from = from.AddDays(-int(from.Weekday()))          // the Monday of the first week
		to = to.AddDays(int(domain.Zondag - to.Weekday())) // the Sunday of the last
	}
	need := make(map[string]float64, len(sum))
	for w, s := range sum {
		need[w] = s / float64(days[w])
	}
	return need, days, from, to
}

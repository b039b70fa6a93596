// Package demo generates a realistic, valid demo region for Ploeg: the Paswerk region (Haarlem,
// Zandvoort, Heemstede and Bloemendaal) with its workplaces, werkleiders, Wsw and beschut werk
// employees (some with past moves, hour changes and herindicaties in their history), shifts,
// absences, pins and beschut werk taakstellingen.
//
// Everything is invented except the four gemeenten and Haarlem's 2019 taakstelling. The output depends
// only on the Options: the same Options give the same dataset, byte for byte.
package demo

import (
	"fmt"
	"math/rand/v2"
	"time"

	"ploeg/domain"
)

// Defaults for the zero fields of Options.
const (
	DefaultEmployees = 600 // Wsw employees; the beschut werk group comes on top
	DefaultDays      = 15  // working days: three weeks
	DefaultSeed      = 1
)

// ReferenceStart is the first planning day when Options.Start is zero: Monday 23 November 2026, the
// date of the examples in docs/DATASET.md. Generate never reads the clock.
var ReferenceStart = domain.NewDate(2026, time.November, 23)

// Options say what to generate.
type Options struct {
	// Seed drives every random choice; the same seed gives the same dataset.
	Seed uint64
	// Employees is the size of the Wsw group (default 600). A beschut werk group of about 9 % of it
	// comes on top, and the workplaces, werkleiders and shifts scale with it.
	Employees int
	// Days is the number of working days (ma–vr) to make shifts for, from Start (default 15). The
	// Saturday after each Friday in the range is a planning day too: the kringloopwinkels open then.
	Days int
	// Start is the first planning day (default ReferenceStart). Ages are counted on this date.
	Start domain.Date
}

// DefaultOptions returns the default demo for a planner working on today: 600 Wsw employees, three
// weeks of shifts from the Monday of today's week, seed DefaultSeed.
func DefaultOptions(today domain.Date) Options {
	return Options{Seed: DefaultSeed, Employees: DefaultEmployees, Days: DefaultDays, Start: MondayOf(today)}
}

// MondayOf returns the Monday of d's ISO week (d itself on a Monday).
func MondayOf(d domain.Date) domain.Date { return d.AddDays(-int(d.Weekday())) }

func (o Options) withDefaults() Options {
	if o.Employees <= 0 {
		o.Employees = DefaultEmployees
	}
	if o.Days <= 0 {
		o.Days = DefaultDays
	}
	if o.Start == 0 {
		o.Start = ReferenceStart
	}
	return o
}

// Dates returns the planning days in order: Days working days (ma–vr) from Start, and the Saturday
// after every Friday among them. Sundays are never planning days.
func (o Options) Dates() []domain.Date {
	o = o.withDefaults()
	var dates []domain.Date
	for d, counted := o.Start, 0; counted < o.Days; d = d.AddDays(1) {
		switch wd := d.Weekday(); {
		case wd < domain.Zaterdag:
			dates = append(dates, d)
			counted++
		case wd == domain.Zaterdag && len(dates) > 0 && dates[len(dates)-1] == d.AddDays(-1):
			dates = append(dates, d)
		}
	}
	if last := dates[len(dates)-1]; last.Weekday() == domain.Vrijdag {
		dates = append(dates, last.AddDays(1))
	}
	return dates
}

// Generate builds the demo dataset described by opts (zero fields take their defaults). The result
// passes Validate.
func Generate(opts Options) *domain.Dataset {
	g := newGenerator(opts.withDefaults())
	g.addGemeenten()
	g.addWorkplaces()
	g.addEmployees()
	g.planDemand()
	g.addWerkleiders()
	g.addShifts()
	g.addAbsences()
	cal, err := domain.NewCalendar(g.ds)
	if err != nil {
		panic(fmt.Sprintf("demo: calendar of the default organisation: %v", err)) // cannot happen
	}
	g.capDemand(cal)
	g.addPins(cal)
	g.addTaakstellingen()
	g.addHistory()
	return g.ds
}

// generator holds the state of one Generate call.
type generator struct {
	opts  Options
	rng   *rand.Rand
	ds    *domain.Dataset
	dates []domain.Date
	last  domain.Date // the last planning day

	sites       []*site // parallel to ds.Workplaces
	skillPool   []weighted[string]
	people      []*person  // parallel to ds.Employees
	werkleiders []*wlDraft // parallel to ds.Werkleiders
	shiftSite   []int      // site index of each shift in ds.Shifts
	dayShifts   [][2]int   // per planning day, the range of its shifts in ds.Shifts
}

func newGenerator(opts Options) *generator {
	ds := domain.NewDataset()
	ds.Organisation.Name = "Paswerk (demo)"
	dates := opts.Dates()
	return &generator{
		opts:  opts,
		rng:   rand.New(rand.NewPCG(opts.Seed, 0x9e3779b97f4a7c15)),
		ds:    ds,
		dates: dates,
		last:  dates[len(dates)-1],
	}
}

// weighted is one option of a random choice with its relative weight.
type weighted[T any] struct {
	v T
	w float64
}

// drawIndex picks an index in 0..n-1 with probability proportional to weight(i).
func drawIndex(rng *rand.Rand, n int, weight func(i int) float64) int {
	total := 0.0
	for i := range n {
		total += weight(i)
	}
	x := rng.Float64() * total
	for i := range n {
		w := weight(i)
		if x < w {
			return i
		}
		x -= w
	}
	return n - 1
}

// draw picks one of the options by weight.
func draw[T any](rng *rand.Rand, options []weighted[T]) T {
	return options[drawIndex(rng, len(options), func(i int) float64 { return options[i].w })].v
}

func chance(rng *rand.Rand, p float64) bool { return rng.Float64() < p }

// between returns a whole number in lo..hi.
func between(rng *rand.Rand, lo, hi int) int { return lo + rng.IntN(hi-lo+1) }

// digits returns how many decimal digits n has.
func digits(n int) int { return len(fmt.Sprint(n)) }

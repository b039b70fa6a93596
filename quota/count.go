package quota

import (
	"math"
	"time"

	"ploeg/domain"
)

// Hours and full-time hours are counted in hundredths of an hour, and the category weight in
// quarters (matig 4, ernstig 5 = 1.25 × 4), so the arbeidsjaren of a year are an exact fraction.
const (
	weightMatig   = 4
	weightErnstig = 5
	weightUnit    = 4
)

// centi returns x in hundredths, rounded to the nearest.
func centi(x float64) int64 { return int64(math.Round(x * 100)) }

// weight returns the category weight in quarters.
func weight(c domain.WswCategorie) int64 {
	if c == domain.Ernstig {
		return weightErnstig
	}
	return weightMatig
}

// divHalfUp returns num/den rounded to a whole number, halves up (num ≥ 0, den > 0).
func divHalfUp(num, den int64) int64 { return (2*num + den) / (2 * den) }

// RoundHalfUp rounds x ≥ 0 to the given number of decimals, a half rounding up. Values that are
// a half up to float error (0.125 stored as 0.12499999…) round up too.
func RoundHalfUp(x float64, decimals int) float64 {
	p := math.Pow10(decimals)
	return math.Floor(x*p+0.5+1e-9) / p
}

// monthEnds returns the last day of every month of year.
func monthEnds(year int) [12]domain.Date {
	var ends [12]domain.Date
	for m := range 12 {
		ends[m] = domain.NewDate(year, time.Month(m+2), 0) // day 0 of the next month
	}
	return ends
}

// yearEnd returns 31 December of year.
func yearEnd(year int) domain.Date { return domain.NewDate(year, time.December, 31) }

// person is an employee with the dates that bound their counting.
type person struct {
	e    *domain.Employee
	last domain.Date // the last day they count: contractEnd, or the day before the AOW date
}

// people indexes the employees of ds with the AOW table of its organisation.
func people(ds *domain.Dataset) ([]person, error) {
	aow, err := domain.NewAOWTable(ds.Organisation.AOWAges)
	if err != nil {
		return nil, &domain.Error{Code: domain.CodeInvalid, Message: "organisation.aowAges: " + err.Error(), Err: err}
	}
	ps := make([]person, len(ds.Employees))
	for i := range ds.Employees {
		e := &ds.Employees[i]
		last := aow.AOWDate(e.BirthDate).AddDays(-1)
		if e.ContractEnd != nil && *e.ContractEnd < last {
			last = *e.ContractEnd
		}
		ps[i] = person{e: e, last: last}
	}
	return ps, nil
}

// counts reports whether the person counts at d: the dienstbetrekking includes d and d lies before
// the AOW date.
func (p *person) counts(d domain.Date) bool { return p.e.ContractStart <= d && d <= p.last }

// placement returns the gemeente a beschut werk person counts for: the one responsible at
// placement, their gemeente on contractStart.
func (p *person) placement() string { return p.e.GemeenteOn(p.e.ContractStart) }

// units returns the person's contract hours (in hundredths) times their category weight (in
// quarters) at d: their share of a full-time arbeidsjaar at that month end, before dividing by the
// full-time hours.
func (p *person) units(d domain.Date) int64 {
	return centi(p.e.ContractHoursOn(d)) * weight(p.e.WswCategorieOn(d))
}

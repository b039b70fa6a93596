package domain

import (
	"fmt"
	"sort"
)

// AOWAge is the AOW-leeftijd for everyone who reaches it in FromYear or later (until the next entry).
type AOWAge struct {
	FromYear int `json:"fromYear"`
	Years    int `json:"years"`
	Months   int `json:"months"`
}

// TotalMonths returns the age in months.
func (a AOWAge) TotalMonths() int { return a.Years*12 + a.Months }

func (a AOWAge) String() string {
	if a.Months == 0 {
		return fmt.Sprintf("%d jaar", a.Years)
	}
	return fmt.Sprintf("%d jaar en %d maanden", a.Years, a.Months)
}

// DefaultAOWAges is the AOW-leeftijd by the calendar year in which it is reached (AOW art. 7a),
// as known on 2026-11-23: 2028–2031 is 67 + 3 months, and that stays until configured otherwise.
var DefaultAOWAges = []AOWAge{
	{0, 65, 0},
	{2013, 65, 1}, {2014, 65, 2}, {2015, 65, 3}, {2016, 65, 6}, {2017, 65, 9},
	{2018, 66, 0}, {2019, 66, 4}, {2022, 66, 7}, {2023, 66, 10}, {2024, 67, 0},
	{2028, 67, 3},
}

// AOWTable gives the AOW-leeftijd per calendar year. The zero value uses DefaultAOWAges.
type AOWTable struct {
	ages []AOWAge // sorted by FromYear, first entry FromYear 0
}

// NewAOWTable returns the default table with later entries (configured in the organisation)
// replacing it from their FromYear on. It refuses an age that decreases.
func NewAOWTable(later []AOWAge) (AOWTable, error) {
	if len(later) == 0 {
		return AOWTable{}, nil
	}
	ext := append([]AOWAge(nil), later...)
	sort.Slice(ext, func(i, j int) bool { return ext[i].FromYear < ext[j].FromYear })
	var ages []AOWAge
	for _, a := range DefaultAOWAges {
		if a.FromYear < ext[0].FromYear {
			ages = append(ages, a)
		}
	}
	ages = append(ages, ext...)
	for i := 1; i < len(ages); i++ {
		if ages[i].FromYear == ages[i-1].FromYear {
			return AOWTable{}, fmt.Errorf("AOW-leeftijd voor %d staat er twee keer in", ages[i].FromYear)
		}
		if ages[i].TotalMonths() < ages[i-1].TotalMonths() {
			return AOWTable{}, fmt.Errorf("AOW-leeftijd vanaf %d (%s) is lager dan die ervoor (%s); de AOW-leeftijd daalt nooit",
				ages[i].FromYear, ages[i], ages[i-1])
		}
	}
	return AOWTable{ages: ages}, nil
}

func (t AOWTable) table() []AOWAge {
	if t.ages == nil {
		return DefaultAOWAges
	}
	return t.ages
}

// AgeInYear returns the AOW-leeftijd for someone who reaches it in calendar year y.
func (t AOWTable) AgeInYear(y int) AOWAge {
	ages := t.table()
	i := sort.Search(len(ages), func(i int) bool { return ages[i].FromYear > y })
	return ages[i-1]
}

// AOWDate returns the date on which someone born on birth reaches the AOW-leeftijd: birth date plus
// the age that holds for the calendar year in which that date falls. Ages are tried from low to high;
// because the age never decreases and rises slower than time, the first fit is the only one.
func (t AOWTable) AOWDate(birth Date) Date {
	ages := t.table()
	var last Date
	for _, a := range ages {
		d := birth.AddMonths(a.Years, a.Months)
		if t.AgeInYear(d.Year()).TotalMonths() <= a.TotalMonths() {
			return d
		}
		last = d
	}
	return last
}

// AOWDate returns the AOW date under the default table.
func AOWDate(birth Date) Date { return AOWTable{}.AOWDate(birth) }

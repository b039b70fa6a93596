package demo

import "ploeg/domain"

// Absence rates per person over the planning range; everyone has at most one absence.
const (
	longSickShare      = 0.010 // ziek since before the range and beyond it (langdurig verzuim)
	sickShare          = 0.055 // ziek for a few days
	verlofShare        = 0.085
	therapeutischShare = 0.010
	werkleiderAbsence  = 0.04
)

// addAbsences adds sickness, leave and therapeutic absences of employees, and a few absent werkleiders.
func (g *generator) addAbsences() {
	for i := range g.ds.Employees {
		if a, ok := g.employeeAbsence(); ok {
			a.Person = g.ds.Employees[i].ID
			g.ds.Absences = append(g.ds.Absences, a)
		}
	}
	absent := 0
	for i := range g.ds.Werkleiders {
		if chance(g.rng, werkleiderAbsence) {
			g.ds.Absences = append(g.ds.Absences, g.werkleiderAbsence(g.ds.Werkleiders[i].ID))
			absent++
		}
	}
	if absent == 0 && len(g.ds.Werkleiders) >= 10 {
		g.ds.Absences = append(g.ds.Absences, g.werkleiderAbsence(g.ds.Werkleiders[g.rng.IntN(len(g.ds.Werkleiders))].ID))
	}
}

// employeeAbsence draws whether and how one employee is absent during the planning range.
func (g *generator) employeeAbsence() (domain.Absence, bool) {
	day := g.dates[g.rng.IntN(len(g.dates))]
	r := g.rng.Float64()
	switch {
	case r < longSickShare:
		return period(g.opts.Start.AddDays(-between(g.rng, 14, 300)), g.last.AddDays(between(g.rng, 7, 90)), domain.Ziek), true
	case r < longSickShare+sickShare:
		length := draw(g.rng, []weighted[span]{{span{1, 3}, 60}, {span{4, 10}, 30}, {span{11, 21}, 10}}).pick(g)
		from := day.AddDays(-g.rng.IntN(3))
		return period(from, from.AddDays(length-1), domain.Ziek), true
	case r < longSickShare+sickShare+verlofShare:
		return g.verlof(day), true
	case r < longSickShare+sickShare+verlofShare+therapeutischShare:
		return period(day, day.AddDays(between(g.rng, 4, 14)), domain.Therapeutisch), true
	}
	return domain.Absence{}, false
}

// verlof is a day off, a few days, or a whole week.
func (g *generator) verlof(day domain.Date) domain.Absence {
	switch r := g.rng.Float64(); {
	case r < 0.35:
		return period(day, day, domain.Verlof)
	case r < 0.80:
		return period(day, day.AddDays(between(g.rng, 2, 4)), domain.Verlof)
	}
	monday := MondayOf(day)
	return period(monday, monday.AddDays(4), domain.Verlof)
}

// werkleiderAbsence is a week of verlof or a few days ziek.
func (g *generator) werkleiderAbsence(id string) domain.Absence {
	day := g.dates[g.rng.IntN(len(g.dates))]
	a := period(day, day.AddDays(between(g.rng, 0, 2)), domain.Ziek)
	if chance(g.rng, 0.6) {
		a = period(MondayOf(day), MondayOf(day).AddDays(4), domain.Verlof)
	}
	a.Person = id
	return a
}

func period(from, to domain.Date, kind domain.AbsenceKind) domain.Absence {
	return domain.Absence{From: from, To: to, Kind: kind}
}

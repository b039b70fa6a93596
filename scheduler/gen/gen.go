// Package gen makes random, valid datasets for property tests and solver comparisons. They are
// small and deliberately awkward, so that every hard rule of docs/DATASET.md binds somewhere: mixed
// skills and restrictions, all three kinds of workplace at several locations, early, late and night
// shifts (also across a clock change) and weekend shifts, employees of 16–17 and of 55 and older
// (with and without seniorConsent), personal start and end times and day limits, part-time
// contracts, contracts that start or end inside the range, people who reach their AOW date,
// absences of employees and werkleiders, tight werkleider capacities, and pins.
//
// The same seed and size always give the same dataset (math/rand/v2 PCG), and it always passes
// Validate. Plan it over Range(ds).
package gen

import (
	"fmt"
	"math/rand/v2"
	"slices"
	"time"

	"ploeg/domain"
)

// Size is how big a dataset Random makes; zero or negative fields take their defaults.
type Size struct {
	Employees   int // default 30
	Werkleiders int // default Employees/6, at least 2
	Workplaces  int // default Employees/5, at least 3
	Days        int // planning days, default 5
}

// DefaultSize is the size Random makes of a zero Size.
var DefaultSize = Size{Employees: 30, Werkleiders: 5, Workplaces: 6, Days: 5}

func (s Size) withDefaults() Size {
	if s.Employees <= 0 {
		s.Employees = DefaultSize.Employees
	}
	if s.Werkleiders <= 0 {
		s.Werkleiders = max(2, s.Employees/6)
	}
	if s.Workplaces <= 0 {
		s.Workplaces = max(3, s.Employees/5)
	}
	if s.Days <= 0 {
		s.Days = DefaultSize.Days
	}
	return s
}

// The pools the generator draws from.
var (
	skillPool     = []string{"heftruck", "solderen", "kassa", "groen", "hygiene"}
	conditionPool = []string{"tillen", "staand", "buiten", "lawaai", "stof"}
	locationPool  = []string{"Cruquius", "Waarderpolder", "Zandvoort", "Heemstede"}
	gemeentePool  = []domain.Gemeente{{Code: "GM0392", Name: "Haarlem"}, {Code: "GM0473", Name: "Zandvoort"}, {Code: "GM0397", Name: "Heemstede"}}
	// starts are the first planning days to choose from: ordinary weeks, a Thursday before a
	// weekend, and the weekends of the 2026 and 2027 clock changes.
	starts = []domain.Date{
		domain.NewDate(2026, time.November, 23), domain.NewDate(2027, time.January, 4), domain.NewDate(2026, time.June, 11),
		domain.NewDate(2026, time.March, 26), domain.NewDate(2026, time.October, 22), domain.NewDate(2027, time.March, 26),
	}
)

// slot is a kind of shift: its times and break.
type slot struct {
	name         string
	start, end   string
	breakMinutes int
}

// slots mixes early, day, short, late, evening, night (over midnight, one ending at 00:00) and long
// (11 worked hours: over 9 for minors) shifts.
var slots = []slot{
	{"vroeg", "06:00", "14:30", 30}, {"dag", "08:00", "16:30", 30}, {"kort", "09:00", "13:00", 0},
	{"laat", "14:00", "22:30", 30}, {"avond", "17:00", "23:00", 15}, {"nacht", "22:00", "06:30", 30},
	{"tot-middernacht", "16:00", "00:00", 30}, {"lang", "07:00", "19:00", 60}, {"middag", "12:30", "18:00", 15},
}

// Range returns the planning range of a dataset made by Random: its first and last shift date.
// Every date in it has shifts.
func Range(ds *domain.Dataset) (from, to domain.Date) {
	for i, s := range ds.Shifts {
		if i == 0 || s.Date < from {
			from = s.Date
		}
		if i == 0 || s.Date > to {
			to = s.Date
		}
	}
	return from, to
}

// Random returns a random valid dataset of the given size; the same seed and size give the same
// dataset.
func Random(seed uint64, size Size) *domain.Dataset {
	g := &generator{size: size.withDefaults(), rng: rand.New(rand.NewPCG(seed, 0x5eed_9e37_79b9_7f4a)), ds: domain.NewDataset()}
	g.from = starts[g.rng.IntN(len(starts))].AddDays(g.rng.IntN(3) - 1)
	g.to = g.from.AddDays(g.size.Days - 1)
	g.organisation()
	g.workplaces()
	g.shifts()
	g.employees()
	g.werkleiders()
	g.absences()
	g.pins()
	g.ds.Taakstellingen = []domain.Taakstelling{{Gemeente: "GM0392", Year: g.from.Year(), Regeling: domain.Beschut, Target: float64(g.size.Employees) / 10}}
	if err := g.ds.Validate(); err != nil {
		panic(fmt.Sprintf("gen: seed %d made an invalid dataset: %v", seed, err))
	}
	return g.ds
}

// generator holds the state of one Random call.
type generator struct {
	size     Size
	rng      *rand.Rand
	ds       *domain.Dataset
	from, to domain.Date
}

func (g *generator) chance(p float64) bool { return g.rng.Float64() < p }

// between returns a whole number in lo..hi.
func (g *generator) between(lo, hi int) int { return lo + g.rng.IntN(hi-lo+1) }

// some returns each element of pool with probability p, in pool order.
func (g *generator) some(pool []string, p float64) []string {
	out := []string{}
	for _, v := range pool {
		if g.chance(p) {
			out = append(out, v)
		}
	}
	return out
}

func (g *generator) clock(hhmm string) domain.Clock {
	c, err := domain.ParseClock(hhmm)
	if err != nil {
		panic(err)
	}
	return c
}

// organisation keeps the defaults for most seeds and varies the weights for a quarter of them.
func (g *generator) organisation() {
	g.ds.Organisation.Name = "gen"
	g.ds.Gemeenten = slices.Clone(gemeentePool[:2])
	if g.chance(0.25) {
		g.ds.Organisation.Weights = domain.Weights{
			Understaffed: float64(g.between(5, 15) * 100), Idle: float64(g.between(5, 15) * 10), Continuity: float64(g.between(0, 30)),
		}
		g.ds.Organisation.BegeleidingWeights = domain.BegeleidingWeights{Laag: 1, Midden: float64(g.between(5, 8)) / 4, Hoog: float64(g.between(8, 12)) / 4}
	}
}

// workplaces makes the first three one of each kind, the rest mostly supervised, spread over two
// or three locations.
func (g *generator) workplaces() {
	kinds := []domain.WorkplaceKind{domain.Bedrijfsactiviteit, domain.Uitbesteed, domain.Detachering}
	g.rng.Shuffle(len(kinds), func(i, j int) { kinds[i], kinds[j] = kinds[j], kinds[i] })
	locations := locationPool[:g.between(2, 3)]
	for i := range g.size.Workplaces {
		kind := domain.Bedrijfsactiviteit
		switch {
		case i < len(kinds):
			kind = kinds[i]
		case g.chance(0.3):
			kind = domain.Uitbesteed
		case g.chance(0.2):
			kind = domain.Detachering
		}
		wp := domain.Workplace{
			ID: fmt.Sprintf("wp%d", i+1), Name: fmt.Sprintf("Werkplek %d", i+1), Kind: kind,
			Location: locations[i%len(locations)], Skills: g.some(skillPool, 0.15), Conditions: g.some(conditionPool, 0.25),
		}
		if kind != domain.Bedrijfsactiviteit {
			wp.Client = fmt.Sprintf("Klant %d BV", i+1)
		}
		g.ds.Workplaces = append(g.ds.Workplaces, wp)
	}
}

// shifts gives every workplace a main slot and now and then a second one, on its opening days
// (ma–vr, for some also za or za–zo), and makes sure every planning day has a shift.
func (g *generator) shifts() {
	type plan struct {
		slots []slot
		open  domain.Weekdays
	}
	plans := make([]plan, len(g.ds.Workplaces))
	for i := range plans {
		p := plan{slots: []slot{slots[g.rng.IntN(len(slots))]}, open: domain.WeekdaySet([]domain.Weekday{0, 1, 2, 3, 4})}
		if g.chance(0.35) {
			p.slots = append(p.slots, slots[g.rng.IntN(len(slots))])
		}
		switch {
		case g.chance(0.2):
			p.open |= domain.WeekdaySet([]domain.Weekday{domain.Zaterdag, domain.Zondag})
		case g.chance(0.25):
			p.open |= domain.WeekdaySet([]domain.Weekday{domain.Zaterdag})
		}
		plans[i] = p
	}
	for d := g.from; d <= g.to; d++ {
		open := 0
		for i, p := range plans {
			if p.open.Has(d.Weekday()) {
				open++
				g.addShifts(i, d, p.slots)
			}
		}
		if open == 0 { // a weekend day nobody opens on: one workplace opens anyway
			i := g.rng.IntN(len(plans))
			g.addShifts(i, d, plans[i].slots[:1])
		}
	}
}

func (g *generator) addShifts(wp int, d domain.Date, ss []slot) {
	for k, sl := range ss {
		hi := g.between(1, 4)
		lo := g.between(0, min(hi, 3))
		g.ds.Shifts = append(g.ds.Shifts, domain.Shift{
			ID:        fmt.Sprintf("%s-%s-%s-%d", g.ds.Workplaces[wp].ID, d, sl.name, k+1),
			Workplace: g.ds.Workplaces[wp].ID, Date: d, Start: g.clock(sl.start), End: g.clock(sl.end),
			BreakMinutes: sl.breakMinutes, Min: lo, Max: hi, Priority: g.between(1, 3),
		})
	}
}

// The kinds of ages employees get, with their weights.
const (
	ageMinor  = iota // 16 or 17 (some turn 18 in the range)
	ageAdult         // 18–54
	ageTurn55        // turns 55 in or just before the range
	ageSenior        // 55 up to the AOW date
	ageAOW           // reaches the AOW date in or just before the range
	ageKinds
)

var ageWeights = [ageKinds]float64{0.1, 0.5, 0.07, 0.25, 0.08}

// employees draws the people.
func (g *generator) employees() {
	contractHours := []float64{36, 36, 32, 32, 28, 24, 24, 16, 12, 8}
	levels := []domain.Begeleiding{domain.BegeleidingLaag, domain.BegeleidingLaag, domain.BegeleidingLaag, domain.BegeleidingMidden,
		domain.BegeleidingMidden, domain.BegeleidingHoog}
	for i := range g.size.Employees {
		e := domain.Employee{
			ID: fmt.Sprintf("e%03d", i+1), Name: fmt.Sprintf("Medewerker %d", i+1),
			Gemeente: g.ds.Gemeenten[g.rng.IntN(len(g.ds.Gemeenten))].Code, Regeling: domain.Wsw, WswCategorie: domain.Matig,
			ContractHours: contractHours[g.rng.IntN(len(contractHours))],
			Skills:        g.some(skillPool, 0.6), Restrictions: g.some(conditionPool, 0.12),
			Begeleiding: levels[g.rng.IntN(len(levels))],
		}
		switch {
		case g.chance(0.15):
			e.Regeling, e.WswCategorie = domain.Beschut, ""
		case g.chance(0.3):
			e.WswCategorie = domain.Ernstig
		}
		g.birth(&e)
		g.contract(&e)
		e.Workdays = g.workdays()
		if g.chance(0.7) {
			e.HomeWorkplace = g.ds.Workplaces[g.rng.IntN(len(g.ds.Workplaces))].ID
		}
		if g.chance(0.15) {
			c := domain.Clock(g.between(7*4, 10*4) * 15)
			e.EarliestStart = &c
		}
		if g.chance(0.15) {
			c := domain.Clock(g.between(15*4, 21*4) * 15)
			if e.EarliestStart == nil || c > *e.EarliestStart {
				e.LatestEnd = &c
			}
		}
		if g.chance(0.15) {
			h := []float64{4, 6, 7.5, 8}[g.rng.IntN(4)]
			e.MaxHoursPerDay = &h
		}
		g.ds.Employees = append(g.ds.Employees, e)
	}
}

// birth draws the birth date by age kind, and seniorConsent for about half of those 55 and older.
func (g *generator) birth(e *domain.Employee) {
	kind, x := 0, g.rng.Float64()
	for kind < ageKinds-1 && x >= ageWeights[kind] {
		x -= ageWeights[kind]
		kind++
	}
	around := func(years int) domain.Date { // the birthday of that age falls in or just before the range
		return g.from.AddDays(g.between(-3, g.size.Days)).AddMonths(-years, 0)
	}
	switch kind {
	case ageMinor:
		e.BirthDate = around(18).AddDays(g.between(-2, 600))
	case ageAdult:
		e.BirthDate = g.from.AddMonths(-g.between(18, 54), -g.between(0, 11))
	case ageTurn55:
		e.BirthDate = around(55)
	case ageSenior:
		e.BirthDate = g.from.AddMonths(-g.between(55, 65), -g.between(0, 11))
	case ageAOW:
		e.BirthDate = g.aowBirth(g.from.AddDays(g.between(-10, g.size.Days)))
	}
	e.SeniorConsent = kind >= ageTurn55 && g.chance(0.5)
}

// aowBirth returns a birth date whose AOW date is (close to) d.
func (g *generator) aowBirth(d domain.Date) domain.Date {
	birth := d.AddMonths(-67, 0)
	for range 200 {
		if aow := domain.AOWDate(birth); aow == d {
			break
		} else if aow > d {
			birth--
		} else {
			birth++
		}
	}
	return birth
}

// contract draws the contract: mostly running for years, sometimes starting or ending inside the
// range (or just after it).
func (g *generator) contract(e *domain.Employee) {
	earliest := e.BirthDate.AddMonths(16, 0).AddDays(1)
	e.ContractStart = max(earliest, g.from.AddDays(-g.between(30, 20*365)))
	if g.chance(0.08) {
		e.ContractStart = max(earliest, g.from.AddDays(g.between(1, g.size.Days)))
	}
	if g.chance(0.1) {
		end := max(e.ContractStart, g.from.AddDays(g.between(0, g.size.Days+3)))
		e.ContractEnd = &end
	}
}

// workdays: ma–vr for most, some part-time patterns, and some with weekend days.
func (g *generator) workdays() []domain.Weekday {
	switch x := g.rng.Float64(); {
	case x < 0.5:
		return []domain.Weekday{0, 1, 2, 3, 4}
	case x < 0.75:
		days := []domain.Weekday{0, 1, 2, 3, 4}
		g.rng.Shuffle(len(days), func(i, j int) { days[i], days[j] = days[j], days[i] })
		days = days[:g.between(2, 4)]
		slices.Sort(days)
		return days
	default:
		var days []domain.Weekday
		for d := range domain.Weekday(7) {
			if g.chance(0.6) {
				days = append(days, d)
			}
		}
		if len(days) == 0 {
			days = append(days, domain.Zaterdag)
		}
		return days
	}
}

// werkleiders each list one to three supervised workplaces (sometimes at two locations); every
// supervised workplace is listed by someone. Capacities are small, so they bind.
func (g *generator) werkleiders() {
	var supervised []string
	for _, wp := range g.ds.Workplaces {
		if wp.Kind.NeedsWerkleider() {
			supervised = append(supervised, wp.ID)
		}
	}
	for i := range g.size.Werkleiders {
		w := domain.Werkleider{ID: fmt.Sprintf("wl%02d", i+1), Name: fmt.Sprintf("Werkleider %d", i+1),
			Workplaces: []string{}, Capacity: []float64{2, 3, 4, 4, 5, 6, 8}[g.rng.IntN(7)]}
		if len(supervised) > 0 {
			w.Workplaces = append(w.Workplaces, supervised[i%len(supervised)])
			for range g.between(0, 2) {
				if id := supervised[g.rng.IntN(len(supervised))]; !slices.Contains(w.Workplaces, id) {
					w.Workplaces = append(w.Workplaces, id)
				}
			}
		}
		w.Workdays = []domain.Weekday{0, 1, 2, 3, 4}
		if g.chance(0.4) {
			w.Workdays = append(w.Workdays, domain.Zaterdag)
		}
		if g.chance(0.2) {
			w.Workdays = append(w.Workdays, domain.Zondag)
		}
		if g.chance(0.15) {
			w.Workdays = slices.Delete(w.Workdays, 2, 3) // no Wednesdays
		}
		g.ds.Werkleiders = append(g.ds.Werkleiders, w)
	}
}

// absences: about one employee in six and one werkleider in four is away for a few days around
// the range.
func (g *generator) absences() {
	kinds := []domain.AbsenceKind{domain.Ziek, domain.Verlof, domain.Therapeutisch, domain.Overig}
	add := func(person string) {
		from := g.from.AddDays(g.between(-3, g.size.Days-1))
		g.ds.Absences = append(g.ds.Absences, domain.Absence{Person: person, From: from, To: from.AddDays(g.between(0, 3)),
			Kind: kinds[g.rng.IntN(len(kinds))]})
	}
	for _, e := range g.ds.Employees {
		if g.chance(0.17) {
			add(e.ID)
		}
	}
	for _, w := range g.ds.Werkleiders {
		if g.chance(0.25) {
			add(w.ID)
		}
	}
}

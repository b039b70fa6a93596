package demo

import (
	"cmp"
	"fmt"
	"math"
	"slices"
	"time"

	"ploeg/domain"
)

// Shares of the employee population.
const (
	beschutShare       = 0.09  // beschut werk employees per Wsw employee
	ernstigShare       = 0.16  // Wsw employees of category ernstig
	flexpoolShare      = 0.08  // employees without a home workplace
	nearAOWShare       = 0.012 // Wsw employees whose AOW date falls around the planning range
	seniorConsentShare = 0.25  // of those 55 and over: waive the CAO SW limits (seniorConsent)
	temporaryShare     = 0.10  // beschut werk contracts with an end date
	newEntrantShare    = 0.03  // beschut werk contracts that start during the planning range
)

var (
	wswFirstStart    = domain.NewDate(1970, time.January, 1)
	wswLastStart     = domain.NewDate(2014, time.December, 1) // nobody enters the Wsw since 1 January 2015
	wswLatestBirth   = wswLastStart.AddMonths(-18, 0)         // so that every Wsw employee started at 18 or later
	beschutFirstYear = 2016                                   // the first year of beschut werk dienstbetrekkingen
)

// span is a range of whole numbers, lo..hi.
type span struct{ lo, hi int }

func (s span) pick(g *generator) int { return between(g.rng, s.lo, s.hi) }

// Ages on the start date. Wsw: mean about 52, four in five over 45 (the population has aged since
// nobody enters any more). Beschut werk: mostly young adults.
var (
	wswAges = []weighted[span]{
		{span{29, 34}, 4}, {span{35, 39}, 6}, {span{40, 44}, 10}, {span{45, 49}, 15}, {span{50, 54}, 20},
		{span{55, 59}, 23}, {span{60, 64}, 17}, {span{65, 66}, 4}, {span{67, 67}, 1},
	}
	wswStartAges = []weighted[span]{{span{18, 22}, 35}, {span{23, 30}, 30}, {span{31, 40}, 22}, {span{41, 50}, 13}}
	beschutAges  = []weighted[span]{{span{19, 24}, 26}, {span{25, 29}, 20}, {span{30, 39}, 26}, {span{40, 49}, 16}, {span{50, 59}, 12}}
)

// Contract hours: mostly 32–36, some 24–28, a few 16–20; beschut werk more often part-time.
var (
	wswHours     = []weighted[float64]{{36, 48}, {32, 22}, {28, 10}, {24, 11}, {20, 6}, {16, 3}}
	beschutHours = []weighted[float64]{{36, 20}, {32, 25}, {28, 20}, {24, 22}, {20, 9}, {16, 4}}
)

// Begeleiding laag/midden/hoog: about 45/40/15 over the Wsw, more for ernstig and beschut werk.
var begeleiding = map[domain.WswCategorie][]weighted[domain.Begeleiding]{
	domain.Matig:   {{domain.BegeleidingLaag, 50}, {domain.BegeleidingMidden, 38}, {domain.BegeleidingHoog, 12}},
	domain.Ernstig: {{domain.BegeleidingLaag, 25}, {domain.BegeleidingMidden, 45}, {domain.BegeleidingHoog, 30}},
	"":             {{domain.BegeleidingLaag, 25}, {domain.BegeleidingMidden, 45}, {domain.BegeleidingHoog, 30}},
}

// restrictionTags weighs the work conditions people may not work under.
var restrictionTags = []weighted[string]{
	{"tillen", 35}, {"staand", 18}, {"buiten", 12}, {"lawaai", 12}, {"stof", 10}, {"klantcontact", 8}, {"trappen", 5},
}

// Workday patterns for part-time contracts.
var (
	maVr          = []domain.Weekday{domain.Maandag, domain.Dinsdag, domain.Woensdag, domain.Donderdag, domain.Vrijdag}
	diZa          = []domain.Weekday{domain.Dinsdag, domain.Woensdag, domain.Donderdag, domain.Vrijdag, domain.Zaterdag}
	dayOff        = []weighted[domain.Weekday]{{domain.Vrijdag, 40}, {domain.Woensdag, 30}, {domain.Maandag, 20}, {domain.Dinsdag, 5}, {domain.Donderdag, 5}}
	threeDays     = []weighted[[]domain.Weekday]{{days("ma di do"), 3}, {days("ma wo vr"), 2}, {days("di wo do"), 2}, {days("ma di wo"), 2}, {days("wo do vr"), 1}}
	twoDays       = []weighted[[]domain.Weekday]{{days("ma di"), 2}, {days("do vr"), 1}, {days("di do"), 2}, {days("wo vr"), 1}}
	extraSkills   = []weighted[int]{{0, 35}, {1, 45}, {2, 20}}
	restrictCount = []weighted[int]{{1, 70}, {2, 30}}
)

// days parses space-separated weekday abbreviations.
func days(s string) []domain.Weekday {
	var out []domain.Weekday
	for i := 0; i+2 <= len(s); i += 3 {
		d, err := domain.ParseWeekday(s[i : i+2])
		if err != nil {
			panic(err)
		}
		out = append(out, d)
	}
	return out
}

// person is an employee being generated.
type person struct {
	e            domain.Employee
	restrictions tagMask
	days         int // number of workdays
	home         int // site index, -1 for the flexpool
	ageEnd       int // age on the last planning day
}

// senior reports whether the CAO SW limits for 55 and over apply during the planning range.
func (p *person) senior() bool { return p.ageEnd >= 55 && !p.e.SeniorConsent }

// addEmployees adds the Wsw group and the beschut werk group, numbered by seniority (e0001 has the
// oldest contract).
func (g *generator) addEmployees() {
	nWsw := g.opts.Employees
	people := make([]*person, nWsw+int(math.Round(float64(nWsw)*beschutShare)))
	for i := range people {
		people[i] = g.newPerson(i >= nWsw)
	}
	g.assignHomes(people)
	for _, p := range people {
		g.finish(p)
	}
	slices.SortStableFunc(people, func(a, b *person) int { return cmp.Compare(a.e.ContractStart, b.e.ContractStart) })
	width := max(4, digits(len(people)))
	for i, p := range people {
		p.e.ID = fmt.Sprintf("e%0*d", width, i+1)
		g.ds.Employees = append(g.ds.Employees, p.e)
		if p.home >= 0 {
			g.sites[p.home].homes = append(g.sites[p.home].homes, i)
		}
	}
	g.people = people
}

func (g *generator) newPerson(beschut bool) *person {
	p := &person{home: -1}
	p.e.Gemeente = g.drawGemeente()
	p.e.Skills, p.e.Restrictions = []string{}, []string{}
	if beschut {
		g.beschutContract(&p.e)
	} else {
		g.wswContract(&p.e)
	}
	p.e.Begeleiding = draw(g.rng, begeleiding[p.e.WswCategorie])
	p.ageEnd = domain.AgeOn(p.e.BirthDate, g.last)
	g.workingTime(p)
	g.restrict(p)
	g.timePreferences(p)
	return p
}

func (g *generator) wswContract(e *domain.Employee) {
	e.Regeling, e.WswCategorie = domain.Wsw, domain.Matig
	if chance(g.rng, ernstigShare) {
		e.WswCategorie = domain.Ernstig
	}
	e.BirthDate = g.wswBirth()
	start := nextFirst(e.BirthDate.AddMonths(draw(g.rng, wswStartAges).pick(g), g.rng.IntN(12)))
	if start > wswLastStart {
		start = g.randomMonth(max(nextFirst(e.BirthDate.AddMonths(18, 0)), wswFirstStart), wswLastStart)
	}
	e.ContractStart = start
}

// wswBirth draws a birth date by the Wsw age profile; a few people reach their AOW date around the
// planning range, so the AOW rule shows.
func (g *generator) wswBirth() domain.Date {
	var birth domain.Date
	if chance(g.rng, nearAOWShare) {
		aow := g.opts.Start.AddDays(between(g.rng, -30, int(g.last-g.opts.Start)+60))
		age := domain.AOWTable{}.AgeInYear(aow.Year())
		birth = aow.AddMonths(-age.Years, -age.Months)
	} else {
		birth = g.birthAt(draw(g.rng, wswAges).pick(g))
	}
	if birth > wswLatestBirth {
		birth = wswLatestBirth.AddDays(-g.rng.IntN(3 * 365))
	}
	return birth
}

// birthAt returns a birth date of someone age years old on the start date.
func (g *generator) birthAt(age int) domain.Date {
	return g.opts.Start.AddMonths(-age, 0).AddDays(-g.rng.IntN(365))
}

func (g *generator) beschutContract(e *domain.Employee) {
	e.Regeling = domain.Beschut
	e.BirthDate = g.birthAt(draw(g.rng, beschutAges).pick(g))
	e.ContractStart = g.beschutStart(e.BirthDate)
	if chance(g.rng, temporaryShare) {
		end := max(e.ContractStart, g.opts.Start.AddDays(g.rng.IntN(int(g.last-g.opts.Start)+120)))
		e.ContractEnd = &end
	}
}

// beschutStart draws the start of a beschut werk contract: from 2016 on, more each year as the
// provision grows, and now and then during the planning range.
func (g *generator) beschutStart(birth domain.Date) domain.Date {
	if chance(g.rng, newEntrantShare) {
		return g.dates[g.rng.IntN(len(g.dates))]
	}
	var years []weighted[int]
	for y := beschutFirstYear; y <= max(beschutFirstYear, g.opts.Start.Year()); y++ {
		years = append(years, weighted[int]{y, float64(y - beschutFirstYear + 1)})
	}
	y := draw(g.rng, years)
	start := g.randomMonth(domain.NewDate(y, time.January, 1), min(domain.NewDate(y, time.December, 1), g.opts.Start))
	return max(start, nextFirst(birth.AddMonths(18, 0)))
}

// nextFirst returns the first day of a month on or after d.
func nextFirst(d domain.Date) domain.Date {
	y, m, day := d.Civil()
	if day == 1 {
		return d
	}
	return domain.NewDate(y, m+1, 1)
}

// randomMonth returns the first day of a random month from the month of from to the month of to.
func (g *generator) randomMonth(from, to domain.Date) domain.Date {
	fy, fm, _ := from.Civil()
	ty, tm, _ := to.Civil()
	months := max(0, (ty-fy)*12+int(tm-fm))
	return domain.NewDate(fy, fm+time.Month(g.rng.IntN(months+1)), 1)
}

// workingTime sets the contract hours, the number of workdays and a maxHoursPerDay where it applies.
// Full shifts are 7 worked hours and short ones 5.5, so days × shift hours stay within the week (H7).
func (g *generator) workingTime(p *person) {
	table := wswHours
	if p.e.Regeling == domain.Beschut {
		table = beschutHours
	}
	h := draw(g.rng, table)
	p.e.ContractHours = h
	short := false
	switch {
	case h >= 36:
		p.days = 5
	case h >= 28:
		p.days = 4
	case h >= 24:
		p.days = 3
		if chance(g.rng, 0.2) {
			p.days, short = 4, true
		}
	case h >= 20:
		p.days, short = 3, true
	default:
		p.days = 2
	}
	switch {
	case short:
		p.e.MaxHoursPerDay = ptr(6.0)
	case p.ageEnd >= 60 && chance(g.rng, 0.15):
		p.e.MaxHoursPerDay = ptr(7.5) // CAO SW: from 60 on request at most 7.5 hours a day
	}
}

func ptr[T any](v T) *T { return &v }

// restrict gives about 30 % of the Wsw (35 % of beschut werk) one or two work-condition restrictions.
func (g *generator) restrict(p *person) {
	rate := 0.30
	if p.e.Regeling == domain.Beschut {
		rate = 0.35
	}
	if !chance(g.rng, rate) {
		return
	}
	for range draw(g.rng, restrictCount) {
		if t := draw(g.rng, restrictionTags); !slices.Contains(p.e.Restrictions, t) {
			p.e.Restrictions = append(p.e.Restrictions, t)
		}
	}
	p.restrictions = maskOf(p.e.Restrictions)
}

// timePreferences sets the occasional earliest start (aangepast vervoer), latest end and, for some of
// those 55 and over, the consent to work outside the CAO SW senior limits.
func (g *generator) timePreferences(p *person) {
	if chance(g.rng, 0.04) {
		p.e.EarliestStart = ptr(draw(g.rng, []weighted[domain.Clock]{{clock(8, 30), 6}, {clock(9, 0), 4}}))
	}
	if chance(g.rng, 0.04) {
		p.e.LatestEnd = ptr(draw(g.rng, []weighted[domain.Clock]{{clock(15, 30), 5}, {clock(16, 0), 5}}))
	}
	p.e.SeniorConsent = p.ageEnd >= 55 && chance(g.rng, seniorConsentShare)
}

// fitsTimes reports whether e may work a shift of slot s at the given age on a weekend day or not (H6).
func fitsTimes(e *domain.Employee, s slot, age int, weekend bool) bool {
	switch {
	case e.EarliestStart != nil && s.start < *e.EarliestStart,
		e.LatestEnd != nil && s.end > *e.LatestEnd,
		e.MaxHoursPerDay != nil && s.worked() > *e.MaxHoursPerDay,
		s.worked() > 12, age < 18 && s.worked() > 9:
		return false
	}
	senior := age >= 55 && !e.SeniorConsent
	return !senior || (s.start >= clock(8, 0) && s.end <= clock(18, 0) && !weekend)
}

// canWorkAt reports whether p suits workplace s as a home: no restricted condition, times that fit,
// and not hoog begeleiding where the work must be done fairly independently.
func (g *generator) canWorkAt(p *person, s *site) bool {
	return p.restrictions&s.conditions == 0 &&
		!(s.independent && p.e.Begeleiding == domain.BegeleidingHoog) &&
		fitsTimes(&p.e, s.slot, p.ageEnd, false)
}

// assignHomes gives most people a home workplace that suits them, filling each workplace towards its
// share of the region, with a preference for workplaces in their own gemeente. The rest form the
// flexpool.
func (g *generator) assignHomes(people []*person) {
	total := 0.0
	for _, s := range g.sites {
		total += s.size
	}
	homed := float64(len(people)) * (1 - flexpoolShare)
	assigned := make([]float64, len(g.sites))
	for _, s := range g.sites {
		s.target = s.size / total * homed
	}
	weights := make([]float64, len(g.sites))
	for _, p := range people {
		if chance(g.rng, flexpoolShare) {
			continue
		}
		sum := 0.0
		for i, s := range g.sites {
			weights[i] = 0
			if g.canWorkAt(p, s) {
				weights[i] = max(s.target-assigned[i], 0.05*s.target)
				if s.gemeente == p.e.Gemeente {
					weights[i] *= 2
				}
			}
			sum += weights[i]
		}
		if sum > 0 {
			p.home = drawIndex(g.rng, len(weights), func(i int) float64 { return weights[i] })
			assigned[p.home]++
		}
	}
}

// finish sets what depends on the home workplace: workdays, skills and the name.
func (g *generator) finish(p *person) {
	if p.home >= 0 {
		p.e.HomeWorkplace = g.sites[p.home].wp.ID
		p.e.Skills = append(p.e.Skills, g.sites[p.home].wp.Skills...)
	}
	p.e.Workdays = g.workdays(p)
	g.addSkills(p)
	p.e.Name = g.name(p.e.BirthDate.Year(), chance(g.rng, 0.4))
}

// workdays picks p.days workdays; some who work at a shop that opens on Saturday work di–za.
func (g *generator) workdays(p *person) []domain.Weekday {
	var wds []domain.Weekday
	switch p.days {
	case 5:
		wds = slices.Clone(maVr)
	case 4:
		off := draw(g.rng, dayOff)
		wds = slices.DeleteFunc(slices.Clone(maVr), func(d domain.Weekday) bool { return d == off })
	case 3:
		wds = slices.Clone(draw(g.rng, threeDays))
	default:
		wds = slices.Clone(draw(g.rng, twoDays))
	}
	if p.home >= 0 && g.sites[p.home].saturday && !p.senior() && chance(g.rng, 0.45) {
		wds = append(wds[1:], domain.Zaterdag)
	}
	return wds
}

// addSkills adds skills beyond the home workplace's (people are trained for more than one kind of
// work), weighted by how much work asks for them, and now and then a heftruck certificate.
func (g *generator) addSkills(p *person) {
	n := draw(g.rng, extraSkills)
	if p.home < 0 {
		n = between(g.rng, 1, 2)
	}
	for range n {
		if len(g.skillPool) == 0 {
			break
		}
		if sk := draw(g.rng, g.skillPool); !slices.Contains(p.e.Skills, sk) {
			p.e.Skills = append(p.e.Skills, sk)
		}
	}
	if p.e.Begeleiding != domain.BegeleidingHoog && p.ageEnd < 60 && !slices.Contains(p.e.Skills, "heftruck") && chance(g.rng, 0.05) {
		p.e.Skills = append(p.e.Skills, "heftruck")
	}
}

package quota

import (
	"fmt"
	"slices"
	"strings"

	"ploeg/domain"
)

// Status says how a gemeente stands against its beschut werk taakstelling.
type Status string

// The statuses. Compliance is judged on 31 December (the regelingen set the number "ultimo
// <jaar>"); before then the projection to year end tells whether it is within reach.
const (
	// Gehaald: the number realised at the peildatum reaches the taakstelling.
	Gehaald Status = "gehaald"
	// OpKoers: not reached at the peildatum, but the projection to 31 December reaches it.
	OpKoers Status = "op koers"
	// Achter: neither the peildatum nor the projection reaches it.
	Achter Status = "achter"
	// GeenTaakstelling: the dataset has no taakstelling for this gemeente and year.
	GeenTaakstelling Status = "geen taakstelling"
)

// RegioCode is the code of the region total (the gemeenschappelijke regeling) in a report.
const RegioCode = "regio"

// Query says which quota report to make.
type Query struct {
	// Year is the calendar year.
	Year int
	// Peildatum is the date realisation is counted on; zero means 31 December of Year.
	Peildatum domain.Date
	// Gemeente limits the report to one gemeente (its CBS code); empty means every gemeente of the
	// dataset and the region total.
	Gemeente string
}

// Report is the quota report of one year: per gemeente the beschut werk taakstelling and the Wsw
// arbeidsjaren, and the region total.
type Report struct {
	Year          int         `json:"year"`
	Peildatum     domain.Date `json:"peildatum"`
	FullTimeHours float64     `json:"fullTimeHours"`
	// Gemeenten are in the order of the dataset.
	Gemeenten []GemeenteQuota `json:"gemeenten"`
	// Regio is the sum over the gemeenten (the GR); nil when the query named one gemeente.
	Regio *GemeenteQuota `json:"regio,omitempty"`
	// Warnings say in Dutch what the reader must know, e.g. gemeenten without a taakstelling.
	Warnings []string `json:"warnings"`
}

// GemeenteQuota holds one gemeente's figures (or the region's, with Code RegioCode).
type GemeenteQuota struct {
	Code    string  `json:"code"`
	Name    string  `json:"name"`
	Beschut Beschut `json:"beschut"`
	Wsw     Wsw     `json:"wsw"`
}

// Beschut is the beschut werk realisation against the taakstelling.
type Beschut struct {
	// Target is the taakstelling (dienstbetrekkingen ultimo the year); nil when there is none.
	Target *float64 `json:"target"`
	// Realised is the number of beschut werk dienstbetrekkingen at the peildatum.
	Realised int `json:"realised"`
	// Difference is Realised − Target; nil without a target.
	Difference *float64 `json:"difference"`
	// Percentage is Realised ÷ Target × 100 to one decimal; nil without a target or with target 0.
	Percentage *float64 `json:"percentage"`
	Status     Status   `json:"status"`
	// Projection is the number at 31 December from the contracts known now: Realised + Starts − Ends.
	Projection int `json:"projection"`
	// Starts counts those who count on 31 December but not at the peildatum (contracts starting in
	// the rest of the year); Ends those who count at the peildatum but not on 31 December (contracts
	// ending, AOW dates).
	Starts int `json:"starts"`
	Ends   int `json:"ends"`
	// MonthEnds is the count at every month end of the year up to the peildatum: the trend.
	MonthEnds []Count `json:"monthEnds"`
	// Note explains a missing target, in Dutch.
	Note string `json:"note,omitempty"`
}

// Count is a number of persons on a date.
type Count struct {
	Date  domain.Date `json:"date"`
	Count int         `json:"count"`
}

// Wsw is the Wsw group's arbeidsjaren and headcount in the year.
type Wsw struct {
	// Arbeidsjaren is the average of the twelve month-end counts, to hundredths (0.005 up).
	Arbeidsjaren float64 `json:"arbeidsjaren"`
	// Headcount is the number of persons with a Wsw dienstbetrekking at the peildatum.
	Headcount int `json:"headcount"`
	// Target is a Wsw taakstelling in arbeidsjaren, when the dataset has one for the year.
	Target *float64 `json:"target,omitempty"`
	// MonthEnds are the twelve month-end counts.
	MonthEnds []WswMonthEnd `json:"monthEnds"`
	// Provisional is true when the peildatum lies before 31 December: the month ends after it are
	// counted from the contracts known now.
	Provisional bool `json:"provisional"`
}

// WswMonthEnd is one month-end count of the Wsw.
type WswMonthEnd struct {
	Date      domain.Date `json:"date"`
	Headcount int         `json:"headcount"`
	// FullTime is Σ contract hours ÷ full-time hours (ernstig × 1.25) at this month end, to hundredths.
	FullTime float64 `json:"fullTime"`
}

// invalid returns an invalid-input error about one field of the query.
func invalid(field, format string, args ...any) error {
	msg := fmt.Sprintf(format, args...)
	return &domain.Error{Code: domain.CodeInvalid, Message: field + ": " + msg,
		Fields: []domain.FieldError{{Field: field, Rule: "range", Message: msg}}}
}

// gemeenteChoice lists the dataset's gemeenten for a message: GM0392 (Haarlem), ….
func gemeenteChoice(ds *domain.Dataset) string {
	names := make([]string, len(ds.Gemeenten))
	for i, g := range ds.Gemeenten {
		names[i] = gemeenteLabel(g)
	}
	return strings.Join(names, ", ")
}

func gemeenteLabel(g domain.Gemeente) string {
	if g.Name == "" {
		return g.Code
	}
	return g.Code + " (" + g.Name + ")"
}

// findGemeente returns the gemeente with code, or an invalid error naming the choices.
func findGemeente(ds *domain.Dataset, field, code string) (domain.Gemeente, error) {
	for _, g := range ds.Gemeenten {
		if g.Code == code {
			return g, nil
		}
	}
	if len(ds.Gemeenten) == 0 {
		return domain.Gemeente{}, invalid(field, "onbekende gemeente %q; de dataset heeft geen gemeenten", code)
	}
	return domain.Gemeente{}, invalid(field, "onbekende gemeente %q; kies uit %s", code, gemeenteChoice(ds))
}

// targets indexes the taakstellingen of a regeling by gemeente and year.
func targets(ds *domain.Dataset, r domain.Regeling) map[string]map[int]float64 {
	m := map[string]map[int]float64{}
	for _, t := range ds.Taakstellingen {
		if t.Regeling != r {
			continue
		}
		if m[t.Gemeente] == nil {
			m[t.Gemeente] = map[int]float64{}
		}
		m[t.Gemeente][t.Year] = t.Target
	}
	return m
}

// yearsOf describes the years of a gemeente's taakstellingen: "2016–2026", or "2019, 2021".
func yearsOf(byYear map[int]float64) string {
	years := make([]int, 0, len(byYear))
	for y := range byYear {
		years = append(years, y)
	}
	slices.Sort(years)
	if len(years) > 1 && years[len(years)-1]-years[0] == len(years)-1 {
		return fmt.Sprintf("%d–%d", years[0], years[len(years)-1])
	}
	parts := make([]string, len(years))
	for i, y := range years {
		parts[i] = fmt.Sprint(y)
	}
	return strings.Join(parts, ", ")
}

// noTarget says in Dutch that gemeente g has no beschut werk taakstelling in year.
func noTarget(g domain.Gemeente, year int, byYear map[int]float64) string {
	if len(byYear) == 0 {
		return fmt.Sprintf("%s heeft geen taakstelling beschut werk in de dataset", gemeenteLabel(g))
	}
	return fmt.Sprintf("%s heeft geen taakstelling beschut werk voor %d; de dataset heeft er voor %s", gemeenteLabel(g), year, yearsOf(byYear))
}

// CheckYear refuses a year outside the range a taakstelling may have.
func CheckYear(field string, year int) error {
	if year < 1998 || year > 2200 {
		return invalid(field, "%d is geen bruikbaar jaar; geef een jaar tussen 1998 en 2200", year)
	}
	return nil
}

// Quota makes the quota report that q asks for. The dataset must be valid. It refuses, with an
// invalid *domain.Error whose field names the query field, a year out of range, a peildatum outside
// the year, an unknown gemeente, and a single gemeente without a beschut werk taakstelling in the
// year. A region report marks gemeenten without a taakstelling and says so in Warnings.
func Quota(ds *domain.Dataset, q Query) (*Report, error) {
	return quota(ds, q, nil)
}

// quota is Quota on the people of ds when ps holds them already (nil: index them here).
func quota(ds *domain.Dataset, q Query, ps []person) (*Report, error) {
	if err := CheckYear("year", q.Year); err != nil {
		return nil, err
	}
	if q.Peildatum == 0 {
		q.Peildatum = yearEnd(q.Year)
	}
	if q.Peildatum.Year() != q.Year {
		return nil, invalid("peildatum", "%s ligt niet in %d; kies een datum in dat jaar (standaard 31 december)", q.Peildatum, q.Year)
	}
	beschutTargets := targets(ds, domain.Beschut)
	gemeenten := ds.Gemeenten
	if q.Gemeente != "" {
		g, err := findGemeente(ds, "gemeente", q.Gemeente)
		if err != nil {
			return nil, err
		}
		if _, ok := beschutTargets[g.Code][q.Year]; !ok {
			return nil, invalid("year", "%s; kies een ander jaar of voeg de taakstelling toe aan de dataset", noTarget(g, q.Year, beschutTargets[g.Code]))
		}
		gemeenten = []domain.Gemeente{g}
	}
	if ps == nil {
		var err error
		if ps, err = people(ds); err != nil {
			return nil, err
		}
	}
	r := &Report{Year: q.Year, Peildatum: q.Peildatum, FullTimeHours: ds.Organisation.FullTimeHours, Warnings: []string{}}
	index := make(map[string]int, len(gemeenten))
	for i, g := range gemeenten {
		index[g.Code] = i
		r.Gemeenten = append(r.Gemeenten, GemeenteQuota{Code: g.Code, Name: g.Name})
	}
	c := newCounter(q.Year, q.Peildatum, len(gemeenten))
	for i := range ps {
		c.add(&ps[i], index)
	}
	wswTargets := targets(ds, domain.Wsw)
	ft := centi(ds.Organisation.FullTimeHours) * weightUnit
	for i, g := range gemeenten {
		gq := &r.Gemeenten[i]
		gq.Beschut = c.beschut(i)
		if t, ok := beschutTargets[g.Code][q.Year]; ok {
			gq.Beschut.judge(t)
		} else {
			gq.Beschut.Status, gq.Beschut.Note = GeenTaakstelling, noTarget(g, q.Year, beschutTargets[g.Code])
			r.Warnings = append(r.Warnings, gq.Beschut.Note)
		}
		gq.Wsw = c.wsw(i, ft)
		if t, ok := wswTargets[g.Code][q.Year]; ok {
			gq.Wsw.Target = &t
		}
	}
	if q.Gemeente == "" {
		r.Regio = regio(r.Gemeenten)
	}
	return r, nil
}

// counter gathers the counts of one year per gemeente.
type counter struct {
	peil, end  domain.Date
	ends       [12]domain.Date
	months     int // month ends on or before the peildatum
	beschutAt  [][12]int
	realised   []int
	projection []int
	starts     []int
	stops      []int
	wswHeads   [][12]int
	wswUnits   [][12]int64
	wswPeil    []int
}

func newCounter(year int, peil domain.Date, n int) *counter {
	c := &counter{peil: peil, end: yearEnd(year), ends: monthEnds(year)}
	for c.months < 12 && c.ends[c.months] <= peil {
		c.months++
	}
	c.beschutAt, c.wswHeads, c.wswUnits = make([][12]int, n), make([][12]int, n), make([][12]int64, n)
	c.realised, c.projection, c.starts, c.stops, c.wswPeil = make([]int, n), make([]int, n), make([]int, n), make([]int, n), make([]int, n)
	return c
}

// add counts one person at every month end, the peildatum and 31 December.
func (c *counter) add(p *person, index map[string]int) {
	if p.last < p.e.ContractStart || p.e.ContractStart > c.end || p.last < c.ends[0] && p.last < c.peil {
		return // never counts this year
	}
	switch p.e.Regeling {
	case domain.Beschut:
		g, ok := index[p.placement()]
		if !ok {
			return
		}
		for m, d := range c.ends {
			if p.counts(d) {
				c.beschutAt[g][m]++
			}
		}
		atPeil, atEnd := p.counts(c.peil), p.counts(c.end)
		switch {
		case atPeil && atEnd:
			c.realised[g]++
			c.projection[g]++
		case atPeil:
			c.realised[g]++
			c.stops[g]++
		case atEnd:
			c.projection[g]++
			c.starts[g]++
		}
	case domain.Wsw:
		for m, d := range c.ends {
			if !p.counts(d) {
				continue
			}
			if g, ok := index[p.e.GemeenteOn(d)]; ok {
				c.wswHeads[g][m]++
				c.wswUnits[g][m] += p.units(d)
			}
		}
		if p.counts(c.peil) {
			if g, ok := index[p.e.GemeenteOn(c.peil)]; ok {
				c.wswPeil[g]++
			}
		}
	}
}

func (c *counter) beschut(g int) Beschut {
	b := Beschut{Realised: c.realised[g], Projection: c.projection[g], Starts: c.starts[g], Ends: c.stops[g], MonthEnds: []Count{}}
	for m := range c.months {
		b.MonthEnds = append(b.MonthEnds, Count{Date: c.ends[m], Count: c.beschutAt[g][m]})
	}
	return b
}

// wsw returns the Wsw figures of gemeente g; ft is the full-time hours in hundredths × weightUnit.
func (c *counter) wsw(g int, ft int64) Wsw {
	w := Wsw{Headcount: c.wswPeil[g], Provisional: c.peil < c.end, MonthEnds: make([]WswMonthEnd, 12)}
	var total int64
	for m, d := range c.ends {
		total += c.wswUnits[g][m]
		w.MonthEnds[m] = WswMonthEnd{Date: d, Headcount: c.wswHeads[g][m], FullTime: float64(divHalfUp(c.wswUnits[g][m]*100, ft)) / 100}
	}
	// Σ over the month ends of (hours × weight) ÷ full time, ÷ 12, in hundredths, 0.005 up.
	w.Arbeidsjaren = float64(divHalfUp(total*100, ft*12)) / 100
	return w
}

// judge sets the comparison with target t.
func (b *Beschut) judge(t float64) {
	diff := float64(b.Realised) - t
	b.Target, b.Difference = &t, &diff
	if t > 0 {
		pct := RoundHalfUp(float64(b.Realised)/t*100, 1)
		b.Percentage = &pct
	}
	switch {
	case float64(b.Realised) >= t:
		b.Status = Gehaald
	case float64(b.Projection) >= t:
		b.Status = OpKoers
	default:
		b.Status = Achter
	}
}

// regio sums the gemeenten. Its arbeidsjaren are the sum of the gemeenten's rounded figures, so the
// total column adds up. Its target is the sum of theirs only when every gemeente has one.
func regio(gs []GemeenteQuota) *GemeenteQuota {
	r := &GemeenteQuota{Code: RegioCode, Name: "Regio (alle gemeenten)"}
	b, w := &r.Beschut, &r.Wsw
	b.MonthEnds, w.MonthEnds = []Count{}, []WswMonthEnd{}
	var target float64
	var missing []string
	var arbeidsjaren int64
	fullTime := make([]int64, 12)
	for i, g := range gs {
		b.Realised += g.Beschut.Realised
		b.Projection += g.Beschut.Projection
		b.Starts += g.Beschut.Starts
		b.Ends += g.Beschut.Ends
		if g.Beschut.Target != nil {
			target += *g.Beschut.Target
		} else {
			missing = append(missing, g.Code)
		}
		for m, c := range g.Beschut.MonthEnds {
			if i == 0 {
				b.MonthEnds = append(b.MonthEnds, Count{Date: c.Date})
			}
			b.MonthEnds[m].Count += c.Count
		}
		arbeidsjaren += centi(g.Wsw.Arbeidsjaren)
		w.Headcount += g.Wsw.Headcount
		w.Provisional = g.Wsw.Provisional
		for m, me := range g.Wsw.MonthEnds {
			if i == 0 {
				w.MonthEnds = append(w.MonthEnds, WswMonthEnd{Date: me.Date})
			}
			w.MonthEnds[m].Headcount += me.Headcount
			fullTime[m] += centi(me.FullTime)
		}
	}
	w.Arbeidsjaren = float64(arbeidsjaren) / 100
	for m := range w.MonthEnds {
		w.MonthEnds[m].FullTime = float64(fullTime[m]) / 100
	}
	switch {
	case len(gs) == 0:
		b.Status = GeenTaakstelling
	case len(missing) > 0:
		b.Status = GeenTaakstelling
		b.Note = "geen regiototaal van de taakstelling: die ontbreekt voor " + strings.Join(missing, ", ")
	default:
		b.judge(target)
	}
	return r
}

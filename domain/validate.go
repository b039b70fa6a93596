package domain

import (
	"fmt"
	"regexp"
	"strings"
	"time"
	"unicode"
)

var gemeenteCode = regexp.MustCompile(`^GM[0-9]{4}$`)

// maxIDLength bounds identifiers so they stay usable in URLs, file names and keys.
const maxIDLength = 100

func checkID(p *Problems, field, id string) {
	switch {
	case id == "":
		p.Add(field, "required", "ontbreekt; geef een unieke code, bijvoorbeeld \"e0001\"")
	case len(id) > maxIDLength:
		p.Add(field, "format", "is %d tekens lang; een code heeft er hoogstens %d", len(id), maxIDLength)
	case strings.ContainsFunc(id, func(r rune) bool { return unicode.IsSpace(r) || unicode.IsControl(r) || r == '/' }):
		p.Add(field, "format", "%q bevat een spatie, schuine streep of stuurteken; gebruik letters, cijfers, - of _", id)
	}
}

func checkGemeenteCode(p *Problems, field, code string) {
	if !gemeenteCode.MatchString(code) {
		p.Add(field, "format", "%q is geen CBS-gemeentecode; die heeft de vorm GM gevolgd door vier cijfers, bijvoorbeeld GM0392", code)
	}
}

func checkTags(p *Problems, field string, tags []string) {
	seen := make(map[string]bool, len(tags))
	for i, t := range tags {
		f := fmt.Sprintf("%s[%d]", field, i)
		switch {
		case strings.TrimSpace(t) == "":
			p.Add(f, "required", "is leeg; laat lege waarden weg")
		case seen[t]:
			p.Add(f, "duplicate", "%q staat er twee keer in; noem elke waarde één keer", t)
		}
		seen[t] = true
	}
}

func checkWorkdays(p *Problems, field string, days []Weekday) {
	seen := Weekdays(0)
	for i, d := range days {
		if seen.Has(d) {
			p.Add(fmt.Sprintf("%s[%d]", field, i), "duplicate", "%q staat er twee keer in", d)
		}
		seen |= 1 << d
	}
}

func oneOf[T ~string](p *Problems, field string, v T, allowed ...T) {
	for _, a := range allowed {
		if v == a {
			return
		}
	}
	names := make([]string, len(allowed))
	for i, a := range allowed {
		names[i] = string(a)
	}
	if v == "" {
		p.Add(field, "required", "ontbreekt; kies uit %s", strings.Join(names, ", "))
		return
	}
	p.Add(field, "enum", "%q is geen geldige waarde; kies uit %s", v, strings.Join(names, ", "))
}

// Validate checks the organisation's settings.
func (o Organisation) Validate() error {
	var p Problems
	o.validate(&p)
	return p.Err("ongeldige organisatie-instellingen")
}

func (o Organisation) validate(p *Problems) {
	if o.FullTimeHours <= 0 || o.FullTimeHours > 60 {
		p.Add("fullTimeHours", "range", "%g uur is geen voltijdse werkweek; geef een getal groter dan 0 en hoogstens 60 (meestal 36)", o.FullTimeHours)
	}
	for _, w := range []struct {
		name string
		v    float64
	}{{"laag", o.BegeleidingWeights.Laag}, {"midden", o.BegeleidingWeights.Midden}, {"hoog", o.BegeleidingWeights.Hoog}} {
		if w.v <= 0 {
			p.Add("begeleidingWeights."+w.name, "range", "moet groter dan 0 zijn, nu %g", w.v)
		}
	}
	for _, w := range []struct {
		name string
		v    float64
	}{{"understaffed", o.Weights.Understaffed}, {"idle", o.Weights.Idle}, {"continuity", o.Weights.Continuity}} {
		if w.v < 0 {
			p.Add("weights."+w.name, "range", "mag niet negatief zijn, nu %g", w.v)
		}
	}
	for i, a := range o.AOWAges {
		if a.Years < 60 || a.Years > 80 || a.Months < 0 || a.Months > 11 || a.FromYear < 2000 {
			p.Add(fmt.Sprintf("aowAges[%d]", i), "range", "jaar %d, %d jaar en %d maanden is geen geldige AOW-leeftijd", a.FromYear, a.Years, a.Months)
		}
	}
	if _, err := NewAOWTable(o.AOWAges); err != nil {
		p.Add("aowAges", "rule", "%s", err)
	}
}

// Validate checks the gemeente on its own.
func (g Gemeente) Validate() error {
	var p Problems
	checkGemeenteCode(&p, "code", g.Code)
	return p.Err("ongeldige gemeente")
}

// Validate checks the workplace on its own (references are checked with the dataset).
func (w Workplace) Validate() error {
	var p Problems
	checkID(&p, "id", w.ID)
	oneOf(&p, "kind", w.Kind, Bedrijfsactiviteit, Uitbesteed, Detachering)
	if strings.TrimSpace(w.Location) == "" {
		p.Add("location", "required", "ontbreekt; noem de locatie, bijvoorbeeld \"Cruquius\"")
	}
	checkTags(&p, "skills", w.Skills)
	checkTags(&p, "conditions", w.Conditions)
	return p.Err("ongeldige werkplek")
}

// Validate checks the werkleider on their own.
func (w Werkleider) Validate() error {
	var p Problems
	checkID(&p, "id", w.ID)
	checkTags(&p, "workplaces", w.Workplaces)
	checkWorkdays(&p, "workdays", w.Workdays)
	if w.Capacity <= 0 {
		p.Add("capacity", "range", "moet groter dan 0 zijn, nu %g", w.Capacity)
	}
	return p.Err("ongeldige werkleider")
}

// Validate checks the employee on their own (references are checked with the dataset).
func (e Employee) Validate() error {
	var p Problems
	checkID(&p, "id", e.ID)
	checkGemeenteCode(&p, "gemeente", e.Gemeente)
	oneOf(&p, "regeling", e.Regeling, Wsw, Beschut)
	switch e.Regeling {
	case Wsw:
		oneOf(&p, "wswCategorie", e.WswCategorie, Matig, Ernstig)
	case Beschut:
		if e.WswCategorie != "" {
			p.Add("wswCategorie", "rule", "hoort alleen bij regeling wsw; laat het weg voor beschut werk")
		}
	}
	if e.ContractHours <= 0 || e.ContractHours > 60 {
		p.Add("contractHours", "range", "%g uur per week kan niet; geef een getal groter dan 0 en hoogstens 60", e.ContractHours)
	}
	if e.BirthDate >= e.ContractStart {
		p.Add("birthDate", "range", "%s ligt niet vóór het begin van het contract (%s)", e.BirthDate, e.ContractStart)
	}
	if e.ContractEnd != nil && *e.ContractEnd < e.ContractStart {
		p.Add("contractEnd", "range", "%s ligt vóór het begin van het contract (%s)", *e.ContractEnd, e.ContractStart)
	}
	checkWorkdays(&p, "workdays", e.Workdays)
	checkTags(&p, "skills", e.Skills)
	checkTags(&p, "restrictions", e.Restrictions)
	oneOf(&p, "begeleiding", e.Begeleiding, BegeleidingLaag, BegeleidingMidden, BegeleidingHoog)
	if e.EarliestStart != nil && e.LatestEnd != nil && *e.LatestEnd <= *e.EarliestStart {
		p.Add("latestEnd", "range", "%s ligt niet na earliestStart %s", *e.LatestEnd, *e.EarliestStart)
	}
	if e.MaxHoursPerDay != nil && (*e.MaxHoursPerDay <= 0 || *e.MaxHoursPerDay > 12) {
		p.Add("maxHoursPerDay", "range", "%g uur kan niet; geef een getal groter dan 0 en hoogstens 12 (Arbeidstijdenwet)", *e.MaxHoursPerDay)
	}
	e.validateHistory(&p)
	return p.Err("ongeldige medewerker")
}

// Validate checks the shift on its own (references are checked with the dataset).
func (s Shift) Validate() error {
	var p Problems
	checkID(&p, "id", s.ID)
	if s.Workplace == "" {
		p.Add("workplace", "required", "ontbreekt; noem de werkplek van de dienst")
	}
	if s.Start == s.End {
		p.Add("end", "range", "is gelijk aan start (%s); een dienst die over middernacht loopt eindigt vóór de starttijd", s.Start)
	}
	if s.BreakMinutes < 0 {
		p.Add("breakMinutes", "range", "mag niet negatief zijn, nu %d", s.BreakMinutes)
	} else if s.Start != s.End && s.WorkedMinutes() <= 0 {
		// Real elapsed time: a night across the autumn clock change is an hour longer, in spring shorter.
		start, end := s.Interval()
		p.Add("breakMinutes", "range", "%d minuten pauze is niet korter dan de dienst zelf (%d minuten)", s.BreakMinutes, int(end.Sub(start).Minutes()))
	}
	if s.Min < 0 {
		p.Add("min", "range", "mag niet negatief zijn, nu %d", s.Min)
	}
	if s.Max < s.Min {
		p.Add("max", "range", "%d is kleiner dan min %d; max moet minstens min zijn", s.Max, s.Min)
	}
	if s.Priority < 1 {
		p.Add("priority", "range", "moet een geheel getal van minstens 1 zijn, nu %d", s.Priority)
	}
	return p.Err("ongeldige dienst")
}

// Validate checks the absence on its own.
func (a Absence) Validate() error {
	var p Problems
	if a.Person == "" {
		p.Add("person", "required", "ontbreekt; noem de medewerker of werkleider")
	}
	if a.To < a.From {
		p.Add("to", "range", "%s ligt vóór from %s", a.To, a.From)
	}
	oneOf(&p, "kind", a.Kind, Ziek, Verlof, Therapeutisch, Overig)
	return p.Err("ongeldige afwezigheid")
}

// Validate checks the pin on its own.
func (pn Pin) Validate() error {
	var p Problems
	if pn.Employee == "" {
		p.Add("employee", "required", "ontbreekt; noem de medewerker")
	}
	if pn.Shift == "" {
		p.Add("shift", "required", "ontbreekt; noem de dienst")
	}
	return p.Err("ongeldige vastgezette toewijzing")
}

// Validate checks the taakstelling on its own.
func (t Taakstelling) Validate() error {
	var p Problems
	checkGemeenteCode(&p, "gemeente", t.Gemeente)
	if t.Year < 1998 || t.Year > 2200 {
		p.Add("year", "range", "%d is geen geldig jaar", t.Year)
	}
	oneOf(&p, "regeling", t.Regeling, Beschut, Wsw)
	if t.Target < 0 {
		p.Add("target", "range", "mag niet negatief zijn, nu %g", t.Target)
	}
	return p.Err("ongeldige taakstelling")
}

// Validate checks every record and every reference between records, and returns all problems at
// once, each with its path (employees[17].gemeente).
func (ds *Dataset) Validate() error {
	var p Problems
	if ds.Version != DatasetVersion {
		p.Add("version", "enum", "versie %d wordt niet ondersteund; deze versie van Ploeg leest versie %d", ds.Version, DatasetVersion)
	}
	var op Problems
	ds.Organisation.validate(&op)
	p.AddAll("organisation", op.list)

	gemeenten := map[string]bool{}
	for i, g := range ds.Gemeenten {
		path := fmt.Sprintf("gemeenten[%d]", i)
		p.AddAll(path, FieldErrors(g.Validate()))
		if gemeenten[g.Code] {
			p.Add(path+".code", "duplicate", "gemeente %q staat er al eerder in", g.Code)
		}
		gemeenten[g.Code] = true
	}
	refGemeente := func(path, code string) {
		if gemeenteCode.MatchString(code) && !gemeenten[code] {
			p.Add(path, "reference", "onbekende gemeente %q; voeg hem toe aan gemeenten of gebruik een bestaande code", code)
		}
	}
	workplaces := map[string]bool{}
	for i, w := range ds.Workplaces {
		path := fmt.Sprintf("workplaces[%d]", i)
		p.AddAll(path, FieldErrors(w.Validate()))
		if workplaces[w.ID] {
			p.Add(path+".id", "duplicate", "werkplek %q staat er al eerder in", w.ID)
		}
		workplaces[w.ID] = true
	}
	refWorkplace := func(path, id string) {
		if id != "" && !workplaces[id] {
			p.Add(path, "reference", "onbekende werkplek %q; voeg hem toe aan workplaces of gebruik een bestaande id", id)
		}
	}
	people := map[string]string{} // id → "werkleider" or "medewerker"; ids are shared by both
	addPerson := func(path, id, what string) {
		if prev, ok := people[id]; ok {
			p.Add(path, "duplicate", "id %q is al gebruikt voor een %s; ids van medewerkers en werkleiders moeten uniek zijn", id, prev)
			return
		}
		people[id] = what
	}
	for i, w := range ds.Werkleiders {
		path := fmt.Sprintf("werkleiders[%d]", i)
		p.AddAll(path, FieldErrors(w.Validate()))
		addPerson(path+".id", w.ID, "werkleider")
		for j, wp := range w.Workplaces {
			refWorkplace(fmt.Sprintf("%s.workplaces[%d]", path, j), wp)
		}
	}
	employees := map[string]bool{}
	for i, e := range ds.Employees {
		path := fmt.Sprintf("employees[%d]", i)
		p.AddAll(path, FieldErrors(e.Validate()))
		addPerson(path+".id", e.ID, "medewerker")
		employees[e.ID] = true
		refGemeente(path+".gemeente", e.Gemeente)
		for j, h := range e.History {
			if h.Gemeente != "" {
				refGemeente(fmt.Sprintf("%s.history[%d].gemeente", path, j), h.Gemeente)
			}
		}
		refWorkplace(path+".homeWorkplace", e.HomeWorkplace)
	}
	shifts := map[string]bool{}
	for i, s := range ds.Shifts {
		path := fmt.Sprintf("shifts[%d]", i)
		p.AddAll(path, FieldErrors(s.Validate()))
		if shifts[s.ID] {
			p.Add(path+".id", "duplicate", "dienst %q staat er al eerder in", s.ID)
		}
		shifts[s.ID] = true
		refWorkplace(path+".workplace", s.Workplace)
	}
	absences := map[string]bool{}
	for i, a := range ds.Absences {
		path := fmt.Sprintf("absences[%d]", i)
		p.AddAll(path, FieldErrors(a.Validate()))
		if _, ok := people[a.Person]; a.Person != "" && !ok {
			p.Add(path+".person", "reference", "onbekende medewerker of werkleider %q", a.Person)
		}
		if absences[a.Key()] {
			p.Add(path, "duplicate", "%q heeft al een afwezigheid die op %s begint; voeg ze samen", a.Person, a.From)
		}
		absences[a.Key()] = true
	}
	pins := map[string]bool{}
	for i, pn := range ds.Pinned {
		path := fmt.Sprintf("pinned[%d]", i)
		p.AddAll(path, FieldErrors(pn.Validate()))
		if pn.Employee != "" && !employees[pn.Employee] {
			p.Add(path+".employee", "reference", "onbekende medewerker %q", pn.Employee)
		}
		if pn.Shift != "" && !shifts[pn.Shift] {
			p.Add(path+".shift", "reference", "onbekende dienst %q", pn.Shift)
		}
		if pins[pn.Key()] {
			p.Add(path, "duplicate", "%q staat al vast op dienst %q", pn.Employee, pn.Shift)
		}
		pins[pn.Key()] = true
	}
	targets := map[string]bool{}
	for i, t := range ds.Taakstellingen {
		path := fmt.Sprintf("taakstellingen[%d]", i)
		p.AddAll(path, FieldErrors(t.Validate()))
		refGemeente(path+".gemeente", t.Gemeente)
		if targets[t.Key()] {
			p.Add(path, "duplicate", "er is al een taakstelling %s voor %s in %d", t.Regeling, t.Gemeente, t.Year)
		}
		targets[t.Key()] = true
	}
	return p.Err("de dataset klopt niet")
}

// WallMinutes returns the shift's length on the wall clock in minutes (over midnight when End < Start),
// ignoring clock changes; see Dataset conventions for elapsed time.
func (s Shift) WallMinutes() int {
	d := s.End.Minutes() - s.Start.Minutes()
	if d <= 0 {
		d += 24 * 60
	}
	return d
}

// Interval returns when the shift starts and ends as instants in Europe/Amsterdam; a shift whose end
// is not after its start ends the next day.
func (s Shift) Interval() (start, end time.Time) {
	start = s.Date.In(Amsterdam, s.Start.Minutes())
	endDate := s.Date
	if s.End <= s.Start {
		endDate = s.Date.AddDays(1)
	}
	return start, endDate.In(Amsterdam, s.End.Minutes())
}

// WorkedMinutes returns the real elapsed time of the shift minus its break, so a night across a clock
// change is an hour shorter or longer.
func (s Shift) WorkedMinutes() int {
	start, end := s.Interval()
	return int(end.Sub(start)/time.Minute) - s.BreakMinutes
}

// WorkedHours returns WorkedMinutes in hours.
func (s Shift) WorkedHours() float64 { return float64(s.WorkedMinutes()) / 60 }

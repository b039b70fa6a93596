// Package scheduler makes plans: it assigns employees and werkleiders to shifts so that every hard rule
// of docs/DATASET.md holds and the objective is as low as it can get, explains what stays unfilled or
// idle, repairs plans after changes, and checks any plan from the definitions alone.
package scheduler

import (
	"fmt"
	"math"
	"slices"
	"strings"
	"time"

	"ploeg/domain"
)

// Violation is one broken hard rule.
type Violation struct {
	Rule       string      `json:"rule"` // H1 … H10
	Message    string      `json:"message"`
	Employee   string      `json:"employee,omitempty"`
	Werkleider string      `json:"werkleider,omitempty"`
	Shift      string      `json:"shift,omitempty"`
	Date       domain.Date `json:"date,omitempty"`
}

func (v Violation) String() string { return v.Rule + ": " + v.Message }

// Report is what Check finds: the violations (none for a valid plan) and the score.
type Report struct {
	Violations []Violation  `json:"violations"`
	Score      domain.Score `json:"score"`
}

// Valid reports whether the plan breaks no hard rule.
func (r Report) Valid() bool { return len(r.Violations) == 0 }

// eps absorbs floating-point noise when hours and weights are summed.
const eps = 1e-9

// Check re-checks plan p against dataset ds from the definitions in docs/DATASET.md alone and scores
// it. It shares no state with the planner, so it can judge the planner's work. The error is for a
// dataset that cannot be checked against (an invalid AOW table); broken rules are in the report.
func Check(ds *domain.Dataset, p *domain.Plan) (Report, error) {
	cal, err := domain.NewCalendar(ds)
	if err != nil {
		return Report{}, err
	}
	c := checker{ds: ds, p: p, cal: cal,
		emp: map[string]*domain.Employee{}, wl: map[string]*domain.Werkleider{},
		shift: map[string]*domain.Shift{}, wp: map[string]*domain.Workplace{}}
	for i := range ds.Employees {
		c.emp[ds.Employees[i].ID] = &ds.Employees[i]
	}
	for i := range ds.Werkleiders {
		c.wl[ds.Werkleiders[i].ID] = &ds.Werkleiders[i]
	}
	for i := range ds.Shifts {
		c.shift[ds.Shifts[i].ID] = &ds.Shifts[i]
	}
	for i := range ds.Workplaces {
		c.wp[ds.Workplaces[i].ID] = &ds.Workplaces[i]
	}
	if p.To < p.From {
		c.add(Violation{Rule: "H1", Message: fmt.Sprintf("het plan loopt van %s tot %s: het einde ligt vóór het begin", p.From, p.To)})
	}
	byShift := c.checkAssignments()
	c.checkSupervision(byShift)
	c.checkPins()
	return Report{Violations: c.out, Score: c.score(byShift)}, nil
}

type checker struct {
	ds    *domain.Dataset
	p     *domain.Plan
	cal   *domain.Calendar
	emp   map[string]*domain.Employee
	wl    map[string]*domain.Werkleider
	shift map[string]*domain.Shift
	wp    map[string]*domain.Workplace
	out   []Violation
}

func (c *checker) add(v Violation) { c.out = append(c.out, v) }

func (c *checker) inRange(d domain.Date) bool { return c.p.From <= d && d <= c.p.To }

// checkAssignments checks H1–H8 and returns the valid-looking assignments per shift (unknown ids and
// out-of-range shifts left out) for the checks and the score that follow.
func (c *checker) checkAssignments() map[string][]*domain.Employee {
	byShift := map[string][]*domain.Employee{}
	type work struct {
		shift      *domain.Shift
		start, end time.Time
	}
	perEmployee := map[string][]work{}
	seenDay := map[string]string{} // employee~date → shift
	for i, a := range c.p.Assignments {
		e, s := c.emp[a.Employee], c.shift[a.Shift]
		if e == nil || s == nil {
			c.add(Violation{Rule: "H1", Employee: a.Employee, Shift: a.Shift,
				Message: fmt.Sprintf("assignments[%d] noemt een onbekende medewerker of dienst (%q op %q)", i, a.Employee, a.Shift)})
			continue
		}
		if !c.inRange(s.Date) {
			c.add(Violation{Rule: "H1", Employee: e.ID, Shift: s.ID, Date: s.Date,
				Message: fmt.Sprintf("dienst %s valt op %s, buiten het plan (%s t/m %s)", s.ID, s.Date, c.p.From, c.p.To)})
			continue
		}
		key := e.ID + "~" + s.Date.String()
		if prev, ok := seenDay[key]; ok {
			c.add(Violation{Rule: "H1", Employee: e.ID, Shift: s.ID, Date: s.Date,
				Message: fmt.Sprintf("%s heeft op %s twee diensten: %s en %s", who(e), s.Date, prev, s.ID)})
			continue
		}
		seenDay[key] = s.ID
		byShift[s.ID] = append(byShift[s.ID], e)
		c.checkEligible(e, s)
		start, end := s.Interval()
		perEmployee[e.ID] = append(perEmployee[e.ID], work{s, start, end})
	}
	for id, ws := range perEmployee {
		e := c.emp[id]
		// H7: worked hours per ISO week.
		hours := map[int]float64{}
		first := map[int]domain.Date{} // the week's first shift date, which names the violation
		for _, w := range ws {
			wk := w.shift.Date.ISOWeekKey()
			hours[wk] += w.shift.WorkedHours()
			if d, ok := first[wk]; !ok || w.shift.Date < d {
				first[wk] = w.shift.Date
			}
		}
		for wk, h := range hours {
			if h > e.ContractHours+eps {
				c.add(Violation{Rule: "H7", Employee: id, Date: first[wk],
					Message: fmt.Sprintf("%s werkt in week %d-%02d %.2f uur, meer dan de %g contracturen", who(e), wk/100, wk%100, h, e.ContractHours)})
			}
		}
		// H8: 11 hours between the end of one shift and the start of the next.
		slices.SortFunc(ws, func(a, b work) int { return a.start.Compare(b.start) })
		for i := 1; i < len(ws); i++ {
			if rest := ws[i].start.Sub(ws[i-1].end); rest < 0 {
				c.add(Violation{Rule: "H8", Employee: id, Shift: ws[i].shift.ID, Date: ws[i].shift.Date,
					Message: fmt.Sprintf("%s heeft diensten die elkaar overlappen: %s en %s", who(e), ws[i-1].shift.ID, ws[i].shift.ID)})
			} else if rest < 11*time.Hour {
				c.add(Violation{Rule: "H8", Employee: id, Shift: ws[i].shift.ID, Date: ws[i].shift.Date,
					Message: fmt.Sprintf("%s heeft tussen %s en %s maar %s rust; minstens 11 uur is nodig", who(e), ws[i-1].shift.ID, ws[i].shift.ID, hm(rest))})
			}
		}
	}
	return byShift
}

// checkEligible checks H2–H6 for one assignment.
func (c *checker) checkEligible(e *domain.Employee, s *domain.Shift) {
	v := func(rule, format string, args ...any) {
		c.add(Violation{Rule: rule, Employee: e.ID, Shift: s.ID, Date: s.Date, Message: fmt.Sprintf(format, args...)})
	}
	if u := c.cal.EmployeeOn(e, s.Date); u != domain.Available {
		v("H2", "%s is op %s niet beschikbaar: %s", who(e), s.Date, u.Dutch())
	}
	wp := c.wp[s.Workplace]
	if wp == nil { // only an unvalidated dataset gets here
		v("H3", "dienst %s hoort bij een onbekende werkplek %q", s.ID, s.Workplace)
		return
	}
	for _, skill := range wp.Skills {
		if !slices.Contains(e.Skills, skill) {
			v("H3", "%s mist vaardigheid %s voor werkplek %s", who(e), skill, wp.ID)
		}
	}
	for _, r := range e.Restrictions {
		if slices.Contains(wp.Conditions, r) {
			v("H4", "%s mag niet werken onder %s, een omstandigheid van werkplek %s", who(e), r, wp.ID)
		}
	}
	endMin := s.End.Minutes()
	if s.End <= s.Start {
		endMin += 24 * 60 // ends the next day
	}
	if e.EarliestStart != nil && s.Start < *e.EarliestStart {
		v("H6", "dienst %s begint om %s, vóór %s van %s", s.ID, s.Start, *e.EarliestStart, who(e))
	}
	if e.LatestEnd != nil && endMin > e.LatestEnd.Minutes() {
		v("H6", "dienst %s eindigt om %s, na %s van %s", s.ID, s.End, *e.LatestEnd, who(e))
	}
	h := s.WorkedHours()
	if e.MaxHoursPerDay != nil && h > *e.MaxHoursPerDay+eps {
		v("H6", "dienst %s telt %.2f gewerkte uren, meer dan de %g per dag van %s", s.ID, h, *e.MaxHoursPerDay, who(e))
	}
	age := domain.AgeOn(e.BirthDate, s.Date)
	switch {
	case h > 12+eps:
		v("H6", "dienst %s telt %.2f gewerkte uren, meer dan 12 (Arbeidstijdenwet)", s.ID, h)
	case age < 18 && h > 9+eps:
		v("H6", "dienst %s telt %.2f gewerkte uren; %s is %d en mag hoogstens 9 uur werken", s.ID, h, who(e), age)
	}
	if age >= 55 && !e.SeniorConsent {
		if s.Start.Minutes() < 8*60 {
			v("H6", "%s is %d: geen dienst vóór 08:00 zonder instemming (CAO SW 4.5), maar %s begint om %s", who(e), age, s.ID, s.Start)
		}
		if endMin > 18*60 {
			v("H6", "%s is %d: geen dienst na 18:00 zonder instemming (CAO SW 4.5), maar %s eindigt om %s", who(e), age, s.ID, s.End)
		}
		if s.Date.Weekday().Weekend() {
			v("H6", "%s is %d: geen weekenddienst zonder instemming (CAO SW 4.5), maar %s valt op %s", who(e), age, s.ID, s.Date.Weekday())
		}
	}
}

// checkSupervision checks H9.
func (c *checker) checkSupervision(byShift map[string][]*domain.Employee) {
	leader := map[string]string{}   // shift → werkleider
	location := map[string]string{} // werkleider~date → location
	load := map[string]float64{}    // werkleider~date → summed begeleiding weight
	weights := c.ds.Organisation.BegeleidingWeights
	for i, sv := range c.p.Supervision {
		w, s := c.wl[sv.Werkleider], c.shift[sv.Shift]
		if w == nil || s == nil {
			c.add(Violation{Rule: "H9", Werkleider: sv.Werkleider, Shift: sv.Shift,
				Message: fmt.Sprintf("supervision[%d] noemt een onbekende werkleider of dienst (%q op %q)", i, sv.Werkleider, sv.Shift)})
			continue
		}
		v := func(format string, args ...any) {
			c.add(Violation{Rule: "H9", Werkleider: w.ID, Shift: s.ID, Date: s.Date, Message: fmt.Sprintf(format, args...)})
		}
		switch {
		case !c.inRange(s.Date):
			v("dienst %s valt buiten het plan", s.ID)
			continue
		case !c.wp[s.Workplace].Kind.NeedsWerkleider():
			v("dienst %s is een detachering: daar hoort geen werkleider bij", s.ID)
			continue
		case len(byShift[s.ID]) == 0:
			v("dienst %s heeft geen medewerkers en dus geen werkleider nodig", s.ID)
			continue
		}
		if prev, ok := leader[s.ID]; ok {
			v("dienst %s heeft twee werkleiders: %s en %s", s.ID, prev, w.ID)
			continue
		}
		leader[s.ID] = w.ID
		if !slices.Contains(w.Workplaces, s.Workplace) {
			v("%s is geen werkleider van werkplek %s", whoLeads(w), s.Workplace)
		}
		if u := c.cal.WerkleiderOn(w, s.Date); u != domain.Available {
			v("%s is op %s niet beschikbaar: %s", whoLeads(w), s.Date, u.Dutch())
		}
		key := w.ID + "~" + s.Date.String()
		loc := c.wp[s.Workplace].Location
		if prev, ok := location[key]; ok && prev != loc {
			v("%s leidt op %s diensten op twee locaties: %s en %s", whoLeads(w), s.Date, prev, loc)
		}
		location[key] = loc
		for _, e := range byShift[s.ID] {
			load[key] += weights.Of(e.Begeleiding)
		}
	}
	for key, l := range load {
		id, date, _ := strings.Cut(key, "~")
		if w := c.wl[id]; l > w.Capacity+eps {
			d, _ := domain.ParseDate(date)
			c.add(Violation{Rule: "H9", Werkleider: id, Date: d,
				Message: fmt.Sprintf("%s begeleidt op %s een gewicht van %g, meer dan de capaciteit %g", whoLeads(w), date, l, w.Capacity)})
		}
	}
	for id, emps := range byShift {
		s := c.shift[id]
		if len(emps) > s.Max {
			c.add(Violation{Rule: "H5", Shift: id, Date: s.Date,
				Message: fmt.Sprintf("dienst %s heeft %d medewerkers, meer dan het maximum %d", id, len(emps), s.Max)})
		}
		if _, ok := leader[id]; !ok && c.wp[s.Workplace].Kind.NeedsWerkleider() {
			c.add(Violation{Rule: "H9", Shift: id, Date: s.Date,
				Message: fmt.Sprintf("dienst %s heeft medewerkers maar geen werkleider", id)})
		}
	}
}

// checkPins checks H10 for the pins whose shift falls in the plan's range.
func (c *checker) checkPins() {
	have := map[domain.Assignment]bool{}
	for _, a := range c.p.Assignments {
		have[a] = true
	}
	for _, pin := range c.ds.Pinned {
		s := c.shift[pin.Shift]
		if s == nil || !c.inRange(s.Date) {
			continue
		}
		if !have[domain.Assignment{Employee: pin.Employee, Shift: pin.Shift}] {
			c.add(Violation{Rule: "H10", Employee: pin.Employee, Shift: pin.Shift, Date: s.Date,
				Message: fmt.Sprintf("vastgezette toewijzing van %s aan %s ontbreekt", pin.Employee, pin.Shift)})
		}
	}
}

// score computes the objective from its definitions.
func (c *checker) score(byShift map[string][]*domain.Employee) domain.Score {
	var sc domain.Score
	for i := range c.ds.Shifts {
		s := &c.ds.Shifts[i]
		if c.inRange(s.Date) {
			sc.Understaffed += s.Priority * max(0, s.Min-len(byShift[s.ID]))
		}
	}
	working := map[string]bool{}
	for id, emps := range byShift {
		s := c.shift[id]
		for _, e := range emps {
			working[e.ID+"~"+s.Date.String()] = true
			if e.HomeWorkplace != "" && e.HomeWorkplace != s.Workplace {
				sc.Continuity++
			}
		}
	}
	for i := range c.ds.Employees {
		e := &c.ds.Employees[i]
		for d := c.p.From; d <= c.p.To; d++ {
			if c.cal.EmployeeOn(e, d) == domain.Available && !working[e.ID+"~"+d.String()] {
				sc.Idle++
			}
		}
	}
	sc.Total = Total(c.ds.Organisation.Weights, sc.Understaffed, sc.Idle, sc.Continuity)
	return sc
}

// Total weighs the three parts of the objective, rounded to 1e-6 so equal plans score equal.
func Total(w domain.Weights, understaffed, idle, continuity int) float64 {
	t := w.Understaffed*float64(understaffed) + w.Idle*float64(idle) + w.Continuity*float64(continuity)
	return math.Round(t*1e6) / 1e6
}

// who names an employee for a message: "Jan Bakker (e0001)", or the id alone.
func who(e *domain.Employee) string { return named(e.Name, e.ID) }

// whoLeads names a werkleider the same way.
func whoLeads(w *domain.Werkleider) string { return named(w.Name, w.ID) }

func named(name, id string) string {
	if name == "" {
		return id
	}
	return name + " (" + id + ")"
}

func hm(d time.Duration) string {
	return fmt.Sprintf("%d:%02d uur", int(d.Hours()), int(d.Minutes())%60)
}

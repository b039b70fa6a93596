package reports

import (
	"fmt"
	"slices"
	"strings"

	"ploeg/domain"
)

// index looks up what a plan says about a person or a workplace on a date.
type index struct {
	ds          *domain.Dataset
	plan        *domain.Plan
	cal         *domain.Calendar
	employees   map[string]*domain.Employee
	shifts      map[string]*domain.Shift
	workplaces  map[string]*domain.Workplace
	werkleiders map[string]*domain.Werkleider
	gemeenten   map[string]*domain.Gemeente
	leader      map[string]*domain.Werkleider // by shift id
	work        map[personDay]*domain.Shift   // the plan's assignments
	members     map[string][]*domain.Employee // by shift id
	dates       []domain.Date                 // the plan's range
	sorted      []*domain.Employee            // every employee in name order
}

type personDay struct {
	person string
	date   domain.Date
}

// newIndex indexes ds and p. A plan that names an employee, shift or werkleider the dataset does not
// know belongs to another dataset: that is refused, since the printout would be wrong.
func newIndex(ds *domain.Dataset, p *domain.Plan) (*index, error) {
	if p.To < p.From {
		return nil, fmt.Errorf("het plan loopt van %s tot %s: het einde ligt vóór het begin", p.From, p.To)
	}
	if days := int(p.To-p.From) + 1; days > 366 {
		return nil, fmt.Errorf("het plan beslaat %d dagen; druk ten hoogste een jaar tegelijk af", days)
	}
	cal, err := domain.NewCalendar(ds)
	if err != nil {
		return nil, err
	}
	ix := &index{
		ds: ds, plan: p, cal: cal,
		employees:   make(map[string]*domain.Employee, len(ds.Employees)),
		shifts:      make(map[string]*domain.Shift, len(ds.Shifts)),
		workplaces:  make(map[string]*domain.Workplace, len(ds.Workplaces)),
		werkleiders: make(map[string]*domain.Werkleider, len(ds.Werkleiders)),
		gemeenten:   make(map[string]*domain.Gemeente, len(ds.Gemeenten)),
		leader:      make(map[string]*domain.Werkleider, len(p.Supervision)),
		work:        make(map[personDay]*domain.Shift, len(p.Assignments)),
		members:     map[string][]*domain.Employee{},
	}
	for i := range ds.Employees {
		ix.employees[ds.Employees[i].ID] = &ds.Employees[i]
	}
	for i := range ds.Shifts {
		ix.shifts[ds.Shifts[i].ID] = &ds.Shifts[i]
	}
	for i := range ds.Workplaces {
		ix.workplaces[ds.Workplaces[i].ID] = &ds.Workplaces[i]
	}
	for i := range ds.Werkleiders {
		ix.werkleiders[ds.Werkleiders[i].ID] = &ds.Werkleiders[i]
	}
	for i := range ds.Gemeenten {
		ix.gemeenten[ds.Gemeenten[i].Code] = &ds.Gemeenten[i]
	}
	const mismatch = "; gebruik het plan dat bij deze dataset hoort, of maak het plan opnieuw"
	for i, a := range p.Assignments {
		e, s := ix.employees[a.Employee], ix.shifts[a.Shift]
		switch {
		case e == nil:
			return nil, fmt.Errorf("plan assignments[%d]: medewerker %q staat niet in de dataset%s", i, a.Employee, mismatch)
		case s == nil:
			return nil, fmt.Errorf("plan assignments[%d]: dienst %q staat niet in de dataset%s", i, a.Shift, mismatch)
		case ix.workplaces[s.Workplace] == nil:
			return nil, fmt.Errorf("dienst %q: werkplek %q staat niet in de dataset", s.ID, s.Workplace)
		case s.Date < p.From || s.Date > p.To:
			continue // not part of the plan's range (DATASET.md): never printed
		}
		key := personDay{e.ID, s.Date}
		if other, dup := ix.work[key]; dup {
			return nil, fmt.Errorf("plan assignments[%d]: %s staat op %s twee keer ingepland (%s en %s); controleer het plan met ploeg check",
				i, e.Name, s.Date, other.ID, s.ID)
		}
		ix.work[key] = s
		ix.members[s.ID] = append(ix.members[s.ID], e)
	}
	for i, sv := range p.Supervision {
		w := ix.werkleiders[sv.Werkleider]
		if w == nil {
			return nil, fmt.Errorf("plan supervision[%d]: werkleider %q staat niet in de dataset%s", i, sv.Werkleider, mismatch)
		}
		ix.leader[sv.Shift] = w
	}
	for d := p.From; d <= p.To; d++ {
		ix.dates = append(ix.dates, d)
	}
	ix.sorted = sortedEmployees(ds.Employees)
	return ix, nil
}

// dayKind is what a person's day looks like on a roster.
type dayKind int

// The kinds of day, in the order a roster explains them.
const (
	dayWork         dayKind = iota // a shift
	dayOff                         // not one of the person's workdays
	dayAbsent                      // an absence
	dayUnplanned                   // available, but the plan gives no shift
	dayOutOfService                // before or after the contract, or past the AOW date
)

// day is one person's day in the plan.
type day struct {
	kind      dayKind
	shift     *domain.Shift
	workplace *domain.Workplace
	leader    *domain.Werkleider // nil at a detachering or when the plan names none
	absence   domain.AbsenceKind
}

// dayOf returns what the plan says about e on d. A shift in the plan wins over anything else the
// calendar says (the plan is what is printed; ploeg check reports a plan that breaks a rule).
func (ix *index) dayOf(e *domain.Employee, d domain.Date) day {
	if s := ix.work[personDay{e.ID, d}]; s != nil {
		return day{kind: dayWork, shift: s, workplace: ix.workplaces[s.Workplace], leader: ix.leader[s.ID]}
	}
	switch ix.cal.EmployeeOn(e, d) {
	case domain.BeforeContract, domain.AfterContract, domain.PastAOW:
		return day{kind: dayOutOfService}
	case domain.NotAWorkday:
		return day{kind: dayOff}
	case domain.Absent:
		a, _ := ix.cal.AbsenceOn(e.ID, d)
		return day{kind: dayAbsent, absence: a.Kind}
	}
	return day{kind: dayUnplanned}
}

// inService reports whether e has a contract and is below AOW age on some date of the plan.
func (ix *index) inService(e *domain.Employee, dates []domain.Date) bool {
	for _, d := range dates {
		if ix.dayOf(e, d).kind != dayOutOfService {
			return true
		}
	}
	return false
}

// sortedEmployees returns the employees by name (diacritics folded), then id.
func sortedEmployees(list []domain.Employee) []*domain.Employee {
	type keyed struct {
		key string
		e   *domain.Employee
	}
	ks := make([]keyed, len(list))
	for i := range list {
		ks[i] = keyed{sortKey(personName(list[i].Name, list[i].ID)), &list[i]}
	}
	slices.SortFunc(ks, func(a, b keyed) int {
		if c := strings.Compare(a.key, b.key); c != 0 {
			return c
		}
		return strings.Compare(a.e.ID, b.e.ID)
	})
	out := make([]*domain.Employee, len(ks))
	for i, k := range ks {
		out[i] = k.e
	}
	return out
}

// weeks splits the plan's dates into ISO weeks, in order.
func (ix *index) weeks() [][]domain.Date {
	var out [][]domain.Date
	for _, d := range ix.dates {
		if n := len(out); n > 0 && out[n-1][0].ISOWeekKey() == d.ISOWeekKey() {
			out[n-1] = append(out[n-1], d)
			continue
		}
		out = append(out, []domain.Date{d})
	}
	return out
}

// personName returns the name, or the id when the dataset has no name.
func personName(name, id string) string {
	if strings.TrimSpace(name) == "" {
		return id
	}
	return name
}

// workplaceName returns the workplace's name, or its id when it has none.
func workplaceName(w *domain.Workplace) string { return personName(w.Name, w.ID) }

// absenceWord returns the absence in plain Dutch.
func absenceWord(k domain.AbsenceKind) string {
	switch k {
	case domain.Ziek:
		return "ziek"
	case domain.Verlof:
		return "verlof"
	case domain.Therapeutisch:
		return "therapeutisch"
	}
	return "afwezig"
}

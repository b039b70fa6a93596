package domain

// Unavailability says why a person cannot work on a date; the zero value means available.
type Unavailability uint8

// The reasons, in the order they are checked.
const (
	Available      Unavailability = iota
	BeforeContract                // the contract has not started
	AfterContract                 // the contract has ended
	PastAOW                       // the AOW date has been reached: the indicatie lapses (Wsw art. 12)
	NotAWorkday                   // the weekday is not one of the person's workdays
	Absent                        // an absence covers the date
)

// Dutch returns a short explanation for a werkleider.
func (u Unavailability) Dutch() string {
	switch u {
	case Available:
		return "beschikbaar"
	case BeforeContract:
		return "contract nog niet begonnen"
	case AfterContract:
		return "contract afgelopen"
	case PastAOW:
		return "AOW-leeftijd bereikt"
	case NotAWorkday:
		return "geen werkdag"
	case Absent:
		return "afwezig"
	}
	return "onbekend"
}

// Calendar answers availability questions for one dataset: which people can work on which date.
// Build it once with NewCalendar; it is safe for concurrent reads.
type Calendar struct {
	aow      AOWTable
	absences map[string][]Absence // by person
	aowDates map[string]Date      // by employee
}

// NewCalendar indexes the dataset's absences and AOW dates.
func NewCalendar(ds *Dataset) (*Calendar, error) {
	t, err := NewAOWTable(ds.Organisation.AOWAges)
	if err != nil {
		return nil, Errorf(CodeInvalid, "organisation.aowAges: %s", err)
	}
	c := &Calendar{aow: t, absences: map[string][]Absence{}, aowDates: make(map[string]Date, len(ds.Employees))}
	for _, a := range ds.Absences {
		c.absences[a.Person] = append(c.absences[a.Person], a)
	}
	for _, e := range ds.Employees {
		c.aowDates[e.ID] = t.AOWDate(e.BirthDate)
	}
	return c, nil
}

// AOW returns the AOW table in force.
func (c *Calendar) AOW() AOWTable { return c.aow }

// AOWDate returns the employee's AOW date.
func (c *Calendar) AOWDate(e *Employee) Date {
	if d, ok := c.aowDates[e.ID]; ok {
		return d
	}
	return c.aow.AOWDate(e.BirthDate)
}

// AbsenceOn returns the absence of person on d, if any.
func (c *Calendar) AbsenceOn(person string, d Date) (Absence, bool) {
	for _, a := range c.absences[person] {
		if a.Covers(d) {
			return a, true
		}
	}
	return Absence{}, false
}

// EmployeeOn says whether employee e is available on d (DATASET.md: contract, workday, no absence,
// before the AOW date), and if not, why.
func (c *Calendar) EmployeeOn(e *Employee, d Date) Unavailability {
	switch {
	case d < e.ContractStart:
		return BeforeContract
	case e.ContractEnd != nil && d > *e.ContractEnd:
		return AfterContract
	case d >= c.AOWDate(e):
		return PastAOW
	case !WeekdaySet(e.Workdays).Has(d.Weekday()):
		return NotAWorkday
	}
	if _, absent := c.AbsenceOn(e.ID, d); absent {
		return Absent
	}
	return Available
}

// WerkleiderOn says whether werkleider w is available on d: a workday and not absent.
func (c *Calendar) WerkleiderOn(w *Werkleider, d Date) Unavailability {
	if !WeekdaySet(w.Workdays).Has(d.Weekday()) {
		return NotAWorkday
	}
	if _, absent := c.AbsenceOn(w.ID, d); absent {
		return Absent
	}
	return Available
}

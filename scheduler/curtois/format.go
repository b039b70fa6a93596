// Package curtois reads and writes the shift scheduling benchmark of Curtois and Qu (the format in
// shared/benchmarks/curtois/README.md) and evaluates a roster against an instance from the
// benchmark's definitions alone.
package curtois

import (
	"bufio"
	"fmt"
	"io"
	"strconv"
	"strings"
)

// Instance is one benchmark problem. Staff, shift types and days are indexed in file order.
type Instance struct {
	Horizon     int // days; day 0 is a Monday
	Shifts      []ShiftType
	Staff       []Staff
	DaysOff     [][]int   // [staff] days the person may not work
	OnRequests  []Request // the person wants to work Shift on Day
	OffRequests []Request // the person wants not to work Shift on Day
	Cover       []Cover

	shiftIx map[string]int
	staffIx map[string]int
}

// ShiftType is a kind of shift: its length and which shift types may not follow it the next day.
type ShiftType struct {
	ID           string
	Minutes      int
	CannotFollow []int // shift type indexes
}

// Staff is one employee with the limits of the benchmark's hard rules.
type Staff struct {
	ID              string
	MaxShifts       []int // [shift type] the most shifts of that type
	MaxTotalMinutes int
	MinTotalMinutes int
	MaxConsecutive  int // worked days in a row
	MinConsecutive  int // worked days in a row, unless the run touches the horizon's ends
	MinDaysOff      int // days off in a row, unless the run touches the horizon's ends
	MaxWeekends     int
}

// Request is a shift-on or shift-off request with the weight paid when it is not met.
type Request struct {
	Staff, Day, Shift int
	Weight            int
}

// Cover is the number of people wanted on a shift type on a day, with the weights per person short
// and per person too many.
type Cover struct {
	Day, Shift  int
	Requirement int
	Under, Over int
}

// ShiftIndex returns the index of shift type id, or -1.
func (in *Instance) ShiftIndex(id string) int {
	if i, ok := in.shiftIx[id]; ok {
		return i
	}
	return -1
}

// ParseError says where a file breaks the format and what was expected there.
type ParseError struct {
	Line int // 1-based; 0 when the problem is the file as a whole
	Msg  string
}

func (e *ParseError) Error() string {
	if e.Line == 0 {
		return e.Msg
	}
	return fmt.Sprintf("regel %d: %s", e.Line, e.Msg)
}

// The sections of the format, in the order a file gives them.
const (
	secHorizon = "SECTION_HORIZON"
	secShifts  = "SECTION_SHIFTS"
	secStaff   = "SECTION_STAFF"
	secDaysOff = "SECTION_DAYS_OFF"
	secOn      = "SECTION_SHIFT_ON_REQUESTS"
	secOff     = "SECTION_SHIFT_OFF_REQUESTS"
	secCover   = "SECTION_COVER"
)

// line is one data line of a section.
type line struct {
	no     int
	fields []string
}

// Parse reads an instance. A malformed file gives a *ParseError with the line number and what
// was expected there.
func Parse(r io.Reader) (*Instance, error) {
	sections := map[string][]line{}
	seen := map[string]int{}
	cur := ""
	sc := bufio.NewScanner(r)
	sc.Buffer(make([]byte, 1<<16), 1<<24)
	no := 0
	for sc.Scan() {
		no++
		text := strings.TrimSpace(strings.TrimPrefix(sc.Text(), "\ufeff"))
		if text == "" || strings.HasPrefix(text, "#") {
			continue
		}
		if strings.HasPrefix(text, "SECTION_") {
			switch text {
			case secHorizon, secShifts, secStaff, secDaysOff, secOn, secOff, secCover:
			default:
				return nil, &ParseError{no, fmt.Sprintf("onbekende sectie %q; verwacht een van %s, %s, %s, %s, %s, %s, %s",
					text, secHorizon, secShifts, secStaff, secDaysOff, secOn, secOff, secCover)}
			}
			if first, dup := seen[text]; dup {
				return nil, &ParseError{no, fmt.Sprintf("sectie %s staat er twee keer (eerst op regel %d)", text, first)}
			}
			seen[text] = no
			cur = text
			sections[cur] = []line{}
			continue
		}
		if cur == "" {
			return nil, &ParseError{no, fmt.Sprintf("gegevens vóór de eerste sectie: %q; begin met %s", text, secHorizon)}
		}
		sections[cur] = append(sections[cur], line{no, strings.Split(text, ",")})
	}
	if err := sc.Err(); err != nil {
		return nil, &ParseError{no + 1, "het bestand kan niet gelezen worden: " + err.Error()}
	}
	for _, s := range []string{secHorizon, secShifts, secStaff, secCover} {
		if _, ok := seen[s]; !ok {
			return nil, &ParseError{0, fmt.Sprintf("de sectie %s ontbreekt", s)}
		}
	}
	p := parser{in: &Instance{shiftIx: map[string]int{}, staffIx: map[string]int{}}, covered: map[[2]int]int{}}
	steps := []struct {
		name string
		fn   func(line) error
	}{
		{secHorizon, p.horizon}, {secShifts, p.shiftType}, {secStaff, p.staff}, {secDaysOff, p.daysOff},
		{secOn, p.request(&p.in.OnRequests)}, {secOff, p.request(&p.in.OffRequests)}, {secCover, p.cover},
	}
	for _, st := range steps {
		lines := sections[st.name]
		if st.name == secHorizon && len(lines) != 1 {
			return nil, &ParseError{seen[st.name], fmt.Sprintf("%s verwacht precies één regel met het aantal dagen, gevonden %d", secHorizon, len(lines))}
		}
		if st.name == secShifts {
			// Shift types may name later types in CannotFollow: index them all first.
			for _, l := range lines {
				id := strings.TrimSpace(l.fields[0])
				if id == "" {
					return nil, &ParseError{l.no, "een diensttype zonder ID"}
				}
				if _, dup := p.in.shiftIx[id]; dup {
					return nil, &ParseError{l.no, fmt.Sprintf("diensttype %q staat er twee keer", id)}
				}
				p.in.shiftIx[id] = len(p.in.shiftIx)
			}
		}
		for _, l := range lines {
			if err := st.fn(l); err != nil {
				return nil, err
			}
		}
	}
	if len(p.in.Shifts) == 0 {
		return nil, &ParseError{seen[secShifts], "er is geen enkel diensttype"}
	}
	return p.in, nil
}

type parser struct {
	in      *Instance
	covered map[[2]int]int // (day, shift) → line of its cover row
}

func (p *parser) want(l line, n int, what string) error {
	if len(l.fields) != n {
		return &ParseError{l.no, fmt.Sprintf("verwacht %d velden (%s), gevonden %d", n, what, len(l.fields))}
	}
	return nil
}

// num reads a whole number ≥ 0 from field i of l.
func (p *parser) num(l line, i int, what string) (int, error) {
	v, err := strconv.Atoi(strings.TrimSpace(l.fields[i]))
	if err != nil || v < 0 {
		return 0, &ParseError{l.no, fmt.Sprintf("%s: verwacht een geheel getal ≥ 0, gevonden %q", what, l.fields[i])}
	}
	return v, nil
}

func (p *parser) day(l line, i int) (int, error) {
	d, err := p.num(l, i, "dag")
	if err != nil {
		return 0, err
	}
	if d >= p.in.Horizon {
		return 0, &ParseError{l.no, fmt.Sprintf("dag %d ligt buiten de horizon van %d dagen (0 t/m %d)", d, p.in.Horizon, p.in.Horizon-1)}
	}
	return d, nil
}

func (p *parser) shiftRef(l line, i int) (int, error) {
	id := strings.TrimSpace(l.fields[i])
	s, ok := p.in.shiftIx[id]
	if !ok {
		return 0, &ParseError{l.no, fmt.Sprintf("onbekend diensttype %q; verwacht een ID uit %s", id, secShifts)}
	}
	return s, nil
}

func (p *parser) staffRef(l line, i int) (int, error) {
	id := strings.TrimSpace(l.fields[i])
	e, ok := p.in.staffIx[id]
	if !ok {
		return 0, &ParseError{l.no, fmt.Sprintf("onbekende medewerker %q; verwacht een ID uit %s", id, secStaff)}
	}
	return e, nil
}

func (p *parser) horizon(l line) error {
	if err := p.want(l, 1, "het aantal dagen"); err != nil {
		return err
	}
	h, err := p.num(l, 0, "horizon")
	if err != nil {
		return err
	}
	if h == 0 || h%7 != 0 {
		return &ParseError{l.no, fmt.Sprintf("de horizon moet een veelvoud van 7 dagen zijn (minstens 7), gevonden %d", h)}
	}
	p.in.Horizon = h
	return nil
}

func (p *parser) shiftType(l line) error {
	if err := p.want(l, 3, "ShiftID, LengthMins, CannotFollow"); err != nil {
		return err
	}
	mins, err := p.num(l, 1, "lengte in minuten")
	if err != nil {
		return err
	}
	st := ShiftType{ID: strings.TrimSpace(l.fields[0]), Minutes: mins}
	if cf := strings.TrimSpace(l.fields[2]); cf != "" {
		for _, id := range strings.Split(cf, "|") {
			s, ok := p.in.shiftIx[strings.TrimSpace(id)]
			if !ok {
				return &ParseError{l.no, fmt.Sprintf("CannotFollow noemt onbekend diensttype %q", id)}
			}
			st.CannotFollow = append(st.CannotFollow, s)
		}
	}
	p.in.Shifts = append(p.in.Shifts, st)
	return nil
}

func (p *parser) staff(l line) error {
	if err := p.want(l, 8, "ID, MaxShifts, MaxTotalMinutes, MinTotalMinutes, MaxConsecutiveShifts, MinConsecutiveShifts, MinConsecutiveDaysOff, MaxWeekends"); err != nil {
		return err
	}
	id := strings.TrimSpace(l.fields[0])
	if id == "" {
		return &ParseError{l.no, "een medewerker zonder ID"}
	}
	if _, dup := p.in.staffIx[id]; dup {
		return &ParseError{l.no, fmt.Sprintf("medewerker %q staat er twee keer", id)}
	}
	st := Staff{ID: id, MaxShifts: make([]int, len(p.in.Shifts))}
	for i := range st.MaxShifts {
		st.MaxShifts[i] = p.in.Horizon // a type the file leaves out is not limited
	}
	if ms := strings.TrimSpace(l.fields[1]); ms != "" {
		for _, part := range strings.Split(ms, "|") {
			k, v, ok := strings.Cut(part, "=")
			n, err := strconv.Atoi(strings.TrimSpace(v))
			if !ok || err != nil || n < 0 {
				return &ParseError{l.no, fmt.Sprintf("MaxShifts: verwacht SHIFT=aantal, gevonden %q", part)}
			}
			s, known := p.in.shiftIx[strings.TrimSpace(k)]
			if !known {
				return &ParseError{l.no, fmt.Sprintf("MaxShifts noemt onbekend diensttype %q", k)}
			}
			st.MaxShifts[s] = n
		}
	}
	fields := []*int{&st.MaxTotalMinutes, &st.MinTotalMinutes, &st.MaxConsecutive, &st.MinConsecutive, &st.MinDaysOff, &st.MaxWeekends}
	names := []string{"MaxTotalMinutes", "MinTotalMinutes", "MaxConsecutiveShifts", "MinConsecutiveShifts", "MinConsecutiveDaysOff", "MaxWeekends"}
	for i, f := range fields {
		v, err := p.num(l, 2+i, names[i])
		if err != nil {
			return err
		}
		*f = v
	}
	p.in.staffIx[id] = len(p.in.Staff)
	p.in.Staff = append(p.in.Staff, st)
	p.in.DaysOff = append(p.in.DaysOff, nil)
	return nil
}

func (p *parser) daysOff(l line) error {
	e, err := p.staffRef(l, 0)
	if err != nil {
		return err
	}
	for i := 1; i < len(l.fields); i++ {
		if strings.TrimSpace(l.fields[i]) == "" {
			continue
		}
		d, err := p.day(l, i)
		if err != nil {
			return err
		}
		p.in.DaysOff[e] = append(p.in.DaysOff[e], d)
	}
	return nil
}

func (p *parser) request(into *[]Request) func(line) error {
	return func(l line) error {
		if err := p.want(l, 4, "EmployeeID, Day, ShiftID, Weight"); err != nil {
			return err
		}
		e, err := p.staffRef(l, 0)
		if err != nil {
			return err
		}
		d, err := p.day(l, 1)
		if err != nil {
			return err
		}
		s, err := p.shiftRef(l, 2)
		if err != nil {
			return err
		}
		w, err := p.num(l, 3, "gewicht")
		if err != nil {
			return err
		}
		*into = append(*into, Request{Staff: e, Day: d, Shift: s, Weight: w})
		return nil
	}
}

func (p *parser) cover(l line) error {
	if err := p.want(l, 5, "Day, ShiftID, Requirement, WeightUnder, WeightOver"); err != nil {
		return err
	}
	d, err := p.day(l, 0)
	if err != nil {
		return err
	}
	s, err := p.shiftRef(l, 1)
	if err != nil {
		return err
	}
	if first, dup := p.covered[[2]int{d, s}]; dup {
		return &ParseError{l.no, fmt.Sprintf("dekking voor dag %d, dienst %s staat er al op regel %d; geef één regel per dag en diensttype", d, p.in.Shifts[s].ID, first)}
	}
	p.covered[[2]int{d, s}] = l.no
	c := Cover{Day: d, Shift: s}
	for i, f := range []*int{&c.Requirement, &c.Under, &c.Over} {
		v, err := p.num(l, 2+i, []string{"Requirement", "WeightUnder", "WeightOver"}[i])
		if err != nil {
			return err
		}
		*f = v
	}
	p.in.Cover = append(p.in.Cover, c)
	return nil
}

// Roster is a solution: per staff member and day the shift type index, or -1 for a day off.
type Roster [][]int

// NewRoster returns a roster of days off for in.
func NewRoster(in *Instance) Roster {
	r := make(Roster, len(in.Staff))
	for e := range r {
		r[e] = make([]int, in.Horizon)
		for d := range r[e] {
			r[e][d] = -1
		}
	}
	return r
}

// WriteRoster writes r in the benchmark's solution format: one line per staff member in file order,
// Horizon tab-separated cells holding a shift ID or nothing.
func WriteRoster(w io.Writer, in *Instance, r Roster) error {
	bw := bufio.NewWriter(w)
	for e := range in.Staff {
		for d := range in.Horizon {
			if d > 0 {
				bw.WriteByte('\t')
			}
			if s := r[e][d]; s >= 0 {
				bw.WriteString(in.Shifts[s].ID)
			}
		}
		bw.WriteByte('\n')
	}
	return bw.Flush()
}

// ReadRoster reads a roster in the solution format for in. Lines may lose their trailing empty
// cells; a line with too many cells or an unknown shift ID is an error with its line number.
func ReadRoster(rd io.Reader, in *Instance) (Roster, error) {
	r := NewRoster(in)
	sc := bufio.NewScanner(rd)
	sc.Buffer(make([]byte, 1<<16), 1<<24)
	e, no := 0, 0
	for sc.Scan() {
		no++
		text := strings.TrimRight(sc.Text(), "\r")
		if strings.TrimSpace(text) == "" && e >= len(in.Staff) {
			continue
		}
		if e >= len(in.Staff) {
			return nil, &ParseError{no, fmt.Sprintf("meer regels dan de %d medewerkers van de instantie", len(in.Staff))}
		}
		cells := strings.Split(text, "\t")
		if len(cells) > in.Horizon {
			return nil, &ParseError{no, fmt.Sprintf("medewerker %s: verwacht %d cellen (één per dag, gescheiden door tabs), gevonden %d", in.Staff[e].ID, in.Horizon, len(cells))}
		}
		for d, c := range cells {
			c = strings.TrimSpace(c)
			if c == "" {
				continue
			}
			s, ok := in.shiftIx[c]
			if !ok {
				return nil, &ParseError{no, fmt.Sprintf("medewerker %s, dag %d: onbekend diensttype %q", in.Staff[e].ID, d, c)}
			}
			r[e][d] = s
		}
		e++
	}
	if err := sc.Err(); err != nil {
		return nil, &ParseError{no + 1, "het rooster kan niet gelezen worden: " + err.Error()}
	}
	if e < len(in.Staff) {
		return nil, &ParseError{0, fmt.Sprintf("het rooster heeft %d regels; verwacht één per medewerker: %d", e, len(in.Staff))}
	}
	return r, nil
}

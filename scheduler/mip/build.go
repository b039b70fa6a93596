package mip

import (
	"errors"
	"fmt"
	"slices"

	"ploeg/domain"
	"ploeg/scheduler/gen"
)

// ErrBadPin is wrapped by the error for a pin that breaks a rule by itself or together with
// other pins.
var ErrBadPin = errors.New("mip: pinned assignment cannot be planned")

// builder collects the columns and rows of one model.
type builder struct {
	m        *Model
	ds       *domain.Dataset
	cal      *domain.Calendar
	from, to domain.Date
	wp       map[string]*domain.Workplace
	shifts   []int           // indices into ds.Shifts of the shifts dated from..to, by date
	cells    [][]cell        // per ds.Shifts index: its eligible employees
	work     [][]cell        // per ds.Employees index: their eligible shifts, by date
	xcol     map[[2]int]int  // (shift, employee) → x column
	conflict map[[2]int]bool // memo of gen.RestConflict per pair of shifts

	// For the greedy start: the columns of supervision, shortage and load.
	cands map[int][]int  // shift → candidate werkleiders
	ycol  map[[2]int]int // (shift, werkleider) → y column
	zcol  map[zKey]int   // z columns
	ucol  map[int]int    // shift → u column
	loads []loadCol      // L columns
	kcol  int            // the constant column
}

// zKey names z[w,d,loc].
type zKey struct {
	w    int
	date domain.Date
	loc  string
}

// loadCol is an L[w,s] column.
type loadCol struct{ col, w, shift int }

// cell is one eligible (shift, employee) pair and its x column.
type cell struct{ shift, emp, col int }

// build makes the model of planning ds over from..to (see the package comment and Write).
func build(ds *domain.Dataset, from, to domain.Date) (*Model, error) {
	if to < from {
		return nil, fmt.Errorf("mip: the range %s..%s ends before it starts", from, to)
	}
	cal, err := domain.NewCalendar(ds)
	if err != nil {
		return nil, fmt.Errorf("mip: %w", err)
	}
	b := &builder{
		m:  &Model{From: from, To: to, ds: ds},
		ds: ds, cal: cal, from: from, to: to,
		wp:       make(map[string]*domain.Workplace, len(ds.Workplaces)),
		cells:    make([][]cell, len(ds.Shifts)),
		work:     make([][]cell, len(ds.Employees)),
		xcol:     map[[2]int]int{},
		conflict: map[[2]int]bool{},
		cands:    map[int][]int{},
		ycol:     map[[2]int]int{},
		zcol:     map[zKey]int{},
		ucol:     map[int]int{},
	}
	for i := range ds.Workplaces {
		b.wp[ds.Workplaces[i].ID] = &ds.Workplaces[i]
	}
	for i := range ds.Shifts {
		s := &ds.Shifts[i]
		if s.Date < from || s.Date > to {
			continue
		}
		if b.wp[s.Workplace] == nil {
			return nil, fmt.Errorf("mip: shifts[%d] (%s): unknown workplace %q", i, s.ID, s.Workplace)
		}
		b.shifts = append(b.shifts, i)
	}
	slices.SortStableFunc(b.shifts, func(a, c int) int { return int(ds.Shifts[a].Date - ds.Shifts[c].Date) })

	b.pairs()
	if err := b.checkPins(); err != nil {
		return nil, err
	}
	b.shortage()
	b.oneShiftADay()
	b.maxPerShift()
	b.weekHours()
	b.rest()
	b.supervision()
	b.pins()
	b.constant()
	b.m.start = b.start()
	return b.m, nil
}

// pairs adds x[e,s] for every eligible pair, costing −weights.idle (a worked day is not idle) plus
// weights.continuity away from the home workplace.
func (b *builder) pairs() {
	w := b.ds.Organisation.Weights
	for _, si := range b.shifts {
		s := &b.ds.Shifts[si]
		wp := b.wp[s.Workplace]
		for ei := range b.ds.Employees {
			e := &b.ds.Employees[ei]
			if rule, _ := gen.Ineligible(b.cal, e, s, wp); rule != "" {
				continue
			}
			cost := -w.Idle
			if e.HomeWorkplace != "" && e.HomeWorkplace != s.Workplace {
				cost += w.Continuity
			}
			col := b.m.addCol(column{name: fmt.Sprintf("x_%d_%d", si, ei), kind: colX, cost: cost, shift: si, who: ei})
			c := cell{shift: si, emp: ei, col: col}
			b.cells[si] = append(b.cells[si], c)
			b.work[ei] = append(b.work[ei], c)
			b.xcol[[2]int{si, ei}] = col
		}
	}
}

// date returns the date of a cell's shift.
func (b *builder) date(c cell) domain.Date { return b.ds.Shifts[c.shift].Date }

// byDate splits an employee's cells (sorted by date) into runs of one date each.
func (b *builder) byDate(cells []cell) [][]cell {
	var runs [][]cell
	for i := 0; i < len(cells); {
		j := i + 1
		for j < len(cells) && b.date(cells[j]) == b.date(cells[i]) {
			j++
		}
		runs = append(runs, cells[i:j])
		i = j
	}
	return runs
}

// xTerms returns 1·x for each cell.
func xTerms(cells []cell) []term {
	t := make([]term, len(cells))
	for i, c := range cells {
		t[i] = term{col: c.col, coef: 1}
	}
	return t
}

// loadTerms returns weight(e)·x for each cell.
func (b *builder) loadTerms(cells []cell) []term {
	bw := b.ds.Organisation.BegeleidingWeights
	t := make([]term, len(cells))
	for i, c := range cells {
		t[i] = term{col: c.col, coef: bw.Of(b.ds.Employees[c.emp].Begeleiding)}
	}
	return t
}

// shortage adds u[s] ≥ min_s − Σ_e x[e,s], costing weights.understaffed × priority.
func (b *builder) shortage() {
	for _, si := range b.shifts {
		s := &b.ds.Shifts[si]
		if s.Min <= 0 {
			continue
		}
		u := b.m.addCol(column{name: fmt.Sprintf("u_%d", si), kind: colU,
			cost: b.ds.Organisation.Weights.Understaffed * float64(s.Priority), shift: si})
		b.ucol[si] = u
		b.m.addRow(row{name: fmt.Sprintf("short_%d", si), sense: ">=", rhs: float64(s.Min),
			terms: append([]term{{col: u, coef: 1}}, xTerms(b.cells[si])...)})
	}
}

// oneShiftADay is H1: at most one shift per employee and date.
func (b *builder) oneShiftADay() {
	for ei, cells := range b.work {
		for _, day := range b.byDate(cells) {
			if len(day) > 1 {
				b.m.addRow(row{name: fmt.Sprintf("h1_%d_%d", ei, b.date(day[0])-b.from), sense: "<=", rhs: 1, terms: xTerms(day)})
			}
		}
	}
}

// maxPerShift is H5: at most max employees on a shift.
func (b *builder) maxPerShift() {
	for _, si := range b.shifts {
		if s := &b.ds.Shifts[si]; len(b.cells[si]) > s.Max {
			b.m.addRow(row{name: fmt.Sprintf("h5_%d", si), sense: "<=", rhs: float64(s.Max), terms: xTerms(b.cells[si])})
		}
	}
}

// weekHours is H7: worked minutes per ISO week ≤ 60 × contractHours, written only where the longest
// shift of every day together could exceed it.
func (b *builder) weekHours() {
	for ei, cells := range b.work {
		e := &b.ds.Employees[ei]
		weeks := map[int][]cell{}
		var order []int
		for _, c := range cells {
			k := b.date(c).ISOWeekKey()
			if _, ok := weeks[k]; !ok {
				order = append(order, k)
			}
			weeks[k] = append(weeks[k], c)
		}
		for _, k := range order {
			most := 0.0
			for _, day := range b.byDate(weeks[k]) {
				longest := 0.0
				for _, c := range day {
					longest = max(longest, b.ds.Shifts[c.shift].WorkedHours())
				}
				most += longest
			}
			if !exceeds(most, e.ContractHours) {
				continue
			}
			t := make([]term, len(weeks[k]))
			for i, c := range weeks[k] {
				t[i] = term{col: c.col, coef: float64(b.ds.Shifts[c.shift].WorkedMinutes())}
			}
			b.m.addRow(row{name: fmt.Sprintf("h7_%d_%d", ei, k), sense: "<=", rhs: 60 * e.ContractHours, terms: t})
		}
	}
}

// restWindow is how many days apart two shifts' dates can be and still conflict under H8: a shift
// ends at most a day after its date (plus an hour at a clock change), and the next needs 11 hours.
const restWindow = 2

// rest is H8: for every eligible shift s1 of an employee and every later date d2, x[e,s1] plus the
// x of the shifts on d2 that leave less than 11 hours of rest after (or overlap) s1 is at most 1.
// With H1 this is the same as excluding every conflicting pair.
func (b *builder) rest() {
	for ei, cells := range b.work {
		days := b.byDate(cells)
		for i, day := range days {
			for _, c := range day {
				for _, later := range days[i+1:] {
					if b.date(later[0])-b.date(c) > restWindow {
						break
					}
					t := []term{{col: c.col, coef: 1}}
					for _, c2 := range later {
						if b.restConflict(c.shift, c2.shift) {
							t = append(t, term{col: c2.col, coef: 1})
						}
					}
					if len(t) > 1 {
						b.m.addRow(row{name: fmt.Sprintf("h8_%d_%d_%d", ei, c.shift, b.date(later[0])-b.from), sense: "<=", rhs: 1, terms: t})
					}
				}
			}
		}
	}
}

// restConflict memoises gen.RestConflict per pair of shifts: it does not depend on the employee.
func (b *builder) restConflict(s1, s2 int) bool {
	k := [2]int{s1, s2}
	v, ok := b.conflict[k]
	if !ok {
		v = gen.RestConflict(&b.ds.Shifts[s1], &b.ds.Shifts[s2])
		b.conflict[k] = v
	}
	return v
}

// pinned is a pin whose shift lies in the range.
type pinned struct {
	index, shift, emp int
}

// inRangePins returns the pins dated from..to.
func (b *builder) inRangePins() ([]pinned, error) {
	shiftIdx := make(map[string]int, len(b.ds.Shifts))
	for i := range b.ds.Shifts {
		shiftIdx[b.ds.Shifts[i].ID] = i
	}
	empIdx := make(map[string]int, len(b.ds.Employees))
	for i := range b.ds.Employees {
		empIdx[b.ds.Employees[i].ID] = i
	}
	var ps []pinned
	for i, p := range b.ds.Pinned {
		si, okS := shiftIdx[p.Shift]
		ei, okE := empIdx[p.Employee]
		if !okS || !okE {
			return nil, fmt.Errorf("%w: pinned[%d] names an unknown employee or shift (%q on %q)", ErrBadPin, i, p.Employee, p.Shift)
		}
		if d := b.ds.Shifts[si].Date; d >= b.from && d <= b.to {
			ps = append(ps, pinned{index: i, shift: si, emp: ei})
		}
	}
	return ps, nil
}

// checkPins refuses the pins that break a rule alone, and those that together break H1, H5, H7 or
// H8 or need a werkleider where none is available. Pins that together exceed a werkleider's
// capacity make the model infeasible instead.
func (b *builder) checkPins() error {
	ps, err := b.inRangePins()
	if err != nil {
		return err
	}
	bad := func(p pinned, format string, args ...any) error {
		return fmt.Errorf("%w: pinned[%d] (%s on %s): %s", ErrBadPin, p.index,
			b.ds.Employees[p.emp].ID, b.ds.Shifts[p.shift].ID, fmt.Sprintf(format, args...))
	}
	perShift := map[int]int{}
	hours := map[[2]int]float64{}
	for i, p := range ps {
		e, s := &b.ds.Employees[p.emp], &b.ds.Shifts[p.shift]
		if _, ok := b.xcol[[2]int{p.shift, p.emp}]; !ok {
			rule, why := gen.Ineligible(b.cal, e, s, b.wp[s.Workplace])
			return bad(p, "breaks %s: %s", rule, why)
		}
		if perShift[p.shift]++; perShift[p.shift] > s.Max {
			return bad(p, "breaks H5: more than %d pins on the shift", s.Max)
		}
		week := [2]int{p.emp, s.Date.ISOWeekKey()}
		if hours[week] += s.WorkedHours(); exceeds(hours[week], e.ContractHours) {
			return bad(p, "breaks H7: the pins of week %d add up to %.2f hours, more than %g", week[1], hours[week], e.ContractHours)
		}
		for _, q := range ps[:i] {
			switch {
			case q.emp != p.emp:
			case b.ds.Shifts[q.shift].Date == s.Date:
				return bad(p, "breaks H1: also pinned on %s the same date", b.ds.Shifts[q.shift].ID)
			case gen.RestConflict(&b.ds.Shifts[q.shift], s):
				return bad(p, "breaks H8: less than 11 hours of rest next to pinned shift %s", b.ds.Shifts[q.shift].ID)
			}
		}
		if b.wp[s.Workplace].Kind.NeedsWerkleider() && len(b.candidates(p.shift)) == 0 {
			return bad(p, "breaks H9: no werkleider who lists %s is available on %s", s.Workplace, s.Date)
		}
	}
	return nil
}

// pins is H10: every pin dated in the range is in the plan.
func (b *builder) pins() {
	ps, _ := b.inRangePins() // checked by checkPins
	for _, p := range ps {
		b.m.addRow(row{name: fmt.Sprintf("pin_%d", p.index), sense: "=", rhs: 1,
			terms: []term{{col: b.xcol[[2]int{p.shift, p.emp}], coef: 1}}})
	}
}

// constant adds the fixed column k whose cost is the constant part of the idle term:
// weights.idle × the available (employee, date) pairs of the range.
func (b *builder) constant() {
	n := 0
	for ei := range b.ds.Employees {
		for d := b.from; d <= b.to; d++ {
			if b.cal.EmployeeOn(&b.ds.Employees[ei], d) == domain.Available {
				n++
			}
		}
	}
	b.m.Offset = b.ds.Organisation.Weights.Idle * float64(n)
	b.kcol = b.m.addCol(column{name: "k", kind: colK, cost: b.m.Offset})
}

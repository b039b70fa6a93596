// Package mip is an exact reference model of Ploeg's planning problem: a mixed-integer program that
// states docs/DATASET.md (hard rules H1–H10 and the objective) literally, written in CPLEX LP format
// and solved by the CBC solver (https://github.com/coin-or/Cbc, `apt-get install coinor-cbc`).
//
// It is slow on big instances and meant as a yardstick: its optimum (or its proven bound) shows how
// far a heuristic planner is from the best plan, and every plan it returns is re-judged by
// scheduler.Check.
//
// The variables are
//
//	x[e,s]   binary, employee e works shift s; only for pairs that pass H2, H3, H4, H6 and the
//	         one-shift part of H7 (gen.Ineligible), for shifts dated from..to
//	u[s]     ≥ 0, the shortage of shift s below its min
//	y[w,s]   binary, werkleider w leads shift s (non-detachering shifts, w lists the workplace and is
//	         available that date)
//	z[w,d,l] binary, werkleider w leads at location l on date d (only where w could lead at two
//	         locations that date)
//	L[w,s]   ≥ 0, the begeleiding weight werkleider w carries for shift s (only for shifts with
//	         more than one candidate werkleider, one of whom has a capacity that could bind)
//	k        fixed at 1; its cost is the constant part of the idle term, so the LP's objective is the
//	         score itself
//
// The objective is weights.understaffed·Σ priority_s·u_s + weights.idle·Σ_{(e,d) available}
// (1 − Σ_{s on d} x[e,s]) + weights.continuity·Σ_{e with a homeWorkplace, s elsewhere} x[e,s], so
// it equals the score scheduler.Check gives the plan. The rows, named after their rule in the LP
// file, are
//
//	short_s     u[s] + Σ_e x[e,s] ≥ min_s
//	h1_e_d      Σ_{s on date d} x[e,s] ≤ 1
//	h5_s        Σ_e x[e,s] ≤ max_s
//	h7_e_week   Σ_{s in the ISO week} workedMinutes(s)·x[e,s] ≤ 60·contractHours_e
//	h8_e_s_d    x[e,s] + Σ_{s' on date d, less than 11 h of rest next to s} x[e,s'] ≤ 1, d after s's date
//	h9one_s     Σ_w y[w,s] ≤ 1
//	h9led_s_e   Σ_w y[w,s] ≥ x[e,s] (so x[e,s] = 0 where no werkleider is available)
//	h9empty_s   Σ_w y[w,s] ≤ Σ_e x[e,s]
//	h9loc_w_d   Σ_l z[w,d,l] ≤ 1, and h9at_w_s: y[w,s] ≤ z[w,d,location(s)]
//	h9lead_w_s  L[w,s] ≤ min(most_s, capacity_w)·y[w,s], most_s the weight of the shift's max
//	            heaviest eligible people
//	h9carry_s   Σ_w L[w,s] ≥ Σ_e weight_e·x[e,s]
//	h9sole_s    Σ_e weight_e·x[e,s] ≤ capacity_w·y[w,s] where w is the only candidate
//	h9cap_w_d   Σ_{s only w can lead} Σ_e weight_e·x[e,s] + Σ_s L[w,s] ≤ capacity_w
//	pin_i       x[e,s] = 1 for pinned[i] dated in the range
//
// Capacity is stated through the load each candidate werkleider carries rather than with big-M
// rows: exact once y is integer, and the relaxation can no longer count one werkleider's capacity
// for several shifts (on the demo's first day this lifts CBC's root bound from 320 to 342). Rows
// that cannot bind are left out (H1 for a date with one eligible shift, H5 for a shift with
// no more eligible people than its max, H7 for a week whose longest shifts fit, capacity where
// the heaviest possible teams fit). Solve gives CBC a greedily built first plan (a MIP start), as
// CBC's own heuristics may find none on a big instance.
package mip

import (
	"fmt"
	"io"
	"math"
	"slices"
	"sort"

	"ploeg/domain"
)

// Model is the mixed-integer program of one planning range: its size, and what its columns mean so
// that a solution can be read back as a plan.
type Model struct {
	From, To domain.Date
	// Pairs is the number of eligible (employee, shift) pairs: the x variables.
	Pairs int
	// Variables counts all columns (x, y, z, u, L and the constant column k), Binaries the 0/1 ones.
	Variables, Binaries int
	// Constraints counts the rows and Nonzeros their coefficients.
	Constraints, Nonzeros int
	// Offset is the constant part of the objective: weights.idle × the number of available
	// (employee, date) pairs in the range. It is the cost of the fixed column k.
	Offset float64

	ds    *domain.Dataset
	start map[string]float64 // a feasible solution found greedily, nil if none
	cols  []column
	rows  []row
}

// colKind says what a column stands for.
type colKind uint8

const (
	colX colKind = iota // employee works shift
	colY                // werkleider leads shift
	colZ                // werkleider at location on date
	colL                // load a werkleider carries for a shift
	colU                // shortage of a shift
	colK                // the constant
)

// binary reports whether columns of the kind are 0/1.
func (k colKind) binary() bool { return k == colX || k == colY || k == colZ }

// column is one variable. For colX, shift and who index ds.Shifts and ds.Employees; for colY,
// ds.Shifts and ds.Werkleiders.
type column struct {
	name       string
	kind       colKind
	cost       float64
	shift, who int
}

// term is coef × column.
type term struct {
	col  int
	coef float64
}

// row is one linear constraint: Σ terms sense rhs.
type row struct {
	name  string
	terms []term
	sense string // "<=", ">=" or "="
	rhs   float64
}

// Write builds the model of planning ds for the shifts dated from..to and writes it to w in CPLEX
// LP format. It refuses an empty range and pins (dated in the range) that break a rule by
// themselves or together in a way that can be seen without solving: not eligible, one person
// twice on a date, over a shift's max, too little rest, over the contract hours of a week, or no
// werkleider who could lead the shift.
func Write(w io.Writer, ds *domain.Dataset, from, to domain.Date) (*Model, error) {
	m, err := build(ds, from, to)
	if err != nil {
		return nil, err
	}
	if err := m.writeLP(w); err != nil {
		return nil, fmt.Errorf("mip: writing the model: %w", err)
	}
	return m, nil
}

// String summarises the model's size.
func (m *Model) String() string {
	return fmt.Sprintf("%s..%s: %d eligible pairs, %d variables (%d binary), %d constraints, %d nonzeros",
		m.From, m.To, m.Pairs, m.Variables, m.Binaries, m.Constraints, m.Nonzeros)
}

func (m *Model) addCol(c column) int {
	m.cols = append(m.cols, c)
	m.Variables++
	if c.kind.binary() {
		m.Binaries++
	}
	if c.kind == colX {
		m.Pairs++
	}
	return len(m.cols) - 1
}

func (m *Model) addRow(r row) {
	m.rows = append(m.rows, r)
	m.Constraints++
	m.Nonzeros += len(r.terms)
}

// plan reads a solution (column name → value) back as a plan: the assignments and the supervision,
// in the dataset's order of shifts and people. Score, Unfilled and Idle are left to the caller.
func (m *Model) plan(values map[string]float64) domain.Plan {
	p := domain.Plan{From: m.From, To: m.To, Assignments: []domain.Assignment{}, Supervision: []domain.Supervision{},
		Unfilled: []domain.Unfilled{}, Idle: []domain.Idle{}}
	var xs, ys []column
	for _, c := range m.cols {
		if values[c.name] <= 0.5 {
			continue
		}
		switch c.kind {
		case colX:
			xs = append(xs, c)
		case colY:
			ys = append(ys, c)
		}
	}
	byPosition := func(a, b column) int {
		if a.shift != b.shift {
			return a.shift - b.shift
		}
		return a.who - b.who
	}
	slices.SortFunc(xs, byPosition)
	slices.SortFunc(ys, byPosition)
	for _, c := range xs {
		p.Assignments = append(p.Assignments, domain.Assignment{Employee: m.ds.Employees[c.who].ID, Shift: m.ds.Shifts[c.shift].ID})
	}
	for _, c := range ys {
		p.Supervision = append(p.Supervision, domain.Supervision{Werkleider: m.ds.Werkleiders[c.who].ID, Shift: m.ds.Shifts[c.shift].ID})
	}
	return p
}

// topWeights returns the sum of the n largest weights.
func topWeights(weights []float64, n int) float64 {
	sorted := slices.Clone(weights)
	sort.Sort(sort.Reverse(sort.Float64Slice(sorted)))
	total := 0.0
	for _, w := range sorted[:min(n, len(sorted))] {
		total += w
	}
	return total
}

// exceeds reports whether a > b beyond floating-point noise.
func exceeds(a, b float64) bool { return a > b+1e-9*math.Max(1, math.Abs(b)) }

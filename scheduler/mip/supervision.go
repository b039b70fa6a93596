package mip

import (
	"fmt"
	"slices"

	"ploeg/domain"
)

// candidates returns the werkleiders who could lead shift si (H9): they list its workplace and are
// available that date. A detachering shift has none and needs none.
func (b *builder) candidates(si int) []int {
	s := &b.ds.Shifts[si]
	var ws []int
	for wi := range b.ds.Werkleiders {
		w := &b.ds.Werkleiders[wi]
		if slices.Contains(w.Workplaces, s.Workplace) && b.cal.WerkleiderOn(w, s.Date) == domain.Available {
			ws = append(ws, wi)
		}
	}
	return ws
}

func (b *builder) location(si int) string { return b.wp[b.ds.Shifts[si].Workplace].Location }

// led is a shift that needs a werkleider and has eligible employees.
type led struct {
	shift int
	cands []int
	ys    []term  // y[w,s] per candidate
	most  float64 // the most begeleiding weight the shift can hold: its max heaviest people
}

// leadDay is a werkleider on a date.
type leadDay struct {
	w    int
	date domain.Date
}

// supervision is H9. Per shift that needs a werkleider: Σ_w y[w,s] ≤ 1, Σ_w y[w,s] ≥ x[e,s] for
// every eligible e, and Σ_w y[w,s] ≤ Σ_e x[e,s]. Per werkleider and date: one location (z) and
// capacity.
//
// Capacity is modelled with the load each candidate carries: L[w,s] ≤ min(most_s, capacity_w) ·
// y[w,s], Σ_w L[w,s] ≥ Σ_e weight_e·x[e,s], and Σ_s L[w,s] ≤ capacity_w per date. With integer y
// only the leader carries the shift, so this is exact; unlike big-M rows it also keeps the LP
// relaxation from counting one werkleider's capacity for several shifts. Where a werkleider is
// the shift's only candidate, the shift's weight stands in for L. Only the werkleider-days whose
// shifts could hold more than their capacity, and the shifts they could lead, get these rows.
func (b *builder) supervision() {
	var shifts []led
	byDay := map[leadDay][]int{} // werkleider-day → indices into shifts
	var days []leadDay
	for _, si := range b.shifts {
		s := &b.ds.Shifts[si]
		cells := b.cells[si]
		if !b.wp[s.Workplace].Kind.NeedsWerkleider() || len(cells) == 0 {
			continue
		}
		l := led{shift: si, cands: b.candidates(si)}
		b.cands[si] = l.cands
		for _, wi := range l.cands {
			col := b.m.addCol(column{name: fmt.Sprintf("y_%d_%d", si, wi), kind: colY, shift: si, who: wi})
			b.ycol[[2]int{si, wi}] = col
			l.ys = append(l.ys, term{col: col, coef: 1})
		}
		if len(l.ys) > 1 {
			b.m.addRow(row{name: fmt.Sprintf("h9one_%d", si), sense: "<=", rhs: 1, terms: l.ys})
		}
		for _, c := range cells {
			b.m.addRow(row{name: fmt.Sprintf("h9led_%d_%d", si, c.emp), sense: ">=", rhs: 0,
				terms: append(slices.Clone(l.ys), term{col: c.col, coef: -1})})
		}
		if len(l.ys) == 0 {
			continue
		}
		b.m.addRow(row{name: fmt.Sprintf("h9empty_%d", si), sense: "<=", rhs: 0, terms: append(slices.Clone(l.ys), negate(xTerms(cells))...)})
		weights := make([]float64, len(cells))
		for i, t := range b.loadTerms(cells) {
			weights[i] = t.coef
		}
		l.most = topWeights(weights, s.Max)
		for _, wi := range l.cands {
			k := leadDay{w: wi, date: s.Date}
			if _, ok := byDay[k]; !ok {
				days = append(days, k)
			}
			byDay[k] = append(byDay[k], len(shifts))
		}
		shifts = append(shifts, l)
	}
	slices.SortStableFunc(days, func(a, c leadDay) int {
		if a.w != c.w {
			return a.w - c.w
		}
		return int(a.date - c.date)
	})
	binds := map[leadDay]bool{}
	for _, k := range days {
		b.oneLocation(k, shifts, byDay[k])
		binds[k] = b.capacityBinds(k, shifts, byDay[k])
	}
	carried := b.carry(shifts, binds)
	for _, k := range days {
		if binds[k] {
			b.capacity(k, shifts, byDay[k], carried)
		}
	}
}

// oneLocation: the werkleider leads at one location on the date (z[w,d,l] ≥ y[w,s], Σ_l z ≤ 1),
// written only where their shifts that date lie at more than one location.
func (b *builder) oneLocation(k leadDay, shifts []led, mine []int) {
	var locs []string
	for _, i := range mine {
		if loc := b.location(shifts[i].shift); !slices.Contains(locs, loc) {
			locs = append(locs, loc)
		}
	}
	if len(locs) < 2 {
		return
	}
	day := k.date - b.from
	zs := make([]term, len(locs))
	for i := range locs {
		zs[i] = term{col: b.m.addCol(column{name: fmt.Sprintf("z_%d_%d_%d", k.w, day, i), kind: colZ}), coef: 1}
		b.zcol[zKey{w: k.w, date: k.date, loc: locs[i]}] = zs[i].col
	}
	b.m.addRow(row{name: fmt.Sprintf("h9loc_%d_%d", k.w, day), sense: "<=", rhs: 1, terms: zs})
	for _, i := range mine {
		si := shifts[i].shift
		z := zs[slices.Index(locs, b.location(si))]
		b.m.addRow(row{name: fmt.Sprintf("h9at_%d_%d", k.w, si), sense: "<=", rhs: 0,
			terms: []term{{col: b.ycol[[2]int{si, k.w}], coef: 1}, {col: z.col, coef: -1}}})
	}
}

// capacityBinds reports whether the shifts a werkleider could lead at one location that date could
// together hold more weight than their capacity: the heaviest teams, and no one counted twice.
func (b *builder) capacityBinds(k leadDay, shifts []led, mine []int) bool {
	bw := b.ds.Organisation.BegeleidingWeights
	most := map[string]float64{}
	people := map[string]map[int]bool{}
	for _, i := range mine {
		loc := b.location(shifts[i].shift)
		most[loc] += shifts[i].most
		if people[loc] == nil {
			people[loc] = map[int]bool{}
		}
		for _, c := range b.cells[shifts[i].shift] {
			people[loc][c.emp] = true
		}
	}
	capacity := b.ds.Werkleiders[k.w].Capacity
	for loc, m := range most {
		distinct := 0.0
		for ei := range people[loc] {
			distinct += bw.Of(b.ds.Employees[ei].Begeleiding)
		}
		if exceeds(min(m, distinct), capacity) {
			return true
		}
	}
	return false
}

// carry adds the load columns of the shifts that a werkleider with a binding capacity could lead,
// and returns them by (shift, werkleider). A shift with one candidate gets no column: its weight
// is written directly, Σ_e weight_e·x[e,s] ≤ min(most_s, capacity_w)·y[w,s].
func (b *builder) carry(shifts []led, binds map[leadDay]bool) map[[2]int]int {
	carried := map[[2]int]int{}
	for _, l := range shifts {
		date := b.ds.Shifts[l.shift].Date
		if !slices.ContainsFunc(l.cands, func(w int) bool { return binds[leadDay{w: w, date: date}] }) {
			continue
		}
		load := b.loadTerms(b.cells[l.shift])
		if len(l.cands) == 1 {
			w := l.cands[0]
			if exceeds(l.most, b.ds.Werkleiders[w].Capacity) {
				b.m.addRow(row{name: fmt.Sprintf("h9sole_%d", l.shift), sense: "<=", rhs: 0,
					terms: append(load, term{col: l.ys[0].col, coef: -b.ds.Werkleiders[w].Capacity})})
			}
			continue
		}
		carry := make([]term, len(l.cands))
		for i, w := range l.cands {
			col := b.m.addCol(column{name: fmt.Sprintf("L_%d_%d", w, l.shift), kind: colL, shift: l.shift, who: w})
			carried[[2]int{l.shift, w}] = col
			b.loads = append(b.loads, loadCol{col: col, w: w, shift: l.shift})
			carry[i] = term{col: col, coef: 1}
			b.m.addRow(row{name: fmt.Sprintf("h9lead_%d_%d", w, l.shift), sense: "<=", rhs: 0,
				terms: []term{{col: col, coef: 1}, {col: l.ys[i].col, coef: -min(l.most, b.ds.Werkleiders[w].Capacity)}}})
		}
		b.m.addRow(row{name: fmt.Sprintf("h9carry_%d", l.shift), sense: ">=", rhs: 0, terms: append(carry, negate(load)...)})
	}
	return carried
}

// capacity: the weight a werkleider carries on a date ≤ their capacity.
func (b *builder) capacity(k leadDay, shifts []led, mine []int, carried map[[2]int]int) {
	var t []term
	for _, i := range mine {
		si := shifts[i].shift
		if col, ok := carried[[2]int{si, k.w}]; ok {
			t = append(t, term{col: col, coef: 1})
		} else {
			t = append(t, b.loadTerms(b.cells[si])...) // the only candidate
		}
	}
	b.m.addRow(row{name: fmt.Sprintf("h9cap_%d_%d", k.w, k.date-b.from), sense: "<=", rhs: b.ds.Werkleiders[k.w].Capacity, terms: t})
}

func negate(ts []term) []term {
	for i := range ts {
		ts[i].coef = -ts[i].coef
	}
	return ts
}

package mip

import (
	"bufio"
	"cmp"
	"fmt"
	"io"
	"slices"

	"ploeg/domain"
)

// greedy builds a first feasible solution for CBC (a MIP start): on big instances CBC's own
// heuristics may find none in the time given. It is a plain greedy, no planner: the pins first,
// then the shifts by priority (the ones fewest people can work first) filled up to their min, then
// up to their max, each time first with people at home there and then with anyone, always keeping
// every hard rule (the least flexible and then the lightest people first). A shift gets the
// werkleider whose capacity best fits the weight it is expected to get; when that runs out,
// another werkleider with room takes it over. Optimality is left to CBC.
type greedy struct {
	b        *builder
	working  map[[2]int]bool      // (employee, date) has a shift
	shiftsOf map[int][]int        // employee → shifts
	minutes  map[[2]int]float64   // (employee, ISO week) → worked minutes
	count    map[int]int          // shift → employees
	members  map[int][]int        // shift → employees
	weight   map[int]float64      // shift → summed begeleiding weight
	expect   map[int]float64      // shift → the weight it is expected to get in this pass
	leader   map[int]int          // shift → werkleider
	location map[leadDate]string  // where a werkleider leads that date
	load     map[leadDate]float64 // the weight a werkleider carries that date
	leads    map[leadDate]int     // how many shifts a werkleider leads that date
}

type leadDate struct {
	w    int
	date domain.Date
}

// start returns the greedy solution as column values, or nil when the pins defeat the greedy.
func (b *builder) start() map[string]float64 {
	g := &greedy{b: b, working: map[[2]int]bool{}, shiftsOf: map[int][]int{}, minutes: map[[2]int]float64{},
		count: map[int]int{}, members: map[int][]int{}, weight: map[int]float64{}, expect: map[int]float64{}, leader: map[int]int{},
		location: map[leadDate]string{}, load: map[leadDate]float64{}, leads: map[leadDate]int{}}
	ps, _ := b.inRangePins()
	for _, p := range ps {
		if !g.fits(p.shift, p.emp) {
			return nil
		}
		g.assign(p.shift, p.emp)
	}
	// The most urgent shifts first, and among those the ones fewest people can work.
	order := slices.Clone(b.shifts)
	slices.SortStableFunc(order, func(a, c int) int {
		return cmp.Or(cmp.Compare(b.ds.Shifts[c].Priority, b.ds.Shifts[a].Priority), cmp.Compare(len(b.cells[a]), len(b.cells[c])))
	})
	// How many shifts each employee could work per date: the least flexible go first.
	options := map[[2]int]int{}
	for ei, cells := range b.work {
		for _, c := range cells {
			options[[2]int{ei, int(b.date(c))}]++
		}
	}
	bw := b.ds.Organisation.BegeleidingWeights
	// To min with people who cost no continuity, then with anyone; then to max the same way.
	for _, pass := range []struct{ home, toMax bool }{{true, false}, {false, false}, {true, true}, {false, true}} {
		for _, si := range order {
			s := &b.ds.Shifts[si]
			target := s.Min
			if pass.toMax {
				target = s.Max
			}
			cells := slices.DeleteFunc(slices.Clone(b.cells[si]), func(c cell) bool {
				home := b.ds.Employees[c.emp].HomeWorkplace
				return pass.home && home != "" && home != s.Workplace
			})
			slices.SortStableFunc(cells, func(c1, c2 cell) int {
				e1, e2 := &b.ds.Employees[c1.emp], &b.ds.Employees[c2.emp]
				return cmp.Or(cmp.Compare(b.m.cols[c1.col].cost, b.m.cols[c2.col].cost),
					cmp.Compare(options[[2]int{c1.emp, int(s.Date)}], options[[2]int{c2.emp, int(s.Date)}]),
					cmp.Compare(bw.Of(e1.Begeleiding), bw.Of(e2.Begeleiding)))
			})
			g.expect[si] = g.weight[si]
			for _, c := range cells[:min(len(cells), max(0, target-g.count[si]))] {
				g.expect[si] += bw.Of(b.ds.Employees[c.emp].Begeleiding)
			}
			for _, c := range cells {
				if g.count[si] >= target {
					break
				}
				if g.fits(si, c.emp) {
					g.assign(si, c.emp)
				}
			}
		}
	}
	return g.values()
}

// fits reports whether employee ei can join shift si (and books a werkleider for the shift if it
// has none yet and needs one).
func (g *greedy) fits(si, ei int) bool {
	b := g.b
	s, e := &b.ds.Shifts[si], &b.ds.Employees[ei]
	if _, ok := b.xcol[[2]int{si, ei}]; !ok || g.working[[2]int{ei, int(s.Date)}] || g.count[si] >= s.Max {
		return false
	}
	for _, t := range g.shiftsOf[ei] {
		if b.restConflict(t, si) {
			return false
		}
	}
	if exceeds(g.minutes[[2]int{ei, s.Date.ISOWeekKey()}]+float64(s.WorkedMinutes()), 60*e.ContractHours) {
		return false
	}
	if !b.wp[s.Workplace].Kind.NeedsWerkleider() {
		return true
	}
	weight := b.ds.Organisation.BegeleidingWeights.Of(e.Begeleiding)
	cur, led := g.leader[si]
	if led && !exceeds(g.load[leadDate{cur, s.Date}]+weight, b.ds.Werkleiders[cur].Capacity) {
		return true
	}
	// A (new) werkleider with room for the whole shift as it is expected to grow: the one that
	// leaves the least room (best fit), or failing that the one with the most room for it now.
	now := g.weight[si] + weight
	need := max(now, g.expect[si])
	best, room, fits := -1, 0.0, false
	for _, w := range b.cands[si] {
		k := leadDate{w, s.Date}
		if at, ok := g.location[k]; (led && w == cur) || (ok && at != b.location(si)) {
			continue
		}
		left := b.ds.Werkleiders[w].Capacity - g.load[k]
		switch {
		case exceeds(now, left):
		case !exceeds(need, left):
			if !fits || left < room {
				best, room, fits = w, left, true
			}
		case !fits && left > room:
			best, room = w, left
		}
	}
	if best < 0 {
		return false
	}
	if led {
		k := leadDate{cur, s.Date}
		g.load[k] -= g.weight[si]
		if g.leads[k]--; g.leads[k] == 0 {
			delete(g.location, k)
		}
	}
	k := leadDate{best, s.Date}
	g.leader[si] = best
	g.location[k] = b.location(si)
	g.load[k] += g.weight[si]
	g.leads[k]++
	return true
}

// assign puts employee ei on shift si; fits must have said yes.
func (g *greedy) assign(si, ei int) {
	b := g.b
	s, e := &b.ds.Shifts[si], &b.ds.Employees[ei]
	g.working[[2]int{ei, int(s.Date)}] = true
	g.shiftsOf[ei] = append(g.shiftsOf[ei], si)
	g.minutes[[2]int{ei, s.Date.ISOWeekKey()}] += float64(s.WorkedMinutes())
	g.count[si]++
	g.members[si] = append(g.members[si], ei)
	weight := b.ds.Organisation.BegeleidingWeights.Of(e.Begeleiding)
	g.weight[si] += weight
	if w, ok := g.leader[si]; ok {
		g.load[leadDate{w, s.Date}] += weight
	}
}

// values turns the greedy plan into a value for every column.
func (g *greedy) values() map[string]float64 {
	b := g.b
	v := make(map[string]float64, len(b.m.cols))
	for _, c := range b.m.cols {
		v[c.name] = 0
	}
	set := func(col int, x float64) { v[b.m.cols[col].name] = x }
	for si, es := range g.members {
		for _, ei := range es {
			set(b.xcol[[2]int{si, ei}], 1)
		}
	}
	for si, w := range g.leader {
		if g.count[si] > 0 {
			set(b.ycol[[2]int{si, w}], 1)
			if col, ok := b.zcol[zKey{w: w, date: b.ds.Shifts[si].Date, loc: b.location(si)}]; ok {
				set(col, 1)
			}
		}
	}
	for si, col := range b.ucol {
		set(col, float64(max(0, b.ds.Shifts[si].Min-g.count[si])))
	}
	for _, l := range b.loads {
		if w, ok := g.leader[l.shift]; ok && w == l.w {
			set(l.col, g.weight[l.shift])
		}
	}
	set(b.kcol, 1)
	return v
}

// writeStart writes the greedy solution in the format of CBC's solution files, which is what its
// mipstart command reads: index, name, value.
func (m *Model) writeStart(w io.Writer) error {
	bw := bufio.NewWriter(w)
	bw.WriteString("Feasible - greedy start\n")
	for i, c := range m.cols {
		fmt.Fprintf(bw, "%d %s %s\n", i, c.name, num(m.start[c.name]))
	}
	return bw.Flush()
}

// startCost returns the objective value of the greedy start.
func (m *Model) startCost() float64 {
	total := 0.0
	for _, c := range m.cols {
		total += c.cost * m.start[c.name]
	}
	return total
}

package curtois

import (
	"container/heap"
	"math"
	"strconv"
)

// Branch and price: a search over decisions on cells (person e works k on day d, or is off),
// best bound first with plunges, each node a linear programme over rows (coverMaster) solved by column generation, as
// the exact methods for this benchmark do. A decision forbids choices of a cell: the rows in the
// programme that make a forbidden choice are priced out at diveArtificial, and the one-person
// programme pays diveArtificial for one, so new rows keep the decisions. Each pricing round gives
// a Lagrangian bound valid for every roster below the node (lagrange.go, with the node's penalties
// in the rows' costs); a node whose bound, rounded up, reaches the best objective found is cut.
// Otherwise the node branches on the cell whose share in the programme is nearest to a half:
// the child that forces that choice is solved next, the one that forbids it waits. A node whose
// programme is whole is a roster. When the search ends without being cut short, the best roster
// is optimal.

// bbCG caps the pricing rounds at a node (bbRootCG at the first): a node still pricing out rows
// after them is branched on (or, when its programme is whole, closed without proof).
const (
	bbCG     = 40
	bbRootCG = 300
	// bbTol: shares within bbTol of 0 or 1 count as 0 or 1 (the programme's right-hand side is
	// perturbed by about 1e-7 a row).
	bbTol = 1e-5
	// bbMaxOpen caps the open nodes (each keeps a basis of a column per programme row); past it,
	// the child that forbids is dropped and the search proves nothing.
	bbMaxOpen = 20_000
)

// bbSearch is the state of one branch-and-price search.
type bbSearch struct {
	s       *solver
	lp      *master
	forb    [][][]int32 // [person][day][k+1] the decisions forbidding that choice
	closed  []bool      // [person] keeps their row of the start (nil: nobody)
	owner   []int       // [column] its person, −1 for the artificial, short and over columns
	colRow  [][]int     // [column] its row
	own     []float64   // [column] its cost without decisions
	viol    []int       // [column] the days on which its row makes a forbidden choice
	colsOf  [][]int     // [person] their columns
	inLP    map[string]bool
	rows    [][]int // [person] their row of the last pricing round
	price   [][]float64
	marg    [][]float64
	spent   int64
	maxExt  int64
	stop    func() bool
	best    Roster
	bestObj int
	// complete stays true while nothing has been cut short: no budget ran out, every node's
	// programme was solved and every whole node was priced to the end.
	complete bool
}

// branch searches for a roster better than from (whose objective is obj, and whose rows start the
// programme) within maxExt state extensions and until stop. With open (or nil: everyone), only
// the people open says are free: the others keep their rows of from. It returns the best roster
// found (from itself when nothing better is), its objective, the work spent (as dive counts it)
// and whether the search proved that roster the best of those with the same rows for the people
// not open (of all rosters, without open).
func (s *solver) branch(from Roster, obj int, open []bool, maxExt int64, stop func() bool) (best Roster, bestObj int, spent int64, proven bool) {
	in := s.in
	H, S, E := in.Horizon, len(in.Shifts), len(in.Staff)
	if H > dpHorizon {
		return from, obj, 0, false
	}
	b := &bbSearch{s: s, lp: s.coverMaster(), inLP: map[string]bool{}, maxExt: maxExt, stop: stop,
		best: from, bestObj: obj, complete: true, rows: make([][]int, E), colsOf: make([][]int, E)}
	b.price, b.marg, _ = s.startPrices()
	b.forb = make([][][]int32, E)
	for e := range E {
		b.forb[e] = make([][]int32, H)
		for d := range H {
			b.forb[e][d] = make([]int32, S+1)
		}
	}
	for range b.lp.cost {
		b.owner, b.colRow = append(b.owner, -1), append(b.colRow, nil)
		b.own, b.viol = append(b.own, 0), append(b.viol, 0)
	}
	for e, row := range from {
		b.addRow(e, row)
	}
	if open != nil {
		b.closed = make([]bool, E)
		for e, row := range from {
			if open[e] {
				continue
			}
			b.closed[e] = true
			b.rows[e] = row
			for d, k := range row {
				b.decide(e, d, allBut(S+1, k+1), 1)
			}
		}
	}
	b.search()
	return b.best, b.bestObj, b.spent, b.complete
}

// out says whether the budget or stop ends the search.
func (b *bbSearch) out() bool { return b.spent > b.maxExt || b.stop() }

// cuts says whether bound shows that no roster below its node beats the best one (a NaN bound
// does not cut).
func (b *bbSearch) cuts(bound float64) bool { return math.Ceil(bound-1e-6) >= float64(b.bestObj) }

// allBut is the choices 0..n-1 without c.
func allBut(n, c int) []int {
	others := make([]int, 0, n-1)
	for o := range n {
		if o != c {
			others = append(others, o)
		}
	}
	return others
}

// addRow puts person e's row into the programme, unless it is there already.
func (b *bbSearch) addRow(e int, row []int) {
	key := strconv.Itoa(e) + ":" + rowKey(row)
	if b.inLP[key] {
		return
	}
	b.inLP[key] = true
	cost, idx, val := b.s.rowColumn(e, row)
	viol := 0
	for d, k := range row {
		if b.forb[e][d][k+1] > 0 {
			viol++
		}
	}
	j := b.lp.add(b.costOf(cost, viol), idx, val)
	b.owner, b.colRow = append(b.owner, e), append(b.colRow, row)
	b.own, b.viol = append(b.own, cost), append(b.viol, viol)
	b.colsOf[e] = append(b.colsOf[e], j)
}

func (b *bbSearch) costOf(own float64, viol int) float64 {
	if viol > 0 {
		return diveArtificial
	}
	return own
}

// decide adds delta (1 or −1) to the decisions forbidding each of choices (k+1) of person e on
// day d, and re-prices e's columns.
func (b *bbSearch) decide(e, d int, choices []int, delta int32) {
	for _, c := range choices {
		before := b.forb[e][d][c] > 0
		b.forb[e][d][c] += delta
		if after := b.forb[e][d][c] > 0; after != before {
			b.spent += int64(len(b.colsOf[e])) / 4
			for _, j := range b.colsOf[e] {
				if b.colRow[j][d]+1 == c {
					if after {
						b.viol[j]++
					} else {
						b.viol[j]--
					}
					b.lp.cost[j] = b.costOf(b.own[j], b.viol[j])
				}
			}
		}
	}
}

// priceOut sets the prices from the programme's duals, gives every person their cheapest row
// under them (decisions included) and puts the rows that would lower the programme into it. It
// returns the Lagrangian bound of the node and whether a row was added; ok is false when the
// one-person programme cannot run for someone.
func (b *bbSearch) priceOut() (L float64, added, ok bool) {
	s, lp, E := b.s, b.lp, len(b.s.in.Staff)
	for i, c := range s.in.Cover {
		b.price[c.Day][c.Shift] = min(max(-lp.y[E+i], -float64(c.Under)), float64(c.Over))
		L -= b.price[c.Day][c.Shift] * float64(c.Requirement)
	}
	for e := range E {
		if b.closed != nil && b.closed[e] {
			// The only row without a forbidden choice: its cost under the prices.
			for d, k := range b.rows[e] {
				L += float64(s.requestCost(e, d, k))
				if k >= 0 {
					L += b.price[d][k]
				}
			}
			continue
		}
		// Only a row cheaper than e's dual can lower the programme; where there is none, the
		// dual is below every row's cost and stands for it in the bound.
		limit := lp.y[e] - 1e-6
		row, cost, ext, ok, capped := s.pricedRow(e, b.price, b.rows[e], b.marg, b.forb[e], limit)
		b.spent += ext
		if capped {
			return 0, false, false
		}
		if !ok {
			L += limit
			continue
		}
		b.rows[e] = row
		L += cost
		b.addRow(e, row)
		added = true
	}
	return L, added, true
}

// bbNode is a node of the search: its decision on top of its parent's (choices of person e on
// day d forbidden), a lower bound on every roster below it and the basis to start from.
type bbNode struct {
	parent  *bbNode
	e, d    int
	choices []int
	depth   int
	bound   float64
	basis   []int32
	seq     int
}

// bbHeap orders open nodes by bound, then the deeper first, then the older.
type bbHeap []*bbNode

func (h bbHeap) Len() int { return len(h) }
func (h bbHeap) Less(i, j int) bool {
	if h[i].bound != h[j].bound {
		return h[i].bound < h[j].bound
	}
	if h[i].depth != h[j].depth {
		return h[i].depth > h[j].depth
	}
	return h[i].seq < h[j].seq
}
func (h bbHeap) Swap(i, j int) { h[i], h[j] = h[j], h[i] }
func (h *bbHeap) Push(x any)   { *h = append(*h, x.(*bbNode)) }
func (h *bbHeap) Pop() any {
	old := *h
	n := old[len(old)-1]
	*h = old[:len(old)-1]
	return n
}

// search runs the nodes: from each node it plunges into the child that forces the branching
// cell's choice, and keeps the other child open; when a plunge ends, it goes on from the open
// node of lowest bound.
func (b *bbSearch) search() {
	var open bbHeap
	seq := 0
	cur := &bbNode{bound: math.Inf(-1)}
	maxCG := bbRootCG
	for {
		if b.out() {
			b.complete = false
			return
		}
		e, d, c, bound, ok := b.solveNode(maxCG)
		maxCG = bbCG
		if ok {
			// Branch: the child forbidding the choice waits; the one forcing it is next.
			if open.Len() < bbMaxOpen {
				seq++
				basis := make([]int32, len(b.lp.basis))
				for r, j := range b.lp.basis {
					basis[r] = int32(j)
				}
				heap.Push(&open, &bbNode{parent: cur, e: e, d: d, choices: []int{c}, depth: cur.depth + 1,
					bound: bound, basis: basis, seq: seq})
			} else {
				b.complete = false
			}
			cur = &bbNode{parent: cur, e: e, d: d, choices: allBut(len(b.forb[e][d]), c), depth: cur.depth + 1, bound: bound}
			b.decide(cur.e, cur.d, cur.choices, 1)
			continue
		}
		var next *bbNode
		for open.Len() > 0 && next == nil {
			n := heap.Pop(&open).(*bbNode)
			if !b.cuts(n.bound) {
				next = n
			}
		}
		if next == nil {
			return
		}
		for n := cur; n.parent != nil; n = n.parent {
			b.decide(n.e, n.d, n.choices, -1)
		}
		for n := next; n.parent != nil; n = n.parent {
			b.decide(n.e, n.d, n.choices, 1)
		}
		w := b.lp.work
		b.lp.setBasis(next.basis)
		b.spent += (b.lp.work - w) / lpPerExt
		next.basis = nil
		cur = next
	}
}

// solveNode solves the programme under the current decisions with at most maxCG pricing rounds.
// ok is true when the node is to be branched on the choice c (k+1) of person e on day d, with
// bound a lower bound on every roster below it; otherwise the node is closed: cut by its bound,
// or whole (its roster is taken).
func (b *bbSearch) solveNode(maxCG int) (e, d, c int, bound float64, ok bool) {
	lp := b.lp
	bound, priced := math.Inf(-1), false
	for range maxCG {
		w := lp.work
		solved := lp.solve(diveMaxPivots)
		b.spent += (lp.work - w) / lpPerExt
		L, added, ok := b.priceOut()
		if !ok {
			b.complete = false
			return 0, 0, 0, bound, false
		}
		bound = max(bound, L)
		if b.cuts(bound) {
			return 0, 0, 0, bound, false
		}
		if solved && !added {
			priced = true
			break
		}
		if b.out() {
			b.complete = false
			return 0, 0, 0, bound, false
		}
	}
	e, d, c, whole, ok := b.fractional()
	if whole || !ok {
		b.take()
		// The node is closed for good only where its bound shows that nothing in it beats the
		// best roster (a whole programme may still carry shares within bbTol of other rows).
		if !whole || !priced || !b.cuts(bound) {
			b.complete = false
		}
		return 0, 0, 0, bound, false
	}
	return e, d, c, bound, true
}

// fractional finds the cell to branch on: of the people without one whole row, the choice
// (person, day, k+1) not yet decided that their rows make with the share nearest to a half (the
// most fractional: branching there moves both children's bounds most; the share nearest to 1,
// as a dive fixes, left Instance7 at 1058 where this proves 1056 optimal). whole is true when
// every person has one whole row; ok is false when there is no cell to branch on.
func (b *bbSearch) fractional() (e, d, c int, whole, ok bool) {
	lp, in := b.lp, b.s.in
	E, H, S := len(in.Staff), in.Horizon, len(in.Shifts)
	shares := make([][]int, E) // [person] basis rows of their columns with a share
	for r, j := range lp.basis {
		if o := b.owner[j]; o >= 0 && lp.xB[r] > bbTol {
			shares[o] = append(shares[o], r)
		}
	}
	best := -1.0
	value := make([]float64, S+1)
	whole = true
	for p := range E {
		if len(shares[p]) == 1 && lp.xB[shares[p][0]] >= 1-bbTol {
			continue
		}
		whole = false
		for day := range H {
			clear(value)
			for _, r := range shares[p] {
				value[b.colRow[lp.basis[r]][day]+1] += lp.xB[r]
			}
			open := 0 // the choices not forbidden
			for _, n := range b.forb[p][day] {
				if n == 0 {
					open++
				}
			}
			for k, v := range value {
				score := 1 - math.Abs(v-0.5)
				if open > 1 && b.forb[p][day][k] == 0 && v > bbTol && v < 1-bbTol && score > best {
					e, d, c, best = p, day, k, score
				}
			}
		}
	}
	return e, d, c, whole, best >= 0
}

// take makes the whole programme's rows a roster and keeps it when it beats the best one.
func (b *bbSearch) take() {
	in, lp := b.s.in, b.lp
	r := make(Roster, len(in.Staff))
	for row, j := range lp.basis {
		if o := b.owner[j]; o >= 0 && lp.xB[row] > 0.5 && b.viol[j] == 0 {
			r[o] = b.colRow[j]
		}
	}
	for _, row := range r {
		if row == nil {
			return // someone has only the artificial column: no roster keeps the decisions
		}
	}
	if ev := Evaluate(in, r); ev.Valid() && ev.Objective < b.bestObj {
		b.best, b.bestObj = r, ev.Objective
	}
}

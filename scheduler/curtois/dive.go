package curtois

import (
	"cmp"
	"maps"
	"math"
	"slices"
	"strconv"
)

// A roster by price-and-fix (a "dive" in branch-and-price terms). Subgradient steps on the cover
// prices of the Lagrangian bound (lagrange.go) give every person not yet fixed their cheapest row
// under the prices; every row seen joins that person's pool. The linear programme over the pools
// (each person a convex mix of their rows, the cover soft with its weights) then says how the rows
// combine, its duals price further rows out, and rows are fixed: every whole one, else one of the
// largest shares. Fixed people count as cover already given in the pricing: a cover row then needs
// max(0, requirement − given) more. Every row keeps its person's rules, so the roster keeps every
// hard rule.

// diveCG is the most rounds of pricing out at the programme's duals before a fix; diveWhole is
// the share at which a row counts as whole.
const (
	diveCG    = 30
	diveWhole = 0.999
	// diveArtificial is the cost of the artificial column that starts each person's row of the
	// programme: above any roster's objective, so no optimum keeps one.
	diveArtificial = 1e7
	// diveMaxPivots caps one solve of the programme; lpPerExt is how many of its multiply-adds
	// count as one state extension of the one-person programme (as long, measured on Instances
	// 7 and 9).
	diveMaxPivots = 20_000
	lpPerExt      = 32
)

// diveVariant steers a dive: first is the number of subgradient steps that fill the pools before
// the first programme, try how many of the largest shares are tried before a fix.
type diveVariant struct{ first, try int }

// diveVariants are the dives the runs make in turn while their dive budgets last (run w of W
// takes variants w, w+W, …): which one ends best differs between instances (on Instances 5–7 by
// up to 10 %; on Instance8 {30, 3} ends at 1304 and {100, 3} at 1611), so several are tried,
// those with fewer first steps first (they are also the cheaper ones where pricing is costly).
var diveVariants = []diveVariant{{30, 3}, {10, 1}, {100, 1}, {300, 1}, {200, 2}, {100, 3}, {300, 3}}

// diveLNS steers the re-dives of part of the people from the best roster.
var diveLNS = diveVariant{30, 1}

// dive builds a roster by price-and-fix, steering the first steps by ub (an objective some roster
// reaches). It returns the roster, the work spent (in state extensions of the programme; the
// linear programme's multiply-adds count lpPerExt to one) and the bound of the linear relaxation
// before the first fix (a lower bound on every roster's objective, −Inf when not reached); ok is
// false when the programme cannot run for someone, a person has no row that keeps their rules, or
// maxExt or stop end it, or the first programme is not solved within maxRootExt.
//
// With from, only the people open says are free: the others keep their rows of from, and the free
// start with theirs in their pools (so the programme holds from itself); the bound is then that of
// the rest, and −Inf is returned for it.
func (s *solver) dive(v diveVariant, from Roster, open []bool, ub float64, maxExt, maxRootExt int64, stop func() bool) (roster Roster, spent int64, rootBound float64, ok bool) {
	in := s.in
	H, S, E := in.Horizon, len(in.Shifts), len(in.Staff)
	if H > dpHorizon {
		return nil, 0, math.Inf(-1), false
	}
	price, marg, count := s.startPrices()
	given := make([][]int, H) // [day][shift] fixed people on it
	for d := range H {
		given[d] = make([]int, S)
	}
	need := func(c Cover) int { return max(c.Requirement-given[c.Day][c.Shift], 0) }
	rootBound = math.Inf(-1)
	roster = make(Roster, E)
	fixed := make([]bool, E)
	rows := make([][]int, E) // each free person's row of the last step
	pool := make([]map[string][]int, E)
	for e := range E {
		pool[e] = map[string][]int{}
	}
	free := E
	for e := range from {
		if open[e] {
			pool[e][rowKey(from[e])] = from[e]
			continue
		}
		roster[e], fixed[e] = from[e], true
		free--
		pool[e][rowKey(from[e])] = from[e]
		for d, k := range from[e] {
			if k >= 0 {
				given[d][k]++
			}
		}
	}
	// price gives every free person their cheapest row under the prices and adds it to their pool;
	// it returns the Lagrangian value (a lower bound on every completion of the fixed rows) and
	// what each person's row costs under the prices.
	rowCost := make([]float64, E)
	priceOut := func() (float64, bool) {
		L := 0.0
		for d := range H {
			clear(count[d])
		}
		for e := range E {
			if fixed[e] {
				continue
			}
			row, cost, ext, ok, _ := s.pricedRow(e, price, rows[e], marg, nil, math.Inf(1))
			spent += ext
			if !ok {
				return 0, false
			}
			rows[e] = row
			rowCost[e] = cost
			L += cost
			for d, k := range row {
				if k >= 0 {
					count[d][k]++
				}
			}
			pool[e][rowKey(row)] = row
		}
		for _, c := range in.Cover {
			if g := given[c.Day][c.Shift]; g > c.Requirement {
				L += float64(c.Over * (g - c.Requirement))
			}
			L -= price[c.Day][c.Shift] * float64(need(c))
		}
		for e := range E {
			if fixed[e] {
				for d, k := range roster[e] {
					L += float64(s.requestCost(e, d, k))
				}
			}
		}
		return L, true
	}
	// Subgradient steps (as in lowerBound) fill the pools before the first programme.
	theta, stale, bestL := lrTheta, 0, math.Inf(-1)
	for range v.first {
		if spent > maxExt || stop() {
			return nil, spent, rootBound, false
		}
		L, ok := priceOut()
		if !ok {
			return nil, spent, rootBound, false
		}
		if L > bestL+1e-9 {
			bestL, stale = L, 0
		} else if stale++; stale >= lrStale {
			theta, stale = theta/2, 0
		}
		if !s.subgradientStep(price, count, need, theta, ub, L) {
			break
		}
	}
	// The linear programme over the pools: a row per person (the shares of their rows sum to 1)
	// and a row per cover row (the rows on it plus short minus over make the requirement). It
	// lives through all rounds, so each solve starts from the last one's basis: fixing a person
	// prices their other rows out of it at diveArtificial.
	lp := s.coverMaster()
	owner := map[int]int{} // master column → its person
	colRow := map[int][]int{}
	colsOf := make([][]int, E)
	inLP := map[string]bool{}
	addRow := func(e int, row []int) {
		key := strconv.Itoa(e) + ":" + rowKey(row)
		if inLP[key] {
			return
		}
		inLP[key] = true
		j := lp.add(s.rowColumn(e, row))
		owner[j], colRow[j] = e, row
		colsOf[e] = append(colsOf[e], j)
	}
	for e := range E {
		for _, key := range slices.Sorted(maps.Keys(pool[e])) {
			addRow(e, pool[e][key])
		}
	}
	// ban prices every other row of j's person out of the programme and returns their costs.
	ban := func(j int) map[int]float64 {
		saved := map[int]float64{}
		for _, o := range colsOf[owner[j]] {
			if o != j {
				saved[o] = lp.cost[o]
				lp.cost[o] = diveArtificial
			}
		}
		return saved
	}
	fix := func(j int) {
		e := owner[j]
		if fixed[e] {
			return
		}
		roster[e] = colRow[j]
		fixed[e] = true
		free--
		for d, k := range colRow[j] {
			if k >= 0 {
				given[d][k]++
			}
		}
		ban(j)
	}
	for round := 0; free > 0; round++ {
		for it := 0; ; it++ {
			if spent > maxExt || (round == 0 && spent > maxRootExt) || stop() {
				return nil, spent, rootBound, false
			}
			// A solve cut short by its pivots leaves a basis that is feasible, if not optimal:
			// its duals still price rows out, so the dive goes on.
			w := lp.work
			lp.solve(diveMaxPivots)
			spent += (lp.work - w) / lpPerExt
			opt := lp.objective()
			// The duals of the cover rows are the prices at which the rows are priced out: a
			// row that costs less than its person's dual would lower the programme's optimum.
			for i, c := range in.Cover {
				price[c.Day][c.Shift] = min(max(-lp.y[E+i], -float64(c.Under)), float64(c.Over))
			}
			L, ok := priceOut()
			if !ok {
				return nil, spent, rootBound, false
			}
			bestL = max(bestL, L)
			better := false
			for e := range E {
				if !fixed[e] && rowCost[e] < lp.y[e]-1e-6 {
					better = true
					addRow(e, rows[e])
				}
			}
			if !better || opt-bestL < 1e-6 || it+1 >= diveCG {
				break
			}
		}
		if round == 0 && from == nil {
			rootBound = bestL
		}
		// Fix every whole row, and of the v.try largest shares of free people's rows the one
		// whose fixing raises the programme least (each tried by a solve without new rows).
		var whole, cands []int
		share := map[int]float64{}
		for r, j := range lp.basis {
			if e, ok := owner[j]; ok && !fixed[e] {
				if lp.xB[r] >= diveWhole {
					whole = append(whole, j)
				} else {
					cands = append(cands, j)
					share[j] = max(lp.xB[r], 0)
				}
			}
		}
		for _, j := range whole {
			fix(j)
		}
		if len(whole) > 0 || len(cands) == 0 {
			continue
		}
		slices.SortFunc(cands, func(a, c int) int {
			if va, vc := share[a], share[c]; va != vc {
				return cmp.Compare(vc, va)
			}
			return cmp.Compare(a, c)
		})
		cands = cands[:min(len(cands), v.try)]
		pick, pickOpt := cands[0], math.Inf(1)
		if len(cands) > 1 {
			st := lp.save()
			for _, j := range cands {
				saved := ban(j)
				w := lp.work
				ok := lp.solve(diveMaxPivots)
				spent += (lp.work - w) / lpPerExt
				if o := lp.objective(); ok && o < pickOpt-1e-9 {
					pick, pickOpt = j, o
				}
				for o, c := range saved {
					lp.cost[o] = c
				}
				lp.restore(st)
			}
		}
		fix(pick)
	}
	return roster, spent, rootBound, true
}

// rowKey turns a row into a comparable key for telling rows apart (two bytes a day, so up to
// 65,535 shift types).
func rowKey(row []int) string {
	b := make([]byte, 2*len(row))
	for i, k := range row {
		b[2*i], b[2*i+1] = byte((k+1)>>8), byte(k+1)
	}
	return string(b)
}

// coverMaster is the programme over rows, with none yet: a row per person (the shares of their
// rows sum to 1), started by an artificial column of cost diveArtificial, and a row per cover row
// (the rows on it plus short minus over make the requirement), with its short and over columns
// at their weights.
func (s *solver) coverMaster() *master {
	in, E := s.in, len(s.in.Staff)
	b := make([]float64, E+len(in.Cover))
	for e := range E {
		b[e] = 1
	}
	for i, c := range in.Cover {
		b[E+i] = float64(c.Requirement)
	}
	lp := newMaster(b)
	for e := range E {
		lp.add(diveArtificial, []int32{int32(e)}, []float64{1})
	}
	for i, c := range in.Cover {
		lp.add(float64(c.Under), []int32{int32(E + i)}, []float64{1})
	}
	for i, c := range in.Cover {
		lp.add(float64(c.Over), []int32{int32(E + i)}, []float64{-1})
	}
	return lp
}

// rowColumn is person e's row as a column of coverMaster: its cost (the requests it leaves
// unmet) and the programme's rows it has a 1 in.
func (s *solver) rowColumn(e int, row []int) (cost float64, idx []int32, val []float64) {
	E := len(s.in.Staff)
	idx = []int32{int32(e)}
	for d, k := range row {
		cost += float64(s.requestCost(e, d, k))
		if k >= 0 {
			if i := s.coverAt[d][k]; i >= 0 {
				idx = append(idx, int32(E+i))
			}
		}
	}
	val = make([]float64, len(idx))
	for t := range val {
		val[t] = 1
	}
	return cost, idx, val
}

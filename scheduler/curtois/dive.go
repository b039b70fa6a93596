package curtois

import (
	"maps"
	"math"
	"slices"
)

// A roster by price-and-fix (a "dive" in branch-and-price terms). Subgradient steps on the cover
// prices of the Lagrangian bound (lagrange.go) give every person not yet fixed their cheapest row
// under the prices; every row seen joins that person's pool. The linear programme over the pools
// (each free person a convex mix of their rows, the cover soft with its weights) then says how the
// rows combine, and the row with the largest share is fixed, with every row at a share of at least
// diveWhole. Fixed people count as cover already given: a cover row then needs max(0, requirement −
// given) more. Every row keeps its person's rules, so the roster keeps every hard rule.

// diveFirst is the number of subgradient steps that fill the pools before the first programme,
// diveCG the most rounds of pricing out at the programme's duals before a fix; diveWhole is the
// share at which a row counts as whole.
const (
	diveFirst = 300
	diveCG    = 30
	diveWhole = 0.999
	// diveArtificial is the cost of the artificial column that starts each person's row of the
	// programme: above any roster's objective, so no optimum keeps one.
	diveArtificial = 1e7
	// diveMaxPivots caps one solve of the programme; lpPerExt is how many of its multiply-adds
	// count as one state extension of the programme's work.
	diveMaxPivots = 20_000
	lpPerExt      = 8
)

// dive builds a roster by price-and-fix, steering the first steps by ub (an objective some roster
// reaches). It returns the roster, the work spent (in state extensions of the programme; the
// linear programme's multiply-adds count lpPerExt to one) and the bound of the linear relaxation
// before the first fix (a lower bound on every roster's objective, −Inf when not reached); ok is
// false when the programme cannot run for someone, a person has no row that keeps their rules, or
// maxExt or stop end it.
func (s *solver) dive(ub float64, maxExt int64, stop func() bool) (roster Roster, spent int64, rootBound float64, ok bool) {
	in := s.in
	H, S, E := in.Horizon, len(in.Shifts), len(in.Staff)
	if H > dpHorizon {
		return nil, 0, math.Inf(-1), false
	}
	price := make([][]float64, H)
	marg := make([][]float64, H)
	count := make([][]int, H)
	given := make([][]int, H) // [day][shift] fixed people on it
	for d := range H {
		price[d] = make([]float64, S)
		marg[d] = make([]float64, S+1)
		count[d] = make([]int, S)
		given[d] = make([]int, S)
		for k := range S {
			if i := s.coverAt[d][k]; i >= 0 {
				price[d][k] = -float64(in.Cover[i].Under) / 2
			}
		}
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
			row, cost, ext, ok := s.pricedRow(e, price, rows[e], marg)
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
	for range diveFirst {
		if spent > maxExt || stop() {
			return nil, spent, rootBound, false
		}
		L, ok := priceOut()
		if !ok {
			return nil, spent, rootBound, false
		}
		norm := 0.0
		for _, c := range in.Cover {
			g := float64(count[c.Day][c.Shift] - need(c))
			norm += g * g
		}
		if L > bestL+1e-9 {
			bestL, stale = L, 0
		} else if stale++; stale >= lrStale {
			theta, stale = theta/2, 0
		}
		if norm == 0 || ub-L < 1e-6 {
			break
		}
		step := theta * (ub - L) / norm
		for _, c := range in.Cover {
			g := float64(count[c.Day][c.Shift] - need(c))
			p := &price[c.Day][c.Shift]
			*p = min(max(*p+step*g, -float64(c.Under)), float64(c.Over))
		}
	}
	for round := 0; free > 0; round++ {
		// The linear programme over the pools of the free people: a row per free person (their
		// rows' shares sum to 1) and a row per cover row (the free people's rows plus short minus
		// over make what is still needed).
		var people []int
		who := make([]int, E)
		for e := range E {
			if !fixed[e] {
				who[e] = len(people)
				people = append(people, e)
			}
		}
		nP, nC := len(people), len(in.Cover)
		b := make([]float64, nP+nC)
		constant := 0.0
		for i := range people {
			b[i] = 1
		}
		for i, c := range in.Cover {
			b[nP+i] = float64(need(c))
			if g := given[c.Day][c.Shift]; g > c.Requirement {
				constant += float64(c.Over * (g - c.Requirement))
			}
		}
		for e := range E {
			if fixed[e] {
				for d, k := range roster[e] {
					constant += float64(s.requestCost(e, d, k))
				}
			}
		}
		lp := newMaster(b)
		for i := range people {
			lp.add(diveArtificial, []int32{int32(i)}, []float64{1})
		}
		for i, c := range in.Cover {
			lp.add(float64(c.Under), []int32{int32(nP + i)}, []float64{1})
		}
		for i, c := range in.Cover {
			lp.add(float64(c.Over), []int32{int32(nP + i)}, []float64{-1})
		}
		type col struct {
			e   int
			row []int
		}
		cols := map[int]col{} // master column → person and row
		inLP := map[string]bool{}
		addRow := func(e int, row []int) {
			key := string(rune(e)) + rowKey(row)
			if inLP[key] {
				return
			}
			inLP[key] = true
			idx := []int32{int32(who[e])}
			cost := 0.0
			for d, k := range row {
				cost += float64(s.requestCost(e, d, k))
				if k >= 0 {
					if i := s.coverAt[d][k]; i >= 0 {
						idx = append(idx, int32(nP+i))
					}
				}
			}
			val := make([]float64, len(idx))
			for t := range val {
				val[t] = 1
			}
			cols[lp.add(cost, idx, val)] = col{e, row}
		}
		for _, e := range people {
			for _, key := range slices.Sorted(maps.Keys(pool[e])) {
				addRow(e, pool[e][key])
			}
		}
		for it := 0; ; it++ {
			if spent > maxExt || stop() {
				return nil, spent, rootBound, false
			}
			w := lp.work
			ok := lp.solve(diveMaxPivots)
			spent += (lp.work - w) / lpPerExt
			if !ok {
				return nil, spent, rootBound, false
			}
			opt := constant + lp.objective()
			// The duals of the cover rows are the prices at which the rows are priced out: a
			// row that costs less than its person's dual would lower the programme's optimum.
			for i, c := range in.Cover {
				price[c.Day][c.Shift] = min(max(-lp.y[nP+i], -float64(c.Under)), float64(c.Over))
			}
			L, ok := priceOut()
			if !ok {
				return nil, spent, rootBound, false
			}
			bestL = max(bestL, L)
			better := false
			for i, e := range people {
				if rowCost[e] < lp.y[i]-1e-6 {
					better = true
					addRow(e, rows[e])
				}
			}
			if !better || opt-bestL < 1e-6 || it+1 >= diveCG {
				break
			}
		}
		if round == 0 {
			rootBound = bestL
		}
		// Fix the largest share, and every whole one.
		top, topX := -1, -1.0
		for _, j := range slices.Sorted(maps.Keys(cols)) {
			if v := lp.value(j); v > topX+1e-9 {
				top, topX = j, v
			}
		}
		for _, j := range slices.Sorted(maps.Keys(cols)) {
			c := cols[j]
			if (j == top || lp.value(j) >= diveWhole) && !fixed[c.e] {
				roster[c.e] = c.row
				fixed[c.e] = true
				free--
				for d, k := range c.row {
					if k >= 0 {
						given[d][k]++
					}
				}
			}
		}
	}
	return roster, spent, rootBound, true
}

// rowKey turns a row into a comparable key for telling rows apart.
func rowKey(row []int) string {
	b := make([]byte, len(row))
	for i, k := range row {
		b[i] = byte(k + 1)
	}
	return string(b)
}

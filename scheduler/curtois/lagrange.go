package curtois

import "math"

// A lower bound on the objective by Lagrangian relaxation of the cover: each cover row (d, k) gets a
// price λ that a person pays for working k on day d, and the row's cost f(n) is replaced by
// min over n of f(n) − λ·n. With the cover relaxed, every person's rules stand alone, so the exact
// one-person programme (bestRowPriced) gives each person's cheapest row under the prices, and
//
//	L(λ) = Σ_e min_row [requests(row) + Σ λ·x] + Σ_(d,k) min_n [f(n) − λ·n]
//
// is a lower bound on every roster's objective for every λ between −Under and Over, where the inner
// minimum is at n = Requirement and equals −λ·Requirement. The prices are raised where more people
// want a shift than it needs and lowered where fewer do (subgradient steps of Polyak's size), and
// the best L found is the bound. This is the bound of the linear relaxation of the column
// formulation that exact methods for this benchmark start from.

// The subgradient steps: at most lrIters, the step factor starts at lrTheta and halves after lrStale
// steps without a better bound (tried on Instances 1–4 against the best-known value: factors 0.5–2
// and 5–50 steps; 1 and 30 gave the best bounds on Instances 2 and 3 in 1,000 steps).
const (
	lrIters = 500
	lrTheta = 1.0
	lrStale = 30
)

// pricedRow is person e's cheapest row when working k on day d costs price[d][k] on top of e's
// requests, and its cost; marg is scratch space of the horizon's size. prev, e's row of the step
// before (or nil), keeps e's rules, so what it costs now bounds the cheapest row: the programme may
// drop every state that cannot beat it and stays exact. With forb (or nil), working k (or off,
// k = −1) on day d costs diveArtificial more where forb[d][k+1] is above 0. A row dearer than
// limit is not sought: ok is then false when there is none at most that dear, and unless capped
// (the programme grew too large) every row costs more than limit.
func (s *solver) pricedRow(e int, price [][]float64, prev []int, marg [][]float64, forb [][]int32, limit float64) (row []int, cost float64, ext int64, ok, capped bool) {
	for d := range marg {
		for k := -1; k < len(s.in.Shifts); k++ {
			c := float64(s.requestCost(e, d, k))
			if k >= 0 {
				c += price[d][k]
			}
			if forb != nil && forb[d][k+1] > 0 {
				c += diveArtificial
			}
			marg[d][k+1] = c
		}
	}
	rowUB := math.Inf(1)
	if prev != nil {
		rowUB = 0
		for d, k := range prev {
			rowUB += marg[d][k+1]
		}
	}
	return s.bestRowPriced(e, dpLimit, min(rowUB, limit), marg)
}

// startPrices gives the cover prices the subgradient steps start from (minus half the
// under-weight on every cover row, 0 elsewhere), with scratch space for pricedRow's cell costs
// and for the number of people on each day and shift.
func (s *solver) startPrices() (price, marg [][]float64, count [][]int) {
	H, S := s.in.Horizon, len(s.in.Shifts)
	price, marg, count = make([][]float64, H), make([][]float64, H), make([][]int, H)
	for d := range H {
		price[d], marg[d], count[d] = make([]float64, S), make([]float64, S+1), make([]int, S)
		for k := range S {
			if i := s.coverAt[d][k]; i >= 0 {
				price[d][k] = -float64(s.in.Cover[i].Under) / 2
			}
		}
	}
	return price, marg, count
}

// subgradientStep moves the prices a step of Polyak's size, theta·(target − L)/|g|², along the
// subgradient g = count − need of each cover row, each price kept between minus the row's
// under-weight and its over-weight. It reports false, moving nothing, when g is 0 (the rows keep
// the cover exactly) or L meets the target.
func (s *solver) subgradientStep(price [][]float64, count [][]int, need func(Cover) int, theta, target, L float64) bool {
	norm := 0.0
	for _, c := range s.in.Cover {
		g := float64(count[c.Day][c.Shift] - need(c))
		norm += g * g
	}
	if norm == 0 || target-L < 1e-6 {
		return false
	}
	step := theta * (target - L) / norm
	for _, c := range s.in.Cover {
		g := float64(count[c.Day][c.Shift] - need(c))
		p := &price[c.Day][c.Shift]
		*p = min(max(*p+step*g, -float64(c.Under)), float64(c.Over))
	}
	return true
}

// lowerBound runs subgradient steps from prices of minus half the under-weight, steering the step
// by ub (an objective some roster reaches), until the bound meets ub, the steps run out, maxExt
// state extensions are spent or stop says so. It returns the best bound, −Inf when there is none
// (the programme cannot run for some person, or a person has no row that keeps their rules), and
// the extensions spent.
func (s *solver) lowerBound(ub float64, maxExt int64, stop func() bool) (float64, int64) {
	in := s.in
	H, E := in.Horizon, len(in.Staff)
	bound, spent := math.Inf(-1), int64(0)
	if H > dpHorizon {
		return bound, 0
	}
	price, marg, count := s.startPrices()
	theta, stale := lrTheta, 0
	rows := make([][]int, E) // each person's row of the last step
	for range lrIters {
		if spent > maxExt || stop() {
			break
		}
		L := 0.0
		for d := range H {
			clear(count[d])
		}
		for e := range E {
			row, cost, ext, ok, _ := s.pricedRow(e, price, rows[e], marg, nil, math.Inf(1))
			spent += ext
			if !ok {
				return math.Inf(-1), spent
			}
			rows[e] = row
			L += cost
			for d, k := range row {
				if k >= 0 {
					count[d][k]++
				}
			}
		}
		for _, c := range in.Cover {
			L -= price[c.Day][c.Shift] * float64(c.Requirement)
		}
		if L > bound+1e-9 {
			bound, stale = L, 0
		} else if stale++; stale >= lrStale {
			theta, stale = theta/2, 0
		}
		if !s.subgradientStep(price, count, func(c Cover) int { return c.Requirement }, theta, ub, L) {
			break // the rows keep the cover exactly, or the bound meets ub
		}
	}
	return bound, spent
}

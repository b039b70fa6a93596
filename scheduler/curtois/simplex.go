package curtois

import (
	"math"
	"slices"
)

// master is a linear programme min c·x subject to A·x = b, x ≥ 0 (b ≥ 0), solved by the revised
// simplex method with an explicit basis inverse. It is built for column generation: columns can be
// added between solves, and each solve starts from the basis the last one ended with, so a round
// of new columns costs only the pivots they bring. The columns are sparse (a column is the rows it
// has a coefficient in); the first m columns must form the unit matrix, the starting basis.
// Entering columns are chosen by the most negative reduced cost, ties in the ratio test go to the
// basic column added first, and b is perturbed by tiny distinct amounts against cycling.
type master struct {
	m      int
	b      []float64
	cost   []float64
	idx    [][]int32
	val    [][]float64
	basis  []int       // [row] the basic column
	inB    []bool      // [column] basic
	binv   [][]float64 // the basis inverse
	xB     []float64   // the basic columns' values
	y      []float64   // the duals c_B·B⁻¹
	pivots int         // pivots since the last inversion
	total  int         // pivots in all
	next   int         // where partial pricing looks first
	work   int64       // multiply-adds done, for the caller's work count
}

// masterReinvert: after this many pivots the basis inverse is computed afresh.
const masterReinvert = 200

func newMaster(b []float64) *master {
	m := len(b)
	p := &master{m: m, b: make([]float64, m), basis: make([]int, m), xB: make([]float64, m), y: make([]float64, m)}
	p.binv = make([][]float64, m)
	for r := range m {
		_, f := math.Modf(float64(r+1) * 0.6180339887498949)
		p.b[r] = b[r] + 1e-7*(1+f)
		p.binv[r] = make([]float64, m)
		p.binv[r][r] = 1
		p.basis[r] = r
		p.xB[r] = p.b[r]
	}
	return p
}

// add appends a column with the given cost and coefficients and returns its index; the first m
// added must be the unit columns of rows 0..m-1 in order.
func (p *master) add(cost float64, idx []int32, val []float64) int {
	j := len(p.cost)
	p.cost = append(p.cost, cost)
	p.idx = append(p.idx, idx)
	p.val = append(p.val, val)
	p.inB = append(p.inB, j < p.m)
	return j
}

// duals computes y = c_B·B⁻¹.
func (p *master) duals() {
	clear(p.y)
	for r, j := range p.basis {
		if c := p.cost[j]; c != 0 {
			for i, v := range p.binv[r] {
				p.y[i] += c * v
			}
		}
	}
	p.work += int64(p.m * p.m)
}

// reduced is column j's reduced cost at the current duals.
func (p *master) reduced(j int) float64 {
	d := p.cost[j]
	for t, i := range p.idx[j] {
		d -= p.y[i] * p.val[j][t]
	}
	return d
}

// solve pivots to the optimum from the current basis; false when maxPivots were not enough or
// the programme is unbounded.
func (p *master) solve(maxPivots int) bool {
	const eps = 1e-9
	m := p.m
	alpha := make([]float64, m)
	for range maxPivots {
		p.duals()
		// Partial pricing: the most negative reduced cost among the first block of columns
		// (from where the last search stopped) that has one.
		n := len(p.cost)
		block := max(4*m, 256)
		enter, best, scanned := -1, -eps, 0
		for scanned < n && enter < 0 {
			end := min(scanned+block, n)
			for t := scanned; t < end; t++ {
				j := (p.next + t) % n
				if p.inB[j] {
					continue
				}
				if d := p.reduced(j); d < best {
					enter, best = j, d
				}
			}
			scanned = end
		}
		p.next = (p.next + scanned) % n
		p.work += int64(scanned * 8)
		if enter < 0 {
			return true
		}
		for r := range m {
			a := 0.0
			for t, i := range p.idx[enter] {
				a += p.binv[r][i] * p.val[enter][t]
			}
			alpha[r] = a
		}
		leave, ratio := -1, math.Inf(1)
		for r := range m {
			if a := alpha[r]; a > eps {
				q := p.xB[r] / a
				if q < ratio-1e-12 || (q < ratio+1e-12 && p.basis[r] < p.basis[leave]) {
					leave, ratio = r, q
				}
			}
		}
		if leave < 0 {
			return false
		}
		piv := p.binv[leave]
		inv := 1 / alpha[leave]
		for i := range piv {
			piv[i] *= inv
		}
		p.xB[leave] *= inv
		for r := range m {
			if r == leave || alpha[r] == 0 {
				continue
			}
			f := alpha[r]
			row := p.binv[r]
			for i, v := range piv {
				row[i] -= f * v
			}
			p.xB[r] -= f * p.xB[leave]
		}
		p.work += int64(m * (m + len(p.idx[enter])))
		p.inB[p.basis[leave]] = false
		p.inB[enter] = true
		p.basis[leave] = enter
		p.total++
		if p.pivots++; p.pivots >= masterReinvert {
			p.reinvert()
		}
	}
	return false
}

// reinvert computes the basis inverse and the basic values afresh (Gauss–Jordan with partial
// pivoting), against the drift of many updates.
func (p *master) reinvert() {
	m := p.m
	B := make([][]float64, m) // [row] B's row, then the unit matrix
	for r := range m {
		B[r] = make([]float64, 2*m)
		B[r][m+r] = 1
	}
	for c, j := range p.basis {
		for t, i := range p.idx[j] {
			B[i][c] = p.val[j][t]
		}
	}
	for c := range m {
		piv := c
		for r := c + 1; r < m; r++ {
			if math.Abs(B[r][c]) > math.Abs(B[piv][c]) {
				piv = r
			}
		}
		if math.Abs(B[piv][c]) < 1e-12 {
			p.pivots = 0 // singular by drift: keep the updated inverse until the next turn
			return
		}
		B[c], B[piv] = B[piv], B[c]
		inv := 1 / B[c][c]
		for i := range B[c] {
			B[c][i] *= inv
		}
		for r := range m {
			if r != c && B[r][c] != 0 {
				f := B[r][c]
				for i := range B[r] {
					B[r][i] -= f * B[c][i]
				}
			}
		}
	}
	for r := range m {
		copy(p.binv[r], B[r][m:])
	}
	for r := range m {
		v := 0.0
		for i, w := range p.binv[r] {
			v += w * p.b[i]
		}
		p.xB[r] = v
	}
	p.pivots = 0
	p.work += int64(2 * m * m * m)
}

// masterState is what a solve changes in a master, for trying a change and taking it back.
type masterState struct {
	basis  []int
	binv   [][]float64
	xB     []float64
	pivots int
	next   int
}

// save returns the current basis and its inverse.
func (p *master) save() masterState {
	st := masterState{basis: slices.Clone(p.basis), xB: slices.Clone(p.xB), pivots: p.pivots, next: p.next}
	st.binv = make([][]float64, p.m)
	for r := range p.binv {
		st.binv[r] = slices.Clone(p.binv[r])
	}
	p.work += int64(p.m * p.m)
	return st
}

// restore goes back to a saved basis (columns added since stay, out of the basis).
func (p *master) restore(st masterState) {
	for _, j := range p.basis {
		p.inB[j] = false
	}
	copy(p.basis, st.basis)
	for _, j := range p.basis {
		p.inB[j] = true
	}
	for r := range p.binv {
		copy(p.binv[r], st.binv[r])
	}
	copy(p.xB, st.xB)
	p.pivots, p.next = st.pivots, st.next
	p.work += int64(p.m * p.m)
}

// setBasis makes basis (the basic column of each row, of a basis some solve ended with) the
// current one, computing its inverse and values afresh.
func (p *master) setBasis(basis []int32) {
	for _, j := range p.basis {
		p.inB[j] = false
	}
	for r, j := range basis {
		p.basis[r] = int(j)
		p.inB[j] = true
	}
	p.reinvert()
}

// value is column j's value in the current basic solution.
func (p *master) value(j int) float64 {
	if !p.inB[j] {
		return 0
	}
	for r, k := range p.basis {
		if k == j {
			return max(p.xB[r], 0)
		}
	}
	return 0
}

// objective is c·x of the current basic solution.
func (p *master) objective() float64 {
	v := 0.0
	for r, j := range p.basis {
		v += p.cost[j] * max(p.xB[r], 0)
	}
	return v
}

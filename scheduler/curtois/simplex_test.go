package curtois

import (
	"math/rand/v2"
	"slices"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

// randomMaster is min c·x, A·x = b, x ≥ 0 with unit starting columns of high cost (so the
// optimum leaves them where it can) and n random sparse 0/±1 columns.
func randomMaster(rng *rand.Rand, m, n int) *master {
	b := make([]float64, m)
	for r := range b {
		b[r] = float64(rng.IntN(4))
	}
	p := newMaster(b)
	for r := range m {
		p.add(50, []int32{int32(r)}, []float64{1})
	}
	for range n {
		var idx []int32
		var val []float64
		for r := range m {
			if rng.IntN(3) == 0 {
				idx = append(idx, int32(r))
				val = append(val, []float64{1, 1, -1}[rng.IntN(3)])
			}
		}
		p.add(float64(rng.IntN(20)), idx, val)
	}
	return p
}

// certify checks an optimum by its certificate: A·x = b (the perturbed b), x ≥ 0, every reduced
// cost ≥ 0 at the duals, and c·x = y·b.
func certify(t *testing.T, p *master) {
	t.Helper()
	x := make([]float64, len(p.cost))
	for j := range x {
		x[j] = p.value(j)
		assert.GreaterOrEqual(t, x[j], 0.0)
	}
	for r := range p.m {
		s := 0.0
		for j := range x {
			for k, i := range p.idx[j] {
				if int(i) == r {
					s += p.val[j][k] * x[j]
				}
			}
		}
		assert.InDelta(t, p.b[r], s, 1e-6, "row %d holds", r)
	}
	p.duals()
	for j := range p.cost {
		assert.GreaterOrEqual(t, p.reduced(j), -1e-6, "column %d prices out", j)
	}
	yb := 0.0
	for r, v := range p.y {
		yb += v * p.b[r]
	}
	assert.InDelta(t, yb, p.objective(), 1e-6, "no duality gap")
}

func TestMasterSolvesToACertifiedOptimum(t *testing.T) {
	rng := rand.New(rand.NewPCG(7, 7))
	for range 40 {
		m, n := 2+rng.IntN(12), 1+rng.IntN(60)
		p := randomMaster(rng, m, n)
		require.True(t, p.solve(10_000))
		certify(t, p)
	}
}

// Columns added after a solve are taken from the basis it ended with, and the optimum is the same
// as that of one solve over all columns.
func TestMasterAddsColumnsWarm(t *testing.T) {
	for seed := range uint64(20) {
		whole := randomMaster(rand.New(rand.NewPCG(seed, 1)), 8, 40)
		require.True(t, whole.solve(10_000))

		part := randomMaster(rand.New(rand.NewPCG(seed, 1)), 8, 40)
		rest := len(part.cost) - 15
		cost, idx, val := part.cost[rest:], part.idx[rest:], part.val[rest:]
		part.cost, part.idx, part.val, part.inB = part.cost[:rest], part.idx[:rest], part.val[:rest], part.inB[:rest]
		require.True(t, part.solve(10_000))
		for j := range cost {
			part.add(cost[j], idx[j], val[j])
		}
		require.True(t, part.solve(10_000))
		certify(t, part)
		assert.InDelta(t, whole.objective(), part.objective(), 1e-6, "seed %d", seed)
	}
}

// Many pivots pass through the fresh inversion and the optimum stays certified.
func TestMasterReinverts(t *testing.T) {
	rng := rand.New(rand.NewPCG(3, 3))
	p := randomMaster(rng, 60, 2000)
	require.True(t, p.solve(100_000))
	require.Greater(t, p.total, masterReinvert)
	certify(t, p)
	p.reinvert()
	certify(t, p)
}

// A basis set by its columns alone (as the branch-and-price search goes back to an open node)
// gives the values it had, and solving on from it after a change of costs ends certified.
func TestMasterSetsABasis(t *testing.T) {
	for seed := range uint64(20) {
		p := randomMaster(rand.New(rand.NewPCG(seed, 5)), 10, 60)
		require.True(t, p.solve(10_000))
		basis, xB, obj := make([]int32, p.m), slices.Clone(p.xB), p.objective()
		for r, j := range p.basis {
			basis[r] = int32(j)
		}

		p.cost[p.m+int(seed%50)] += 30 // move to another optimum
		require.True(t, p.solve(10_000))
		p.cost[p.m+int(seed%50)] -= 30

		p.setBasis(basis)
		for r, j := range basis {
			assert.Equal(t, int(j), p.basis[r])
			assert.True(t, p.inB[j])
		}
		inB := 0
		for _, in := range p.inB {
			if in {
				inB++
			}
		}
		assert.Equal(t, p.m, inB, "only the basis is marked basic")
		for r := range xB {
			assert.InDelta(t, xB[r], p.xB[r], 1e-9)
		}
		assert.InDelta(t, obj, p.objective(), 1e-9)
		require.True(t, p.solve(10_000))
		certify(t, p)
		assert.InDelta(t, obj, p.objective(), 1e-6)
	}
}

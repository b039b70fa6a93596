package scheduler

import (
	"container/heap"
	"math"
)

// flowNet is a min-cost flow network whose arcs all point from lower to higher node numbers at the
// start (source first, sink last), so the first potentials come from one pass in node order. It
// finds a flow of minimum cost (of any size): it augments while a path of negative cost remains.
type flowNet struct {
	head []int32
	next []int32
	to   []int32
	cap  []int32
	cost []float64
}

func newFlowNet(nodes int) *flowNet {
	f := &flowNet{head: make([]int32, nodes)}
	for i := range f.head {
		f.head[i] = -1
	}
	return f
}

// arc adds u→v with capacity c and cost per unit w; it returns the arc's index.
func (f *flowNet) arc(u, v int, c int, w float64) int {
	i := len(f.to)
	f.to = append(f.to, int32(v), int32(u))
	f.cap = append(f.cap, int32(c), 0)
	f.cost = append(f.cost, w, -w)
	f.next = append(f.next, f.head[u], f.head[v])
	f.head[u], f.head[v] = int32(i), int32(i+1)
	return i
}

// flowOn returns the flow on arc i.
func (f *flowNet) flowOn(i int) int { return int(f.cap[i^1]) }

const flowEps = 1e-9

// solve runs the primal-dual algorithm from node 0 to the last node and returns the flow's cost.
func (f *flowNet) solve() float64 {
	n := len(f.head)
	src, sink := 0, n-1
	pot := make([]float64, n)
	for i := range pot {
		pot[i] = math.Inf(1)
	}
	pot[src] = 0
	for u := range n { // arcs go forward in node order: one pass gives shortest distances
		if math.IsInf(pot[u], 1) {
			continue
		}
		for a := f.head[u]; a >= 0; a = f.next[a] {
			if f.cap[a] > 0 && pot[u]+f.cost[a] < pot[f.to[a]] {
				pot[f.to[a]] = pot[u] + f.cost[a]
			}
		}
	}
	for i := range pot {
		if math.IsInf(pot[i], 1) {
			pot[i] = 0 // unreachable now and forever: no arcs into it carry flow
		}
	}
	dist := make([]float64, n)
	level := make([]int32, n)
	iter := make([]int32, n)
	queue := make([]int32, 0, n)
	total := 0.0
	for {
		// Dijkstra on reduced costs.
		for i := range dist {
			dist[i] = math.Inf(1)
		}
		dist[src] = 0
		h := &nodeHeap{{int32(src), 0}}
		for h.Len() > 0 {
			it := heap.Pop(h).(heapItem)
			u := it.node
			if it.d > dist[u] {
				continue
			}
			for a := f.head[u]; a >= 0; a = f.next[a] {
				if f.cap[a] <= 0 {
					continue
				}
				v := f.to[a]
				nd := dist[u] + f.cost[a] + pot[u] - pot[v]
				if nd < dist[v]-flowEps {
					dist[v] = nd
					heap.Push(h, heapItem{v, nd})
				}
			}
		}
		if math.IsInf(dist[sink], 1) {
			return total
		}
		for i := range pot {
			pot[i] += math.Min(dist[i], dist[sink])
		}
		pathCost := pot[sink] - pot[src]
		if pathCost >= -flowEps {
			return total
		}
		// Blocking flow on admissible arcs (reduced cost 0), Dinic style.
		for {
			for i := range level {
				level[i] = -1
			}
			level[src] = 0
			queue = append(queue[:0], int32(src))
			for qi := 0; qi < len(queue); qi++ {
				u := queue[qi]
				for a := f.head[u]; a >= 0; a = f.next[a] {
					v := f.to[a]
					if f.cap[a] > 0 && level[v] < 0 && math.Abs(f.cost[a]+pot[u]-pot[v]) < flowEps {
						level[v] = level[u] + 1
						queue = append(queue, v)
					}
				}
			}
			if level[sink] < 0 {
				break
			}
			copy(iter, f.head)
			for {
				pushed := f.augment(src, sink, level, iter, pot)
				if pushed == 0 {
					break
				}
				total += float64(pushed) * pathCost
			}
		}
	}
}

// augment pushes one unit along an admissible level path (all capacities here are small integers,
// and source arcs have capacity 1, so a unit at a time is exact).
func (f *flowNet) augment(u, sink int, level, iter []int32, pot []float64) int {
	if u == sink {
		return 1
	}
	for ; iter[u] >= 0; iter[u] = f.next[iter[u]] {
		a := iter[u]
		v := int(f.to[a])
		if f.cap[a] > 0 && level[v] == level[u]+1 && math.Abs(f.cost[a]+pot[u]-pot[v]) < flowEps {
			if f.augment(v, sink, level, iter, pot) > 0 {
				f.cap[a]--
				f.cap[a^1]++
				return 1
			}
		}
	}
	return 0
}

type heapItem struct {
	node int32
	d    float64
}

type nodeHeap []heapItem

func (h nodeHeap) Len() int           { return len(h) }
func (h nodeHeap) Less(i, j int) bool { return h[i].d < h[j].d }
func (h nodeHeap) Swap(i, j int)      { h[i], h[j] = h[j], h[i] }
func (h *nodeHeap) Push(x any)        { *h = append(*h, x.(heapItem)) }
func (h *nodeHeap) Pop() any {
	old := *h
	it := old[len(old)-1]
	*h = old[:len(old)-1]
	return it
}

package curtois

import "math"

// The exact best roster of one person while everyone else's stays fixed: a dynamic programme over
// the days whose states carry what the person's hard rules need to know (the shift worked last, the
// length of the current run of work or days off and whether it began on day 0, minutes, weekends
// and the count of each shift type whose maximum can bind). Only equal states are merged, so the
// result is exact. States are dropped early when they can no longer meet the minimum minutes, or
// when their cost plus a lower bound on the rest of the horizon exceeds a given upper bound: the
// bound is a backward programme over the states without minutes and counts (a relaxation), so
// nothing that could beat the upper bound is lost.

// dpKey is a state of the programme after some day.
type dpKey struct {
	last     int8 // shift type worked that day, -1 for a day off
	run      int8 // length of the current run, capped
	fromZero bool // the current run began on day 0
	weekends int8
	minutes  int32
	counts   [4]int8 // counts of the tracked shift types, −1 once a count can no longer bind
}

type dpLabel struct {
	key  dpKey
	cost float64
	prev int32 // index of the label of the day before, -1 on day 0
}

// dpRun is one call of the programme for one person: what its steps need to know.
type dpRun struct {
	s        *solver
	e        int
	st       *Staff
	H, S     int
	tracked  []int // [shift type] index into dpKey.counts, or -1
	trackedK []int // [index into dpKey.counts] its shift type
	maxLen   int   // the longest shift in minutes
	minLen   int   // the shortest shift the person may work, in minutes
	runCap   int8
	marg     [][]float64 // [day][k+1] what e working k (or off, k = -1) on day d costs
	// lb[d][relaxed state index] is a lower bound on the cost of days d+1.. from that state.
	lb [][]float64
}

// step extends state key by working k (−1: off) on day d, or reports that a hard rule forbids it.
// With full false, the minutes and counts are neither kept nor checked (the relaxation).
func (p *dpRun) step(key dpKey, d, k int, full bool) (dpKey, bool) {
	in, st, s := p.s.in, p.st, p.s
	if k >= 0 {
		if s.dayOff[p.e][d] || st.MaxShifts[k] == 0 {
			return key, false
		}
		if key.last >= 0 && s.banned[int(key.last)*p.S+k] {
			return key, false
		}
		if full {
			if t := p.tracked[k]; t >= 0 && key.counts[t] >= 0 {
				if int(key.counts[t]) >= st.MaxShifts[k] {
					return key, false
				}
				key.counts[t]++
			}
			key.minutes += int32(in.Shifts[k].Minutes)
			if int(key.minutes) > st.MaxTotalMinutes {
				return key, false
			}
		}
	}
	working, wasWorking := k >= 0, key.last >= 0
	switch {
	case d == 0:
		key.run, key.fromZero = 1, true
	case working == wasWorking:
		key.run = min(key.run+1, p.runCap)
	default:
		// A run ends on day d-1: it must be long enough unless it began on day 0.
		if !key.fromZero {
			if wasWorking && int(key.run) < st.MinConsecutive {
				return key, false
			}
			if !wasWorking && int(key.run) < st.MinDaysOff {
				return key, false
			}
		}
		key.run, key.fromZero = 1, false
	}
	if working && int(key.run) > st.MaxConsecutive {
		return key, false
	}
	if d%7 == 6 && d >= 6 && (working || key.last >= 0) {
		key.weekends++
		if int(key.weekends) > st.MaxWeekends {
			return key, false
		}
	}
	if full {
		rest := p.H - 1 - d // the most shifts still to come
		if int(key.minutes)+rest*p.maxLen < st.MinTotalMinutes {
			return key, false
		}
		if p.minLen > 0 {
			rest = min(rest, (st.MaxTotalMinutes-int(key.minutes))/p.minLen)
		}
		// A count that cannot reach its maximum in the shifts still to come no longer matters:
		// it is set free (−1), so states that differ only in it merge.
		for t, k := range p.trackedK {
			if c := key.counts[t]; c >= 0 && int(c)+rest <= st.MaxShifts[k] {
				key.counts[t] = -1
			}
		}
	}
	key.last = int8(k)
	return key, true
}

// relaxed is the index of key's state without minutes and counts in a layer of lb.
func (p *dpRun) relaxed(key dpKey) int {
	i := int(key.last) + 1
	i = i*(int(p.runCap)+1) + int(key.run)
	i *= 2
	if key.fromZero {
		i++
	}
	return i*(p.st.MaxWeekends+1) + int(key.weekends)
}

// bounds fills lb backwards from the last day and returns the steps it took.
func (p *dpRun) bounds() int64 {
	var steps int64
	n := (p.S + 1) * (int(p.runCap) + 1) * 2 * (p.st.MaxWeekends + 1)
	p.lb = make([][]float64, p.H)
	p.lb[p.H-1] = make([]float64, n)
	for d := p.H - 2; d >= 0; d-- {
		lb := make([]float64, n)
		next := p.lb[d+1]
		// Only states that can occur after day d: a run from day 0 has lasted d+1 days, and no more
		// weekends can have been worked than have passed.
		zeroRun := min(d+1, int(p.runCap))
		weekends := min(p.st.MaxWeekends, (d+1)/7)
		for last := -1; last < p.S; last++ {
			for run := 1; run <= int(p.runCap); run++ {
				for _, fromZero := range []bool{false, true} {
					if fromZero && run != zeroRun {
						continue
					}
					for w := 0; w <= weekends; w++ {
						key := dpKey{last: int8(last), run: int8(run), fromZero: fromZero, weekends: int8(w)}
						best := math.Inf(1)
						steps += int64(p.S + 1)
						for k := -1; k < p.S; k++ {
							if to, ok := p.step(key, d+1, k, false); ok {
								best = min(best, p.marg[d+1][k+1]+next[p.relaxed(to)])
							}
						}
						lb[p.relaxed(key)] = best
					}
				}
			}
		}
		p.lb[d] = lb
	}
	return steps
}

// bestRow returns the cheapest row for person e that keeps all of e's hard rules and costs at most
// ub, given the cover counts of everyone else, and its cost (requests plus the cover cost it adds).
// ok is false when no row keeps the rules within ub; capped says the state space would exceed limit
// labels on one day (or the other caps), in which case ok is false too.
func (s *solver) bestRow(e int, limit int, ub float64) (row []int, cost float64, ext int64, ok, capped bool) {
	return s.bestRowPriced(e, limit, ub, s.coverMarg(e))
}

// coverMarg is what person e working k (or off, k = -1) on day d costs in requests and in the cover
// cost it adds to everyone else's: marg[d][k+1].
func (s *solver) coverMarg(e int) [][]float64 {
	H, S := s.in.Horizon, len(s.in.Shifts)
	marg := make([][]float64, H)
	for d := range H {
		marg[d] = make([]float64, S+1)
		cur := s.r[e][d]
		for k := -1; k < S; k++ {
			c := float64(s.requestCost(e, d, k))
			if k >= 0 {
				others := 0
				if cur == k {
					others = -1
				}
				c += s.coverCost(d, k, others+1) - s.coverCost(d, k, others)
			}
			marg[d][k+1] = c
		}
	}
	return marg
}

// bestRowPriced is bestRow with the cost of each cell given: marg[d][k+1] is what working k (or
// off, k = -1) on day d costs person e.
func (s *solver) bestRowPriced(e int, limit int, ub float64, marg [][]float64) (row []int, cost float64, ext int64, ok, capped bool) {
	in, st := s.in, &s.in.Staff[e]
	H, S := in.Horizon, len(in.Shifts)
	p := &dpRun{s: s, e: e, st: st, H: H, S: S, marg: marg}
	// Which shift types need a count: a maximum above 0 that the horizon could exceed.
	p.tracked = make([]int, S)
	nt := 0
	for k := range S {
		p.tracked[k] = -1
		if m := st.MaxShifts[k]; m > 0 && m < H {
			if nt == len(dpKey{}.counts) || m > math.MaxInt8 {
				return nil, 0, ext, false, true // too many limited types for this programme
			}
			p.tracked[k] = nt
			p.trackedK = append(p.trackedK, k)
			nt++
		}
	}
	p.minLen = math.MaxInt
	for k, sh := range in.Shifts {
		p.maxLen = max(p.maxLen, sh.Minutes)
		if st.MaxShifts[k] != 0 {
			p.minLen = min(p.minLen, sh.Minutes)
		}
	}
	longest := max(st.MaxConsecutive, st.MinConsecutive, st.MinDaysOff)
	if longest >= math.MaxInt8 || st.MaxWeekends >= math.MaxInt8 {
		return nil, 0, 0, false, true // runs this long do not fit the state; the annealing handles them
	}
	p.runCap = int8(longest + 1)
	bounded := !math.IsInf(ub, 1)
	if bounded {
		ext += p.bounds()
	}
	layers := make([][]dpLabel, H)
	total := 0 // labels over all days
	var index dpIndex
	for d := range H {
		index.reset(len(layers[max(d-1, 0)]) * 2)
		var prev []dpLabel
		if d == 0 {
			prev = []dpLabel{{key: dpKey{last: -2}, prev: -1}} // before day 0
		} else {
			prev = layers[d-1]
		}
		ext += int64(len(prev) * (S + 1))
		for pi, l := range prev {
			for k := -1; k < S; k++ {
				key, ok := p.step(l.key, d, k, true)
				if !ok {
					continue
				}
				cost := l.cost + p.marg[d][k+1]
				if bounded && cost+p.lb[d][p.relaxed(key)] > ub+1e-9 {
					continue
				}
				slot := index.find(key, layers[d])
				if i := index.slots[slot] - 1; i >= 0 {
					if cost < layers[d][i].cost {
						layers[d][i].cost, layers[d][i].prev = cost, int32(pi)
					}
					continue
				}
				index.slots[slot] = int32(len(layers[d]) + 1)
				layers[d] = append(layers[d], dpLabel{key, cost, int32(pi)})
				if index.full(len(layers[d])) {
					index.grow(layers[d])
				}
			}
		}
		total += len(layers[d])
		if len(layers[d]) > limit || total > dpTotalLimit || ext > dpExtLimit {
			return nil, 0, ext, false, true
		}
		if len(layers[d]) == 0 {
			return nil, 0, ext, false, false
		}
	}
	best, cost := int32(-1), math.Inf(1)
	for i, l := range layers[H-1] {
		if int(l.key.minutes) >= st.MinTotalMinutes && l.cost < cost {
			best, cost = int32(i), l.cost
		}
	}
	if best < 0 {
		return nil, 0, ext, false, false
	}
	row = make([]int, H)
	for d := H - 1; d >= 0; d-- {
		l := layers[d][best]
		row[d] = int(l.key.last)
		best = l.prev
	}
	return row, cost, ext, true, false
}

// dpIndex finds the label of a state among one day's labels: open addressing over slots holding a
// label index plus one (0: empty), at most half full.
type dpIndex struct {
	slots []int32
	mask  uint64
}

// reset empties the index with room for about n labels.
func (x *dpIndex) reset(n int) {
	size := 64
	for size < 2*n {
		size *= 2
	}
	if cap(x.slots) >= size {
		x.slots = x.slots[:size]
		clear(x.slots)
	} else {
		x.slots = make([]int32, size)
	}
	x.mask = uint64(size - 1)
}

func (k dpKey) hash() uint64 {
	a := uint64(uint8(k.last)) | uint64(uint8(k.run))<<8 | uint64(uint8(k.weekends))<<16 | uint64(uint32(k.minutes))<<24
	if k.fromZero {
		a |= 1 << 60
	}
	b := uint64(uint8(k.counts[0])) | uint64(uint8(k.counts[1]))<<8 | uint64(uint8(k.counts[2]))<<16 | uint64(uint8(k.counts[3]))<<24
	h := (a ^ b*0x9e3779b97f4a7c15) * 0xbf58476d1ce4e5b9
	return h ^ h>>31
}

// find returns the slot of key: the one holding its label, or the empty one where it belongs.
func (x *dpIndex) find(key dpKey, labels []dpLabel) uint64 {
	i := key.hash() & x.mask
	for x.slots[i] != 0 && labels[x.slots[i]-1].key != key {
		i = (i + 1) & x.mask
	}
	return i
}

// full reports whether n labels make the index more than half full.
func (x *dpIndex) full(n int) bool { return 2*n > len(x.slots) }

// grow doubles the index and places the labels again.
func (x *dpIndex) grow(labels []dpLabel) {
	x.slots = make([]int32, 2*len(x.slots))
	x.mask = uint64(len(x.slots) - 1)
	for j, l := range labels {
		x.slots[x.find(l.key, labels[:j])] = int32(j + 1)
	}
}

// rowCost is what person e's current row costs in the terms bestRow uses.
func (s *solver) rowCost(e int) float64 { return s.rowCostOf(e, s.r[e]) }

// rowCostOf is what row would cost person e in the terms bestRow uses, everyone else as they are.
func (s *solver) rowCostOf(e int, row []int) float64 {
	c := 0.0
	for d, k := range row {
		c += float64(s.requestCost(e, d, k))
		if k >= 0 {
			others := 0
			if s.r[e][d] == k {
				others = -1
			}
			c += s.coverCost(d, k, others+1) - s.coverCost(d, k, others)
		}
	}
	return c
}

// reoptimise gives person e the best row bestRow finds when it costs no more than e's current row
// (or e's row breaks a hard rule); it reports whether the roster changed and the state extensions
// the programme made.
func (s *solver) reoptimise(e int) (bool, int64) {
	if s.noDP[e] {
		return false, 0
	}
	ub := math.Inf(1)
	now := s.rowCost(e)
	if s.empHard[e] == 0 {
		ub = now
	}
	row, cost, ext, ok, capped := s.bestRow(e, dpLimit, ub)
	if capped {
		s.noDP[e] = true // too many states: do not try again for this person
	}
	if !ok {
		return false, ext
	}
	if s.empHard[e] == 0 && cost > now-1e-9 && (cost > now+1e-9 || s.rng.IntN(2) == 0) {
		return false, ext // no better, and an equal row only half the time
	}
	changed := false
	for d, k := range row {
		if s.r[e][d] != k {
			s.set(e, d, k)
			changed = true
		}
	}
	s.update(e)
	return changed, ext
}

// dpLimit caps the states of one day of bestRow, dpTotalLimit those of all days and dpExtLimit the
// extensions tried, so one call stays cheap in time and memory on long horizons (it then gives up,
// for good for that person, and the annealing goes on). The benchmark's Instances 1–12 stay well
// inside (BenchmarkBestRow).
const (
	dpLimit      = 200_000
	dpTotalLimit = 1_500_000
	dpExtLimit   = 5_000_000
	dpCheap      = 1_000_000
	// dpHorizon is the longest horizon the programme is used for: its states grow with the days,
	// and on longer horizons it mostly hits the caps above after spending its time.
	dpHorizon = 35
)

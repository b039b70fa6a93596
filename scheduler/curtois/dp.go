package curtois

import "math"

// The exact best roster of one person while everyone else's stays fixed: a dynamic programme over
// the days whose states carry what the person's hard rules need to know (the shift worked last, the
// length of the current run of work or days off and whether it began on day 0, minutes, weekends
// and the count of each shift type whose maximum can bind). Only equal states are merged, so the
// result is exact; states that can no longer meet the minimum minutes are dropped early.

// dpKey is a state of the programme after some day.
type dpKey struct {
	last     int8 // shift type worked that day, -1 for a day off
	run      int8 // length of the current run, capped
	fromZero bool // the current run began on day 0
	weekends int8
	minutes  int32
	counts   [4]int8 // counts of the tracked shift types
}

type dpLabel struct {
	key  dpKey
	cost float64
	prev int32 // index of the label of the day before, -1 on day 0
}

// bestRow returns the cheapest row for person e that keeps all of e's hard rules, given the cover
// counts of everyone else, and its cost (requests plus the cover cost it adds). ok is false when no
// row keeps the rules, or the state space would exceed limit labels on one day.
func (s *solver) bestRow(e int, limit int) (row []int, cost float64, ext int64, ok bool) {
	in, st := s.in, &s.in.Staff[e]
	H, S := in.Horizon, len(in.Shifts)
	// Which shift types need a count: a maximum above 0 that the horizon could exceed.
	tracked := make([]int, S) // index into counts, or -1
	nt := 0
	for k := range S {
		tracked[k] = -1
		if m := st.MaxShifts[k]; m > 0 && m < H {
			if nt == len(dpKey{}.counts) || m > math.MaxInt8 {
				return nil, 0, ext, false // too many limited types for this programme
			}
			tracked[k] = nt
			nt++
		}
	}
	// marg[d][k+1]: what e working k (or off, k = -1) on day d costs.
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
	maxLen := 0
	for _, sh := range in.Shifts {
		maxLen = max(maxLen, sh.Minutes)
	}
	longest := max(st.MaxConsecutive, st.MinConsecutive, st.MinDaysOff)
	if longest >= math.MaxInt8 {
		return nil, 0, 0, false // runs this long do not fit the state; the annealing handles them
	}
	runCap := int8(longest + 1)
	layers := make([][]dpLabel, H)
	total := 0 // labels over all days
	index := map[dpKey]int32{}
	extend := func(d int, from int32, key dpKey, cost float64) {
		if i, seen := index[key]; seen {
			if cost < layers[d][i].cost {
				layers[d][i].cost, layers[d][i].prev = cost, from
			}
			return
		}
		index[key] = int32(len(layers[d]))
		layers[d] = append(layers[d], dpLabel{key, cost, from})
	}
	for d := range H {
		clear(index)
		var prev []dpLabel
		if d == 0 {
			prev = []dpLabel{{key: dpKey{last: -2}, prev: -1}} // before day 0
		} else {
			prev = layers[d-1]
		}
		weekendDay := d%7 == 6 && d >= 6
		ext += int64(len(prev) * (S + 1))
		for pi, l := range prev {
			for k := -1; k < S; k++ {
				key := l.key
				if k >= 0 {
					if s.dayOff[e][d] || st.MaxShifts[k] == 0 {
						continue
					}
					if t := tracked[k]; t >= 0 {
						if int(key.counts[t]) >= st.MaxShifts[k] {
							continue
						}
						key.counts[t]++
					}
					if key.last >= 0 {
						banned := false
						for _, no := range in.Shifts[key.last].CannotFollow {
							banned = banned || no == k
						}
						if banned {
							continue
						}
					}
					key.minutes += int32(in.Shifts[k].Minutes)
					if int(key.minutes) > st.MaxTotalMinutes {
						continue
					}
				}
				working, wasWorking := k >= 0, key.last >= 0
				switch {
				case d == 0:
					key.run, key.fromZero = 1, true
				case working == wasWorking:
					key.run = min(key.run+1, runCap)
				default:
					// A run ends on day d-1: it must be long enough unless it began on day 0.
					if !key.fromZero {
						if wasWorking && int(key.run) < st.MinConsecutive {
							continue
						}
						if !wasWorking && int(key.run) < st.MinDaysOff {
							continue
						}
					}
					key.run, key.fromZero = 1, false
				}
				if working && int(key.run) > st.MaxConsecutive {
					continue
				}
				if weekendDay && (working || key.last >= 0) {
					key.weekends++
					if int(key.weekends) > st.MaxWeekends {
						continue
					}
				}
				if int(key.minutes)+(H-1-d)*maxLen < st.MinTotalMinutes {
					continue
				}
				key.last = int8(k)
				extend(d, int32(pi), key, l.cost+marg[d][k+1])
			}
		}
		total += len(layers[d])
		if len(layers[d]) > limit || len(layers[d]) == 0 || total > dpTotalLimit || ext > dpExtLimit {
			return nil, 0, ext, false
		}
	}
	best, cost := int32(-1), math.Inf(1)
	for i, l := range layers[H-1] {
		if int(l.key.minutes) >= st.MinTotalMinutes && l.cost < cost {
			best, cost = int32(i), l.cost
		}
	}
	if best < 0 {
		return nil, 0, ext, false
	}
	row = make([]int, H)
	for d := H - 1; d >= 0; d-- {
		l := layers[d][best]
		row[d] = int(l.key.last)
		best = l.prev
	}
	return row, cost, ext, true
}

// rowCost is what person e's current row costs in the terms bestRow uses.
func (s *solver) rowCost(e int) float64 {
	c := 0.0
	for d, k := range s.r[e] {
		c += float64(s.requestCost(e, d, k))
		if k >= 0 {
			c += s.coverCost(d, k, 0) - s.coverCost(d, k, -1)
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
	row, cost, ext, ok := s.bestRow(e, dpLimit)
	if !ok {
		s.noDP[e] = true // too many states (or no row at all): do not try again for this person
		return false, ext
	}
	if now := s.rowCost(e); s.empHard[e] == 0 && cost > now-1e-9 && (cost > now+1e-9 || s.rng.IntN(2) == 0) {
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

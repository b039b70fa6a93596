package scheduler

import "math"

// Pull chains and the repair after a shake. An ejection chain (chain.go) pushes: someone takes a
// place and whoever makes way moves on. A pull chain runs the other way: a shift that fell below
// its minimum takes someone from another shift of the day, which may fall short in turn and take
// someone else, until the last one comes from idle or from a shift that can spare them. One person
// in the chain may come off a night whose rest clashes with their shift of the next or previous
// day: they leave that shift too and find another place that day (or none).
//
// shakeRepair uses both: it moves one person to another shift (making way, leaving a hole), and
// then repairs every hole with the cheapest pull chain and every person left idle with a push
// chain, in turn, until nothing is left to repair; the annealing keeps or rolls back the whole. It
// is how a part-timer's weekly hours move from one long shift to two short ones while three others
// change places around them, which no single improving chain reaches.

// pullLabel is the cheapest way found so far to take someone off a shift that must then be filled:
// who leaves it for shift into, at the chain's cost so far.
type pullLabel struct {
	cost   float64
	who    int32
	into   int32
	depth  int32
	clash  int32 // the day whose shift who also leaves for rest's sake, or -1
	queued bool
}

// pullMove is one move of a pull chain, applied root first: who comes from shift from (-1: idle)
// into shift into, leaving their shift of day clash too (-1: none).
type pullMove struct {
	who, from, into, clash int32
}

// pullEnd is how a pull chain ends, and what the whole chain costs.
type pullEnd struct {
	pullMove
	cost float64
}

// puller holds the pull search's buffers.
type puller struct {
	label []pullLabel // [shift]
	queue []int32
	moves []pullMove
	seen  []bool // [employee]
}

// maxShakeRepairs bounds the repairs after one shake.
const maxShakeRepairs = 8

// clashDay returns the one day next to d on which e's shift leaves too little rest before or
// after s, when leaving that shift (and e's own shift of day d) would let e work s, weekly hours
// included; otherwise -1.
func (st *state) clashDay(e, d int, s int32) int {
	m := st.m
	clash := -1
	for dd := max(0, d-2); dd <= min(m.days-1, d+2); dd++ {
		if o := st.asg[e][dd]; dd != d && o >= 0 && !restOK(&m.shifts[o], &m.shifts[s]) {
			if clash >= 0 || m.emps[e].pinnedDay[dd] >= 0 {
				return -1
			}
			clash = dd
		}
	}
	if clash < 0 {
		return -1
	}
	have := st.week[e][m.week[d]] + m.shifts[s].work
	for _, dd := range [2]int{d, clash} {
		if o := st.asg[e][dd]; o >= 0 && m.week[dd] == m.week[d] {
			have -= m.shifts[o].work
		}
	}
	if have > m.emps[e].contract+eps {
		return -1
	}
	return clash
}

// fillHole looks for the cheapest pull chain that brings one more person onto shift h (below its
// minimum) and applies it; it reports whether it did. The people it moves off a clashing shift of
// another day, and the shifts that chain leaves short, are appended to the repair lists.
func (s *searcher) fillHole(h int32, idle *[]slot, holes *[]int32) bool {
	st, m := s.st, s.m
	d := m.shifts[h].day
	if len(st.members[h]) >= m.shifts[h].min {
		return false
	}
	p := &s.puller
	if p.label == nil {
		p.label = make([]pullLabel, len(m.shifts))
		p.seen = make([]bool, len(m.emps))
	}
	for _, x := range m.byDay[d] {
		p.label[x] = pullLabel{cost: math.Inf(1), who: -1, into: -1, clash: -1}
	}
	p.queue = p.queue[:0]
	p.label[h] = pullLabel{cost: -m.w.Understaffed * float64(m.shifts[h].prio), who: -1, into: -1, clash: -1}
	end := pullEnd{pullMove{who: -1}, math.Inf(1)}
	p.queue = append(p.queue, h)
	for n := 0; len(p.queue) > 0 && n < maxRelax; n++ {
		x := p.queue[0]
		p.queue = p.queue[1:]
		l := p.label[x]
		p.label[x].queued = false
		if l.depth >= maxChainLen {
			continue
		}
		for _, c := range s.sample(m.eligFor[x]) {
			ci := int(c)
			y := st.asg[ci][d]
			if y == x || y == h || c == l.who || m.emps[ci].pinnedDay[d] >= 0 || s.held == (slot{c, int32(d)}) {
				continue
			}
			clash := int32(-1)
			cost := l.cost + st.arriveCost(ci, d, x)
			ok := st.seqOK(ci, d, x)
			if !ok {
				if dd := st.clashDay(ci, d, x); dd >= 0 && s.held != (slot{c, int32(dd)}) {
					ok, clash = true, int32(dd)
					// Estimated: c idle that day, and that shift short if it was at its minimum.
					cost += st.leaveCost(ci, st.asg[ci][dd]) + m.w.Idle
				}
			}
			if !ok || !st.canLead(x, st.leaderFor(x, m.emps[ci].weight)) {
				continue
			}
			if y < 0 {
				if placed := cost - m.w.Idle; placed < end.cost {
					end = pullEnd{pullMove{who: c, from: -1, into: x, clash: clash}, placed}
				}
				continue
			}
			cost += st.leaveCost(ci, y)
			if cost < end.cost {
				end = pullEnd{pullMove{who: c, from: y, into: x, clash: clash}, cost}
			}
			if len(st.members[y]) <= m.shifts[y].min { // y falls short: fill it in turn
				refill := cost - m.w.Understaffed*float64(m.shifts[y].prio)
				if ly := &p.label[y]; refill < ly.cost-eps && y != h {
					*ly = pullLabel{cost: refill, who: c, into: x, depth: l.depth + 1, clash: clash, queued: ly.queued}
					if !ly.queued {
						ly.queued = true
						p.queue = append(p.queue, y)
					}
				}
			}
		}
	}
	if end.who < 0 || end.cost >= -eps || !p.readBack(end, h) {
		return false
	}
	return s.applyPull(idle, holes)
}

// readBack turns the labels into the pull chain's moves, root first; false when the labels no
// longer describe one chain (someone twice, or a loop).
func (p *puller) readBack(end pullEnd, h int32) bool {
	p.moves = p.moves[:0]
	p.moves = append(p.moves, end.pullMove)
	ok := true
	for x := end.into; x != h; {
		l := p.label[x]
		if len(p.moves) > maxChainLen+1 || l.who < 0 {
			ok = false
			break
		}
		p.moves = append(p.moves, pullMove{who: l.who, from: x, into: l.into, clash: l.clash})
		x = l.into
	}
	for _, mv := range p.moves {
		if ok && p.seen[mv.who] {
			ok = false
		}
		p.seen[mv.who] = true
	}
	for _, mv := range p.moves {
		p.seen[mv.who] = false
	}
	// Root first: each arrives where the one before has just left.
	for i, j := 0, len(p.moves)-1; i < j; i, j = i+1, j-1 {
		p.moves[i], p.moves[j] = p.moves[j], p.moves[i]
	}
	return ok
}

// applyPull makes the moves read back; it rolls back and returns false when one of them no longer
// fits. Whoever leaves a clashing shift gets their best other place that day or goes on the idle
// list; shifts left short go on the hole list.
func (s *searcher) applyPull(idle *[]slot, holes *[]int32) bool {
	st, m := s.st, s.m
	mark := st.begin()
	ni, nh := len(*idle), len(*holes)
	fail := func() bool { // undo, repair lists included
		st.rollback(mark)
		*idle, *holes = (*idle)[:ni], (*holes)[:nh]
		return false
	}
	for _, mv := range s.puller.moves {
		e := int(mv.who)
		d := m.shifts[mv.into].day
		if st.asg[e][d] != mv.from {
			return fail()
		}
		if mv.from >= 0 {
			st.remove(e, d)
		}
		var left int32 = -1
		if mv.clash >= 0 {
			left = st.asg[e][mv.clash]
			if left < 0 {
				return fail()
			}
			st.remove(e, int(mv.clash))
		}
		if !st.put(e, d, mv.into) {
			return fail()
		}
		if left >= 0 {
			if len(st.members[left]) < m.shifts[left].min {
				*holes = append(*holes, left)
			}
			s.replaceAfterClash(e, int(mv.clash), d, idle, holes)
		}
	}
	if last := s.puller.moves[len(s.puller.moves)-1]; last.from >= 0 && len(st.members[last.from]) < m.shifts[last.from].min {
		*holes = append(*holes, last.from)
	}
	st.commit()
	return true
}

// replaceAfterClash finds e, just taken off their shift of day dd for rest's sake, the cheapest
// other place that day. When every place with room clashes in turn with e's shift of the day
// beyond (not day from, where the chain put them), e leaves that one too, once: the way a run of
// nights moves along. Whoever stays idle, and shifts left short, go on the repair lists.
func (s *searcher) replaceAfterClash(e, dd, from int, idle *[]slot, holes *[]int32) {
	st, m := s.st, s.m
	st.placeAmong(e, dd, m.emps[e].elig[dd])
	if st.asg[e][dd] >= 0 {
		return
	}
	best, bestDelta, beyond := int32(-1), 0.0, -1
	for _, t := range m.emps[e].elig[dd] {
		if len(st.members[t]) >= m.shifts[t].max {
			continue
		}
		d3 := st.clashDay(e, dd, t)
		if d3 < 0 || d3 == from || s.held == (slot{int32(e), int32(d3)}) || !st.canLead(t, st.leaderFor(t, m.emps[e].weight)) {
			continue
		}
		if delta := st.insertDelta(e, t) + st.leaveCost(e, st.asg[e][d3]); best < 0 || delta < bestDelta {
			best, bestDelta, beyond = t, delta, d3
		}
	}
	if best < 0 {
		*idle = append(*idle, slot{int32(e), int32(dd)})
		return
	}
	left, lw := st.asg[e][beyond], st.leader[st.asg[e][beyond]]
	st.remove(e, beyond)
	if !st.put(e, dd, best) { // not expected: clashDay and leaderFor allowed it
		if len(st.members[left]) == 0 {
			st.setLeader(left, lw)
		}
		st.add(e, beyond, left)
		*idle = append(*idle, slot{int32(e), int32(dd)})
		return
	}
	if len(st.members[left]) < m.shifts[left].min {
		*holes = append(*holes, left)
	}
	st.placeAmong(e, beyond, m.emps[e].elig[beyond])
	if st.asg[e][beyond] < 0 {
		*idle = append(*idle, slot{int32(e), int32(beyond)})
	}
}

// shakeRepair moves e, who works on day d, to shift to, making way on a full shift by taking off
// one of its members, and then repairs what that broke: holes by pull chains, people left idle
// (and e's own idle days of the week, when the move freed hours) by push chains. The annealing
// keeps or rolls back the whole.
func (s *searcher) shakeRepair(e, d int, to int32) {
	st, m := s.st, s.m
	from := st.asg[e][d]
	if from < 0 || from == to || m.emps[e].pinnedDay[d] >= 0 {
		return
	}
	before := st.cost()
	mark := st.begin()
	var idle []slot
	var holes []int32
	st.remove(e, d)
	if len(st.members[to]) >= m.shifts[to].max {
		mem := st.members[to]
		o := int(mem[s.rng.IntN(len(mem))])
		lw := st.leader[to]
		if m.emps[o].pinnedDay[d] >= 0 {
			st.rollback(mark)
			return
		}
		st.remove(o, d)
		if len(st.members[to]) == 0 {
			st.setLeader(to, lw)
		}
		idle = append(idle, slot{int32(o), int32(d)})
	}
	if !st.put(e, d, to) {
		st.rollback(mark)
		return
	}
	if len(st.members[from]) < m.shifts[from].min {
		holes = append(holes, from)
	}
	if m.shifts[to].work < m.shifts[from].work { // hours freed for e's idle days
		for dd := range m.days {
			if dd != d && m.week[dd] == m.week[d] && st.asg[e][dd] < 0 && m.movable(e, dd) {
				idle = append(idle, slot{int32(e), int32(dd)})
			}
		}
	}
	s.held = slot{int32(e), int32(d)}
	defer func() { s.held = slot{-1, -1} }()
	for n := 0; n < maxShakeRepairs && len(idle)+len(holes) > 0; n++ {
		if len(holes) > 0 {
			h := holes[0]
			holes = holes[1:]
			s.fillHole(h, &idle, &holes)
			continue
		}
		sl := idle[0]
		idle = idle[1:]
		if st.asg[sl.e][sl.d] < 0 {
			s.chain(int(sl.e), int(sl.d))
		}
	}
	s.settle(before, mark)
}

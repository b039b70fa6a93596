package scheduler

import "math"

// Ejection chains. A person who costs something (idle, or away from their own werkplek) takes a
// place on a shift; when that shift is full, or its werkleider has no room, one of its members
// moves on to another shift (that day, or another day of the week on which they have none), and
// so on, until the last one lands on a shift with room or is left idle. Finding the cheapest such
// chain is a shortest-path search over the week's shifts, the way a min-cost flow finds an
// augmenting path; it reaches improvements of four or five people at once that single random
// moves seldom find together.

// maxChainLen bounds the moves of one chain, and maxRelax the work of one search.
const (
	maxChainLen = 6
	maxRelax    = 20000
)

// chainLabel is the cheapest way found so far to bring someone onto a shift.
type chainLabel struct {
	cost   float64 // the cost of the moves so far
	who    int32   // who arrives
	from   int32   // the shift they leave, or -1 (the chain's first person, idle)
	depth  int32   // moves so far
	queued bool
}

// chainEnd is how a chain ends: the last arrival stays on shift at (ejected < 0), or ejected
// leaves at for no shift at all.
type chainEnd struct {
	at      int32
	ejected int32
	cost    float64
}

// chainMove is one move of a chain: who goes from one shift to another (-1: none).
type chainMove struct {
	who      int
	from, to int32
}

// chainer holds the search's buffers, reused from one chain to the next.
type chainer struct {
	label []chainLabel // [shift]
	queue []int32
	moves []chainMove
	seen  []bool // [employee] already in the chain being read back
}

// chain looks for the cheapest chain that starts with e on day d and applies it when it lowers the
// cost; it reports whether it did.
func (s *searcher) chain(e, d int) bool {
	st, m := s.st, s.m
	if m.emps[e].pinnedDay[d] >= 0 || !m.emps[e].avail[d] {
		return false
	}
	c := &s.chainer
	if c.label == nil {
		c.label = make([]chainLabel, len(m.shifts))
		c.seen = make([]bool, len(m.emps))
	}
	for dd := range m.days {
		if m.week[dd] == m.week[d] {
			for _, sh := range m.byDay[dd] {
				c.label[sh] = chainLabel{cost: math.Inf(1)}
			}
		}
	}
	c.queue = c.queue[:0]
	if cur := st.asg[e][d]; cur >= 0 {
		s.arcs(e, d, cur, st.leaveCost(e, cur), 1)
	} else {
		for _, t := range m.emps[e].elig[d] {
			if st.seqOK(e, d, t) {
				c.relax(t, st.arriveCost(e, d, t)-m.w.Idle, int32(e), -1, 1)
			}
		}
	}
	end := chainEnd{at: -1, cost: -eps}
	for n := 0; len(c.queue) > 0 && n < maxRelax; n++ {
		sh := c.queue[0]
		c.queue = c.queue[1:]
		l := c.label[sh]
		c.label[sh].queued = false
		who := int(l.who)
		w := m.emps[who].weight
		if len(st.members[sh]) < m.shifts[sh].max && st.canLead(sh, st.leaderFor(sh, w)) {
			cost := l.cost
			if len(st.members[sh]) < m.shifts[sh].min {
				cost -= m.w.Understaffed * float64(m.shifts[sh].prio)
			}
			if cost < end.cost {
				end = chainEnd{at: sh, ejected: -1, cost: cost}
			}
			continue // room here: nobody needs to make way
		}
		if l.depth >= maxChainLen {
			continue
		}
		dd := m.shifts[sh].day
		lw := st.leader[sh]
		for _, p := range st.members[sh] {
			pi := int(p)
			if p == l.who || m.emps[pi].pinnedDay[dd] >= 0 || s.held == (slot{p, int32(dd)}) ||
				(lw >= 0 && st.wlLoad[lw][dd]+w-m.emps[pi].weight > m.wls[lw].cap+eps) {
				continue
			}
			leave := l.cost
			if st.nonHome(pi, sh) {
				leave -= m.w.Continuity
			}
			if idle := leave + m.w.Idle + st.changeDelta(pi, dd, -1); idle < end.cost {
				end = chainEnd{at: sh, ejected: p, cost: idle}
			}
			s.arcs(pi, dd, sh, leave, l.depth+1)
		}
	}
	if end.at < 0 || !c.readBack(e, end) {
		return false
	}
	return s.applyChain()
}

// arcs records where p, leaving shift from on day d with the chain's cost so far, can go next: another
// shift that day, or (when the whole range is searched) a shift on another day of the week on which
// p has none, so that p's weekly hours move with them.
func (s *searcher) arcs(p, d int, from int32, cost float64, depth int32) {
	st, m := s.st, s.m
	c := &s.chainer
	for _, t := range m.emps[p].elig[d] {
		if t != from && st.seqOK(p, d, t) {
			c.relax(t, cost+st.arriveCost(p, d, t), int32(p), from, depth)
		}
	}
	if !s.whole {
		return
	}
	// p idle on d instead of d2: the idle count stays, the repair's changes move.
	leave := cost + st.changeDelta(p, d, -1)
	for d2 := range m.days {
		if d2 == d || m.week[d2] != m.week[d] || st.asg[p][d2] >= 0 || !m.movable(p, d2) {
			continue
		}
		for _, t := range m.emps[p].elig[d2] {
			if st.seqOKWithout(p, d2, t, d) {
				c.relax(t, leave+st.arriveCost(p, d2, t), int32(p), from, depth)
			}
		}
	}
}

// relax records a cheaper way to bring who onto shift t.
func (c *chainer) relax(t int32, cost float64, who, from int32, depth int32) {
	l := &c.label[t]
	if cost >= l.cost-eps {
		return
	}
	*l = chainLabel{cost: cost, who: who, from: from, depth: depth, queued: l.queued}
	if !l.queued {
		l.queued = true
		c.queue = append(c.queue, t)
	}
}

// readBack turns the labels into the chain's moves, last move first; it returns false when the
// labels no longer describe one chain (a person twice, which is also how a shift twice shows, or a
// chain too long: a later, cheaper label overwrote part of it).
func (c *chainer) readBack(e int, end chainEnd) bool {
	c.moves = c.moves[:0]
	if end.ejected >= 0 {
		c.moves = append(c.moves, chainMove{who: int(end.ejected), from: end.at, to: -1})
		c.seen[end.ejected] = true
	}
	ok := true
	for sh, steps := end.at, 0; ; steps++ {
		l := c.label[sh]
		if steps > maxChainLen || c.seen[l.who] {
			ok = false
			break
		}
		c.seen[l.who] = true
		c.moves = append(c.moves, chainMove{who: int(l.who), from: l.from, to: sh})
		if l.depth == 1 { // the chain's first move: e's own
			ok = int(l.who) == e
			break
		}
		sh = l.from
	}
	for _, mv := range c.moves {
		c.seen[mv.who] = false
	}
	return ok
}

// applyChain makes the moves read back, last first (so each lands where the next has left room),
// and keeps them when the cost went down; otherwise it rolls them back.
func (s *searcher) applyChain() bool {
	st, m := s.st, s.m
	before := st.cost()
	mark := st.begin()
	for _, mv := range s.chainer.moves {
		if mv.from >= 0 {
			d := m.shifts[mv.from].day
			if st.asg[mv.who][d] != mv.from {
				st.rollback(mark)
				return false
			}
			st.remove(mv.who, d)
		}
		if mv.to < 0 {
			continue
		}
		if d := m.shifts[mv.to].day; st.asg[mv.who][d] >= 0 || !st.put(mv.who, d, mv.to) {
			st.rollback(mark)
			return false
		}
	}
	if st.cost() < before-eps {
		st.commit()
		return true
	}
	st.rollback(mark)
	return false
}

// polish applies improving chains to everyone who costs something on the days being searched,
// until none is left; it reports whether anything changed.
func (s *searcher) polish() bool {
	st := s.st
	changed := false
	for again := true; again; {
		again = false
		for _, sl := range s.slots {
			e, d := int(sl.e), int(sl.d)
			if s.days != nil && !s.days[d] {
				continue
			}
			if a := st.asg[e][d]; (a < 0 || st.nonHome(e, a)) && s.chain(e, d) {
				again, changed = true, true
			}
		}
	}
	return changed
}

package scheduler

import (
	"context"
	"math"
	"math/rand/v2"
	"sort"
	"time"
)

// dayFlow builds the min-cost flow of one day: employees → eligible shifts → sink, with a reward of
// the idle weight per person placed and of the understaffed weight per place up to a shift's minimum.
// candidates decides which (employee, shift) pairs are allowed. It returns the network and the arcs
// that stand for each pair, so the caller can read the flow back.
func (st *state) dayFlow(d int, candidates func(e int, s int32) bool) (*flowNet, []int32, []int32, []int, float64) {
	m := st.m
	shifts := m.byDay[d]
	var emps []int32
	for e := range m.emps {
		if m.emps[e].avail[d] && st.asg[e][d] < 0 && len(m.emps[e].elig[d]) > 0 {
			emps = append(emps, int32(e))
		}
	}
	shiftNode := make(map[int32]int, len(shifts))
	for i, s := range shifts {
		shiftNode[s] = 1 + len(emps) + i
	}
	sink := 1 + len(emps) + len(shifts)
	f := newFlowNet(sink + 1)
	var pe, ps []int32
	var pa []int
	for i, e := range emps {
		f.arc(0, 1+i, 1, -m.w.Idle)
		for _, s := range m.emps[e].elig[d] {
			if !candidates(int(e), s) {
				continue
			}
			c := 0.0
			if st.nonHome(int(e), s) {
				c = m.w.Continuity
			}
			pa = append(pa, f.arc(1+i, shiftNode[s], 1, c))
			pe, ps = append(pe, e), append(ps, s)
		}
	}
	var fixed float64 // what the day's own shifts cost before anyone is placed by the flow
	for _, s := range shifts {
		sh := &m.shifts[s]
		have := len(st.members[s])
		short := max(0, sh.min-have)
		if short > 0 {
			f.arc(shiftNode[s], sink, short, -m.w.Understaffed*float64(sh.prio))
		}
		if rest := sh.max - max(have, sh.min); rest > 0 {
			f.arc(shiftNode[s], sink, rest, 0)
		}
		fixed += m.w.Understaffed * float64(sh.prio*short)
	}
	return f, pe, ps, pa, fixed
}

// lowerBound returns a bound no plan can beat: each day on its own as a min-cost flow that keeps
// eligibility, one shift a day and the maxima, but drops weekly hours, rest and supervision.
func lowerBound(m *model) float64 {
	st := newState(m)
	for e := range m.emps { // pins are part of every plan
		for d := range m.days {
			if s := m.emps[e].pinnedDay[d]; s >= 0 {
				st.add(e, d, s)
			}
		}
	}
	lb := m.w.Understaffed*float64(st.und) + m.w.Idle*float64(st.idle) + m.w.Continuity*float64(st.cont)
	// st.und counts every day's shortage; each day's flow below starts from that day's part.
	lb -= m.w.Understaffed * float64(st.und)
	for d := range m.days {
		if m.dayArcs(d) > maxFlowArcs {
			return 0 // too large to bound exactly in good time: only the trivial bound
		}
		f, _, _, _, fixed := st.dayFlow(d, func(int, int32) bool { return true })
		lb += fixed + f.solve()
	}
	return lb
}

// construct builds a first plan day by day: pins, then each day's min-cost flow among the pairs that
// keep weekly hours and rest with the days before, placed one by one under a werkleider.
func construct(m *model) *state {
	st := newState(m)
	for d := range m.days {
		for e := range m.emps {
			if s := m.emps[e].pinnedDay[d]; s >= 0 {
				// The exact packing of the day's pins found when they were checked: a greedy
				// choice per pin can leave a later pin without a werkleider who has room.
				if w, ok := m.pinLeader[s]; ok && st.leader[s] < 0 {
					st.setLeader(s, w)
				}
				st.add(e, d, s)
			}
		}
	}
	for d := range m.days {
		var proposed map[int32][]int32
		if m.dayArcs(d) <= maxFlowArcs {
			proposed = st.flowProposal(d)
		} else {
			proposed = st.greedyProposal(d)
		}
		st.placeDay(d, proposed)
		st.placeLeftovers(d)
	}
	return st
}

// maxFlowArcs bounds the size of a day's network for which the exact min-cost flow is used; above
// it (regions far larger than Paswerk) a greedy proposal is made instead, as the flow's phases grow
// with the network.
const maxFlowArcs = 40000

// dayArcs counts the (employee, shift) pairs of day d.
func (m *model) dayArcs(d int) int {
	n := 0
	for e := range m.emps {
		n += len(m.emps[e].elig[d])
	}
	return n
}

// flowProposal proposes day d's members by min-cost flow among the pairs that keep weekly hours and
// rest with the days before.
func (st *state) flowProposal(d int) map[int32][]int32 {
	f, pe, ps, pa, _ := st.dayFlow(d, func(e int, s int32) bool { return st.seqOK(e, d, s) })
	f.solve()
	proposed := map[int32][]int32{}
	for i, a := range pa {
		if f.flowOn(a) > 0 {
			proposed[ps[i]] = append(proposed[ps[i]], pe[i])
		}
	}
	return proposed
}

// greedyProposal proposes day d's members greedily: shifts by priority fill their minimum with the
// people who have the fewest other options (their own werkplek first), then everyone left goes to
// an eligible shift with room, their own werkplek and shifts still short first.
func (st *state) greedyProposal(d int) map[int32][]int32 {
	m := st.m
	proposed := map[int32][]int32{}
	taken := map[int32]bool{}
	count := func(s int32) int { return len(st.members[s]) + len(proposed[s]) }
	ok := func(e int32, s int32) bool {
		return !taken[e] && st.asg[e][d] < 0 && st.seqOK(int(e), d, s)
	}
	shifts := append([]int32(nil), m.byDay[d]...)
	sort.SliceStable(shifts, func(a, b int) bool {
		sa, sb := &m.shifts[shifts[a]], &m.shifts[shifts[b]]
		if sa.prio != sb.prio {
			return sa.prio > sb.prio
		}
		return len(m.eligFor[shifts[a]]) < len(m.eligFor[shifts[b]])
	})
	var buckets [][]int32 // candidates by (away from home, number of options): a stable counting sort
	for _, s := range shifts {
		for i := range buckets {
			buckets[i] = buckets[i][:0]
		}
		for _, e := range m.eligFor[s] {
			k := 2 * len(m.emps[e].elig[d])
			if st.nonHome(int(e), s) {
				k++
			}
			for len(buckets) <= k {
				buckets = append(buckets, nil)
			}
			buckets[k] = append(buckets[k], e)
		}
		var cands []int32
		for k := 0; k < len(buckets); k += 2 { // at home first
			cands = append(cands, buckets[k]...)
		}
		for k := 1; k < len(buckets); k += 2 {
			cands = append(cands, buckets[k]...)
		}
		for _, e := range cands {
			if count(s) >= m.shifts[s].min {
				break
			}
			if ok(e, s) {
				proposed[s] = append(proposed[s], e)
				taken[e] = true
			}
		}
	}
	for e := range m.emps {
		ei := int32(e)
		if !m.emps[e].avail[d] || taken[ei] || st.asg[e][d] >= 0 {
			continue
		}
		best, bestScore := int32(-1), 0
		for _, s := range m.emps[e].elig[d] {
			if count(s) >= m.shifts[s].max || !ok(ei, s) {
				continue
			}
			score := 0
			if !st.nonHome(e, s) {
				score += 2
			}
			if count(s) < m.shifts[s].min {
				score++
			}
			if best < 0 || score > bestScore {
				best, bestScore = s, score
			}
		}
		if best >= 0 {
			proposed[best] = append(proposed[best], ei)
			taken[ei] = true
		}
	}
	return proposed
}

// placeLeftovers gives each person still idle on day d the cheapest eligible shift that has room and
// a werkleider who can take them (possibly by handing the shift to another werkleider).
func (st *state) placeLeftovers(d int) {
	for e := range st.m.emps {
		if st.m.emps[e].avail[d] && st.asg[e][d] < 0 {
			st.placeOne(e, d)
		}
	}
}

// placeDay adds the proposed members of each shift of day d, first deciding who leads which shift:
// whole shifts are packed onto werkleiders, heaviest first, each to the werkleider it fits best; where
// no werkleider has room, the members whose absence costs least are left out.
func (st *state) placeDay(d int, proposed map[int32][]int32) {
	m := st.m
	shifts := make([]int32, 0, len(proposed))
	loadOf := map[int32]float64{}
	for s, mem := range proposed {
		shifts = append(shifts, s)
		l := st.load[s]
		for _, e := range mem {
			l += m.emps[e].weight
		}
		loadOf[s] = l
	}
	// The shifts with the fewest werkleiders who could lead them go first, the heaviest among equals.
	sort.Slice(shifts, func(a, b int) bool {
		sa, sb := shifts[a], shifts[b]
		if na, nb := len(m.shifts[sa].werkleids), len(m.shifts[sb].werkleids); na != nb {
			return na < nb
		}
		if loadOf[sa] != loadOf[sb] {
			return loadOf[sa] > loadOf[sb]
		}
		return sa < sb
	})
	for _, s := range shifts {
		mem := proposed[s]
		sh := &m.shifts[s]
		if sh.needsWL {
			// Leave out members until some werkleider can lead the rest: those above the minimum and
			// away from home first, the heaviest among equals.
			sort.SliceStable(mem, func(a, b int) bool {
				ha, hb := st.nonHome(int(mem[a]), s), st.nonHome(int(mem[b]), s)
				if ha != hb {
					return ha
				}
				return m.emps[mem[a]].weight > m.emps[mem[b]].weight
			})
			extra := loadOf[s] - st.load[s]
			w := st.leaderFor(s, extra)
			for !st.canLead(s, w) && len(mem) > 0 {
				extra -= m.emps[mem[0]].weight
				mem = mem[1:]
				w = st.leaderFor(s, extra)
			}
			if len(mem) == 0 {
				continue
			}
			st.setLeader(s, w)
		}
		for _, e := range mem {
			if len(st.members[s]) < sh.max && st.seqOK(int(e), d, s) {
				st.add(int(e), d, s)
			}
		}
	}
}

// slot is one (employee, day) the search may change.
type slot struct{ e, d int32 }

// searcher improves a state by simulated annealing over moves that keep every hard rule.
type searcher struct {
	st      *state
	m       *model
	rng     *rand.Rand
	all     []slot  // every slot of the plan
	slots   []slot  // the slots of the current phase
	shifts  []int32 // the shifts of the current phase
	whole   bool    // the current phase is the whole range
	temp    float64
	best    snapshot
	lb      float64
	heat    heat
	days    []bool // when set, the days anneal gives a phase of their own (a repair's changed days)
	chainer chainer
	puller  puller
	// held is who the repairs after a shake may not move again that day (e < 0: nobody).
	held slot
	// shake turns on shake-and-repair (pull.go): on small problems, and on mid-size ones at a high
	// effort (see runAll).
	shake bool
}

func newSearcher(st *state, seed uint64, lb float64) *searcher {
	m := st.m
	s := &searcher{st: st, m: m, rng: rand.New(rand.NewPCG(seed, 0x9e3779b97f4a7c15)), lb: lb, held: slot{-1, -1}}
	for e := range m.emps {
		for d := range m.days {
			if m.movable(e, d) {
				s.all = append(s.all, slot{int32(e), int32(d)})
			}
		}
	}
	s.shake = useShake(len(s.all), len(m.emps), 1) // runAll sets it for the caller's effort
	s.focus(-1)
	s.best = st.snapshot()
	return s
}

// movable reports whether the search may change e's work on day d.
func (m *model) movable(e, d int) bool {
	return m.emps[e].avail[d] && m.emps[e].pinnedDay[d] < 0 && len(m.emps[e].elig[d]) > 0
}

// slotCount is the number of (employee, day) pairs the search may change.
func (m *model) slotCount() int {
	n := 0
	for e := range m.emps {
		for d := range m.days {
			if m.movable(e, d) {
				n++
			}
		}
	}
	return n
}

// focus limits the moves to day d, or lifts the limit for d < 0.
func (s *searcher) focus(d int) {
	s.slots, s.shifts, s.whole = s.all, nil, d < 0
	if d < 0 {
		for sh := range s.m.shifts {
			s.shifts = append(s.shifts, int32(sh))
		}
		return
	}
	s.slots = nil
	for _, sl := range s.all {
		if int(sl.d) == d {
			s.slots = append(s.slots, sl)
		}
	}
	s.shifts = s.m.byDay[d]
}

// restart continues from the best state found so far.
func (s *searcher) restart() { s.st = s.st.restoreFrom(s.best) }

// accept decides on a move that changes the cost by delta.
func (s *searcher) accept(delta float64) bool {
	if delta <= 0 {
		return true
	}
	return s.temp > 0 && s.rng.Float64() < math.Exp(-delta/s.temp)
}

// step tries one random move.
func (s *searcher) step() {
	st, m := s.st, s.m
	r := s.rng.IntN(16)
	switch {
	case r == 0 && len(s.shifts) > 0:
		sh := s.shifts[s.rng.IntN(len(s.shifts))]
		if st.leader[sh] >= 0 {
			switch s.rng.IntN(3) {
			case 0:
				s.tryLeaderSwitch(sh)
			case 1:
				s.tryLeaderSwap(sh)
			default:
				s.tryLeaderExchange(sh)
			}
		}
		return
	case r <= 2 && len(s.shifts) > 0:
		for range 8 { // look for a shift below its minimum
			sh := s.shifts[s.rng.IntN(len(s.shifts))]
			if len(st.members[sh]) < m.shifts[sh].min {
				if r == 2 && m.shifts[sh].needsWL {
					s.chainRepair(sh)
				} else {
					s.repairShort(sh)
				}
				break
			}
		}
		return
	}
	sl := s.slots[s.rng.IntN(len(s.slots))]
	if r < 10 { // mostly look at people who cost something: idle or away from home
		for range 8 {
			if a := st.asg[sl.e][sl.d]; a < 0 || st.nonHome(int(sl.e), a) {
				break
			}
			sl = s.slots[s.rng.IntN(len(s.slots))]
		}
	}
	e, d := int(sl.e), int(sl.d)
	if r == 3 && len(s.all) < smallSlots && s.rng.IntN(4) == 0 { // see anneal on chains at scale
		s.chain(e, d)
		return
	}
	if r == 14 && s.shake && st.asg[e][d] >= 0 && s.rng.IntN(2) == 0 {
		elig := m.emps[e].elig[d]
		s.shakeRepair(e, d, elig[s.rng.IntN(len(elig))])
		return
	}
	if r == 15 && m.days > 1 && s.whole { // only when the whole range moves
		s.tryOtherDay(e, d)
		return
	}
	elig := m.emps[e].elig[d]
	cur := st.asg[e][d]
	to := elig[s.rng.IntN(len(elig))]
	if home := m.emps[e].homeElig[d]; len(home) > 0 && (cur < 0 || st.nonHome(e, cur)) && s.rng.IntN(2) == 0 {
		to = home[s.rng.IntN(len(home))]
		if s.heat == cool && s.rng.IntN(4) == 0 {
			s.tryReinforce(e, d, to)
			return
		}
		if cur >= 0 && s.heat == cool && s.rng.IntN(2) == 0 {
			s.tryMakeRoom(e, d, to)
			return
		}
	}
	switch {
	case cur < 0 && len(st.members[to]) < m.shifts[to].max:
		if s.tryInsert(e, d, to) {
			break
		}
		if s.rng.IntN(2) == 0 {
			s.tryMakeRoom(e, d, to)
		} else {
			s.tryEject(e, d, to)
		}
	case cur < 0:
		if s.rng.IntN(2) == 0 {
			s.tryDisplace(e, d, to)
		} else {
			s.tryReplace(e, d, to)
		}
	case s.rng.IntN(8) == 0:
		if s.accept(st.removeDelta(e, cur)) {
			st.remove(e, d)
		}
	case to == cur:
		s.tryLeaderSwitch(cur)
	case len(st.members[to]) < m.shifts[to].max:
		if !s.tryMove(e, d, cur, to) {
			s.trySwap(e, d, cur, to)
		}
	default:
		s.trySwap(e, d, cur, to)
	}
}

// tryInsert puts idle e on shift to; it returns false when supervision capacity was what blocked it.
func (s *searcher) tryInsert(e, d int, to int32) bool {
	st := s.st
	if !st.seqOK(e, d, to) {
		return true
	}
	w := st.leaderFor(to, s.m.emps[e].weight)
	if !st.canLead(to, w) {
		return false
	}
	if s.accept(st.insertDelta(e, to)) {
		st.setLeader(to, w)
		st.add(e, d, to)
	}
	return true
}

// tryEject puts idle e on shift to, whose werkleider has no room, by taking someone at least as
// heavy off one of the shifts that werkleider leads that day.
func (s *searcher) tryEject(e, d int, to int32) {
	st, m := s.st, s.m
	if !st.seqOK(e, d, to) {
		return
	}
	w := st.leader[to]
	if w < 0 {
		// An empty shift: borrow the capacity of a werkleider already at this location.
		cands := m.shifts[to].werkleids
		w = cands[s.rng.IntN(len(cands))]
		if loc := st.wlLoc[w][d]; loc != int32(m.shifts[to].loc) {
			return
		}
	}
	need := st.wlLoad[w][d] + m.emps[e].weight - m.wls[w].cap
	led := st.led[w][d]
	if len(led) == 0 {
		return
	}
	from := led[s.rng.IntN(len(led))]
	mem := st.members[from]
	o := int(mem[s.rng.IntN(len(mem))])
	if m.emps[o].pinnedDay[d] >= 0 || m.emps[o].weight < need-eps {
		return
	}
	delta := st.removeDelta(o, from) + st.insertDelta(e, to)
	if from == to { // a swap within the shift: its count does not change
		delta = st.changeDelta(e, d, to) + st.changeDelta(o, d, -1)
		if st.nonHome(e, to) {
			delta += m.w.Continuity
		}
		if st.nonHome(o, to) {
			delta -= m.w.Continuity
		}
	}
	if !s.accept(delta) {
		return
	}
	st.remove(o, d)
	if st.leader[to] < 0 {
		st.setLeader(to, w)
	}
	st.add(e, d, to)
}

// tryReplace puts idle e on full shift to in place of one of its (unpinned) members.
func (s *searcher) tryReplace(e, d int, to int32) {
	st, m := s.st, s.m
	mem := st.members[to]
	if len(mem) == 0 {
		return
	}
	o := int(mem[s.rng.IntN(len(mem))])
	if m.emps[o].pinnedDay[d] >= 0 || !st.seqOK(e, d, to) {
		return
	}
	delta := st.changeDelta(e, d, to) + st.changeDelta(o, d, -1)
	if st.nonHome(e, to) {
		delta += m.w.Continuity
	}
	if st.nonHome(o, to) {
		delta -= m.w.Continuity
	}
	extra := m.emps[e].weight - m.emps[o].weight
	w := st.leaderFor(to, extra)
	if !st.canLead(to, w) || !s.accept(delta) {
		return
	}
	st.setLeader(to, w)
	st.remove(o, d)
	if len(st.members[to]) == 0 { // the leader went with the last member: take it back
		st.setLeader(to, w)
	}
	st.add(e, d, to)
}

// tryMove moves e from one shift to another; it returns false when supervision capacity blocked it.
func (s *searcher) tryMove(e, d int, from, to int32) bool {
	st, m := s.st, s.m
	if !st.seqOK(e, d, to) {
		return true
	}
	delta := st.removeDelta(e, from) + st.insertDelta(e, to)
	oldLeader := st.leader[from]
	st.remove(e, d)
	w := st.leaderFor(to, m.emps[e].weight)
	if !st.canLead(to, w) || !s.accept(delta) {
		// Undo: the old leader had room for e a moment ago.
		if len(st.members[from]) == 0 {
			st.setLeader(from, oldLeader)
		}
		st.add(e, d, from)
		return st.canLead(to, w)
	}
	st.setLeader(to, w)
	st.add(e, d, to)
	return true
}

// trySwap exchanges e (on from) with a member of the full shift to who can work on from.
func (s *searcher) trySwap(e, d int, from, to int32) {
	st, m := s.st, s.m
	mem := st.members[to]
	if len(mem) == 0 {
		return
	}
	o := int(mem[s.rng.IntN(len(mem))])
	if m.emps[o].pinnedDay[d] >= 0 || !m.eligible(o, d, from) {
		return
	}
	if !st.seqOK(e, d, to) || !st.seqOK(o, d, from) {
		return
	}
	delta := st.changeDelta(e, d, to) + st.changeDelta(o, d, from)
	for _, c := range [][2]int{{e, int(to)}, {o, int(from)}} {
		if st.nonHome(c[0], int32(c[1])) {
			delta += m.w.Continuity
		}
	}
	for _, c := range [][2]int{{e, int(from)}, {o, int(to)}} {
		if st.nonHome(c[0], int32(c[1])) {
			delta -= m.w.Continuity
		}
	}
	diff := m.emps[e].weight - m.emps[o].weight
	lf, lt := st.leader[from], st.leader[to]
	if lf != lt {
		if lt >= 0 && st.wlLoad[lt][d]+diff > m.wls[lt].cap+eps {
			return
		}
		if lf >= 0 && st.wlLoad[lf][d]-diff > m.wls[lf].cap+eps {
			return
		}
	}
	if !s.accept(delta) {
		return
	}
	st.remove(e, d)
	st.remove(o, d)
	st.setLeader(from, lf)
	st.setLeader(to, lt)
	st.add(o, d, from)
	st.add(e, d, to)
}

// tryMakeRoom puts e (idle, or working elsewhere, typically away from home) on shift h on day d,
// whose werkleider has no room for them: a member o of that werkleider's shifts who is at least as
// heavy as the room missing goes to the best other place they can work that day (e's old shift
// among them: a werkleider without capacity limits, or one with room), or is left idle when that is
// cheapest. The whole exchange is kept or rolled back as one move.
func (s *searcher) tryMakeRoom(e, d int, h int32) {
	st, m := s.st, s.m
	from := st.asg[e][d]
	w := st.leader[h]
	if from == h || w < 0 || len(st.members[h]) >= m.shifts[h].max || m.emps[e].pinnedDay[d] >= 0 {
		return
	}
	need := st.wlLoad[w][d] + m.emps[e].weight - m.wls[w].cap
	if need <= eps {
		return // room enough: the plain moves do this
	}
	led := st.led[w][d]
	x := led[s.rng.IntN(len(led))]
	mem := st.members[x]
	o := int(mem[s.rng.IntN(len(mem))])
	if o == e || m.emps[o].pinnedDay[d] >= 0 || m.emps[o].weight < need-eps {
		return
	}
	before := st.cost()
	mark := st.begin()
	if from >= 0 {
		st.remove(e, d)
	}
	st.remove(o, d)
	if len(st.members[x]) == 0 {
		st.setLeader(x, w) // keep w at its location while h fills
	}
	if len(st.members[h]) == 0 {
		st.setLeader(h, w)
	}
	if !st.seqOK(e, d, h) || st.leader[h] != w || st.wlLoad[w][d]+m.emps[e].weight > m.wls[w].cap+eps {
		st.rollback(mark)
		return
	}
	st.add(e, d, h)
	if len(st.members[x]) == 0 {
		st.dropLeader(x)
	}
	st.placeAmong(o, d, s.window(m.emps[o].elig[d], maxPlaces)) // o's best place that day, if any is better than none
	s.settle(before, mark)
}

// tryDisplace puts e (idle, or working elsewhere) on the full shift to in place of one of its
// members, who goes to their best other place that day (e's old shift among them) or is left idle
// when that is cheapest; the whole exchange is kept or rolled back as one move.
func (s *searcher) tryDisplace(e, d int, to int32) {
	st, m := s.st, s.m
	mem := st.members[to]
	if len(mem) == 0 || m.emps[e].pinnedDay[d] >= 0 {
		return
	}
	o := int(mem[s.rng.IntN(len(mem))])
	if m.emps[o].pinnedDay[d] >= 0 || st.asg[e][d] == to {
		return
	}
	before := st.cost()
	mark := st.begin()
	if st.asg[e][d] >= 0 {
		st.remove(e, d)
	}
	lw := st.leader[to]
	st.remove(o, d)
	if len(st.members[to]) == 0 {
		st.setLeader(to, lw)
	}
	if !st.put(e, d, to) {
		st.rollback(mark)
		return
	}
	st.placeAmong(o, d, s.window(m.emps[o].elig[d], maxPlaces))
	s.settle(before, mark)
}

// tryLeaderSwitch hands shift sh to another werkleider with room: no change in cost, but it moves
// supervision capacity to where the next move may need it.
func (s *searcher) tryLeaderSwitch(sh int32) {
	st := s.st
	cur := st.leader[sh]
	if cur < 0 {
		return
	}
	cands := s.m.shifts[sh].werkleids
	w := cands[s.rng.IntN(len(cands))]
	if w == cur {
		return
	}
	d := s.m.shifts[sh].day
	if loc := st.wlLoc[w][d]; loc >= 0 && loc != int32(s.m.shifts[sh].loc) {
		return
	}
	if st.wlLoad[w][d]+st.load[sh] > s.m.wls[w].cap+eps {
		return
	}
	st.setLeader(sh, w)
}

// repairShort helps a shift below its minimum: it frees a werkleider for it, if need be by handing
// that werkleider's other shifts of the day to colleagues with room, and then places the idle
// eligible person who fits best.
func (s *searcher) repairShort(sh int32) {
	st, m := s.st, s.m
	shift := &m.shifts[sh]
	d := shift.day
	if shift.needsWL && st.leader[sh] < 0 {
		cands := shift.werkleids
		if len(cands) == 0 {
			return
		}
		w := cands[s.rng.IntN(len(cands))]
		if loc := st.wlLoc[w][d]; loc >= 0 && loc != int32(shift.loc) && !s.relocate(w, d) {
			return
		}
	}
	// The cheapest person to bring in: idle, or from a shift that stays at or above its minimum; when
	// the werkleider is full, together with taking someone heavy enough off one of its other shifts.
	best, bestDelta, bestEject := -1, 0.0, -1
	var ej []ejectable
	ejBuilt := false
	for _, e := range s.sample(m.eligFor[sh]) {
		ei := int(e)
		cur := st.asg[ei][d]
		if cur == sh || !st.seqOK(ei, d, sh) || (cur >= 0 && (m.emps[ei].pinnedDay[d] >= 0 || len(st.members[cur]) <= m.shifts[cur].min)) {
			continue
		}
		delta := st.insertDelta(ei, sh)
		extra := m.emps[ei].weight
		if cur >= 0 {
			delta += st.removeDelta(ei, cur)
			if st.leader[cur] >= 0 && st.leader[cur] == st.leader[sh] {
				extra = 0 // the same werkleider keeps the same load
			}
		}
		eject := -1
		if !st.canLead(sh, st.leaderFor(sh, extra)) {
			if st.leader[sh] < 0 {
				continue
			}
			if !ejBuilt {
				ej, ejBuilt = s.ejectables(sh), true
			}
			var cost float64
			if eject, cost = s.ejectionFor(sh, ei, extra, ej); eject < 0 {
				continue
			}
			delta += cost
		}
		if best < 0 || delta < bestDelta {
			best, bestDelta, bestEject = ei, delta, eject
		}
	}
	if best < 0 && len(st.members[sh]) < shift.max {
		switch s.rng.IntN(3) {
		case 0:
			if st.leader[sh] >= 0 {
				s.lighten(sh)
			}
		case 1:
			s.freeHoursFor(sh)
		default:
			s.kickChain(sh)
		}
		return
	}
	if best < 0 || bestDelta >= 0 || len(st.members[sh]) >= shift.max {
		return
	}
	if bestEject >= 0 {
		st.remove(bestEject, d)
	}
	if cur := st.asg[best][d]; cur >= 0 {
		s.tryMove(best, d, cur, sh)
		return
	}
	if w := st.leaderFor(sh, m.emps[best].weight); st.canLead(sh, w) {
		st.setLeader(sh, w)
		st.add(best, d, sh)
	}
}

// ejectable is someone who could be taken off a shift to make room under its werkleider.
type ejectable struct {
	p    int
	w    float64
	cost float64
}

// ejectables lists, cheapest first, the unpinned people on the other shifts of sh's werkleider that
// stay at or above their minimum without them.
func (s *searcher) ejectables(sh int32) []ejectable {
	st, m := s.st, s.m
	w := st.leader[sh]
	if w < 0 {
		return nil
	}
	d := m.shifts[sh].day
	var out []ejectable
	for _, o := range st.led[w][d] {
		if o == sh || len(st.members[o]) <= m.shifts[o].min {
			continue
		}
		for _, p := range st.members[o] {
			if pi := int(p); m.emps[pi].pinnedDay[d] < 0 {
				out = append(out, ejectable{pi, m.emps[pi].weight, st.removeDelta(pi, o)})
			}
		}
	}
	sort.Slice(out, func(i, j int) bool { return out[i].cost < out[j].cost })
	return out
}

// ejectionFor picks from list whom to take off so that e (adding extra weight) fits under sh's
// werkleider: the cheapest person heavy enough. It returns -1 when there is none.
func (s *searcher) ejectionFor(sh int32, e int, extra float64, list []ejectable) (int, float64) {
	st, m := s.st, s.m
	w := st.leader[sh]
	need := st.wlLoad[w][m.shifts[sh].day] + extra - m.wls[w].cap
	for _, c := range list {
		if c.p != e && c.w >= need-eps {
			return c.p, c.cost
		}
	}
	return -1, 0
}

// lighten frees supervision capacity on shift sh by exchanging its heaviest unpinned member for a
// lighter eligible person who is idle; the heavy member becomes idle, which costs nothing overall
// but lets the next repair bring one more person in.
func (s *searcher) lighten(sh int32) {
	st, m := s.st, s.m
	d := m.shifts[sh].day
	heavy := -1
	for _, p := range st.members[sh] {
		if pi := int(p); m.emps[pi].pinnedDay[d] < 0 && (heavy < 0 || m.emps[pi].weight > m.emps[heavy].weight) {
			heavy = pi
		}
	}
	if heavy < 0 {
		return
	}
	for _, c := range m.eligFor[sh] {
		ci := int(c)
		if st.asg[ci][d] >= 0 || m.emps[ci].weight >= m.emps[heavy].weight-eps || !st.seqOK(ci, d, sh) {
			continue
		}
		delta := st.changeDelta(ci, d, sh) + st.changeDelta(heavy, d, -1)
		if st.nonHome(ci, sh) {
			delta += m.w.Continuity
		}
		if st.nonHome(heavy, sh) {
			delta -= m.w.Continuity
		}
		if !s.accept(delta) {
			return
		}
		w := st.leader[sh]
		st.remove(heavy, d)
		if len(st.members[sh]) == 0 {
			st.setLeader(sh, w)
		}
		st.add(ci, d, sh)
		return
	}
}

// freeHoursFor brings an idle eligible person onto short shift sh whose contract hours of the week
// are used up, by taking them off another day of that week where their shift stays at its minimum.
func (s *searcher) freeHoursFor(sh int32) {
	st, m := s.st, s.m
	d := m.shifts[sh].day
	wk := m.week[d]
	cands := m.eligFor[sh]
	if len(cands) == 0 {
		return
	}
	e := int(cands[s.rng.IntN(len(cands))])
	if st.asg[e][d] >= 0 {
		return
	}
	for dd := range m.days {
		o := st.asg[e][dd]
		if dd == d || m.week[dd] != wk || o < 0 || m.emps[e].pinnedDay[dd] >= 0 || len(st.members[o]) <= m.shifts[o].min {
			continue
		}
		delta := st.removeDelta(e, o) + st.insertDelta(e, sh)
		if delta >= 0 {
			continue
		}
		leader := st.leader[o]
		st.remove(e, dd)
		if st.put(e, d, sh) {
			return
		}
		if len(st.members[o]) == 0 {
			st.setLeader(o, leader)
		}
		st.add(e, dd, o) // undo
	}
}

// settle ends a journaled compound move that began at cost before: kept when the annealing accepts
// the change of cost, rolled back otherwise.
func (s *searcher) settle(before float64, mark int) {
	if s.accept(s.st.cost() - before) {
		s.st.commit()
	} else {
		s.st.rollback(mark)
	}
}

// tryOtherDay moves e's work from day d to another day of the same week where e has none: the
// way to use a part-timer's weekly hours on the day they are needed most.
func (s *searcher) tryOtherDay(e, d int) {
	st, m := s.st, s.m
	from := st.asg[e][d]
	if from < 0 || m.emps[e].pinnedDay[d] >= 0 {
		return
	}
	d2 := s.rng.IntN(m.days)
	if d2 == d || m.week[d2] != m.week[d] || st.asg[e][d2] >= 0 || len(m.emps[e].elig[d2]) == 0 {
		return
	}
	elig := m.emps[e].elig[d2]
	to := elig[s.rng.IntN(len(elig))]
	if len(st.members[to]) >= m.shifts[to].max {
		return
	}
	before := st.cost()
	mark := st.begin()
	st.remove(e, d)
	if !st.put(e, d2, to) {
		st.rollback(mark)
		return
	}
	s.settle(before, mark)
}

// kickChain fills short shift sh with an eligible person whatever stands in the way: their own shift
// that day, a shift elsewhere in the week that uses up their hours, or a shift on a neighbouring day
// that leaves too little rest. Every shift they leave below its minimum is refilled, where possible,
// by someone idle that day. The whole chain is kept or rolled back as one move.
func (s *searcher) kickChain(sh int32) {
	st, m := s.st, s.m
	cands := m.eligFor[sh]
	if len(cands) == 0 || len(st.members[sh]) >= m.shifts[sh].max {
		return
	}
	e := int(cands[s.rng.IntN(len(cands))])
	d := m.shifts[sh].day
	if st.asg[e][d] == sh {
		return
	}
	before := st.cost()
	mark := st.begin()
	var left []int32 // shifts e left
	leave := func(dd int) bool {
		o := st.asg[e][dd]
		if o < 0 {
			return true
		}
		if m.emps[e].pinnedDay[dd] >= 0 {
			return false
		}
		st.remove(e, dd)
		left = append(left, o)
		return true
	}
	if !leave(d) {
		st.rollback(mark)
		return
	}
	// Clear rest conflicts on neighbouring days, then weekly hours, latest shift first.
	for dd := max(0, d-2); dd <= min(m.days-1, d+2); dd++ {
		if o := st.asg[e][dd]; o >= 0 && dd != d && !restOK(&m.shifts[o], &m.shifts[sh]) && !leave(dd) {
			st.rollback(mark)
			return
		}
	}
	for dd := m.days - 1; dd >= 0 && !st.seqOK(e, d, sh); dd-- {
		if dd != d && m.week[dd] == m.week[d] && !leave(dd) {
			st.rollback(mark)
			return
		}
	}
	if !st.put(e, d, sh) {
		st.rollback(mark)
		return
	}
	for _, o := range left {
		od := m.shifts[o].day
		if len(st.members[o]) >= m.shifts[o].min {
			continue
		}
		for _, c := range s.sample(m.eligFor[o]) {
			ci := int(c)
			if ci != e && st.asg[ci][od] < 0 && st.put(ci, od, o) {
				break
			}
		}
	}
	s.settle(before, mark)
}

// chainRepair is a large move for a short shift sh that needs a werkleider: it takes one of sh's
// candidate werkleiders, hands that werkleider's other shifts of the day to colleagues (freeing a
// colleague the same way one level deeper, or leaving out members where a colleague has less
// room), fills sh up to its minimum, and finds new places for whoever was left out. The whole
// change is kept or rolled back as one move.
func (s *searcher) chainRepair(sh int32) {
	st, m := s.st, s.m
	cands := m.shifts[sh].werkleids
	if len(cands) == 0 {
		return
	}
	d := m.shifts[sh].day
	w := cands[s.rng.IntN(len(cands))]
	before := st.cost()
	mark := st.begin()
	var shed []int
	if cur := st.leader[sh]; cur != w {
		if loc := st.wlLoc[w][d]; loc >= 0 && loc != int32(m.shifts[sh].loc) {
			if !s.freeWerkleider(w, d, 1, &shed) {
				st.rollback(mark)
				return
			}
		}
		if len(st.members[sh]) > 0 {
			if st.wlLoad[w][d]+st.load[sh] > m.wls[w].cap+eps {
				st.rollback(mark)
				return
			}
			st.setLeader(sh, w)
		}
	}
	// Fill sh: idle people first, then people from shifts that stay at their minimum.
	for _, e := range s.sample(m.eligFor[sh]) {
		if len(st.members[sh]) >= m.shifts[sh].min {
			break
		}
		ei := int(e)
		if cur := st.asg[ei][d]; cur == sh || (cur >= 0 && (m.emps[ei].pinnedDay[d] >= 0 || len(st.members[cur]) <= m.shifts[cur].min)) {
			continue
		}
		if !st.seqOK(ei, d, sh) {
			continue
		}
		lw := st.leader[sh]
		if lw < 0 {
			lw = w
		}
		if st.wlLoad[lw][d]+m.emps[ei].weight > m.wls[lw].cap+eps || (st.wlLoc[lw][d] >= 0 && st.wlLoc[lw][d] != int32(m.shifts[sh].loc)) {
			continue
		}
		if cur := st.asg[ei][d]; cur >= 0 {
			st.remove(ei, d) // from a shift that stays at its minimum
			if st.wlLoad[lw][d]+m.emps[ei].weight > m.wls[lw].cap+eps {
				st.add(ei, d, cur) // its werkleider was lw: no room after all
				continue
			}
		}
		st.setLeader(sh, lw)
		st.add(ei, d, sh)
	}
	for _, e := range shed { // whoever was left out: another place if there is one
		if st.asg[e][d] < 0 {
			st.placeOne(e, d)
		}
	}
	s.settle(before, mark)
}

// freeWerkleider hands every shift w leads on day d to a colleague: one with room at the same
// location, or (depth > 0) one freed the same way, or one with less room after leaving out the
// members whose absence costs least. Half the time, a shift nobody can take over is given up
// instead (all its members left out): how a werkleider's move from one location to another
// ripples through a third. It returns false when a shift finds nobody; the caller rolls back.
// Left-out people are appended to shed.
func (s *searcher) freeWerkleider(w int32, d int, depth int, shed *[]int) bool {
	st, m := s.st, s.m
	abandon := s.rng.IntN(2) == 0 // give up a shift nobody can take over
	for _, x := range append([]int32(nil), st.led[w][d]...) {
		placed := false
		for _, o := range m.shifts[x].werkleids {
			if o == w {
				continue
			}
			loc := st.wlLoc[o][d]
			if loc >= 0 && loc != int32(m.shifts[x].loc) {
				if depth == 0 || !s.freeWerkleider(o, d, depth-1, shed) {
					continue
				}
			}
			room := m.wls[o].cap - st.wlLoad[o][d]
			for st.load[x] > room+eps && len(st.members[x]) > 0 {
				p := s.cheapestToShed(x)
				if p < 0 {
					break
				}
				st.remove(p, d)
				*shed = append(*shed, p)
			}
			if len(st.members[x]) == 0 {
				placed = true // nothing left to lead
				break
			}
			if st.load[x] <= room+eps {
				st.setLeader(x, o)
				placed = true
				break
			}
		}
		if !placed && abandon {
			// Nobody can take x over: give it up, sending its members elsewhere.
			for len(st.members[x]) > 0 {
				p := s.cheapestToShed(x)
				if p < 0 {
					break
				}
				st.remove(p, d)
				*shed = append(*shed, p)
			}
			placed = len(st.members[x]) == 0
		}
		if !placed {
			return false
		}
	}
	return true
}

// cheapestToShed returns the unpinned member of x whose removal costs least, or -1.
func (s *searcher) cheapestToShed(x int32) int {
	st, m := s.st, s.m
	d := m.shifts[x].day
	best, bestCost := -1, 0.0
	for _, p := range st.members[x] {
		pi := int(p)
		if m.emps[pi].pinnedDay[d] >= 0 {
			continue
		}
		if c := st.removeDelta(pi, x) - m.emps[pi].weight; best < 0 || c < bestCost { // heavier frees more
			best, bestCost = pi, c
		}
	}
	return best
}

// put adds e to shift to on day d under a werkleider who can take them (the current one or another
// found by leaderFor) when weekly hours and rest allow; it reports whether it did.
func (st *state) put(e, d int, to int32) bool {
	w := st.leaderFor(to, st.m.emps[e].weight)
	if !st.seqOK(e, d, to) || !st.canLead(to, w) {
		return false
	}
	st.setLeader(to, w)
	st.add(e, d, to)
	return true
}

// placeOne gives idle e the cheapest eligible shift on day d with room and a werkleider, if any
// makes the cost lower.
func (st *state) placeOne(e, d int) { st.placeAmong(e, d, st.m.emps[e].elig[d]) }

// placeAmong is placeOne among the shifts of list (all eligible for e on day d).
func (st *state) placeAmong(e, d int, list []int32) {
	m := st.m
	best, bestDelta, bestW := int32(-1), 0.0, int32(-1)
	for _, sh := range list {
		if len(st.members[sh]) >= m.shifts[sh].max || !st.seqOK(e, d, sh) {
			continue
		}
		w := st.leaderFor(sh, m.emps[e].weight)
		if !st.canLead(sh, w) {
			continue
		}
		if delta := st.insertDelta(e, sh); best < 0 || delta < bestDelta {
			best, bestDelta, bestW = sh, delta, w
		}
	}
	if best >= 0 && bestDelta < 0 {
		st.setLeader(best, bestW)
		st.add(e, d, best)
	}
}

// relocate hands every shift werkleider w leads on day d to another werkleider with room at the same
// location; it changes nothing and returns false when one of them finds no one.
func (s *searcher) relocate(w int32, d int) bool {
	st, m := s.st, s.m
	led := append([]int32(nil), st.led[w][d]...)
	type handover struct{ sh, to int32 }
	var plan []handover
	extra := map[int32]float64{}
	for _, sh := range led {
		found := int32(-1)
		for _, o := range m.shifts[sh].werkleids {
			if o == w {
				continue
			}
			if loc := st.wlLoc[o][d]; loc >= 0 && loc != int32(m.shifts[sh].loc) {
				continue
			}
			if st.wlLoad[o][d]+extra[o]+st.load[sh] <= m.wls[o].cap+eps {
				found = o
				break
			}
		}
		if found < 0 {
			return false
		}
		extra[found] += st.load[sh]
		plan = append(plan, handover{sh, found})
	}
	for _, h := range plan {
		st.setLeader(h.sh, h.to)
	}
	return true
}

// tryLeaderSwap exchanges the werkleiders of shift a and another shift of the same day and location:
// no change in cost, but a werkleider with more capacity can go where more people are needed.
func (s *searcher) tryLeaderSwap(a int32) {
	st, m := s.st, s.m
	d := m.shifts[a].day
	day := m.byDay[d]
	b := day[s.rng.IntN(len(day))]
	la, lb := st.leader[a], st.leader[b]
	if b == a || lb < 0 || la == lb || m.shifts[b].loc != m.shifts[a].loc ||
		!contains(m.shifts[b].werkleids, la) || !contains(m.shifts[a].werkleids, lb) {
		return
	}
	if st.wlLoad[la][d]-st.load[a]+st.load[b] > m.wls[la].cap+eps || st.wlLoad[lb][d]-st.load[b]+st.load[a] > m.wls[lb].cap+eps {
		return
	}
	st.dropLeader(a)
	st.dropLeader(b)
	st.setLeader(a, lb)
	st.setLeader(b, la)
}

// maxCandidates bounds how many people a repair looks at for one shift: all of them in small
// problems, a random window of the list in regions of thousands.
const maxCandidates = 128

// maxPlaces bounds how many shifts a compound move looks at to find a displaced person a new place.
const maxPlaces = 32

// sample returns list, or a random contiguous window of maxCandidates of it.
func (s *searcher) sample(list []int32) []int32 { return s.window(list, maxCandidates) }

// window returns list, or a random contiguous window of n of it.
func (s *searcher) window(list []int32, n int) []int32 {
	if len(list) <= n {
		return list
	}
	i := s.rng.IntN(len(list) - n + 1)
	return list[i : i+n]
}

func contains(list []int32, v int32) bool {
	for _, x := range list {
		if x == v {
			return true
		}
	}
	return false
}

// anneal runs the search in phases: each day on its own (days meet only through weekly hours and
// rest, and each day sees the days before it), then the whole range together. effort scales the
// steps: 600 per (employee, day) up to Paswerk size, 40 per slot beyond it. When s.days is set, only
// those days get a phase of their own and the whole range a share of its steps as large as theirs.
// It returns the steps taken and leaves the best state in s.best.
func (s *searcher) anneal(ctx context.Context, effort float64, deadline time.Time, progress func(done int, best float64)) int {
	raw := func(slots int) float64 { return float64(100000 + 600*min(slots, 3000) + 40*max(slots-3000, 0)) }
	searched := func(d int) bool { return s.days == nil || s.days[d] }
	// All phases together take at most maxSteps × effort steps: regions of thousands, where a step
	// costs more (memory), get a proportionally smaller share per phase.
	total, part := 0.0, 1.0
	if s.m.days > 1 {
		n := 0
		for d := range s.m.days {
			if searched(d) {
				s.focus(d)
				total += raw(len(s.slots))
				n++
			}
		}
		part = float64(n) / float64(s.m.days)
	}
	s.focus(-1)
	total += part * raw(len(s.slots))
	scale := effort * min(1, maxSteps/total)
	budget := func(slots int) int { return int(scale * raw(slots)) }
	steps := 0
	report := func(done int, best float64) {
		if progress != nil {
			progress(steps+done, best)
		}
	}
	if s.m.days > 1 {
		for d := range s.m.days {
			if searched(d) {
				s.focus(d)
				steps += s.run(ctx, budget(len(s.slots)), deadline, report)
				s.restart()
			}
		}
		s.focus(-1)
	}
	steps += s.run(ctx, int(part*float64(budget(len(s.slots)))), deadline, report)
	// Small problems finish with the best plan's improving chains (chain.go). On large ones the
	// annealing has found them already (on a 10,000-person week the polish took 26 s and found
	// nothing), so there it is left out.
	if len(s.all) < smallSlots {
		s.restart()
		if s.polish() && s.st.cost() < s.best.cost-flowEps {
			s.st.copyInto(&s.best)
		}
	}
	return steps
}

// maxSteps caps the steps of one run at effort 1 (a Paswerk-size week takes about 3.9 million; at
// 10,000 people a step costs about 5 µs, so the cap is what keeps such a week under 20 s).
const maxSteps = 4e6

// heat says where each cooling cycle of a run starts. A cool run only trades continuity; a warm run
// now and then leaves someone idle, and a hot one a place short, on the way to a better plan: the
// long chains through people's weekly hours and werkleiders' locations that the compound moves do
// not reach in one step.
type heat int

// The heats, and how many there are.
const (
	cool heat = iota // start at tempHigh × the continuity weight
	warm             // start at the idle weight
	hot              // start at the understaffed weight
	heats
)

// The annealing temperatures, as multiples of the continuity weight (the smallest cost step).
var tempHigh, tempLow = 2.0, 0.05

// run anneals for iters steps (or until ctx ends or the lower bound is reached), cooling from t0 to
// t1 and reheating after long stagnation, and keeps the best state seen.
func (s *searcher) run(ctx context.Context, iters int, deadline time.Time, progress func(done int, best float64)) int {
	if len(s.slots) == 0 || s.best.cost <= s.lb+flowEps {
		return 0
	}
	t0, t1 := s.m.w.Continuity*tempHigh, math.Max(s.m.w.Continuity*tempLow, 0.01)
	switch s.heat {
	case warm:
		t0 = math.Max(t0, s.m.w.Idle)
	case hot:
		t0 = math.Max(t0, s.m.w.Understaffed)
	}
	if t0 <= t1 {
		t0 = t1 * 10
	}
	const check = 4096
	lastImprove := 0
	cycle := max(iters/4, 20000)
	start := 0
	cool := math.Pow(t1/t0, 1/float64(cycle)) // per step, so a cycle goes from t0 to t1
	s.temp = t0
	i := 0
	for ; i < iters; i++ {
		if i-start >= cycle {
			start = i // reheat
			s.temp = t0
		}
		s.temp *= cool
		s.step()
		if c := s.st.cost(); c < s.best.cost-flowEps {
			s.st.copyInto(&s.best)
			lastImprove = i
			if c <= s.lb+flowEps {
				return i
			}
		}
		if i%check == 0 {
			if ctx.Err() != nil || (!deadline.IsZero() && time.Now().After(deadline)) {
				return i
			}
			if progress != nil {
				progress(i, s.best.cost)
			}
			if i-lastImprove > 2*cycle {
				return i // two whole cooling cycles without a better plan
			}
		}
	}
	return i
}

// tryReinforce puts e (idle, or away from home) on shift h, whose werkleider w has no room for
// them, by handing h to another of its werkleiders o who can carry h with e: o first hands every
// shift it leads that day to colleagues (freeWerkleider: at o's location, freeing one more
// werkleider if need be, or leaving out the members who cost least). The room w and o have left
// is then filled with people who belong at their shifts' werkplek and are idle or elsewhere, and
// whoever was left out finds another place. The whole chain is kept or rolled back as one move:
// how werkleiders trade locations so that capacity goes where people's own werkplek is.
func (s *searcher) tryReinforce(e, d int, h int32) {
	st, m := s.st, s.m
	w := st.leader[h]
	if w < 0 || st.asg[e][d] == h || len(st.members[h]) >= m.shifts[h].max || m.emps[e].pinnedDay[d] >= 0 ||
		st.wlLoad[w][d]+m.emps[e].weight <= m.wls[w].cap+eps {
		return
	}
	cands := m.shifts[h].werkleids
	o := cands[s.rng.IntN(len(cands))]
	if o == w || st.load[h]+m.emps[e].weight > m.wls[o].cap+eps {
		return
	}
	before := st.cost()
	mark := st.begin()
	if st.asg[e][d] >= 0 {
		st.remove(e, d)
	}
	var shed []int
	if len(st.led[o][d]) > 0 && !s.freeWerkleider(o, d, 1, &shed) {
		st.rollback(mark)
		return
	}
	if st.leader[h] != w || len(st.led[o][d]) > 0 || !st.seqOK(e, d, h) {
		st.rollback(mark) // the chain touched h or handed o work back
		return
	}
	st.setLeader(h, o)
	st.add(e, d, h)
	s.refillHome(w, d)
	s.refillHome(o, d)
	for _, p := range shed {
		if st.asg[p][d] < 0 {
			st.placeOne(p, d)
		}
	}
	s.settle(before, mark)
}

// refillHome fills the room werkleider w has left on day d with people whose own werkplek is that
// of a shift w leads and who are idle or working elsewhere that day.
func (s *searcher) refillHome(w int32, d int) {
	st, m := s.st, s.m
	for _, x := range append([]int32(nil), st.led[w][d]...) {
		if st.leader[x] != w {
			continue // emptied by a move below, and no longer w's
		}
		wp := m.shifts[x].wp
		for _, p := range s.sample(m.eligFor[x]) {
			if st.wlLoad[w][d] >= m.wls[w].cap-eps || len(st.members[x]) >= m.shifts[x].max {
				break
			}
			pi := int(p)
			cur := st.asg[pi][d]
			if m.emps[pi].home != wp || cur == x || m.emps[pi].pinnedDay[d] >= 0 ||
				st.wlLoad[w][d]+m.emps[pi].weight > m.wls[w].cap+eps || !st.seqOK(pi, d, x) {
				continue
			}
			if cur >= 0 && (!st.nonHome(pi, cur) || len(st.members[cur]) <= m.shifts[cur].min) {
				continue // already home, or their shift would fall short
			}
			if cur >= 0 {
				st.remove(pi, d)
			}
			st.add(pi, d, x)
		}
	}
}

// tryLeaderExchange makes the werkleider of shift sh and another of its werkleiders trade all the
// shifts they lead that day (when each lists the other's werkplekken and can carry the other's
// load), or hands them all to a werkleider who leads nothing yet; across locations too. Then the
// idle people who fit are brought onto those shifts. Kept or rolled back as one move: this is how
// a werkleider with more capacity goes where the people are.
func (s *searcher) tryLeaderExchange(sh int32) {
	st, m := s.st, s.m
	a := st.leader[sh]
	if a < 0 {
		return
	}
	cands := m.shifts[sh].werkleids
	b := cands[s.rng.IntN(len(cands))]
	d := m.shifts[sh].day
	if b == a || st.wlLoad[a][d] > m.wls[b].cap+eps || st.wlLoad[b][d] > m.wls[a].cap+eps {
		return
	}
	ledA, ledB := append([]int32(nil), st.led[a][d]...), append([]int32(nil), st.led[b][d]...)
	if !m.canLeadAll(b, ledA) || !m.canLeadAll(a, ledB) {
		return
	}
	before := st.cost()
	mark := st.begin()
	for _, x := range ledA {
		st.dropLeader(x)
	}
	for _, x := range ledB {
		st.setLeader(x, a)
	}
	for _, x := range ledA {
		st.setLeader(x, b)
	}
	for _, x := range append(ledA, ledB...) {
		w := st.leader[x]
		for _, p := range s.sample(m.eligFor[x]) {
			pi := int(p) // eligible, so available that day
			if st.asg[pi][d] < 0 && len(st.members[x]) < m.shifts[x].max &&
				st.wlLoad[w][d]+m.emps[pi].weight <= m.wls[w].cap+eps && st.seqOK(pi, d, x) {
				st.add(pi, d, x)
			}
		}
	}
	s.settle(before, mark)
}

// canLeadAll reports whether werkleider w is a candidate (lists the werkplek, is available) for every shift in list.
func (m *model) canLeadAll(w int32, list []int32) bool {
	for _, x := range list {
		if !contains(m.shifts[x].werkleids, w) {
			return false
		}
	}
	return true
}

package scheduler

// state is a plan under construction: every hard rule holds after every operation, and the three
// parts of the objective are kept up to date incrementally.
type state struct {
	m       *model
	asg     [][]int32   // [employee][day] shift, or -1
	pos     [][]int32   // [employee][day] position in members of its shift
	members [][]int32   // [shift] employees
	load    []float64   // [shift] summed begeleiding weight
	week    [][]float64 // [employee][week] worked minutes
	leader  []int32     // [shift] werkleider, or -1
	wlLoc   [][]int32   // [werkleider][day] location led, or -1
	wlLoad  [][]float64 // [werkleider][day] summed weight led
	led     [][][]int32 // [werkleider][day] the shifts led
	ledPos  []int32     // [shift] position in led of its leader and day

	und, idle, cont int

	// For repair: the previous plan's shift per employee and day (nil when planning afresh), the
	// cost of changing one of them, and how many are changed now.
	prev       [][]int32
	changeCost float64
	changed    int

	// journal, while on, records every primitive change so a compound move can be rolled back.
	// Compound moves may nest (a repair that runs chains): depth counts the open ones, and only
	// the outermost commit forgets the record.
	journal   []op
	recording bool
	depth     int
}

// op is one primitive change: an employee added to or removed from a shift, or a shift's leader
// changed from a to b.
type op struct {
	kind    uint8
	e, d    int32
	s, a, b int32
}

const (
	opAdd uint8 = iota
	opRemove
	opLeader
)

// begin starts recording; it returns the mark to roll back to.
func (st *state) begin() int {
	st.recording = true
	st.depth++
	return len(st.journal)
}

// commit ends the innermost compound move; the outermost stops recording and forgets the record.
func (st *state) commit() {
	if st.depth <= 0 {
		panic("scheduler: commit without begin")
	}
	st.depth--
	if st.depth == 0 {
		st.recording = false
		st.journal = st.journal[:0]
	}
}

// rollback undoes every change since mark, newest first, and ends the innermost compound move
// (recording stops with the outermost).
func (st *state) rollback(mark int) {
	if st.depth <= 0 {
		panic("scheduler: rollback without begin")
	}
	st.recording = false
	st.depth--
	defer func() { st.recording = st.depth > 0 }()
	for i := len(st.journal) - 1; i >= mark; i-- {
		o := st.journal[i]
		switch o.kind {
		case opAdd:
			st.remove(int(o.e), int(o.d))
		case opRemove:
			st.add(int(o.e), int(o.d), o.s)
		case opLeader:
			if st.leader[o.s] >= 0 {
				st.dropLeader(o.s)
			}
			if o.a >= 0 {
				st.setLeader(o.s, o.a)
			}
		}
	}
	st.journal = st.journal[:mark]
}

func newState(m *model) *state {
	st := &state{m: m,
		asg: make([][]int32, len(m.emps)), pos: make([][]int32, len(m.emps)),
		week:    make([][]float64, len(m.emps)),
		members: make([][]int32, len(m.shifts)), load: make([]float64, len(m.shifts)),
		leader: make([]int32, len(m.shifts)),
		wlLoc:  make([][]int32, len(m.wls)), wlLoad: make([][]float64, len(m.wls)), led: make([][][]int32, len(m.wls)),
		ledPos: make([]int32, len(m.shifts)),
	}
	for e := range m.emps {
		st.asg[e] = make([]int32, m.days)
		st.pos[e] = make([]int32, m.days)
		st.week[e] = make([]float64, m.weeks)
		for d := range m.days {
			st.asg[e][d] = -1
			if m.emps[e].avail[d] {
				st.idle++
			}
		}
	}
	for s := range m.shifts {
		st.leader[s] = -1
		st.und += m.shifts[s].prio * m.shifts[s].min
	}
	for w := range m.wls {
		st.wlLoc[w] = make([]int32, m.days)
		st.wlLoad[w] = make([]float64, m.days)
		st.led[w] = make([][]int32, m.days)
		for d := range m.days {
			st.wlLoc[w][d] = -1
		}
	}
	return st
}

// cost is the objective's total, plus the cost of changes when repairing.
func (st *state) cost() float64 {
	return st.m.w.Understaffed*float64(st.und) + st.m.w.Idle*float64(st.idle) + st.m.w.Continuity*float64(st.cont) +
		st.changeCost*float64(st.changed)
}

// changeDelta is the change of the repair cost when e's shift on day d becomes to (-1: none).
func (st *state) changeDelta(e, d int, to int32) float64 {
	if st.prev == nil {
		return 0
	}
	p := st.prev[e][d]
	if p < 0 {
		return 0
	}
	was, will := st.asg[e][d] != p, to != p
	switch {
	case was && !will:
		return -st.changeCost
	case !was && will:
		return st.changeCost
	}
	return 0
}

func (st *state) nonHome(e int, s int32) bool {
	h := st.m.emps[e].home
	return h >= 0 && h != st.m.shifts[s].wp
}

// insertDelta is the change of cost when e joins s (s not full).
func (st *state) insertDelta(e int, s int32) float64 {
	m := st.m
	d := -m.w.Idle + st.arriveCost(e, m.shifts[s].day, s)
	if len(st.members[s]) < m.shifts[s].min {
		d -= m.w.Understaffed * float64(m.shifts[s].prio)
	}
	return d
}

// removeDelta is the change of cost when e leaves s.
func (st *state) removeDelta(e int, s int32) float64 {
	return st.m.w.Idle + st.changeDelta(e, st.m.shifts[s].day, -1) + st.leaveCost(e, s)
}

// leaveCost is the change of cost when e leaves shift s without anyone taking the place, apart
// from e's idle day and the repair's count of changes.
func (st *state) leaveCost(e int, s int32) float64 {
	m := st.m
	c := 0.0
	if st.nonHome(e, s) {
		c -= m.w.Continuity
	}
	if len(st.members[s]) <= m.shifts[s].min {
		c += m.w.Understaffed * float64(m.shifts[s].prio)
	}
	return c
}

// arriveCost is the change of cost when e, having left their shift of day d, arrives on t: its
// werkplek and the repair's count of changes (not t's shortage, nor e's idle day).
func (st *state) arriveCost(e, d int, t int32) float64 {
	c := st.changeDelta(e, d, t)
	if st.nonHome(e, t) {
		c += st.m.w.Continuity
	}
	return c
}

// seqOK checks H7 and H8 for e working s on day d instead of what e works that day now.
func (st *state) seqOK(e, d int, s int32) bool { return st.seqOKWithout(e, d, s, d) }

// seqOKWithout checks H7 and H8 for e working s on day d as if e's shift on day skip were gone;
// e has no shift on d unless skip is d. seqOK is skip = d; a chain that moves e's work from day
// skip to day d of a week uses the other days.
func (st *state) seqOKWithout(e, d int, s int32, skip int) bool {
	m := st.m
	sh := &m.shifts[s]
	have := st.week[e][m.week[d]]
	if o := st.asg[e][skip]; o >= 0 && m.week[skip] == m.week[d] {
		have -= m.shifts[o].work
	}
	if have+sh.work > m.emps[e].contract+eps {
		return false
	}
	for dd := max(0, d-2); dd <= min(m.days-1, d+2); dd++ {
		if dd == d || dd == skip {
			continue
		}
		if o := st.asg[e][dd]; o >= 0 && !restOK(&m.shifts[o], sh) {
			return false
		}
	}
	return true
}

// leaderFor finds who can lead shift s once extra weight joins it: the current leader when it has
// room, else the best-fitting other werkleider who can take the whole shift. It returns -1 when
// nobody can; for shifts without supervision it returns the current (absent) leader.
func (st *state) leaderFor(s int32, extra float64) int32 {
	sh := &st.m.shifts[s]
	if !sh.needsWL {
		return -1
	}
	cur := st.leader[s]
	d := sh.day
	if cur >= 0 && st.wlLoad[cur][d]+extra <= st.m.wls[cur].cap+eps {
		return cur
	}
	need := st.load[s] + extra
	best, bestLeft := int32(-1), 0.0
	for _, w := range sh.werkleids {
		if w == cur {
			continue
		}
		if loc := st.wlLoc[w][d]; loc >= 0 && loc != int32(sh.loc) {
			continue
		}
		left := st.m.wls[w].cap - st.wlLoad[w][d] - need
		if left < -eps {
			continue
		}
		if best < 0 || left < bestLeft {
			best, bestLeft = w, left
		}
	}
	return best
}

// canLead reports whether leaderFor found someone (or no one is needed).
func (st *state) canLead(s int32, w int32) bool { return w >= 0 || !st.m.shifts[s].needsWL }

// setLeader makes w the leader of s, releasing the previous one.
func (st *state) setLeader(s int32, w int32) {
	if st.leader[s] == w {
		return
	}
	st.dropLeader(s)
	if w < 0 {
		return
	}
	if st.recording {
		st.journal = append(st.journal, op{kind: opLeader, s: s, a: -1, b: w})
	}
	d := st.m.shifts[s].day
	st.leader[s] = w
	st.ledPos[s] = int32(len(st.led[w][d]))
	st.led[w][d] = append(st.led[w][d], s)
	st.wlLoc[w][d] = int32(st.m.shifts[s].loc)
	st.wlLoad[w][d] += st.load[s]
}

func (st *state) dropLeader(s int32) {
	w := st.leader[s]
	if w < 0 {
		return
	}
	if st.recording {
		st.journal = append(st.journal, op{kind: opLeader, s: s, a: w, b: -1})
	}
	d := st.m.shifts[s].day
	st.wlLoad[w][d] -= st.load[s]
	list := st.led[w][d]
	p, last := st.ledPos[s], list[len(list)-1]
	list[p] = last
	st.ledPos[last] = p
	st.led[w][d] = list[:len(list)-1]
	if len(st.led[w][d]) == 0 {
		st.wlLoc[w][d] = -1
		st.wlLoad[w][d] = 0 // no drift from float sums
	}
	st.leader[s] = -1
}

// add puts e on s (day d); the caller has checked every rule and set the leader.
func (st *state) add(e, d int, s int32) {
	m := st.m
	sh := &m.shifts[s]
	if st.recording {
		st.journal = append(st.journal, op{kind: opAdd, e: int32(e), d: int32(d), s: s})
	}
	if len(st.members[s]) < sh.min {
		st.und -= sh.prio
	}
	st.idle--
	if st.nonHome(e, s) {
		st.cont++
	}
	if st.prev != nil && st.prev[e][d] >= 0 && st.prev[e][d] == s {
		st.changed--
	}
	st.asg[e][d] = s
	st.pos[e][d] = int32(len(st.members[s]))
	st.members[s] = append(st.members[s], int32(e))
	w := m.emps[e].weight
	st.load[s] += w
	if l := st.leader[s]; l >= 0 {
		st.wlLoad[l][d] += w
	}
	st.week[e][m.week[d]] += sh.work
}

// remove takes e off its shift on day d; an emptied shift loses its leader.
func (st *state) remove(e, d int) {
	m := st.m
	s := st.asg[e][d]
	sh := &m.shifts[s]
	if st.recording {
		st.journal = append(st.journal, op{kind: opRemove, e: int32(e), d: int32(d), s: s})
	}
	mem := st.members[s]
	p := st.pos[e][d]
	last := mem[len(mem)-1]
	mem[p] = last
	st.pos[last][d] = p
	st.members[s] = mem[:len(mem)-1]
	if len(st.members[s]) < sh.min {
		st.und += sh.prio
	}
	st.idle++
	if st.nonHome(e, s) {
		st.cont--
	}
	if st.prev != nil && st.prev[e][d] >= 0 && st.prev[e][d] == s {
		st.changed++
	}
	st.asg[e][d] = -1
	w := m.emps[e].weight
	st.load[s] -= w
	if l := st.leader[s]; l >= 0 {
		st.wlLoad[l][d] -= w
	}
	st.week[e][m.week[d]] -= sh.work
	if len(st.members[s]) == 0 {
		st.load[s] = 0
		st.dropLeader(s)
	}
}

// snapshot is enough of a state to rebuild it: the assignments and the leaders.
type snapshot struct {
	asg    [][]int32
	leader []int32
	cost   float64
}

func (st *state) snapshot() snapshot {
	sn := snapshot{asg: make([][]int32, len(st.asg)), leader: append([]int32(nil), st.leader...), cost: st.cost()}
	for e := range st.asg {
		sn.asg[e] = append([]int32(nil), st.asg[e]...)
	}
	return sn
}

func (st *state) copyInto(sn *snapshot) {
	for e := range st.asg {
		copy(sn.asg[e], st.asg[e])
	}
	copy(sn.leader, st.leader)
	sn.cost = st.cost()
}

func (st *state) restoreFrom(sn snapshot) *state {
	fresh := newState(st.m)
	fresh.setPrevious(st.prev, st.changeCost)
	return fresh.fill(sn)
}

// setPrevious makes the state count changes against a previous plan at cost per change.
func (st *state) setPrevious(prev [][]int32, cost float64) {
	if prev == nil {
		return
	}
	st.prev, st.changeCost = prev, cost
	for e := range prev {
		for _, s := range prev[e] {
			if s >= 0 {
				st.changed++ // every previous assignment counts as changed until it is added back
			}
		}
	}
}

func (st *state) fill(sn snapshot) *state {
	for e := range sn.asg {
		for d, s := range sn.asg[e] {
			if s >= 0 {
				st.add(e, d, s)
			}
		}
	}
	for s, w := range sn.leader {
		if w >= 0 && len(st.members[s]) > 0 {
			st.setLeader(int32(s), w)
		}
	}
	return st
}

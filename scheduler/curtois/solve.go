package curtois

import (
	"context"
	"math"
	"math/rand/v2"
	"sync"
	"time"
)

// Options steer Solve.
type Options struct {
	// TimeLimit sizes the work budget when Steps is 0 (cellsPerSecond of work per second) and is a
	// safety cap on the clock besides; 0 with Steps 0 means the budget of one minute.
	TimeLimit time.Duration
	Seed      uint64
	Steps     int // the work budget of each run in cells (see solver.work); 0: sized to TimeLimit
	Workers   int // independent runs at once; 0 means 2
}

// budget is the work of one run in cells: Steps, or else cellsPerSecond per second of TimeLimit
// (of a minute without one).
func (o Options) budget() int64 {
	if o.Steps > 0 {
		return int64(o.Steps)
	}
	limit := o.TimeLimit
	if limit <= 0 {
		limit = time.Minute
	}
	return int64(limit.Seconds() * cellsPerSecond)
}

// Result is the best roster Solve found.
type Result struct {
	Roster     Roster
	Objective  int
	Valid      bool          // keeps every hard rule (by the solver's own count; Evaluate is the judge)
	TimeToBest time.Duration // when the returned roster was found
	Steps      int           // work done, in cells
	// Bound is a lower bound on every roster's objective (the dives' linear relaxation or the
	// Lagrangian bound, rounded up, or the objective itself when a branch-and-price search
	// ended), when HasBound; Optimal says the roster reaches it.
	Bound    int
	HasBound bool
	Optimal  bool
}

// cellsPerSecond is the work a run is given per second of the time limit: on the 2-core machine a
// run of Instances 1–12 does 75–115 million cells a second when it has a core to itself (measured
// with other work beside it), so with two runs at once the budget ends before the clock unless
// other work takes about half the machine; the clock then cuts the run and the roster can depend
// on timing.
const cellsPerSecond = 50_000_000

// The search's weights, in units of the instance's largest weight (of a cover row or a request):
// a broken hard rule costs hardWeight units during the search (twice what one person more or less
// can change in cover, so the search can pass through infeasible rosters but leaves them), and
// the annealing cools from tempHigh to tempLow units. Tried on Instances 2, 5, 7, 8, 9 and 12 (four
// seeds each at equal work): hard weights of 1, 2, 3, 5 and 50 units, starting temperatures of
// 0.15–2 units; 1 unit lets Instance12 drift into infeasible rosters for good, 50 (the earlier
// 5000) was 5–40 % worse on Instances 8, 9 and 12.
const (
	hardWeight        = 2.0
	tempHigh, tempLow = 0.3, 0.001
)

// dpEvery is how many moves there are to one exact re-optimisation of one person's row (every 500
// and every 100 did worse at equal work than every 1,500; every 3,000 about the same).
const dpEvery = 1500

// The work a run does is counted in cells, not timed, so that a seed gives one roster: re-pricing
// a person counts their days plus the shift types, a move moveBase more, and the exact programme
// dpCell per step of a state (forward or in its bound); a cell takes 9–18 ns on Instances 1–12.
const (
	moveBase = 16
	dpCell   = 2
)

// firstShare: the first cooling takes 1/firstShare of the budget, so a good roster comes early;
// the second, with the rest, starts again at tempHigh from the best roster of the first.
const firstShare = 64

// solver is simulated annealing over rosters with the hard rules priced in (days off and forbidden
// shift types are never assigned): a change of one cell,
// an exchange of one day or a block of days between two people (cover unchanged), and setting a
// block of days to one shift type or off. Each person's rules and requests are re-evaluated in
// O(horizon) after a move; cover changes in O(1).
type solver struct {
	in      *Instance
	r       Roster
	n       [][]int // [day][shift] people on it
	coverAt [][]int // [day][shift] index into in.Cover, or -1
	req     [][]int // [staff][day*(shifts+1) + k+1] the weight of requests unmet by working k (−1: off)
	banned  []bool  // [k1*shifts + k2] k2 may not follow k1
	dayOff  [][]bool
	unit    float64   // the instance's largest weight: the scale of hardWeight and the temperatures
	empCost []float64 // [staff] hard penalty + request cost
	empHard []float64 // [staff] units of broken hard rules
	nHard   int       // staff with a broken hard rule
	noDP    []bool    // [staff] bestRow gave up for this person
	cover   float64
	rng     *rand.Rand
	buf     []int
	work    int64 // work done in cells: a person re-priced counts their days plus the shift types
}

func newSolver(in *Instance, seed uint64) *solver {
	s := &solver{in: in, r: NewRoster(in), rng: rand.New(rand.NewPCG(seed, 0x5eed))}
	H, S := in.Horizon, len(in.Shifts)
	s.n = make([][]int, H)
	s.coverAt = make([][]int, H)
	for d := range H {
		s.n[d] = make([]int, S)
		s.coverAt[d] = make([]int, S)
		for k := range S {
			s.coverAt[d][k] = -1
		}
	}
	for i, c := range in.Cover {
		s.coverAt[c.Day][c.Shift] = i
	}
	s.req = make([][]int, len(in.Staff))
	s.dayOff = make([][]bool, len(in.Staff))
	for e := range in.Staff {
		s.req[e] = make([]int, H*(S+1))
		s.dayOff[e] = make([]bool, H)
		for _, d := range in.DaysOff[e] {
			s.dayOff[e][d] = true
		}
	}
	for _, q := range in.OnRequests {
		for k := -1; k < S; k++ {
			if k != q.Shift {
				s.req[q.Staff][q.Day*(S+1)+k+1] += q.Weight
			}
		}
	}
	for _, q := range in.OffRequests {
		s.req[q.Staff][q.Day*(S+1)+q.Shift+1] += q.Weight
	}
	s.banned = make([]bool, S*S)
	for k, sh := range in.Shifts {
		for _, no := range sh.CannotFollow {
			s.banned[k*S+no] = true
		}
	}
	s.unit = 1
	for _, c := range in.Cover {
		s.unit = max(s.unit, float64(c.Under), float64(c.Over))
	}
	for _, q := range append(append([]Request(nil), in.OnRequests...), in.OffRequests...) {
		s.unit = max(s.unit, float64(q.Weight))
	}
	s.noDP = make([]bool, len(in.Staff))
	s.empCost = make([]float64, len(in.Staff))
	s.empHard = make([]float64, len(in.Staff))
	for e := range in.Staff {
		s.update(e)
	}
	for d := range H {
		for k := range S {
			s.cover += s.coverCost(d, k, 0)
		}
	}
	return s
}

// coverCost is the cover cost of shift k on day d with delta more people than now.
func (s *solver) coverCost(d, k, delta int) float64 {
	i := s.coverAt[d][k]
	n := s.n[d][k] + delta
	if i < 0 {
		return 0
	}
	c := s.in.Cover[i]
	if n < c.Requirement {
		return float64(c.Under * (c.Requirement - n))
	}
	return float64(c.Over * (n - c.Requirement))
}

// requestCost is what person e working k (−1: off) on day d costs in unmet requests.
func (s *solver) requestCost(e, d, k int) int {
	return s.req[e][d*(len(s.in.Shifts)+1)+k+1]
}

// update re-prices person e and returns the change of cost.
func (s *solver) update(e int) float64 {
	s.work += int64(s.in.Horizon + len(s.in.Shifts))
	hard, req := s.evalEmp(e)
	if (hard > 0) != (s.empHard[e] > 0) {
		if hard > 0 {
			s.nHard++
		} else {
			s.nHard--
		}
	}
	old := s.empCost[e]
	s.empHard[e] = hard
	s.empCost[e] = hardWeight*s.unit*hard + float64(req)
	return s.empCost[e] - old
}

// restore puts back person e's price from before a rejected move.
func (s *solver) restore(e int, cost, hard float64) {
	if (hard > 0) != (s.empHard[e] > 0) {
		if hard > 0 {
			s.nHard++
		} else {
			s.nHard--
		}
	}
	s.empCost[e], s.empHard[e] = cost, hard
}

// evalEmp prices person e's roster: units of broken hard rules and the weight of unmet requests.
func (s *solver) evalEmp(e int) (float64, int) {
	in, row, st := s.in, s.r[e], &s.in.Staff[e]
	H := in.Horizon
	hard := 0.0
	if cap(s.buf) < len(in.Shifts) {
		s.buf = make([]int, len(in.Shifts))
	}
	counts := s.buf[:len(in.Shifts)]
	clear(counts)
	total, req := 0, 0
	for d := range H {
		k := row[d]
		req += s.requestCost(e, d, k)
		if k < 0 {
			continue
		}
		if s.dayOff[e][d] {
			hard++
		}
		counts[k]++
		total += in.Shifts[k].Minutes
		if d+1 < H && row[d+1] >= 0 && s.banned[k*len(in.Shifts)+row[d+1]] {
			hard++
		}
	}
	for k, c := range counts {
		if c > st.MaxShifts[k] {
			hard += float64(c - st.MaxShifts[k])
		}
	}
	if total > st.MaxTotalMinutes {
		hard += float64(total-st.MaxTotalMinutes) / 240
	} else if total < st.MinTotalMinutes {
		hard += float64(st.MinTotalMinutes-total) / 240
	}
	for start := 0; start < H; {
		w := row[start] >= 0
		end := start
		for end+1 < H && (row[end+1] >= 0) == w {
			end++
		}
		n := end - start + 1
		inside := start > 0 && end < H-1
		if w {
			if n > st.MaxConsecutive {
				hard += float64(n - st.MaxConsecutive)
			}
			if inside && n < st.MinConsecutive {
				hard += float64(st.MinConsecutive - n)
			}
		} else if inside && n < st.MinDaysOff {
			hard += float64(st.MinDaysOff - n)
		}
		start = end + 1
	}
	weekends := 0
	for k := 0; 7*k+6 < H; k++ {
		if row[7*k+5] >= 0 || row[7*k+6] >= 0 {
			weekends++
		}
	}
	if weekends > st.MaxWeekends {
		hard += float64(weekends - st.MaxWeekends)
	}
	return hard, req
}

func (s *solver) cost() float64 {
	c := s.cover
	for _, v := range s.empCost {
		c += v
	}
	return c
}

// allowed reports whether person e may work k (−1: off) on day d at all: not on a day off, not a
// shift type whose maximum is 0. Moves never break these two rules; the others are priced.
func (s *solver) allowed(e, d, k int) bool {
	return k < 0 || (!s.dayOff[e][d] && s.in.Staff[e].MaxShifts[k] > 0)
}

// set changes cell (e, d) to k, keeping the cover counts; the caller re-evaluates e.
func (s *solver) set(e, d, k int) float64 {
	old := s.r[e][d]
	if old == k {
		return 0
	}
	delta := 0.0
	if old >= 0 {
		delta += s.coverCost(d, old, -1) - s.coverCost(d, old, 0)
		s.n[d][old]--
	}
	if k >= 0 {
		delta += s.coverCost(d, k, 1) - s.coverCost(d, k, 0)
		s.n[d][k]++
	}
	s.r[e][d] = k
	s.cover += delta
	return delta
}

// Solve looks for the roster of lowest objective that keeps every hard rule: opts.Workers runs at
// once (default 2, one per core here), each diving, then re-diving (the first) or searching the
// tree of cells (the others), then annealing (solveOne), with seeds derived from opts.Seed; the
// best roster wins (the first among equals), and a run that proves its roster optimal ends the
// others. The same seed and instance give the same roster unless the time limit or ctx cuts a
// run short.
func Solve(ctx context.Context, in *Instance, opts Options) Result {
	began := time.Now()
	workers := opts.Workers
	if workers <= 0 {
		workers = 2
	}
	results := make([]Result, workers)
	// A run that proves its roster optimal ends the others.
	ctx, cancel := context.WithCancel(ctx)
	defer cancel()
	var wg sync.WaitGroup
	for i := range workers {
		wg.Go(func() {
			results[i] = solveOne(ctx, in, opts, opts.Seed*1000003+uint64(i), i, workers, began)
			if results[i].Optimal {
				cancel()
			}
		})
	}
	wg.Wait()
	// The best roster wins, the first among equals, except that a run's proven roster wins over
	// an equal one of a run it cut short (whose roster then depends on when it stopped).
	best := results[0]
	for _, r := range results[1:] {
		if r.Valid && (!best.Valid || r.Objective < best.Objective || (r.Optimal && !best.Optimal && r.Objective == best.Objective)) {
			best = r
		}
	}
	best.Steps = 0
	for _, r := range results {
		best.Steps += r.Steps
	}
	// The dives' bound is that of the linear relaxation, which the Lagrangian bound below only
	// approaches; it is computed when no dive gave one.
	for _, r := range results {
		if r.HasBound && (!best.HasBound || r.Bound > best.Bound) {
			best.Bound, best.HasBound = r.Bound, true
		}
	}
	best.Optimal = best.HasBound && best.Valid && best.Objective <= best.Bound
	if best.Valid && !best.HasBound {
		from := time.Now()
		stop := func() bool {
			return ctx.Err() != nil || (opts.TimeLimit > 0 && time.Since(from) > opts.TimeLimit/lrShare)
		}
		lb, ext := newSolver(in, opts.Seed).lowerBound(float64(best.Objective), opts.budget()/lrShare/dpCell, stop)
		best.Steps += int(dpCell * ext)
		if !math.IsInf(lb, -1) {
			best.Bound, best.HasBound = boundOf(lb), true
			best.Optimal = best.Objective <= best.Bound
		}
	}
	return best
}

// boundOf is a lower bound as an objective: rounded up (objectives are whole), and 0 when below 0
// (no objective is negative; a short run on a large instance can give a bound below it).
func boundOf(lb float64) int { return max(int(math.Ceil(lb-1e-6)), 0) }

// lrShare: the bound after the search gets 1/lrShare of one run's budget and of the time limit, on
// top of them (the clock may cut it short, which weakens the bound but never makes it wrong).
const lrShare = 16

// descend gives each person in turn their best row given everyone else, until a round over
// everyone changes nothing (equal rows are not taken).
func (s *solver) descend() {
	for changed := true; changed; {
		changed = false
		for e := range s.in.Staff {
			before := s.cost()
			s.reoptimise(e)
			if s.cost() < before-1e-9 {
				changed = true
			}
		}
	}
}

// diveShare: the dives of the first run may take diveShare quarters of its budget; a dive that
// needs more is given up.
const diveShare = 3

// branchShare: the tree search of the runs after the first ends at branchShare eighths of their
// budget (with the dives' three quarters, Instance7's proof did not fit).
const branchShare = 7

// diveRootShare: a dive of the first run whose first programme is not solved within
// 1/diveRootShare of the budget is given up, and so are the dives after it (Instance10's takes
// more than a minute's budget); the other runs give up after 1/diveRootShareOthers, so that where
// the programme is too costly only the first run loses much of its annealing.
const (
	diveRootShare       = 4
	diveRootShareOthers = 16
)

// load makes r the roster.
func (s *solver) load(r Roster) {
	for e, row := range r {
		for d, k := range row {
			s.set(e, d, k)
		}
		s.update(e)
	}
}

// start gives everyone their best row given those placed before them (in random order), where the
// programme can find one: a roster in which each person's own rules hold. A person whose programme
// is costly (over dpCheap extensions) is left out of the re-optimisations during the search.
func (s *solver) start() {
	H := s.in.Horizon
	for _, e := range s.rng.Perm(len(s.in.Staff)) {
		if H > dpHorizon {
			s.noDP[e] = true
			continue
		}
		row, _, ext, ok, _ := s.bestRow(e, dpLimit, math.Inf(1))
		if !ok || ext > dpCheap {
			s.noDP[e] = true
		}
		if !ok {
			continue
		}
		for d, k := range row {
			s.set(e, d, k)
		}
		s.update(e)
	}
}

// solveOne is run number worker of workers, with the given seed: it first makes its share of the
// dives of diveVariants (dive.go: run w takes variants w, w+workers, …) in turn within diveShare
// quarters of the budget; then the first run re-dives from its best roster and the others search
// the tree of cells (branch.go) until branchShare eighths; each anneals from its best roster.
func solveOne(ctx context.Context, in *Instance, opts Options, seed uint64, worker, workers int, began time.Time) Result {
	steps := opts.budget()
	var deadline time.Time
	if opts.TimeLimit > 0 {
		deadline = began.Add(opts.TimeLimit)
	}
	s := newSolver(in, seed)
	H, E, S := in.Horizon, len(in.Staff), len(in.Shifts)
	best := Result{Objective: math.MaxInt}
	keep := func() {
		if s.nHard > 0 {
			return
		}
		c := int(math.Round(s.cost()))
		if c >= best.Objective {
			return
		}
		best.Roster = make(Roster, E)
		for e := range E {
			best.Roster[e] = append([]int(nil), s.r[e]...)
		}
		best.Objective = c
		best.Valid = true
		best.TimeToBest = time.Since(began)
	}
	s.start()
	keep()
	root := math.Inf(-1)
	// proven says the best roster reaches the bound (ceil(−Inf) is −Inf: never without one).
	proven := func() bool { return best.Valid && float64(best.Objective) <= math.Ceil(root-1e-6) }
	if worker < len(diveVariants) {
		stop := func() bool { return ctx.Err() != nil || (!deadline.IsZero() && time.Now().After(deadline)) }
		// The dives are steered by the greedy start of a fixed seed, so every seed dives alike.
		g := newSolver(in, 0)
		g.start()
		limit := steps * diveShare / 4
		dived := false
		rootLimit := steps / diveRootShare / dpCell
		if worker > 0 {
			rootLimit = steps / diveRootShareOthers / dpCell
		}
		for i := worker; i < len(diveVariants); i += workers {
			v := diveVariants[i]
			if s.work >= limit || stop() {
				break
			}
			r, ext, lb, ok := g.dive(v, nil, nil, g.cost(), (limit-s.work)/dpCell, rootLimit, stop)
			s.work += dpCell * ext
			if math.IsInf(lb, -1) {
				break // the programme is too costly here: no more dives
			}
			root, dived = max(root, lb), true
			if ok {
				s.load(r)
				s.descend()
				keep()
			}
			if proven() {
				break
			}
		}
		// Then the other runs search the tree of cells from the best roster (branch.go) until
		// branchShare eighths of the budget; a search that ends proves its roster optimal.
		if bbLimit := steps * branchShare / 8; worker > 0 && dived && best.Roster != nil && s.work < bbLimit && !stop() && !proven() {
			r, obj, ext, done := s.branch(best.Roster, best.Objective, nil, (bbLimit-s.work)/dpCell, stop)
			s.work += dpCell * ext
			s.load(r)
			keep()
			if done {
				root = max(root, float64(obj))
			}
		}
		// The first run re-dives while the budget lasts: half the people (drawn by the seed, at
		// least two where there are two) are free, the rest keep their rows of the best roster.
		for dived && best.Roster != nil && s.work < limit && !stop() && !proven() {
			open := make([]bool, E)
			for _, e := range s.rng.Perm(E)[:min(E, max(2, E/2))] {
				open[e] = true
			}
			r, ext, _, ok := g.dive(diveLNS, best.Roster, open, float64(best.Objective), (limit-s.work)/dpCell, math.MaxInt64, stop)
			s.work += dpCell * ext
			if !ok {
				break
			}
			s.load(r)
			s.descend()
			keep()
		}
		if best.Roster != nil {
			s.load(best.Roster)
		}
		if proven() {
			steps = s.work // proven optimal: nothing left to look for
		}
	}
	// Two coolings from tempHigh to tempLow (geometric in the work done): a short one, then one
	// with the rest of the budget from the best roster of the first.
	budget := steps
	cycleStart, cycleLen := s.work, budget/firstShare
	high, low := tempHigh*s.unit, tempLow*s.unit
	temp := high
	type cell struct{ e, d, k int }
	var undo []cell
	i := 0
	for ; s.work < budget; i++ {
		if i&255 == 0 {
			if s.work-cycleStart >= cycleLen && cycleLen < budget-s.work {
				cycleStart, cycleLen = s.work, budget-s.work
				if best.Roster != nil {
					s.load(best.Roster)
				}
			}
			frac := float64(s.work-cycleStart) / float64(cycleLen)
			temp = high * math.Pow(low/high, min(frac, 1))
		}
		if i&4095 == 0 && (ctx.Err() != nil || (!deadline.IsZero() && time.Now().After(deadline))) {
			break
		}
		if i%dpEvery == 0 {
			changed, ext := s.reoptimise(s.rng.IntN(E))
			s.work += dpCell * ext
			if changed {
				keep()
			}
			continue
		}
		s.work += moveBase
		undo = undo[:0]
		before := s.cover
		touched := [2]int{-1, -1}
		oldEmp, oldHard := [2]float64{}, [2]float64{}
		switch m := s.rng.IntN(10); {
		case m < 4: // one cell
			e, d := s.rng.IntN(E), s.rng.IntN(H)
			k := s.rng.IntN(S+1) - 1
			if k == s.r[e][d] || !s.allowed(e, d, k) {
				continue
			}
			undo = append(undo, cell{e, d, s.r[e][d]})
			s.set(e, d, k)
			touched[0] = e
		case m < 7: // exchange a block of days between two people
			a, b := s.rng.IntN(E), s.rng.IntN(E)
			if a == b {
				continue
			}
			d := s.rng.IntN(H)
			l := 1 + s.rng.IntN(min(7, H-d))
			for x := d; x < d+l; x++ {
				ka, kb := s.r[a][x], s.r[b][x]
				if !s.allowed(a, x, kb) || !s.allowed(b, x, ka) {
					continue
				}
				undo = append(undo, cell{a, x, ka}, cell{b, x, kb})
				s.set(a, x, kb)
				s.set(b, x, ka)
			}
			touched = [2]int{a, b}
		default: // a block of days for one person to one shift type or off
			e, d := s.rng.IntN(E), s.rng.IntN(H)
			l := 2 + s.rng.IntN(min(6, H-d))
			if d+l > H {
				l = H - d
			}
			k := s.rng.IntN(S+1) - 1
			for x := d; x < d+l; x++ {
				if s.allowed(e, x, k) {
					undo = append(undo, cell{e, x, s.r[e][x]})
					s.set(e, x, k)
				}
			}
			touched[0] = e
		}
		delta := s.cover - before
		for j, e := range touched {
			if e >= 0 {
				oldEmp[j], oldHard[j] = s.empCost[e], s.empHard[e]
				delta += s.update(e)
			}
		}
		if delta <= 0 || s.rng.Float64() < math.Exp(-delta/temp) {
			if delta < 0 {
				keep()
			}
			continue
		}
		for j := len(undo) - 1; j >= 0; j-- {
			s.set(undo[j].e, undo[j].d, undo[j].k)
		}
		for j, e := range touched {
			if e >= 0 {
				s.restore(e, oldEmp[j], oldHard[j])
			}
		}
	}
	best.Steps = int(s.work)
	if !math.IsInf(root, -1) {
		best.Bound, best.HasBound = boundOf(root), true
		best.Optimal = best.Valid && best.Objective <= best.Bound
	}
	if best.Roster == nil {
		best.Roster = s.r // nothing feasible found: the last roster, marked invalid
		best.Objective = int(math.Round(s.cost()))
	}
	return best
}

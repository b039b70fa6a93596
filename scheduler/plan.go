package scheduler

import (
	"context"
	"math"
	"runtime"
	"slices"
	"sort"
	"sync"
	"time"

	"ploeg/domain"
)

// Problems with fewer (employee, day) slots than smallSlots get smallRuns independent runs; larger
// ones one run per largeRunEffort of effort.
const (
	smallSlots, smallRuns = 400, 32
	largeRunEffort        = 10
)

// shakeSlots: problems with fewer slots than this (a Paswerk day, not its week) also get
// shake-and-repair at an effort of largeRunEffort or more. On the Paswerk day at effort 10 it found
// the optimum 350 on four seeds of five in 1.7–2.4 s (360–370 in 0.7–1.0 s without); on the week it
// found nothing better (1,930 either way) at 2.4 times the time, and at the default effort it costs
// the day its 100 ms.
//
// shakePeople: at the default effort, a small problem gets it only with at most this many people.
// Its repairs run ejection chains over everyone's week, so a step costs more the more people
// there are: on demo days of 450 and 520 people (under 400 slots, so 32 runs) it took the plan from
// 2.1 and 2.8 s to 7.4 and 12.5 s for the same objective. The instances of `ploeg bench cbc`
// (20–80 people) keep it.
const (
	shakeSlots  = 1000
	shakePeople = 100
)

// useShake reports whether runs on a problem of slots (employee, day) slots and people employees,
// at a total effort, use shake-and-repair.
func useShake(slots, people int, effort float64) bool {
	return (slots < smallSlots && people <= shakePeople) || (slots < shakeSlots && effort >= largeRunEffort)
}

// Options steer a planning run. The zero value plans with seed 0 and no time limit.
type Options struct {
	// TimeLimit stops the search and returns the best plan found; 0 means no limit. The same seed
	// gives the same plan only when the search ends by itself before the limit.
	TimeLimit time.Duration
	// Seed makes runs repeatable: the same seed and input give the same plan.
	Seed uint64
	// Effort scales the number of search steps (1 is the default; 0 means 1).
	Effort float64
	// Progress, when set, is called now and then with the steps done and the best total so far.
	Progress func(Progress)
}

// limits returns the effort (1 when unset) and the deadline (zero without a time limit) of a run
// that began at began.
func (o Options) limits(began time.Time) (float64, time.Time) {
	effort := o.Effort
	if effort <= 0 {
		effort = 1
	}
	var deadline time.Time
	if o.TimeLimit > 0 {
		deadline = began.Add(o.TimeLimit)
	}
	return effort, deadline
}

// Progress reports how a run is going.
type Progress struct {
	Steps      int
	Best       float64
	LowerBound float64
	Elapsed    time.Duration
}

// Stats describes how a plan was found.
type Stats struct {
	LowerBound float64       `json:"lowerBound"` // no plan can score below this
	Optimal    bool          `json:"optimal"`    // the plan reaches the lower bound
	Steps      int           `json:"steps"`
	Elapsed    time.Duration `json:"elapsed"`
}

// Plan makes a plan for the shifts dated from..to that keeps every hard rule of docs/DATASET.md and
// keeps the objective as low as it can find. Cancelling ctx returns the best plan found so far. It
// refuses pins that break a hard rule, before planning, with the rule and the names.
func Plan(ctx context.Context, ds *domain.Dataset, from, to domain.Date, opts Options) (domain.Plan, error) {
	p, _, err := PlanWithStats(ctx, ds, from, to, opts)
	return p, err
}

// PlanWithStats is Plan that also says how the plan was found.
func PlanWithStats(ctx context.Context, ds *domain.Dataset, from, to domain.Date, opts Options) (domain.Plan, Stats, error) {
	began := time.Now()
	if to < from {
		return domain.Plan{}, Stats{}, domain.Errorf(domain.CodeInvalid, "het plan loopt van %s tot %s: het einde ligt vóór het begin", from, to)
	}
	if to-from > 366 {
		return domain.Plan{}, Stats{}, domain.Errorf(domain.CodeInvalid, "een plan beslaat hoogstens een jaar; %s tot %s is te lang", from, to)
	}
	m, err := newModel(ds, from, to)
	if err != nil {
		return domain.Plan{}, Stats{}, err
	}
	lb := lowerBound(m)
	report := func(done int, best float64) {
		if opts.Progress != nil {
			opts.Progress(Progress{Steps: done, Best: best, LowerBound: lb, Elapsed: time.Since(began)})
		}
	}
	effort, deadline := opts.limits(began)
	s, steps := runAll(ctx, m, construct(m), lb, effort, deadline, opts.Seed, report)
	best := s.st.restoreFrom(s.best)
	plan := best.plan()
	stats := Stats{LowerBound: lb, Optimal: best.cost() <= lb+flowEps, Steps: steps, Elapsed: time.Since(began)}
	return plan, stats, nil
}

// plan turns the state into the plan of docs/DATASET.md, with explanations.
func (st *state) plan() domain.Plan {
	m := st.m
	p := domain.Plan{From: m.from, To: m.from.AddDays(m.days - 1), Status: domain.Concept,
		Assignments: []domain.Assignment{}, Supervision: []domain.Supervision{},
		Unfilled: []domain.Unfilled{}, Idle: []domain.Idle{}}
	if m.days == 0 {
		p.To = m.from
	}
	for si := range m.shifts {
		s := int32(si)
		mem := append([]int32(nil), st.members[s]...)
		sort.Slice(mem, func(i, j int) bool { return m.emps[mem[i]].id < m.emps[mem[j]].id })
		for _, e := range mem {
			p.Assignments = append(p.Assignments, domain.Assignment{Employee: m.emps[e].id, Shift: m.shifts[s].id})
		}
		if w := st.leader[s]; w >= 0 {
			p.Supervision = append(p.Supervision, domain.Supervision{Werkleider: m.wls[w].id, Shift: m.shifts[s].id})
		}
	}
	p.Score = domain.Score{Understaffed: st.und, Idle: st.idle, Continuity: st.cont,
		Total: Total(m.w, st.und, st.idle, st.cont)}
	ex := newExplainer(st)
	for si := range m.shifts {
		if short := m.shifts[si].min - len(st.members[si]); short > 0 {
			p.Unfilled = append(p.Unfilled, domain.Unfilled{Shift: m.shifts[si].id, Missing: short, Reasons: ex.unfilled(int32(si))})
		}
	}
	for d := range m.days {
		for e := range m.emps {
			if m.emps[e].avail[d] && st.asg[e][d] < 0 {
				p.Idle = append(p.Idle, domain.Idle{Employee: m.emps[e].id, Date: m.from.AddDays(d), Reasons: ex.idle(e, d)})
			}
		}
	}
	return p
}

// runAll anneals independent copies of the start state at the caller's effort, as many at once as
// there are processors, and returns the searcher with the best plan and the steps of all runs
// together. The result is the one running them in order would give: the best plan, the earliest
// run on a tie, and no run after one that reached the lower bound (such runs are stopped).
//
// Small problems are cheap: several independent runs (seeds derived from the caller's) find the
// optimum far more often than one, the more so when they differ in how hot they start (see heat).
// Paswerk-size problems get one cool run, as their speed matters; a higher effort buys them more
// runs rather than longer ones, because a run that stalls stays stalled.
func runAll(ctx context.Context, m *model, start *state, lb float64, effort float64, deadline time.Time,
	seed uint64, report func(done int, best float64)) (*searcher, int) {
	slots := m.slotCount()
	small := slots < smallSlots
	shake := useShake(slots, len(m.emps), effort)
	runs := 1
	if small {
		runs = smallRuns
	} else if effort > largeRunEffort {
		runs = int(math.Ceil(effort / largeRunEffort))
		effort /= float64(runs)
	}
	first := start.snapshot()
	results := make([]*searcher, runs)
	cancels := make([]context.CancelFunc, runs)
	done := make([]int, runs)
	best := make([]float64, runs)
	for r := range best {
		best[r] = math.Inf(1)
	}
	var mu sync.Mutex
	next, stopAfter := 0, runs // stopAfter: the earliest run that reached the lower bound
	progress := func(r, n int, b float64) {
		mu.Lock()
		defer mu.Unlock()
		done[r], best[r] = n, b
		total := 0
		for _, x := range done {
			total += x
		}
		report(total, slices.Min(best))
	}
	var wg sync.WaitGroup
	for range min(runs, runtime.GOMAXPROCS(0)) {
		wg.Go(func() {
			for {
				mu.Lock()
				r := next
				next++
				if r >= runs || r > stopAfter || (r > 0 && (ctx.Err() != nil || (!deadline.IsZero() && time.Now().After(deadline)))) {
					mu.Unlock()
					return
				}
				rctx, cancel := context.WithCancel(ctx)
				cancels[r] = cancel
				mu.Unlock()
				s := newSearcher(start.restoreFrom(first), seed*uint64(smallRuns)+uint64(r), lb)
				s.shake = shake
				if small {
					s.heat = heat(r) % heats // large problems' runs are all cool
				}
				n := s.anneal(rctx, effort, deadline, func(n int, b float64) { progress(r, n, b) })
				cancel()
				mu.Lock()
				results[r], done[r] = s, n
				if s.best.cost <= lb+flowEps && r < stopAfter {
					stopAfter = r
					for _, c := range cancels[r+1:] {
						if c != nil {
							c() // later runs are not needed
						}
					}
				}
				mu.Unlock()
			}
		})
	}
	wg.Wait()
	var s *searcher
	total := 0
	for r, cand := range results {
		if r > stopAfter {
			break // stopped: running in order, they would not have run
		}
		total += done[r]
		if cand != nil && (s == nil || cand.best.cost < s.best.cost-flowEps) {
			s = cand
		}
	}
	return s, total
}

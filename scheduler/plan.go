package scheduler

import (
	"context"
	"sort"
	"time"

	"ploeg/domain"
)

// Problems with fewer (employee, day) slots than smallSlots get smallRuns independent runs.
const smallSlots, smallRuns = 400, 16

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
	// Small problems are cheap: several independent runs (seeds derived from the caller's) find the
	// optimum far more often than one, the more so when they differ in how hot they start (see
	// heat). Paswerk-size problems get one cool run, as their speed matters.
	runs := 1
	if m.slotCount() < smallSlots {
		runs = smallRuns
	}
	var s *searcher
	steps := 0
	for r := range runs {
		cand := newSearcher(construct(m), opts.Seed*uint64(smallRuns)+uint64(r), lb)
		cand.heat = heat(r) % heats
		steps += cand.anneal(ctx, effort, deadline, func(done int, best float64) { report(steps+done, best) })
		if s == nil || cand.best.cost < s.best.cost-flowEps {
			s = cand
		}
		if s.best.cost <= lb+flowEps || ctx.Err() != nil || (!deadline.IsZero() && time.Now().After(deadline)) {
			break
		}
	}
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

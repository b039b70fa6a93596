package api

import (
	"context"
	"encoding/json"
	"fmt"
	"maps"
	"runtime/debug"
	"slices"
	"sync"

	"ploeg/domain"
)

// Assignment changes to one plan are gathered and stored together (group commit): while one write
// of a plan is under way, the changes that arrive for it wait, and the next write applies them all,
// one after the other, each checked against the plan as the ones before it left it. The plan is then
// encoded and stored once, in one atomic Store.Patch that compares the version (and is tried again
// on a fresh copy when another instance wrote first), with one audit entry per change that holds
// only that person's day, old → new. Every change still gets its own answer: accepted with the
// plan's new version, refused by a hard rule, or 412 when its precondition no longer holds.

// maxBatch bounds the changes of one write.
const maxBatch = 256

// pendingChange is one assignment change waiting for its plan's next write, and what became of it.
type pendingChange struct {
	req     changeRequest
	date    domain.Date // the day changed, for a per-day precondition
	version int64       // the version named in If-Match
	perDay  bool        // version is the day's (PUT …/assignments/{employee}~{date}), not the plan's
	actor   string
	done    chan struct{}

	// Filled in by the write.
	change  domain.PlanChange
	err     error
	current int64 // the version that holds now, when the precondition failed
	plan    domain.Plan
	stored  int64 // the plan version the change is stored under
}

// planQueue holds the changes waiting for one plan.
type planQueue struct {
	mu      sync.Mutex
	pending []*pendingChange
	running bool
}

// decodedPlan is a plan as last written or read by the change queue, by version, so that the next
// write need not decode the stored JSON again.
type decodedPlan struct {
	version int64
	plan    domain.Plan
}

// submitChange queues pc for plan id and waits until a write has decided it.
func (s *Server) submitChange(id string, pc *pendingChange) {
	pc.done = make(chan struct{})
	qi, _ := s.planQueues.LoadOrStore(id, &planQueue{})
	q := qi.(*planQueue)
	q.mu.Lock()
	q.pending = append(q.pending, pc)
	if !q.running {
		q.running = true
		go s.runQueue(id, q)
	}
	q.mu.Unlock()
	<-pc.done
}

// runQueue writes the plan's waiting changes, a batch at a time, until none wait.
func (s *Server) runQueue(id string, q *planQueue) {
	for {
		q.mu.Lock()
		n := min(len(q.pending), maxBatch)
		batch := slices.Clone(q.pending[:n])
		q.pending = q.pending[n:]
		if n == 0 {
			q.running = false
			q.mu.Unlock()
			return
		}
		q.mu.Unlock()
		s.commitSafely(id, batch)
		for _, pc := range batch {
			close(pc.done)
		}
	}
}

// commitSafely runs commitChanges under the request timeout. A panic (a bug) fails the batch with
// an internal error instead of ending the process, as net/http does for a handler.
func (s *Server) commitSafely(id string, batch []*pendingChange) {
	ctx, cancel := context.WithTimeout(context.Background(), s.cfg.RequestTimeout)
	defer cancel()
	defer func() {
		if v := recover(); v != nil {
			s.log.ErrorContext(ctx, "wijzigingen van een plan", "plan", id, "panic", v, "stack", string(debug.Stack()))
			for _, pc := range batch {
				pc.err = domain.Internal("plan "+id+" wijzigen", fmt.Errorf("%v", v))
			}
		}
	}()
	s.commitChanges(ctx, id, batch)
}

// commitHook, when set (by tests only), runs at the start of every commitChanges.
var commitHook func(id string)

// commitChanges applies batch to plan id in one atomic write.
func (s *Server) commitChanges(ctx context.Context, id string, batch []*pendingChange) {
	if commitHook != nil {
		commitHook(id)
	}
	fail := func(err error) {
		for _, pc := range batch {
			pc.err = err
		}
	}
	var final domain.Plan
	accepted := 0
	rec, err := s.store.Patch(ctx, domain.KindPlan, id, func(cur domain.Record, next int64) (domain.Patch, error) {
		// The dataset is read inside the write: in Redis once the transaction watches, so a dataset
		// write by another instance after this read fails the transaction and the retry reads it
		// again; in bbolt under the write lock, so no write comes in between.
		ds, _, err := s.sharedDataset(ctx)
		if err != nil {
			return domain.Patch{}, err
		}
		p, err := s.decodePlan(id, cur)
		if err != nil {
			return domain.Patch{}, err
		}
		accepted = 0
		// The day versions are copied once per write: the plan read may be shared (decodePlan).
		days := maps.Clone(p.DayVersions)
		if days == nil {
			days = map[string]int64{}
		}
		var audit []domain.AuditChange
		now := s.cfg.Now().UTC()
		for _, pc := range batch {
			pc.err, pc.current = nil, 0
			planVersion := cur.Version
			if accepted > 0 {
				planVersion = next
			}
			if want := pc.precondition(&p, planVersion); want != pc.version {
				pc.current = want
				continue
			}
			np, change, err := applyChange(ds, p, pc.req)
			if err != nil {
				pc.err = err
				continue
			}
			if np.AssignmentsSince == 0 {
				np.AssignmentsSince = cur.Version
			}
			change.Time, change.Actor, change.Version = now, pc.actor, next
			change.AfterPublication = p.Published > 0
			np.AddChange(change)
			days[domain.DayKey(change.Employee, *change.Date)] = next
			np.DayVersions = days
			audit = append(audit, domain.AuditChange{Actor: pc.actor, Action: domain.ActionAssign, Reason: pc.req.Reason,
				Old: dayJSON(&p, change.Employee, *change.Date, change.From), New: dayJSON(&np, change.Employee, *change.Date, change.To)})
			pc.change, pc.plan = change, np
			p = np
			accepted++
		}
		if accepted == 0 {
			return domain.Patch{}, nil
		}
		data, err := json.Marshal(p)
		if err != nil {
			return domain.Patch{}, domain.Internal("plan coderen", err)
		}
		final = p
		return domain.Patch{Data: data, Audit: audit}, nil
	})
	if err != nil {
		fail(err)
		return
	}
	for _, pc := range batch {
		pc.stored = rec.Version
		if pc.err == nil && pc.current == 0 {
			pc.plan = final // the answer tells the plan as stored
		}
	}
	if accepted == 0 {
		return
	}
	s.planDecoded.Store(id, &decodedPlan{version: rec.Version, plan: final})
	s.planCache.Store(id, &planCacheEntry{version: rec.Version, body: rec.Data})
}

// precondition returns the version pc's If-Match must name on plan p at version planVersion: the
// plan's, or the changed day's.
func (pc *pendingChange) precondition(p *domain.Plan, planVersion int64) int64 {
	if pc.perDay {
		return p.AssignmentVersion(planVersion, pc.req.Employee, pc.date)
	}
	return planVersion
}

// decodePlan returns the plan of rec, decoded once per version.
func (s *Server) decodePlan(id string, rec domain.Record) (domain.Plan, error) {
	if c, ok := s.planDecoded.Load(id); ok && c.(*decodedPlan).version == rec.Version {
		return c.(*decodedPlan).plan, nil
	}
	var p domain.Plan
	if err := json.Unmarshal(rec.Data, &p); err != nil {
		return p, domain.Internal("plan "+id+" lezen", err)
	}
	s.planDecoded.Store(id, &decodedPlan{version: rec.Version, plan: p})
	return p, nil
}

// dayView is one person's day in a plan: the audit log's old and new of an assignment change, and
// the answer of GET …/assignments/{employee}~{date}.
type dayView struct {
	Employee   string      `json:"employee"`
	Date       domain.Date `json:"date"`
	Shift      string      `json:"shift"`
	Werkleider string      `json:"werkleider,omitempty"`
}

// day returns employee's day d in p: shift is the shift that day ("" for none).
func day(p *domain.Plan, employee string, d domain.Date, shift string) dayView {
	v := dayView{Employee: employee, Date: d, Shift: shift}
	if shift != "" {
		if i := slices.IndexFunc(p.Supervision, func(sv domain.Supervision) bool { return sv.Shift == shift }); i >= 0 {
			v.Werkleider = p.Supervision[i].Werkleider
		}
	}
	return v
}

// dayJSON is day as JSON, for an audit entry.
func dayJSON(p *domain.Plan, employee string, d domain.Date, shift string) json.RawMessage {
	b, _ := json.Marshal(day(p, employee, d, shift))
	return b
}

// shiftOn returns employee's shift on d in p, or "".
func shiftOn(ds *domain.Dataset, p *domain.Plan, employee string, d domain.Date) string {
	shiftOf := shiftsByID(ds)
	for _, a := range p.Assignments {
		if a.Employee == employee {
			if sh := shiftOf[a.Shift]; sh != nil && sh.Date == d {
				return a.Shift
			}
		}
	}
	return ""
}

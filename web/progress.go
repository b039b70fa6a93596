package web

import (
	"encoding/json"
	"math"
	"net/http"
	"sync"
	"time"

	"ploeg/scheduler"
)

// planRun is a planning run ("Plan automatisch") in progress, as the progress bar shows it: the
// scheduler reports its steps and best total now and then (api.WithPlanProgress), and the page asks
// for them every second (GET /voortgang/{plan}). A run is known only to the instance that runs it;
// another instance answers "not running" and the page falls back to the time against the limit.
type planRun struct {
	mu      sync.Mutex
	started time.Time
	limit   time.Duration
	last    scheduler.Progress
	first   float64
	reports int
}

func (p *planRun) report(pr scheduler.Progress) {
	p.mu.Lock()
	defer p.mu.Unlock()
	if p.reports == 0 {
		p.first = pr.Best
	}
	p.reports++
	p.last = pr
}

// runStatus is the answer of GET /voortgang/{plan}.
type runStatus struct {
	Running bool `json:"running"`
	// Elapsed and Limit are in seconds; the run ends at the limit at the latest (sooner when the
	// search has used its step budget or proved its plan optimal).
	Elapsed float64 `json:"elapsed"`
	Limit   float64 `json:"limit"`
	// Phase is "start" before the first plan exists, "verbeteren" while the search improves it,
	// "optimaal" when it reached the lower bound (no better plan exists).
	Phase string `json:"phase"`
	Steps int    `json:"steps"`
	// Best is the total of the best plan so far (lower is better), First that of the first plan.
	Best       float64 `json:"best"`
	First      float64 `json:"first"`
	LowerBound float64 `json:"lowerBound"`
}

func (p *planRun) status(now time.Time) runStatus {
	p.mu.Lock()
	defer p.mu.Unlock()
	st := runStatus{Running: true, Elapsed: round1(now.Sub(p.started).Seconds()), Limit: p.limit.Seconds(), Phase: "start"}
	if p.reports > 0 {
		st.Phase, st.Steps = "verbeteren", p.last.Steps
		st.Best, st.First, st.LowerBound = round1(p.last.Best), round1(p.first), round1(p.last.LowerBound)
		if p.last.Best <= p.last.LowerBound+1e-6 {
			st.Phase = "optimaal"
		}
	}
	return st
}

func round1(f float64) float64 { return math.Round(f*10) / 10 }

// planLimit is the time limit of "Plan automatisch": the web's own, or the API's when it is lower.
func (h *Handler) planLimit() time.Duration {
	return min(planSeconds*time.Second, h.cfg.API.PlanTimeLimit())
}

// startRun registers a run for plan id; the caller ends it with the returned function.
func (h *Handler) startRun(id string) (*planRun, func()) {
	run := &planRun{started: time.Now(), limit: h.planLimit()}
	h.runs.Store(id, run)
	return run, func() { h.runs.CompareAndDelete(id, run) }
}

// progress answers how the run for a plan id is going, or that none runs here.
func (h *Handler) progress(w http.ResponseWriter, r *http.Request, _ *call) {
	st := runStatus{Limit: h.planLimit().Seconds()}
	if v, ok := h.runs.Load(r.PathValue("plan")); ok {
		st = v.(*planRun).status(time.Now())
	}
	w.Header().Set("Content-Type", "application/json")
	w.Header().Set("Cache-Control", "no-store")
	_ = json.NewEncoder(w).Encode(st)
}

package api

import (
	"context"
	"time"

	"ploeg/scheduler"
)

// progressKey carries a planning run's progress function in a request's context.
type progressKey struct{}

// WithPlanProgress returns ctx with f, which a planning or repair run started with this context
// (through Call, in-process) reports to now and then: steps done, the best total so far, the lower
// bound and the time taken. The web UI shows it while "Plan automatisch" runs. f must be cheap and
// safe for use from another goroutine.
func WithPlanProgress(ctx context.Context, f func(scheduler.Progress)) context.Context {
	return context.WithValue(ctx, progressKey{}, f)
}

// planProgress returns the progress function of ctx, or nil.
func planProgress(ctx context.Context) func(scheduler.Progress) {
	f, _ := ctx.Value(progressKey{}).(func(scheduler.Progress))
	return f
}

// PlanTimeLimit is the longest a planning run may take; a request may ask for less.
func (s *Server) PlanTimeLimit() time.Duration { return s.cfg.PlanTimeLimit }

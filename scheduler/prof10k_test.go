package scheduler_test

import (
	"context"
	"testing"
	"time"

	"ploeg/scheduler"
)

func TestProf10k(t *testing.T) {
	ds := paswerk(nil, 10000, 5)
	st := time.Now()
	p, stats, err := scheduler.PlanWithStats(context.Background(), ds, monday, monday.AddDays(4), scheduler.Options{Seed: 1, TimeLimit: 20 * time.Second})
	if err != nil {
		t.Fatal(err)
	}
	t.Logf("%v %+v lb=%v steps=%d", time.Since(st), p.Score, stats.LowerBound, stats.Steps)
}

package web

import (
	"encoding/json"
	"net/http"
	"sync/atomic"
	"testing"
	"time"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"ploeg/api"
	"ploeg/auth"
	"ploeg/demo"
	"ploeg/domain"
	"ploeg/scheduler"
)

// A run's status: the phase, the best total so far against the first and the lower bound, and
// the time against the limit.
func TestPlanRunStatus(t *testing.T) {
	start := time.Date(2026, 11, 30, 9, 0, 0, 0, time.UTC)
	for _, tc := range []struct {
		name    string
		reports []scheduler.Progress
		want    runStatus
	}{
		{"nog geen plan", nil, runStatus{Running: true, Elapsed: 2.5, Limit: 10, Phase: "start"}},
		{"verbeteren", []scheduler.Progress{{Steps: 0, Best: 94130, LowerBound: 100}, {Steps: 8192, Best: 80180.04, LowerBound: 100}},
			runStatus{Running: true, Elapsed: 2.5, Limit: 10, Phase: "verbeteren", Steps: 8192, Best: 80180, First: 94130, LowerBound: 100}},
		{"optimaal", []scheduler.Progress{{Steps: 4096, Best: 300, LowerBound: 300}},
			runStatus{Running: true, Elapsed: 2.5, Limit: 10, Phase: "optimaal", Steps: 4096, Best: 300, First: 300, LowerBound: 300}},
	} {
		t.Run(tc.name, func(t *testing.T) {
			run := &planRun{started: start, limit: 10 * time.Second}
			for _, p := range tc.reports {
				run.report(p)
			}
			assert.Equal(t, tc.want, run.status(start.Add(2500*time.Millisecond)))
		})
	}
}

// GET /voortgang/{plan} answers the run of this instance, or that none runs; after "Plan
// automatisch" the run is gone. The API reports the scheduler's progress to the function in the
// context of an in-process call.
func TestProgressEndpoint(t *testing.T) {
	e := newEnv(t, nil)
	c := e.login(domain.RolePlanner)
	id := testDay + "~" + testDay
	get := func() runStatus {
		r := c.get("/voortgang/" + id)
		require.Equal(t, http.StatusOK, r.Code)
		var st runStatus
		require.NoError(t, json.Unmarshal(r.Body.Bytes(), &st))
		return st
	}
	assert.Equal(t, runStatus{Limit: 2}, get(), "nothing runs; the limit is the API's 2 s, below the web's 10 s")
	run, done := e.web.startRun(id)
	run.report(scheduler.Progress{Steps: 4096, Best: 12, LowerBound: 3})
	st := get()
	assert.True(t, st.Running)
	assert.Equal(t, "verbeteren", st.Phase)
	assert.Equal(t, 12.0, st.Best)
	done()
	assert.False(t, get().Running)

	e.plan()
	assert.False(t, get().Running, "the run ends with the request")

	// A demo day, where supervision binds: the search runs, and reports.
	e = newEnv(t, demo.Generate(demo.Options{Seed: 1, Employees: 60, Days: 1, Start: mustDate(testDay)}))
	var calls atomic.Int32
	ctx := api.WithPlanProgress(t.Context(), func(scheduler.Progress) { calls.Add(1) })
	p := auth.Principal{Name: "test", Grant: domain.Grant{Role: domain.RolePlanner}}
	res, err := e.web.cfg.API.Call(ctx, p, http.MethodPost, "/api/v1/plans", []byte(`{"from":"2026-11-23","to":"2026-11-23"}`), nil)
	require.NoError(t, err)
	require.Equal(t, http.StatusCreated, res.Status, string(res.Body))
	assert.Positive(t, calls.Load(), "the scheduler reported its progress")
}

// The page asks for the progress while the plan is being made (run with -race).
func TestProgressWhilePlanning(t *testing.T) {
	e := newEnv(t, demo.Generate(demo.Options{Seed: 1, Employees: 120, Days: 1, Start: mustDate(testDay)}))
	planner := e.login(domain.RolePlanner)
	planner.get("/planbord/" + testDay)
	poller := e.login(domain.RolePlanner)
	done := make(chan int)
	go func() {
		done <- planner.post("/planbord/"+testDay+"/plan", nil).Code
	}()
	seen := map[string]bool{}
	for {
		select {
		case code := <-done:
			assert.Equal(t, http.StatusSeeOther, code)
			t.Logf("phases seen while planning: %v", seen)
			return
		default:
			var st runStatus
			r := poller.get("/voortgang/" + testDay + "~" + testDay)
			require.Equal(t, http.StatusOK, r.Code)
			require.NoError(t, json.Unmarshal(r.Body.Bytes(), &st))
			seen[st.Phase] = true
			if st.Running {
				assert.Contains(t, []string{"start", "verbeteren", "optimaal"}, st.Phase)
			}
		}
	}
}

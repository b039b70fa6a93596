package api

import (
	"crypto/rand"
	"encoding/json"
	"fmt"
	"net/http"
	"net/http/httptest"
	"os"
	"strings"
	"sync"
	"testing"

	"github.com/alicebob/miniredis/v2"
	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"ploeg/demo"
	"ploeg/domain"
)

// dayPath is the path of employee's day in the test plan.
func dayPath(employee string) string {
	return "/api/v1/plans/" + planID + "/assignments/" + employee + "~2026-11-23"
}

// withDemoPlan imports a demo day of 60 people into e's store and plans it; it returns the plan's
// ETag and the plan.
func withDemoPlan(t *testing.T, e *env) (string, domain.Plan) {
	t.Helper()
	start, err := domain.ParseDate("2026-11-23")
	require.NoError(t, err)
	ds := demo.Generate(demo.Options{Seed: 1, Employees: 60, Days: 1, Start: start})
	b, err := json.Marshal(ds)
	require.NoError(t, err)
	rec := e.do(domain.RoleAdmin, http.MethodPut, "/api/v1/dataset", string(b), nil)
	require.Equal(t, http.StatusOK, rec.Code, rec.Body.String())
	tag := makePlan(t, e)
	return tag, readPlan(t, e, "/api/v1/plans/"+planID)
}

// movable returns up to n assignments of p whose people are not pinned, leaving every shift at
// least one person who is not among them, so it keeps its werkleider and taking a person off and
// back never meets a hard rule (H9 could otherwise refuse a new werkleider).
func movable(t *testing.T, e *env, p domain.Plan, n int) []domain.Assignment {
	t.Helper()
	pins, err := domain.Pins(e.store).List(t.Context(), domain.ListOptions{})
	require.NoError(t, err)
	pinned := map[string]bool{}
	for _, pn := range pins {
		pinned[pn.Value.Employee] = true
	}
	left := map[string]int{}
	for _, a := range p.Assignments {
		left[a.Shift]++
	}
	var out []domain.Assignment
	for _, a := range p.Assignments {
		if !pinned[a.Employee] && left[a.Shift] > 1 && len(out) < n {
			out = append(out, a)
			left[a.Shift]--
		}
	}
	require.Len(t, out, n)
	return out
}

// A person's day has its own version: a change to another person's day does not make it stale, a
// change to the same day does, and a whole-plan write (publication) makes every day's version the
// plan's. The audit entry of a change holds that day, old → new, not the plan.
func TestDayVersions(t *testing.T) {
	for _, kind := range storeKinds() {
		t.Run(kind, func(t *testing.T) {
			e := newEnv(t, kind)
			tag0, p := withDemoPlan(t, e)
			people := movable(t, e, p, 3)
			a, b, c := people[0], people[1], people[2]
			leader := ""
			for _, sv := range p.Supervision {
				if sv.Shift == a.Shift {
					leader = sv.Werkleider
				}
			}
			put := func(employee, body, tag string) *httpResult {
				return result(e.do(domain.RolePlanner, http.MethodPut, dayPath(employee), body, match(tag)))
			}

			rec := e.do(domain.RoleHR, http.MethodGet, dayPath(a.Employee), "", nil)
			require.Equal(t, http.StatusOK, rec.Code, rec.Body.String())
			assert.Equal(t, tag0, rec.Header().Get("ETag"), "a day not changed since the plan was made has the plan's version")
			day := decodeJSON[dayAnswer](t, rec)
			assert.Equal(t, a.Shift, day.Shift)
			assert.Equal(t, leader, day.Werkleider)

			r1 := put(a.Employee, `{"reason":"naar de fysiotherapeut"}`, tag0)
			require.Equal(t, http.StatusOK, r1.code, r1.body)
			r2 := put(b.Employee, `{"reason":"vrij gevraagd"}`, tag0)
			require.Equal(t, http.StatusOK, r2.code, "another person's day is not stale: %s", r2.body)
			assert.NotEqual(t, r1.etag, r2.etag)

			back := fmt.Sprintf(`{"shift":%q,"reason":"toch"}`, a.Shift)
			stale := put(a.Employee, back, tag0)
			require.Equal(t, http.StatusPreconditionFailed, stale.code, stale.body)
			assert.Equal(t, r1.etag, stale.etag, "412 names the day's current version")
			prob := decodeBody[Problem](t, stale.body)
			assert.Equal(t, domain.Code("stale"), prob.Code)
			assert.Equal(t, strings.Trim(r1.etag, `"`), itoa(prob.CurrentVersion))

			assert.Equal(t, r1.etag, e.do(domain.RoleHR, http.MethodGet, dayPath(a.Employee), "", nil).Header().Get("ETag"))
			assert.Equal(t, tag0, e.do(domain.RoleHR, http.MethodGet, dayPath(c.Employee), "", nil).Header().Get("ETag"), "an unchanged day keeps its version")

			again := put(a.Employee, back, r1.etag)
			require.Equal(t, http.StatusOK, again.code, again.body)
			rec = e.do(domain.RolePlanner, http.MethodPost, "/api/v1/plans/"+planID+"/assignments",
				fmt.Sprintf(`{"employee":%q,"date":"2026-11-23","reason":"x"}`, c.Employee), match(tag0))
			assert.Equal(t, http.StatusPreconditionFailed, rec.Code, "POST …/assignments names the plan's version, which changed")

			entries, err := e.store.Audit(t.Context(), domain.AuditQuery{})
			require.NoError(t, err)
			var assigns []domain.AuditEntry
			for _, en := range entries {
				if en.Action == domain.ActionAssign {
					assigns = append(assigns, en)
				}
			}
			require.Len(t, assigns, 3, "one audit entry per change")
			first := assigns[0]
			assert.Equal(t, domain.KindPlan, first.Kind)
			assert.Equal(t, planID, first.ID)
			assert.Equal(t, "naar de fysiotherapeut", first.Reason)
			assert.Contains(t, first.Actor, "planner")
			d, err := domain.ParseDate("2026-11-23")
			require.NoError(t, err)
			old, err := json.Marshal(dayView{Employee: a.Employee, Date: d, Shift: a.Shift, Werkleider: leader})
			require.NoError(t, err)
			assert.JSONEq(t, string(old), string(first.Old))
			assert.JSONEq(t, fmt.Sprintf(`{"employee":%q,"date":"2026-11-23","shift":""}`, a.Employee), string(first.New))

			plan := e.do(domain.RoleHR, http.MethodGet, "/api/v1/plans/"+planID, "", nil)
			pub := e.do(domain.RolePlanner, http.MethodPost, "/api/v1/plans/"+planID+"/publish", "", match(plan.Header().Get("ETag")))
			require.Equal(t, http.StatusOK, pub.Code, pub.Body.String())
			after := put(c.Employee, `{"reason":"x"}`, tag0)
			assert.Equal(t, http.StatusPreconditionFailed, after.code, "after a whole-plan write every day has the plan's version")
			assert.Equal(t, pub.Header().Get("ETag"), after.etag)
			assert.Equal(t, pub.Header().Get("ETag"), e.do(domain.RoleHR, http.MethodGet, dayPath(a.Employee), "", nil).Header().Get("ETag"))
		})
	}
}

// The day in the path is checked: its form (400 with the field path), the employee and the plan's range (404).
func TestDayPathRefused(t *testing.T) {
	e := newEnv(t, "bolt")
	withDemoPlan(t, e)
	for _, tc := range []struct {
		day   string
		code  int
		field string
	}{
		{"e0003", http.StatusBadRequest, "path.day"},
		{"e0003~2026-13-01", http.StatusBadRequest, "path.day"},
		{"e9999~2026-11-23", http.StatusNotFound, ""},
		{"e0003~2026-11-24", http.StatusNotFound, ""},
	} {
		t.Run(tc.day, func(t *testing.T) {
			rec := e.do(domain.RoleHR, http.MethodGet, "/api/v1/plans/"+planID+"/assignments/"+tc.day, "", nil)
			require.Equal(t, tc.code, rec.Code, rec.Body.String())
			assert.Equal(t, "application/problem+json", rec.Header().Get("Content-Type"))
			if tc.field != "" {
				prob := decodeJSON[Problem](t, rec)
				require.NotEmpty(t, prob.Errors)
				assert.Equal(t, tc.field, prob.Errors[0].Field)
			}
		})
	}
}

// httpResult is what a test keeps of a response.
type httpResult struct {
	code       int
	etag, body string
}

func result(rec *httptest.ResponseRecorder) *httpResult {
	return &httpResult{code: rec.Code, etag: rec.Header().Get("ETag"), body: rec.Body.String()}
}

func decodeBody[T any](t *testing.T, body string) T {
	t.Helper()
	var v T
	require.NoError(t, json.Unmarshal([]byte(body), &v), body)
	return v
}

// Many planners change their own person's day of one plan at once, each with the day's ETag,
// through one server or two on one Redis: every change is made (none answered 412, since nobody
// else touched those days), the plan holds each one where its last change put it, and the audit
// log has one entry per change.
func TestConcurrentDayChangesLoseNothing(t *testing.T) {
	type setup struct {
		name string
		envs func(t *testing.T) []*env
	}
	setups := []setup{
		{"bolt", func(t *testing.T) []*env { return []*env{newEnv(t, "bolt")} }},
		{"two instances on miniredis", func(t *testing.T) []*env {
			a, b := twoInstances(t, "redis://"+miniredis.RunT(t).Addr()+"/0", "")
			return []*env{a, b}
		}},
	}
	if url := os.Getenv("REDIS_URL"); url != "" {
		setups = append(setups, setup{"two instances on Redis", func(t *testing.T) []*env {
			a, b := twoInstances(t, url, "ploeg-apitest-days-"+rand.Text())
			return []*env{a, b}
		}})
	}
	for _, st := range setups {
		t.Run(st.name, func(t *testing.T) {
			envs := st.envs(t)
			e := envs[0]
			_, p := withDemoPlan(t, e)
			owned := movable(t, e, p, 24)
			const toggles = 4
			codes := make([]map[int]int, len(owned))
			var wg sync.WaitGroup
			for i, a := range owned {
				codes[i] = map[int]int{}
				srv := envs[i%len(envs)]
				wg.Go(func() {
					path := dayPath(a.Employee)
					tag := srv.do(domain.RolePlanner, http.MethodGet, path, "", nil).Header().Get("ETag")
					for k := range toggles {
						body := fmt.Sprintf(`{"reason":"wissel %s %d"}`, a.Employee, k)
						if k%2 == 1 {
							body = fmt.Sprintf(`{"shift":%q,"reason":"wissel %s %d"}`, a.Shift, a.Employee, k)
						}
						r := result(srv.do(domain.RolePlanner, http.MethodPut, path, body, match(tag)))
						codes[i][r.code]++
						if r.code != http.StatusOK {
							t.Errorf("%s change %d: %d %s", a.Employee, k, r.code, r.body)
							return
						}
						tag = r.etag
					}
				})
			}
			wg.Wait()
			for i := range owned {
				assert.Equal(t, map[int]int{http.StatusOK: toggles}, codes[i], owned[i].Employee)
			}
			final := readPlan(t, e, "/api/v1/plans/"+planID)
			recorded := 0
			for _, c := range final.Changes {
				if strings.HasPrefix(c.Reason, "wissel ") {
					recorded++
				}
			}
			assert.Equal(t, len(owned)*toggles, recorded, "every change is in the plan's change list")
			for _, a := range owned {
				assert.Contains(t, final.Assignments, a, "an even number of toggles puts %s back", a.Employee)
			}
			entries, err := e.store.Audit(t.Context(), domain.AuditQuery{})
			require.NoError(t, err)
			audited := 0
			for _, en := range entries {
				if en.Action == domain.ActionAssign && strings.HasPrefix(en.Reason, "wissel ") {
					audited++
				}
			}
			assert.Equal(t, len(owned)*toggles, audited, "one audit entry per change")
		})
	}
}

// A panic while a batch of changes is written (a bug) answers those changes with 500 and leaves the
// queue working for the next ones.
func TestQueueSurvivesAPanic(t *testing.T) {
	e := newEnv(t, "bolt")
	_, p := withDemoPlan(t, e)
	a := movable(t, e, p, 1)[0]
	tag := e.do(domain.RolePlanner, http.MethodGet, dayPath(a.Employee), "", nil).Header().Get("ETag")
	commitHook = func(string) { panic("stuk") }
	r := result(e.do(domain.RolePlanner, http.MethodPut, dayPath(a.Employee), `{"reason":"eerst"}`, match(tag)))
	commitHook = nil
	assert.Equal(t, http.StatusInternalServerError, r.code, r.body)
	r = result(e.do(domain.RolePlanner, http.MethodPut, dayPath(a.Employee), `{"reason":"daarna"}`, match(tag)))
	assert.Equal(t, http.StatusOK, r.code, "the queue still works: %s", r.body)
}

package api

import (
	"context"
	"fmt"
	"net/http"
	"testing"
	"time"

	"github.com/alicebob/miniredis/v2"
	goredis "github.com/redis/go-redis/v9"
	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"ploeg/domain"
	"ploeg/scheduler"
)

// Two instances on one Redis: a change waiting for the plan's lock while another instance records
// the person's absence that day is checked against the dataset with the absence (found in review:
// the dataset was read before the wait, and the stored plan broke H2).
func TestChangeSeesAbsenceRecordedWhileWaiting(t *testing.T) {
	mr := miniredis.RunT(t)
	a, b := twoInstances(t, "redis://"+mr.Addr()+"/0", "")
	_, p := withDemoPlan(t, a)
	as := movable(t, a, p, 1)[0]
	path := dayPath(as.Employee)
	tag := a.do(domain.RolePlanner, http.MethodGet, path, "", nil).Header().Get("ETag")
	r := result(a.do(domain.RolePlanner, http.MethodPut, path, `{"reason":"vrij"}`, match(tag)))
	require.Equal(t, http.StatusOK, r.code, r.body)
	tag = r.etag

	c := goredis.NewClient(&goredis.Options{Addr: mr.Addr()})
	defer c.Close()
	lock := "ploeg:lock:plans:" + planID
	require.NoError(t, c.Set(context.Background(), lock, "other-instance", 10*time.Second).Err())

	done := make(chan *httpResult)
	go func() {
		done <- result(a.do(domain.RolePlanner, http.MethodPut, path, fmt.Sprintf(`{"shift":%q,"reason":"terug"}`, as.Shift), match(tag)))
	}()
	time.Sleep(300 * time.Millisecond) // a has read the dataset and waits for the lock
	ab := fmt.Sprintf(`{"person":%q,"from":"2026-11-23","to":"2026-11-23","kind":"verlof"}`, as.Employee)
	rb := b.do(domain.RoleAdmin, http.MethodPost, "/api/v1/absences", ab, nil)
	require.Less(t, rb.Code, 300, rb.Body.String())
	require.NoError(t, c.Del(context.Background(), lock).Err())
	got := <-done
	assert.Equal(t, http.StatusConflict, got.code, "refused: the person is absent that day (H2): %s", got.body)

	final := readPlan(t, a, "/api/v1/plans/"+planID)
	ds, err := domain.LoadDataset(t.Context(), a.store)
	require.NoError(t, err)
	rep, err := scheduler.Check(ds, &final)
	require.NoError(t, err)
	assert.Empty(t, rep.Violations, "the stored plan keeps every hard rule")
}

package storetest

import (
	"context"
	"encoding/json"
	"fmt"
	"math/rand/v2"
	"strconv"
	"strings"
	"sync"
	"sync/atomic"
	"testing"
	"time"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"ploeg/domain"
)

// testConcurrentUpdates has many writers increment a counter in one employee's name by
// read-modify-write, retrying on conflict: no increment may get lost.
func testConcurrentUpdates(t *testing.T, s domain.Store) {
	const workers, increments = 50, 20
	ctx := t.Context()
	repo := domain.Employees(s)
	e := dataset().Employees[1]
	e.Name = "teller 0"
	_, err := repo.Create(ctx, e)
	require.NoError(t, err)

	var conflicts atomic.Int64
	var wg sync.WaitGroup
	errs := make(chan error, workers)
	for range workers {
		wg.Go(func() {
			for range increments {
				if err := increment(ctx, repo, e.ID, &conflicts); err != nil {
					errs <- err
					return
				}
			}
		})
	}
	wg.Wait()
	close(errs)
	for err := range errs {
		require.NoError(t, err)
	}

	got, err := repo.Get(ctx, e.ID)
	require.NoError(t, err)
	assert.Equal(t, fmt.Sprintf("teller %d", workers*increments), got.Value.Name, "an update got lost")
	t.Logf("%d writers did %d updates and met %d conflicts", workers, workers*increments, conflicts.Load())
	assert.Positive(t, conflicts.Load(), "the writers never conflicted, so the test did not test concurrency")

	entries, err := s.Audit(ctx, domain.AuditQuery{})
	require.NoError(t, err)
	updates := 0
	for _, entry := range entries {
		if entry.Action == domain.ActionUpdate && entry.ID == e.ID {
			updates++
		}
	}
	assert.Equal(t, workers*increments, updates, "every update needs exactly one audit entry")
}

// increment adds one to the counter at the end of employee id's name, retrying on conflict.
func increment(ctx context.Context, repo domain.Repo[domain.Employee], id string, conflicts *atomic.Int64) error {
	for attempt := range 100_000 {
		if attempt > 0 {
			// Back off a little, as a real client would, so that fifty writers do not just
			// keep colliding.
			time.Sleep(time.Duration(rand.Int64N(int64(min(attempt, 10)) * int64(time.Millisecond))))
		}
		cur, err := repo.Get(ctx, id)
		if err != nil {
			return err
		}
		n, err := strconv.Atoi(strings.TrimPrefix(cur.Value.Name, "teller "))
		if err != nil {
			return fmt.Errorf("name %q holds no counter: %w", cur.Value.Name, err)
		}
		cur.Value.Name = "teller " + strconv.Itoa(n+1)
		_, err = repo.Update(ctx, cur.Value, cur.Version)
		if domain.ErrorCode(err) != domain.CodeConflict {
			return err
		}
		conflicts.Add(1)
	}
	return fmt.Errorf("gave up on %s after 100000 conflicts", id)
}

// testConcurrentCreatesOfOneID has many writers create the same id: exactly one may win.
func testConcurrentCreatesOfOneID(t *testing.T, s domain.Store) {
	const writers = 20
	ctx := t.Context()
	errs := make([]error, writers)
	var wg sync.WaitGroup
	for i := range writers {
		wg.Go(func() { _, errs[i] = s.Create(ctx, raw(domain.KindEmployee, "e1", i)) })
	}
	wg.Wait()
	winner := -1
	for i, err := range errs {
		if err == nil {
			require.Equal(t, -1, winner, "writers %d and %d both created e1", winner, i)
			winner = i
			continue
		}
		assertCode(t, domain.CodeConflict, err, "e1")
	}
	require.NotEqual(t, -1, winner, "no writer created e1")
	got, err := s.Get(ctx, domain.KindEmployee, "e1")
	require.NoError(t, err)
	assert.JSONEq(t, fmt.Sprintf(`{"n":%d}`, winner), string(got.Data), "the stored record is not the winner's")
	entries, err := s.Audit(ctx, domain.AuditQuery{})
	require.NoError(t, err)
	assert.Len(t, entries, 1)
}

// testConcurrentCreatesOfManyIDs has many writers create different ids at once: all must succeed,
// each with its own version and audit entry.
func testConcurrentCreatesOfManyIDs(t *testing.T, s domain.Store) {
	const writers = 50
	ctx := t.Context()
	versions := make([]int64, writers)
	errs := make([]error, writers)
	var wg sync.WaitGroup
	for i := range writers {
		wg.Go(func() {
			var rec domain.Record
			rec, errs[i] = s.Create(ctx, raw(domain.KindShift, fmt.Sprintf("s%02d", i), i))
			versions[i] = rec.Version
		})
	}
	wg.Wait()
	seen := map[int64]bool{}
	for i, err := range errs {
		require.NoError(t, err, "writer %d", i)
		assert.False(t, seen[versions[i]], "version %d given twice", versions[i])
		seen[versions[i]] = true
	}
	list, err := s.List(ctx, domain.KindShift, domain.ListOptions{})
	require.NoError(t, err)
	assert.Len(t, list, writers)
	entries, err := s.Audit(ctx, domain.AuditQuery{})
	require.NoError(t, err)
	seqs := map[int64]bool{}
	for _, e := range entries {
		seqs[e.Seq] = true
	}
	assert.Len(t, seqs, writers, "every create needs its own audit entry")
}

// generation returns a dataset of raw records that all carry n: the organisation and 2 or 3 records
// (by n's parity) of every other dataset kind.
func generation(n int) []domain.Record {
	recs := []domain.Record{raw(domain.KindOrganisation, domain.OrganisationID, n)}
	for _, kind := range domain.DatasetKinds[1:] {
		for i := range 2 + n%2 {
			recs = append(recs, raw(kind, fmt.Sprintf("x%d", i), n))
		}
	}
	return recs
}

// testSnapshotIsConsistent takes snapshots while another goroutine imports dataset after dataset:
// every snapshot must be one whole dataset, never a mix.
func testSnapshotIsConsistent(t *testing.T, s domain.Store) {
	const imports = 20
	ctx := t.Context()
	require.NoError(t, s.ReplaceDataset(ctx, generation(0)))
	done := make(chan error)
	go func() {
		defer close(done)
		for n := 1; n <= imports; n++ {
			if err := s.ReplaceDataset(ctx, generation(n)); err != nil {
				done <- err
				return
			}
		}
	}()
	check := func() int {
		snap, err := s.Snapshot(ctx)
		require.NoError(t, err)
		require.NotEmpty(t, snap)
		var first struct{ N int }
		require.NoError(t, json.Unmarshal(snap[0].Data, &first))
		want := generation(first.N)
		require.Equal(t, keys(want), keys(snap), "snapshot of import %d has other records", first.N)
		for _, rec := range snap {
			require.JSONEq(t, string(want[0].Data), string(rec.Data), "snapshot mixes imports: %s/%s", rec.Kind, rec.ID)
		}
		return first.N
	}
	snapshots := 0
	for running := true; running; snapshots++ {
		select {
		case err, ok := <-done:
			require.NoError(t, err)
			running = ok
		default:
		}
		check()
	}
	assert.Equal(t, imports, check(), "the last snapshot misses the last import")
	t.Logf("%d snapshots during %d imports", snapshots, imports)
}

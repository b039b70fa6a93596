package redis

import (
	"context"
	"crypto/rand"
	"encoding/json"
	"os"
	"sync"
	"testing"
	"time"

	"github.com/alicebob/miniredis/v2"
	goredis "github.com/redis/go-redis/v9"
	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"ploeg/domain"
	"ploeg/store/storetest"
)

// open opens a store on the Redis at url and closes it when t ends.
func open(t *testing.T, url string, opts Options) *Store {
	t.Helper()
	s, err := Open(t.Context(), url, opts)
	require.NoError(t, err)
	t.Cleanup(func() { assert.NoError(t, s.Close()) })
	return s
}

// openMini opens a store on a new miniredis.
func openMini(t *testing.T, opts Options) (*Store, *miniredis.Miniredis) {
	mr := miniredis.RunT(t)
	return open(t, "redis://"+mr.Addr()+"/0", opts), mr
}

func TestConformanceMiniredis(t *testing.T) {
	storetest.Run(t, func(t *testing.T) domain.Store {
		s, _ := openMini(t, Options{})
		return s
	})
}

// TestConformanceRedis runs the suite against the real Redis at REDIS_URL, each store under its own
// random prefix, whose keys it deletes afterwards.
func TestConformanceRedis(t *testing.T) {
	url := os.Getenv("REDIS_URL")
	if url == "" {
		t.Skip("REDIS_URL not set")
	}
	storetest.Run(t, func(t *testing.T) domain.Store {
		prefix := "ploegtest-" + rand.Text()
		s, err := Open(t.Context(), url, Options{Prefix: prefix})
		require.NoError(t, err)
		t.Cleanup(func() {
			ctx := context.Background() // t.Context() is done by now
			iter := s.client.Scan(ctx, 0, prefix+":*", 500).Iterator()
			for iter.Next(ctx) {
				assert.NoError(t, s.client.Del(ctx, iter.Val()).Err())
			}
			assert.NoError(t, iter.Err())
			assert.NoError(t, s.Close())
		})
		return s
	})
}

func rec(kind domain.Kind, id, data string) domain.Record {
	return domain.Record{Kind: kind, ID: id, Data: json.RawMessage(data)}
}

func TestKeyLayout(t *testing.T) {
	ctx := t.Context()
	s, mr := openMini(t, Options{})
	_, err := s.Create(ctx, rec(domain.KindEmployee, "e1", `{}`))
	require.NoError(t, err)
	_, err = s.Create(ctx, rec(domain.KindPlan, "2026-11-23~2026-11-29", `{}`))
	require.NoError(t, err)

	assert.ElementsMatch(t, []string{
		"ploeg:meta", "ploeg:audit",
		"ploeg:rec:employees:e1", "ploeg:ids:employees",
		"ploeg:rec:plans:2026-11-23~2026-11-29", "ploeg:ids:plans",
	}, mr.Keys(), "the default prefix is ploeg")
	ids, err := mr.ZMembers("ploeg:ids:employees")
	require.NoError(t, err)
	assert.Equal(t, []string{"e1"}, ids)
	audit, err := mr.List("ploeg:audit")
	require.NoError(t, err)
	assert.Len(t, audit, 2)
	assert.Equal(t, "2", mr.HGet("ploeg:meta", "version"))
	assert.Equal(t, "2", mr.HGet("ploeg:meta", "seq"))
}

func TestPrefixesAreSeparate(t *testing.T) {
	ctx := t.Context()
	mr := miniredis.RunT(t)
	url := "redis://" + mr.Addr()
	a := open(t, url, Options{Prefix: "sw-a"})
	b := open(t, url, Options{Prefix: "sw-b"})
	_, err := a.Create(ctx, rec(domain.KindEmployee, "e1", `{"org":"a"}`))
	require.NoError(t, err)
	require.NoError(t, b.ReplaceDataset(ctx, []domain.Record{rec(domain.KindShift, "s1", `{"org":"b"}`)}))

	_, err = b.Get(ctx, domain.KindEmployee, "e1")
	assert.Equal(t, domain.CodeNotFound, domain.ErrorCode(err), "b sees a's record")
	snap, err := a.Snapshot(ctx)
	require.NoError(t, err)
	require.Len(t, snap, 1, "b's import touched a")
	assert.Equal(t, "e1", snap[0].ID)
	audit, err := a.Audit(ctx, domain.AuditQuery{})
	require.NoError(t, err)
	assert.Len(t, audit, 1)
}

func TestAuditTimeFromClock(t *testing.T) {
	at := time.Date(2026, 11, 23, 8, 30, 0, 0, domain.Amsterdam)
	s, _ := openMini(t, Options{Now: func() time.Time { return at }})
	storetest.CheckClock(t, s, at)
}

func TestOpenErrors(t *testing.T) {
	_, err := Open(t.Context(), "http://localhost:6379", Options{})
	assert.Equal(t, domain.CodeInvalid, domain.ErrorCode(err))
	assert.ErrorContains(t, err, "redis://")

	mr := miniredis.RunT(t)
	addr := mr.Addr()
	mr.Close()
	ctx, cancel := context.WithTimeout(t.Context(), 300*time.Millisecond)
	defer cancel()
	_, err = Open(ctx, "redis://"+addr, Options{})
	assert.Equal(t, domain.CodeInternal, domain.ErrorCode(err))
	assert.ErrorContains(t, err, addr)
	assert.ErrorContains(t, err, "antwoordt niet")
}

// recorder is a go-redis hook that records every command sent, in batches as they go out.
type recorder struct {
	mu      sync.Mutex
	batches [][]string
}

func (r *recorder) add(cmds []goredis.Cmder) {
	names := make([]string, len(cmds))
	for i, c := range cmds {
		names[i] = c.Name()
	}
	r.mu.Lock()
	r.batches = append(r.batches, names)
	r.mu.Unlock()
}

// take returns the batches recorded since the last call.
func (r *recorder) take() [][]string {
	r.mu.Lock()
	defer r.mu.Unlock()
	b := r.batches
	r.batches = nil
	return b
}

func (r *recorder) DialHook(next goredis.DialHook) goredis.DialHook { return next }

func (r *recorder) ProcessHook(next goredis.ProcessHook) goredis.ProcessHook {
	return func(ctx context.Context, cmd goredis.Cmder) error {
		r.add([]goredis.Cmder{cmd})
		return next(ctx, cmd)
	}
}

func (r *recorder) ProcessPipelineHook(next goredis.ProcessPipelineHook) goredis.ProcessPipelineHook {
	return func(ctx context.Context, cmds []goredis.Cmder) error {
		r.add(cmds)
		return next(ctx, cmds)
	}
}

// TestWritesAreOneTransaction checks that each write sends all its changes, the audit entry
// included, in one MULTI/EXEC and nothing outside it: a client that dies before EXEC changes nothing.
func TestWritesAreOneTransaction(t *testing.T) {
	ctx := t.Context()
	s, _ := openMini(t, Options{})
	var r recorder
	s.client.AddHook(&r)
	var version int64
	writes := []string{"set", "mset", "del", "unlink", "zadd", "zrem", "hset", "rpush", "incr"}
	for _, tc := range []struct {
		name  string
		write func() error
		want  []string // commands the transaction must hold
	}{
		{"create", func() error {
			got, err := s.Create(ctx, rec(domain.KindEmployee, "e1", `{"n":1}`))
			version = got.Version
			return err
		}, []string{"set", "zadd", "hset", "rpush"}},
		{"update", func() error {
			got, err := s.Update(ctx, domain.Record{Kind: domain.KindEmployee, ID: "e1", Version: version, Data: json.RawMessage(`{"n":2}`)})
			version = got.Version
			return err
		}, []string{"set", "zadd", "hset", "rpush"}},
		{"import", func() error {
			return s.ReplaceDataset(ctx, []domain.Record{rec(domain.KindShift, "s1", `{}`), rec(domain.KindEmployee, "e2", `{}`)})
		}, []string{"del", "set", "zadd", "hset", "rpush"}},
		{"delete", func() error {
			e2, err := s.Get(ctx, domain.KindEmployee, "e2")
			if err != nil {
				return err
			}
			return s.Delete(ctx, domain.KindEmployee, "e2", e2.Version)
		}, []string{"del", "zrem", "hset", "rpush"}},
	} {
		t.Run(tc.name, func(t *testing.T) {
			r.take()
			require.NoError(t, tc.write())
			var txs [][]string
			for _, batch := range r.take() {
				if batch[0] == "multi" {
					txs = append(txs, batch)
					continue
				}
				for _, name := range batch {
					assert.NotContains(t, writes, name, "a write outside MULTI/EXEC: %v", batch)
				}
			}
			require.Len(t, txs, 1, "want one MULTI/EXEC")
			assert.Equal(t, "exec", txs[0][len(txs[0])-1])
			for _, name := range tc.want {
				assert.Contains(t, txs[0], name)
			}
		})
	}
}

// interferer is a go-redis hook that runs fn once, right after the first HMGET of the meta key: between
// a transaction's read and its EXEC.
type interferer struct {
	once sync.Once
	fn   func()
}

func (i *interferer) DialHook(next goredis.DialHook) goredis.DialHook { return next }

func (i *interferer) ProcessHook(next goredis.ProcessHook) goredis.ProcessHook {
	return func(ctx context.Context, cmd goredis.Cmder) error {
		err := next(ctx, cmd)
		if cmd.Name() == "hmget" {
			i.once.Do(i.fn)
		}
		return err
	}
}

func (i *interferer) ProcessPipelineHook(next goredis.ProcessPipelineHook) goredis.ProcessPipelineHook {
	return next
}

// TestRacingWrites lets another client write between a transaction's read and its EXEC: the EXEC
// must fail and the write be tried again on fresh data.
func TestRacingWrites(t *testing.T) {
	ctx := t.Context()
	for _, tc := range []struct {
		name        string
		other       func(other *Store) error // the racing write
		wantCode    domain.Code              // of the update of e1 that races it
		wantEntries int                      // in the audit log at the end
	}{
		{"other record", func(o *Store) error { _, err := o.Create(ctx, rec(domain.KindEmployee, "e2", `{}`)); return err }, "", 3},
		{"same record", func(o *Store) error {
			cur, err := o.Get(ctx, domain.KindEmployee, "e1")
			if err == nil {
				_, err = o.Update(ctx, cur)
			}
			return err
		}, domain.CodeConflict, 2},
	} {
		t.Run(tc.name, func(t *testing.T) {
			mr := miniredis.RunT(t)
			url := "redis://" + mr.Addr()
			s := open(t, url, Options{})
			other := open(t, url, Options{})
			e1, err := s.Create(ctx, rec(domain.KindEmployee, "e1", `{"n":1}`))
			require.NoError(t, err)

			var raced error
			s.client.AddHook(&interferer{fn: func() { raced = tc.other(other) }})
			e1.Data = json.RawMessage(`{"n":2}`)
			_, err = s.Update(ctx, e1)
			require.NoError(t, raced)
			assert.Equal(t, tc.wantCode, domain.ErrorCode(err), "update: %v", err)

			entries, err := s.Audit(ctx, domain.AuditQuery{})
			require.NoError(t, err)
			require.Len(t, entries, tc.wantEntries, "every write but a refused one is audited once")
			for i, e := range entries {
				assert.Equal(t, int64(i+1), e.Seq)
			}
			got, err := s.Get(ctx, domain.KindEmployee, "e1")
			require.NoError(t, err)
			assert.Equal(t, tc.wantCode == "", string(got.Data) == `{"n":2}`, "e1 is %s", got.Data)
		})
	}
}

// Patch takes and releases the record's advisory lock, and goes ahead without it when another
// holder keeps it past LockWait, leaving that holder's lock alone.
func TestPatchLock(t *testing.T) {
	mr := miniredis.RunT(t)
	s, err := Open(t.Context(), "redis://"+mr.Addr()+"/0", Options{LockWait: 30 * time.Millisecond})
	require.NoError(t, err)
	t.Cleanup(func() { s.Close() })
	ctx := t.Context()
	_, err = s.Create(ctx, domain.Record{Kind: domain.KindPlan, ID: "p", Data: json.RawMessage(`{}`)})
	require.NoError(t, err)
	lock := "ploeg:lock:plans:p"
	held := false
	_, err = s.Patch(ctx, domain.KindPlan, "p", func(cur domain.Record, _ int64) (domain.Patch, error) {
		held = mr.Exists(lock)
		return domain.Patch{Data: json.RawMessage(`{"a":1}`)}, nil
	})
	require.NoError(t, err)
	assert.True(t, held, "the lock is held during the patch")
	assert.False(t, mr.Exists(lock), "and released after")

	require.NoError(t, mr.Set(lock, "iemand-anders"))
	rec, err := s.Patch(ctx, domain.KindPlan, "p", func(cur domain.Record, _ int64) (domain.Patch, error) {
		return domain.Patch{Data: json.RawMessage(`{"a":2}`)}, nil
	})
	require.NoError(t, err, "a lock held by another goes unused after LockWait")
	assert.JSONEq(t, `{"a":2}`, string(rec.Data))
	got, err := mr.Get(lock)
	require.NoError(t, err)
	assert.Equal(t, "iemand-anders", got, "another's lock is not released")
}

// The connection pool is large enough for many concurrent API requests, unless the URL says
// otherwise.
func TestPoolSize(t *testing.T) {
	mr := miniredis.RunT(t)
	for _, tc := range []struct {
		query string
		want  int
	}{
		{"", 128},
		{"?pool_size=7", 7},
	} {
		t.Run(tc.query, func(t *testing.T) {
			s, err := Open(t.Context(), "redis://"+mr.Addr()+"/0"+tc.query, Options{})
			require.NoError(t, err)
			t.Cleanup(func() { s.Close() })
			assert.Equal(t, tc.want, s.client.Options().PoolSize)
		})
	}
}

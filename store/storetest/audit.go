package storetest

import (
	"context"
	"encoding/json"
	"errors"
	"testing"
	"time"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"ploeg/domain"
)

// CheckClock checks that s, whose clock always says at, gives its audit entries that time.
func CheckClock(t *testing.T, s domain.Store, at time.Time) {
	t.Helper()
	_, err := s.Create(t.Context(), raw(domain.KindEmployee, "e1", 1))
	require.NoError(t, err)
	entries, err := s.Audit(t.Context(), domain.AuditQuery{})
	require.NoError(t, err)
	require.Len(t, entries, 1)
	assert.True(t, at.Equal(entries[0].Time), "audit time %s, want %s", entries[0].Time, at)
}

func testAudit(t *testing.T, s domain.Store) {
	anja := domain.WithActor(t.Context(), domain.Actor{Name: "anja", Reason: "ziekmelding"})
	_, err := s.Create(t.Context(), raw(domain.KindEmployee, "e0", 0))
	require.NoError(t, err)
	v1, err := s.Create(anja, raw(domain.KindEmployee, "e1", 1))
	require.NoError(t, err)
	v2, err := s.Update(anja, domain.Record{Kind: domain.KindEmployee, ID: "e1", Version: v1.Version, Data: json.RawMessage(`{"n":2}`)})
	require.NoError(t, err)
	require.NoError(t, s.Delete(anja, domain.KindEmployee, "e1", v2.Version))
	recs := datasetRecords(t)
	require.NoError(t, s.ReplaceDataset(anja, recs))

	entries, err := s.Audit(t.Context(), domain.AuditQuery{})
	require.NoError(t, err)
	require.Len(t, entries, 5)
	for i, e := range entries {
		if i > 0 {
			assert.Greater(t, e.Seq, entries[i-1].Seq, "Seq must increase")
		} else {
			assert.Positive(t, e.Seq)
		}
		assert.False(t, e.Time.IsZero(), "entry %d has no time", e.Seq)
	}

	assert.Equal(t, "systeem", entries[0].Actor, "a write without actor is the system's")
	assert.Empty(t, entries[0].Reason)
	assert.Equal(t, domain.ActionCreate, entries[0].Action)

	for _, tc := range []struct {
		entry    domain.AuditEntry
		action   string
		old, new string
	}{
		{entries[1], domain.ActionCreate, "", `{"n":1}`},
		{entries[2], domain.ActionUpdate, `{"n":1}`, `{"n":2}`},
		{entries[3], domain.ActionDelete, `{"n":2}`, ""},
	} {
		t.Run(tc.action, func(t *testing.T) {
			e := tc.entry
			assert.Equal(t, tc.action, e.Action)
			assert.Equal(t, domain.KindEmployee, e.Kind)
			assert.Equal(t, "e1", e.ID)
			assert.Equal(t, "anja", e.Actor)
			assert.Equal(t, "ziekmelding", e.Reason)
			assertJSON(t, tc.old, e.Old, "old")
			assertJSON(t, tc.new, e.New, "new")
		})
	}

	t.Run("import", func(t *testing.T) {
		e := entries[4]
		assert.Equal(t, domain.ActionImport, e.Action)
		assert.Equal(t, domain.KindDatasetImport, e.Kind)
		assert.Empty(t, e.ID)
		assert.Equal(t, "anja", e.Actor)
		assert.Equal(t, "ziekmelding", e.Reason)
		var old, new map[domain.Kind]int
		require.NoError(t, json.Unmarshal(e.Old, &old), "old: %s", e.Old)
		require.NoError(t, json.Unmarshal(e.New, &new), "new: %s", e.New)
		assert.Equal(t, map[domain.Kind]int{domain.KindEmployee: 1}, old)
		want := map[domain.Kind]int{}
		for _, rec := range recs {
			want[rec.Kind]++
		}
		assert.Equal(t, want, new)
	})
}

// assertJSON checks that got holds the JSON want, or nothing when want is "".
func assertJSON(t *testing.T, want string, got json.RawMessage, what string) {
	t.Helper()
	if want == "" {
		assert.Empty(t, got, what)
		return
	}
	assert.JSONEq(t, want, string(got), what)
}

func testAuditPaging(t *testing.T, s domain.Store) {
	ctx := t.Context()
	for i, id := range []string{"a", "b", "c", "d", "e"} {
		_, err := s.Create(ctx, raw(domain.KindShift, id, i))
		require.NoError(t, err)
	}
	all, err := s.Audit(ctx, domain.AuditQuery{})
	require.NoError(t, err)
	require.Len(t, all, 5)
	for _, tc := range []struct {
		name string
		q    domain.AuditQuery
		want []domain.AuditEntry
	}{
		{"first", domain.AuditQuery{Limit: 1}, all[:1]},
		{"page", domain.AuditQuery{AfterSeq: all[1].Seq, Limit: 2}, all[2:4]},
		{"rest", domain.AuditQuery{AfterSeq: all[2].Seq}, all[3:]},
		{"limit above count", domain.AuditQuery{AfterSeq: all[3].Seq, Limit: 10}, all[4:]},
		{"after the last", domain.AuditQuery{AfterSeq: all[4].Seq}, nil},
	} {
		t.Run(tc.name, func(t *testing.T) {
			got, err := s.Audit(ctx, tc.q)
			require.NoError(t, err)
			if len(tc.want) == 0 {
				assert.Empty(t, got)
				return
			}
			assert.Equal(t, tc.want, got)
		})
	}
}

func testFailedWritesAreNotAudited(t *testing.T, s domain.Store) {
	ctx := t.Context()
	rec, err := s.Create(ctx, raw(domain.KindEmployee, "e1", 1))
	require.NoError(t, err)
	stale := rec
	stale.Version--
	for _, tc := range []struct {
		name  string
		write func() error
	}{
		{"create of an existing id", func() error { _, err := s.Create(ctx, rec); return err }},
		{"update of an old version", func() error { _, err := s.Update(ctx, stale); return err }},
		{"update of a missing id", func() error { _, err := s.Update(ctx, raw(domain.KindEmployee, "e2", 0)); return err }},
		{"delete of an old version", func() error { return s.Delete(ctx, rec.Kind, rec.ID, stale.Version) }},
		{"delete of a missing id", func() error { return s.Delete(ctx, rec.Kind, "e2", rec.Version) }},
		{"invalid create", func() error { _, err := s.Create(ctx, raw(domain.KindEmployee, "", 1)); return err }},
		{"invalid import", func() error { return s.ReplaceDataset(ctx, []domain.Record{raw(domain.KindPlan, "p", 1)}) }},
	} {
		t.Run(tc.name, func(t *testing.T) {
			require.Error(t, tc.write())
			entries, err := s.Audit(ctx, domain.AuditQuery{})
			require.NoError(t, err)
			assert.Len(t, entries, 1, "only the first create is audited")
		})
	}
}

func testCanceledContext(t *testing.T, s domain.Store) {
	rec, err := s.Create(t.Context(), raw(domain.KindEmployee, "e1", 1))
	require.NoError(t, err)
	ctx, cancel := context.WithCancel(t.Context())
	cancel()
	next := rec
	next.Data = json.RawMessage(`{"n":2}`)
	for _, tc := range []struct {
		name string
		call func() error
	}{
		{"Get", func() error { _, err := s.Get(ctx, rec.Kind, rec.ID); return err }},
		{"List", func() error { _, err := s.List(ctx, rec.Kind, domain.ListOptions{}); return err }},
		{"Create", func() error { _, err := s.Create(ctx, raw(domain.KindEmployee, "e2", 1)); return err }},
		{"Update", func() error { _, err := s.Update(ctx, next); return err }},
		{"Delete", func() error { return s.Delete(ctx, rec.Kind, rec.ID, rec.Version) }},
		{"ReplaceDataset", func() error { return s.ReplaceDataset(ctx, datasetRecords(t)) }},
		{"Snapshot", func() error { _, err := s.Snapshot(ctx); return err }},
		{"Audit", func() error { _, err := s.Audit(ctx, domain.AuditQuery{}); return err }},
		{"Ping", func() error { return s.Ping(ctx) }},
	} {
		t.Run(tc.name, func(t *testing.T) {
			err := tc.call()
			assert.True(t, errors.Is(err, context.Canceled), "want an error wrapping context.Canceled, got %v", err)
		})
	}
	got, err := s.Get(t.Context(), rec.Kind, rec.ID)
	require.NoError(t, err)
	assert.Equal(t, rec, got, "a cancelled write changed the record")
	snap, err := s.Snapshot(t.Context())
	require.NoError(t, err)
	assert.Equal(t, []string{"employees/e1"}, keys(snap), "a cancelled write changed the dataset")
	entries, err := s.Audit(t.Context(), domain.AuditQuery{})
	require.NoError(t, err)
	assert.Len(t, entries, 1, "a cancelled write was audited")
}

// Package storetest is the conformance suite every domain.Store must pass.
package storetest

import (
	"cmp"
	"encoding/json"
	"fmt"
	"slices"
	"strconv"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"ploeg/domain"
)

// Run tests the store implementation that open makes. Each call of open must return a new, empty
// store and close it when t ends (t.Cleanup).
//
// Besides domain.Store's own contract, the suite holds stores to these choices: input that cannot be
// stored (an unknown kind, an empty id, data that is not JSON, a negative Limit, for ReplaceDataset
// also a kind outside the dataset or a kind and id twice) fails with CodeInvalid and field errors;
// every stored record gets its own version; an import is one audit entry of kind
// domain.KindDatasetImport without id, whose Old and New are JSON objects with the number of records
// of each dataset kind (kinds without records left out); and a call with a cancelled context fails
// with an error that wraps context.Canceled.
func Run(t *testing.T, open func(t *testing.T) domain.Store) {
	t.Run("Entities", func(t *testing.T) { testEntities(t, open) })
	for _, tc := range []struct {
		name string
		test func(t *testing.T, s domain.Store)
	}{
		{"InvalidInput", testInvalidInput},
		{"Versions", testVersions},
		{"List", testList},
		{"ReplaceDataset", testReplaceDataset},
		{"ReplaceDatasetAllOrNothing", testReplaceDatasetAllOrNothing},
		{"SnapshotOrder", testSnapshotOrder},
		{"DatasetRoundTrip", testDatasetRoundTrip},
		{"Audit", testAudit},
		{"AuditPaging", testAuditPaging},
		{"FailedWritesAreNotAudited", testFailedWritesAreNotAudited},
		{"CanceledContext", testCanceledContext},
		{"Ping", func(t *testing.T, s domain.Store) { assert.NoError(t, s.Ping(t.Context())) }},
		{"ConcurrentUpdatesLoseNothing", testConcurrentUpdates},
		{"ConcurrentCreatesOfOneID", testConcurrentCreatesOfOneID},
		{"ConcurrentCreatesOfManyIDs", testConcurrentCreatesOfManyIDs},
		{"SnapshotIsConsistent", testSnapshotIsConsistent},
		{"Patch", testPatch},
		{"ConcurrentPatchesLoseNothing", testConcurrentPatchesLoseNothing},
	} {
		t.Run(tc.name, func(t *testing.T) { tc.test(t, open(t)) })
	}
}

// assertCode checks that err is a domain error with code want whose message names every one of parts.
func assertCode(t *testing.T, want domain.Code, err error, parts ...string) bool {
	t.Helper()
	if !assert.Error(t, err, "want an error with code %s", want) {
		return false
	}
	ok := assert.Equal(t, want, domain.ErrorCode(err), "error: %v", err)
	for _, p := range parts {
		ok = assert.ErrorContains(t, err, p) && ok
	}
	return ok
}

// raw returns a record of kind/id with data {"n": n}.
func raw(kind domain.Kind, id string, n int) domain.Record {
	return domain.Record{Kind: kind, ID: id, Data: json.RawMessage(fmt.Sprintf(`{"n":%d}`, n))}
}

func itoa(v int64) string { return strconv.FormatInt(v, 10) }

// entityCase tests one kind through its typed repository.
type entityCase struct {
	kind domain.Kind
	test func(t *testing.T, s domain.Store)
}

// entity makes the case of one kind: first and changed share a key, others have other keys.
func entity[T domain.Entity](kind domain.Kind, repo func(domain.Store) domain.Repo[T], first, changed T, others ...T) entityCase {
	return entityCase{kind, func(t *testing.T, s domain.Store) {
		r := repo(s)
		require.Equal(t, kind, r.Kind, "the repository works on another kind")
		require.Equal(t, first.Key(), changed.Key(), "fixture: changed must keep the key of first")
		testLifecycle(t, r, first, changed, others)
	}}
}

func testEntities(t *testing.T, open func(t *testing.T) domain.Store) {
	ds := dataset()
	org := ds.Organisation
	org.Name = "SW Zuid-Kennemerland"
	org.FullTimeHours = 38
	gem := ds.Gemeenten[0]
	gem.Name = "Gemeente Velsen"
	wp := ds.Workplaces[0]
	wp.Conditions = []string{"buiten"}
	wl := ds.Werkleiders[0]
	wl.Capacity = 6
	emp := ds.Employees[0]
	emp.ContractHours = 28
	emp.ContractEnd = nil
	sh := ds.Shifts[0]
	sh.Max = 4
	ab := ds.Absences[0]
	ab.To = ab.To.AddDays(7)
	ab.Kind = domain.Overig
	tk := ds.Taakstellingen[0]
	tk.Target = 4.5
	pl := plans()
	plan := pl[0]
	plan.Status = domain.Gepubliceerd
	plan.Score.Total = 99

	cases := []entityCase{
		entity(domain.KindOrganisation, domain.Organisations, ds.Organisation, org),
		entity(domain.KindGemeente, domain.Gemeenten, ds.Gemeenten[0], gem, ds.Gemeenten[1:]...),
		entity(domain.KindWorkplace, domain.Workplaces, ds.Workplaces[0], wp, ds.Workplaces[1:]...),
		entity(domain.KindWerkleider, domain.Werkleiders, ds.Werkleiders[0], wl),
		entity(domain.KindEmployee, domain.Employees, ds.Employees[0], emp, ds.Employees[1:]...),
		entity(domain.KindShift, domain.Shifts, ds.Shifts[0], sh, ds.Shifts[1:]...),
		entity(domain.KindAbsence, domain.Absences, ds.Absences[0], ab, ds.Absences[1:]...),
		entity(domain.KindPin, domain.Pins, ds.Pinned[0], ds.Pinned[0], ds.Pinned[1:]...),
		entity(domain.KindTaakstelling, domain.Taakstellingen, ds.Taakstellingen[0], tk, ds.Taakstellingen[1:]...),
		entity(domain.KindPlan, domain.Plans, pl[0], plan, pl[1:]...),
	}
	var covered []domain.Kind
	for _, c := range cases {
		covered = append(covered, c.kind)
		t.Run(string(c.kind), func(t *testing.T) { c.test(t, open(t)) })
	}
	assert.ElementsMatch(t, append(slices.Clone(domain.DatasetKinds), domain.KindPlan), covered, "every kind needs a case")
}

// testLifecycle creates, reads, updates, lists and deletes entities of one kind.
func testLifecycle[T domain.Entity](t *testing.T, r domain.Repo[T], first, changed T, others []T) {
	ctx := t.Context()
	key := first.Key()

	v1, err := r.Create(ctx, first)
	require.NoError(t, err)
	assert.Positive(t, v1)
	got, err := r.Get(ctx, key)
	require.NoError(t, err)
	assert.Equal(t, domain.Versioned[T]{Value: first, Version: v1}, got)

	_, err = r.Create(ctx, changed)
	assertCode(t, domain.CodeConflict, err, key)

	v2, err := r.Update(ctx, changed, v1)
	require.NoError(t, err)
	assert.Greater(t, v2, v1)
	_, err = r.Update(ctx, first, v1)
	assertCode(t, domain.CodeConflict, err, key, itoa(v1), itoa(v2))
	got, err = r.Get(ctx, key)
	require.NoError(t, err)
	assert.Equal(t, domain.Versioned[T]{Value: changed, Version: v2}, got, "a refused update changed the record")
	if ar, ok := r.Store.(domain.AuditSeqReader); ok {
		entries, err := r.Store.Audit(ctx, domain.AuditQuery{})
		require.NoError(t, err)
		seq, err := ar.LastAuditSeq(ctx)
		require.NoError(t, err)
		assert.Equal(t, entries[len(entries)-1].Seq, seq, "LastAuditSeq names the last entry")
	}
	if vr, ok := r.Store.(domain.VersionReader); ok {
		v, err := vr.Version(ctx, r.Kind, key)
		require.NoError(t, err)
		assert.Equal(t, v2, v, "Version agrees with Get")
		_, err = vr.Version(ctx, r.Kind, key+"-niet")
		assertCode(t, domain.CodeNotFound, err)
	}

	keys := []string{key}
	for _, o := range others {
		_, err := r.Create(ctx, o)
		require.NoError(t, err)
		keys = append(keys, o.Key())
	}
	slices.Sort(keys)
	list, err := r.List(ctx, domain.ListOptions{})
	require.NoError(t, err)
	var listed []string
	for _, v := range list {
		listed = append(listed, v.Value.Key())
		if v.Value.Key() == key {
			assert.Equal(t, domain.Versioned[T]{Value: changed, Version: v2}, v)
		}
	}
	assert.Equal(t, keys, listed, "List must return every record in key order")

	assertCode(t, domain.CodeConflict, r.Delete(ctx, key, v1), key, itoa(v1))
	_, err = r.Get(ctx, key)
	require.NoError(t, err, "a refused delete removed the record")

	require.NoError(t, r.Delete(ctx, key, v2))
	_, err = r.Get(ctx, key)
	assertCode(t, domain.CodeNotFound, err, key)
	_, err = r.Update(ctx, changed, v2)
	assertCode(t, domain.CodeNotFound, err, key)
	assertCode(t, domain.CodeNotFound, r.Delete(ctx, key, v2), key)
	list, err = r.List(ctx, domain.ListOptions{})
	require.NoError(t, err)
	assert.Len(t, list, len(others))
}

func testInvalidInput(t *testing.T, s domain.Store) {
	ctx := t.Context()
	for _, tc := range []struct {
		name string
		rec  domain.Record
	}{
		{"unknown kind", raw("medewerkers", "e1", 1)},
		{"import kind", raw(domain.KindDatasetImport, "e1", 1)},
		{"empty id", raw(domain.KindEmployee, "", 1)},
		{"data not JSON", domain.Record{Kind: domain.KindEmployee, ID: "e1", Data: json.RawMessage(`{"n":`)}},
		{"no data", domain.Record{Kind: domain.KindEmployee, ID: "e1"}},
	} {
		t.Run(tc.name, func(t *testing.T) {
			_, err := s.Create(ctx, tc.rec)
			if assertCode(t, domain.CodeInvalid, err) {
				assert.NotEmpty(t, domain.FieldErrors(err), "say which field is wrong")
			}
			tc.rec.Version = 1
			_, err = s.Update(ctx, tc.rec)
			assertCode(t, domain.CodeInvalid, err)
		})
	}
	_, err := s.Get(ctx, "medewerkers", "e1")
	assertCode(t, domain.CodeInvalid, err, "medewerkers")
	_, err = s.List(ctx, "medewerkers", domain.ListOptions{})
	assertCode(t, domain.CodeInvalid, err, "medewerkers")
	assertCode(t, domain.CodeInvalid, s.Delete(ctx, "medewerkers", "e1", 1), "medewerkers")
	_, err = s.List(ctx, domain.KindEmployee, domain.ListOptions{Limit: -1})
	assertCode(t, domain.CodeInvalid, err)
	_, err = s.Audit(ctx, domain.AuditQuery{Limit: -1})
	assertCode(t, domain.CodeInvalid, err)

	audit, err := s.Audit(ctx, domain.AuditQuery{})
	require.NoError(t, err)
	assert.Empty(t, audit)
	list, err := s.List(ctx, domain.KindEmployee, domain.ListOptions{})
	require.NoError(t, err)
	assert.Empty(t, list)
}

func testVersions(t *testing.T, s domain.Store) {
	ctx := t.Context()
	create := func(rec domain.Record) int64 {
		t.Helper()
		got, err := s.Create(ctx, rec)
		require.NoError(t, err)
		assert.JSONEq(t, string(rec.Data), string(got.Data))
		return got.Version
	}
	a1 := create(raw(domain.KindEmployee, "a", 1))
	b1 := create(raw(domain.KindEmployee, "b", 1))
	p1 := create(raw(domain.KindPlan, "a", 1)) // same id, other kind: another record
	a2rec, err := s.Update(ctx, domain.Record{Kind: domain.KindEmployee, ID: "a", Version: a1, Data: json.RawMessage(`{"n":2}`)})
	require.NoError(t, err)
	a2 := a2rec.Version
	require.NoError(t, s.Delete(ctx, domain.KindEmployee, "b", b1))
	b2 := create(raw(domain.KindEmployee, "b", 2))
	versions := []int64{a1, b1, p1, a2, b2}
	for i := 1; i < len(versions); i++ {
		assert.Greater(t, versions[i], versions[i-1], "versions must increase store-wide: %v", versions)
	}

	stale := []struct {
		name    string
		version int64
	}{{"old version", a1}, {"future version", a2 + 100}, {"zero version", 0}}
	for _, tc := range stale {
		t.Run(tc.name, func(t *testing.T) {
			_, err := s.Update(ctx, domain.Record{Kind: domain.KindEmployee, ID: "a", Version: tc.version, Data: json.RawMessage(`{"n":3}`)})
			assertCode(t, domain.CodeConflict, err, `"a"`, itoa(tc.version), itoa(a2))
			assertCode(t, domain.CodeConflict, s.Delete(ctx, domain.KindEmployee, "a", tc.version), `"a"`, itoa(a2))
			got, err := s.Get(ctx, domain.KindEmployee, "a")
			require.NoError(t, err)
			assert.Equal(t, a2, got.Version)
			assert.JSONEq(t, `{"n":2}`, string(got.Data), "a refused write changed the record")
		})
	}
	plan, err := s.Get(ctx, domain.KindPlan, "a")
	require.NoError(t, err)
	assert.Equal(t, p1, plan.Version)
	assert.JSONEq(t, `{"n":1}`, string(plan.Data))
}

func testList(t *testing.T, s domain.Store) {
	ctx := t.Context()
	created := []string{"e10", "e2", "b", "a", "e1", "c~1", "Z"}
	byID := map[string]domain.Record{}
	for i, id := range created {
		rec, err := s.Create(ctx, raw(domain.KindEmployee, id, i))
		require.NoError(t, err)
		byID[id] = rec
	}
	_, err := s.Create(ctx, raw(domain.KindShift, "a0", 0))
	require.NoError(t, err)

	sorted := []string{"Z", "a", "b", "c~1", "e1", "e10", "e2"} // byte order
	for _, tc := range []struct {
		name string
		opts domain.ListOptions
		want []string
	}{
		{"all", domain.ListOptions{}, sorted},
		{"first page", domain.ListOptions{Limit: 3}, sorted[:3]},
		{"after an id", domain.ListOptions{After: "b", Limit: 2}, []string{"c~1", "e1"}},
		{"after a missing id", domain.ListOptions{After: "bb"}, sorted[3:]},
		{"after a prefix", domain.ListOptions{After: "e1", Limit: 5}, []string{"e10", "e2"}},
		{"after the last", domain.ListOptions{After: "e2"}, nil},
		{"limit above count", domain.ListOptions{Limit: 100}, sorted},
	} {
		t.Run(tc.name, func(t *testing.T) {
			recs, err := s.List(ctx, domain.KindEmployee, tc.opts)
			require.NoError(t, err)
			var ids []string
			for _, rec := range recs {
				ids = append(ids, rec.ID)
				want := byID[rec.ID]
				assert.Equal(t, domain.KindEmployee, rec.Kind)
				assert.Equal(t, want.Version, rec.Version, rec.ID)
				assert.JSONEq(t, string(want.Data), string(rec.Data), rec.ID)
			}
			assert.Equal(t, tc.want, ids)
		})
	}

	// Paging through everything two at a time visits each record once.
	var paged []string
	for after := ""; ; {
		recs, err := s.List(ctx, domain.KindEmployee, domain.ListOptions{After: after, Limit: 2})
		require.NoError(t, err)
		if len(recs) == 0 {
			break
		}
		for _, rec := range recs {
			paged = append(paged, rec.ID)
		}
		after = recs[len(recs)-1].ID
		require.LessOrEqual(t, len(paged), len(sorted), "paging does not end")
	}
	assert.Equal(t, sorted, paged)
}

// datasetRecords returns the records of the fixture dataset.
func datasetRecords(t *testing.T) []domain.Record {
	t.Helper()
	ds := dataset()
	require.NoError(t, ds.Validate(), "fixture dataset")
	recs, err := ds.Records()
	require.NoError(t, err)
	return recs
}

// keys returns "kind/id" of each record.
func keys(recs []domain.Record) []string {
	out := make([]string, len(recs))
	for i, rec := range recs {
		out[i] = string(rec.Kind) + "/" + rec.ID
	}
	return out
}

func testReplaceDataset(t *testing.T, s domain.Store) {
	ctx := t.Context()
	var maxVersion int64
	for _, rec := range []domain.Record{
		raw(domain.KindEmployee, "old1", 1), raw(domain.KindEmployee, "e0001", 1),
		raw(domain.KindShift, "old", 1), raw(domain.KindPlan, "p", 1),
	} {
		got, err := s.Create(ctx, rec)
		require.NoError(t, err)
		maxVersion = got.Version
	}
	plan, err := s.Get(ctx, domain.KindPlan, "p")
	require.NoError(t, err)

	recs := datasetRecords(t)
	require.NoError(t, s.ReplaceDataset(ctx, recs))

	_, err = s.Get(ctx, domain.KindEmployee, "old1")
	assertCode(t, domain.CodeNotFound, err)
	_, err = s.Get(ctx, domain.KindShift, "old")
	assertCode(t, domain.CodeNotFound, err)
	e1, err := s.Get(ctx, domain.KindEmployee, "e0001")
	require.NoError(t, err)
	assert.Contains(t, string(e1.Data), "Anja", "an imported record replaces the old one of the same id")
	got, err := s.Get(ctx, domain.KindPlan, "p")
	require.NoError(t, err)
	assert.Equal(t, plan, got, "plans are not part of the dataset")

	snap, err := s.Snapshot(ctx)
	require.NoError(t, err)
	assert.ElementsMatch(t, keys(recs), keys(snap))
	seen := map[int64]bool{}
	for _, rec := range snap {
		assert.Greater(t, rec.Version, maxVersion, "%s/%s has a version from before the import", rec.Kind, rec.ID)
		assert.False(t, seen[rec.Version], "version %d given twice", rec.Version)
		seen[rec.Version] = true
	}

	require.NoError(t, s.ReplaceDataset(ctx, nil))
	snap, err = s.Snapshot(ctx)
	require.NoError(t, err)
	assert.Empty(t, snap, "an empty import empties the dataset")
	got, err = s.Get(ctx, domain.KindPlan, "p")
	require.NoError(t, err)
	assert.Equal(t, plan, got)
}

func testReplaceDatasetAllOrNothing(t *testing.T, s domain.Store) {
	ctx := t.Context()
	valid := datasetRecords(t)
	require.NoError(t, s.ReplaceDataset(ctx, valid[:len(valid)/2]))
	_, err := s.Create(ctx, raw(domain.KindPlan, "p", 1))
	require.NoError(t, err)
	before, err := s.Snapshot(ctx)
	require.NoError(t, err)
	plansBefore, err := s.List(ctx, domain.KindPlan, domain.ListOptions{})
	require.NoError(t, err)
	auditBefore, err := s.Audit(ctx, domain.AuditQuery{})
	require.NoError(t, err)

	with := func(change func(recs []domain.Record) []domain.Record) []domain.Record {
		return change(slices.Clone(valid))
	}
	for _, tc := range []struct {
		name string
		recs []domain.Record
		says string
	}{
		{"duplicate kind and id", with(func(r []domain.Record) []domain.Record { return append(r, r[3]) }), valid[3].ID},
		{"empty id", with(func(r []domain.Record) []domain.Record { r[len(r)-1].ID = ""; return r }), "ontbreekt"},
		{"plan", with(func(r []domain.Record) []domain.Record { return append(r, raw(domain.KindPlan, "q", 1)) }), "plan"},
		{"unknown kind", with(func(r []domain.Record) []domain.Record { return append(r, raw("medewerkers", "x", 1)) }), "medewerkers"},
		{"data not JSON", with(func(r []domain.Record) []domain.Record { r[2].Data = json.RawMessage("{"); return r }), "JSON"},
	} {
		t.Run(tc.name, func(t *testing.T) {
			err := s.ReplaceDataset(ctx, tc.recs)
			if assertCode(t, domain.CodeInvalid, err, tc.says) {
				assert.NotEmpty(t, domain.FieldErrors(err), "say which record is wrong")
			}
			after, err := s.Snapshot(ctx)
			require.NoError(t, err)
			assert.Equal(t, before, after, "a refused import changed the dataset")
			plans, err := s.List(ctx, domain.KindPlan, domain.ListOptions{})
			require.NoError(t, err)
			assert.Equal(t, plansBefore, plans)
			audit, err := s.Audit(ctx, domain.AuditQuery{})
			require.NoError(t, err)
			assert.Equal(t, auditBefore, audit, "a refused import was audited")
		})
	}
}

func testSnapshotOrder(t *testing.T, s domain.Store) {
	ctx := t.Context()
	recs := datasetRecords(t)
	shuffled := slices.Clone(recs)
	slices.Reverse(shuffled)
	shuffled[0], shuffled[len(shuffled)/2] = shuffled[len(shuffled)/2], shuffled[0]
	require.NoError(t, s.ReplaceDataset(ctx, shuffled))
	_, err := s.Create(ctx, raw(domain.KindPlan, "p", 1))
	require.NoError(t, err)

	snap, err := s.Snapshot(ctx)
	require.NoError(t, err)
	want := slices.Clone(recs)
	slices.SortStableFunc(want, func(a, b domain.Record) int {
		if c := slices.Index(domain.DatasetKinds, a.Kind) - slices.Index(domain.DatasetKinds, b.Kind); c != 0 {
			return c
		}
		return cmp.Compare(a.ID, b.ID)
	})
	assert.Equal(t, keys(want), keys(snap), "Snapshot must return DatasetKinds order, then id order")
	for _, rec := range snap {
		got, err := s.Get(ctx, rec.Kind, rec.ID)
		require.NoError(t, err)
		assert.Equal(t, got, rec)
	}
}

func testDatasetRoundTrip(t *testing.T, s domain.Store) {
	ctx := t.Context()
	ds := dataset()
	require.NoError(t, ds.Validate(), "fixture dataset")
	recs, err := ds.Records()
	require.NoError(t, err)
	require.NoError(t, s.ReplaceDataset(ctx, recs))
	snap, err := s.Snapshot(ctx)
	require.NoError(t, err)
	got, err := domain.DatasetFromRecords(snap)
	require.NoError(t, err)
	sortDataset(ds)
	assert.Equal(t, ds, got)
}

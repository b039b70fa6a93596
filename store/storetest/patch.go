package storetest

import (
	"encoding/json"
	"errors"
	"fmt"
	"sync"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"ploeg/domain"
)

// counter is the data the Patch tests keep in a record: a number and who added to it.
type counter struct {
	N   int      `json:"n"`
	Who []string `json:"who,omitempty"`
}

// addOne is a Patch function that adds one to the counter and logs it as one assign entry.
func addOne(who string) func(cur domain.Record, next int64) (domain.Patch, error) {
	return func(cur domain.Record, next int64) (domain.Patch, error) {
		var c counter
		if err := json.Unmarshal(cur.Data, &c); err != nil {
			return domain.Patch{}, err
		}
		c.N++
		c.Who = append(c.Who, who)
		data, err := json.Marshal(c)
		return domain.Patch{Data: data, Audit: []domain.AuditChange{{Actor: who, Action: domain.ActionAssign,
			Old: json.RawMessage(fmt.Sprintf(`{"n":%d}`, c.N-1)), New: json.RawMessage(fmt.Sprintf(`{"n":%d}`, c.N)), Reason: "optellen"}}}, err
	}
}

// testPatch checks Patch: the version it announces is the one stored, every audit entry it returns
// is logged with its own actor, a patch without data or with an error changes nothing, and a
// missing record or an unknown kind is refused.
func testPatch(t *testing.T, s domain.Store) {
	ctx := domain.WithActor(t.Context(), domain.Actor{Name: "systeem-test"})
	created, err := s.Create(ctx, domain.Record{Kind: domain.KindPlan, ID: "p", Data: json.RawMessage(`{"n":0}`)})
	require.NoError(t, err)
	before, err := s.Audit(ctx, domain.AuditQuery{})
	require.NoError(t, err)

	var announced int64
	rec, err := s.Patch(ctx, domain.KindPlan, "p", func(cur domain.Record, next int64) (domain.Patch, error) {
		assert.Equal(t, created.Version, cur.Version)
		assert.JSONEq(t, `{"n":0}`, string(cur.Data))
		announced = next
		return domain.Patch{Data: json.RawMessage(`{"n":2}`), Audit: []domain.AuditChange{
			{Actor: "anja", Action: domain.ActionAssign, Old: json.RawMessage(`{"shift":""}`), New: json.RawMessage(`{"shift":"a"}`), Reason: "eerste"},
			{Actor: "piet", Action: domain.ActionAssign, Old: json.RawMessage(`{"shift":"b"}`), New: json.RawMessage(`{"shift":""}`)},
		}}, nil
	})
	require.NoError(t, err)
	assert.Equal(t, announced, rec.Version, "the record gets the version fn was told")
	assert.Greater(t, rec.Version, created.Version)
	got, err := s.Get(ctx, domain.KindPlan, "p")
	require.NoError(t, err)
	assert.Equal(t, rec.Version, got.Version)
	assert.JSONEq(t, `{"n":2}`, string(got.Data))

	entries, err := s.Audit(ctx, domain.AuditQuery{AfterSeq: before[len(before)-1].Seq})
	require.NoError(t, err)
	require.Len(t, entries, 2, "one entry per audit change")
	for i, want := range []struct{ actor, old, new, reason string }{
		{"anja", `{"shift":""}`, `{"shift":"a"}`, "eerste"},
		{"piet", `{"shift":"b"}`, `{"shift":""}`, ""},
	} {
		e := entries[i]
		assert.Equal(t, want.actor, e.Actor)
		assert.Equal(t, domain.ActionAssign, e.Action)
		assert.Equal(t, domain.KindPlan, e.Kind)
		assert.Equal(t, "p", e.ID)
		assert.Equal(t, want.reason, e.Reason)
		assertJSON(t, want.old, e.Old, "old")
		assertJSON(t, want.new, e.New, "new")
		assert.False(t, e.Time.IsZero())
	}
	if vr, ok := s.(domain.AuditSeqReader); ok {
		seq, err := vr.LastAuditSeq(ctx)
		require.NoError(t, err)
		assert.Equal(t, entries[1].Seq, seq)
	}

	t.Run("nothing to write", func(t *testing.T) {
		same, err := s.Patch(ctx, domain.KindPlan, "p", func(domain.Record, int64) (domain.Patch, error) { return domain.Patch{}, nil })
		require.NoError(t, err)
		assert.Equal(t, rec.Version, same.Version)
		assert.JSONEq(t, `{"n":2}`, string(same.Data))
		after, err := s.Audit(ctx, domain.AuditQuery{AfterSeq: entries[1].Seq})
		require.NoError(t, err)
		assert.Empty(t, after, "a patch without data logs nothing")
	})
	t.Run("error", func(t *testing.T) {
		refuse := errors.New("geweigerd")
		_, err := s.Patch(ctx, domain.KindPlan, "p", func(domain.Record, int64) (domain.Patch, error) {
			return domain.Patch{Data: json.RawMessage(`{"n":99}`)}, refuse
		})
		assert.ErrorIs(t, err, refuse)
		got, err := s.Get(ctx, domain.KindPlan, "p")
		require.NoError(t, err)
		assert.Equal(t, rec.Version, got.Version, "a refused patch writes nothing")
		after, err := s.Audit(ctx, domain.AuditQuery{AfterSeq: entries[1].Seq})
		require.NoError(t, err)
		assert.Empty(t, after)
	})
	t.Run("without audit changes the whole record is logged", func(t *testing.T) {
		_, err := s.Patch(ctx, domain.KindPlan, "p", func(domain.Record, int64) (domain.Patch, error) {
			return domain.Patch{Data: json.RawMessage(`{"n":3}`)}, nil
		})
		require.NoError(t, err)
		after, err := s.Audit(ctx, domain.AuditQuery{AfterSeq: entries[1].Seq})
		require.NoError(t, err)
		require.Len(t, after, 1)
		assert.Equal(t, domain.ActionUpdate, after[0].Action)
		assert.Equal(t, "systeem-test", after[0].Actor)
		assertJSON(t, `{"n":2}`, after[0].Old, "old")
		assertJSON(t, `{"n":3}`, after[0].New, "new")
	})
	t.Run("refused", func(t *testing.T) {
		for _, tc := range []struct {
			name string
			kind domain.Kind
			id   string
			code domain.Code
		}{
			{"missing", domain.KindPlan, "weg", domain.CodeNotFound},
			{"unknown kind", domain.Kind("x"), "p", domain.CodeInvalid},
		} {
			t.Run(tc.name, func(t *testing.T) {
				called := false
				_, err := s.Patch(ctx, tc.kind, tc.id, func(domain.Record, int64) (domain.Patch, error) {
					called = true
					return domain.Patch{}, nil
				})
				assertCode(t, tc.code, err)
				assert.False(t, called, "fn is not called")
			})
		}
		_, err := s.Patch(ctx, domain.KindPlan, "p", func(domain.Record, int64) (domain.Patch, error) {
			return domain.Patch{Data: json.RawMessage(`nee`)}, nil
		})
		assertCode(t, domain.CodeInvalid, err)
	})
}

// testConcurrentPatchesLoseNothing has many goroutines add one to a counter through Patch (which
// may call their function again after a race): every addition is in the record once, with one
// audit entry each.
func testConcurrentPatchesLoseNothing(t *testing.T, s domain.Store) {
	const workers, adds = 20, 10
	ctx := t.Context()
	_, err := s.Create(ctx, domain.Record{Kind: domain.KindPlan, ID: "teller", Data: json.RawMessage(`{"n":0}`)})
	require.NoError(t, err)
	var wg sync.WaitGroup
	errs := make(chan error, workers*adds)
	for w := range workers {
		wg.Go(func() {
			for i := range adds {
				if _, err := s.Patch(ctx, domain.KindPlan, "teller", addOne(fmt.Sprintf("w%d-%d", w, i))); err != nil {
					errs <- err
				}
			}
		})
	}
	wg.Wait()
	close(errs)
	for err := range errs {
		require.NoError(t, err)
	}
	rec, err := s.Get(ctx, domain.KindPlan, "teller")
	require.NoError(t, err)
	var c counter
	require.NoError(t, json.Unmarshal(rec.Data, &c))
	assert.Equal(t, workers*adds, c.N, "an addition got lost")
	assert.Len(t, c.Who, workers*adds)
	seen := map[string]bool{}
	for _, w := range c.Who {
		assert.False(t, seen[w], "%s added twice", w)
		seen[w] = true
	}
	entries, err := s.Audit(ctx, domain.AuditQuery{})
	require.NoError(t, err)
	n := 0
	for _, e := range entries {
		if e.ID == "teller" && e.Action == domain.ActionAssign {
			n++
		}
	}
	assert.Equal(t, workers*adds, n, "one audit entry per addition")
}

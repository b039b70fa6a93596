package api

import (
	"encoding/json"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"ploeg/domain"
)

// The shared dataset snapshot stays in use while only records outside the dataset are written (a
// plan, as every assignment change does) and is read again after a dataset record changes.
func TestSharedDatasetOutlivesPlanWrites(t *testing.T) {
	for _, kind := range storeKinds() {
		t.Run(kind, func(t *testing.T) {
			e := newEnv(t, kind)
			ctx := t.Context()
			first, _, err := e.srv.sharedDataset(ctx)
			require.NoError(t, err)
			_, err = e.store.Create(ctx, domain.Record{Kind: domain.KindPlan, ID: "p", Data: json.RawMessage(`{"n":0}`)})
			require.NoError(t, err)
			for range 3 {
				_, err = e.store.Patch(ctx, domain.KindPlan, "p", addOne)
				require.NoError(t, err)
			}
			again, _, err := e.srv.sharedDataset(ctx)
			require.NoError(t, err)
			assert.Same(t, first, again, "plan writes leave the dataset as it was")

			emp, err := domain.Employees(e.store).Get(ctx, "e0001")
			require.NoError(t, err)
			emp.Value.Name = "Jan Bakker-de Wit"
			_, err = domain.Employees(e.store).Update(ctx, emp.Value, emp.Version)
			require.NoError(t, err)
			_, err = e.store.Patch(ctx, domain.KindPlan, "p", addOne)
			require.NoError(t, err)
			fresh, _, err := e.srv.sharedDataset(ctx)
			require.NoError(t, err)
			assert.NotSame(t, first, fresh, "a dataset write is seen, also behind a later plan write")
			assert.Equal(t, "Jan Bakker-de Wit", fresh.Employees[0].Name)
		})
	}
}

// addOne is a Patch function that writes {"n": n+1} with one audit entry.
func addOne(cur domain.Record, _ int64) (domain.Patch, error) {
	var v struct{ N int }
	if err := json.Unmarshal(cur.Data, &v); err != nil {
		return domain.Patch{}, err
	}
	b, err := json.Marshal(map[string]int{"n": v.N + 1})
	return domain.Patch{Data: b, Audit: []domain.AuditChange{{Action: domain.ActionAssign, New: b}}}, err
}

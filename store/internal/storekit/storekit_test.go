package storekit

import (
	"context"
	"encoding/json"
	"errors"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"ploeg/domain"
)

func TestCheckDatasetListsEveryProblem(t *testing.T) {
	data := json.RawMessage(`{}`)
	err := checkDataset([]domain.Record{
		{Kind: domain.KindEmployee, ID: "e1", Data: data},
		{Kind: domain.KindEmployee, ID: "", Data: data},
		{Kind: domain.KindPlan, ID: "p1", Data: data},
		{Kind: domain.KindEmployee, ID: "e1", Data: json.RawMessage(`nee`)},
		{Kind: domain.KindShift, ID: "e1", Data: data}, // same id, other kind: fine
	})
	require.Equal(t, domain.CodeInvalid, domain.ErrorCode(err))
	var fields []string
	for _, f := range domain.FieldErrors(err) {
		fields = append(fields, f.Field+" "+f.Rule)
	}
	assert.Equal(t, []string{
		"records[1].id required",
		"records[2].kind enum",
		"records[3].data format",
		"records[3].id duplicate",
	}, fields)
	assert.ErrorContains(t, err, `medewerker "e1" staat er al eerder in (records[0])`)
	assert.ErrorContains(t, err, "er is niets veranderd")
}

func TestStale(t *testing.T) {
	assert.EqualError(t, stale(domain.KindEmployee, "e0001", 12, 15),
		`medewerker "e0001": versie 12 is verouderd; de huidige versie is 15: lees het record opnieuw en probeer het nog eens`)
	assert.ErrorContains(t, stale(domain.KindShift, "s1", 20, 15), "versie 20 bestaat niet")
}

func TestEncodeDecode(t *testing.T) {
	rec, err := Decode(domain.KindPlan, "p1", Encode(1<<40+3, []byte(`{"a":1}`)))
	require.NoError(t, err)
	assert.Equal(t, domain.Record{Kind: domain.KindPlan, ID: "p1", Version: 1<<40 + 3, Data: json.RawMessage(`{"a":1}`)}, rec)

	_, err = Decode(domain.KindPlan, "p1", []byte{1, 2})
	assert.Equal(t, domain.CodeInternal, domain.ErrorCode(err))
	assert.ErrorContains(t, err, `plan "p1"`)
}

func TestContextErr(t *testing.T) {
	assert.NoError(t, ContextErr(t.Context()))
	ctx, cancel := context.WithCancel(t.Context())
	cancel()
	err := ContextErr(ctx)
	assert.True(t, errors.Is(err, context.Canceled))
	assert.ErrorContains(t, err, "afgebroken")
}

package api

import (
	"encoding/json"
	"strconv"
	"testing"

	"github.com/stretchr/testify/require"

	"ploeg/auth"
	"ploeg/domain"
)

// token creates an API token with grant g in store and returns it.
func token(t testing.TB, store domain.Store, g domain.Grant) string {
	t.Helper()
	tok, err := auth.Service{Store: store}.CreateToken(t.Context(), "", g)
	require.NoError(t, err)
	return tok
}

func jsonUnmarshal(b []byte, v any) error { return json.Unmarshal(b, v) }

func itoa(n int64) string { return strconv.FormatInt(n, 10) }

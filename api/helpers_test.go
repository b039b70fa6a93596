package api

import (
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

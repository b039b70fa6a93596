package api

import (
	"net/http"
	"net/http/httptest"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"ploeg/auth"
	"ploeg/domain"
)

// Call runs a route in-process as a principal, through the same rule table: a role outside the
// rule is refused, without any token.
func TestCall(t *testing.T) {
	e := newEnv(t, "bolt")
	planner := auth.Principal{Name: "gebruiker anja", Grant: domain.Grant{Role: domain.RolePlanner}}
	res, err := e.srv.Call(t.Context(), planner, http.MethodGet, "/api/v1/me", nil, nil)
	require.NoError(t, err)
	assert.Equal(t, http.StatusOK, res.Status)
	assert.Contains(t, string(res.Body), `"role":"planner"`)
	res, err = e.srv.Call(t.Context(), planner, http.MethodGet, "/api/v1/audit", nil, nil)
	require.NoError(t, err)
	assert.Equal(t, http.StatusForbidden, res.Status)
	// From outside, the same request without a token is not signed in.
	assert.Equal(t, http.StatusUnauthorized, e.do("", http.MethodGet, "/api/v1/me", "", nil).Code)
}

// A mounted web UI answers / and every path outside the API that no route answers; the API keeps
// its own 404 and 405.
func TestMount(t *testing.T) {
	e := newEnv(t, "bolt")
	e.srv.Mount(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		w.WriteHeader(http.StatusTeapot)
	}))
	for _, tc := range []struct {
		method, path string
		want         int
	}{
		{http.MethodGet, "/", http.StatusTeapot},
		{http.MethodGet, "/planbord/2026-11-23", http.StatusTeapot},
		{http.MethodPost, "/inloggen", http.StatusTeapot},
		{http.MethodGet, "/api/v1/bestaat-niet", http.StatusNotFound},
		{http.MethodPost, "/healthz", http.StatusMethodNotAllowed},
	} {
		rec := httptest.NewRecorder()
		e.srv.ServeHTTP(rec, httptest.NewRequest(tc.method, tc.path, nil))
		assert.Equal(t, tc.want, rec.Code, "%s %s", tc.method, tc.path)
	}
}

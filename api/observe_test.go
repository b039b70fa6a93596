package api

import (
	"bytes"
	"log/slog"
	"net/http"
	"net/http/httptest"
	"strings"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"ploeg/auth"
	"ploeg/domain"
)

// Metrics are labelled by route template, not by path; every request is logged with its route.
func TestMetricsAndAccessLog(t *testing.T) {
	e := newEnv(t, "bolt")
	var logs bytes.Buffer
	e.srv.log = slog.New(slog.NewJSONHandler(&logs, nil))
	e.do(domain.RoleHR, http.MethodGet, "/api/v1/employees/e0001", "", nil)
	e.do(domain.RoleHR, http.MethodGet, "/api/v1/employees/e0002", "", nil)
	e.do("", http.MethodGet, "/api/v1/nergens", "", nil)
	rec := e.do("", http.MethodGet, "/metrics", "", nil)
	require.Equal(t, http.StatusOK, rec.Code)
	body := rec.Body.String()
	assert.Contains(t, body, `ploeg_http_requests_total{method="GET",route="/api/v1/employees/{id}",status="200"} 2`)
	assert.Contains(t, body, `route="unmatched"`)
	assert.NotContains(t, body, "e0001")
	assert.Contains(t, logs.String(), `"route":"/api/v1/employees/{id}"`)
	assert.Contains(t, logs.String(), `"actor":"token `)
}

// Users sign in with HTTP basic; the audit log names them.
func TestBasicAuth(t *testing.T) {
	e := newEnv(t, "bolt")
	require.NoError(t, auth.Service{Store: e.store, Cost: 4}.AddUser(t.Context(), "hanneke", domain.Grant{Role: domain.RoleHR}, "wachtwoord-van-hanneke"))
	req := httptest.NewRequest(http.MethodPost, "/api/v1/gemeenten", strings.NewReader(newGemeente))
	req.SetBasicAuth("hanneke", "wachtwoord-van-hanneke")
	rec := httptest.NewRecorder()
	e.srv.ServeHTTP(rec, req)
	assert.Equal(t, http.StatusForbidden, rec.Code, "hr may not add gemeenten")
	req = httptest.NewRequest(http.MethodGet, "/api/v1/me", nil)
	req.SetBasicAuth("hanneke", "wachtwoord-van-hanneke")
	rec = httptest.NewRecorder()
	e.srv.ServeHTTP(rec, req)
	require.Equal(t, http.StatusOK, rec.Code)
	assert.Contains(t, rec.Body.String(), `"role":"hr"`)
	req.SetBasicAuth("hanneke", "fout")
	rec = httptest.NewRecorder()
	e.srv.ServeHTTP(rec, req)
	assert.Equal(t, http.StatusUnauthorized, rec.Code)
	assert.Equal(t, http.StatusUnauthorized, send(e.srv, "plg_verzonnen", http.MethodGet, "/api/v1/me", "", nil).Code)
}

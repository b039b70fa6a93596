package api

import (
	"context"
	"encoding/json"
	"errors"
	"io"
	"log/slog"
	"net/http"
	"net/http/httptest"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"ploeg/domain"
	"ploeg/store/bolt"
)

// adminServer is a server whose requests carry an admin token unless they say otherwise.
type adminServer struct {
	*Server
	token string
}

func (a adminServer) ServeHTTP(w http.ResponseWriter, r *http.Request) {
	if r.Header.Get("Authorization") == "" {
		r.Header.Set("Authorization", "Bearer "+a.token)
	}
	a.Server.ServeHTTP(w, r)
}

func newServer(t *testing.T) (adminServer, domain.Store) {
	t.Helper()
	s, err := bolt.Open(filepath.Join(t.TempDir(), "api.db"), bolt.Options{})
	require.NoError(t, err)
	t.Cleanup(func() { s.Close() })
	return adminServer{New(s, slog.New(slog.NewTextHandler(io.Discard, nil))), token(t, s, domain.Grant{Role: domain.RoleAdmin})}, s
}

func do(t *testing.T, h http.Handler, method, path, contentType, body string) *httptest.ResponseRecorder {
	t.Helper()
	req := httptest.NewRequest(method, path, strings.NewReader(body))
	if contentType != "" {
		req.Header.Set("Content-Type", contentType)
	}
	rec := httptest.NewRecorder()
	h.ServeHTTP(rec, req)
	return rec
}

func decodeProblem(t *testing.T, rec *httptest.ResponseRecorder) Problem {
	t.Helper()
	require.Equal(t, "application/problem+json", rec.Header().Get("Content-Type"), rec.Body.String())
	var p Problem
	require.NoError(t, json.Unmarshal(rec.Body.Bytes(), &p))
	assert.Equal(t, rec.Code, p.Status)
	assert.NotEmpty(t, p.Title)
	assert.NotEmpty(t, p.Detail)
	return p
}

func testdata(t *testing.T, name string) string {
	b, err := os.ReadFile(filepath.Join("..", "domain", "testdata", name))
	require.NoError(t, err)
	return string(b)
}

func TestImportExport(t *testing.T) {
	srv, _ := newServer(t)
	rec := do(t, srv, http.MethodPut, "/api/v1/dataset", "application/json", testdata(t, "small.json"))
	require.Equal(t, http.StatusOK, rec.Code, rec.Body.String())
	assert.JSONEq(t, `{"imported":{"gemeenten":2,"workplaces":3,"werkleiders":2,"employees":3,"shifts":3,"absences":2,"pinned":1,"taakstellingen":1}}`, rec.Body.String())

	rec = do(t, srv, http.MethodGet, "/api/v1/dataset", "", "")
	require.Equal(t, http.StatusOK, rec.Code)
	ds, err := domain.DecodeDataset(rec.Body)
	require.NoError(t, err)
	assert.Len(t, ds.Employees, 3)
}

func TestImportRefusals(t *testing.T) {
	srv, store := newServer(t)
	require.Equal(t, http.StatusOK, do(t, srv, http.MethodPut, "/api/v1/dataset", "application/json", testdata(t, "small.json")).Code)
	before, err := store.Snapshot(context.Background())
	require.NoError(t, err)

	bad := strings.Replace(testdata(t, "small.json"), `"gemeente": "GM0473"`, `"gemeente": "GM9999"`, 1)
	bad = strings.Replace(bad, `"min": 1, "max": 3`, `"min": 4, "max": 3`, 1)
	bad = strings.Replace(bad, `"capacity": 12`, `"capacity": 12, "kleur": "rood"`, 1)

	cases := []struct {
		name, contentType, body string
		status                  int
		fields                  []string
	}{
		{"three mistakes", "application/json", bad, http.StatusBadRequest,
			[]string{"employees[1].gemeente", "shifts[0].max", "werkleiders[0].kleur"}},
		{"not json", "application/json", "{", http.StatusBadRequest, nil},
		{"wrong media type", "text/csv", "a,b", http.StatusUnsupportedMediaType, nil},
		{"too large", "application/json", `{"version":1,"gemeenten":[` + strings.Repeat(`{"code":"GM0392"},`, domain.MaxDatasetBytes/17) + `]}`,
			http.StatusRequestEntityTooLarge, nil},
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			rec := do(t, srv, http.MethodPut, "/api/v1/dataset", c.contentType, c.body)
			assert.Equal(t, c.status, rec.Code)
			p := decodeProblem(t, rec)
			var got []string
			for _, f := range p.Errors {
				got = append(got, f.Field)
				assert.NotEmpty(t, f.Message)
			}
			assert.ElementsMatch(t, c.fields, got)
			after, err := store.Snapshot(context.Background())
			require.NoError(t, err)
			assert.Equal(t, before, after, "nothing half-imported")
		})
	}
}

func TestRouting(t *testing.T) {
	srv, _ := newServer(t)
	cases := []struct {
		method, path string
		status       int
	}{
		{http.MethodGet, "/healthz", http.StatusOK},
		{http.MethodGet, "/readyz", http.StatusOK},
		{http.MethodGet, "/", http.StatusOK},
		{http.MethodPost, "/healthz", http.StatusMethodNotAllowed},
		{http.MethodDelete, "/api/v1/dataset", http.StatusMethodNotAllowed},
		{http.MethodPost, "/api/v1/dataset", http.StatusMethodNotAllowed},
		{http.MethodGet, "/api/v1/bestaatniet", http.StatusNotFound},
		{http.MethodGet, "/bestaatniet", http.StatusNotFound},
	}
	for _, c := range cases {
		t.Run(c.method+" "+c.path, func(t *testing.T) {
			rec := do(t, srv, c.method, c.path, "", "")
			assert.Equal(t, c.status, rec.Code)
			if c.status >= 400 {
				decodeProblem(t, rec)
			}
		})
	}
}

type downStore struct{ domain.Store }

func (downStore) Ping(context.Context) error { return errors.New("verbinding geweigerd") }

func TestReadyzWhenStoreIsDown(t *testing.T) {
	srv := New(downStore{}, slog.New(slog.NewTextHandler(io.Discard, nil)))
	rec := do(t, srv, http.MethodGet, "/readyz", "", "")
	assert.Equal(t, http.StatusServiceUnavailable, rec.Code)
	p := decodeProblem(t, rec)
	assert.NotContains(t, p.Detail, "verbinding geweigerd", "causes are logged, not shown")
	assert.Equal(t, http.StatusOK, do(t, srv, http.MethodGet, "/healthz", "", "").Code, "alive even when the store is not")
}

func TestInternalErrorsHideTheirCause(t *testing.T) {
	p := problemFor(domain.Internal("bolt schrijven", errors.New("disk /dev/sda1 vol")))
	assert.Equal(t, http.StatusInternalServerError, p.Status)
	assert.NotContains(t, p.Detail, "sda1")
	p = problemFor(domain.Errorf(domain.CodeConflict, "versie 3 is verouderd"))
	assert.Equal(t, http.StatusConflict, p.Status)
	assert.Equal(t, "versie 3 is verouderd", p.Detail)
}

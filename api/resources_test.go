package api

import (
	"net/http"
	"strings"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"ploeg/domain"
)

const newGemeente = `{"code": "GM0397", "name": "Heemstede"}`

func fields(t *testing.T, body []byte) []string {
	t.Helper()
	var p Problem
	require.NoError(t, jsonUnmarshal(body, &p))
	var out []string
	for _, f := range p.Errors {
		out = append(out, f.Field)
	}
	return out
}

// Create, read, replace, patch and delete with ETags, on every store.
func TestResourceLifecycle(t *testing.T) {
	for _, kind := range storeKinds() {
		t.Run(kind, func(t *testing.T) {
			e := newEnv(t, kind)
			rec := e.do(domain.RoleAdmin, http.MethodPost, "/api/v1/gemeenten", newGemeente, nil)
			require.Equal(t, http.StatusCreated, rec.Code, rec.Body.String())
			tag := rec.Header().Get("ETag")
			require.NotEmpty(t, tag)
			assert.Equal(t, "/api/v1/gemeenten/GM0397", rec.Header().Get("Location"))

			rec = e.do(domain.RoleAdmin, http.MethodPost, "/api/v1/gemeenten", newGemeente, nil)
			assert.Equal(t, http.StatusConflict, rec.Code, "the id exists")

			rec = e.do(domain.RoleHR, http.MethodGet, "/api/v1/gemeenten/GM0397", "", nil)
			require.Equal(t, http.StatusOK, rec.Code)
			assert.Equal(t, tag, rec.Header().Get("ETag"))

			// Without If-Match: 428; with a wrong version: 412 and the current one.
			rec = e.do(domain.RoleAdmin, http.MethodPut, "/api/v1/gemeenten/GM0397", `{"code":"GM0397","name":"Heemstede (NH)"}`, nil)
			assert.Equal(t, http.StatusPreconditionRequired, rec.Code)
			rec = e.do(domain.RoleAdmin, http.MethodPut, "/api/v1/gemeenten/GM0397", `{"code":"GM0397","name":"Heemstede (NH)"}`, match(`"1"`))
			assert.Equal(t, http.StatusPreconditionFailed, rec.Code)
			assert.Equal(t, tag, rec.Header().Get("ETag"))
			p := decodeJSON[Problem](t, rec)
			assert.Equal(t, strings.Trim(tag, `"`), itoa(p.CurrentVersion))

			rec = e.do(domain.RoleAdmin, http.MethodPut, "/api/v1/gemeenten/GM0397", `{"code":"GM0397","name":"Heemstede (NH)"}`, match(tag))
			require.Equal(t, http.StatusOK, rec.Code, rec.Body.String())
			tag2 := rec.Header().Get("ETag")
			assert.NotEqual(t, tag, tag2)

			rec = e.do(domain.RoleAdmin, http.MethodPatch, "/api/v1/gemeenten/GM0397", `{"name":"Heemstede"}`, match(tag))
			assert.Equal(t, http.StatusPreconditionFailed, rec.Code, "the old ETag is stale now")
			rec = e.do(domain.RoleAdmin, http.MethodPatch, "/api/v1/gemeenten/GM0397", `{"name":"Heemstede"}`, match(tag2))
			require.Equal(t, http.StatusOK, rec.Code, rec.Body.String())
			assert.JSONEq(t, newGemeente, rec.Body.String())
			tag3 := rec.Header().Get("ETag")

			rec = e.do(domain.RoleAdmin, http.MethodPut, "/api/v1/gemeenten/GM0397", `{"code":"GM0398","name":"x"}`, match(tag3))
			assert.Equal(t, http.StatusBadRequest, rec.Code, "the key cannot change")

			rec = e.do(domain.RoleAdmin, http.MethodDelete, "/api/v1/gemeenten/GM0397", "", match(tag3))
			assert.Equal(t, http.StatusNoContent, rec.Code, rec.Body.String())
			assert.Equal(t, http.StatusNotFound, e.do(domain.RoleAdmin, http.MethodGet, "/api/v1/gemeenten/GM0397", "", nil).Code)

			// The audit log names who did it.
			entries, err := e.store.Audit(t.Context(), domain.AuditQuery{})
			require.NoError(t, err)
			last := entries[len(entries)-1]
			assert.Equal(t, domain.ActionDelete, last.Action)
			assert.Contains(t, last.Actor, "(admin)")
		})
	}
}

// Strict decoding, validation and references, each problem with its field path.
func TestResourceRefusals(t *testing.T) {
	e := newEnv(t, "bolt")
	emp := `{"id":"e0009","name":"Piet","birthDate":"1970-01-01","gemeente":"GM9999","regeling":"beschut","contractHours":20,
		"contractStart":"2020-01-01","workdays":["ma"],"skills":[],"restrictions":[],"begeleiding":"laag","seniorConsent":false,"homeWorkplace":"nergens"}`
	cases := []struct {
		name, method, path, body string
		headers                  map[string]string
		status                   int
		fields                   []string
	}{
		{"unknown field", http.MethodPost, "/api/v1/gemeenten", `{"code":"GM0397","kleur":"rood"}`, nil, 400, []string{"kleur"}},
		{"wrong type and format", http.MethodPost, "/api/v1/shifts", `{"id":"s","workplace":"groen-1","date":"2026-13-01","start":"8","end":"16:00","min":"1","max":2}`, nil, 400, []string{"date", "start", "min"}},
		{"references", http.MethodPost, "/api/v1/employees", emp, nil, 400, []string{"gemeente", "homeWorkplace"}},
		{"in use", http.MethodDelete, "/api/v1/gemeenten/GM0473", "", nil, 409, nil},
		{"not json", http.MethodPost, "/api/v1/gemeenten", `{`, nil, 400, nil},
		{"media type", http.MethodPost, "/api/v1/gemeenten", `a,b`, map[string]string{"Content-Type": "text/csv"}, 415, nil},
		{"too large", http.MethodPost, "/api/v1/gemeenten", `{"code":"GM0397","name":"` + strings.Repeat("x", maxBodyBytes) + `"}`, nil, 413, nil},
		{"bad query", http.MethodGet, "/api/v1/employees?kleur=rood&limit=0", "", nil, 400, []string{"query.kleur", "query.limit"}},
		{"bad if-match", http.MethodDelete, "/api/v1/gemeenten/GM0473", "", map[string]string{"If-Match": "abc"}, 400, []string{"header.If-Match"}},
		{"missing", http.MethodGet, "/api/v1/employees/e9999", "", nil, 404, nil},
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			if c.name == "in use" {
				cur := e.do(domain.RoleAdmin, http.MethodGet, "/api/v1/gemeenten/GM0473", "", nil)
				c.headers = match(cur.Header().Get("ETag"))
			}
			rec := e.do(domain.RoleAdmin, c.method, c.path, c.body, c.headers)
			assert.Equal(t, c.status, rec.Code, rec.Body.String())
			assert.Equal(t, "application/problem+json", rec.Header().Get("Content-Type"))
			if c.fields != nil {
				assert.ElementsMatch(t, c.fields, fields(t, rec.Body.Bytes()))
			}
		})
	}
}

// Lists filter and page, with a total and a Link to the next page.
func TestListFiltersAndPaging(t *testing.T) {
	e := newEnv(t, "bolt")
	type page struct {
		Items []struct {
			ID      string         `json:"id"`
			Version int64          `json:"version"`
			Value   map[string]any `json:"value"`
		} `json:"items"`
		Total int `json:"total"`
	}
	rec := e.do(domain.RoleHR, http.MethodGet, "/api/v1/employees?gemeente=GM0392", "", nil)
	require.Equal(t, http.StatusOK, rec.Code)
	pg := decodeJSON[page](t, rec)
	assert.Equal(t, 2, pg.Total)

	rec = e.do(domain.RoleHR, http.MethodGet, "/api/v1/employees?limit=2", "", nil)
	pg = decodeJSON[page](t, rec)
	assert.Equal(t, 3, pg.Total)
	assert.Len(t, pg.Items, 2)
	assert.Contains(t, rec.Header().Get("Link"), "offset=2")
	rec = e.do(domain.RoleHR, http.MethodGet, "/api/v1/employees?limit=2&offset=2", "", nil)
	assert.Len(t, decodeJSON[page](t, rec).Items, 1)
	assert.Empty(t, rec.Header().Get("Link"))

	rec = e.do(domain.RoleHR, http.MethodGet, "/api/v1/employees?q=bakker", "", nil)
	assert.Equal(t, 1, decodeJSON[page](t, rec).Total)
	rec = e.do(domain.RolePlanner, http.MethodGet, "/api/v1/shifts?date=2026-11-23&workplace=groen-1", "", nil)
	assert.Equal(t, 1, decodeJSON[page](t, rec).Total)
	rec = e.do(domain.RolePlanner, http.MethodGet, "/api/v1/absences?date=2026-11-26", "", nil)
	assert.Equal(t, 1, decodeJSON[page](t, rec).Total)
}

// Restrictions are for hr and admin; a planner sees only where someone is "niet geschikt".
func TestRestrictionsOnlyForHR(t *testing.T) {
	e := newEnv(t, "bolt")
	for _, c := range []struct {
		role domain.Role
		sees bool
	}{{domain.RoleAdmin, true}, {domain.RoleHR, true}, {domain.RolePlanner, false}} {
		rec := e.do(c.role, http.MethodGet, "/api/v1/employees/e0001", "", nil)
		require.Equal(t, http.StatusOK, rec.Code)
		v := decodeJSON[map[string]any](t, rec)
		if c.sees {
			assert.Equal(t, []any{"tillen"}, v["restrictions"], c.role)
		} else {
			assert.NotContains(t, v, "restrictions")
			assert.NotContains(t, rec.Body.String(), "tillen")
			assert.Equal(t, []any{"verpakken-a"}, v["nietGeschikt"])
		}
		list := e.do(c.role, http.MethodGet, "/api/v1/employees", "", nil)
		assert.Equal(t, c.sees, strings.Contains(list.Body.String(), "tillen"), c.role)
	}
}

// A gemeente user sees their own gemeente's figures only, and no people at all.
func TestGemeenteSeesOwnOnly(t *testing.T) {
	e := newEnv(t, "bolt")
	rec := e.do(domain.RoleGemeente, http.MethodGet, "/api/v1/gemeenten", "", nil)
	require.Equal(t, http.StatusOK, rec.Code)
	assert.Contains(t, rec.Body.String(), "GM0473")
	assert.NotContains(t, rec.Body.String(), "GM0392")
	assert.Equal(t, http.StatusForbidden, e.do(domain.RoleGemeente, http.MethodGet, "/api/v1/gemeenten/GM0392", "", nil).Code)
	assert.Equal(t, http.StatusOK, e.do(domain.RoleGemeente, http.MethodGet, "/api/v1/gemeenten/GM0473", "", nil).Code)
	rec = e.do(domain.RoleGemeente, http.MethodGet, "/api/v1/taakstellingen", "", nil)
	assert.NotContains(t, rec.Body.String(), "GM0392")
	for _, path := range []string{"/api/v1/employees", "/api/v1/absences", "/api/v1/plans", "/api/v1/dataset", "/api/v1/audit"} {
		assert.Equal(t, http.StatusForbidden, e.do(domain.RoleGemeente, http.MethodGet, path, "", nil).Code, path)
	}
}

// Quota and forecast: aggregated figures; a gemeente user gets their own gemeente only.
func TestQuotaAndForecast(t *testing.T) {
	e := newEnv(t, "bolt")
	rec := e.do(domain.RoleHR, http.MethodGet, "/api/v1/quota?year=2019", "", nil)
	require.Equal(t, http.StatusOK, rec.Code, rec.Body.String())
	assert.Contains(t, rec.Body.String(), "GM0392")
	assert.Contains(t, rec.Body.String(), `"regio"`)

	rec = e.do(domain.RoleHR, http.MethodGet, "/api/v1/quota?year=1700&kleur=rood", "", nil)
	assert.Equal(t, http.StatusBadRequest, rec.Code)
	assert.ElementsMatch(t, []string{"query.kleur"}, fields(t, rec.Body.Bytes()))
	rec = e.do(domain.RoleHR, http.MethodGet, "/api/v1/quota?year=1700", "", nil)
	assert.Equal(t, []string{"query.year"}, fields(t, rec.Body.Bytes()))

	rec = e.do(domain.RoleGemeente, http.MethodGet, "/api/v1/quota?year=2026", "", nil)
	assert.Equal(t, []string{"query.year"}, fields(t, rec.Body.Bytes()), "no taakstelling for Zandvoort in 2026 yet")
	rec = e.do(domain.RoleAdmin, http.MethodPost, "/api/v1/taakstellingen", `{"gemeente":"GM0473","year":2026,"regeling":"beschut","target":4}`, nil)
	require.Equal(t, http.StatusCreated, rec.Code, rec.Body.String())
	rec = e.do(domain.RoleGemeente, http.MethodGet, "/api/v1/quota?year=2026", "", nil)
	require.Equal(t, http.StatusOK, rec.Code, rec.Body.String())
	assert.Contains(t, rec.Body.String(), "GM0473")
	assert.NotContains(t, rec.Body.String(), "GM0392")
	assert.NotContains(t, rec.Body.String(), "Çelik", "no names")
	assert.Equal(t, http.StatusForbidden, e.do(domain.RoleGemeente, http.MethodGet, "/api/v1/quota?year=2026&gemeente=GM0392", "", nil).Code)

	rec = e.do(domain.RoleAdmin, http.MethodGet, "/api/v1/forecast?baseYear=2026&years=3", "", nil)
	require.Equal(t, http.StatusOK, rec.Code, rec.Body.String())
	assert.Contains(t, rec.Body.String(), `"workplaces"`)
	rec = e.do(domain.RoleGemeente, http.MethodGet, "/api/v1/forecast?baseYear=2026&years=3", "", nil)
	require.Equal(t, http.StatusOK, rec.Code, rec.Body.String())
	assert.NotContains(t, rec.Body.String(), "GM0392")
	assert.NotContains(t, rec.Body.String(), `"workplaces"`)
	assert.Equal(t, http.StatusForbidden, e.do(domain.RoleGemeente, http.MethodGet, "/api/v1/forecast?gemeente=GM0392", "", nil).Code)
	assert.Equal(t, http.StatusBadRequest, e.do(domain.RoleAdmin, http.MethodGet, "/api/v1/forecast?rate=2", "", nil).Code)
}

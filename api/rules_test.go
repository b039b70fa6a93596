package api

import (
	"net/http"
	"slices"
	"strings"
	"testing"

	"github.com/gorilla/mux"
	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"ploeg/domain"
)

// routerRoutes walks the router and returns "METHOD path" for every route it serves (HEAD aside).
func routerRoutes(t *testing.T, s *Server) []string {
	var out []string
	require.NoError(t, s.router.Walk(func(r *mux.Route, _ *mux.Router, _ []*mux.Route) error {
		path, err := r.GetPathTemplate()
		require.NoError(t, err)
		methods, err := r.GetMethods()
		require.NoError(t, err)
		for _, m := range methods {
			if m != http.MethodHead {
				out = append(out, m+" "+path)
			}
		}
		return nil
	}))
	return out
}

// Every route the router serves has a row in the rule table, and every row is served.
func TestRuleTableCoversEveryRoute(t *testing.T) {
	e := newEnv(t, "bolt")
	served := routerRoutes(t, e.srv)
	var table []string
	for _, rt := range e.srv.routes {
		table = append(table, rt.name())
		assert.True(t, rt.public || len(rt.roles) > 0, "%s: a route is public or names its roles", rt.name())
	}
	assert.ElementsMatch(t, table, served)
}

// fill puts example values into a path template.
func fill(path string) string {
	return strings.NewReplacer("{id}", "x", "{pin}", "x~y").Replace(path)
}

// Every role against every route: nobody gets 401 except on public routes, a role outside the rule
// gets 403, a role inside it gets past the guard (whatever the handler then says).
func TestRoleMatrix(t *testing.T) {
	e := newEnv(t, "bolt")
	roles := append([]domain.Role{""}, domain.Roles...)
	for _, rt := range e.srv.routes {
		if rt.name() == "PUT /api/v1/dataset" {
			continue // an import would replace the fixture; it is covered below
		}
		for _, role := range roles {
			name := string(role)
			if name == "" {
				name = "anoniem"
			}
			t.Run(rt.name()+"/"+name, func(t *testing.T) {
				rec := e.do(role, rt.method, fill(rt.path), "{}", nil)
				switch {
				case rt.public:
					assert.NotContains(t, []int{401, 403}, rec.Code)
				case role == "":
					assert.Equal(t, http.StatusUnauthorized, rec.Code)
					assert.NotEmpty(t, rec.Header().Get("WWW-Authenticate"))
				case slices.Contains(rt.roles, role):
					assert.NotContains(t, []int{401, 403}, rec.Code, rec.Body.String())
				default:
					assert.Equal(t, http.StatusForbidden, rec.Code, rec.Body.String())
				}
				if rec.Code >= 400 {
					assert.Equal(t, "application/problem+json", rec.Header().Get("Content-Type"))
				}
			})
		}
	}
	// The dataset import: only admin.
	for _, role := range domain.Roles {
		rec := e.do(role, http.MethodPut, "/api/v1/dataset", "{", nil)
		if role == domain.RoleAdmin {
			assert.Equal(t, http.StatusBadRequest, rec.Code)
		} else {
			assert.Equal(t, http.StatusForbidden, rec.Code, string(role))
		}
	}
}

// Every path answers 405 (with Allow) to a method it does not serve, never 404.
func TestMethodNotAllowedEverywhere(t *testing.T) {
	e := newEnv(t, "bolt")
	byPath := map[string][]string{}
	for _, rt := range e.srv.routes {
		byPath[rt.path] = append(byPath[rt.path], rt.method)
	}
	for path, methods := range byPath {
		for _, m := range []string{http.MethodGet, http.MethodPost, http.MethodPut, http.MethodPatch, http.MethodDelete} {
			if slices.Contains(methods, m) {
				continue
			}
			rec := e.do(domain.RoleAdmin, m, fill(path), "", nil)
			assert.Equal(t, http.StatusMethodNotAllowed, rec.Code, "%s %s", m, path)
			assert.NotEmpty(t, rec.Header().Get("Allow"), "%s %s", m, path)
		}
	}
}

// The OpenAPI document lists exactly the routes the router serves.
func TestOpenAPIMatchesRouter(t *testing.T) {
	e := newEnv(t, "bolt")
	rec := e.do("", http.MethodGet, "/api/v1/openapi.json", "", nil)
	require.Equal(t, http.StatusOK, rec.Code)
	doc := decodeJSON[struct {
		OpenAPI string                               `json:"openapi"`
		Paths   map[string]map[string]map[string]any `json:"paths"`
	}](t, rec)
	assert.Equal(t, "3.1.0", doc.OpenAPI)
	var documented []string
	for path, ops := range doc.Paths {
		for method, op := range ops {
			documented = append(documented, strings.ToUpper(method)+" "+path)
			assert.NotEmpty(t, op["summary"], "%s %s", method, path)
			params, _ := op["parameters"].([]any)
			for _, p := range params {
				if p.(map[string]any)["name"] == "If-Match" {
					assert.NotEqual(t, "get", method, "a read needs no If-Match: %s", path)
				}
			}
		}
	}
	assert.ElementsMatch(t, routerRoutes(t, e.srv), documented)
}

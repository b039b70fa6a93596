package api

import (
	"encoding/base64"
	"net/http"
	"strings"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"ploeg/auth"
	"ploeg/domain"
)

// basic returns the Authorization header of a user.
func basic(name, password string) map[string]string {
	return map[string]string{"Authorization": "Basic " + base64.StdEncoding.EncodeToString([]byte(name+":"+password))}
}

// The beheerder adds a user, who can then sign in; disables them (with If-Match), after which they
// cannot, and enables them again. No answer shows the password hash; the audit log has each change.
func TestUserManagement(t *testing.T) {
	for _, kind := range storeKinds() {
		t.Run(kind, func(t *testing.T) {
			e := newEnv(t, kind)
			const password = "een-lang-wachtwoord"
			rec := e.do(domain.RoleAdmin, http.MethodPost, "/api/v1/users", `{"name":"anja","role":"planner","password":"`+password+`"}`, nil)
			require.Equal(t, http.StatusCreated, rec.Code, rec.Body.String())
			tag := rec.Header().Get("ETag")
			assert.NotContains(t, rec.Body.String(), "passwordHash")
			assert.NotContains(t, rec.Body.String(), "$2a$")
			me := e.do("", http.MethodGet, "/api/v1/me", "", basic("anja", password))
			require.Equal(t, http.StatusOK, me.Code)
			assert.Contains(t, me.Body.String(), `"role":"planner"`)

			for _, tc := range []struct {
				name, body string
				code       int
				field      string
			}{
				{"short password", `{"name":"piet","role":"hr","password":"kort"}`, http.StatusBadRequest, "password"},
				{"unknown role", `{"name":"piet","role":"baas","password":"` + password + `"}`, http.StatusBadRequest, "role"},
				{"gemeente without code", `{"name":"piet","role":"gemeente","password":"` + password + `"}`, http.StatusBadRequest, "gemeente"},
				{"name with a space", `{"name":"piet jansen","role":"hr","password":"` + password + `"}`, http.StatusBadRequest, "name"},
				{"unknown field", `{"name":"piet","role":"hr","password":"` + password + `","admin":true}`, http.StatusBadRequest, "admin"},
				{"taken", `{"name":"anja","role":"hr","password":"` + password + `"}`, http.StatusConflict, ""},
			} {
				t.Run(tc.name, func(t *testing.T) {
					rec := e.do(domain.RoleAdmin, http.MethodPost, "/api/v1/users", tc.body, nil)
					require.Equal(t, tc.code, rec.Code, rec.Body.String())
					if tc.field != "" {
						prob := decodeJSON[Problem](t, rec)
						require.NotEmpty(t, prob.Errors)
						assert.Equal(t, tc.field, prob.Errors[0].Field)
					}
				})
			}

			list := e.do(domain.RoleAdmin, http.MethodGet, "/api/v1/users", "", nil)
			require.Equal(t, http.StatusOK, list.Code)
			assert.Contains(t, list.Body.String(), `"name":"anja"`)
			assert.NotContains(t, list.Body.String(), "$2a$")

			path := "/api/v1/users/anja/disable"
			assert.Equal(t, http.StatusPreconditionRequired, e.do(domain.RoleAdmin, http.MethodPost, path, "", nil).Code)
			assert.Equal(t, http.StatusPreconditionFailed, e.do(domain.RoleAdmin, http.MethodPost, path, "", match(`"1"`)).Code)
			rec = e.do(domain.RoleAdmin, http.MethodPost, path, "", match(tag))
			require.Equal(t, http.StatusOK, rec.Code, rec.Body.String())
			assert.Contains(t, rec.Body.String(), `"disabled":true`)
			assert.Equal(t, http.StatusUnauthorized, e.do("", http.MethodGet, "/api/v1/me", "", basic("anja", password)).Code, "a disabled user cannot sign in")

			rec = e.do(domain.RoleAdmin, http.MethodPost, "/api/v1/users/anja/enable", "", match(rec.Header().Get("ETag")))
			require.Equal(t, http.StatusOK, rec.Code, rec.Body.String())
			assert.Equal(t, http.StatusOK, e.do("", http.MethodGet, "/api/v1/me", "", basic("anja", password)).Code)

			audit := e.do(domain.RoleAdmin, http.MethodGet, "/api/v1/audit?kind=users&id=anja", "", nil)
			require.Equal(t, http.StatusOK, audit.Code)
			entries := decodeJSON[struct{ Items []domain.AuditEntry }](t, audit).Items
			var actions []string
			for _, en := range entries {
				actions = append(actions, en.Action)
				assert.Contains(t, en.Actor, "(admin)")
			}
			assert.Equal(t, []string{domain.ActionCreate, domain.ActionUpdate, domain.ActionUpdate}, actions)
			assert.NotContains(t, audit.Body.String(), "$2a$", "the audit log masks the hash")
		})
	}
}

// A beheerder who signs in as a user cannot disable themselves.
func TestUserCannotDisableThemselves(t *testing.T) {
	e := newEnv(t, "bolt")
	require.NoError(t, e.srv.auth.AddUser(t.Context(), "baas", domain.Grant{Role: domain.RoleAdmin}, "wachtwoord-van-de-baas"))
	rec := e.do("", http.MethodGet, "/api/v1/users/baas", "", basic("baas", "wachtwoord-van-de-baas"))
	require.Equal(t, http.StatusOK, rec.Code)
	headers := basic("baas", "wachtwoord-van-de-baas")
	headers["If-Match"] = rec.Header().Get("ETag")
	rec = e.do("", http.MethodPost, "/api/v1/users/baas/disable", "", headers)
	assert.Equal(t, http.StatusConflict, rec.Code, rec.Body.String())
	assert.Contains(t, rec.Body.String(), "uzelf")
}

// The beheerder makes a token (shown once), lists tokens without their hashes, and revokes one
// (with If-Match), after which it is refused at once.
func TestTokenManagement(t *testing.T) {
	for _, kind := range storeKinds() {
		t.Run(kind, func(t *testing.T) {
			e := newEnv(t, kind)
			rec := e.do(domain.RoleAdmin, http.MethodPost, "/api/v1/tokens", `{"name":"scanner","role":"hr"}`, nil)
			require.Equal(t, http.StatusCreated, rec.Code, rec.Body.String())
			made := decodeJSON[struct {
				Token, ID string
			}](t, rec)
			require.True(t, strings.HasPrefix(made.Token, auth.TokenPrefix))
			assert.Len(t, made.ID, tokenIDLength)
			assert.Equal(t, "no-store", rec.Header().Get("Cache-Control"))
			tag := rec.Header().Get("ETag")
			bearer := map[string]string{"Authorization": "Bearer " + made.Token}
			me := e.do("", http.MethodGet, "/api/v1/me", "", bearer)
			require.Equal(t, http.StatusOK, me.Code)
			assert.Contains(t, me.Body.String(), `"role":"hr"`)

			list := e.do(domain.RoleAdmin, http.MethodGet, "/api/v1/tokens", "", nil)
			require.Equal(t, http.StatusOK, list.Code)
			assert.Contains(t, list.Body.String(), made.ID)
			assert.NotContains(t, list.Body.String(), auth.HashToken(made.Token), "the whole hash is not shown")
			assert.NotContains(t, list.Body.String(), made.Token)

			rec = e.do(domain.RoleAdmin, http.MethodPost, "/api/v1/tokens", `{"role":"gemeente"}`, nil)
			require.Equal(t, http.StatusBadRequest, rec.Code)
			assert.Equal(t, "gemeente", decodeJSON[Problem](t, rec).Errors[0].Field)

			path := "/api/v1/tokens/" + made.ID
			assert.Equal(t, http.StatusPreconditionRequired, e.do(domain.RoleAdmin, http.MethodDelete, path, "", nil).Code)
			assert.Equal(t, http.StatusPreconditionFailed, e.do(domain.RoleAdmin, http.MethodDelete, path, "", match(`"1"`)).Code)
			require.Equal(t, http.StatusNoContent, e.do(domain.RoleAdmin, http.MethodDelete, path, "", match(tag)).Code)
			assert.Equal(t, http.StatusUnauthorized, e.do("", http.MethodGet, "/api/v1/me", "", bearer).Code, "a revoked token is refused")
			assert.Equal(t, http.StatusNotFound, e.do(domain.RoleAdmin, http.MethodDelete, path, "", match(tag)).Code)

			audit := e.do(domain.RoleAdmin, http.MethodGet, "/api/v1/audit?kind=tokens", "", nil)
			require.Equal(t, http.StatusOK, audit.Code)
			var actions []string
			for _, en := range decodeJSON[struct{ Items []domain.AuditEntry }](t, audit).Items {
				if strings.Contains(string(en.New)+string(en.Old), "scanner") {
					actions = append(actions, en.Action)
				}
			}
			assert.Equal(t, []string{domain.ActionCreate, domain.ActionDelete}, actions)
			assert.NotContains(t, audit.Body.String(), auth.HashToken(made.Token), "the audit log masks the hash")
		})
	}
}

package api

import (
	"net/http"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"ploeg/domain"
)

const weekTemplate = `{"id":"verpakken-a-week","workplace":"verpakken-a","weekdays":["ma","di","wo","do","vr"],"start":"08:00","end":"16:00","breakMinutes":30,"min":1,"max":3}`

// A stored basisrooster template: create, read with its ETag, replace and delete with If-Match,
// expand into the shifts of a period (again: the existing ones are skipped), every change audited.
func TestStoredTemplates(t *testing.T) {
	for _, kind := range storeKinds() {
		t.Run(kind, func(t *testing.T) {
			e := newEnv(t, kind)
			rec := e.do(domain.RolePlanner, http.MethodPost, templatesPath, weekTemplate, nil)
			require.Equal(t, http.StatusCreated, rec.Code, rec.Body.String())
			tag := rec.Header().Get("ETag")
			assert.Equal(t, templatesPath+"/verpakken-a-week", rec.Header().Get("Location"))
			assert.Equal(t, http.StatusConflict, e.do(domain.RolePlanner, http.MethodPost, templatesPath, weekTemplate, nil).Code, "the id is taken")

			rec = e.do(domain.RoleHR, http.MethodGet, templatesPath+"/verpakken-a-week", "", nil)
			require.Equal(t, http.StatusOK, rec.Code)
			assert.Equal(t, tag, rec.Header().Get("ETag"))
			assert.JSONEq(t, `{"id":"verpakken-a-week","workplace":"verpakken-a","weekdays":["ma","di","wo","do","vr"],"start":"08:00","end":"16:00","breakMinutes":30,"min":1,"max":3,"priority":0}`, rec.Body.String())
			list := e.do(domain.RoleHR, http.MethodGet, templatesPath+"?workplace=verpakken-a", "", nil)
			require.Equal(t, http.StatusOK, list.Code)
			assert.Equal(t, 1, decodeJSON[templateList](t, list).Total)
			assert.Equal(t, 0, decodeJSON[templateList](t, e.do(domain.RoleHR, http.MethodGet, templatesPath+"?workplace=groen-1", "", nil)).Total)

			changed := `{"id":"verpakken-a-week","workplace":"verpakken-a","weekdays":["ma","di","wo","do","vr"],"start":"08:00","end":"16:00","breakMinutes":30,"min":1,"max":4}`
			path := templatesPath + "/verpakken-a-week"
			assert.Equal(t, http.StatusPreconditionRequired, e.do(domain.RolePlanner, http.MethodPut, path, changed, nil).Code)
			assert.Equal(t, http.StatusPreconditionFailed, e.do(domain.RolePlanner, http.MethodPut, path, changed, match(`"1"`)).Code)
			rec = e.do(domain.RolePlanner, http.MethodPut, path, changed, match(tag))
			require.Equal(t, http.StatusOK, rec.Code, rec.Body.String())
			assert.NotEqual(t, tag, rec.Header().Get("ETag"))
			tag = rec.Header().Get("ETag")

			rec = e.do(domain.RolePlanner, http.MethodPost, path+"/expand", `{"from":"2026-11-30","to":"2026-12-06"}`, nil)
			require.Equal(t, http.StatusCreated, rec.Code, rec.Body.String())
			made := decodeJSON[struct{ Created, Skipped []string }](t, rec)
			assert.Equal(t, []string{"verpakken-a-2026-11-30", "verpakken-a-2026-12-01", "verpakken-a-2026-12-02", "verpakken-a-2026-12-03", "verpakken-a-2026-12-04"}, made.Created)
			sh, err := domain.Shifts(e.store).Get(t.Context(), "verpakken-a-2026-12-01")
			require.NoError(t, err)
			assert.Equal(t, 4, sh.Value.Max, "the shifts are made from the stored template as it is now")
			again := decodeJSON[struct{ Created, Skipped []string }](t, e.do(domain.RolePlanner, http.MethodPost, path+"/expand", `{"from":"2026-11-30","to":"2026-12-06"}`, nil))
			assert.Empty(t, again.Created)
			assert.Len(t, again.Skipped, 5)

			require.Equal(t, http.StatusNoContent, e.do(domain.RolePlanner, http.MethodDelete, path, "", match(tag)).Code)
			assert.Equal(t, http.StatusNotFound, e.do(domain.RoleHR, http.MethodGet, path, "", nil).Code)

			entries, err := e.store.Audit(t.Context(), domain.AuditQuery{})
			require.NoError(t, err)
			var actions []string
			for _, en := range entries {
				if en.Kind == domain.KindTemplate {
					actions = append(actions, en.Action)
					assert.Contains(t, en.Actor, "(planner)")
				}
			}
			assert.Equal(t, []string{domain.ActionCreate, domain.ActionUpdate, domain.ActionDelete}, actions)
		})
	}
}

// A template that cannot make valid shifts is refused with the field that is wrong.
func TestStoredTemplateRefused(t *testing.T) {
	e := newEnv(t, "bolt")
	for _, tc := range []struct {
		name, body, field string
	}{
		{"unknown workplace", `{"id":"x","workplace":"nergens","weekdays":["ma"],"start":"08:00","end":"16:00","min":1,"max":3}`, "workplace"},
		{"no weekdays", `{"id":"x","workplace":"verpakken-a","weekdays":[],"start":"08:00","end":"16:00","min":1,"max":3}`, "weekdays"},
		{"min above max", `{"id":"x","workplace":"verpakken-a","weekdays":["ma"],"start":"08:00","end":"16:00","min":5,"max":3}`, "max"},
		{"bad time", `{"id":"x","workplace":"verpakken-a","weekdays":["ma"],"start":"8 uur","end":"16:00","min":1,"max":3}`, "start"},
		{"unknown weekday", `{"id":"x","workplace":"verpakken-a","weekdays":["maandag"],"start":"08:00","end":"16:00","min":1,"max":3}`, "weekdays[0]"},
		{"no id", `{"workplace":"verpakken-a","weekdays":["ma"],"start":"08:00","end":"16:00","min":1,"max":3}`, "id"},
		{"unknown field", `{"id":"x","workplace":"verpakken-a","weekdays":["ma"],"start":"08:00","end":"16:00","min":1,"max":3,"locatie":"a"}`, "locatie"},
	} {
		t.Run(tc.name, func(t *testing.T) {
			rec := e.do(domain.RolePlanner, http.MethodPost, templatesPath, tc.body, nil)
			require.Equal(t, http.StatusBadRequest, rec.Code, rec.Body.String())
			assert.Equal(t, "application/problem+json", rec.Header().Get("Content-Type"))
			prob := decodeJSON[Problem](t, rec)
			require.NotEmpty(t, prob.Errors)
			assert.Equal(t, tc.field, prob.Errors[0].Field, rec.Body.String())
		})
	}
	rec := e.do(domain.RolePlanner, http.MethodPost, templatesPath, weekTemplate, nil)
	require.Equal(t, http.StatusCreated, rec.Code)
	other := `{"id":"anders","workplace":"verpakken-a","weekdays":["ma"],"start":"08:00","end":"16:00","min":1,"max":3}`
	rec = e.do(domain.RolePlanner, http.MethodPut, templatesPath+"/verpakken-a-week", other, match(rec.Header().Get("ETag")))
	require.Equal(t, http.StatusBadRequest, rec.Code)
	assert.Equal(t, "id", decodeJSON[Problem](t, rec).Errors[0].Field)
	rec = e.do(domain.RolePlanner, http.MethodPost, templatesPath+"/verpakken-a-week/expand", `{"from":"2026-12-06","to":"2026-11-30"}`, nil)
	require.Equal(t, http.StatusBadRequest, rec.Code)
	assert.Equal(t, "to", decodeJSON[Problem](t, rec).Errors[0].Field)
}

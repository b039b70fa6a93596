package api

import (
	"encoding/json"
	"net/http"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"ploeg/domain"
)

// fuzzBodies are seeds: valid bodies, near misses and garbage.
var fuzzBodies = []string{
	`{"id":"e0009","name":"Piet","birthDate":"1970-01-01","gemeente":"GM0392","regeling":"beschut","contractHours":20,"contractStart":"2020-01-01","workdays":["ma"],"skills":[],"restrictions":[],"begeleiding":"laag","seniorConsent":false}`,
	`{"employee":"e0002","shift":"groen-1-2026-11-23","reason":"x"}`,
	`{"employee":"e0002","date":"2026-11-23"}`,
	`{"from":"2026-11-23","to":"2026-11-23"}`,
	`{"templates":[{"workplace":"groen-1","weekdays":["ma"],"start":"08:00","end":"16:00","min":1,"max":2}],"from":"2026-11-30","to":"2026-12-01"}`,
	`{"code":"GM0397"}`, `{"name":null}`, `[]`, `null`, `{"a":{"b":[1,2,{"c":"\u0000"}]}}`, `{"id":1e400}`, `{`, ``, `"x"`,
	`{"employee":"","shift":"","date":"0000-00-00"}`, `{"workdays":["ma","ma"],"contractHours":-1}`,
}

// problemOrSuccess checks that an answer is a success or a well-formed problem, never a 500.
func problemOrSuccess(t *testing.T, code int, contentType string, body []byte) {
	require.Less(t, code, 500, "%s", body)
	if code >= 400 {
		assert.Equal(t, "application/problem+json", contentType)
		var p Problem
		require.NoError(t, json.Unmarshal(body, &p), "%s", body)
		assert.Equal(t, code, p.Status)
		assert.NotEmpty(t, p.Detail)
	}
}

// FuzzRecordDecoders sends any body to every route that decodes JSON: each answers with a success
// or a problem document, never a crash or a 500.
func FuzzRecordDecoders(f *testing.F) {
	for _, b := range fuzzBodies {
		f.Add(b)
	}
	e := newEnv(f, "bolt")
	tag := ""
	{
		rec := e.do(domain.RolePlanner, http.MethodPost, "/api/v1/plans", `{"from":"2026-11-23","to":"2026-11-23","timeLimitSeconds":1}`, nil)
		require.Equal(f, http.StatusCreated, rec.Code)
		tag = rec.Header().Get("ETag")
	}
	gem := e.do(domain.RoleAdmin, http.MethodGet, "/api/v1/gemeenten/GM0473", "", nil).Header().Get("ETag")
	targets := []struct{ method, path, etag string }{
		{http.MethodPost, "/api/v1/employees", ""},
		{http.MethodPost, "/api/v1/shifts", ""},
		{http.MethodPost, "/api/v1/absences", ""},
		{http.MethodPatch, "/api/v1/gemeenten/GM0473", gem},
		{http.MethodPost, "/api/v1/plans/" + planID + "/assignments", tag},
		{http.MethodPost, "/api/v1/plans/" + planID + "/pins", tag},
		{http.MethodPost, "/api/v1/basisrooster/expand", ""},
		{http.MethodPost, "/api/v1/basisrooster/copy-week", ""},
	}
	f.Fuzz(func(t *testing.T, body string) {
		for _, tg := range targets {
			var h map[string]string
			if tg.etag != "" {
				h = match(tg.etag)
			}
			rec := send(e.srv, e.tokens[domain.RoleAdmin], tg.method, tg.path, body, h)
			problemOrSuccess(t, rec.Code, rec.Header().Get("Content-Type"), rec.Body.Bytes())
		}
	})
}

// FuzzMergePatch applies any patch to a record: the result is JSON or a refusal, never a panic.
func FuzzMergePatch(f *testing.F) {
	for _, b := range fuzzBodies {
		f.Add(b)
	}
	f.Fuzz(func(t *testing.T, patch string) {
		out, err := mergePatch(domain.Gemeente{Code: "GM0392", Name: "Haarlem"}, []byte(patch))
		if err == nil {
			assert.True(t, json.Valid(out))
		} else {
			assert.Equal(t, domain.CodeInvalid, domain.ErrorCode(err))
		}
	})
}

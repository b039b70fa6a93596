package api

import (
	"compress/gzip"
	"io"
	"net/http"
	"strings"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"ploeg/domain"
)

const planID = "2026-11-23~2026-11-23"

// planAnswer is the summary a plan change answers with.
type planAnswer struct {
	ID        string            `json:"id"`
	Version   int64             `json:"version"`
	Status    domain.PlanStatus `json:"status"`
	Published int               `json:"published"`
	Changes   int               `json:"changes"`
}

// readPlan reads the stored plan through the API.
func readPlan(t *testing.T, e *env, path string) domain.Plan {
	t.Helper()
	rec := e.do(domain.RoleHR, http.MethodGet, path, "", nil)
	require.Equal(t, http.StatusOK, rec.Code)
	return decodeJSON[domain.Plan](t, rec)
}

// makePlan generates the plan of 23 November and returns its ETag.
func makePlan(t *testing.T, e *env) string {
	t.Helper()
	rec := e.do(domain.RolePlanner, http.MethodPost, "/api/v1/plans", `{"from":"2026-11-23","to":"2026-11-23","timeLimitSeconds":5}`, nil)
	require.Equal(t, http.StatusCreated, rec.Code, rec.Body.String())
	return rec.Header().Get("ETag")
}

// The whole life of a plan through the API: generate, read with ETags, refuse a change that breaks
// a hard rule, ask a reason for a soft one, unpin, publish, change after publication, pin, repair.
func TestPlanLifecycle(t *testing.T) {
	for _, kind := range storeKinds() {
		t.Run(kind, func(t *testing.T) {
			e := newEnv(t, kind)
			tag := makePlan(t, e)
			path := "/api/v1/plans/" + planID

			rec := e.do(domain.RolePlanner, http.MethodPost, "/api/v1/plans", `{"from":"2026-11-23","to":"2026-11-23"}`, nil)
			assert.Equal(t, http.StatusConflict, rec.Code, "a second plan for the range needs If-Match")

			rec = e.do(domain.RoleHR, http.MethodGet, path, "", nil)
			require.Equal(t, http.StatusOK, rec.Code)
			assert.Equal(t, tag, rec.Header().Get("ETag"))
			p := decodeJSON[domain.Plan](t, rec)
			assert.Contains(t, p.Assignments, domain.Assignment{Employee: "e0002", Shift: "verpakken-a-2026-11-23"})
			rec = e.do(domain.RoleHR, http.MethodGet, path, "", map[string]string{"If-None-Match": tag})
			assert.Equal(t, http.StatusNotModified, rec.Code)

			change := func(body, tag string) (*planAnswer, Problem, int, string) {
				rec := e.do(domain.RolePlanner, http.MethodPost, path+"/assignments", body, match(tag))
				if rec.Code != http.StatusOK {
					return nil, decodeJSON[Problem](t, rec), rec.Code, ""
				}
				a := decodeJSON[planAnswer](t, rec)
				return &a, Problem{}, rec.Code, rec.Header().Get("ETag")
			}
			// A hard rule: e0001 may not work where one lifts (H4).
			_, prob, code, _ := change(`{"employee":"e0001","shift":"verpakken-a-2026-11-23"}`, tag)
			require.Equal(t, http.StatusConflict, code)
			require.NotEmpty(t, prob.Violations)
			assert.Equal(t, "H4", prob.Violations[0].Rule)
			// A planner reads that the person is not suitable, never which restriction (privacy).
			assert.Contains(t, prob.Violations[0].Message, "niet geschikt")
			assert.NotContains(t, prob.Detail+prob.Violations[0].Message, "tillen")
			// The pin holds e0002 where she is (H10).
			_, prob, code, _ = change(`{"employee":"e0002","shift":"groen-1-2026-11-23","reason":"x"}`, tag)
			require.Equal(t, http.StatusConflict, code)
			assert.Equal(t, "H10", prob.Violations[0].Rule)

			rec = e.do(domain.RolePlanner, http.MethodDelete, path+"/pins/e0002~verpakken-a-2026-11-23", "", match(tag))
			require.Equal(t, http.StatusOK, rec.Code, rec.Body.String())
			tag = rec.Header().Get("ETag")

			// A soft matter: verpakken-a drops below its minimum; allowed with a reason only.
			_, prob, code, _ = change(`{"employee":"e0002","shift":"groen-1-2026-11-23"}`, tag)
			require.Equal(t, http.StatusUnprocessableEntity, code)
			assert.Equal(t, "onder_minimum", prob.Warnings[0].Code)
			assert.Equal(t, "reason", prob.Errors[0].Field)
			ans, _, code, tag2 := change(`{"employee":"e0002","shift":"groen-1-2026-11-23","reason":"groen heeft vandaag haast"}`, tag)
			require.Equal(t, http.StatusOK, code)
			assert.Equal(t, strings.Trim(tag2, `"`), itoa(ans.Version))
			now := readPlan(t, e, path)
			assert.Len(t, now.Changes, ans.Changes)
			assert.Contains(t, now.Assignments, domain.Assignment{Employee: "e0002", Shift: "groen-1-2026-11-23"})
			assert.Contains(t, now.Supervision, domain.Supervision{Werkleider: "wl-02", Shift: "groen-1-2026-11-23"}, "a werkleider is found")
			assert.NotContains(t, now.Supervision, domain.Supervision{Werkleider: "wl-01", Shift: "verpakken-a-2026-11-23"}, "an empty shift needs none")
			_, _, code, _ = change(`{"employee":"e0002","shift":"verpakken-a-2026-11-23","reason":"x"}`, tag)
			assert.Equal(t, http.StatusPreconditionFailed, code, "the old ETag is stale")

			entries, err := e.store.Audit(t.Context(), domain.AuditQuery{})
			require.NoError(t, err)
			assert.Equal(t, "groen heeft vandaag haast", entries[len(entries)-1].Reason, "the reason is in the audit log")

			rec = e.do(domain.RolePlanner, http.MethodPost, path+"/publish", "", match(tag2))
			require.Equal(t, http.StatusOK, rec.Code, rec.Body.String())
			pub := decodeJSON[planAnswer](t, rec)
			assert.Equal(t, domain.Gepubliceerd, pub.Status)
			assert.Equal(t, 1, pub.Published)
			tag = rec.Header().Get("ETag")

			roster := e.do(domain.RoleMedewerker, http.MethodGet, "/api/v1/me/roster", "", nil)
			require.Equal(t, http.StatusOK, roster.Code)
			assert.Contains(t, roster.Body.String(), "groen-1-2026-11-23")

			_, _, code, tag = change(`{"employee":"e0002","shift":"verpakken-a-2026-11-23","reason":"terug naar de hal"}`, tag)
			require.Equal(t, http.StatusOK, code)
			now = readPlan(t, e, path)
			last := now.Changes[len(now.Changes)-1]
			assert.True(t, last.AfterPublication, "a change after publication is marked")
			assert.Equal(t, "groen-1-2026-11-23", last.From)

			rec = e.do(domain.RolePlanner, http.MethodPost, path+"/pins", `{"employee":"e0002","shift":"verpakken-a-2026-11-23"}`, match(tag))
			require.Equal(t, http.StatusOK, rec.Code, rec.Body.String())
			tag = rec.Header().Get("ETag")
			_, err = domain.Pins(e.store).Get(t.Context(), "e0002~verpakken-a-2026-11-23")
			assert.NoError(t, err)

			rec = e.do(domain.RolePlanner, http.MethodPost, path+"/repair?dryRun=true", "", match(tag))
			require.Equal(t, http.StatusOK, rec.Code, rec.Body.String())
			assert.Equal(t, tag, rec.Header().Get("ETag"), "a dry run changes nothing")
			rec = e.do(domain.RolePlanner, http.MethodPost, path+"/repair", "", match(tag))
			require.Equal(t, http.StatusOK, rec.Code, rec.Body.String())
			assert.NotEqual(t, tag, rec.Header().Get("ETag"))
		})
	}
}

// A ziekmelding is stored and answered with a repair proposal for the plan it touches; the plan
// itself is not changed.
func TestZiekmeldingProposesRepair(t *testing.T) {
	e := newEnv(t, "bolt")
	makePlan(t, e)
	cur := e.do(domain.RolePlanner, http.MethodGet, "/api/v1/plans/"+planID, "", nil)
	tag := cur.Header().Get("ETag")
	rec := e.do(domain.RolePlanner, http.MethodDelete, "/api/v1/plans/"+planID+"/pins/e0002~verpakken-a-2026-11-23", "", match(tag))
	require.Equal(t, http.StatusOK, rec.Code)
	tag = rec.Header().Get("ETag")

	rec = e.do(domain.RolePlanner, http.MethodPost, "/api/v1/absences", `{"person":"e0002","from":"2026-11-23","to":"2026-11-23","kind":"ziek"}`, nil)
	require.Equal(t, http.StatusCreated, rec.Code, rec.Body.String())
	ans := decodeJSON[struct {
		Absence   domain.Absence   `json:"absence"`
		Proposals []repairProposal `json:"repairProposals"`
	}](t, rec)
	assert.Equal(t, "e0002", ans.Absence.Person)
	require.Len(t, ans.Proposals, 1)
	assert.Equal(t, planID, ans.Proposals[0].Plan)
	assert.Contains(t, ans.Proposals[0].Diff.Removed, domain.Assignment{Employee: "e0002", Shift: "verpakken-a-2026-11-23"})
	assert.Equal(t, tag, e.do(domain.RolePlanner, http.MethodGet, "/api/v1/plans/"+planID, "", nil).Header().Get("ETag"), "only proposed")
}

// A basisrooster makes shifts for a period; a week copies to another week; existing ids are skipped.
func TestBasisroosterAndWeekCopy(t *testing.T) {
	e := newEnv(t, "bolt")
	tmpl := `{"from":"2026-11-30","to":"2026-12-06","templates":[{"workplace":"verpakken-a","weekdays":["ma","di","wo","do","vr"],
		"start":"08:00","end":"16:00","breakMinutes":30,"min":6,"max":10}]}`
	rec := e.do(domain.RolePlanner, http.MethodPost, "/api/v1/basisrooster/expand", tmpl, nil)
	require.Equal(t, http.StatusCreated, rec.Code, rec.Body.String())
	out := decodeJSON[struct{ Created, Skipped []string }](t, rec)
	assert.Len(t, out.Created, 5)
	assert.Contains(t, out.Created, "verpakken-a-2026-12-04")
	rec = e.do(domain.RolePlanner, http.MethodPost, "/api/v1/basisrooster/expand", tmpl, nil)
	assert.Len(t, decodeJSON[struct{ Created, Skipped []string }](t, rec).Skipped, 5)

	bad := strings.Replace(tmpl, `"verpakken-a"`, `"nergens"`, 1)
	rec = e.do(domain.RolePlanner, http.MethodPost, "/api/v1/basisrooster/expand", bad, nil)
	assert.Equal(t, http.StatusBadRequest, rec.Code)

	rec = e.do(domain.RolePlanner, http.MethodPost, "/api/v1/basisrooster/copy-week", `{"from":"2026-11-30","to":"2026-12-07"}`, nil)
	require.Equal(t, http.StatusCreated, rec.Code, rec.Body.String())
	assert.Len(t, decodeJSON[struct{ Created, Skipped []string }](t, rec).Created, 5)
	sh, err := domain.Shifts(e.store).Get(t.Context(), "verpakken-a-2026-12-11")
	require.NoError(t, err)
	assert.Equal(t, "2026-12-11", sh.Value.Date.String())

	rec = e.do(domain.RolePlanner, http.MethodPost, "/api/v1/basisrooster/copy-week", `{"from":"2026-12-01","to":"2026-12-07"}`, nil)
	assert.Equal(t, []string{"from"}, fields(t, rec.Body.Bytes()), "from must be a Monday")
}

// The audit log is readable by admin and hr, as JSON and as CSV, and never shows secrets.
func TestAuditExport(t *testing.T) {
	e := newEnv(t, "bolt")
	require.Equal(t, http.StatusCreated, e.do(domain.RoleAdmin, http.MethodPost, "/api/v1/gemeenten", newGemeente, map[string]string{"Ploeg-Reason": "nieuwe deelnemer"}).Code)
	rec := e.do(domain.RoleHR, http.MethodGet, "/api/v1/audit?kind=gemeenten", "", nil)
	require.Equal(t, http.StatusOK, rec.Code)
	assert.Contains(t, rec.Body.String(), "nieuwe deelnemer")
	assert.Contains(t, rec.Body.String(), "GM0397")

	rec = e.do(domain.RoleAdmin, http.MethodGet, "/api/v1/audit?format=csv", "", nil)
	require.Equal(t, http.StatusOK, rec.Code)
	assert.Equal(t, "text/csv; charset=utf-8", rec.Header().Get("Content-Type"))
	lines := strings.Split(strings.TrimSpace(rec.Body.String()), "\n")
	assert.Equal(t, "seq,tijd,wie,actie,soort,id,reden,oud,nieuw", lines[0])
	assert.Greater(t, len(lines), 3)
	for _, tok := range e.tokens {
		assert.NotContains(t, rec.Body.String(), tok)
	}
	assert.Contains(t, rec.Body.String(), `""hash"":""***""`, "token hashes are masked")

	assert.Equal(t, http.StatusBadRequest, e.do(domain.RoleAdmin, http.MethodGet, "/api/v1/audit?format=pdf", "", nil).Code)
}

// Rosters as PDF, hours as CSV, and the medewerker's calendar through the secret link.
func TestReportOutputs(t *testing.T) {
	e := newEnv(t, "bolt")
	tag := makePlan(t, e)
	path := "/api/v1/plans/" + planID
	for _, kind := range rosterKinds {
		rec := e.do(domain.RoleHR, http.MethodGet, path+"/roster?kind="+kind, "", nil)
		require.Equal(t, http.StatusOK, rec.Code, kind+": "+rec.Body.String())
		assert.Equal(t, "application/pdf", rec.Header().Get("Content-Type"))
		assert.True(t, strings.HasPrefix(rec.Body.String(), "%PDF-"), kind)
	}
	assert.Equal(t, http.StatusBadRequest, e.do(domain.RoleHR, http.MethodGet, path+"/roster?kind=poster", "", nil).Code)
	assert.Equal(t, http.StatusBadRequest, e.do(domain.RoleHR, http.MethodGet, path+"/roster?kind=persoon&employee=e9999", "", nil).Code)

	rec := e.do(domain.RoleHR, http.MethodGet, path+"/hours", "", nil)
	require.Equal(t, http.StatusOK, rec.Code, rec.Body.String())
	assert.Contains(t, rec.Body.String(), "e0002")

	cal := "/api/v1/me/calendar.ics?token=" + e.tokens[domain.RoleMedewerker]
	assert.Equal(t, http.StatusNotFound, e.do("", http.MethodGet, cal, "", nil).Code, "nothing published yet")
	require.Equal(t, http.StatusOK, e.do(domain.RolePlanner, http.MethodPost, path+"/publish", "", match(tag)).Code)
	rec = e.do("", http.MethodGet, cal, "", nil)
	require.Equal(t, http.StatusOK, rec.Code, rec.Body.String())
	assert.Contains(t, rec.Body.String(), "BEGIN:VCALENDAR")
	assert.Contains(t, rec.Body.String(), "verpakken-a-2026-11-23")
	assert.Equal(t, http.StatusUnauthorized, e.do("", http.MethodGet, "/api/v1/me/calendar.ics?token=plg_fout", "", nil).Code)
	assert.Equal(t, http.StatusForbidden, e.do("", http.MethodGet, "/api/v1/me/calendar.ics?token="+e.tokens[domain.RolePlanner], "", nil).Code)
	assert.Equal(t, http.StatusUnauthorized, e.do("", http.MethodGet, "/api/v1/me?token="+e.tokens[domain.RoleMedewerker], "", nil).Code, "only the feed takes a token in the link")
}

// A plan is served gzipped to clients that accept it, with its own ETag, and 304 for either tag.
func TestPlanGzipAndNotModified(t *testing.T) {
	for _, kind := range storeKinds() {
		t.Run(kind, func(t *testing.T) {
			e := newEnv(t, kind)
			tag := makePlan(t, e)
			path := "/api/v1/plans/" + planID
			plain := e.do(domain.RoleHR, http.MethodGet, path, "", nil)
			for range 2 { // the second answer comes from the cache
				rec := e.do(domain.RoleHR, http.MethodGet, path, "", map[string]string{"Accept-Encoding": "gzip"})
				require.Equal(t, http.StatusOK, rec.Code)
				assert.Equal(t, "gzip", rec.Header().Get("Content-Encoding"))
				assert.Equal(t, strings.TrimSuffix(tag, `"`)+`-gzip"`, rec.Header().Get("ETag"))
				zr, err := gzip.NewReader(rec.Body)
				require.NoError(t, err)
				b, err := io.ReadAll(zr)
				require.NoError(t, err)
				assert.Equal(t, plain.Body.String(), string(b))
			}
			for _, tg := range []string{tag, strings.TrimSuffix(tag, `"`) + `-gzip"`} {
				assert.Equal(t, http.StatusNotModified, e.do(domain.RoleHR, http.MethodGet, path, "", map[string]string{"If-None-Match": tg}).Code)
			}
			// A write naming the gzip ETag is understood too.
			assert.Equal(t, http.StatusOK, e.do(domain.RolePlanner, http.MethodPost, path+"/publish", "", match(strings.TrimSuffix(tag, `"`)+`-gzip"`)).Code)
		})
	}
}

// A plan change after a change to the dataset sees it, though plan changes reuse the dataset
// snapshot while nothing was written.
func TestPlanChangeSeesDatasetChanges(t *testing.T) {
	for _, kind := range storeKinds() {
		t.Run(kind, func(t *testing.T) {
			e := newEnv(t, kind)
			tag := makePlan(t, e)
			path := "/api/v1/plans/" + planID
			rec := e.do(domain.RolePlanner, http.MethodDelete, path+"/pins/e0002~verpakken-a-2026-11-23", "", match(tag))
			require.Equal(t, http.StatusOK, rec.Code)
			rec = e.do(domain.RolePlanner, http.MethodPost, path+"/assignments", `{"employee":"e0002","shift":"groen-1-2026-11-23","reason":"r"}`, match(rec.Header().Get("ETag")))
			require.Equal(t, http.StatusOK, rec.Code, rec.Body.String())
			tag = rec.Header().Get("ETag")

			rec = e.do(domain.RolePlanner, http.MethodPost, "/api/v1/absences", `{"person":"e0002","from":"2026-11-23","to":"2026-11-23","kind":"ziek"}`, nil)
			require.Equal(t, http.StatusCreated, rec.Code, rec.Body.String())
			rec = e.do(domain.RolePlanner, http.MethodPost, path+"/assignments", `{"employee":"e0002","shift":"verpakken-a-2026-11-23","reason":"r"}`, match(tag))
			require.Equal(t, http.StatusConflict, rec.Code, "she is ill now: %s", rec.Body.String())
			assert.Equal(t, "H2", decodeJSON[Problem](t, rec).Violations[0].Rule)
		})
	}
}

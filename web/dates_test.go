package web

import (
	"net/http"
	"net/url"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"ploeg/domain"
)

func TestParseDay(t *testing.T) {
	for _, tc := range []struct {
		in, want string
		ok       bool
	}{
		{"30-11-2026", "2026-11-30", true},
		{" 1-2-2027 ", "2027-02-01", true},
		{"30/11/2026", "2026-11-30", true},
		{"30.11.2026", "2026-11-30", true},
		{"2026-11-30", "2026-11-30", true},
		{"31-11-2026", "", false},
		{"11/30/2026", "", false},
		{"30-11-26", "", false},
		{"", "", false},
	} {
		d, err := parseDay(tc.in)
		if !tc.ok {
			assert.Error(t, err, tc.in)
			continue
		}
		require.NoError(t, err, tc.in)
		assert.Equal(t, tc.want, d.String(), tc.in)
	}
}

func TestDutchDateText(t *testing.T) {
	d := mustDate("2026-11-30")
	assert.Equal(t, "30-11-2026", dayInput(d))
	assert.Equal(t, "01-02-2027", dayInput("2027-02-01"))
	assert.Equal(t, "ma 30 nov 2026", dayShort(d))
	assert.Equal(t, "zo 6 dec 2026", dayShort("2026-12-06"))
	assert.Equal(t, "kapot", dayShort("kapot"))
	f := string(dayField("from", "from", "Van", "2026-11-30", true))
	for _, want := range []string{`<label for="from">Van</label>`, `value="30-11-2026"`, `lang="nl"`, `required`,
		`<span class="dateword" id="from-word">ma 30 nov 2026</span>`, `aria-describedby="from-hint from-word"`} {
		assert.Contains(t, f, want)
	}
	assert.NotContains(t, f, `type="date"`, "the browser's own date field shows its own locale's format")
}

// The date fields take the Dutch form; the pages show none of the browser's date fields.
func TestDutchDateForms(t *testing.T) {
	e := newEnv(t, nil)
	hr := e.login(domain.RoleHR)
	page := hr.get("/medewerkers/e0001").Body.String()
	assert.NotContains(t, page, `type="date"`)
	assert.Contains(t, page, `value="23-11-2026"`)
	for _, tc := range []struct {
		from, to string
		status   int
		stored   string
	}{
		{"1-12-2026", "4-12-2026", http.StatusOK, "2026-12-04"},
		{"2026-12-10", "", http.StatusOK, "2026-12-10"},
		{"12/30/2026", "", http.StatusBadRequest, ""},
	} {
		hr.get("/medewerkers/e0001")
		r := hr.post("/medewerkers/e0001/afwezigheid", url.Values{"from": {tc.from}, "to": {tc.to}, "kind": {"verlof"}})
		require.Equal(t, tc.status, r.Code, tc.from)
		if tc.stored == "" {
			assert.Contains(t, r.Body.String(), "een datum in als 30-11-2026")
			continue
		}
		from, _ := parseDay(tc.from)
		a, err := domain.Absences(e.store).Get(t.Context(), "e0001~"+from.String())
		require.NoError(t, err)
		assert.Equal(t, tc.stored, a.Value.To.String())
	}
	r := e.login(domain.RolePlanner).get("/planbord?dag=30-11-2026")
	assert.Equal(t, "/planbord/2026-11-30", r.Header().Get("Location"))
	assert.Contains(t, e.login(domain.RolePlanner).get("/planbord/2026-11-30").Body.String(), `value="30-11-2026"`)
}

package web

import (
	"encoding/json"
	"io"
	"log/slog"
	"net/http"
	"net/http/httptest"
	"net/url"
	"os"
	"path/filepath"
	"regexp"
	"slices"
	"strconv"
	"strings"
	"testing"
	"time"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"ploeg/api"
	"ploeg/auth"
	"ploeg/demo"
	"ploeg/domain"
	"ploeg/store/bolt"
)

// testDay is the day of the small dataset's shifts.
const testDay = "2026-11-23"

// env is the API with the web UI mounted, on a store with the small dataset and one user per role.
type env struct {
	t     testing.TB
	h     http.Handler
	web   *Handler
	store domain.Store
}

var testUsers = map[domain.Role]domain.Grant{
	domain.RoleAdmin:      {Role: domain.RoleAdmin},
	domain.RolePlanner:    {Role: domain.RolePlanner},
	domain.RoleHR:         {Role: domain.RoleHR},
	domain.RoleGemeente:   {Role: domain.RoleGemeente, Gemeente: "GM0392"},
	domain.RoleMedewerker: {Role: domain.RoleMedewerker, Employee: "e0002"},
}

const testPassword = "geheim-wachtwoord"

func newEnv(t testing.TB, ds *domain.Dataset) *env {
	t.Helper()
	store, err := bolt.Open(filepath.Join(t.TempDir(), "web.db"), bolt.Options{})
	require.NoError(t, err)
	t.Cleanup(func() { store.Close() })
	ctx := domain.WithActor(t.Context(), domain.Actor{Name: "test"})
	if ds == nil {
		b, err := os.ReadFile(filepath.Join("..", "domain", "testdata", "small.json"))
		require.NoError(t, err)
		ds = new(domain.Dataset)
		require.NoError(t, json.Unmarshal(b, ds))
	}
	require.NoError(t, domain.ImportDataset(ctx, store, ds))
	svc := auth.Service{Store: store, Cost: 4}
	for role, g := range testUsers {
		require.NoError(t, svc.AddUser(ctx, string(role), g, testPassword))
	}
	now := func() time.Time { return time.Date(2026, 11, 23, 9, 0, 0, 0, domain.Amsterdam) }
	log := slog.New(slog.NewTextHandler(io.Discard, nil))
	a := api.NewWith(api.Config{Store: store, Log: log, Now: now, PlanTimeLimit: 2 * time.Second, BcryptCost: 4})
	w := New(Config{API: a, Store: store, Log: log, Now: now})
	a.Mount(w)
	return &env{t: t, h: a, web: w, store: store}
}

// client is a browser: cookies and the CSRF token of the last page.
type client struct {
	e       *env
	cookies map[string]*http.Cookie
	csrf    string
}

func (e *env) anon() *client { return &client{e: e, cookies: map[string]*http.Cookie{}} }

// login signs in as role through the sign-in form.
func (e *env) login(role domain.Role) *client {
	e.t.Helper()
	c := e.anon()
	r := c.get("/inloggen")
	require.Equal(e.t, http.StatusOK, r.Code)
	r = c.post("/inloggen", url.Values{"naam": {string(role)}, "wachtwoord": {testPassword}})
	require.Equal(e.t, http.StatusSeeOther, r.Code, r.Body.String())
	require.Contains(e.t, c.cookies, sessionCookie)
	return c
}

var csrfRe = regexp.MustCompile(`name="csrf" value="([^"]+)"`)

func (c *client) do(req *http.Request) *httptest.ResponseRecorder {
	for _, ck := range c.cookies {
		req.AddCookie(ck)
	}
	rec := httptest.NewRecorder()
	c.e.h.ServeHTTP(rec, req)
	for _, ck := range rec.Result().Cookies() {
		if ck.MaxAge < 0 {
			delete(c.cookies, ck.Name)
		} else {
			c.cookies[ck.Name] = ck
		}
	}
	if m := csrfRe.FindStringSubmatch(rec.Body.String()); m != nil {
		c.csrf = m[1]
	}
	return rec
}

func (c *client) get(path string) *httptest.ResponseRecorder {
	return c.do(httptest.NewRequest(http.MethodGet, path, nil))
}

// post sends a form with the CSRF token of the last page.
func (c *client) post(path string, form url.Values) *httptest.ResponseRecorder {
	if form == nil {
		form = url.Values{}
	}
	if _, ok := form["csrf"]; !ok {
		form.Set("csrf", c.csrf)
	}
	req := httptest.NewRequest(http.MethodPost, path, strings.NewReader(form.Encode()))
	req.Header.Set("Content-Type", "application/x-www-form-urlencoded")
	return c.do(req)
}

// plan makes the test day's plan as the planner and returns its id and version.
func (e *env) plan() (string, int64) {
	e.t.Helper()
	c := e.login(domain.RolePlanner)
	c.get("/planbord/" + testDay)
	r := c.post("/planbord/"+testDay+"/plan", nil)
	require.Equal(e.t, http.StatusSeeOther, r.Code, r.Body.String())
	pv, err := findPlan(e.t.Context(), e.store, mustDate(testDay))
	require.NoError(e.t, err)
	require.NotNil(e.t, pv)
	return pv.Value.Key(), pv.Version
}

func mustDate(s string) domain.Date {
	d, err := domain.ParseDate(s)
	if err != nil {
		panic(err)
	}
	return d
}

// Every page of the table is served by the handler under its own pattern, and names its roles.
func TestPageTableComplete(t *testing.T) {
	e := newEnv(t, nil)
	for _, p := range e.web.Pages() {
		assert.True(t, p.Public || len(p.Roles) > 0, "%s %s: public or roles", p.Method, p.Pattern)
		req := httptest.NewRequest(p.Method, fillPattern(p.Pattern), nil)
		_, pattern := e.web.mux.Handler(req)
		assert.Equal(t, p.Method+" "+p.Pattern, pattern)
	}
}

func fillPattern(p string) string {
	return strings.NewReplacer("{$}", "", "{date}", testDay, "{employee}", "e0001", "{id}", "e0001",
		"{code}", "GM0392", "{from}", testDay, "{plan}", testDay+"~"+testDay, "{kind}", "dagstaat", "{file}", "ploeg.css").Replace(p)
}

// Every role against every page: nobody signed in is sent to the sign-in page (or refused on a
// POST), a role outside the rule gets 403, a role inside it gets past the guard.
func TestRoleMatrix(t *testing.T) {
	e := newEnv(t, nil)
	clients := map[domain.Role]*client{}
	for role := range testUsers {
		clients[role] = e.login(role)
		clients[role].get("/")
	}
	for _, p := range e.web.Pages() {
		if p.Public || p.Pattern == "/uitloggen" {
			continue
		}
		path := fillPattern(p.Pattern)
		t.Run(p.Method+" "+p.Pattern, func(t *testing.T) {
			anon := e.anon()
			var r *httptest.ResponseRecorder
			if p.Method == http.MethodGet {
				r = anon.get(path)
				assert.Equal(t, http.StatusSeeOther, r.Code)
				assert.True(t, strings.HasPrefix(r.Header().Get("Location"), "/inloggen"))
			} else {
				r = anon.post(path, nil)
				assert.Equal(t, http.StatusUnauthorized, r.Code)
			}
			for role, c := range clients {
				if p.Method == http.MethodGet {
					r = c.get(path)
				} else {
					c.get("/")
					r = c.post(path, url.Values{"csrf": {c.csrf}})
				}
				if containsRole(p.Roles, role) {
					assert.NotContains(t, []int{401, 403}, r.Code, "%s may use %s %s", role, p.Method, path)
				} else {
					assert.Equal(t, http.StatusForbidden, r.Code, "%s may not use %s %s", role, p.Method, path)
				}
			}
		})
	}
}

func containsRole(rs []domain.Role, r domain.Role) bool {
	for _, x := range rs {
		if x == r {
			return true
		}
	}
	return false
}

// A POST without the session's CSRF token is refused and changes nothing.
func TestCSRFRefused(t *testing.T) {
	e := newEnv(t, nil)
	c := e.login(domain.RolePlanner)
	for _, tok := range []string{"", "verkeerd"} {
		r := c.post("/planbord/"+testDay+"/plan", url.Values{"csrf": {tok}})
		assert.Equal(t, http.StatusForbidden, r.Code)
		assert.Contains(t, r.Body.String(), "controlecode (CSRF)")
	}
	pv, err := findPlan(t.Context(), e.store, mustDate(testDay))
	require.NoError(t, err)
	assert.Nil(t, pv, "no plan was made")
	// The sign-in form has its own double-submit token.
	a := e.anon()
	r := a.post("/inloggen", url.Values{"naam": {"planner"}, "wachtwoord": {testPassword}, "csrf": {"geraden"}})
	assert.Equal(t, http.StatusForbidden, r.Code)
}

// The session cookie is HttpOnly and SameSite=Lax, and Secure over TLS; the session lives in the
// store, so signing out ends it everywhere.
func TestSessionCookie(t *testing.T) {
	e := newEnv(t, nil)
	for _, tls := range []bool{false, true} {
		c := e.anon()
		c.get("/inloggen")
		target := "/inloggen"
		if tls {
			target = "https://ploeg.example/inloggen"
		}
		req := httptest.NewRequest(http.MethodPost, target, strings.NewReader(url.Values{"naam": {"hr"}, "wachtwoord": {testPassword}, "csrf": {c.csrf}}.Encode()))
		req.Header.Set("Content-Type", "application/x-www-form-urlencoded")
		r := c.do(req)
		require.Equal(t, http.StatusSeeOther, r.Code)
		var sess *http.Cookie
		for _, ck := range r.Result().Cookies() {
			if ck.Name == sessionCookie {
				sess = ck
			}
		}
		require.NotNil(t, sess)
		assert.True(t, sess.HttpOnly)
		assert.Equal(t, http.SameSiteLaxMode, sess.SameSite)
		assert.Equal(t, tls, sess.Secure)
	}
	c := e.login(domain.RoleHR)
	assert.Equal(t, http.StatusOK, c.get("/medewerkers").Code)
	stolen := c.cookies[sessionCookie]
	r := c.post("/uitloggen", nil)
	assert.Equal(t, http.StatusSeeOther, r.Code)
	thief := e.anon()
	thief.cookies[sessionCookie] = stolen
	assert.Equal(t, http.StatusSeeOther, thief.get("/medewerkers").Code, "the session ended in the store")
	// A wrong password says so, without telling which part was wrong.
	a := e.anon()
	a.get("/inloggen")
	r = a.post("/inloggen", url.Values{"naam": {"hr"}, "wachtwoord": {"fout-fout-fout"}})
	assert.Equal(t, http.StatusUnauthorized, r.Code)
	assert.Contains(t, r.Body.String(), "Onbekende naam of verkeerd wachtwoord")
}

// Restrictions are for HR and the beheerder: a planner sees "niet geschikt", never why.
func TestNoRestrictionsForPlanners(t *testing.T) {
	e := newEnv(t, nil)
	e.plan()
	for _, tc := range []struct {
		role domain.Role
		see  bool
	}{{domain.RoleHR, true}, {domain.RoleAdmin, true}, {domain.RolePlanner, false}} {
		c := e.login(tc.role)
		body := c.get("/medewerkers/e0001").Body.String()
		assert.Equal(t, tc.see, strings.Contains(body, "tillen"), "%s: restriction tillen shown", tc.role)
		if !tc.see {
			assert.Regexp(t, `<dt>Niet geschikt voor</dt><dd>[^<]*verpakken-a`, body)
			move := c.get("/planbord/" + testDay + "/verplaats/e0003").Body.String()
			assert.NotContains(t, move, "lawaai")
			board := c.get("/planbord/" + testDay).Body.String()
			assert.NotContains(t, board, "lawaai")
		}
	}
}

// A hard rule about a restriction (H4) reads "niet geschikt" for a planner, the rule for HR.
func TestViolationText(t *testing.T) {
	ds := &domain.Dataset{Employees: []domain.Employee{{ID: "e1", Name: "Ans"}}}
	v := api.Violation{Rule: "H4", Employee: "e1", Message: "Ans mag niet werken onder tillen"}
	planner := &call{p: auth.Principal{Grant: domain.Grant{Role: domain.RolePlanner}}}
	hr := &call{p: auth.Principal{Grant: domain.Grant{Role: domain.RoleHR}}}
	assert.Equal(t, "Ans is niet geschikt voor deze dienst.", violationText(planner, ds, v))
	assert.Equal(t, v.Message, violationText(hr, ds, v))
	v.Rule = "H3"
	assert.Equal(t, v.Message, violationText(planner, ds, v))
}

// A gemeente user sees their own dashboard only, and no person or planning page at all.
func TestGemeenteIsolation(t *testing.T) {
	e := newEnv(t, nil)
	c := e.login(domain.RoleGemeente)
	r := c.get("/")
	assert.Equal(t, "/gemeente/GM0392", r.Header().Get("Location"))
	r = c.get("/gemeente/GM0392?jaar=2019")
	require.Equal(t, http.StatusOK, r.Code, r.Body.String())
	body := r.Body.String()
	assert.Contains(t, body, "<svg")
	assert.Contains(t, body, `<title id="chart-title">`)
	assert.Contains(t, body, `<desc id="chart-desc">`)
	assert.Contains(t, body, "<caption>Per maandeinde")
	for _, path := range []string{"/gemeente/GM0473", "/medewerkers", "/medewerkers/e0001", "/planbord/" + testDay, "/week/" + testDay} {
		assert.Equal(t, http.StatusForbidden, c.get(path).Code, path)
	}
	hr := e.login(domain.RoleHR)
	assert.Equal(t, http.StatusOK, hr.get("/gemeente/GM0392").Code)
	// A gemeente without a taakstelling that year gets a page that says so.
	r = hr.get("/gemeente/GM0473")
	assert.Equal(t, http.StatusOK, r.Code)
	assert.Contains(t, r.Body.String(), "geen taakstelling")
}

// The planner's day: plan automatically, a soft matter asks for a reason and keeps it, a stale
// version says who changed the day and keeps the choice, pin, publish and print.
func TestPlanbordFlow(t *testing.T) {
	e := newEnv(t, demo.Generate(demo.Options{Seed: 1, Employees: 60, Days: 1, Start: mustDate(testDay)}))
	id, version := e.plan()
	c := e.login(domain.RolePlanner)
	board := c.get("/planbord/" + testDay + "?ok=gepland")
	require.Equal(t, http.StatusOK, board.Code)
	assert.Contains(t, board.Body.String(), "Het plan is automatisch gemaakt")
	assert.Contains(t, board.Body.String(), `class="c"`)

	pv, err := domain.Plans(e.store).Get(t.Context(), id)
	require.NoError(t, err)
	who := ""
	for _, a := range pv.Value.Assignments {
		if !slices.Contains(pinnedIn(e), a.Employee) {
			who = a.Employee
		}
	}
	require.NotEmpty(t, who, "someone who is not pinned works")
	move := url.Values{"plan": {id}, "version": {itoa(version)}, "employee": {who}, "shift": {""}}
	r := c.post("/planbord/"+testDay+"/verplaats", move)
	require.Equal(t, http.StatusUnprocessableEntity, r.Code, r.Body.String())
	assert.Contains(t, r.Body.String(), "Dit mag, maar alleen met een reden")
	move.Set("reason", "naar de tandarts")
	r = c.post("/planbord/"+testDay+"/verplaats", move)
	require.Equal(t, http.StatusSeeOther, r.Code, r.Body.String())
	pv, err = domain.Plans(e.store).Get(t.Context(), id)
	require.NoError(t, err)
	last := pv.Value.Changes[len(pv.Value.Changes)-1]
	assert.Equal(t, "naar de tandarts", last.Reason)

	// A hard rule refuses with its reason: a pinned person cannot be taken off (H10).
	pinned := pinnedIn(e)
	require.NotEmpty(t, pinned)
	hard := url.Values{"plan": {id}, "version": {itoa(pv.Version)}, "employee": {pinned[0]}, "shift": {""}, "reason": {"probeer"}}
	r = c.post("/planbord/"+testDay+"/verplaats", hard)
	assert.Equal(t, http.StatusConflict, r.Code)
	assert.Contains(t, r.Body.String(), "Niet gedaan: dit breekt een harde regel")
	assert.Contains(t, r.Body.String(), "vastgezette toewijzing")

	// The same form again, on the version it was loaded with.
	move.Set("reason", "mijn eigen reden")
	move.Set("employee", pv.Value.Assignments[0].Employee)
	r = c.post("/planbord/"+testDay+"/verplaats", move)
	assert.Equal(t, http.StatusPreconditionFailed, r.Code)
	assert.Contains(t, r.Body.String(), "De dag is intussen gewijzigd door gebruiker planner (planner) — herlaad")
	assert.Contains(t, r.Body.String(), "mijn eigen reden")

	r = c.get("/planbord/" + testDay + "/versie")
	assert.JSONEq(t, `{"version":`+itoa(pv.Version)+`,"actor":"gebruiker planner (planner)"}`, r.Body.String())

	r = c.post("/planbord/"+testDay+"/publiceer", url.Values{"plan": {id}, "version": {itoa(pv.Version)}})
	require.Equal(t, http.StatusSeeOther, r.Code, r.Body.String())
	assert.Contains(t, c.get("/planbord/"+testDay).Body.String(), "gepubliceerd (versie 1)")

	for _, kind := range []string{"dagstaat", "week", "persoon", "makkelijk"} {
		r = c.get("/afdruk/" + id + "/" + kind)
		require.Equal(t, http.StatusOK, r.Code, kind)
		assert.Equal(t, "application/pdf", r.Header().Get("Content-Type"))
		assert.True(t, strings.HasPrefix(r.Body.String(), "%PDF-"))
	}
}

func pinnedIn(e *env) []string {
	pins, err := domain.Pins(e.store).List(e.t.Context(), domain.ListOptions{})
	require.NoError(e.t, err)
	var out []string
	for _, p := range pins {
		out = append(out, p.Value.Employee)
	}
	return out
}

func itoa(v int64) string { return strconv.FormatInt(v, 10) }

// The pages a person reads render for their roles.
func TestPagesRender(t *testing.T) {
	e := newEnv(t, nil)
	e.plan()
	for _, tc := range []struct {
		role domain.Role
		path string
		want string
	}{
		{domain.RolePlanner, "/planbord/" + testDay, "Locatie"},
		{domain.RolePlanner, "/week/" + testDay, "<caption>Weekplanbord</caption>"},
		{domain.RolePlanner, "/planbord/" + testDay + "/verplaats/e0001", "Verplaats naar…"},
		{domain.RoleHR, "/medewerkers?q=e000", `<a href="/medewerkers/e0001">Jan Bakker</a>`},
		{domain.RolePlanner, "/medewerkers", "<td>GM0392</td>"},
		{domain.RoleHR, "/medewerkers/e0001", "Nieuwe afwezigheid of ziekmelding"},
		{domain.RoleAdmin, "/gemeente", "GM0392"},
		{domain.RoleMedewerker, "/mijn-rooster", "Mijn rooster"},
	} {
		r := e.login(tc.role).get(tc.path)
		assert.Equal(t, http.StatusOK, r.Code, tc.path)
		assert.Contains(t, r.Body.String(), tc.want, tc.path)
		assert.Contains(t, r.Body.String(), `<a class="skip" href="#inhoud">`, tc.path)
	}
	assert.Equal(t, http.StatusNotFound, e.login(domain.RoleHR).get("/bestaat-niet").Code)
}

func TestPlanLabel(t *testing.T) {
	for _, tc := range []struct{ id, want string }{
		{"2026-11-30~2026-11-30", "dagplan maandag 30 november 2026"},
		{"2026-11-30~2026-12-06", "plan maandag 30 november 2026 t/m zondag 6 december 2026"},
		{"kapot", "plan kapot"},
	} {
		assert.Equal(t, tc.want, planLabel(tc.id))
	}
}

// The week planbord: per werkplek and day the people as cards (begeleiding letter, ⌂, ⚑), the
// shortages with their reasons, the people without work grouped by reason, a location filter.
func TestWeekBoard(t *testing.T) {
	e := newEnv(t, nil)
	e.plan()
	c := e.login(domain.RolePlanner)
	for _, tc := range []struct {
		name, query string
		want, not   []string
	}{
		{"alle locaties", "", []string{
			`<li>Zoë Çelik <i>h</i>⚑</li>`, "1 geschikte medewerker is al elders ingedeeld",
			"Jan Bakker (ma)", `<a href="/planbord/2026-11-23">ma 23 nov</a>: concept, 1 ingepland`,
			"1 dienst te weinig", `aria-current="page">alle</a>`, "Locatie Schalkwijk", "Locatie Cruquius"}, nil},
		{"één locatie", "?locatie=Cruquius", []string{"Zoë Çelik", "Weekplanbord, locatie Cruquius", "?locatie=Cruquius\" aria-current=\"page\""},
			[]string{"Locatie Schalkwijk", "Groen team 1"}},
		{"onbekende locatie toont alles", "?locatie=Nergens", []string{"Locatie Schalkwijk", "Locatie Cruquius"}, nil},
	} {
		t.Run(tc.name, func(t *testing.T) {
			r := c.get("/week/" + testDay + tc.query)
			require.Equal(t, http.StatusOK, r.Code)
			body := r.Body.String()
			for _, w := range tc.want {
				assert.Contains(t, body, w)
			}
			for _, n := range tc.not {
				assert.NotContains(t, body, n)
			}
		})
	}
	// The restriction behind an idle person's reason is never named to a planner.
	assert.NotContains(t, c.get("/week/"+testDay).Body.String(), "tillen")
}

// While a card is dragged the board asks which shifts say "niet geschikt" or "vol": the same answer
// as the move page, never the restriction behind it.
func TestDragTargets(t *testing.T) {
	e := newEnv(t, nil)
	e.plan()
	c := e.login(domain.RolePlanner)
	for _, tc := range []struct {
		employee string
		unfit    []string
		status   int
	}{
		// e0001 has verpakken and the restriction tillen, which verpakken-a has; groen-1 needs groen.
		{"e0001", []string{"groen-1-2026-11-23", "verpakken-a-2026-11-23"}, http.StatusOK},
		// e0002 has both skills and no restriction.
		{"e0002", []string{}, http.StatusOK},
		// e0003 (born 1958) is past the AOW date: no shift that day.
		{"e0003", []string{"groen-1-2026-11-23", "school-conc-2026-11-23", "verpakken-a-2026-11-23"}, http.StatusOK},
		{"e9999", nil, http.StatusNotFound},
	} {
		t.Run(tc.employee, func(t *testing.T) {
			r := c.get("/planbord/" + testDay + "/doelen/" + tc.employee)
			require.Equal(t, tc.status, r.Code, r.Body.String())
			if tc.status != http.StatusOK {
				return
			}
			var out struct {
				NietGeschikt []string `json:"nietGeschikt"`
				Vol          []string `json:"vol"`
			}
			require.NoError(t, json.Unmarshal(r.Body.Bytes(), &out))
			assert.ElementsMatch(t, tc.unfit, out.NietGeschikt)
			assert.NotNil(t, out.Vol)
			assert.NotContains(t, r.Body.String(), "tillen")
			assert.NotContains(t, r.Body.String(), "lawaai")
		})
	}
	// Before there is a plan there is nothing to drag.
	e2 := newEnv(t, nil)
	assert.Equal(t, http.StatusNotFound, e2.login(domain.RolePlanner).get("/planbord/"+testDay+"/doelen/e0001").Code)
	// HR reads the board but does not drag: the board has no data-edit for HR.
	assert.NotContains(t, e.login(domain.RoleHR).get("/planbord/"+testDay).Body.String(), "data-edit")
	assert.Contains(t, c.get("/planbord/"+testDay).Body.String(), "data-edit")
}

// A pinned card has "Maak los": the pin goes through the API (If-Match on the plan, in the plan's
// change list), and the board says so; an old version or a person not pinned is refused.
func TestUnpin(t *testing.T) {
	e := newEnv(t, nil)
	id, version := e.plan()
	pinned := pinnedIn(e)
	require.NotEmpty(t, pinned)
	who := pinned[0]
	c := e.login(domain.RolePlanner)
	board := c.get("/planbord/" + testDay).Body.String()
	assert.Contains(t, board, `<button name="unpin" value="`+who+`" formaction="/planbord/`+testDay+`/losmaken">Maak los</button>`)
	for _, tc := range []struct {
		name     string
		employee string
		version  int64
		status   int
		want     string
	}{
		{"oude versie", who, version - 1, http.StatusPreconditionFailed, "De dag is intussen gewijzigd"},
		{"niet vastgezet", "e0001", version, http.StatusNotFound, "staat die dag niet vast"},
		{"losmaken", who, version, http.StatusSeeOther, ""},
		{"al los", who, version, http.StatusNotFound, "staat die dag niet vast"},
	} {
		t.Run(tc.name, func(t *testing.T) {
			r := c.post("/planbord/"+testDay+"/losmaken", url.Values{"plan": {id}, "version": {itoa(tc.version)}, "unpin": {tc.employee}})
			require.Equal(t, tc.status, r.Code, r.Body.String())
			if tc.status == http.StatusSeeOther {
				assert.Equal(t, "/planbord/"+testDay+"?ok=losgemaakt", r.Header().Get("Location"))
				return
			}
			assert.Contains(t, r.Body.String(), tc.want)
		})
	}
	assert.NotContains(t, pinnedIn(e), who)
	pv, err := domain.Plans(e.store).Get(t.Context(), id)
	require.NoError(t, err)
	last := pv.Value.Changes[len(pv.Value.Changes)-1]
	assert.Equal(t, "unpin", last.Action)
	assert.Equal(t, who, last.Employee)
	assert.Contains(t, c.get("/planbord/"+testDay+"?ok=losgemaakt").Body.String(), "De toewijzing staat niet meer vast")
	// HR reads the board but may not unpin.
	hr := e.login(domain.RoleHR)
	hr.get("/planbord/" + testDay)
	assert.Equal(t, http.StatusForbidden, hr.post("/planbord/"+testDay+"/losmaken", url.Values{"plan": {id}, "unpin": {who}}).Code)
}

// HR records a ziekmelding, changes it and deletes it through the API (If-Match, reason in the
// audit log); an old version is refused and nothing changes; after each change the plans of those
// days are offered for "Herplan na ziekmelding", which a planner runs from there (HR may not).
func TestAbsenceEditDelete(t *testing.T) {
	e := newEnv(t, nil)
	// e0002 works on the test day; her pin would make the repair refuse (a pin on a day away breaks H10).
	pins := domain.Pins(e.store)
	pn, err := pins.Get(t.Context(), "e0002~verpakken-a-"+testDay)
	require.NoError(t, err)
	require.NoError(t, pins.Delete(domain.WithActor(t.Context(), domain.Actor{Name: "test"}), pn.Value.Key(), pn.Version))
	e.plan()
	hr := e.login(domain.RoleHR)
	planner := e.login(domain.RolePlanner)
	page := "/medewerkers/e0002"
	key := "e0002~" + testDay
	version := func() int64 {
		a, err := domain.Absences(e.store).Get(t.Context(), key)
		require.NoError(t, err)
		return a.Version
	}
	hr.get(page)
	r := hr.post(page+"/afwezigheid", url.Values{"from": {testDay}, "to": {testDay}, "kind": {"ziek"}})
	require.Equal(t, http.StatusOK, r.Code, r.Body.String())
	assert.Contains(t, r.Body.String(), "De afwezigheid is vastgelegd")
	assert.Contains(t, r.Body.String(), "een werkleider kiest “Herplan na ziekmelding”", "HR is offered the planbord, not the button")
	v1 := version()

	for _, tc := range []struct {
		name     string
		path     string
		form     url.Values
		status   int
		location string
		body     string
	}{
		{"wijzigen", page + "/afwezigheid/" + testDay, url.Values{"version": {itoa(v1)}, "to": {"2026-11-24"}, "kind": {"verlof"}, "reason": {"was verlof, geen ziekte"}},
			http.StatusSeeOther, page + "?ok=afwezigheid-gewijzigd&van=2026-11-23&tot=2026-11-24#afw-h", ""},
		{"wijzigen op een oude versie", page + "/afwezigheid/" + testDay, url.Values{"version": {itoa(v1)}, "to": {"2026-11-30"}, "kind": {"ziek"}},
			http.StatusPreconditionFailed, "", "Iemand anders heeft dit intussen gewijzigd"},
		{"verwijderen op een oude versie", page + "/afwezigheid/" + testDay + "/verwijderen", url.Values{"version": {itoa(v1)}},
			http.StatusPreconditionFailed, "", "Iemand anders heeft dit intussen gewijzigd"},
		{"onbekende datum", page + "/afwezigheid/gisteren/verwijderen", url.Values{"version": {itoa(v1)}},
			http.StatusNotFound, "", "Deze afwezigheid bestaat niet"},
	} {
		t.Run(tc.name, func(t *testing.T) {
			hr.get(page)
			r := hr.post(tc.path, tc.form)
			require.Equal(t, tc.status, r.Code, r.Body.String())
			assert.Equal(t, tc.location, r.Header().Get("Location"))
			assert.Contains(t, r.Body.String(), tc.body)
		})
	}
	a, err := domain.Absences(e.store).Get(t.Context(), key)
	require.NoError(t, err)
	assert.Equal(t, domain.Verlof, a.Value.Kind)
	assert.Equal(t, "2026-11-24", a.Value.To.String())
	entries, err := e.store.Audit(t.Context(), domain.AuditQuery{})
	require.NoError(t, err)
	last := entries[len(entries)-1]
	assert.Equal(t, []string{"update", key, "was verlof, geen ziekte", "gebruiker hr (hr)"}, []string{last.Action, last.ID, last.Reason, last.Actor})

	// The page after the change lists the plan of those days; a planner gets the button.
	body := planner.get(page + "?ok=afwezigheid-gewijzigd&van=2026-11-23&tot=2026-11-24").Body.String()
	assert.Contains(t, body, "De afwezigheid is gewijzigd")
	assert.Contains(t, body, `<button type="submit" class="primary">Herplan na ziekmelding`)
	assert.Contains(t, body, "Wijzig of verwijder")
	pv, err := findPlan(t.Context(), e.store, mustDate(testDay))
	require.NoError(t, err)
	repair := func() url.Values {
		return url.Values{"plan": {pv.Value.Key()}, "version": {itoa(pv.Version)}, "date": {testDay}}
	}
	assert.Equal(t, http.StatusForbidden, hr.post(page+"/herplan", repair()).Code, "HR reads plans, does not repair")
	r = planner.post(page+"/herplan", repair())
	require.Equal(t, http.StatusSeeOther, r.Code, r.Body.String())
	assert.Equal(t, "/planbord/"+testDay+"?ok=hersteld", r.Header().Get("Location"))

	hr.get(page)
	r = hr.post(page+"/afwezigheid/"+testDay+"/verwijderen", url.Values{"version": {itoa(version())}, "reason": {"dubbel ingevoerd"}})
	require.Equal(t, http.StatusSeeOther, r.Code, r.Body.String())
	assert.Contains(t, r.Header().Get("Location"), "ok=afwezigheid-verwijderd")
	_, err = domain.Absences(e.store).Get(t.Context(), key)
	assert.Equal(t, domain.CodeNotFound, domain.ErrorCode(err))
	assert.Contains(t, hr.get(page+"?ok=afwezigheid-verwijderd").Body.String(), "De afwezigheid is verwijderd")
}

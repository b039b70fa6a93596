package web

import (
	"net/http"
	"net/http/httptest"
	"net/url"
	"strings"
	"testing"
	"time"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"ploeg/domain"
)

// clock makes the handler's time settable; it returns a function that moves it on.
func (e *env) clock() func(time.Duration) {
	now := e.web.cfg.Now()
	e.web.cfg.Now = func() time.Time { return now }
	return func(d time.Duration) { now = now.Add(d) }
}

// signIn posts the sign-in form from addr.
func (c *client) signIn(name, password, addr string) *httptest.ResponseRecorder {
	c.get("/inloggen")
	form := url.Values{"naam": {name}, "wachtwoord": {password}, "csrf": {c.csrf}}
	req := httptest.NewRequest(http.MethodPost, "/inloggen", strings.NewReader(form.Encode()))
	req.Header.Set("Content-Type", "application/x-www-form-urlencoded")
	req.RemoteAddr = addr + ":40000"
	return c.do(req)
}

// Five failed sign-ins in a minute lock the user name, and five from one address lock the address,
// for a minute: 429 with Retry-After and a Dutch message, the password not even checked. A good
// sign-in clears the name's count.
func TestLoginRateLimit(t *testing.T) {
	e := newEnv(t, nil)
	tick := e.clock()
	type try struct {
		name, password, addr string
		status               int
		retry                string
		says                 string
	}
	wrong := "fout-fout-fout"
	steps := []struct {
		what  string
		tries []try
		wait  time.Duration
	}{
		{"vier keer fout: nog gewoon 401", []try{
			{"planner", wrong, "192.0.2.1", 401, "", "Onbekende naam of verkeerd wachtwoord. Probeer het opnieuw."},
			{"Planner ", wrong, "192.0.2.2", 401, "", ""},
			{"planner", wrong, "192.0.2.3", 401, "", ""},
			{"planner", wrong, "192.0.2.4", 401, "", ""},
		}, 0},
		{"de vijfde keer: de naam is een minuut dicht", []try{
			{"planner", wrong, "192.0.2.5", 429, "60", "5 keer achter elkaar. Wacht 60 seconden"},
		}, 0},
		{"ook het goede wachtwoord wacht, van elk adres", []try{
			{"planner", testPassword, "198.51.100.7", 429, "60", "Te veel mislukte aanmeldpogingen"},
		}, 30 * time.Second},
		{"na een halve minuut: nog 30 s", []try{
			{"planner", testPassword, "198.51.100.7", 429, "30", "Wacht 30 seconden"},
		}, 31 * time.Second},
		{"na de minuut: weer open; een andere naam telt apart", []try{
			{"planner", testPassword, "198.51.100.7", 303, "", ""},
			{"hr", testPassword, "192.0.2.1", 303, "", ""},
		}, 0},
		{"één adres dat vijf namen raadt, gaat dicht", []try{
			{"a", wrong, "203.0.113.9", 401, "", ""}, {"b", wrong, "203.0.113.9", 401, "", ""},
			{"c", wrong, "203.0.113.9", 401, "", ""}, {"d", wrong, "203.0.113.9", 401, "", ""},
			{"e", wrong, "203.0.113.9", 429, "60", "Wacht 60 seconden"},
			{"hr", testPassword, "203.0.113.9", 429, "60", "vanaf deze computer"},
			{"hr", testPassword, "203.0.113.10", 303, "", ""},
		}, 0},
		{"een goede aanmelding wist de telling van de naam", []try{
			{"gemeente", wrong, "192.0.2.20", 401, "", ""}, {"gemeente", wrong, "192.0.2.21", 401, "", ""},
			{"gemeente", wrong, "192.0.2.22", 401, "", ""}, {"gemeente", wrong, "192.0.2.23", 401, "", ""},
			{"gemeente", testPassword, "192.0.2.24", 303, "", ""},
			{"gemeente", wrong, "192.0.2.25", 401, "", ""},
		}, 0},
	}
	for _, st := range steps {
		t.Run(st.what, func(t *testing.T) {
			for _, tr := range st.tries {
				r := e.anon().signIn(tr.name, tr.password, tr.addr)
				require.Equal(t, tr.status, r.Code, "%s from %s: %s", tr.name, tr.addr, r.Body.String())
				assert.Equal(t, tr.retry, r.Header().Get("Retry-After"))
				assert.Contains(t, r.Body.String(), tr.says)
			}
		})
		tick(st.wait)
	}
}

// An expired session is refused and removed from the store when its cookie comes back; a sign-in
// also removes every expired session, at most once every ten minutes.
func TestExpiredSessionsRemoved(t *testing.T) {
	e := newEnv(t, nil)
	tick := e.clock()
	e.web.cfg.SessionTTL = 5 * time.Minute
	sessions := func() int {
		recs, err := e.store.List(t.Context(), domain.KindSession, domain.ListOptions{})
		require.NoError(t, err)
		return len(recs)
	}
	hr := e.login(domain.RoleHR) // sweeps: nothing to do
	e.login(domain.RolePlanner)
	require.Equal(t, 2, sessions())

	tick(6 * time.Minute)
	assert.Equal(t, http.StatusSeeOther, hr.get("/medewerkers").Code, "expired: back to sign in")
	assert.Equal(t, 1, sessions(), "the expired session that came back is gone")

	e.login(domain.RoleAdmin)
	assert.Equal(t, 2, sessions(), "within ten minutes of the last sweep a sign-in does not sweep: the planner's expired session stays")

	tick(5 * time.Minute)
	e.login(domain.RoleGemeente)
	assert.Equal(t, 1, sessions(), "ten minutes on, a sign-in sweeps the planner's and the admin's expired sessions")

	entries, err := e.store.Audit(t.Context(), domain.AuditQuery{})
	require.NoError(t, err)
	swept := 0
	for _, en := range entries {
		if en.Kind == domain.KindSession && en.Action == "delete" {
			swept++
			assert.Equal(t, []string{"ploeg", "sessie verlopen"}, []string{en.Actor, en.Reason})
		}
	}
	assert.Equal(t, 3, swept)
}

// A session follows its user: disabled or removed signs them out at the next request (the session
// record goes, with the reason in the audit log), and a changed role holds at once.
func TestSessionFollowsUser(t *testing.T) {
	e := newEnv(t, nil)
	ctx := domain.WithActor(t.Context(), domain.Actor{Name: "test"})
	users := domain.Users(e.store)
	setUser := func(name string, change func(*domain.User)) {
		u, err := users.Get(ctx, name)
		require.NoError(t, err)
		change(&u.Value)
		_, err = users.Update(ctx, u.Value, u.Version)
		require.NoError(t, err)
	}

	hr := e.login(domain.RoleHR)
	require.Equal(t, http.StatusOK, hr.get("/medewerkers").Code)
	setUser(string(domain.RoleHR), func(u *domain.User) { u.Disabled = true })
	assert.Equal(t, http.StatusSeeOther, hr.get("/medewerkers").Code, "disabled: back to sign in")
	entries, err := e.store.Audit(t.Context(), domain.AuditQuery{})
	require.NoError(t, err)
	last := entries[len(entries)-1]
	assert.Equal(t, []any{domain.KindSession, "delete", "gebruiker uitgeschakeld of verwijderd"}, []any{last.Kind, last.Action, last.Reason})

	planner := e.login(domain.RolePlanner)
	require.Equal(t, http.StatusOK, planner.get("/medewerkers").Code)
	setUser(string(domain.RolePlanner), func(u *domain.User) { u.Grant = domain.Grant{Role: domain.RoleMedewerker, Employee: "e1"} })
	assert.Equal(t, http.StatusForbidden, planner.get("/medewerkers").Code, "the new role holds from the next request")
}

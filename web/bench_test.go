package web

import (
	"bytes"
	"net/http"
	"strings"
	"testing"
	"time"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"ploeg/demo"
	"ploeg/domain"
	"ploeg/scheduler"
)

// bigPlan is a planned day or week of the demo region, signed in as a planner.
type bigPlan struct {
	e     *env
	c     *client
	ds    *domain.Dataset
	plan  *domain.Versioned[domain.Plan]
	plans []domain.Versioned[domain.Plan]
	date  domain.Date
	cards int
}

// newBigDay is a day with at least 600 people on the planbord.
func newBigDay(tb testing.TB) *bigPlan {
	tb.Helper()
	date := mustDate(testDay)
	ds := demo.Generate(demo.Options{Seed: demo.DefaultSeed, Employees: 840, Days: 1, Start: date})
	e, p := plannedEnv(tb, ds, date, date, 2*time.Second)
	return newBigPlan(tb, e, ds, date, len(p.Assignments))
}

func newBigPlan(tb testing.TB, e *env, ds *domain.Dataset, date domain.Date, cards int) *bigPlan {
	pv, err := findPlan(tb.Context(), e.store, date)
	require.NoError(tb, err)
	plans, err := domain.Plans(e.store).List(tb.Context(), domain.ListOptions{})
	require.NoError(tb, err)
	return &bigPlan{e: e, c: e.login(domain.RolePlanner), ds: ds, plan: pv, plans: plans, date: date, cards: cards}
}

// plannedEnv is the web UI on ds with a concept plan from..to stored.
func plannedEnv(tb testing.TB, ds *domain.Dataset, from, to domain.Date, limit time.Duration) (*env, domain.Plan) {
	tb.Helper()
	e := newEnv(tb, ds)
	p, err := scheduler.Plan(tb.Context(), ds, from, to, scheduler.Options{TimeLimit: limit})
	require.NoError(tb, err)
	p.Status = domain.Concept
	ctx := domain.WithActor(tb.Context(), domain.Actor{Name: "test"})
	_, err = domain.Plans(e.store).Create(ctx, p)
	require.NoError(tb, err)
	return e, p
}

// The planbord of a day with 600 people weighs under 200 KB (200,000 bytes, uncompressed) without
// images (it has none), as a planner sees it with every action.
func TestPlanbordWeight600(t *testing.T) {
	b := newBigDay(t)
	require.GreaterOrEqual(t, b.cards, 600, "the day has 600 people on it")
	r := b.c.get("/planbord/" + testDay)
	require.Equal(t, http.StatusOK, r.Code)
	body := r.Body.String()
	assert.Equal(t, b.cards, strings.Count(body, `<li class="c"`))
	assert.Less(t, len(body), 200*1000, "page weight %d bytes for %d cards", len(body), b.cards)
	assert.NotContains(t, body, "<img")
	t.Logf("planbord: %d kaarten, %d bytes", b.cards, len(body))
}

// BenchmarkPlanbord600 serves the planbord of a 600-person day as a planner: session, dataset and
// plan from the store (bbolt), layout and template.
func BenchmarkPlanbord600(b *testing.B) {
	d := newBigDay(b)
	req := func() {
		r := d.c.get("/planbord/" + testDay)
		if r.Code != http.StatusOK {
			b.Fatalf("status %d", r.Code)
		}
	}
	req()
	b.ReportAllocs()
	for b.Loop() {
		req()
	}
	b.ReportMetric(float64(d.cards), "cards")
}

// BenchmarkPlanbord600Render lays out and renders the same day from values in memory: the part of
// the page that grows with the number of people.
func BenchmarkPlanbord600Render(b *testing.B) {
	d := newBigDay(b)
	benchRender(b, d, "planbord", func(*call) map[string]any {
		return map[string]any{"Title": "x", "B": buildBoard(d.ds, d.plan, d.date), "CanEdit": true, "Kinds": printKinds}
	})
}

// benchRender renders page with the data that data lays out, as a planner, b.N times.
func benchRender(b *testing.B, d *bigPlan, page string, data func(*call) map[string]any) {
	c := &call{csrf: "x"}
	c.p.Role = domain.RolePlanner
	var buf bytes.Buffer
	b.ReportAllocs()
	for b.Loop() {
		buf.Reset()
		v := view{CSRF: c.csrf, Nav: navFor(c), D: data(c)}
		if err := d.e.web.tmpl[page].ExecuteTemplate(&buf, "layout", v); err != nil {
			b.Fatal(err)
		}
	}
	b.ReportMetric(float64(buf.Len()), "bytes")
}

// newBigWeek is a planned week of the demo region: 654 people (600 Wsw and the beschut werk group),
// five weekdays and a Saturday, one week plan.
func newBigWeek(tb testing.TB) *bigPlan {
	tb.Helper()
	monday := mustDate(testDay)
	ds := demo.Generate(demo.Options{Seed: demo.DefaultSeed, Employees: 600, Days: 5, Start: monday})
	e, p := plannedEnv(tb, ds, monday, monday.AddDays(6), 3*time.Second)
	return newBigPlan(tb, e, ds, monday, len(p.Assignments))
}

// The week planbord of 600 people (about 2,500 cards over six days) weighs under 200 KB
// uncompressed, without images, and shows every card.
func TestWeekWeight600(t *testing.T) {
	w := newBigWeek(t)
	require.GreaterOrEqual(t, w.cards, 2000, "the week has 600 people on several days")
	r := w.c.get("/week/" + testDay)
	require.Equal(t, http.StatusOK, r.Code)
	body := r.Body.String()
	_, table, _ := strings.Cut(body, `<table class="week">`)
	table, _, _ = strings.Cut(table, "</table>")
	assert.Equal(t, w.cards, strings.Count(table, "<li>"), "one card per assignment")
	assert.Less(t, len(body), 200*1000, "page weight %d bytes for %d cards", len(body), w.cards)
	assert.NotContains(t, body, "<img")
	t.Logf("week: %d kaarten, %d bytes", w.cards, len(body))
}

// BenchmarkWeek600 serves the week planbord of 600 people as a planner: session, dataset and plans
// from the store (bbolt), layout and template.
func BenchmarkWeek600(b *testing.B) {
	w := newBigWeek(b)
	var n int
	b.ReportAllocs()
	for b.Loop() {
		r := w.c.get("/week/" + testDay)
		if r.Code != http.StatusOK {
			b.Fatalf("status %d", r.Code)
		}
		n = r.Body.Len()
	}
	b.ReportMetric(float64(w.cards), "cards")
	b.ReportMetric(float64(n), "bytes")
}

// BenchmarkWeek600Render lays out and renders the same week from values in memory.
func BenchmarkWeek600Render(b *testing.B) {
	w := newBigWeek(b)
	benchRender(b, w, "week", func(c *call) map[string]any {
		return w.e.web.weekData(buildWeek(w.ds, w.plans, w.date, ""), w.plans, w.date, c)
	})
}

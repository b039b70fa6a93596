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

// bigDay is a planned day of the demo region with at least 600 people on the planbord.
type bigDay struct {
	e     *env
	c     *client
	ds    *domain.Dataset
	plan  *domain.Versioned[domain.Plan]
	date  domain.Date
	cards int
}

func newBigDay(tb testing.TB) *bigDay {
	tb.Helper()
	date := mustDate(testDay)
	ds := demo.Generate(demo.Options{Seed: demo.DefaultSeed, Employees: 840, Days: 1, Start: date})
	e := newEnv(tb, ds)
	p, err := scheduler.Plan(tb.Context(), ds, date, date, scheduler.Options{TimeLimit: 2 * time.Second})
	require.NoError(tb, err)
	p.Status = domain.Concept
	ctx := domain.WithActor(tb.Context(), domain.Actor{Name: "test"})
	_, err = domain.Plans(e.store).Create(ctx, p)
	require.NoError(tb, err)
	pv, err := findPlan(tb.Context(), e.store, date)
	require.NoError(tb, err)
	return &bigDay{e: e, c: e.login(domain.RolePlanner), ds: ds, plan: pv, date: date, cards: len(p.Assignments)}
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
	c := &call{csrf: "x"}
	c.p.Role = domain.RolePlanner
	var buf bytes.Buffer
	b.ReportAllocs()
	for b.Loop() {
		buf.Reset()
		bd := buildBoard(d.ds, d.plan, d.date)
		v := view{CSRF: c.csrf, Nav: navFor(c), D: map[string]any{"Title": "x", "B": bd, "CanEdit": true, "Kinds": printKinds}}
		if err := d.e.web.tmpl["planbord"].ExecuteTemplate(&buf, "layout", v); err != nil {
			b.Fatal(err)
		}
	}
	b.ReportMetric(float64(buf.Len()), "bytes")
}

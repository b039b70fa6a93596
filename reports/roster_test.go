package reports_test

import (
	"bytes"
	"fmt"
	"regexp"
	"strings"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"ploeg/domain"
	"ploeg/reports"
)

// layout is one way of printing the fixture.
type layout struct {
	name   string
	render func(w *bytes.Buffer, ds *domain.Dataset, p *domain.Plan, m reports.Meta) error
	title  string // on every page
	row    string // a pattern every page has at least once: a page without rows is a wasted page
}

var layouts = []layout{
	{"dagstaat", func(w *bytes.Buffer, ds *domain.Dataset, p *domain.Plan, m reports.Meta) error {
		return reports.Dagstaat(w, ds, p, m, reports.DagstaatOptions{})
	}, "Dagstaat", `\d\d:\d\d\s+\d\d:\d\d`},
	{"week per locatie", func(w *bytes.Buffer, ds *domain.Dataset, p *domain.Plan, m reports.Meta) error {
		return reports.WeekRoster(w, ds, p, m, reports.WeekOptions{})
	}, "Weekrooster week", `e\d{4}\s+\d+(,\d+)?/\d+`},
	{"week per werkplek", func(w *bytes.Buffer, ds *domain.Dataset, p *domain.Plan, m reports.Meta) error {
		return reports.WeekRoster(w, ds, p, m, reports.WeekOptions{Group: reports.ByWorkplace})
	}, "Weekrooster week", `e\d{4}\s+\d+(,\d+)?/\d+`},
	{"persoon", func(w *bytes.Buffer, ds *domain.Dataset, p *domain.Plan, m reports.Meta) error {
		return reports.PersonalWeek(w, ds, p, m, reports.PersonOptions{})
	}, "Weekrooster week", `(?m)^(maandag|dinsdag|woensdag|donderdag|vrijdag|zaterdag|zondag)`},
	{"makkelijk 16", func(w *bytes.Buffer, ds *domain.Dataset, p *domain.Plan, m reports.Meta) error {
		return reports.EasyWeek(w, ds, p, m, reports.EasyOptions{})
	}, "Mijn week", `(Maandag|Dinsdag|Woensdag|Donderdag|Vrijdag|Zaterdag|Zondag)`},
	{"makkelijk 20", func(w *bytes.Buffer, ds *domain.Dataset, p *domain.Plan, m reports.Meta) error {
		return reports.EasyWeek(w, ds, p, m, reports.EasyOptions{FontSize: 20})
	}, "Mijn week", `(Maandag|Dinsdag|Woensdag|Donderdag|Vrijdag|Zaterdag|Zondag)`},
}

var pageOf = regexp.MustCompile(`pagina (\d+) van (\d+)`)

// checkPages checks what every page must show: the layout's title, the print time, the plan's
// version and status, and "pagina X van Y" with the right X and Y; and that no page is empty.
func checkPages(t *testing.T, texts []string, l layout, m reports.Meta) {
	t.Helper()
	require.NotEmpty(t, texts)
	for i, text := range texts {
		assert.Contains(t, text, l.title, "page %d", i+1)
		assert.Contains(t, text, "Afgedrukt "+fmt.Sprintf("%02d-%02d-%d %02d:%02d",
			m.PrintedAt.Day(), int(m.PrintedAt.Month()), m.PrintedAt.Year(), m.PrintedAt.Hour(), m.PrintedAt.Minute()), "page %d", i+1)
		assert.Contains(t, text, "versie "+m.VersionText(), "page %d", i+1)
		assert.Contains(t, text, strings.ToUpper(m.StatusText()), "page %d", i+1)
		got := pageOf.FindStringSubmatch(text)
		if assert.NotNil(t, got, "page %d has no page number", i+1) {
			assert.Equal(t, fmt.Sprint(i+1), got[1])
			assert.Equal(t, fmt.Sprint(len(texts)), got[2])
		}
		// A page with nothing but its header and footer is a page a person turns for nothing.
		assert.Regexp(t, l.row, text, "page %d has no rows", i+1)
	}
}

func TestRostersOnTheFixture(t *testing.T) {
	ds, p := small(t)
	for _, l := range layouts {
		t.Run(l.name, func(t *testing.T) {
			m := testMeta()
			pdf := render(t, func(w *bytes.Buffer) error { return l.render(w, ds, p, m) })
			qpdfCheck(t, pdf)
			texts := pages(t, pdf)
			checkPages(t, texts, l, m)
			all := strings.Join(texts, "\n")
			// Names come back with their diacritics.
			for _, name := range []string{"Zoë Çelik", "Kacper Brüggemann"} {
				assert.Contains(t, all, name)
			}
			if l.name != "dagstaat" { // Ömer is sick or on a shift every day; the dagstaat has him only on his shifts
				assert.Contains(t, all, "Ömer Yılmaz")
			}
			// The same input gives the same bytes.
			again := render(t, func(w *bytes.Buffer) error { return l.render(w, ds, p, m) })
			assert.True(t, bytes.Equal(pdf, again), "two renders of the same input differ")
			// Another print time gives other bytes (the date is really in the file).
			m2 := m
			m2.PrintedAt = m.PrintedAt.Add(60e9)
			other := render(t, func(w *bytes.Buffer) error { return l.render(w, ds, p, m2) })
			assert.False(t, bytes.Equal(pdf, other))
		})
	}
}

func TestPublishedPlanPrintsNoConceptMark(t *testing.T) {
	ds, p := small(t)
	m := testMeta()
	m.Status = domain.Gepubliceerd
	pdf := render(t, func(w *bytes.Buffer) error { return reports.Dagstaat(w, ds, p, m, reports.DagstaatOptions{}) })
	all := strings.Join(pages(t, pdf), "\n")
	assert.NotContains(t, all, "CONCEPT")
	assert.Contains(t, all, "GEPUBLICEERD")
}

func TestDagstaatContent(t *testing.T) {
	ds, p := small(t)
	pdf := render(t, func(w *bytes.Buffer) error {
		return reports.Dagstaat(w, ds, p, testMeta(), reports.DagstaatOptions{Workplaces: []string{"groen-1"}, Dates: []domain.Date{monday}})
	})
	texts := pages(t, pdf)
	require.Len(t, texts, 1)
	text := texts[0]
	for _, want := range []string{"Dagstaat Groenteam Schalkwijk", "Maandag 23 november 2026", "Locatie: Schalkwijk",
		"Opdrachtgever: Gemeente Haarlem", "Werkleider: Kees Brüggemann", "Ömer Yılmaz", "07:30", "15:00", "30 min",
		"Opmerkingen", "Handtekening"} {
		assert.Contains(t, text, want)
	}

	// People sorted by start time: on the shared sheet of the fixture's Monday everyone starts at
	// the same time, so check the order on a dataset with two start times.
	ds2, p2 := small(t)
	for i := range ds2.Shifts {
		if ds2.Shifts[i].ID == "verpakken-a-2026-11-23" {
			late := ds2.Shifts[i]
			late.ID, late.Start, late.End = "verpakken-a-laat", domain.Clock(10*60), domain.Clock(16*60)
			ds2.Shifts = append(ds2.Shifts, late)
			break
		}
	}
	for i, a := range p2.Assignments {
		if a.Employee == "e0001" && a.Shift == "verpakken-a-2026-11-23" {
			p2.Assignments[i].Shift = "verpakken-a-laat"
		}
	}
	pdf = render(t, func(w *bytes.Buffer) error {
		return reports.Dagstaat(w, ds2, p2, testMeta(), reports.DagstaatOptions{Workplaces: []string{"verpakken-a"}, Dates: []domain.Date{monday}})
	})
	text = pages(t, pdf)[0]
	jan := strings.Index(text, "Jan Bakker")
	zoe := strings.Index(text, "Zoë Çelik")
	require.True(t, jan > 0 && zoe > 0, text)
	assert.Greater(t, jan, zoe, "Jan starts at 10:00 and comes after the 08:00 people")
	assert.Regexp(t, `Jan Bakker\s+10:00\s+16:00`, text)
}

func TestLongNamesAreShortenedOnTheirRow(t *testing.T) {
	ds, p := small(t)
	long := "Maria Magdalena Alexandra van der Heijden-Brüggemann-Oosterhuis"
	pdf := render(t, func(w *bytes.Buffer) error {
		return reports.Dagstaat(w, ds, p, testMeta(), reports.DagstaatOptions{Workplaces: []string{"verpakken-a"}, Dates: []domain.Date{monday}})
	})
	text := pages(t, pdf)[0]
	assert.NotContains(t, text, long, "the name is too long for its column")
	// The start of the name, an ellipsis and the times stay on one line.
	assert.Regexp(t, `Maria Magdalena[^\n]*…\s+08:00\s+15:30`, text)

	// The personal sheet has the width for the whole name.
	pdf = render(t, func(w *bytes.Buffer) error {
		return reports.PersonalWeek(w, ds, p, testMeta(), reports.PersonOptions{Employees: []string{"e0005"}})
	})
	assert.Contains(t, pages(t, pdf)[0], long)
}

func TestWeekRosterCodesAndLegend(t *testing.T) {
	ds, p := small(t)
	pdf := render(t, func(w *bytes.Buffer) error {
		return reports.WeekRoster(w, ds, p, testMeta(), reports.WeekOptions{Group: reports.ByWorkplace, Workplaces: []string{"groen-1"}})
	})
	texts := pages(t, pdf)
	require.Len(t, texts, 1)
	text := texts[0]
	// Ömer: groen on ma and di, ziek wo–vr; Saïd: therapeutisch on do.
	assert.Regexp(t, `Ömer Yılmaz\s+e0003\s+14/36\s+GRO1 07:30–15:00\s+GRO1 07:30–15:00\s+Z\s+Z\s+Z`, text)
	assert.Regexp(t, `Saïd El Khattabi\s+e0006\s+\S+\s+GRO1 07:30–15:00\s+GRO1 07:30–15:00\s+GRO1 07:30–15:00\s+T\s+GRO1`, text)
	assert.Contains(t, text, "GRO1 = Groenteam Schalkwijk (Schalkwijk)")
	assert.Contains(t, text, "Z = ziek")
	assert.Contains(t, text, "T = therapeutisch")

	// On a public board the reasons can be hidden.
	pdf = render(t, func(w *bytes.Buffer) error {
		return reports.WeekRoster(w, ds, p, testMeta(), reports.WeekOptions{Group: reports.ByWorkplace, Workplaces: []string{"groen-1"}, HideAbsenceReasons: true})
	})
	text = pages(t, pdf)[0]
	assert.Regexp(t, `Ömer Yılmaz.*\s+A\s+A\s+A`, text)
	assert.NotContains(t, text, "Z = ziek")
}

func TestPersonalWeekWithAddress(t *testing.T) {
	ds, p := small(t)
	pdf := render(t, func(w *bytes.Buffer) error {
		return reports.PersonalWeek(w, ds, p, testMeta(), reports.PersonOptions{
			Employees: []string{"e0002", "e0003"},
			Addresses: map[string][]string{"e0002": {"Zoë Çelik", "Kerkstraat 1", "2011 AB Haarlem"}},
		})
	})
	texts := pages(t, pdf)
	require.Len(t, texts, 2, "one page per person")
	assert.Contains(t, texts[0], "Afzender: Paswerk")
	assert.Contains(t, texts[0], "2011 AB Haarlem")
	assert.Contains(t, texts[0], "Ingepland deze week: 21 uur (contract: 21 uur)")
	assert.NotContains(t, texts[1], "Afzender")
	assert.Contains(t, texts[1], "ziek")
}

func TestEasyWeekWordsNoCodes(t *testing.T) {
	ds, p := small(t)
	pdf := render(t, func(w *bytes.Buffer) error {
		return reports.EasyWeek(w, ds, p, testMeta(), reports.EasyOptions{Employees: []string{"e0002", "e0004"}})
	})
	texts := pages(t, pdf)
	require.Len(t, texts, 2)
	zoe := texts[0]
	assert.Contains(t, zoe, "Zoë Çelik")
	assert.Contains(t, zoe, "08:00 tot 15:30")
	assert.Contains(t, zoe, "Pauze: 30 minuten")
	assert.Contains(t, zoe, "Waar: Verpakken hal A, Cruquius")
	assert.Contains(t, zoe, "Werkleider: Anja de Vries")
	assert.Equal(t, 2, strings.Count(zoe, "VRIJ"), "Zoë works ma, wo, vr")
	assert.Contains(t, texts[1], "VERLOF")

	err := reports.EasyWeek(&bytes.Buffer{}, ds, p, testMeta(), reports.EasyOptions{FontSize: 12})
	assert.ErrorContains(t, err, "te klein")
}

func TestRefusals(t *testing.T) {
	ds, p := small(t)
	other := *p
	other.Assignments = append([]domain.Assignment{{Employee: "e9999", Shift: "groen-1-2026-11-23"}}, p.Assignments...)
	for _, tc := range []struct {
		name string
		err  error
		want string
	}{
		{"plan of another dataset", reports.Dagstaat(&bytes.Buffer{}, ds, &other, testMeta(), reports.DagstaatOptions{}), `medewerker "e9999" staat niet in de dataset`},
		{"unknown workplace", reports.Dagstaat(&bytes.Buffer{}, ds, p, testMeta(), reports.DagstaatOptions{Workplaces: []string{"nergens"}}), `werkplek "nergens" staat niet in de dataset`},
		{"date outside the plan", reports.Dagstaat(&bytes.Buffer{}, ds, p, testMeta(), reports.DagstaatOptions{Dates: []domain.Date{monday.AddDays(30)}}), "valt buiten het plan"},
		{"unknown employee", reports.PersonalWeek(&bytes.Buffer{}, ds, p, testMeta(), reports.PersonOptions{Employees: []string{"e9"}}), `medewerker "e9" staat niet in de dataset`},
		{"unknown location", reports.WeekRoster(&bytes.Buffer{}, ds, p, testMeta(), reports.WeekOptions{Location: "Mars"}), `locatie "Mars"`},
	} {
		t.Run(tc.name, func(t *testing.T) {
			assert.ErrorContains(t, tc.err, tc.want)
		})
	}
}

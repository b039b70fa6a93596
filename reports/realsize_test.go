package reports_test

import (
	"bytes"
	"regexp"
	"strings"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"ploeg/domain"
	"ploeg/reports"
)

// The layouts at Paswerk size: about 650 people, 25 werkplekken, a week. Every page sound, titled,
// numbered and with rows; nothing lost between pages.
func TestRealSizeLayouts(t *testing.T) {
	if testing.Short() {
		t.Skip("-short: de layouts op ware grootte worden overgeslagen")
	}
	ds, p := paswerk(t)
	m := testMeta()
	inService := 0
	cal, err := domain.NewCalendar(ds)
	require.NoError(t, err)
	for i := range ds.Employees {
		for d := p.From; d <= p.To; d++ {
			switch cal.EmployeeOn(&ds.Employees[i], d) {
			case domain.BeforeContract, domain.AfterContract, domain.PastAOW:
				continue
			}
			inService++
			break
		}
	}
	for _, l := range layouts {
		t.Run(l.name, func(t *testing.T) {
			pdf := render(t, func(w *bytes.Buffer) error { return l.render(w, ds, p, m) })
			qpdfCheck(t, pdf)
			texts := pages(t, pdf)
			checkPages(t, texts, l, m)
			all := strings.Join(texts, "\n")
			switch {
			case l.name == "dagstaat":
				// Every assignment is one numbered row with its times.
				rows := regexp.MustCompile(`(?m)^\s*\d+\s+\S.*\d\d:\d\d\s+\d\d:\d\d`).FindAllString(all, -1)
				assert.Len(t, rows, len(p.Assignments))
			case l.name == "persoon":
				assert.Len(t, texts, inService, "one page per person in service")
			case strings.HasPrefix(l.name, "makkelijk"):
				assert.LessOrEqual(t, len(texts), 2*inService)
				// A day's box is never split: every day name on a page has its content on that page.
				day := regexp.MustCompile(`\b(Maandag|Dinsdag|Woensdag|Donderdag|Vrijdag)\b`)
				content := regexp.MustCompile(`\d\d:\d\d tot \d\d:\d\d|\bVRIJ\b|\bVERLOF\b|\bZIEK\b|\bTHERAPIE\b|Nog geen werk|Geen werk`)
				for i, text := range texts {
					assert.Equal(t, len(day.FindAllString(text, -1)), len(content.FindAllString(text, -1)), "page %d", i+1)
				}
			case l.name == "week per locatie":
				// Everyone in service is on some location's grid.
				for i := range ds.Employees {
					e := &ds.Employees[i]
					if cal.EmployeeOn(e, p.From) == domain.Available {
						assert.Contains(t, all, e.ID)
					}
				}
			}
		})
	}
}

// A plan that only covers part of a week and a large font still fit: the 20 pt sheets of a
// five-day week with long workplace names take two pages, spread evenly.
func TestEasyWeekSpreadsOverPagesEvenly(t *testing.T) {
	ds, p := small(t)
	for i := range ds.Workplaces {
		ds.Workplaces[i].Name = "Groepsdetachering groen en onderhoud Landgoed Duinvliet met een lange naam"
	}
	pdf := render(t, func(w *bytes.Buffer) error {
		return reports.EasyWeek(w, ds, p, testMeta(), reports.EasyOptions{FontSize: 24, Employees: []string{"e0001"}})
	})
	texts := pages(t, pdf)
	require.Len(t, texts, 2)
	day := regexp.MustCompile(`\b(Maandag|Dinsdag|Woensdag|Donderdag|Vrijdag)\b`)
	first, second := len(day.FindAllString(texts[0], -1)), len(day.FindAllString(texts[1], -1))
	assert.Equal(t, 5, first+second)
	assert.LessOrEqual(t, first-second, 1, "3 + 2, not 4 + 1")
}

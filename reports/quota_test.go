package reports_test

import (
	"bytes"
	"fmt"
	"strconv"
	"strings"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"ploeg/demo"
	"ploeg/domain"
	"ploeg/quota"
	"ploeg/reports"
)

// demoRegion is the demo region (four gemeenten, taakstellingen from 2016) at Paswerk size.
func demoRegion(t testing.TB) *domain.Dataset {
	t.Helper()
	return demo.Generate(demo.Options{Seed: demo.DefaultSeed, Employees: 600, Days: 5, Start: monday})
}

func dataMeta() reports.Meta { return reports.Meta{PrintedAt: printedAt, Version: "bestand 0123abcd"} }

// nl formats an integer figure as the report prints it (a minus sign, not a hyphen).
func nl(x float64) string { return strings.Replace(strconv.FormatFloat(x, 'f', -1, 64), "-", "−", 1) }

func TestQuotaPDFRegion(t *testing.T) {
	ds := demoRegion(t)
	in, err := reports.MakeQuotaInput(ds, quota.Query{Year: 2026})
	require.NoError(t, err)
	require.NotNil(t, in.Report.Regio)
	assert.Len(t, in.History, reports.QuotaHistoryYears, "the demo has taakstellingen for every year since 2016")
	m := dataMeta()
	pdf := render(t, func(w *bytes.Buffer) error { return reports.QuotaPDF(w, in, m) })
	qpdfCheck(t, pdf)
	texts := pages(t, pdf)
	require.Len(t, texts, len(ds.Gemeenten)+1, "one page per gemeente and one for the region")
	for i, g := range append(in.Report.Gemeenten, *in.Report.Regio) {
		text := texts[i]
		assert.Contains(t, text, "Taakstelling beschut werk en Wsw · "+g.Name)
		if g.Code == quota.RegioCode {
			assert.Contains(t, text, "CBS-codes GM0392, GM0473, GM0397, GM0377")
		} else {
			assert.Contains(t, text, "CBS-code "+g.Code)
		}
		assert.Contains(t, text, "peildatum 31 december 2026")
		// What each unit means.
		assert.Contains(t, text, "Wat de getallen betekenen")
		assert.Contains(t, text, "dienstbetrekkingen")
		assert.Contains(t, text, "arbeidsjaren")
		// The figures are quota's, as computed: the year's row of the table.
		b := g.Beschut
		require.NotNil(t, b.Target)
		assert.Regexp(t, fmt.Sprintf(`2026\s+31-12-2026\s+%s\s+%d\s+%s\s+%s %%\s+%s`, nl(*b.Target), b.Realised,
			nl(*b.Difference), strings.Replace(strconv.FormatFloat(*b.Percentage, 'f', 1, 64), ".", ",", 1), b.Status), text)
		// The chart's legend and its data table.
		assert.Contains(t, text, "gerealiseerd")
		assert.Contains(t, text, "taakstelling "+nl(*b.Target))
		assert.Regexp(t, fmt.Sprintf(`31 dec\s+%d`, b.MonthEnds[11].Count), text)
		// Wsw.
		assert.Contains(t, text, "Arbeidsjaren 2026: "+strings.Replace(strconv.FormatFloat(g.Wsw.Arbeidsjaren, 'f', 2, 64), ".", ",", 1))
		assert.Contains(t, text, fmt.Sprintf("Personen met een Wsw-dienstbetrekking op 31 december 2026: %d", g.Wsw.Headcount))
		// The forecast in short.
		assert.Contains(t, text, "Prognose in het kort")
		assert.Contains(t, text, "2031")
		// The footer.
		assert.Contains(t, text, "Afgedrukt 20-11-2026 14:05 · gegevens versie bestand 0123abcd")
		assert.Contains(t, text, fmt.Sprintf("pagina %d van %d", i+1, len(texts)))
		assert.NotContains(t, text, "CONCEPT")
	}
	// The same input gives the same bytes.
	assert.Equal(t, pdf, render(t, func(w *bytes.Buffer) error { return reports.QuotaPDF(w, in, m) }))
}

func TestQuotaPDFOneGemeenteBeforeYearEnd(t *testing.T) {
	ds := demoRegion(t)
	in, err := reports.MakeQuotaInput(ds, quota.Query{Year: 2026, Gemeente: "GM0473", Peildatum: domain.NewDate(2026, 6, 30)})
	require.NoError(t, err)
	pdf := render(t, func(w *bytes.Buffer) error { return reports.QuotaPDF(w, in, dataMeta()) })
	qpdfCheck(t, pdf)
	texts := pages(t, pdf)
	require.Len(t, texts, 1)
	text := texts[0]
	assert.Contains(t, text, "Zandvoort")
	assert.Contains(t, text, "peildatum 30 juni 2026")
	assert.NotContains(t, text, "Regio")
	b := in.Report.Gemeenten[0].Beschut
	assert.Contains(t, text, fmt.Sprintf("Prognose 31 december 2026: %d (%d nog te beginnen, %d aflopend)", b.Projection, b.Starts, b.Ends))
	assert.Contains(t, text, "prognose 31 december", "the chart's open circle is in the legend")
	assert.Contains(t, text, "Voorlopig")
	assert.Len(t, b.MonthEnds, 6)
}

func TestQuotaPDFWithoutTaakstelling(t *testing.T) {
	ds := demoRegion(t)
	var kept []domain.Taakstelling
	for _, ts := range ds.Taakstellingen {
		if ts.Gemeente != "GM0377" || ts.Year != 2026 {
			kept = append(kept, ts)
		}
	}
	ds.Taakstellingen = kept
	in, err := reports.MakeQuotaInput(ds, quota.Query{Year: 2026})
	require.NoError(t, err)
	pdf := render(t, func(w *bytes.Buffer) error { return reports.QuotaPDF(w, in, dataMeta()) })
	all := strings.Join(pages(t, pdf), "\n")
	assert.Contains(t, all, "geen taakstelling")
	assert.Contains(t, all, "Let op:")
}

package main

import (
	"encoding/csv"
	"encoding/json"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"ploeg/domain"
	"ploeg/quota"
)

// demoFile writes the demo region (planning from 2026-11-23) to a temporary file.
func demoFile(t *testing.T) string {
	t.Helper()
	file := filepath.Join(t.TempDir(), "demo.json")
	code, _, stderr := run(t, nil, "demo", "--out", file)
	require.Equal(t, exitOK, code, stderr)
	return file
}

// readCSV parses semicolon-separated output after its byte-order mark.
func readCSV(t *testing.T, out string) [][]string {
	t.Helper()
	require.True(t, strings.HasPrefix(out, utf8BOM), "UTF-8 byte-order mark for Excel")
	r := csv.NewReader(strings.NewReader(strings.TrimPrefix(out, utf8BOM)))
	r.Comma = ';'
	rows, err := r.ReadAll()
	require.NoError(t, err)
	return rows
}

func TestReportQuotaCSV(t *testing.T) {
	file := demoFile(t)
	code, out, stderr := run(t, nil, "report", "quota", "--dataset", file) // the year defaults to today's: 2026
	require.Equal(t, exitOK, code, stderr)
	assert.Empty(t, stderr, "every gemeente has a taakstelling for 2026")
	rows := readCSV(t, out)
	require.Len(t, rows, 6, "header, four gemeenten, the region")
	assert.Equal(t, []string{"jaar", "peildatum", "gemeente", "naam", "taakstelling beschut werk", "gerealiseerd"}, rows[0][:6])
	assert.Len(t, rows[0], 28)
	assert.Equal(t, []string{"2026", "2026-12-31", "GM0392", "Haarlem", "106"}, rows[1][:5])
	assert.Equal(t, "regio", rows[5][2])
	pct := rows[1][7]
	assert.Regexp(t, `^\d+,\d$`, pct, "percentage with a decimal comma")
	assert.Regexp(t, `^\d+,\d\d$`, rows[1][13], "arbeidsjaren to hundredths with a decimal comma")

	// The same figures as JSON are the calculation of package quota.
	code, out, stderr = run(t, nil, "report", "quota", "--dataset", file, "--year", "2026", "--format", "json")
	require.Equal(t, exitOK, code, stderr)
	var got quota.Report
	require.NoError(t, json.Unmarshal([]byte(out), &got))
	ds, err := domain.DecodeDataset(mustOpen(t, file))
	require.NoError(t, err)
	want, err := quota.Quota(ds, quota.Query{Year: 2026})
	require.NoError(t, err)
	assert.Equal(t, *want, got)
}

func TestReportQuotaFromStore(t *testing.T) {
	db := filepath.Join(t.TempDir(), "p.db")
	code, _, stderr := run(t, nil, "import", "testdata/small.json", "--data", db)
	require.Equal(t, exitOK, code, stderr)
	out := filepath.Join(t.TempDir(), "quota.json")
	code, stdout, stderr := run(t, nil, "report", "quota", "--data", db, "--year", "2019", "--gemeente", "GM0392", "--format", "json", "--out", out)
	require.Equal(t, exitOK, code, stderr)
	assert.Empty(t, stdout)
	var r quota.Report
	b, err := os.ReadFile(out)
	require.NoError(t, err)
	require.NoError(t, json.Unmarshal(b, &r))
	require.Len(t, r.Gemeenten, 1)
	assert.Nil(t, r.Regio)
	assert.Equal(t, 52.0, *r.Gemeenten[0].Beschut.Target, "Haarlem's 52 places of 2019")
	assert.Equal(t, quota.Achter, r.Gemeenten[0].Beschut.Status)
	// e0001 (32 h, matig) and e0003 (36 h, ernstig) all year: (32/36 + 36/36 × 1.25) = 2.1389 → 2.14.
	assert.Equal(t, 2.14, r.Gemeenten[0].Wsw.Arbeidsjaren)
}

func TestForecastCSV(t *testing.T) {
	file := demoFile(t)
	code, out, stderr := run(t, nil, "forecast", "--dataset", file)
	require.Equal(t, exitOK, code, stderr)
	assert.Contains(t, stderr, "Wsw in de regio:")
	assert.Contains(t, stderr, "Alle werkplekken samen vragen")
	rows := readCSV(t, out)
	require.Len(t, rows, 1+5*11, "header, four gemeenten and the region, 2026–2036")
	assert.Equal(t, []string{"2026", "GM0392", "Haarlem", "ja"}, rows[1][:4])
	assert.Equal(t, []string{"2036", "regio"}, rows[55][:2])

	code, out, stderr = run(t, nil, "forecast", "--dataset", file, "--table", "werkplekken", "--years", "5", "--rate", "0.05")
	require.Equal(t, exitOK, code, stderr)
	rows = readCSV(t, out)
	assert.Equal(t, "geschikt eind 2031", rows[0][len(rows[0])-2])
	assert.Equal(t, "eerste jaar tekort", rows[0][len(rows[0])-1])
	assert.Equal(t, "regio", rows[len(rows)-1][0])

	code, out, stderr = run(t, nil, "forecast", "--dataset", file, "--format", "json", "--base", "2026", "--years", "3")
	require.Equal(t, exitOK, code, stderr)
	var f quota.Forecast
	require.NoError(t, json.Unmarshal([]byte(out), &f))
	assert.Equal(t, 2026, f.BaseYear)
	assert.Len(t, f.Regio.Years, 4)
	assert.Equal(t, 0.03, f.Rate)
	assert.NotEmpty(t, f.Workplaces)
}

func TestQuotaCommandErrors(t *testing.T) {
	file := demoFile(t)
	cases := []struct {
		args []string
		code int
		msg  string
	}{
		{[]string{"report", "quota", "--dataset", file, "--gemeente", "GM9999"}, exitFailure,
			`ploeg report quota: --gemeente: onbekende gemeente "GM9999"; kies uit GM0392 (Haarlem), GM0473 (Zandvoort), GM0397 (Heemstede), GM0377 (Bloemendaal)`},
		{[]string{"report", "quota", "--dataset", file, "--gemeente", "GM0392", "--year", "2030"}, exitFailure,
			"--year: GM0392 (Haarlem) heeft geen taakstelling beschut werk voor 2030; de dataset heeft er voor 2016–2026"},
		{[]string{"report", "quota", "--dataset", file, "--year", "1800"}, exitUsage, "--year: 1800 is geen bruikbaar jaar"},
		{[]string{"report", "quota", "--dataset", file, "--peildatum", "2026-02-30"}, exitUsage, "--peildatum:"},
		{[]string{"report", "quota", "--dataset", file, "--year", "2026", "--peildatum", "2025-12-31"}, exitUsage, "ligt niet in 2026"},
		{[]string{"report", "quota", "--dataset", file, "--format", "pdf"}, exitUsage, `--format: "pdf" bestaat niet`},
		{[]string{"report", "rooster"}, exitUsage, `onbekend rapport "rooster"`},
		{[]string{"report"}, exitUsage, "noem het rapport"},
		{[]string{"forecast", "--dataset", file, "--rate", "-0.03"}, exitUsage,
			"ploeg forecast: --rate: -0.03 is geen bruikbaar uitstroompercentage; geef een fractie van 0 tot 1"},
		{[]string{"forecast", "--dataset", file, "--rate", "1.5"}, exitUsage, "--rate: 1.5 is geen bruikbaar"},
		{[]string{"forecast", "--dataset", file, "--years", "0"}, exitUsage, "--years: 0 jaar kan niet"},
		{[]string{"forecast", "--dataset", file, "--need-weeks", "60"}, exitUsage, "--need-weeks: 60 weken kan niet"},
		{[]string{"forecast", "--dataset", file, "--table", "mensen"}, exitUsage, `--table: "mensen" bestaat niet`},
		{[]string{"forecast", "--dataset", "nope.json"}, exitFailure, "kan nope.json niet openen"},
	}
	for _, c := range cases {
		t.Run(c.msg, func(t *testing.T) {
			code, out, stderr := run(t, nil, c.args...)
			assert.Equal(t, c.code, code, stderr)
			assert.Contains(t, stderr, c.msg)
			assert.NotContains(t, out, "jaar;", "no report on an error")
		})
	}
	// A region report for a year without taakstellingen still shows the Wsw, marks the gemeenten
	// and says so.
	code, out, stderr := run(t, nil, "report", "quota", "--dataset", file, "--year", "2030")
	require.Equal(t, exitOK, code, stderr)
	assert.Equal(t, 4, strings.Count(stderr, "Let op:"))
	rows := readCSV(t, out)
	assert.Equal(t, "geen taakstelling", rows[1][8])
}

func TestQuotaHelp(t *testing.T) {
	cases := []struct {
		args []string
		want string
	}{
		{[]string{"report", "--help"}, "Gebruik: ploeg report <rapport>"},
		{[]string{"report", "quota", "--help"}, "Gebruik: ploeg report quota [opties]"},
		{[]string{"forecast", "--help"}, "Gebruik: ploeg forecast [opties]"},
		{[]string{"help", "forecast"}, "Gebruik: ploeg forecast [opties]"},
	}
	for _, c := range cases {
		code, out, _ := run(t, nil, c.args...)
		assert.Equal(t, exitOK, code, c.args)
		assert.Contains(t, out, c.want, c.args)
	}
}

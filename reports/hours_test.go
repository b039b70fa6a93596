package reports_test

import (
	"bytes"
	"strings"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"ploeg/domain"
	"ploeg/reports"
)

func TestHoursByType(t *testing.T) {
	ds, p := small(t)
	rows, err := reports.Hours(ds, p)
	require.NoError(t, err)
	byKey := map[string]reports.HourRow{}
	for _, r := range rows {
		byKey[r.Employee+" "+r.Date.String()] = r
	}
	for _, tc := range []struct {
		key  string
		want reports.HourRow
	}{
		// Worked: 08:00–15:30 minus 30 minutes.
		{"e0002 2026-11-23", reports.HourRow{Workplace: "verpakken-a", Gewerkt: 420}},
		// Absences: the contract hours spread over the workdays (36 h over 5 days = 7.2 h).
		{"e0003 2026-11-25", reports.HourRow{Ziek: 432}},
		{"e0004 2026-11-24", reports.HourRow{Verlof: 336}}, // 28 h over 5 days
		{"e0006 2026-11-26", reports.HourRow{Therapeutisch: 432}},
		{"e0001 2026-11-27", reports.HourRow{Overig: 432}},
	} {
		t.Run(tc.key, func(t *testing.T) {
			got, ok := byKey[tc.key]
			require.True(t, ok)
			got.Employee, got.Name, got.Date = "", "", 0
			assert.Equal(t, tc.want, got)
		})
	}
	// No row for Zoë's days off; rows ordered by employee and date.
	assert.NotContains(t, byKey, "e0002 2026-11-24")
	for i := 1; i < len(rows); i++ {
		a, b := rows[i-1], rows[i]
		assert.True(t, a.Employee < b.Employee || (a.Employee == b.Employee && a.Date < b.Date))
	}
}

func TestHoursAcrossTheClockChange(t *testing.T) {
	ds, _ := small(t)
	night := domain.Shift{ID: "nacht", Workplace: "verpakken-a", Date: domain.NewDate(2026, 10, 24), Start: 22 * 60, End: 6 * 60, BreakMinutes: 30, Max: 1, Priority: 1}
	ds.Shifts = append(ds.Shifts, night)
	p := &domain.Plan{From: night.Date, To: night.Date, Assignments: []domain.Assignment{{Employee: "e0001", Shift: "nacht"}}}
	rows, err := reports.Hours(ds, p)
	require.NoError(t, err)
	require.Len(t, rows, 1)
	assert.Equal(t, 510, rows[0].Gewerkt, "22:00–06:00 is nine real hours that night, minus the break")
}

func TestHoursCSVAndTheLedger(t *testing.T) {
	ds, p := small(t)
	rows, err := reports.Hours(ds, p)
	require.NoError(t, err)
	var first bytes.Buffer
	require.NoError(t, reports.WriteHoursCSV(&first, rows, nil))
	lines := strings.Split(strings.TrimSpace(first.String()), "\n")
	assert.Equal(t, "medewerker;naam;datum;werkplek;gewerkt;verlof;ziek;therapeutisch;overig;geexporteerd", lines[0])
	assert.Contains(t, lines, "e0002;Zoë Çelik;2026-11-23;verpakken-a;7,00;0,00;0,00;0,00;0,00;nee")
	assert.Contains(t, lines, "e0004;Kacper Brüggemann;2026-11-24;;0,00;5,60;0,00;0,00;0,00;nee")
	assert.Len(t, lines, len(rows)+1)

	// The first export becomes the ledger; the next export of a changed plan flags what was sent.
	sent, err := reports.ReadHoursCSV(&first)
	require.NoError(t, err)
	require.Equal(t, rows, sent, "the CSV reads back to the same rows")
	ledger := reports.NewLedger(sent)

	ds.Absences = append(ds.Absences, domain.Absence{Person: "e0002", From: domain.NewDate(2026, 11, 27), To: domain.NewDate(2026, 11, 27), Kind: domain.Verlof})
	changed := *p
	changed.Assignments = nil
	for _, a := range p.Assignments {
		if a.Employee != "e0002" || a.Shift != "verpakken-a-2026-11-27" {
			changed.Assignments = append(changed.Assignments, a)
		}
	}
	rows2, err := reports.Hours(ds, &changed)
	require.NoError(t, err)
	var second bytes.Buffer
	require.NoError(t, reports.WriteHoursCSV(&second, rows2, ledger))
	out := second.String()
	assert.Contains(t, out, "e0002;Zoë Çelik;2026-11-23;verpakken-a;7,00;0,00;0,00;0,00;0,00;ja\n")
	assert.Contains(t, out, "e0002;Zoë Çelik;2026-11-27;;0,00;7,00;0,00;0,00;0,00;gewijzigd\n", "worked became leave: a correction")

	// Ledger files are exports put together: a repeated header is skipped, the later row wins.
	var ledgerFile bytes.Buffer
	require.NoError(t, reports.WriteLedgerRows(&ledgerFile, rows, true))
	require.NoError(t, reports.WriteLedgerRows(&ledgerFile, rows2, true))
	all, err := reports.ReadHoursCSV(&ledgerFile)
	require.NoError(t, err)
	assert.Equal(t, reports.ExportedYes, reports.NewLedger(all).State(rows2[len(rows2)-1]))
}

func TestReadHoursCSVRefusesNonsense(t *testing.T) {
	for _, tc := range []struct{ name, csv, want string }{
		{"columns", "a;b\n", "regel 1"},
		{"date", "e1;X;23-11-2026;;7,00;0;0;0;0;nee\n", "kolom datum"},
		{"hours", "e1;X;2026-11-23;;zeven;0;0;0;0;nee\n", "kolom gewerkt"},
		{"too many hours", "e1;X;2026-11-23;;25;0;0;0;0;nee\n", "tussen 0 en 24"},
	} {
		t.Run(tc.name, func(t *testing.T) {
			_, err := reports.ReadHoursCSV(strings.NewReader(tc.csv))
			assert.ErrorContains(t, err, tc.want)
		})
	}
}

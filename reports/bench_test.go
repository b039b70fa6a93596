package reports_test

import (
	"io"
	"testing"

	"ploeg/reports"
)

// The rosters at Paswerk size: about 650 people, 25 werkplekken, a week of five days
// (docs/BENCHMARKS.md). The plan is made once, outside the timing.
func BenchmarkRostersPaswerkWeek(b *testing.B) {
	ds, p := paswerk(b)
	m := testMeta()
	for _, bc := range []struct {
		name   string
		render func(io.Writer) error
	}{
		{"week", func(w io.Writer) error { return reports.WeekRoster(w, ds, p, m, reports.WeekOptions{}) }},
		{"dagstaat", func(w io.Writer) error { return reports.Dagstaat(w, ds, p, m, reports.DagstaatOptions{}) }},
		{"persoon", func(w io.Writer) error { return reports.PersonalWeek(w, ds, p, m, reports.PersonOptions{}) }},
		{"makkelijk", func(w io.Writer) error { return reports.EasyWeek(w, ds, p, m, reports.EasyOptions{}) }},
		{"hours-csv", func(w io.Writer) error {
			rows, err := reports.Hours(ds, p)
			if err != nil {
				return err
			}
			return reports.WriteHoursCSV(w, rows, nil)
		}},
	} {
		b.Run(bc.name, func(b *testing.B) {
			for b.Loop() {
				if err := bc.render(io.Discard); err != nil {
					b.Fatal(err)
				}
			}
		})
	}
}

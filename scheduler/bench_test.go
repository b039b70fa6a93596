package scheduler_test

import (
	"context"
	"testing"

	"ploeg/demo"
	"ploeg/domain"
	"ploeg/scheduler"
)

// The Paswerk-size region: the default demo (600 Wsw people plus beschut werk, about 75 werkleiders,
// about 60 shifts a day).
func paswerk(b testing.TB, employees, days int) *domain.Dataset {
	if b != nil {
		b.Helper()
	}
	opts := demo.DefaultOptions(monday)
	opts.Employees, opts.Days = employees, days
	return demo.Generate(opts)
}

func benchPlan(b *testing.B, ds *domain.Dataset, days int) {
	b.ReportAllocs()
	var p domain.Plan
	var stats scheduler.Stats
	for b.Loop() {
		var err error
		p, stats, err = scheduler.PlanWithStats(context.Background(), ds, monday, monday.AddDays(days-1), scheduler.Options{Seed: 1})
		if err != nil {
			b.Fatal(err)
		}
	}
	b.ReportMetric(p.Score.Total, "objective")
	b.ReportMetric(stats.LowerBound, "lowerbound")
	b.ReportMetric(float64(p.Score.Understaffed), "understaffed")
}

func BenchmarkPlanPaswerkDay(b *testing.B)  { benchPlan(b, paswerk(b, 600, 15), 1) }
func BenchmarkPlanPaswerkWeek(b *testing.B) { benchPlan(b, paswerk(b, 600, 15), 5) }
func BenchmarkPlan10000Week(b *testing.B)   { benchPlan(b, paswerk(b, 10000, 5), 5) }

func BenchmarkRepair10Sick(b *testing.B) {
	ds := paswerk(b, 600, 15)
	before, err := scheduler.Plan(context.Background(), ds, monday, monday.AddDays(4), scheduler.Options{Seed: 1})
	if err != nil {
		b.Fatal(err)
	}
	sick := sickReports(ds, before, monday.AddDays(1), 10)
	b.ReportAllocs()
	var rep scheduler.RepairReport
	for b.Loop() {
		_, rep, err = scheduler.Repair(context.Background(), ds, before, scheduler.Changes{Absences: sick}, scheduler.RepairOptions{})
		if err != nil {
			b.Fatal(err)
		}
	}
	b.ReportMetric(float64(rep.Changed), "changed")
}

package api

import (
	"os"
	"testing"

	"ploeg/domain"
)

// BenchmarkApplyChange measures one assignment change on a Paswerk week (the plan and dataset of
// docs/BENCHMARKS.md, when PLOEG_BENCH_DIR holds ds.json and plan.json).
func BenchmarkApplyChange(b *testing.B) {
	dir := os.Getenv("PLOEG_BENCH_DIR")
	if dir == "" {
		b.Skip("PLOEG_BENCH_DIR not set")
	}
	f, err := os.Open(dir + "/ds.json")
	if err != nil {
		b.Fatal(err)
	}
	ds, err := domain.DecodeDataset(f)
	if err != nil {
		b.Fatal(err)
	}
	pb, err := os.ReadFile(dir + "/plan.json")
	if err != nil {
		b.Fatal(err)
	}
	var p domain.Plan
	if err := domain.DecodeStrict(pb, &p); err != nil {
		b.Fatal(err)
	}
	d := p.From
	c := changeRequest{Employee: p.Assignments[0].Employee, Date: &d, Reason: "bench"}
	for b.Loop() {
		if _, _, err := applyChange(ds, p, c); err != nil {
			b.Fatal(err)
		}
	}
}

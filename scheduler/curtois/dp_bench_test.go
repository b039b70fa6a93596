package curtois

import (
	"math"
	"path/filepath"
	"testing"
)

func BenchmarkBestRow(b *testing.B) {
	benchBestRow(b, func(*solver, int) float64 { return math.Inf(1) })
}

// BenchmarkBestRowBounded prices each person against their current row, as the search does.
func BenchmarkBestRowBounded(b *testing.B) {
	benchBestRow(b, func(s *solver, e int) float64 { return s.rowCost(e) })
}

func benchBestRow(b *testing.B, bound func(*solver, int) float64) {
	for _, name := range []string{"Instance2.txt", "Instance5.txt", "Instance7.txt", "Instance8.txt", "Instance9.txt", "Instance10.txt", "Instance11.txt", "Instance12.txt"} {
		in := load(b, filepath.Join(benchDir(b), name))
		s := newSolver(in, 1)
		s.start()
		b.Run(name, func(b *testing.B) {
			n, ext := 0, int64(0)
			for i := 0; b.Loop(); i++ {
				e := i % len(in.Staff)
				_, _, x, ok, _ := s.bestRow(e, dpLimit, bound(s, e))
				if ok {
					n++
				}
				ext += x
			}
			b.ReportMetric(float64(n)/float64(b.N), "ok/op")
			b.ReportMetric(float64(ext)/float64(b.N), "ext/op")
		})
	}
}

package curtois

import (
	"path/filepath"
	"testing"
)

func BenchmarkBestRow(b *testing.B) {
	for _, name := range []string{"Instance2.txt", "Instance5.txt", "Instance7.txt", "Instance12.txt"} {
		in := load(b, filepath.Join(benchDir(b), name))
		s := newSolver(in, 1)
		b.Run(name, func(b *testing.B) {
			n := 0
			for i := 0; b.Loop(); i++ {
				if _, _, _, ok := s.bestRow(i%len(in.Staff), dpLimit); ok {
					n++
				}
			}
			b.ReportMetric(float64(n)/float64(b.N), "ok/op")
		})
	}
}

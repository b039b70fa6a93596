package curtois

import (
	"path/filepath"
	"testing"
)

func BenchmarkBestRow(b *testing.B) {
	for _, name := range []string{"Instance2.txt", "Instance5.txt", "Instance7.txt", "Instance9.txt", "Instance10.txt", "Instance11.txt", "Instance12.txt"} {
		in := load(b, filepath.Join(benchDir(b), name))
		s := newSolver(in, 1)
		b.Run(name, func(b *testing.B) {
			n, ext := 0, int64(0)
			for i := 0; b.Loop(); i++ {
				_, _, x, ok := s.bestRow(i%len(in.Staff), dpLimit)
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

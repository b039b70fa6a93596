package curtois

import (
	"bufio"
	"context"
	"fmt"
	"io"
	"math"
	"os"
	"path/filepath"
	"strconv"
	"time"

	"ploeg/scheduler/mip"
)

// The benchmark as a mixed-integer program, for CBC. Variables:
//
//	x_e_d_k  binary: person e works shift type k on day d (not on days off, not for a type with
//	         maximum 0)
//	y_e_w    binary: person e works weekend w
//	u_d_k, o_d_k ≥ 0: people short of and above the cover requirement
//	one      fixed at 1, carrying the objective's constant (the on-requests' weights)
//
// Rows: one shift a day; rotation x_e_d_k1 + x_e_d+1_k2 ≤ 1; per-type maxima; total minutes between
// the bounds; no more than MaxConsecutive worked days in any window of MaxConsecutive+1 days;
// minimum runs of work and of days off, excluding runs that touch the horizon's ends, stated as
// "no run of exactly l days between two days of the other kind"; y_e_w ≥ worked on Saturday and on
// Sunday, Σ_w y_e_w ≤ MaxWeekends; cover Σ_e x_e_d_k + u_d_k − o_d_k = requirement.

// lpWriter collects rows of an LP file with short lines.
type lpWriter struct {
	bw   *bufio.Writer
	rows int
}

type lpTerm struct {
	coef float64
	name string
}

func (w *lpWriter) row(name string, terms []lpTerm, sense string, rhs float64) {
	if len(terms) == 0 {
		return
	}
	w.rows++
	w.bw.WriteString(" " + name + ":")
	for i, t := range terms {
		if i > 0 && i%8 == 0 {
			w.bw.WriteString("\n  ")
		}
		sign, c := " + ", t.coef
		if c < 0 {
			sign, c = " - ", -c
		}
		w.bw.WriteString(sign)
		if c != 1 {
			w.bw.WriteString(strconv.FormatFloat(c, 'f', -1, 64) + " ")
		}
		w.bw.WriteString(t.name)
	}
	w.bw.WriteString(" " + sense + " " + strconv.FormatFloat(rhs, 'f', -1, 64) + "\n")
}

func xName(e, d, k int) string { return fmt.Sprintf("x_%d_%d_%d", e, d, k) }

// WriteLP writes in as a MIP in CPLEX LP format; the optimum of the MIP is the benchmark's optimum.
func WriteLP(w io.Writer, in *Instance) error {
	H, S := in.Horizon, len(in.Shifts)
	has := func(e, d, k int) bool { return in.Staff[e].MaxShifts[k] > 0 && !isDayOff(in, e, d) }
	worked := func(e, d int) []lpTerm { // Σ_k x_e_d_k
		var ts []lpTerm
		for k := range S {
			if has(e, d, k) {
				ts = append(ts, lpTerm{1, xName(e, d, k)})
			}
		}
		return ts
	}
	scaled := func(ts []lpTerm, c float64) []lpTerm {
		out := make([]lpTerm, len(ts))
		for i, t := range ts {
			out[i] = lpTerm{t.coef * c, t.name}
		}
		return out
	}
	bw := bufio.NewWriter(w)
	lp := &lpWriter{bw: bw}
	// Objective.
	obj := map[string]float64{}
	constant := 0.0
	for _, q := range in.OnRequests {
		constant += float64(q.Weight)
		if has(q.Staff, q.Day, q.Shift) {
			obj[xName(q.Staff, q.Day, q.Shift)] -= float64(q.Weight)
		}
	}
	for _, q := range in.OffRequests {
		if has(q.Staff, q.Day, q.Shift) {
			obj[xName(q.Staff, q.Day, q.Shift)] += float64(q.Weight)
		}
	}
	cover := map[[2]int]Cover{}
	for _, c := range in.Cover {
		cover[[2]int{c.Day, c.Shift}] = c
	}
	bw.WriteString("\\ Curtois–Qu shift scheduling benchmark as a MIP (Ploeg, scheduler/curtois)\nMinimize\n obj: " +
		strconv.FormatFloat(constant, 'f', -1, 64) + " one")
	n := 0
	var cols []string // every x column, in a fixed order
	for e := range in.Staff {
		for d := range H {
			for k := range S {
				if has(e, d, k) {
					name := xName(e, d, k)
					cols = append(cols, name)
					c, sign := obj[name], " + "
					if c < 0 {
						c, sign = -c, " - "
					}
					bw.WriteString(sign + strconv.FormatFloat(c, 'f', -1, 64) + " " + name)
					if n++; n%8 == 0 {
						bw.WriteString("\n  ")
					}
				}
			}
		}
	}
	for d := range H {
		for k := range S {
			if c, ok := cover[[2]int{d, k}]; ok {
				fmt.Fprintf(bw, "\n  + %d u_%d_%d + %d o_%d_%d", c.Under, d, k, c.Over, d, k)
			}
		}
	}
	bw.WriteString("\nSubject To\n")
	for e, st := range in.Staff {
		for d := range H {
			if ts := worked(e, d); len(ts) > 1 {
				lp.row(fmt.Sprintf("day_%d_%d", e, d), ts, "<=", 1)
			}
			if d+1 < H {
				for k1 := range S {
					for _, k2 := range in.Shifts[k1].CannotFollow {
						if has(e, d, k1) && has(e, d+1, k2) {
							lp.row(fmt.Sprintf("rot_%d_%d_%d_%d", e, d, k1, k2), []lpTerm{{1, xName(e, d, k1)}, {1, xName(e, d+1, k2)}}, "<=", 1)
						}
					}
				}
			}
		}
		var mins []lpTerm
		for k := range S {
			var ts []lpTerm
			for d := range H {
				if has(e, d, k) {
					ts = append(ts, lpTerm{1, xName(e, d, k)})
					mins = append(mins, lpTerm{float64(in.Shifts[k].Minutes), xName(e, d, k)})
				}
			}
			if len(ts) > st.MaxShifts[k] {
				lp.row(fmt.Sprintf("max_%d_%d", e, k), ts, "<=", float64(st.MaxShifts[k]))
			}
		}
		if len(mins) == 0 && st.MinTotalMinutes > 0 {
			mins = []lpTerm{{0, "one"}} // an infeasible person: 0 ≥ MinTotalMinutes
		}
		lp.row(fmt.Sprintf("minmin_%d", e), mins, ">=", float64(st.MinTotalMinutes))
		lp.row(fmt.Sprintf("maxmin_%d", e), mins, "<=", float64(st.MaxTotalMinutes))
		c := st.MaxConsecutive
		for d := 0; d+c < H; d++ {
			var ts []lpTerm
			for j := d; j <= d+c; j++ {
				ts = append(ts, worked(e, j)...)
			}
			if len(ts) > c {
				lp.row(fmt.Sprintf("maxrun_%d_%d", e, d), ts, "<=", float64(c))
			}
		}
		// No run of exactly l worked days (1 ≤ l < MinConsecutive) from d+1 to d+l with days off at d
		// and d+l+1: −w_d + Σ w_{d+j} − w_{d+l+1} ≤ l − 1. And for days off: w_d − Σ w_{d+j} + w_{d+l+1} ≤ 1.
		for l := 1; l < max(st.MinConsecutive, st.MinDaysOff); l++ {
			for d := 0; d+l+1 <= H-1; d++ {
				var mid []lpTerm
				for j := 1; j <= l; j++ {
					mid = append(mid, worked(e, d+j)...)
				}
				ends := append(append([]lpTerm(nil), worked(e, d)...), worked(e, d+l+1)...)
				if l < st.MinConsecutive && len(mid) > 0 {
					lp.row(fmt.Sprintf("minrun_%d_%d_%d", e, d, l), append(scaled(ends, -1), mid...), "<=", float64(l-1))
				}
				if l < st.MinDaysOff && len(ends) > 0 {
					lp.row(fmt.Sprintf("minoff_%d_%d_%d", e, d, l), append(ends, scaled(mid, -1)...), "<=", 1)
				}
			}
		}
		var wk []lpTerm
		for w := 0; 7*w+6 < H; w++ {
			y := fmt.Sprintf("y_%d_%d", e, w)
			for _, d := range []int{7*w + 5, 7*w + 6} {
				for _, t := range worked(e, d) {
					lp.row(fmt.Sprintf("wkd_%d_%d_%s", e, w, t.name), []lpTerm{{1, t.name}, {-1, y}}, "<=", 0)
				}
			}
			wk = append(wk, lpTerm{1, y})
		}
		if len(wk) > st.MaxWeekends {
			lp.row(fmt.Sprintf("wk_%d", e), wk, "<=", float64(st.MaxWeekends))
		}
	}
	for d := range H {
		for k := range S {
			c, ok := cover[[2]int{d, k}]
			if !ok {
				continue
			}
			var ts []lpTerm
			for e := range in.Staff {
				if has(e, d, k) {
					ts = append(ts, lpTerm{1, xName(e, d, k)})
				}
			}
			ts = append(ts, lpTerm{1, fmt.Sprintf("u_%d_%d", d, k)}, lpTerm{-1, fmt.Sprintf("o_%d_%d", d, k)})
			lp.row(fmt.Sprintf("cover_%d_%d", d, k), ts, "=", float64(c.Requirement))
		}
	}
	bw.WriteString("Bounds\n one = 1\nBinaries\n")
	for i, name := range cols {
		bw.WriteString(" " + name)
		if i%8 == 7 {
			bw.WriteString("\n")
		}
	}
	for e := range in.Staff {
		for w := 0; 7*w+6 < H; w++ {
			fmt.Fprintf(bw, " y_%d_%d", e, w)
		}
		bw.WriteString("\n")
	}
	bw.WriteString("End\n")
	return bw.Flush()
}

func isDayOff(in *Instance, e, d int) bool {
	for _, x := range in.DaysOff[e] {
		if x == d {
			return true
		}
	}
	return false
}

// MIPResult is what CBC found for an instance.
type MIPResult struct {
	Roster    Roster  // nil when CBC found none
	Objective int     // Evaluate's objective of Roster
	MIPValue  float64 // CBC's objective value; equals Objective when the model is right
	Bound     float64 // CBC's best proven bound; Objective when Status is optimal
	Status    string
	Elapsed   time.Duration
}

// SolveMIP writes in as a MIP (WriteLP) and solves it with CBC under timeLimit on one thread.
func SolveMIP(ctx context.Context, in *Instance, timeLimit time.Duration) (MIPResult, error) {
	began := time.Now()
	dir, err := os.MkdirTemp("", "curtois-mip-")
	if err != nil {
		return MIPResult{}, err
	}
	defer os.RemoveAll(dir)
	f, err := os.Create(filepath.Join(dir, "model.lp"))
	if err != nil {
		return MIPResult{}, err
	}
	if err := WriteLP(f, in); err != nil {
		f.Close()
		return MIPResult{}, err
	}
	if err := f.Close(); err != nil {
		return MIPResult{}, err
	}
	out, err := mip.RunLP(ctx, dir, mip.Options{TimeLimit: timeLimit})
	res := MIPResult{Status: out.Status, Bound: out.Bound, Elapsed: time.Since(began)}
	if err != nil {
		return res, err
	}
	if out.Status == mip.StatusNoSolution || out.Status == mip.StatusInfeasible {
		return res, nil
	}
	r := NewRoster(in)
	for e := range in.Staff {
		for d := range in.Horizon {
			for k := range in.Shifts {
				if math.Round(out.Values[xName(e, d, k)]) == 1 {
					r[e][d] = k
				}
			}
		}
	}
	res.Roster = r
	res.Objective = Evaluate(in, r).Objective
	res.MIPValue = out.Objective
	if out.Status == mip.StatusOptimal {
		res.Bound = float64(res.Objective)
	}
	return res, nil
}

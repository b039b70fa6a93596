package curtois

import "fmt"

// Evaluation is what Evaluate finds: the objective and every hard rule a roster breaks.
type Evaluation struct {
	Objective  int
	Violations []string
	// The objective's parts.
	Requests, Under, Over int
}

// Valid reports whether the roster keeps every hard rule.
func (ev Evaluation) Valid() bool { return len(ev.Violations) == 0 }

// Evaluate checks r against in from the benchmark's definitions alone (README "Model"), sharing no
// code with the solver: the seven hard rules and the objective.
func Evaluate(in *Instance, r Roster) Evaluation {
	var ev Evaluation
	bad := func(e int, format string, args ...any) {
		ev.Violations = append(ev.Violations, in.Staff[e].ID+": "+fmt.Sprintf(format, args...))
	}
	H := in.Horizon
	worked := func(e, d int) bool { return r[e][d] >= 0 }
	for e, st := range in.Staff {
		counts := make([]int, len(in.Shifts))
		total := 0
		for d := range H {
			s := r[e][d]
			if s < 0 {
				continue
			}
			counts[s]++
			total += in.Shifts[s].Minutes
			if d+1 < H && r[e][d+1] >= 0 {
				for _, no := range in.Shifts[s].CannotFollow {
					if no == r[e][d+1] {
						bad(e, "dienst %s op dag %d na %s op dag %d (rotatieverbod)", in.Shifts[no].ID, d+1, in.Shifts[s].ID, d)
					}
				}
			}
		}
		for s, n := range counts {
			if n > st.MaxShifts[s] {
				bad(e, "%d diensten %s, hoogstens %d", n, in.Shifts[s].ID, st.MaxShifts[s])
			}
		}
		if total > st.MaxTotalMinutes || total < st.MinTotalMinutes {
			bad(e, "%d minuten gewerkt, toegestaan %d t/m %d", total, st.MinTotalMinutes, st.MaxTotalMinutes)
		}
		// Maximal runs of equal state (worked or off).
		for start := 0; start < H; {
			end := start
			for end+1 < H && worked(e, end+1) == worked(e, start) {
				end++
			}
			n := end - start + 1
			inside := start > 0 && end < H-1
			if worked(e, start) {
				if n > st.MaxConsecutive {
					bad(e, "%d dagen achter elkaar gewerkt (dag %d t/m %d), hoogstens %d", n, start, end, st.MaxConsecutive)
				}
				if inside && n < st.MinConsecutive {
					bad(e, "%d dagen achter elkaar gewerkt (dag %d t/m %d), minstens %d", n, start, end, st.MinConsecutive)
				}
			} else if inside && n < st.MinDaysOff {
				bad(e, "%d vrije dagen achter elkaar (dag %d t/m %d), minstens %d", n, start, end, st.MinDaysOff)
			}
			start = end + 1
		}
		weekends := 0
		for k := 0; 7*k+6 < H; k++ {
			if worked(e, 7*k+5) || worked(e, 7*k+6) {
				weekends++
			}
		}
		if weekends > st.MaxWeekends {
			bad(e, "%d weekenden gewerkt, hoogstens %d", weekends, st.MaxWeekends)
		}
		for _, d := range in.DaysOff[e] {
			if worked(e, d) {
				bad(e, "werkt op vrije dag %d", d)
			}
		}
	}
	for _, q := range in.OnRequests {
		if r[q.Staff][q.Day] != q.Shift {
			ev.Requests += q.Weight
		}
	}
	for _, q := range in.OffRequests {
		if r[q.Staff][q.Day] == q.Shift {
			ev.Requests += q.Weight
		}
	}
	for _, c := range in.Cover {
		n := 0
		for e := range in.Staff {
			if r[e][c.Day] == c.Shift {
				n++
			}
		}
		if n < c.Requirement {
			ev.Under += c.Under * (c.Requirement - n)
		} else {
			ev.Over += c.Over * (n - c.Requirement)
		}
	}
	ev.Objective = ev.Requests + ev.Under + ev.Over
	return ev
}

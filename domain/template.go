package domain

// KindTemplate holds the stored basisrooster: shift templates such as "ma–vr 08:00–16:00 at
// verpakken-a, min 6 max 10", expanded into shifts for a period on request. Like plans they are
// kept beside the dataset, not in it.
const KindTemplate Kind = "templates"

// ShiftTemplate is one rule of the basisrooster: on these weekdays a shift at this workplace with
// these times and staffing. Ploeg's own addition, not part of the exchange format.
type ShiftTemplate struct {
	ID           string    `json:"id"`
	Workplace    string    `json:"workplace"`
	Weekdays     []Weekday `json:"weekdays"`
	Start        Clock     `json:"start"`
	End          Clock     `json:"end"`
	BreakMinutes int       `json:"breakMinutes" ploeg:"optional"`
	Min          int       `json:"min"`
	Max          int       `json:"max"`
	Priority     int       `json:"priority" ploeg:"optional"`
}

// Key returns the template's id.
func (t ShiftTemplate) Key() string { return t.ID }

// ShiftOn returns the shift the template makes on d (whatever its weekday), with the id
// workplace-date the basisrooster has always given its shifts.
func (t ShiftTemplate) ShiftOn(d Date) Shift {
	return Shift{ID: t.Workplace + "-" + d.String(), Workplace: t.Workplace, Date: d, Start: t.Start, End: t.End,
		BreakMinutes: t.BreakMinutes, Min: t.Min, Max: t.Max, Priority: max(t.Priority, 1)}
}

// Expand returns the shifts the template makes on its weekdays from..to.
func (t ShiftTemplate) Expand(from, to Date) []Shift {
	days := WeekdaySet(t.Weekdays)
	var out []Shift
	for d := from; d <= to; d++ {
		if days.Has(d.Weekday()) {
			out = append(out, t.ShiftOn(d))
		}
	}
	return out
}

// Validate checks the id, the weekdays and the shifts it makes (times, staffing, priority).
func (t ShiftTemplate) Validate() error {
	var p Problems
	checkID(&p, "id", t.ID)
	t.AddProblems(&p, "")
	return p.Err("ongeldig sjabloon")
}

// AddProblems adds what is wrong with the template's rule (not its id) to p, under prefix.
func (t ShiftTemplate) AddProblems(p *Problems, prefix string) {
	if len(t.Weekdays) == 0 {
		p.Add(prefix+"weekdays", "required", "noem de dagen, bv. [\"ma\",\"di\",\"wo\",\"do\",\"vr\"]")
	}
	for _, fe := range FieldErrors(t.ShiftOn(0).Validate()) {
		if fe.Field != "id" && fe.Field != "date" {
			p.Add(prefix+fe.Field, fe.Rule, "%s", fe.Message)
		}
	}
}

// Templates returns the repository of the basisrooster's templates.
func Templates(s Store) Repo[ShiftTemplate] { return Repo[ShiftTemplate]{s, KindTemplate} }

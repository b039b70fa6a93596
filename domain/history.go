package domain

import (
	"encoding/json"
	"fmt"
)

// HistoryEntry says which gemeente, Wsw category or contract hours an employee had up to and
// including Until; fields left empty did not differ from the next entry (or the current values).
// It is Ploeg's addition to the exchange format: employees[].history.
//
// The employee's own fields always hold the current values, the ones the planner uses; history
// only describes the past, oldest entry first. The value on a date d is taken from the first entry
// with Until ≥ d that names the field, else from the employee's own field.
type HistoryEntry struct {
	Until         Date         `json:"until"`
	Gemeente      string       `json:"gemeente,omitempty" ploeg:"optional"`
	WswCategorie  WswCategorie `json:"wswCategorie,omitempty" ploeg:"optional"`
	ContractHours *float64     `json:"contractHours,omitempty" ploeg:"optional"`
}

// UnmarshalJSON reads an employee; an empty history becomes none, so that an export (which leaves
// an empty history out) reads back equal.
func (e *Employee) UnmarshalJSON(b []byte) error {
	type plain Employee
	var p plain
	if err := json.Unmarshal(b, &p); err != nil {
		return err
	}
	if len(p.History) == 0 {
		p.History = nil
	}
	*e = Employee(p)
	return nil
}

// valueOn returns the value of one field on date d: from the first history entry with Until ≥ d
// that sets it (set reports whether an entry sets it), else current.
func valueOn[T any](h []HistoryEntry, d Date, current T, get func(*HistoryEntry) (T, bool)) T {
	for i := range h {
		if h[i].Until < d {
			continue
		}
		if v, set := get(&h[i]); set {
			return v
		}
	}
	return current
}

// GemeenteOn returns the employee's gemeente on date d (from history when d lies before a move).
func (e *Employee) GemeenteOn(d Date) string {
	return valueOn(e.History, d, e.Gemeente, func(h *HistoryEntry) (string, bool) { return h.Gemeente, h.Gemeente != "" })
}

// WswCategorieOn returns the employee's Wsw category on date d.
func (e *Employee) WswCategorieOn(d Date) WswCategorie {
	return valueOn(e.History, d, e.WswCategorie, func(h *HistoryEntry) (WswCategorie, bool) { return h.WswCategorie, h.WswCategorie != "" })
}

// ContractHoursOn returns the employee's contract hours per week on date d.
func (e *Employee) ContractHoursOn(d Date) float64 {
	return valueOn(e.History, d, e.ContractHours, func(h *HistoryEntry) (float64, bool) {
		if h.ContractHours == nil {
			return 0, false
		}
		return *h.ContractHours, true
	})
}

// validateHistory checks the employee's history on its own: every entry names a value, lies within
// the dienstbetrekking, and the entries are in date order.
func (e Employee) validateHistory(p *Problems) {
	for i, h := range e.History {
		f := fmt.Sprintf("history[%d]", i)
		if h.Gemeente == "" && h.WswCategorie == "" && h.ContractHours == nil {
			p.Add(f, "required", "noemt geen waarde; geef gemeente, wswCategorie of contractHours zoals die tot en met until golden")
		}
		if h.Gemeente != "" {
			checkGemeenteCode(p, f+".gemeente", h.Gemeente)
		}
		if h.WswCategorie != "" {
			if e.Regeling == Wsw {
				oneOf(p, f+".wswCategorie", h.WswCategorie, Matig, Ernstig)
			} else {
				p.Add(f+".wswCategorie", "rule", "hoort alleen bij regeling wsw; laat het weg voor beschut werk")
			}
		}
		if h.ContractHours != nil && (*h.ContractHours <= 0 || *h.ContractHours > 60) {
			p.Add(f+".contractHours", "range", "%g uur per week kan niet; geef een getal groter dan 0 en hoogstens 60", *h.ContractHours)
		}
		switch {
		case h.Until < e.ContractStart:
			p.Add(f+".until", "range", "%s ligt vóór het begin van het contract (%s); de geschiedenis gaat alleen over de dienstbetrekking", h.Until, e.ContractStart)
		case e.ContractEnd != nil && h.Until >= *e.ContractEnd:
			p.Add(f+".until", "range", "%s ligt niet vóór het einde van het contract (%s), dus de huidige waarden zouden nooit gelden; zet de laatste waarden in de medewerker zelf", h.Until, *e.ContractEnd)
		}
		if i > 0 && h.Until <= e.History[i-1].Until {
			p.Add(f+".until", "rule", "%s ligt niet na history[%d].until (%s); zet de wijzigingen op datum, de oudste eerst, elke datum één keer", h.Until, i-1, e.History[i-1].Until)
		}
	}
}

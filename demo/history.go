package demo

import (
	"cmp"
	"slices"

	"ploeg/domain"
)

// Shares of employees with a past change (employees[].history), all before the start date.
const (
	movedShare       = 0.04 // moved to another of the four gemeenten
	hoursShare       = 0.08 // Wsw: worked more hours before (urenvermindering)
	reclassifyShare  = 0.03 // Wsw: another category before a herindicatie
	beschutMoveShare = 0.10 // beschut werk: moved after placement (counts for the placement gemeente)
)

// addHistory gives some employees earlier values: a move, fewer hours than before, a herindicatie.
// It runs after everything else, so the rest of the demo is the same with or without it.
func (g *generator) addHistory() {
	for i := range g.ds.Employees {
		e := &g.ds.Employees[i]
		last := g.opts.Start.AddDays(-1)
		if e.ContractEnd != nil && *e.ContractEnd <= last {
			last = e.ContractEnd.AddDays(-1)
		}
		if last <= e.ContractStart {
			continue
		}
		var changes []domain.HistoryEntry
		moved := movedShare
		if e.Regeling == domain.Beschut {
			moved = beschutMoveShare
		}
		if chance(g.rng, moved) {
			changes = append(changes, domain.HistoryEntry{Until: g.dayIn(e.ContractStart, last), Gemeente: g.otherGemeente(e.Gemeente)})
		}
		if e.Regeling == domain.Wsw && e.ContractHours < 36 && chance(g.rng, hoursShare) {
			changes = append(changes, domain.HistoryEntry{Until: g.dayIn(e.ContractStart, last), ContractHours: ptr(min(36, e.ContractHours+4))})
		}
		if e.Regeling == domain.Wsw && chance(g.rng, reclassifyShare) {
			earlier := domain.Ernstig
			if e.WswCategorie == domain.Ernstig {
				earlier = domain.Matig
			}
			changes = append(changes, domain.HistoryEntry{Until: g.dayIn(e.ContractStart, last), WswCategorie: earlier})
		}
		e.History = mergeHistory(changes)
	}
}

// dayIn returns a random day in from..to.
func (g *generator) dayIn(from, to domain.Date) domain.Date {
	return from.AddDays(g.rng.IntN(int(to-from) + 1))
}

// otherGemeente returns one of the region's other gemeenten, by population.
func (g *generator) otherGemeente(code string) string {
	for {
		if c := g.drawGemeente(); c != code {
			return c
		}
	}
}

// mergeHistory sorts changes by date and merges those of one date into one entry.
func mergeHistory(changes []domain.HistoryEntry) []domain.HistoryEntry {
	slices.SortFunc(changes, func(a, b domain.HistoryEntry) int { return cmp.Compare(a.Until, b.Until) })
	var out []domain.HistoryEntry
	for _, c := range changes {
		if n := len(out); n > 0 && out[n-1].Until == c.Until {
			last := &out[n-1]
			last.Gemeente = cmp.Or(last.Gemeente, c.Gemeente)
			last.WswCategorie = cmp.Or(last.WswCategorie, c.WswCategorie)
			if last.ContractHours == nil {
				last.ContractHours = c.ContractHours
			}
			continue
		}
		out = append(out, c)
	}
	return out
}

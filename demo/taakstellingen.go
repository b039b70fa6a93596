package demo

import (
	"math"

	"ploeg/domain"
)

// haarlemBeschut is Haarlem's beschut werk taakstelling per year from 2016 on. Only the 2019 figure is
// real: 52 places, from the Haarlem council documents (docs/DOMAIN.md). The other years are invented
// to follow the national build-up (slow start, steady growth towards the end state).
var haarlemBeschut = []int{9, 26, 40, 52, 63, 73, 82, 89, 95, 101, 106} // 2016–2026

// beschutFactor scales Haarlem's path to the other gemeenten, roughly by population (with fewer
// people on an uitkering in Heemstede and Bloemendaal). These are invented example figures.
var beschutFactor = map[string]float64{"GM0392": 1, "GM0473": 0.11, "GM0397": 0.16, "GM0377": 0.13}

// addTaakstellingen adds the beschut werk taakstellingen 2016–2026 of every gemeente. Only Haarlem's
// 2019 target (52) is a real figure; every other one is an example.
func (g *generator) addTaakstellingen() {
	for _, gm := range g.ds.Gemeenten {
		for i, h := range haarlemBeschut {
			g.ds.Taakstellingen = append(g.ds.Taakstellingen, domain.Taakstelling{
				Gemeente: gm.Code,
				Year:     beschutFirstYear + i,
				Regeling: domain.Beschut,
				Target:   max(1, math.Round(float64(h)*beschutFactor[gm.Code])),
			})
		}
	}
}

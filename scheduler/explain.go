package scheduler

import (
	"fmt"
	"slices"
	"sort"
	"strings"

	"ploeg/domain"
)

// explainer finds the binding reasons why a shift stays short or a person has no work, in words a
// werkleider understands. Reasons never name a restriction's person: only counts and work conditions.
type explainer struct {
	st *state
}

func newExplainer(st *state) *explainer { return &explainer{st: st} }

// blocked says why e, idle on day d, cannot join shift s now; "" when nothing blocks.
func (x *explainer) blocked(e, d int, s int32) string {
	st, m := x.st, x.st.m
	sh := &m.shifts[s]
	if len(st.members[s]) >= sh.max {
		return "vol"
	}
	if st.week[e][m.week[d]]+sh.work > m.emps[e].contract+eps {
		return "uren"
	}
	if !st.seqOK(e, d, s) {
		return "rust"
	}
	if !st.canLead(s, st.leaderFor(s, m.emps[e].weight)) {
		return "werkleider"
	}
	return ""
}

func (x *explainer) supervisionReason(s int32) string {
	m := x.st.m
	sh := &m.shifts[s]
	if len(sh.werkleids) == 0 {
		return fmt.Sprintf("geen werkleider beschikbaar voor werkplek %s", wpName(m.wps[sh.wp]))
	}
	return fmt.Sprintf("werkleidercapaciteit op locatie %s is op", m.locs[sh.loc])
}

// unfilled explains why shift s has fewer people than its minimum.
func (x *explainer) unfilled(s int32) []string {
	st, m := x.st, x.st.m
	sh := &m.shifts[s]
	d := sh.day
	wp := m.wps[sh.wp]
	var reasons []string
	missingSkill := map[string]bool{}
	for _, skill := range wp.Skills {
		missingSkill[skill] = true
	}
	var restricted, times, absent, elsewhere, hours, rest, supervision int
	for e := range m.emps {
		me := &m.emps[e]
		if !fitsWorkplace(me.emp, wp) {
			for _, skill := range wp.Skills {
				if me.avail[d] && slices.Contains(me.emp.Skills, skill) {
					missingSkill[skill] = false
				}
			}
			if me.avail[d] && hasAll(me.emp.Skills, wp.Skills) {
				restricted++
			}
			continue
		}
		for _, skill := range wp.Skills {
			if me.avail[d] {
				missingSkill[skill] = false
			}
		}
		if !me.avail[d] {
			if me.unavail[d] == domain.Absent {
				absent++
			}
			continue
		}
		if !m.eligible(e, d, s) {
			times++
			continue
		}
		if st.asg[e][d] >= 0 {
			if st.asg[e][d] != s {
				elsewhere++
			}
			continue
		}
		switch x.blocked(e, d, s) {
		case "uren":
			hours++
		case "rust":
			rest++
		case "werkleider":
			supervision++
		}
	}
	var skills []string
	for skill, missing := range missingSkill {
		if missing {
			skills = append(skills, skill)
		}
	}
	sort.Strings(skills)
	for _, skill := range skills {
		reasons = append(reasons, fmt.Sprintf("geen beschikbare medewerker met vaardigheid %s", skill))
	}
	if restricted > 0 {
		reasons = append(reasons, fmt.Sprintf("%s met de juiste vaardigheden %s niet geschikt voor de werkomstandigheden (%s)",
			count(restricted, "medewerker", "medewerkers"), pl(restricted, "is", "zijn"), strings.Join(wp.Conditions, ", ")))
	}
	if times > 0 {
		reasons = append(reasons, fmt.Sprintf("%s %s niet op de tijden van deze dienst (werktijden, leeftijd of uren per dag)", count(times, "medewerker", "medewerkers"), pl(times, "kan", "kunnen")))
	}
	if absent > 0 {
		reasons = append(reasons, fmt.Sprintf("%s %s afwezig", count(absent, "geschikte medewerker", "geschikte medewerkers"), pl(absent, "is", "zijn")))
	}
	if elsewhere > 0 {
		reasons = append(reasons, fmt.Sprintf("%s %s al elders ingedeeld", count(elsewhere, "geschikte medewerker", "geschikte medewerkers"), pl(elsewhere, "is", "zijn")))
	}
	if hours > 0 {
		reasons = append(reasons, fmt.Sprintf("bij %s zijn de contracturen van de week op", count(hours, "geschikte medewerker", "geschikte medewerkers")))
	}
	if rest > 0 {
		reasons = append(reasons, fmt.Sprintf("%s %s te weinig rust na een andere dienst", count(rest, "geschikte medewerker", "geschikte medewerkers"), pl(rest, "heeft", "hebben")))
	}
	if supervision > 0 || (sh.needsWL && len(sh.werkleids) == 0) {
		reasons = append(reasons, x.supervisionReason(s))
	}
	if len(reasons) == 0 {
		reasons = append(reasons, "iedereen die geschikt is, is afwezig of al ingedeeld")
	}
	return reasons
}

// idle explains why available employee e has no shift on day d.
func (x *explainer) idle(e, d int) []string {
	m := x.st.m
	me := &m.emps[e]
	shifts := m.byDay[d]
	if len(shifts) == 0 {
		return []string{"er zijn geen diensten op deze dag"}
	}
	if len(me.elig[d]) == 0 {
		var skills []string
		var restricted, times bool
		for _, s := range shifts {
			wp := m.wps[m.shifts[s].wp]
			switch {
			case !hasAll(me.emp.Skills, wp.Skills):
				for _, skill := range wp.Skills {
					if !slices.Contains(me.emp.Skills, skill) && !slices.Contains(skills, skill) {
						skills = append(skills, skill)
					}
				}
			case !fitsWorkplace(me.emp, wp):
				restricted = true
			default:
				times = true
			}
		}
		var reasons []string
		if len(skills) > 0 {
			sort.Strings(skills)
			reasons = append(reasons, fmt.Sprintf("mist de vaardigheden voor de diensten van vandaag (%s)", strings.Join(skills, ", ")))
		}
		if restricted {
			reasons = append(reasons, "niet geschikt voor de werkplekken met diensten vandaag")
		}
		if times {
			reasons = append(reasons, "de diensten van vandaag passen niet bij de werktijden, leeftijd of uren per dag")
		}
		return reasons
	}
	seen := map[string]bool{}
	var reasons []string
	for _, s := range me.elig[d] {
		var r string
		switch x.blocked(e, d, s) {
		case "vol":
			r = "alle geschikte diensten zijn vol"
		case "uren":
			r = "de contracturen van deze week zijn op"
		case "rust":
			r = "te weinig rust na een andere dienst"
		case "werkleider":
			r = x.supervisionReason(s)
		default:
			r = "geen plaats gevonden zonder een andere dienst tekort te laten komen"
		}
		if !seen[r] {
			seen[r] = true
			reasons = append(reasons, r)
		}
	}
	return reasons
}

func hasAll(have, need []string) bool {
	for _, n := range need {
		if !slices.Contains(have, n) {
			return false
		}
	}
	return true
}

func count(n int, one, more string) string { return fmt.Sprintf("%d %s", n, pl(n, one, more)) }

func pl(n int, one, more string) string {
	if n == 1 {
		return one
	}
	return more
}

func wpName(wp *domain.Workplace) string {
	if wp.Name != "" {
		return wp.Name
	}
	return wp.ID
}

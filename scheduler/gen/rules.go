package gen

import (
	"fmt"
	"slices"
	"time"

	"ploeg/domain"
)

// eps absorbs floating-point noise when hours are compared, as the checker does.
const eps = 1e-9

// Ineligible reports the first hard rule of docs/DATASET.md that forbids employee e on shift s (at
// workplace wp) by itself, whatever else the plan holds: H2 (available on the shift's date), H3
// (skills), H4 (restrictions against conditions), H6 (times, hours per day, age) and the one-shift
// part of H7 (the shift alone does not exceed contractHours). It returns the rule ("H2", "H3", "H4",
// "H6" or "H7") and an English explanation, or two empty strings when the pair is eligible.
//
// The generator uses it to make valid pins, and scheduler/mip to choose its assignment variables;
// scheduler.Check judges both independently.
func Ineligible(cal *domain.Calendar, e *domain.Employee, s *domain.Shift, wp *domain.Workplace) (rule, why string) {
	if u := cal.EmployeeOn(e, s.Date); u != domain.Available {
		return "H2", fmt.Sprintf("not available on %s (%s)", s.Date, u.Dutch())
	}
	for _, skill := range wp.Skills {
		if !slices.Contains(e.Skills, skill) {
			return "H3", fmt.Sprintf("lacks skill %s of workplace %s", skill, wp.ID)
		}
	}
	for _, r := range e.Restrictions {
		if slices.Contains(wp.Conditions, r) {
			return "H4", fmt.Sprintf("restriction %s is a condition of workplace %s", r, wp.ID)
		}
	}
	if why := timesRule(e, s); why != "" {
		return "H6", why
	}
	if h := s.WorkedHours(); h > e.ContractHours+eps {
		return "H7", fmt.Sprintf("the shift alone is %.2f worked hours, more than the %g contract hours a week", h, e.ContractHours)
	}
	return "", ""
}

// timesRule checks H6 for one shift: earliestStart, latestEnd, maxHoursPerDay, the 12-hour limit,
// 9 hours under 18 and the 55+ limits without seniorConsent. An end before the start is the next
// day, so it lies after any latestEnd and after 18:00.
func timesRule(e *domain.Employee, s *domain.Shift) string {
	end := s.End.Minutes()
	if s.End <= s.Start {
		end += 24 * 60
	}
	h := s.WorkedHours()
	age := domain.AgeOn(e.BirthDate, s.Date)
	switch {
	case e.EarliestStart != nil && s.Start < *e.EarliestStart:
		return fmt.Sprintf("starts at %s, before earliestStart %s", s.Start, *e.EarliestStart)
	case e.LatestEnd != nil && end > e.LatestEnd.Minutes():
		return fmt.Sprintf("ends at %s (%d minutes after the shift's midnight), after latestEnd %s", s.End, end, *e.LatestEnd)
	case e.MaxHoursPerDay != nil && h > *e.MaxHoursPerDay+eps:
		return fmt.Sprintf("%.2f worked hours, more than maxHoursPerDay %g", h, *e.MaxHoursPerDay)
	case h > 12+eps:
		return fmt.Sprintf("%.2f worked hours, more than 12 (Arbeidstijdenwet)", h)
	case age < 18 && h > 9+eps:
		return fmt.Sprintf("%.2f worked hours at age %d, more than 9", h, age)
	case age >= 55 && !e.SeniorConsent && s.Start.Minutes() < 8*60:
		return fmt.Sprintf("age %d without seniorConsent: starts at %s, before 08:00", age, s.Start)
	case age >= 55 && !e.SeniorConsent && end > 18*60:
		return fmt.Sprintf("age %d without seniorConsent: ends at %s, after 18:00", age, s.End)
	case age >= 55 && !e.SeniorConsent && s.Date.Weekday().Weekend():
		return fmt.Sprintf("age %d without seniorConsent: a shift on %s", age, s.Date.Weekday())
	}
	return ""
}

// RestConflict reports whether one employee cannot work both shifts a and b under H8: fewer than
// 11 hours of real elapsed time (Europe/Amsterdam) between the end of the one that starts first and
// the start of the other; overlapping shifts conflict too.
func RestConflict(a, b *domain.Shift) bool {
	aStart, aEnd := a.Interval()
	bStart, bEnd := b.Interval()
	if bStart.Before(aStart) {
		return aStart.Sub(bEnd) < MinRest
	}
	return bStart.Sub(aEnd) < MinRest
}

// MinRest is the least rest between two shifts of one employee (H8).
const MinRest = 11 * time.Hour

package storetest

import (
	"cmp"
	"slices"

	"ploeg/domain"
)

func date(s string) domain.Date {
	d, err := domain.ParseDate(s)
	if err != nil {
		panic(err)
	}
	return d
}

func clock(s string) domain.Clock {
	c, err := domain.ParseClock(s)
	if err != nil {
		panic(err)
	}
	return c
}

// dataset returns a small dataset with at least one record of every kind that passes Validate.
// Its lists are deliberately not in key order.
func dataset() *domain.Dataset {
	end := date("2027-12-31")
	maxHours, fullTime := 7.5, 36.0
	start, latest := clock("07:30"), clock("17:00")
	org := domain.DefaultOrganisation()
	org.Name = "SW Kennemerland"
	org.AOWAges = []domain.AOWAge{{FromYear: 2033, Years: 67, Months: 6}}
	weekdays := []domain.Weekday{domain.Maandag, domain.Dinsdag, domain.Woensdag, domain.Donderdag, domain.Vrijdag}
	return &domain.Dataset{
		Version:      domain.DatasetVersion,
		Organisation: org,
		Gemeenten:    []domain.Gemeente{{Code: "GM0453", Name: "Velsen"}, {Code: "GM0392", Name: "Haarlem"}},
		Workplaces: []domain.Workplace{
			{ID: "w2", Name: "Tata Steel", Kind: domain.Detachering, Location: "IJmuiden", Client: "Tata", Skills: []string{"schoonmaak"}, Conditions: []string{}},
			{ID: "w1", Name: "Inpakafdeling", Kind: domain.Bedrijfsactiviteit, Location: "Cruquius", Skills: []string{"inpak"}, Conditions: []string{"staand"}},
		},
		Werkleiders: []domain.Werkleider{
			{ID: "wl1", Name: "Kees", Workplaces: []string{"w1"}, Workdays: weekdays, Capacity: 8},
		},
		Employees: []domain.Employee{
			{
				ID: "e0002", Name: "Bram", BirthDate: date("1990-06-15"), Gemeente: "GM0453", Regeling: domain.Beschut,
				ContractHours: 24, ContractStart: date("2022-01-01"), ContractEnd: &end, Workdays: weekdays[:3],
				Skills: []string{"schoonmaak"}, Restrictions: []string{"geen nachtdienst"}, Begeleiding: domain.BegeleidingHoog,
				EarliestStart: &start, LatestEnd: &latest, MaxHoursPerDay: &maxHours,
			},
			{
				ID: "e0001", Name: "Anja", BirthDate: date("1970-03-01"), Gemeente: "GM0392", Regeling: domain.Wsw,
				WswCategorie: domain.Matig, ContractHours: 32, ContractStart: date("2001-09-01"), Workdays: weekdays,
				Skills: []string{"inpak"}, Restrictions: []string{}, Begeleiding: domain.BegeleidingLaag,
				HomeWorkplace: "w1", SeniorConsent: true,
				History: []domain.HistoryEntry{ // Ploeg's addition: moved from Velsen, fewer hours, reclassified
					{Until: date("2019-12-31"), Gemeente: "GM0453", ContractHours: &fullTime},
					{Until: date("2024-06-30"), WswCategorie: domain.Ernstig},
				},
			},
		},
		Shifts: []domain.Shift{
			{ID: "s2", Workplace: "w2", Date: date("2026-11-24"), Start: clock("22:00"), End: clock("06:00"), BreakMinutes: 30, Min: 0, Max: 2, Priority: 2},
			{ID: "s1", Workplace: "w1", Date: date("2026-11-23"), Start: clock("08:00"), End: clock("16:30"), BreakMinutes: 30, Min: 1, Max: 3, Priority: 1},
		},
		Absences: []domain.Absence{
			{Person: "wl1", From: date("2026-12-01"), To: date("2026-12-05"), Kind: domain.Verlof},
			{Person: "e0001", From: date("2026-11-23"), To: date("2026-11-25"), Kind: domain.Ziek},
		},
		Pinned: []domain.Pin{{Employee: "e0002", Shift: "s2"}, {Employee: "e0001", Shift: "s1"}},
		Taakstellingen: []domain.Taakstelling{
			{Gemeente: "GM0453", Year: 2026, Regeling: domain.Beschut, Target: 3},
			{Gemeente: "GM0392", Year: 2026, Regeling: domain.Wsw, Target: 12.5},
		},
	}
}

// plans returns two plans, the later one first.
func plans() []domain.Plan {
	return []domain.Plan{
		{
			From: date("2026-11-30"), To: date("2026-12-06"), Status: domain.Concept,
			Assignments: []domain.Assignment{}, Supervision: []domain.Supervision{},
			Unfilled: []domain.Unfilled{}, Idle: []domain.Idle{},
		},
		{
			From: date("2026-11-23"), To: date("2026-11-29"), Status: domain.Gepubliceerd,
			Assignments: []domain.Assignment{{Employee: "e0001", Shift: "s1"}},
			Supervision: []domain.Supervision{{Werkleider: "wl1", Shift: "s1"}},
			Score:       domain.Score{Understaffed: 1, Idle: 2, Continuity: 3, Total: 1230},
			Unfilled:    []domain.Unfilled{{Shift: "s2", Missing: 0, Reasons: []string{"geen vaardigheid"}}},
			Idle:        []domain.Idle{{Employee: "e0002", Date: date("2026-11-23"), Reasons: []string{"vastgezet elders"}}},
		},
	}
}

func byKey[T domain.Entity](a, b T) int { return cmp.Compare(a.Key(), b.Key()) }

// sortDataset sorts every list of ds by key, the order a store returns them in.
func sortDataset(ds *domain.Dataset) {
	slices.SortFunc(ds.Gemeenten, byKey)
	slices.SortFunc(ds.Workplaces, byKey)
	slices.SortFunc(ds.Werkleiders, byKey)
	slices.SortFunc(ds.Employees, byKey)
	slices.SortFunc(ds.Shifts, byKey)
	slices.SortFunc(ds.Absences, byKey)
	slices.SortFunc(ds.Pinned, byKey)
	slices.SortFunc(ds.Taakstellingen, byKey)
}

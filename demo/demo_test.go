package demo

import (
	"bytes"
	"fmt"
	"regexp"
	"slices"
	"sync"
	"testing"
	"time"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"ploeg/domain"
)

func date(y int, m time.Month, d int) domain.Date { return domain.NewDate(y, m, d) }

// cliOptions is what `ploeg demo --employees 10000 --days 5 --seed 7` asks for.
var cliOptions = Options{Seed: 7, Employees: 10000, Days: 5}

// The demos the tests share; never modified.
var (
	defaultDemo = sync.OnceValue(func() *domain.Dataset { return Generate(Options{}) })
	largeDemo   = sync.OnceValue(func() *domain.Dataset { return Generate(cliOptions) })
)

// demos are the datasets every property test runs on, with the options that made them.
func demos() []struct {
	name string
	opts Options
	ds   *domain.Dataset
} {
	return []struct {
		name string
		opts Options
		ds   *domain.Dataset
	}{
		{"default", Options{}.withDefaults(), defaultDemo()},
		{"10000 employees, 5 days", cliOptions.withDefaults(), largeDemo()},
	}
}

func encode(t testing.TB, ds *domain.Dataset) []byte {
	t.Helper()
	var b bytes.Buffer
	require.NoError(t, domain.EncodeDataset(&b, ds))
	return b.Bytes()
}

func calendar(t testing.TB, ds *domain.Dataset) *domain.Calendar {
	t.Helper()
	cal, err := domain.NewCalendar(ds)
	require.NoError(t, err)
	return cal
}

func workplaceIndex(ds *domain.Dataset) map[string]*domain.Workplace {
	m := make(map[string]*domain.Workplace, len(ds.Workplaces))
	for i := range ds.Workplaces {
		m[ds.Workplaces[i].ID] = &ds.Workplaces[i]
	}
	return m
}

func available(cal *domain.Calendar, ds *domain.Dataset, d domain.Date) int {
	n := 0
	for i := range ds.Employees {
		if cal.EmployeeOn(&ds.Employees[i], d) == domain.Available {
			n++
		}
	}
	return n
}

func TestDefaultOptions(t *testing.T) {
	tests := []struct {
		name        string
		today, want domain.Date
	}{
		{"Wednesday", date(2026, 11, 25), date(2026, 11, 23)},
		{"Monday itself", date(2026, 11, 23), date(2026, 11, 23)},
		{"Sunday ends the ISO week", date(2026, 11, 29), date(2026, 11, 23)},
		{"week across new year", date(2027, 1, 2), date(2026, 12, 28)},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			o := DefaultOptions(tt.today)
			assert.Equal(t, Options{Seed: DefaultSeed, Employees: 600, Days: 15, Start: tt.want}, o)
		})
	}
}

func TestDates(t *testing.T) {
	tests := []struct {
		name  string
		start domain.Date
		days  int
		want  []string
	}{
		{"a week from Monday brings its Saturday", date(2026, 11, 23), 5,
			[]string{"2026-11-23", "2026-11-24", "2026-11-25", "2026-11-26", "2026-11-27", "2026-11-28"}},
		{"ending on Thursday", date(2026, 11, 23), 4, []string{"2026-11-23", "2026-11-24", "2026-11-25", "2026-11-26"}},
		{"from Wednesday", date(2026, 11, 25), 3, []string{"2026-11-25", "2026-11-26", "2026-11-27", "2026-11-28"}},
		{"from Saturday skips to Monday", date(2026, 11, 28), 1, []string{"2026-11-30"}},
		{"over the weekend", date(2026, 11, 27), 2, []string{"2026-11-27", "2026-11-28", "2026-11-30"}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			var got []string
			for _, d := range (Options{Start: tt.start, Days: tt.days}).Dates() {
				got = append(got, d.String())
			}
			assert.Equal(t, tt.want, got)
		})
	}
	t.Run("default: three weeks and their Saturdays", func(t *testing.T) {
		ds := Options{}.Dates()
		require.Len(t, ds, 18)
		assert.Equal(t, ReferenceStart, ds[0])
		assert.Equal(t, date(2026, 12, 12), ds[len(ds)-1])
	})
}

func TestGenerateIsValid(t *testing.T) {
	tests := []struct {
		name string
		opts Options
	}{
		{"zero options", Options{}},
		{"default options of a date", DefaultOptions(date(2027, 3, 10))},
		{"tiny region", Options{Seed: 3, Employees: 5, Days: 1}},
		{"starting on a Saturday", Options{Seed: 4, Employees: 120, Days: 2, Start: date(2026, 11, 28)}},
		{"ten years on", Options{Seed: 5, Employees: 300, Days: 5, Start: date(2036, 6, 2)}},
		{"cli", cliOptions},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			ds := Generate(tt.opts)
			require.NoError(t, ds.Validate())
			b := encode(t, ds)
			back, err := domain.DecodeDataset(bytes.NewReader(b))
			require.NoError(t, err, "the encoded demo reads back through the strict decoder")
			assert.Equal(t, b, encode(t, back), "and encodes the same again")
		})
	}
}

func TestDeterministic(t *testing.T) {
	tests := []struct {
		name string
		a, b Options
		same bool
	}{
		{"same seed", Options{Seed: 42}, Options{Seed: 42}, true},
		{"defaults spelled out", Options{}, Options{Seed: 0, Employees: 600, Days: 15, Start: ReferenceStart}, true},
		{"other seed", Options{Seed: 42}, Options{Seed: 43}, false},
		{"other start", Options{Seed: 42}, Options{Seed: 42, Start: date(2026, 11, 30)}, false},
		{"large, same seed", Options{Seed: 7, Employees: 3000, Days: 5}, Options{Seed: 7, Employees: 3000, Days: 5}, true},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			a, b := encode(t, Generate(tt.a)), encode(t, Generate(tt.b))
			if tt.same {
				assert.True(t, bytes.Equal(a, b), "same options must give byte-identical JSON")
			} else {
				assert.False(t, bytes.Equal(a, b))
			}
		})
	}
}

// shiftsPerWeekday returns the average number of shifts on a ma–vr date.
func shiftsPerWeekday(ds *domain.Dataset) float64 {
	perDate := map[domain.Date]int{}
	for _, s := range ds.Shifts {
		if !s.Date.Weekday().Weekend() {
			perDate[s.Date]++
		}
	}
	total := 0
	for _, n := range perDate {
		total += n
	}
	return float64(total) / float64(len(perDate))
}

func TestScales(t *testing.T) {
	large := Generate(cliOptions) // its speed is measured by BenchmarkGenerate, not here
	small := defaultDemo()

	tests := []struct {
		name                string
		ds                  *domain.Dataset
		wsw, workplaces     int
		minShifts, maxShift float64 // per weekday
	}{
		{"default", small, 600, 25, 45, 75},
		{"10000", large, 10000, 417, 750, 1250},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			assert.Len(t, tt.ds.Workplaces, tt.workplaces)
			people := float64(len(tt.ds.Employees))
			assert.InDelta(t, float64(tt.wsw)*(1+beschutShare), people, 1)
			assert.InDelta(t, people/9.5, float64(len(tt.ds.Werkleiders)), people/9.5*0.15, "about one werkleider per 9–10 people")
			assert.InDelta(t, (tt.minShifts+tt.maxShift)/2, shiftsPerWeekday(tt.ds), (tt.maxShift-tt.minShifts)/2)
		})
	}
	ratio := float64(len(large.Werkleiders)) / float64(len(small.Werkleiders))
	assert.InDelta(t, 10000.0/600, ratio, 3, "werkleiders scale with the employees")
}

func TestPopulation(t *testing.T) {
	for _, tt := range demos() {
		t.Run(tt.name, func(t *testing.T) {
			var wsw, beschut, ernstig, over45, restricted, homed, haarlem, senior, consent int
			var ageSum float64
			level := map[domain.Begeleiding]int{}
			cal := calendar(t, tt.ds)
			reachingAOW := 0
			for i := range tt.ds.Employees {
				e := &tt.ds.Employees[i]
				level[e.Begeleiding]++
				if len(e.Restrictions) > 0 {
					restricted++
				}
				if e.HomeWorkplace != "" {
					homed++
				}
				if e.Gemeente == "GM0392" {
					haarlem++
				}
				age := domain.AgeOn(e.BirthDate, tt.opts.Start)
				if age >= 55 {
					senior++
					if e.SeniorConsent {
						consent++
					}
				}
				if e.Regeling == domain.Beschut {
					beschut++
					assert.Empty(t, e.WswCategorie, e.ID)
					assert.GreaterOrEqual(t, e.ContractStart, date(2016, 1, 1), e.ID)
					assert.GreaterOrEqual(t, age, 18, e.ID)
					continue
				}
				wsw++
				ageSum += float64(age)
				if age > 45 {
					over45++
				}
				if e.WswCategorie == domain.Ernstig {
					ernstig++
				}
				assert.Less(t, e.ContractStart, date(2015, 1, 1), "%s: nobody enters the Wsw since 2015", e.ID)
				assert.GreaterOrEqual(t, domain.AgeOn(e.BirthDate, e.ContractStart), 18, e.ID)
				if cal.AOWDate(e) <= tt.opts.Dates()[len(tt.opts.Dates())-1] {
					reachingAOW++
				}
			}
			n := float64(len(tt.ds.Employees))
			assert.Equal(t, tt.opts.Employees, wsw)
			assert.InDelta(t, 52, ageSum/float64(wsw), 3, "mean Wsw age")
			assert.Greater(t, float64(over45)/float64(wsw), 0.70, "Wsw over 45")
			assert.InDelta(t, 0.16, float64(ernstig)/float64(wsw), 0.04, "ernstig share")
			assert.InDelta(t, 0.09, float64(beschut)/float64(wsw), 0.02, "beschut werk on top of the Wsw")
			assert.InDelta(t, 0.45, float64(level[domain.BegeleidingLaag])/n, 0.07, "begeleiding laag")
			assert.InDelta(t, 0.40, float64(level[domain.BegeleidingMidden])/n, 0.07, "begeleiding midden")
			assert.InDelta(t, 0.15, float64(level[domain.BegeleidingHoog])/n, 0.05, "begeleiding hoog")
			assert.InDelta(t, 0.30, float64(restricted)/n, 0.05, "restrictions")
			assert.InDelta(t, 0.90, float64(homed)/n, 0.06, "home workplace")
			assert.InDelta(t, 0.72, float64(haarlem)/n, 0.06, "living in Haarlem")
			assert.InDelta(t, 0.25, float64(consent)/float64(senior), 0.08, "seniorConsent among 55+")
			assert.Positive(t, reachingAOW, "some reach their AOW date by the end of the range")
		})
	}
}

func TestEmployees(t *testing.T) {
	for _, tt := range demos() {
		t.Run(tt.name, func(t *testing.T) {
			wps := workplaceIndex(tt.ds)
			idFormat := regexp.MustCompile(fmt.Sprintf(`^e[0-9]{%d}$`, max(4, digits(len(tt.ds.Employees)))))
			for i, e := range tt.ds.Employees {
				assert.Regexp(t, idFormat, e.ID)
				if i > 0 {
					assert.LessOrEqual(t, tt.ds.Employees[i-1].ContractStart, e.ContractStart, "numbered by seniority")
				}
				assert.NotEmpty(t, e.Name)
				require.NotEmpty(t, e.Workdays, e.ID)
				assert.True(t, slices.IsSorted(e.Workdays), e.ID)
				assert.NotContains(t, e.Workdays, domain.Zondag, e.ID)
				shiftHours := 7.0
				if e.MaxHoursPerDay != nil && *e.MaxHoursPerDay < 7 {
					shiftHours = 5.5
				}
				assert.LessOrEqual(t, float64(len(e.Workdays))*shiftHours, e.ContractHours, "%s: workdays fit the contract hours", e.ID)
				for _, r := range e.Restrictions {
					assert.Contains(t, conditionTags, r, "%s: restrictions are work-condition tags", e.ID)
				}
				if e.HomeWorkplace == "" {
					continue
				}
				wp := wps[e.HomeWorkplace]
				require.NotNil(t, wp, e.ID)
				for _, sk := range wp.Skills {
					assert.Contains(t, e.Skills, sk, "%s has the skills of its home workplace", e.ID)
				}
				for _, c := range wp.Conditions {
					assert.NotContains(t, e.Restrictions, c, "%s: home workplace without restricted conditions", e.ID)
				}
			}
		})
	}
}

func TestWorkplaces(t *testing.T) {
	ds := defaultDemo()
	kinds := map[domain.WorkplaceKind]int{}
	for _, w := range ds.Workplaces {
		kinds[w.Kind]++
		if w.Kind == domain.Bedrijfsactiviteit {
			assert.Empty(t, w.Client, w.ID)
		} else {
			assert.NotEmpty(t, w.Client, "%s works for a client", w.ID)
		}
		for _, sk := range w.Skills {
			assert.Contains(t, skills, sk, w.ID)
		}
		for _, c := range w.Conditions {
			assert.Contains(t, conditionTags, c, w.ID)
		}
	}
	assert.GreaterOrEqual(t, kinds[domain.Bedrijfsactiviteit], 10)
	assert.GreaterOrEqual(t, kinds[domain.Uitbesteed], 6)
	assert.GreaterOrEqual(t, kinds[domain.Detachering], 3)
	assert.Equal(t, []domain.Gemeente{
		{Code: "GM0392", Name: "Haarlem"}, {Code: "GM0473", Name: "Zandvoort"},
		{Code: "GM0397", Name: "Heemstede"}, {Code: "GM0377", Name: "Bloemendaal"},
	}, ds.Gemeenten)
	assert.Equal(t, "Paswerk (demo)", ds.Organisation.Name)
}

func TestShifts(t *testing.T) {
	for _, tt := range demos() {
		t.Run(tt.name, func(t *testing.T) {
			wps := workplaceIndex(tt.ds)
			dates := tt.opts.Dates()
			for _, s := range tt.ds.Shifts {
				wp := wps[s.Workplace]
				require.NotNil(t, wp, s.ID)
				assert.Regexp(t, "^"+regexp.QuoteMeta(s.Workplace+"-"+s.Date.String())+"(-[0-9])?$", s.ID)
				assert.Contains(t, dates, s.Date, s.ID)
				if s.Date.Weekday() == domain.Zaterdag {
					assert.Contains(t, s.Workplace, "kringloop", "%s: only the shops open on Saturday", s.ID)
				}
				wall := s.WallMinutes()
				if wall > 330 {
					assert.GreaterOrEqual(t, s.BreakMinutes, 30, "%s: a break over 5.5 hours", s.ID)
				}
				assert.LessOrEqual(t, wall-s.BreakMinutes, 7*60, "%s: five shifts fit a 36-hour week", s.ID)
				assert.LessOrEqual(t, s.Min, s.Max, s.ID)
				switch wp.Kind {
				case domain.Uitbesteed:
					assert.GreaterOrEqual(t, s.Priority, 3, s.ID)
				case domain.Bedrijfsactiviteit:
					assert.LessOrEqual(t, s.Priority, 2, s.ID)
				}
			}
		})
	}
}

func TestWerkleiders(t *testing.T) {
	for _, tt := range demos() {
		t.Run(tt.name, func(t *testing.T) {
			wps := workplaceIndex(tt.ds)
			idFormat := regexp.MustCompile(fmt.Sprintf(`^wl-[0-9]{%d}$`, max(2, digits(len(tt.ds.Werkleiders)))))
			spanning := 0
			works := map[string]domain.Weekdays{} // workplace → weekdays on which a werkleider listing it works
			for _, w := range tt.ds.Werkleiders {
				assert.Regexp(t, idFormat, w.ID)
				assert.NotEmpty(t, w.Name)
				assert.GreaterOrEqual(t, w.Capacity, 8.0, w.ID)
				assert.LessOrEqual(t, w.Capacity, 15.0, w.ID)
				assert.GreaterOrEqual(t, len(w.Workdays), 4, w.ID)
				require.NotEmpty(t, w.Workplaces, w.ID)
				assert.LessOrEqual(t, len(w.Workplaces), 4, w.ID)
				locations := map[string]bool{}
				for _, id := range w.Workplaces {
					wp := wps[id]
					assert.True(t, wp.Kind.NeedsWerkleider(), "%s lists detachering %s", w.ID, id)
					locations[wp.Location] = true
					works[id] |= domain.WeekdaySet(w.Workdays)
				}
				if len(locations) > 1 {
					spanning++
				}
			}
			assert.InDelta(t, 0.08, float64(spanning)/float64(len(tt.ds.Werkleiders)), 0.06, "some span two locations")
			for _, s := range tt.ds.Shifts {
				if wps[s.Workplace].Kind.NeedsWerkleider() {
					assert.True(t, works[s.Workplace].Has(s.Date.Weekday()),
						"%s: a werkleider listing the workplace works on %s", s.ID, s.Date.Weekday())
				}
			}
		})
	}
}

func TestDemandWithinSupply(t *testing.T) {
	for _, tt := range demos() {
		t.Run(tt.name, func(t *testing.T) {
			cal := calendar(t, tt.ds)
			for _, d := range tt.opts.Dates() {
				sumMin, sumMax := 0, 0
				for _, s := range tt.ds.Shifts {
					if s.Date == d {
						sumMin += s.Min
						sumMax += s.Max
					}
				}
				supply := available(cal, tt.ds, d)
				assert.LessOrEqual(t, sumMin, supply, "%s: the day asks no more than are available", d)
				assert.GreaterOrEqual(t, float64(sumMin), 0.7*float64(supply), "%s: but not much less", d)
				assert.GreaterOrEqual(t, sumMax, supply, "%s: there is work for everyone", d)
			}
		})
	}
}

func TestAbsences(t *testing.T) {
	ds := defaultDemo()
	employees := map[string]bool{}
	for _, e := range ds.Employees {
		employees[e.ID] = true
	}
	kinds := map[domain.AbsenceKind]int{}
	sick, werkleiders := 0, 0
	for _, a := range ds.Absences {
		kinds[a.Kind]++
		switch {
		case !employees[a.Person]:
			werkleiders++
		case a.Kind == domain.Ziek:
			sick++
		}
	}
	assert.InDelta(t, 0.065, float64(sick)/float64(len(ds.Employees)), 0.02, "employees ziek")
	assert.Positive(t, kinds[domain.Verlof])
	assert.Positive(t, kinds[domain.Therapeutisch])
	assert.Positive(t, werkleiders, "an absent werkleider or two")
}

func TestPins(t *testing.T) {
	for _, tt := range demos() {
		t.Run(tt.name, func(t *testing.T) {
			ds := tt.ds
			cal := calendar(t, ds)
			wps := workplaceIndex(ds)
			employees, shifts := map[string]*domain.Employee{}, map[string]*domain.Shift{}
			for i := range ds.Employees {
				employees[ds.Employees[i].ID] = &ds.Employees[i]
			}
			for i := range ds.Shifts {
				shifts[ds.Shifts[i].ID] = &ds.Shifts[i]
			}
			assert.Len(t, ds.Pinned, pinCount(tt.opts.Employees))
			perShift, perDay := map[string]int{}, map[string]bool{}
			for _, p := range ds.Pinned {
				e, s := employees[p.Employee], shifts[p.Shift]
				require.NotNil(t, e)
				require.NotNil(t, s)
				wp := wps[s.Workplace]
				assert.Equal(t, domain.Available, cal.EmployeeOn(e, s.Date), "%v: available", p)
				for _, sk := range wp.Skills {
					assert.Contains(t, e.Skills, sk, "%v: skilled", p)
				}
				for _, r := range e.Restrictions {
					assert.NotContains(t, wp.Conditions, r, "%v: no restricted condition", p)
				}
				assert.True(t, e.EarliestStart == nil || s.Start >= *e.EarliestStart, "%v: earliestStart", p)
				assert.True(t, e.LatestEnd == nil || s.End <= *e.LatestEnd, "%v: latestEnd", p)
				worked := float64(s.WallMinutes()-s.BreakMinutes) / 60
				assert.True(t, e.MaxHoursPerDay == nil || worked <= *e.MaxHoursPerDay, "%v: maxHoursPerDay", p)
				if domain.AgeOn(e.BirthDate, s.Date) >= 55 && !e.SeniorConsent {
					assert.True(t, s.Start >= 8*60 && s.End <= 18*60 && !s.Date.Weekday().Weekend(), "%v: CAO SW 55+", p)
				}
				perShift[s.ID]++
				assert.LessOrEqual(t, perShift[s.ID], s.Max, "%v: within max", p)
				key := e.ID + s.Date.String()
				assert.False(t, perDay[key], "%v: one shift a day", p)
				perDay[key] = true
			}
		})
	}
}

func TestTaakstellingen(t *testing.T) {
	ds := defaultDemo()
	require.Len(t, ds.Taakstellingen, 4*11)
	last := map[string]float64{}
	for _, ts := range ds.Taakstellingen {
		assert.Equal(t, domain.Beschut, ts.Regeling)
		assert.GreaterOrEqual(t, ts.Target, last[ts.Gemeente], "%s %d: targets grow", ts.Gemeente, ts.Year)
		last[ts.Gemeente] = ts.Target
		if ts.Gemeente == "GM0392" && ts.Year == 2019 {
			assert.Equal(t, 52.0, ts.Target, "Haarlem 2019 is the real figure")
		}
	}
}

func BenchmarkGenerate(b *testing.B) {
	benchmarks := []struct {
		name string
		opts Options
	}{
		{"600 employees, 15 days", Options{Seed: 7}},
		{"10000 employees, 5 days", cliOptions},
	}
	for _, bm := range benchmarks {
		b.Run(bm.name, func(b *testing.B) {
			for b.Loop() {
				Generate(bm.opts)
			}
		})
	}
}

// Some employees have a past: a move, fewer hours than before, another category before a
// herindicatie; every change lies before the start date and within the contract.
func TestHistory(t *testing.T) {
	for _, d := range demos() {
		t.Run(d.name, func(t *testing.T) {
			var moved, hours, category, beschutMoved int
			for _, e := range d.ds.Employees {
				for _, h := range e.History {
					assert.Less(t, h.Until, d.opts.Start, e.ID)
					assert.GreaterOrEqual(t, h.Until, e.ContractStart, e.ID)
					if h.Gemeente != "" {
						assert.NotEqual(t, e.Gemeente, h.Gemeente, e.ID)
						moved++
						if e.Regeling == domain.Beschut {
							beschutMoved++
						}
					}
					if h.ContractHours != nil {
						assert.Greater(t, *h.ContractHours, e.ContractHours, e.ID)
						hours++
					}
					if h.WswCategorie != "" {
						assert.NotEqual(t, e.WswCategorie, h.WswCategorie, e.ID)
						category++
					}
				}
			}
			assert.Positive(t, moved)
			assert.Positive(t, beschutMoved)
			assert.Positive(t, hours)
			assert.Positive(t, category)
		})
	}
}

package domain

import (
	"testing"
	"time"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

func d(s string) Date {
	v, err := ParseDate(s)
	if err != nil {
		panic(err)
	}
	return v
}

// The derived birth ranges of DOMAIN.md, tested on both sides of every boundary.
func TestAOWDateBoundaries(t *testing.T) {
	cases := []struct {
		birth, aow, why string
	}{
		{"1940-05-10", "2005-05-10", "before 2013: 65"},
		{"1947-12-01", "2012-12-01", "65 reached in 2012"},
		{"1948-01-01", "2013-02-01", "65 would fall in 2013, which asks 65+1m"},
		{"1952-12-31", "2018-12-31", "66 in 2018"},
		{"1953-01-01", "2019-05-01", "first day of range 1-1-1953..31-8-1955: 66+4m"},
		{"1955-08-31", "2021-12-31", "last day of 66+4m range"},
		{"1955-09-01", "2022-04-01", "66+4m would be 2022-01-01; 2022 asks 66+7m"},
		{"1956-05-31", "2022-12-31", "66+7m, month end kept"},
		{"1957-02-28", "2023-12-28", "66+10m in 2023"},
		{"1957-03-01", "2024-03-01", "first day of range 1-3-1957..31-12-1960: 67"},
		{"1957-07-31", "2024-07-31", "67: 66+10m would land in 2024"},
		{"1960-12-31", "2027-12-31", "last day of the 67 range"},
		{"1961-01-01", "2028-04-01", "first day of range 1-1-1961..30-9-1964: 67+3m"},
		{"1964-09-30", "2031-12-30", "last day of the 67+3m range"},
		{"1964-10-01", "2032-01-01", "after 2031: 67+3m until configured otherwise"},
		{"1975-06-15", "2042-09-15", "far future: 67+3m"},
		{"1952-02-29", "2017-11-29", "born 29 February 1952: 65+9m falls in 2017, which asks 65+9m"},
		{"1948-02-29", "2013-03-29", "born 29 February, 65+1m in 2013"},
		{"1960-02-29", "2027-02-28", "born 29 February, 67 in a common year"},
		{"1963-02-28", "2030-05-28", "67+3m from 28 February"},
	}
	for _, c := range cases {
		t.Run(c.birth, func(t *testing.T) {
			assert.Equal(t, d(c.aow), AOWDate(d(c.birth)), c.why)
		})
	}
}

func TestAOWDateIsMonotoneAndConsistent(t *testing.T) {
	tbl := AOWTable{}
	prev := AOWDate(d("1940-01-01"))
	for b := d("1940-01-02"); b < d("1990-01-01"); b++ {
		got := tbl.AOWDate(b)
		require.GreaterOrEqual(t, got, prev, "AOW date went back for birth %s", b)
		age := tbl.AgeInYear(got.Year())
		require.Equal(t, b.AddMonths(age.Years, age.Months), got, "birth %s: date does not fit its year's age", b)
		prev = got
	}
}

func TestAOWTableConfigured(t *testing.T) {
	tbl, err := NewAOWTable([]AOWAge{{FromYear: 2033, Years: 67, Months: 6}})
	require.NoError(t, err)
	assert.Equal(t, d("2031-12-30"), tbl.AOWDate(d("1964-09-30")), "unchanged before the new entry")
	assert.Equal(t, d("2032-01-01"), tbl.AOWDate(d("1964-10-01")), "2032 still 67+3m")
	assert.Equal(t, d("2033-04-01"), tbl.AOWDate(d("1965-10-01")), "67+3m would land in 2033, which asks 67+6m")
	assert.Equal(t, AOWAge{2033, 67, 6}, tbl.AgeInYear(2040))

	_, err = NewAOWTable([]AOWAge{{FromYear: 2035, Years: 66, Months: 0}})
	require.Error(t, err)
	assert.Contains(t, err.Error(), "daalt nooit")
}

func TestAgeOn(t *testing.T) {
	cases := []struct {
		birth, on string
		age       int
	}{
		{"2008-02-29", "2026-02-27", 17},
		{"2008-02-29", "2026-02-28", 18},
		{"2008-02-29", "2028-02-28", 19},
		{"2008-02-29", "2028-02-29", 20},
		{"1971-11-23", "2026-11-22", 54},
		{"1971-11-23", "2026-11-23", 55},
		{"1966-12-31", "2026-01-01", 59},
	}
	for _, c := range cases {
		assert.Equal(t, c.age, AgeOn(d(c.birth), d(c.on)), "%s on %s", c.birth, c.on)
	}
}

func TestDateBasics(t *testing.T) {
	assert.Equal(t, Maandag, d("2026-11-23").Weekday())
	assert.Equal(t, Zondag, d("2026-11-29").Weekday())
	assert.Equal(t, Woensdag, d("1969-12-31").Weekday())
	assert.Equal(t, d("2026-02-28"), d("2026-01-31").AddMonths(0, 1))
	assert.Equal(t, d("2024-02-29"), d("2023-12-31").AddMonths(0, 2))
	assert.Equal(t, d("2025-11-30"), d("2026-01-30").AddMonths(0, -2))
	assert.Equal(t, NewDate(2026, time.November, 23), d("2026-11-23"))

	weeks := []struct {
		date       string
		year, week int
	}{
		{"2026-12-31", 2026, 53}, {"2027-01-03", 2026, 53}, {"2027-01-04", 2027, 1},
		{"2021-01-03", 2020, 53}, {"2024-12-30", 2025, 1}, {"2026-11-23", 2026, 48},
	}
	for _, w := range weeks {
		y, wk := d(w.date).ISOWeek()
		assert.Equal(t, [2]int{w.year, w.week}, [2]int{y, wk}, w.date)
	}

	for _, bad := range []string{"2026-02-30", "2026-13-01", "26-11-23", "2026-1-5", "", "2026-11-23T00:00"} {
		_, err := ParseDate(bad)
		assert.Error(t, err, bad)
	}
	for _, bad := range []string{"24:00", "8:00", "08:60", "0800", "", "-1:00"} {
		_, err := ParseClock(bad)
		assert.Error(t, err, bad)
	}
	c, err := ParseClock("07:05")
	require.NoError(t, err)
	assert.Equal(t, 425, c.Minutes())
	assert.Equal(t, "07:05", c.String())
}

func TestCalendarAvailability(t *testing.T) {
	end := d("2026-11-26")
	e := Employee{ID: "e1", BirthDate: d("1959-11-25"), ContractStart: d("2026-11-17"), ContractEnd: &end,
		Workdays: []Weekday{Maandag, Dinsdag, Woensdag, Donderdag, Vrijdag}}
	ds := NewDataset()
	ds.Employees = []Employee{e}
	ds.Absences = []Absence{{Person: "e1", From: d("2026-11-18"), To: d("2026-11-19"), Kind: Ziek},
		{Person: "wl", From: d("2026-11-23"), To: d("2026-11-23"), Kind: Verlof}}
	cal, err := NewCalendar(ds)
	require.NoError(t, err)
	require.Equal(t, d("2026-11-25"), cal.AOWDate(&e), "born 1959: AOW at 67")

	cases := []struct {
		date string
		want Unavailability
	}{
		{"2026-11-16", BeforeContract},
		{"2026-11-17", Available},
		{"2026-11-18", Absent},
		{"2026-11-19", Absent},
		{"2026-11-20", Available},
		{"2026-11-21", NotAWorkday},
		{"2026-11-24", Available},
		{"2026-11-25", PastAOW},
		{"2026-11-27", AfterContract},
	}
	for _, c := range cases {
		assert.Equal(t, c.want, cal.EmployeeOn(&e, d(c.date)), c.date)
	}
	w := Werkleider{ID: "wl", Workdays: []Weekday{Maandag, Dinsdag}}
	assert.Equal(t, Absent, cal.WerkleiderOn(&w, d("2026-11-23")))
	assert.Equal(t, Available, cal.WerkleiderOn(&w, d("2026-11-24")))
	assert.Equal(t, NotAWorkday, cal.WerkleiderOn(&w, d("2026-11-25")))
}

func TestDaysIn(t *testing.T) {
	for y := 1890; y <= 2210; y++ {
		for m := time.January; m <= time.December; m++ {
			require.Equal(t, time.Date(y, m+1, 0, 0, 0, 0, 0, time.UTC).Day(), daysIn(y, m), "%d-%02d", y, m)
		}
	}
}

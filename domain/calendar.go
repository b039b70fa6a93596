package domain

import (
	"fmt"
	"strconv"
	"time"
	_ "time/tzdata" // Europe/Amsterdam must resolve on machines without a zoneinfo database.
)

// Amsterdam is the time zone all dates and wall-clock times in a dataset refer to.
var Amsterdam = mustLoadLocation("Europe/Amsterdam")

func mustLoadLocation(name string) *time.Location {
	loc, err := time.LoadLocation(name)
	if err != nil {
		panic(err)
	}
	return loc
}

// Date is a calendar date without a time of day, counted in days since 1970-01-01.
// It encodes as "YYYY-MM-DD".
type Date int32

// NewDate returns the date y-m-d; out-of-range days and months normalise as in time.Date.
func NewDate(y int, m time.Month, d int) Date {
	return Date(time.Date(y, m, d, 0, 0, 0, 0, time.UTC).Unix() / 86400)
}

// DateOf returns the calendar date of t in t's own location.
func DateOf(t time.Time) Date {
	y, m, d := t.Date()
	return NewDate(y, m, d)
}

// ParseDate parses "YYYY-MM-DD" and rejects impossible dates such as 2026-02-30.
func ParseDate(s string) (Date, error) {
	t, err := time.Parse(time.DateOnly, s)
	if err != nil || len(s) != 10 {
		return 0, fmt.Errorf("%q is geen datum; gebruik JJJJ-MM-DD, bijvoorbeeld 2026-11-23", s)
	}
	return DateOf(t), nil
}

// Time returns midnight UTC of the date, for calendar arithmetic.
func (d Date) Time() time.Time { return time.Unix(int64(d)*86400, 0).UTC() }

// In returns the instant at wall-clock minute m (minutes after midnight, may exceed a day) in loc.
func (d Date) In(loc *time.Location, minutes int) time.Time {
	y, mo, day := d.Time().Date()
	return time.Date(y, mo, day, 0, minutes, 0, 0, loc)
}

// Civil returns year, month and day.
func (d Date) Civil() (int, time.Month, int) { return d.Time().Date() }

// Year returns the calendar year of the date.
func (d Date) Year() int { return d.Time().Year() }

// AddDays returns the date n days later (earlier for negative n).
func (d Date) AddDays(n int) Date { return d + Date(n) }

// AddMonths adds years and months the way contracts and ages count them: a day that does not exist
// in the target month falls back to that month's last day (31 Jan + 1 month = 28 or 29 Feb).
func (d Date) AddMonths(years, months int) Date {
	y, m, day := d.Civil()
	total := int(m) - 1 + months
	y += years + floorDiv(total, 12)
	m = time.Month(total - floorDiv(total, 12)*12 + 1)
	if last := daysIn(y, m); day > last {
		day = last
	}
	return NewDate(y, m, day)
}

func floorDiv(a, b int) int {
	q := a / b
	if (a%b != 0) && ((a < 0) != (b < 0)) {
		q--
	}
	return q
}

// daysIn returns the number of days of month m (1–12) in year y (Gregorian calendar).
func daysIn(y int, m time.Month) int {
	switch m {
	case time.February:
		if y%4 == 0 && (y%100 != 0 || y%400 == 0) {
			return 29
		}
		return 28
	case time.April, time.June, time.September, time.November:
		return 30
	}
	return 31
}

// Weekday returns the day of the week.
func (d Date) Weekday() Weekday { return Weekday((int(d)%7 + 7 + 3) % 7) } // 1970-01-01 was a Thursday (do).

// ISOWeek returns the ISO 8601 year and week number.
func (d Date) ISOWeek() (year, week int) { return d.Time().ISOWeek() }

// ISOWeekKey returns year*100+week, a single comparable key for the ISO week.
func (d Date) ISOWeekKey() int {
	y, w := d.ISOWeek()
	return y*100 + w
}

// String formats the date as YYYY-MM-DD.
func (d Date) String() string { return d.Time().Format(time.DateOnly) }

// MarshalText implements encoding.TextMarshaler.
func (d Date) MarshalText() ([]byte, error) { return []byte(d.String()), nil }

// UnmarshalText implements encoding.TextUnmarshaler.
func (d *Date) UnmarshalText(b []byte) error {
	v, err := ParseDate(string(b))
	if err != nil {
		return err
	}
	*d = v
	return nil
}

// Clock is a wall-clock time of day in minutes after midnight (0..1439). It encodes as "HH:MM".
type Clock int16

// ParseClock parses "HH:MM" (24-hour clock).
func ParseClock(s string) (Clock, error) {
	bad := fmt.Errorf("%q is geen tijd; gebruik UU:MM, bijvoorbeeld 08:30", s)
	if len(s) != 5 || s[2] != ':' {
		return 0, bad
	}
	h, err1 := strconv.Atoi(s[:2])
	m, err2 := strconv.Atoi(s[3:])
	if err1 != nil || err2 != nil || h < 0 || h > 23 || m < 0 || m > 59 {
		return 0, bad
	}
	return Clock(h*60 + m), nil
}

// Minutes returns the minutes after midnight.
func (c Clock) Minutes() int { return int(c) }

// String formats the time as HH:MM.
func (c Clock) String() string { return fmt.Sprintf("%02d:%02d", int(c)/60, int(c)%60) }

// MarshalText implements encoding.TextMarshaler.
func (c Clock) MarshalText() ([]byte, error) { return []byte(c.String()), nil }

// UnmarshalText implements encoding.TextUnmarshaler.
func (c *Clock) UnmarshalText(b []byte) error {
	v, err := ParseClock(string(b))
	if err != nil {
		return err
	}
	*c = v
	return nil
}

// Weekday is a day of the week, Monday = 0. It encodes with the Dutch abbreviations ma di wo do vr za zo.
type Weekday int8

// The days of the week.
const (
	Maandag Weekday = iota
	Dinsdag
	Woensdag
	Donderdag
	Vrijdag
	Zaterdag
	Zondag
)

var weekdayNames = [7]string{"ma", "di", "wo", "do", "vr", "za", "zo"}

// ParseWeekday parses a Dutch two-letter weekday abbreviation.
func ParseWeekday(s string) (Weekday, error) {
	for i, n := range weekdayNames {
		if n == s {
			return Weekday(i), nil
		}
	}
	return 0, fmt.Errorf("%q is geen weekdag; gebruik ma, di, wo, do, vr, za of zo", s)
}

// String returns the Dutch abbreviation.
func (w Weekday) String() string {
	if w < 0 || w > 6 {
		return fmt.Sprintf("Weekday(%d)", int(w))
	}
	return weekdayNames[w]
}

// Weekend reports whether the day is a Saturday or Sunday.
func (w Weekday) Weekend() bool { return w == Zaterdag || w == Zondag }

// MarshalText implements encoding.TextMarshaler.
func (w Weekday) MarshalText() ([]byte, error) {
	if w < 0 || w > 6 {
		return nil, fmt.Errorf("ongeldige weekdag %d", int(w))
	}
	return []byte(w.String()), nil
}

// UnmarshalText implements encoding.TextUnmarshaler.
func (w *Weekday) UnmarshalText(b []byte) error {
	v, err := ParseWeekday(string(b))
	if err != nil {
		return err
	}
	*w = v
	return nil
}

// Weekdays is a set of weekdays as a bit mask (bit i = Weekday i).
type Weekdays uint8

// WeekdaySet returns the set of the given days.
func WeekdaySet(days []Weekday) Weekdays {
	var s Weekdays
	for _, d := range days {
		s |= 1 << d
	}
	return s
}

// Has reports whether d is in the set.
func (s Weekdays) Has(d Weekday) bool { return s&(1<<d) != 0 }

// AgeOn returns the age in whole years on date on, for someone born on birth. Someone born on
// 29 February has their birthday on 28 February in other years.
func AgeOn(birth, on Date) int {
	by, bm, bd := birth.Civil()
	y, m, d := on.Civil()
	if bm == time.February && bd == 29 && daysIn(y, time.February) == 28 {
		bd = 28
	}
	age := y - by
	if m < bm || (m == bm && d < bd) {
		age--
	}
	return age
}

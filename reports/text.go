package reports

import (
	"fmt"
	"strings"
	"time"
	"unicode"

	"ploeg/domain"
)

var (
	dayNames   = [7]string{"maandag", "dinsdag", "woensdag", "donderdag", "vrijdag", "zaterdag", "zondag"}
	monthNames = [12]string{"januari", "februari", "maart", "april", "mei", "juni", "juli", "augustus",
		"september", "oktober", "november", "december"}
)

// dayName returns the full Dutch weekday of d, e.g. "maandag".
func dayName(d domain.Date) string { return dayNames[d.Weekday()] }

// longDate formats d as "maandag 30 november 2026".
func longDate(d domain.Date) string {
	y, m, day := d.Civil()
	return fmt.Sprintf("%s %d %s %d", dayName(d), day, monthNames[m-1], y)
}

// dayMonth formats d as "30 november".
func dayMonth(d domain.Date) string {
	_, m, day := d.Civil()
	return fmt.Sprintf("%d %s", day, monthNames[m-1])
}

// shortDate formats d as "30-11-2026", the Dutch numeric form.
func shortDate(d domain.Date) string {
	y, m, day := d.Civil()
	return fmt.Sprintf("%02d-%02d-%d", day, int(m), y)
}

// stamp formats an instant in Amsterdam as "30-11-2026 14:05".
func stamp(t time.Time) string {
	t = t.In(domain.Amsterdam)
	return fmt.Sprintf("%02d-%02d-%d %02d:%02d", t.Day(), int(t.Month()), t.Year(), t.Hour(), t.Minute())
}

// capitalize upper-cases the first letter.
func capitalize(s string) string {
	for i, r := range s {
		return strings.ToUpper(string(r)) + s[i+len(string(r)):]
	}
	return s
}

// hoursText formats minutes as hours with a decimal comma, e.g. 450 → "7,5".
func hoursText(minutes int) string {
	s := fmt.Sprintf("%.2f", float64(minutes)/60)
	s = strings.TrimRight(strings.TrimRight(s, "0"), ".")
	return strings.ReplaceAll(s, ".", ",")
}

// breakText formats a break for people: "30 min" or "geen".
func breakText(minutes int) string {
	if minutes == 0 {
		return "geen"
	}
	return fmt.Sprintf("%d min", minutes)
}

// foldRunes maps letters with diacritics to their base letter so that names sort the way people
// expect (Ömer between Olga and Paul, not after Zoë).
var foldRunes = map[rune]rune{
	'à': 'a', 'á': 'a', 'â': 'a', 'ã': 'a', 'ä': 'a', 'å': 'a', 'ą': 'a',
	'ç': 'c', 'ć': 'c', 'č': 'c',
	'è': 'e', 'é': 'e', 'ê': 'e', 'ë': 'e', 'ę': 'e', 'ě': 'e',
	'ì': 'i', 'í': 'i', 'î': 'i', 'ï': 'i', 'ı': 'i', 'İ': 'i',
	'ł': 'l', 'ñ': 'n', 'ń': 'n', 'ň': 'n',
	'ò': 'o', 'ó': 'o', 'ô': 'o', 'õ': 'o', 'ö': 'o', 'ø': 'o', 'ő': 'o',
	'ř': 'r', 'ś': 's', 'š': 's', 'ş': 's', 'ß': 's', 'ť': 't', 'ţ': 't',
	'ù': 'u', 'ú': 'u', 'û': 'u', 'ü': 'u', 'ů': 'u', 'ű': 'u',
	'ý': 'y', 'ÿ': 'y', 'ź': 'z', 'ż': 'z', 'ž': 'z', 'ğ': 'g', 'đ': 'd',
}

// sortKey returns the name folded to lower-case base letters, for ordering lists of people.
func sortKey(name string) string {
	var b strings.Builder
	for _, r := range name {
		r = unicode.ToLower(r)
		if f, ok := foldRunes[r]; ok {
			r = f
		}
		if !unicode.Is(unicode.Mn, r) {
			b.WriteRune(r)
		}
	}
	return b.String()
}

package reports

import (
	"bufio"
	"fmt"
	"io"
	"regexp"
	"slices"
	"strings"
	"unicode/utf8"

	"ploeg/domain"
)

// ICSOptions are the settings of an employee's calendar feed.
type ICSOptions struct {
	// Employee is the id of the person whose feed this is.
	Employee string
	// UIDDomain ends every event's UID ("<shift>.<employee>@<domain>"); it must stay the same
	// between exports, or calendars see new events instead of updates. Empty means "ploeg".
	UIDDomain string
	// Sequence is the revision of every event in this feed (RFC 5545 SEQUENCE); it must grow from
	// one publication to the next so an update replaces what a calendar holds. The CLI uses the
	// stored plan's version.
	Sequence int64
	// Previous is the plan published before this one, if any: its assignments of this person on
	// dates inside the new plan that the new plan no longer has are sent as cancelled events.
	Previous *domain.Plan
	// PreviousShifts are the shifts the previous plan referred to, for cancelled assignments whose
	// shift is no longer in the dataset; shifts found in the dataset need not be repeated here.
	PreviousShifts []domain.Shift
}

// ICS writes an iCalendar feed (RFC 5545) of one employee's shifts in the plan: one event per
// assignment in Europe/Amsterdam time with a VTIMEZONE, a stable UID per shift and person, SEQUENCE
// and DTSTAMP so a new publication replaces the events calendars hold, STATUS:TENTATIVE for a
// concept plan, CONFIRMED for a published one, and CANCELLED for an assignment of the previous plan
// that is gone. Lines end in CRLF and are folded at 75 octets without splitting a character.
func ICS(w io.Writer, ds *domain.Dataset, p *domain.Plan, meta Meta, opts ICSOptions) error {
	ix, err := newIndex(ds, p)
	if err != nil {
		return err
	}
	e := ix.employees[opts.Employee]
	if e == nil {
		return fmt.Errorf("medewerker %q staat niet in de dataset; kies een id uit employees", opts.Employee)
	}
	uidDomain := opts.UIDDomain
	if uidDomain == "" {
		uidDomain = "ploeg"
	}
	status := "TENTATIVE"
	if meta.Published() {
		status = "CONFIRMED"
	}
	type event struct {
		shift     *domain.Shift
		cancelled bool
	}
	var events []event
	for _, d := range ix.dates {
		if s := ix.work[personDay{e.ID, d}]; s != nil {
			events = append(events, event{shift: s})
		}
	}
	if opts.Previous != nil {
		previous := map[string]*domain.Shift{}
		for i := range opts.PreviousShifts {
			previous[opts.PreviousShifts[i].ID] = &opts.PreviousShifts[i]
		}
		now := map[string]bool{}
		for _, a := range p.Assignments {
			if a.Employee == e.ID {
				now[a.Shift] = true
			}
		}
		for _, a := range opts.Previous.Assignments {
			if a.Employee != e.ID || now[a.Shift] {
				continue
			}
			s := ix.shifts[a.Shift]
			if s == nil {
				s = previous[a.Shift]
			}
			if s == nil {
				return fmt.Errorf("de vorige publicatie noemt dienst %q, die niet meer in de dataset staat; geef de diensten van toen mee", a.Shift)
			}
			if s.Date < p.From || s.Date > p.To {
				continue // outside the new plan: not changed by it
			}
			events = append(events, event{shift: s, cancelled: true})
		}
	}
	slices.SortStableFunc(events, func(a, b event) int {
		if a.shift.Date != b.shift.Date {
			return int(a.shift.Date) - int(b.shift.Date)
		}
		return int(a.shift.Start) - int(b.shift.Start)
	})

	iw := &icsWriter{w: bufio.NewWriter(w)}
	stamp := meta.PrintedAt.UTC().Format("20060102T150405Z")
	iw.line("BEGIN:VCALENDAR")
	iw.line("VERSION:2.0")
	iw.line("PRODID:-//Ploeg//Rooster//NL")
	iw.line("CALSCALE:GREGORIAN")
	iw.line("METHOD:PUBLISH")
	iw.prop("X-WR-CALNAME", "Rooster "+personName(e.Name, e.ID))
	iw.line("X-WR-TIMEZONE:Europe/Amsterdam")
	iw.vtimezone()
	for _, ev := range events {
		s := ev.shift
		wp := ix.workplaces[s.Workplace]
		start, end := s.Interval()
		iw.line("BEGIN:VEVENT")
		iw.prop("UID", s.ID+"."+e.ID+"@"+uidDomain)
		iw.line("DTSTAMP:" + stamp)
		iw.line(fmt.Sprintf("SEQUENCE:%d", opts.Sequence))
		iw.line("DTSTART;TZID=Europe/Amsterdam:" + start.In(domain.Amsterdam).Format("20060102T150405"))
		iw.line("DTEND;TZID=Europe/Amsterdam:" + end.In(domain.Amsterdam).Format("20060102T150405"))
		summary, where := "Werk", s.Workplace
		if wp != nil {
			summary = workplaceName(wp)
			where = wp.Location
			if wp.Client != "" {
				where += ", " + wp.Client
			}
		}
		if ev.cancelled {
			iw.prop("SUMMARY", "Vervallen: "+summary)
			iw.line("STATUS:CANCELLED")
			iw.prop("DESCRIPTION", fmt.Sprintf("Deze dienst staat niet meer in het rooster (plan versie %s).", meta.VersionText()))
		} else {
			iw.prop("SUMMARY", summary)
			iw.line("STATUS:" + status)
			var desc []string
			if l := ix.leader[s.ID]; l != nil {
				desc = append(desc, "Werkleider: "+leaderName(l))
			}
			desc = append(desc, "Pauze: "+breakText(s.BreakMinutes))
			desc = append(desc, fmt.Sprintf("Plan %s t/m %s, versie %s, %s", shortDate(p.From), shortDate(p.To), meta.VersionText(), meta.StatusText()))
			iw.prop("DESCRIPTION", strings.Join(desc, "\n"))
		}
		iw.prop("LOCATION", where)
		iw.line("TRANSP:OPAQUE")
		iw.line("END:VEVENT")
	}
	iw.line("END:VCALENDAR")
	if iw.err != nil {
		return iw.err
	}
	return iw.w.Flush()
}

// icsWriter writes content lines: CRLF, folded at 75 octets.
type icsWriter struct {
	w   *bufio.Writer
	err error
}

// prop writes NAME:VALUE with the value escaped as TEXT.
func (iw *icsWriter) prop(name, value string) { iw.line(name + ":" + escapeText(value)) }

// line writes one content line, folded so that no line is longer than 75 octets: a continuation
// line starts with a space, and a UTF-8 character is never split.
func (iw *icsWriter) line(s string) {
	if iw.err != nil {
		return
	}
	limit := 75
	for len(s) > limit {
		cut := limit
		for cut > 0 && !utf8.RuneStart(s[cut]) {
			cut--
		}
		iw.write(s[:cut] + "\r\n ")
		s = s[cut:]
		limit = 74 // the leading space counts
	}
	iw.write(s + "\r\n")
}

func (iw *icsWriter) write(s string) {
	if iw.err == nil {
		_, iw.err = iw.w.WriteString(s)
	}
}

// escapeText escapes a TEXT value: backslash, semicolon, comma and newline (RFC 5545 3.3.11).
func escapeText(s string) string {
	var b strings.Builder
	for _, r := range s {
		switch r {
		case '\\', ';', ',':
			b.WriteByte('\\')
			b.WriteRune(r)
		case '\n':
			b.WriteString(`\n`)
		case '\r':
		default:
			b.WriteRune(r)
		}
	}
	return b.String()
}

// vtimezone writes Europe/Amsterdam with the EU rules in force since 1996: summer time from the
// last Sunday of March 02:00 to the last Sunday of October 03:00.
func (iw *icsWriter) vtimezone() {
	for _, l := range []string{
		"BEGIN:VTIMEZONE",
		"TZID:Europe/Amsterdam",
		"BEGIN:DAYLIGHT",
		"TZOFFSETFROM:+0100",
		"TZOFFSETTO:+0200",
		"TZNAME:CEST",
		"DTSTART:19810329T020000",
		"RRULE:FREQ=YEARLY;BYMONTH=3;BYDAY=-1SU",
		"END:DAYLIGHT",
		"BEGIN:STANDARD",
		"TZOFFSETFROM:+0200",
		"TZOFFSETTO:+0100",
		"TZNAME:CET",
		"DTSTART:19961027T030000",
		"RRULE:FREQ=YEARLY;BYMONTH=10;BYDAY=-1SU",
		"END:STANDARD",
		"END:VTIMEZONE",
	} {
		iw.line(l)
	}
}

var notDomainChar = regexp.MustCompile(`[^a-z0-9]+`)

// UIDDomain turns an organisation name into the domain of its UIDs: "Paswerk" → "paswerk.ploeg".
// CLI and API use it alike, so a feed keeps its UIDs whichever made it.
func UIDDomain(name string) string {
	s := strings.Trim(notDomainChar.ReplaceAllString(strings.ToLower(name), "-"), "-")
	if s == "" {
		return "ploeg"
	}
	return s + ".ploeg"
}

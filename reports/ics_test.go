package reports_test

import (
	"bytes"
	"encoding/json"
	"os/exec"
	"strings"
	"testing"
	"unicode/utf8"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"ploeg/domain"
	"ploeg/reports"
)

type parsedCal struct {
	CalName   string        `json:"calname"`
	Timezones []string      `json:"timezones"`
	Events    []parsedEvent `json:"events"`
}

type parsedEvent struct {
	UID         string  `json:"uid"`
	Status      string  `json:"status"`
	Sequence    int64   `json:"sequence"`
	Summary     string  `json:"summary"`
	Location    string  `json:"location"`
	Description string  `json:"description"`
	Start       string  `json:"start"`
	End         string  `json:"end"`
	TZID        string  `json:"tzid"`
	UTCOffset   float64 `json:"utcoffset"`
	Seconds     float64 `json:"seconds"`
	Stamp       string  `json:"stamp"`
}

// python returns a Python 3 that has the icalendar library: Debian's python3-icalendar installs it
// for /usr/bin/python3, which need not be the first python3 on PATH.
func python(t *testing.T) string {
	t.Helper()
	for _, p := range []string{"python3", "/usr/bin/python3"} {
		if path, err := exec.LookPath(p); err == nil && exec.Command(path, "-c", "import icalendar").Run() == nil {
			return path
		}
	}
	t.Skip("python3 met icalendar ontbreekt (apt-get install python3-icalendar)")
	return ""
}

// parseICS checks the octet rules in Go and parses the feed with python's icalendar.
func parseICS(t *testing.T, ics []byte) parsedCal {
	t.Helper()
	text := string(ics)
	require.True(t, strings.HasSuffix(text, "\r\n"))
	for i, line := range strings.Split(strings.TrimSuffix(text, "\r\n"), "\r\n") {
		assert.LessOrEqual(t, len(line), 75, "line %d is longer than 75 octets: %q", i+1, line)
		assert.True(t, utf8.ValidString(line), "line %d splits a character: %q", i+1, line)
		assert.NotContains(t, line, "\n", "bare LF in line %d", i+1)
	}
	out, err := exec.Command(python(t), "testdata/parse_ics.py", writeTemp(t, "feed.ics", ics)).Output()
	if ee, ok := err.(*exec.ExitError); ok {
		t.Fatalf("icalendar refused the feed: %s\n%s", ee.Stderr, text)
	}
	require.NoError(t, err)
	var cal parsedCal
	require.NoError(t, json.Unmarshal(out, &cal))
	return cal
}

func renderICS(t *testing.T, ds *domain.Dataset, p *domain.Plan, m reports.Meta, opts reports.ICSOptions) []byte {
	t.Helper()
	return render(t, func(w *bytes.Buffer) error { return reports.ICS(w, ds, p, m, opts) })
}

func TestICSParsesWithIcalendar(t *testing.T) {
	ds, p := small(t)
	ics := renderICS(t, ds, p, testMeta(), reports.ICSOptions{Employee: "e0002", Sequence: 7})
	cal := parseICS(t, ics)
	assert.Equal(t, "Rooster Zoë Çelik", cal.CalName)
	assert.Equal(t, []string{"Europe/Amsterdam"}, cal.Timezones)
	require.Len(t, cal.Events, 3, "Zoë works ma, wo and vr")
	ev := cal.Events[0]
	assert.Equal(t, "verpakken-a-2026-11-23.e0002@ploeg", ev.UID)
	assert.Equal(t, "TENTATIVE", ev.Status, "a concept plan is tentative")
	assert.Equal(t, int64(7), ev.Sequence)
	assert.Equal(t, "Verpakken hal A", ev.Summary)
	assert.Equal(t, "Cruquius", ev.Location)
	assert.Equal(t, "Werkleider: Anja de Vries\nPauze: 30 min\nPlan 23-11-2026 t/m 27-11-2026, versie 7, concept", ev.Description)
	assert.Equal(t, "2026-11-23T08:00:00+01:00", ev.Start)
	assert.Equal(t, "2026-11-23T15:30:00+01:00", ev.End)
	assert.Equal(t, "Europe/Amsterdam", ev.TZID)
	assert.Equal(t, "2026-11-20T13:05:00+00:00", ev.Stamp, "DTSTAMP is the print time in UTC")

	// The same input gives the same bytes; the UIDs do not depend on anything but shift and person.
	assert.Equal(t, ics, renderICS(t, ds, p, testMeta(), reports.ICSOptions{Employee: "e0002", Sequence: 7}))
}

func TestICSUpdateCancelsWhatIsGone(t *testing.T) {
	ds, p := small(t)
	// The previous publication had Zoë in the groen team on Wednesday and on a shift next month
	// (outside the new plan, so not touched by it).
	prev := *p
	prev.Assignments = nil
	for _, a := range p.Assignments {
		if a.Employee == "e0002" && a.Shift == "verpakken-a-2026-11-25" {
			a.Shift = "groen-1-2026-11-25"
		}
		prev.Assignments = append(prev.Assignments, a)
	}
	later := domain.Shift{ID: "groen-1-2026-12-14", Workplace: "groen-1", Date: domain.NewDate(2026, 12, 14), Start: 450, End: 900, Min: 1, Max: 3, Priority: 1}
	prev.Assignments = append(prev.Assignments, domain.Assignment{Employee: "e0002", Shift: later.ID})
	m := testMeta()
	m.Status = domain.Gepubliceerd
	m.Version = "8"
	cal := parseICS(t, renderICS(t, ds, p, m, reports.ICSOptions{Employee: "e0002", Sequence: 8, Previous: &prev, PreviousShifts: []domain.Shift{later}, UIDDomain: "paswerk.example"}))
	require.Len(t, cal.Events, 4)
	byUID := map[string]parsedEvent{}
	for _, ev := range cal.Events {
		byUID[ev.UID] = ev
		assert.Equal(t, int64(8), ev.Sequence)
	}
	gone := byUID["groen-1-2026-11-25.e0002@paswerk.example"]
	assert.Equal(t, "CANCELLED", gone.Status)
	assert.Equal(t, "Vervallen: Groenteam Schalkwijk", gone.Summary)
	assert.Equal(t, "2026-11-25T07:30:00+01:00", gone.Start)
	assert.Equal(t, "CONFIRMED", byUID["verpakken-a-2026-11-25.e0002@paswerk.example"].Status)
	assert.NotContains(t, byUID, "groen-1-2026-12-14.e0002@paswerk.example", "outside the new plan's range")

	// A previous shift that is in neither dataset nor PreviousShifts cannot be cancelled by time.
	err := reports.ICS(&bytes.Buffer{}, ds, p, m, reports.ICSOptions{Employee: "e0002", Previous: &prev})
	assert.ErrorContains(t, err, `dienst "groen-1-2026-12-14"`)
}

func TestICSClockChangeEscapingAndFolding(t *testing.T) {
	ds, _ := small(t)
	// A night across the autumn clock change, at a workplace whose name needs escaping and folding
	// in the middle of multi-byte letters.
	ds.Workplaces[0].Name = "Nachtploeg; inpak, sortering \\ Çelik-Brüggemann-Öztürk-Zoë-Ülkü-Şahin-Ğüç-Ÿ-ĳ"
	night := domain.Shift{ID: "nacht-2026-10-24", Workplace: ds.Workplaces[0].ID, Date: domain.NewDate(2026, 10, 24),
		Start: 22 * 60, End: 6 * 60, BreakMinutes: 30, Min: 0, Max: 2, Priority: 1}
	ds.Shifts = append(ds.Shifts, night)
	spring := domain.Shift{ID: "nacht-2026-03-28", Workplace: ds.Workplaces[0].ID, Date: domain.NewDate(2026, 3, 28),
		Start: 22 * 60, End: 6 * 60, Min: 0, Max: 2, Priority: 1}
	ds.Shifts = append(ds.Shifts, spring)
	for _, r := range []struct {
		shift      domain.Shift
		start, end string
		hours      float64
	}{
		{night, "2026-10-24T22:00:00+02:00", "2026-10-25T06:00:00+01:00", 9},
		{spring, "2026-03-28T22:00:00+01:00", "2026-03-29T06:00:00+02:00", 7},
	} {
		p := &domain.Plan{From: r.shift.Date, To: r.shift.Date, Assignments: []domain.Assignment{{Employee: "e0001", Shift: r.shift.ID}}}
		ics := renderICS(t, ds, p, testMeta(), reports.ICSOptions{Employee: "e0001"})
		assert.Contains(t, string(ics), "DTSTART;TZID=Europe/Amsterdam:"+strings.ReplaceAll(strings.ReplaceAll(r.start[:19], "-", ""), ":", ""))
		cal := parseICS(t, ics)
		require.Len(t, cal.Events, 1)
		ev := cal.Events[0]
		assert.Equal(t, r.start, ev.Start)
		assert.Equal(t, r.end, ev.End)
		assert.Equal(t, r.hours*3600, ev.Seconds, "real elapsed time across the clock change")
		assert.Equal(t, ds.Workplaces[0].Name, ev.Summary, "escaping and folding round-trip")
	}
}

package reports

import (
	"fmt"
	"io"
	"strings"

	"ploeg/domain"
)

// EasyOptions selects the "Mijn week" sheets; no employees means everyone in service.
type EasyOptions struct {
	Employees []string
	// FontSize is the size of the body text in points: at least 16 (easy-read guidance), 20 for
	// people who see badly. Zero means 16. Times and day words are printed larger still.
	FontSize float64
}

// MinEasyFontSize is the smallest body text of an easy-read sheet.
const MinEasyFontSize = 16

// EasyWeek writes "Mijn week" in easy-read form: per person and ISO week, one day per row with the
// day and date, large start and end times, the break, the werkplek and werkleider by name, and a
// clear VRIJ (or VERLOF, ZIEK …) on days without work. Plain words, no codes. A row is never split;
// a week that does not fit one page continues on the next.
func EasyWeek(w io.Writer, ds *domain.Dataset, p *domain.Plan, meta Meta, opts EasyOptions) error {
	size := opts.FontSize
	if size == 0 {
		size = MinEasyFontSize
	}
	if size < MinEasyFontSize {
		return fmt.Errorf("lettergrootte %g is te klein voor makkelijk lezen; kies %d punten of meer", size, MinEasyFontSize)
	}
	return personWeeks(w, ds, p, meta, "Mijn week", opts.Employees, func(d *doc, ix *index, e *domain.Employee, week []domain.Date) {
		d.easyWeek(ix, e, week, size)
	})
}

// mm returns the height in mm of a line of text of size pt with a little leading.
func mm(pt float64) float64 { return pt * 0.3528 * 1.2 }

func (d *doc) easyWeek(ix *index, e *domain.Employee, week []domain.Date, size float64) {
	pdf := d.pdf
	big := size * 1.5    // times
	label := size * 1.15 // day name
	const pad, gap = 2.5, 1.5
	// The day column fits the longest day name at its size ("Donderdag" at 20 pt needs 61 mm).
	dayColW := 52.0
	d.font("B", label)
	for _, n := range dayNames {
		dayColW = max(dayColW, d.pdf.GetStringWidth(capitalize(n))+2*pad+1)
	}
	d.font("", size)
	dayColW = max(dayColW, d.pdf.GetStringWidth("30 september")+2*pad+1)
	textW := d.width() - dayColW - 2*pad
	first := true
	header := func() {
		d.statusMark()
		d.font("B", size*1.5)
		title := "Mijn week"
		if !first {
			title += " (vervolg)"
		}
		first = false
		pdf.CellFormat(d.width()-34, mm(size*1.5), title, "", 1, "L", false, 0, "")
		name, sz := d.fitShrink("B", personName(e.Name, e.ID), d.width(), size*1.2)
		d.font("B", sz)
		pdf.CellFormat(d.width(), mm(size*1.2), name, "", 1, "L", false, 0, "")
		d.font("", size)
		pdf.CellFormat(d.width(), mm(size), fmt.Sprintf("%s tot en met %s", dayMonth(week[0]), dayMonth(week[len(week)-1])), "", 1, "L", false, 0, "")
		pdf.SetY(pdf.GetY() + 3)
	}
	d.newPage(header)
	type line struct {
		text  string
		style string
		pt    float64
	}
	type row struct {
		date  domain.Date
		lines []line
		h     float64
	}
	rows := make([]row, 0, len(week))
	for _, dt := range week {
		day := ix.dayOf(e, dt)
		// What goes in the right-hand column, line by line.
		var lines []line
		add := func(text, style string, pt float64) {
			d.font(style, pt)
			for _, l := range pdf.SplitText(text, textW) {
				lines = append(lines, line{l, style, pt})
			}
		}
		switch day.kind {
		case dayWork:
			s := day.shift
			add(s.Start.String()+" tot "+s.End.String(), "B", big)
			if s.BreakMinutes > 0 {
				add(fmt.Sprintf("Pauze: %d minuten", s.BreakMinutes), "", size)
			} else {
				add("Geen pauze", "", size)
			}
			add("Waar: "+workplaceName(day.workplace)+", "+day.workplace.Location, "", size)
			switch {
			case day.leader != nil:
				add("Werkleider: "+leaderName(day.leader), "", size)
			case !day.workplace.Kind.NeedsWerkleider() && !strings.Contains(workplaceName(day.workplace), clientOr(day.workplace)):
				add("Je werkt bij "+clientOr(day.workplace), "", size)
			}
		case dayOff:
			add("VRIJ", "B", big)
		case dayAbsent:
			add(easyAbsence(day.absence), "B", big)
			add("Je werkt deze dag niet.", "", size)
		case dayUnplanned:
			add("Nog geen werk", "B", big)
			add("Vraag je werkleider wat je deze dag doet.", "", size)
		case dayOutOfService:
			add("Geen werk", "B", big)
		}
		h := 2 * pad
		for _, l := range lines {
			h += mm(l.pt)
		}
		rows = append(rows, row{dt, lines, max(h, mm(label)+mm(size)+2*pad)})
	}
	// Rows are never split. When the week needs more than one page, the rows are spread evenly
	// over the pages, so no page carries a lonely last day.
	heights := make([]float64, len(rows))
	for i, r := range rows {
		heights[i] = r.h + gap
	}
	breaks := balancedBreaks(heights, d.bottom()-pdf.GetY()) // every page of the week has the same header
	for i, r := range rows {
		if breaks[i] {
			pdf.AddPage()
		}
		y := pdf.GetY()
		pdf.SetLineWidth(0.5)
		pdf.Rect(margin, y, d.width(), r.h, "D")
		pdf.Line(margin+dayColW, y, margin+dayColW, y+r.h)
		pdf.SetLineWidth(0.2)
		d.font("B", label)
		pdf.SetXY(margin+pad, y+pad)
		pdf.CellFormat(dayColW-2*pad, mm(label), capitalize(dayName(r.date)), "", 0, "L", false, 0, "")
		d.font("", size)
		pdf.SetXY(margin+pad, y+pad+mm(label))
		pdf.CellFormat(dayColW-2*pad, mm(size), dayMonth(r.date), "", 0, "L", false, 0, "")
		ly := y + pad
		for _, l := range r.lines {
			d.font(l.style, l.pt)
			pdf.SetXY(margin+dayColW+pad, ly)
			pdf.CellFormat(textW, mm(l.pt), l.text, "", 0, "L", false, 0, "")
			ly += mm(l.pt)
		}
		pdf.SetXY(margin, y+r.h+gap)
	}
}

// easyAbsence names an absence in one plain word.
func easyAbsence(k domain.AbsenceKind) string {
	switch k {
	case domain.Verlof:
		return "VERLOF"
	case domain.Ziek:
		return "ZIEK"
	case domain.Therapeutisch:
		return "THERAPIE"
	}
	return "VRIJ"
}

func clientOr(wp *domain.Workplace) string {
	if wp.Client != "" {
		return wp.Client
	}
	return workplaceName(wp)
}

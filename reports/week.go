package reports

import (
	"fmt"
	"io"
	"slices"
	"strings"
	"unicode"

	"ploeg/domain"
)

// Grouping says how a week roster splits the people into sheets.
type Grouping int

// The groupings of a week roster.
const (
	// ByLocation: one grid per location, with everyone who works there that week or whose own
	// workplace is there.
	ByLocation Grouping = iota
	// ByWorkplace: one grid per werkplek (the team): its own people plus everyone who works there
	// that week.
	ByWorkplace
)

// WeekOptions selects the week rosters to print; the zero value prints every location.
type WeekOptions struct {
	Group Grouping
	// Location keeps only that location (ByLocation).
	Location string
	// Workplaces keeps only these werkplekken (ByWorkplace).
	Workplaces []string
	// HideAbsenceReasons prints every absence as A (afwezig), for a roster on a public board.
	HideAbsenceReasons bool
}

// WeekRoster writes the week grids: people × days, a code per day for the werkplek and times or for
// the absence, a legend on every page, planned against contract hours. A4 landscape, one grid per
// location or werkplek and ISO week. Codes and the legend carry the meaning; grey shading only helps.
func WeekRoster(w io.Writer, ds *domain.Dataset, p *domain.Plan, meta Meta, opts WeekOptions) error {
	ix, err := newIndex(ds, p)
	if err != nil {
		return err
	}
	groups, err := ix.weekGroups(opts)
	if err != nil {
		return err
	}
	codes := workplaceCodes(ds.Workplaces)
	d := newDoc("L", "Weekrooster", meta, p)
	for _, week := range ix.weeks() {
		for _, g := range groups {
			people := ix.groupMembers(g, week)
			if len(people) == 0 {
				continue
			}
			d.weekGrid(ix, g, week, people, codes, opts.HideAbsenceReasons)
		}
	}
	if d.pdf.PageNo() == 0 {
		return fmt.Errorf("niemand werkt in deze weken op de gekozen locaties of werkplekken; er is niets af te drukken")
	}
	return d.output(w)
}

// weekGroup is one grid's set of people: a location or a workplace.
type weekGroup struct {
	title string
	match func(*domain.Workplace) bool
}

func (ix *index) weekGroups(opts WeekOptions) ([]weekGroup, error) {
	var out []weekGroup
	switch opts.Group {
	case ByLocation:
		if len(opts.Workplaces) > 0 {
			return nil, fmt.Errorf("een weekrooster per locatie kiest geen werkplekken; kies een locatie, of deel in per werkplek")
		}
		var locs []string
		for _, wp := range ix.ds.Workplaces {
			if !slices.Contains(locs, wp.Location) {
				locs = append(locs, wp.Location)
			}
		}
		slices.SortFunc(locs, func(a, b string) int { return strings.Compare(sortKey(a), sortKey(b)) })
		if opts.Location != "" {
			if !slices.Contains(locs, opts.Location) {
				return nil, fmt.Errorf("locatie %q komt in geen werkplek voor; kies uit %s", opts.Location, strings.Join(locs, ", "))
			}
			locs = []string{opts.Location}
		}
		for _, loc := range locs {
			out = append(out, weekGroup{title: "Locatie " + loc, match: func(wp *domain.Workplace) bool { return wp.Location == loc }})
		}
	case ByWorkplace:
		if opts.Location != "" {
			return nil, fmt.Errorf("een weekrooster per werkplek kiest geen locatie; kies werkplekken, of deel in per locatie")
		}
		wps, err := ix.selectWorkplaces(opts.Workplaces)
		if err != nil {
			return nil, err
		}
		for _, wp := range wps {
			out = append(out, weekGroup{title: workplaceName(wp) + " (" + wp.Location + ")", match: func(x *domain.Workplace) bool { return x.ID == wp.ID }})
		}
	default:
		return nil, fmt.Errorf("onbekende indeling %d", opts.Group)
	}
	return out, nil
}

// groupMembers returns, in name order, who works in the group on a day of the week or belongs to it
// by their own workplace (and is in service that week).
func (ix *index) groupMembers(g weekGroup, week []domain.Date) []*domain.Employee {
	var out []*domain.Employee
	for _, e := range ix.sorted {
		if !ix.inService(e, week) {
			continue
		}
		in := false
		if home := ix.workplaces[e.HomeWorkplace]; home != nil && g.match(home) {
			in = true
		}
		for _, d := range week {
			if in {
				break
			}
			if day := ix.dayOf(e, d); day.kind == dayWork && g.match(day.workplace) {
				in = true
			}
		}
		if in {
			out = append(out, e)
		}
	}
	return out
}

// workplaceCodes gives every workplace a short, stable code from its id: the first three letters of
// the first word and the first letter of each further word ("verpakken-a" → VERA), made unique
// with a digit.
func workplaceCodes(wps []domain.Workplace) map[string]string {
	ids := make([]string, len(wps))
	for i, wp := range wps {
		ids[i] = wp.ID
	}
	slices.Sort(ids) // codes do not depend on the order of the file
	codes := make(map[string]string, len(ids))
	taken := map[string]bool{}
	for _, id := range ids {
		parts := strings.FieldsFunc(id, func(r rune) bool { return !unicode.IsLetter(r) && !unicode.IsDigit(r) })
		var b []rune
		for i, p := range parts {
			r := []rune(p)
			if i == 0 {
				b = append(b, r[:min(3, len(r))]...)
			} else if len(b) < 5 {
				b = append(b, r[0])
			}
		}
		base := strings.ToUpper(string(b))
		if base == "" {
			base = "W"
		}
		code := base
		for n := 2; taken[code]; n++ {
			code = fmt.Sprintf("%s%d", base, n)
		}
		taken[code] = true
		codes[id] = code
	}
	return codes
}

// The absence and other day codes of the week grid.
var dayCodes = []struct{ code, meaning string }{
	{"V", "verlof"}, {"Z", "ziek"}, {"T", "therapeutisch"}, {"A", "afwezig"},
	{"–", "geen werkdag"}, {"?", "beschikbaar, geen dienst"}, {"×", "niet in dienst"},
}

func absenceCode(k domain.AbsenceKind, hide bool) string {
	if hide {
		return "A"
	}
	switch k {
	case domain.Verlof:
		return "V"
	case domain.Ziek:
		return "Z"
	case domain.Therapeutisch:
		return "T"
	}
	return "A"
}

const (
	weekRowH    = 5.6
	weekNameW   = 60.0
	weekIDW     = 16.0
	weekHoursW  = 17.0
	weekTextPt  = 8.5
	weekLegendP = 7.5
)

func (d *doc) weekGrid(ix *index, g weekGroup, week []domain.Date, people []*domain.Employee, codes map[string]string, hide bool) {
	pdf := d.pdf
	// The legend lists the codes used on this grid, and is printed at the foot of every page.
	used := map[string]bool{}
	usedDay := map[string]bool{}
	for _, e := range people {
		for _, dt := range week {
			day := ix.dayOf(e, dt)
			switch day.kind {
			case dayWork:
				used[day.workplace.ID] = true
			case dayAbsent:
				usedDay[absenceCode(day.absence, hide)] = true
			case dayOff:
				usedDay["–"] = true
			case dayUnplanned:
				usedDay["?"] = true
			case dayOutOfService:
				usedDay["×"] = true
			}
		}
	}
	var legend []string
	for i := range ix.ds.Workplaces {
		if wp := &ix.ds.Workplaces[i]; used[wp.ID] {
			legend = append(legend, codes[wp.ID]+" = "+workplaceName(wp)+" ("+wp.Location+")")
		}
	}
	slices.Sort(legend)
	for _, c := range dayCodes {
		if usedDay[c.code] {
			legend = append(legend, c.code+" = "+c.meaning)
		}
	}
	d.font("", weekLegendP)
	legendText := "Legenda: " + strings.Join(legend, "   ·   ") + ".   Uren: ingepland deze week / contracturen per week."
	legendLines := pdf.SplitText(legendText, d.width())
	legendH := float64(len(legendLines))*3.4 + 2

	dayW := (d.width() - weekNameW - weekIDW - weekHoursW) / float64(len(week))
	y0, w0 := week[0].ISOWeek()
	first := true
	header := func() {
		d.statusMark()
		title := fmt.Sprintf("Weekrooster week %d  ·  %s", w0, g.title)
		if !first {
			title += " (vervolg)"
		}
		first = false
		t, size := d.fitShrink("B", title, d.width()-34, 15)
		d.font("B", size)
		pdf.CellFormat(d.width()-34, 8, t, "", 1, "L", false, 0, "")
		d.font("", 10)
		pdf.CellFormat(d.width(), 5.5, fmt.Sprintf("%s t/m %s %d  ·  %d %s", dayMonth(week[0]), dayMonth(week[len(week)-1]), y0,
			len(people), plural(len(people), "medewerker", "medewerkers")), "", 1, "L", false, 0, "")
		pdf.SetY(pdf.GetY() + 2)
		// Column heads: name, number, hours, one column per day.
		d.font("B", 9)
		y := pdf.GetY()
		pdf.SetXY(margin, y)
		pdf.CellFormat(weekNameW, 6, "Naam", "", 0, "L", false, 0, "")
		pdf.CellFormat(weekIDW, 6, "Nr", "", 0, "L", false, 0, "")
		pdf.CellFormat(weekHoursW, 6, "Uren", "", 0, "C", false, 0, "")
		for _, dt := range week {
			_, m, dd := dt.Civil()
			pdf.CellFormat(dayW, 6, fmt.Sprintf("%s %d-%d", dt.Weekday(), dd, int(m)), "", 0, "C", false, 0, "")
		}
		pdf.SetLineWidth(0.4)
		pdf.Line(margin, y+6, margin+d.width(), y+6)
		pdf.SetLineWidth(0.2)
		pdf.SetXY(margin, y+6)
		// The legend at the foot, above the page footer.
		ly := d.bottom() - legendH + 2
		d.font("", weekLegendP)
		pdf.SetXY(margin, ly)
		pdf.MultiCell(d.width(), 3.4, legendText, "", "L", false)
		pdf.SetXY(margin, y+6)
	}
	d.newPage(header)
	heights := make([]float64, len(people))
	for i := range heights {
		heights[i] = weekRowH
	}
	breaks := balancedBreaks(heights, d.bottom()-legendH-pdf.GetY()) // evenly over the pages: no lonely rows
	for i, e := range people {
		if breaks[i] {
			pdf.AddPage()
		}
		y := pdf.GetY()
		if i%2 == 1 { // zebra rows help the eye along a wide line; not needed to read it
			pdf.SetFillColor(236, 236, 236)
			pdf.Rect(margin, y, d.width(), weekRowH, "F")
		}
		name, size := d.fitShrink("", personName(e.Name, e.ID), weekNameW, weekTextPt)
		d.font("", size)
		pdf.SetXY(margin, y)
		pdf.CellFormat(weekNameW, weekRowH, name, "", 0, "L", false, 0, "")
		d.font("", 7.5)
		pdf.CellFormat(weekIDW, weekRowH, d.fit(e.ID, weekIDW), "", 0, "L", false, 0, "")
		planned := 0
		for _, dt := range week {
			if day := ix.dayOf(e, dt); day.kind == dayWork {
				planned += day.shift.WorkedMinutes()
			}
		}
		d.font("", weekTextPt)
		pdf.CellFormat(weekHoursW, weekRowH, hoursText(planned)+"/"+hoursText(int(e.ContractHours*60)), "", 0, "C", false, 0, "")
		for j, dt := range week {
			x := margin + weekNameW + weekIDW + weekHoursW + float64(j)*dayW
			d.weekCell(ix.dayOf(e, dt), x, y, dayW, codes, hide)
		}
		pdf.Line(margin, y+weekRowH, margin+d.width(), y+weekRowH)
		pdf.SetXY(margin, y+weekRowH)
	}
}

// weekCell prints one person's day: "VERA 08:00–15:30" for a shift, a bold code otherwise.
func (d *doc) weekCell(day day, x, y, w float64, codes map[string]string, hide bool) {
	pdf := d.pdf
	pdf.Line(x, y, x, y+weekRowH)
	switch day.kind {
	case dayWork:
		code := codes[day.workplace.ID]
		times := day.shift.Start.String() + "–" + day.shift.End.String()
		d.font("B", weekTextPt)
		cw := pdf.GetStringWidth(code + " ")
		d.font("", weekTextPt)
		tw := pdf.GetStringWidth(times)
		if cw+tw > w-2 { // a narrow column (seven days): the code alone
			times = ""
			tw = 0
		}
		start := x + (w-cw-tw)/2
		d.font("B", weekTextPt)
		pdf.SetXY(start, y)
		pdf.CellFormat(cw, weekRowH, code+" ", "", 0, "L", false, 0, "")
		d.font("", weekTextPt)
		pdf.CellFormat(tw, weekRowH, times, "", 0, "L", false, 0, "")
	default:
		var code string
		switch day.kind {
		case dayAbsent:
			code = absenceCode(day.absence, hide)
		case dayOff:
			code = "–"
		case dayUnplanned:
			code = "?"
		case dayOutOfService:
			code = "×"
		}
		d.font("B", weekTextPt)
		pdf.SetXY(x, y)
		pdf.CellFormat(w, weekRowH, code, "", 0, "C", false, 0, "")
	}
}

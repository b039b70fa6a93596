package reports

import (
	"fmt"
	"io"
	"slices"
	"strings"

	"ploeg/domain"
)

// DagstaatOptions selects the dagstaten to print; empty lists mean every workplace and every date of
// the plan (workplaces without anyone that day are then left out).
type DagstaatOptions struct {
	Workplaces []string
	Dates      []domain.Date
}

// Dagstaat writes the day sheets per werkplek: date, location, werkleider, the people in start-time
// order with their times and breaks, a tick box, a blank notes column and a signature line. A4
// portrait, one werkplek and date after another, sorted by date, location and werkplek name.
func Dagstaat(w io.Writer, ds *domain.Dataset, p *domain.Plan, meta Meta, opts DagstaatOptions) error {
	ix, err := newIndex(ds, p)
	if err != nil {
		return err
	}
	workplaces, err := ix.selectWorkplaces(opts.Workplaces)
	if err != nil {
		return err
	}
	dates, err := ix.selectDates(opts.Dates)
	if err != nil {
		return err
	}
	explicit := len(opts.Workplaces) > 0
	d := newDoc("P", "Dagstaat", meta, p)
	for _, date := range dates {
		for _, wp := range workplaces {
			rows := ix.dagstaatRows(wp, date)
			if len(rows) == 0 && !explicit {
				continue
			}
			d.dagstaat(ix, wp, date, rows)
		}
	}
	if d.pdf.PageNo() == 0 {
		return fmt.Errorf("niemand ingepland op de gekozen werkplekken en dagen; er is niets af te drukken")
	}
	return d.output(w)
}

// dagstaatRow is one person on a day sheet.
type dagstaatRow struct {
	e      *domain.Employee
	s      *domain.Shift
	leader *domain.Werkleider
}

func (ix *index) dagstaatRows(wp *domain.Workplace, date domain.Date) []dagstaatRow {
	var rows []dagstaatRow
	for i := range ix.ds.Shifts {
		s := &ix.ds.Shifts[i]
		if s.Workplace != wp.ID || s.Date != date {
			continue
		}
		for _, e := range ix.members[s.ID] {
			rows = append(rows, dagstaatRow{e: e, s: s, leader: ix.leader[s.ID]})
		}
	}
	slices.SortStableFunc(rows, func(a, b dagstaatRow) int {
		if a.s.Start != b.s.Start {
			return int(a.s.Start) - int(b.s.Start)
		}
		if c := strings.Compare(leaderName(a.leader), leaderName(b.leader)); c != 0 {
			return c
		}
		if c := strings.Compare(sortKey(a.e.Name), sortKey(b.e.Name)); c != 0 {
			return c
		}
		return strings.Compare(a.e.ID, b.e.ID)
	})
	return rows
}

func leaderName(w *domain.Werkleider) string {
	if w == nil {
		return ""
	}
	return personName(w.Name, w.ID)
}

// The dagstaat's columns in mm; the notes column takes what is left of the 186 mm.
var dagstaatCols = []struct {
	title string
	w     float64
	align string
}{
	{"Nr", 8, "R"}, {"Naam", 50, "L"}, {"Begin", 13, "C"}, {"Eind", 13, "C"}, {"Pauze", 14, "C"},
	{"Werkleider", 34, "L"}, {"Aanw.", 12, "C"}, {"Opmerkingen", 0, "L"},
}

const dagstaatRowH = 8.0

func (d *doc) dagstaat(ix *index, wp *domain.Workplace, date domain.Date, rows []dagstaatRow) {
	pdf := d.pdf
	cols := slices.Clone(dagstaatCols)
	used := 0.0
	for _, c := range cols[:len(cols)-1] {
		used += c.w
	}
	cols[len(cols)-1].w = d.width() - used

	var leaders []string
	for _, r := range rows {
		if n := leaderName(r.leader); n != "" && !slices.Contains(leaders, n) {
			leaders = append(leaders, n)
		}
	}
	first := true
	header := func() {
		d.statusMark()
		title := "Dagstaat " + workplaceName(wp)
		if !first {
			title += " (vervolg)"
		}
		first = false
		t, size := d.fitShrink("B", title, d.width()-34, 16)
		d.font("B", size)
		pdf.CellFormat(d.width()-34, 8, t, "", 1, "L", false, 0, "")
		d.font("B", 12)
		pdf.CellFormat(d.width(), 6.5, capitalize(longDate(date)), "", 1, "L", false, 0, "")
		d.font("", 10)
		place := "Locatie: " + wp.Location
		if wp.Client != "" {
			place += "   ·   Opdrachtgever: " + wp.Client
		}
		pdf.CellFormat(d.width(), 5.5, d.fit(place, d.width()), "", 1, "L", false, 0, "")
		var lead string
		switch {
		case !wp.Kind.NeedsWerkleider():
			lead = "Begeleiding: door de opdrachtgever (detachering)"
		case len(leaders) == 0:
			lead = "Werkleider: nog niet ingepland"
		case len(leaders) == 1:
			lead = "Werkleider: " + leaders[0]
		default:
			lead = "Werkleiders: " + strings.Join(leaders, ", ")
		}
		pdf.MultiCell(d.width(), 5.5, lead, "", "L", false)
		pdf.CellFormat(d.width(), 5.5, fmt.Sprintf("%d %s ingepland", len(rows), plural(len(rows), "medewerker", "medewerkers")), "", 1, "L", false, 0, "")
		pdf.SetY(pdf.GetY() + 2)
		if len(rows) > 0 {
			d.tableHead(cols)
		}
	}
	d.newPage(header)
	away := ix.teamAway(wp, date)
	// The rows are spread evenly over the pages the sheet needs, and the last page carries the
	// signature with at least one row: no page with a lonely row or a signature alone.
	heights := make([]float64, len(rows))
	for i := range heights {
		heights[i] = dagstaatRowH
	}
	if n := len(heights); n > 0 {
		heights[n-1] += d.teamAwayHeight(away) + signatureH
	}
	breaks := balancedBreaks(heights, d.bottom()-pdf.GetY())
	for i, r := range rows {
		if breaks[i] {
			pdf.AddPage()
		}
		y := pdf.GetY()
		cells := []string{
			fmt.Sprint(i + 1), personName(r.e.Name, r.e.ID), r.s.Start.String(), r.s.End.String(),
			breakText(r.s.BreakMinutes), leaderName(r.leader), "", "",
		}
		x := margin
		for c, col := range cols {
			text := cells[c]
			switch c {
			case 1:
				var size float64
				text, size = d.fitShrink("", text, col.w, 10)
				d.font("", size)
			case 5:
				d.font("", 9)
				text = d.fit(text, col.w)
			default:
				d.font("", 10)
			}
			pdf.SetXY(x, y)
			pdf.CellFormat(col.w, dagstaatRowH, text, "", 0, col.align, false, 0, "")
			x += col.w
		}
		// A tick box for "aanwezig" and ruled lines: the sheet is filled in by hand.
		boxX := margin
		for _, col := range cols[:6] {
			boxX += col.w
		}
		pdf.Rect(boxX+(cols[6].w-4.5)/2, y+(dagstaatRowH-4.5)/2, 4.5, 4.5, "D")
		pdf.Line(margin, y+dagstaatRowH, margin+d.width(), y+dagstaatRowH)
		pdf.Line(d.pageW-margin-cols[7].w, y, d.pageW-margin-cols[7].w, y+dagstaatRowH)
		pdf.SetXY(margin, y+dagstaatRowH)
	}
	if len(rows) == 0 {
		d.font("", 11)
		pdf.CellFormat(d.width(), 8, "Niemand ingepland op deze werkplek op deze dag.", "", 1, "L", false, 0, "")
	}
	d.printTeamAway(away)
	d.signature()
}

// tableHead prints bold column titles with a rule under them.
func (d *doc) tableHead(cols []struct {
	title string
	w     float64
	align string
}) {
	pdf := d.pdf
	d.font("B", 9)
	y := pdf.GetY()
	x := margin
	for _, c := range cols {
		pdf.SetXY(x, y)
		pdf.CellFormat(c.w, 6, c.title, "", 0, c.align, false, 0, "")
		x += c.w
	}
	pdf.SetLineWidth(0.4)
	pdf.Line(margin, y+6, margin+d.width(), y+6)
	pdf.SetLineWidth(0.2)
	pdf.SetXY(margin, y+6)
}

// teamAway lists the people of the workplace's own team who are not here today, so the werkleider
// knows whom not to wait for. Absence reasons are not printed: the sheet hangs on a wall.
func (ix *index) teamAway(wp *domain.Workplace, date domain.Date) string {
	var away []string
	for _, e := range ix.sorted {
		if e.HomeWorkplace != wp.ID {
			continue
		}
		day := ix.dayOf(e, date)
		switch {
		case day.kind == dayWork && day.workplace.ID != wp.ID:
			away = append(away, fmt.Sprintf("%s (bij %s)", personName(e.Name, e.ID), workplaceName(day.workplace)))
		case day.kind == dayAbsent:
			away = append(away, personName(e.Name, e.ID)+" (afwezig)")
		case day.kind == dayUnplanned:
			away = append(away, personName(e.Name, e.ID)+" (niet ingepland)")
		}
	}
	if len(away) == 0 {
		return ""
	}
	return strings.Join(away, "; ") + "."
}

const (
	awayPt     = 9.0
	awayLineH  = 4.5
	signatureH = 22.0
)

// teamAwayHeight is the height printTeamAway takes.
func (d *doc) teamAwayHeight(text string) float64 {
	if text == "" {
		return 0
	}
	d.font("", awayPt)
	return 3 + 5 + float64(len(d.pdf.SplitText(text, d.width())))*awayLineH
}

// printTeamAway prints the list of teamAway under the table.
func (d *doc) printTeamAway(text string) {
	if text == "" {
		return
	}
	pdf := d.pdf
	d.ensure(d.teamAwayHeight(text))
	pdf.SetY(pdf.GetY() + 3)
	d.font("B", awayPt)
	pdf.CellFormat(d.width(), 5, "Uit het eigen team vandaag niet hier", "", 1, "L", false, 0, "")
	d.font("", awayPt)
	pdf.MultiCell(d.width(), awayLineH, text, "", "L", false)
}

// signature prints a line for the werkleider's name, signature and time, on the same page as the
// rows above it when it fits.
func (d *doc) signature() {
	pdf := d.pdf
	d.ensure(signatureH)
	y := pdf.GetY() + 10
	d.font("", 10)
	half := d.width() / 2
	pdf.SetXY(margin, y)
	pdf.CellFormat(half, 6, "Naam werkleider:", "", 0, "L", false, 0, "")
	pdf.SetXY(margin+half, y)
	pdf.CellFormat(half, 6, "Handtekening en tijd:", "", 0, "L", false, 0, "")
	pdf.Line(margin+30, y+5.5, margin+half-6, y+5.5)
	pdf.Line(margin+half+38, y+5.5, margin+d.width(), y+5.5)
	pdf.SetY(y + 8)
}

// plural returns one or more by n.
func plural(n int, one, more string) string {
	if n == 1 {
		return one
	}
	return more
}

// selectWorkplaces returns the named workplaces, or all of them sorted by location and name.
func (ix *index) selectWorkplaces(ids []string) ([]*domain.Workplace, error) {
	var out []*domain.Workplace
	if len(ids) == 0 {
		for i := range ix.ds.Workplaces {
			out = append(out, &ix.ds.Workplaces[i])
		}
		slices.SortStableFunc(out, func(a, b *domain.Workplace) int {
			if c := strings.Compare(sortKey(a.Location), sortKey(b.Location)); c != 0 {
				return c
			}
			return strings.Compare(sortKey(workplaceName(a)), sortKey(workplaceName(b)))
		})
		return out, nil
	}
	for _, id := range ids {
		wp := ix.workplaces[id]
		if wp == nil {
			return nil, fmt.Errorf("werkplek %q staat niet in de dataset; kies een id uit workplaces, bijvoorbeeld %q", id, ix.ds.Workplaces[0].ID)
		}
		out = append(out, wp)
	}
	return out, nil
}

// selectDates returns the given dates, which must lie in the plan, or all the plan's dates.
func (ix *index) selectDates(dates []domain.Date) ([]domain.Date, error) {
	if len(dates) == 0 {
		return ix.dates, nil
	}
	for _, d := range dates {
		if d < ix.plan.From || d > ix.plan.To {
			return nil, fmt.Errorf("%s valt buiten het plan (%s t/m %s); kies een datum in het plan", d, ix.plan.From, ix.plan.To)
		}
	}
	return dates, nil
}

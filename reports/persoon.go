package reports

import (
	"fmt"
	"io"
	"strings"

	"ploeg/domain"
)

// PersonOptions selects the personal week sheets; no employees means everyone in service.
type PersonOptions struct {
	Employees []string
	// Addresses holds address lines per employee id; a sheet for someone with an address gets the
	// block where the window of a C5/6 or DL window envelope shows it (20 mm from the left, 50 mm
	// from the top), with the organisation's name above it as sender.
	Addresses map[string][]string
}

// PersonalWeek writes the persoonlijk weekoverzicht: per person and ISO week one A4 page with every
// day of the plan in that week (werkplek, location, times, break, werkleider, or why not working)
// and the planned hours against the contract.
func PersonalWeek(w io.Writer, ds *domain.Dataset, p *domain.Plan, meta Meta, opts PersonOptions) error {
	return personWeeks(w, ds, p, meta, "Persoonlijk weekoverzicht", opts.Employees, func(d *doc, ix *index, e *domain.Employee, week []domain.Date) {
		d.personWeek(ix, e, week, opts.Addresses[e.ID])
	})
}

// personWeeks writes a document of title with one sheet (page) per person and ISO week of the plan:
// the named employees in every week, or without names everyone in the weeks they are in service.
func personWeeks(w io.Writer, ds *domain.Dataset, p *domain.Plan, meta Meta, title string, employees []string,
	sheet func(d *doc, ix *index, e *domain.Employee, week []domain.Date)) error {
	ix, err := newIndex(ds, p)
	if err != nil {
		return err
	}
	people, err := ix.selectEmployees(employees)
	if err != nil {
		return err
	}
	d := newDoc("P", title, meta, p)
	for _, e := range people {
		for _, week := range ix.weeks() {
			if len(employees) == 0 && !ix.inService(e, week) {
				continue
			}
			sheet(d, ix, e, week)
		}
	}
	if d.pdf.PageNo() == 0 {
		return fmt.Errorf("niemand is in dienst in de weken van het plan; er is niets af te drukken")
	}
	return d.output(w)
}

// selectEmployees returns the named employees, or all in name order.
func (ix *index) selectEmployees(ids []string) ([]*domain.Employee, error) {
	if len(ids) == 0 {
		return ix.sorted, nil
	}
	var out []*domain.Employee
	for _, id := range ids {
		e := ix.employees[id]
		if e == nil {
			return nil, fmt.Errorf("medewerker %q staat niet in de dataset; kies een id uit employees", id)
		}
		out = append(out, e)
	}
	return out, nil
}

// The columns of the personal week sheet.
var personCols = []column{
	{"Dag", 27, "L"}, {"Begin", 15, "C"}, {"Eind", 15, "C"}, {"Pauze", 15, "C"}, {"Uren", 12, "C"},
	{"Werkplek en locatie", 0, "L"}, {"Werkleider", 36, "L"},
}

const personRowH = 12.0

func (d *doc) personWeek(ix *index, e *domain.Employee, week []domain.Date, address []string) {
	pdf := d.pdf
	year, wk := week[0].ISOWeek()
	first := true
	header := func() {
		d.statusMark()
		withAddress := first && len(address) > 0
		title := fmt.Sprintf("Weekrooster week %d", wk)
		if !first {
			title += " (vervolg)"
		}
		first = false
		d.font("B", 16)
		pdf.CellFormat(d.width()-34, 8, title, "", 1, "L", false, 0, "")
		name, size := d.fitShrink("B", personName(e.Name, e.ID), d.width(), 14)
		d.font("B", size)
		pdf.CellFormat(d.width(), 7, name, "", 1, "L", false, 0, "")
		d.font("", 10)
		pdf.CellFormat(d.width(), 5.5, fmt.Sprintf("%s t/m %s %d", dayMonth(week[0]), dayMonth(week[len(week)-1]), year), "", 1, "L", false, 0, "")
		days := make([]string, len(e.Workdays))
		for i, wd := range e.Workdays {
			days[i] = wd.String()
		}
		info := fmt.Sprintf("Medewerker %s  ·  contract %s uur per week  ·  werkdagen %s", e.ID, hoursText(int(e.ContractHours*60)), strings.Join(days, ", "))
		pdf.CellFormat(d.width(), 5.5, d.fit(info, d.width()), "", 1, "L", false, 0, "")
		pdf.SetY(pdf.GetY() + 3)
		if withAddress {
			d.addressBlock(ix.ds.Organisation.Name, address)
		}
		cols := d.personColumns()
		d.tableHead(cols)
	}
	d.newPage(header)
	cols := d.personColumns()
	planned := 0
	for _, dt := range week {
		day := ix.dayOf(e, dt)
		// The werkplek's name wraps; the location goes on the line under it.
		var wpLines []string
		if day.kind == dayWork {
			d.font("", 9.5)
			wpLines = pdf.SplitText(workplaceName(day.workplace), cols[5].w-2)
			if len(wpLines) > 2 {
				wpLines = append(wpLines[:1], d.fit(strings.Join(wpLines[1:], " "), cols[5].w))
			}
		}
		rowH := max(personRowH, 3+float64(len(wpLines))*4.4+4.4)
		d.ensure(rowH)
		y := pdf.GetY()
		x := margin
		cell := func(i int, text, style string, size float64) {
			d.font(style, size)
			pdf.SetXY(x, y)
			pdf.CellFormat(cols[i].w, rowH, d.fit(text, cols[i].w), "", 0, cols[i].align, false, 0, "")
			x += cols[i].w
		}
		// The day in two lines: "donderdag" over "3 december".
		d.font("B", 10)
		pdf.SetXY(x, y+rowH/2-4.6)
		pdf.CellFormat(cols[0].w, 4.6, dayName(dt), "", 0, "L", false, 0, "")
		d.font("", 9)
		pdf.SetXY(x, y+rowH/2)
		pdf.CellFormat(cols[0].w, 4.6, dayMonth(dt), "", 0, "L", false, 0, "")
		x += cols[0].w
		if day.kind == dayWork {
			s := day.shift
			planned += s.WorkedMinutes()
			cell(1, s.Start.String(), "B", 11)
			cell(2, s.End.String(), "B", 11)
			cell(3, breakText(s.BreakMinutes), "", 10)
			cell(4, hoursText(s.WorkedMinutes()), "", 10)
			ly := y + 1.5
			d.font("", 9.5)
			for _, l := range wpLines {
				pdf.SetXY(x, ly)
				pdf.CellFormat(cols[5].w, 4.4, l, "", 0, "L", false, 0, "")
				ly += 4.4
			}
			loc := day.workplace.Location
			if day.workplace.Client != "" {
				loc += ", " + day.workplace.Client
			}
			d.font("", 8)
			pdf.SetXY(x, ly)
			pdf.CellFormat(cols[5].w, 4.4, d.fit(loc, cols[5].w), "", 0, "L", false, 0, "")
			x += cols[5].w
			lead := leaderName(day.leader)
			if lead == "" && !day.workplace.Kind.NeedsWerkleider() {
				lead = "opdrachtgever"
			}
			text, size := d.fitShrink("", lead, cols[6].w, 10)
			d.font("", size)
			pdf.SetXY(x, y)
			pdf.CellFormat(cols[6].w, rowH, text, "", 0, "L", false, 0, "")
		} else {
			var what string
			switch day.kind {
			case dayOff:
				what = "vrij (geen werkdag)"
			case dayAbsent:
				what = absenceWord(day.absence)
			case dayUnplanned:
				what = "geen dienst ingepland; vraag je werkleider"
			case dayOutOfService:
				what = "niet in dienst"
			}
			rest := 0.0
			for _, c := range cols[1:] {
				rest += c.w
			}
			d.font("B", 10)
			pdf.SetXY(x, y)
			pdf.CellFormat(rest, rowH, what, "", 0, "L", false, 0, "")
		}
		pdf.Line(margin, y+rowH, margin+d.width(), y+rowH)
		pdf.SetXY(margin, y+rowH)
	}
	d.ensure(20)
	pdf.SetY(pdf.GetY() + 3)
	d.font("B", 11)
	pdf.CellFormat(d.width(), 6, fmt.Sprintf("Ingepland deze week: %s uur (contract: %s uur)", hoursText(planned), hoursText(int(e.ContractHours*60))), "", 1, "L", false, 0, "")
	d.font("", 9)
	pdf.MultiCell(d.width(), 4.5, fmt.Sprintf("Dit rooster is afgedrukt op %s uur. Wat daarna verandert, staat er niet op: vraag bij twijfel je werkleider.", stamp(d.meta.PrintedAt)), "", "L", false)
}

func (d *doc) personColumns() []column {
	cols := make([]column, len(personCols))
	copy(cols, personCols)
	used := 0.0
	for _, c := range cols {
		used += c.w
	}
	cols[5].w = d.width() - used
	return cols
}

// addressBlock prints the sender and address where a window envelope shows them, then returns to
// the top of the page, below the window, for the sheet itself.
func (d *doc) addressBlock(sender string, lines []string) {
	pdf := d.pdf
	const x, y, w = 20.0, 45.0, 85.0
	if sender != "" {
		d.font("", 7)
		pdf.SetXY(x, y)
		pdf.CellFormat(w, 4, d.fit("Afzender: "+sender, w), "", 0, "L", false, 0, "")
	}
	d.font("", 10)
	for i, l := range lines {
		pdf.SetXY(x, y+6+float64(i)*5)
		pdf.CellFormat(w, 5, d.fit(l, w), "", 0, "L", false, 0, "")
	}
	pdf.SetXY(margin, 100)
}

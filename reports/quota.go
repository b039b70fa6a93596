package reports

import (
	"fmt"
	"io"
	"math"
	"slices"
	"strconv"
	"strings"

	"ploeg/domain"
	"ploeg/quota"
)

// QuotaInput is what the quota report prints, all of it computed by package quota: the report of
// the year, the reports of the years before it (for the table per year) and a short forecast.
type QuotaInput struct {
	Report *quota.Report
	// History holds the reports of earlier years, oldest first, each for every gemeente (peildatum
	// 31 December).
	History []*quota.Report
	// Forecast is the forecast from the end of the report's year; nil leaves the section out.
	Forecast *quota.Forecast
}

// How far the quota report looks back and ahead.
const (
	QuotaHistoryYears  = 5
	QuotaForecastYears = 5
)

// MakeQuotaInput computes the input of the quota report for q with package quota: the report of q;
// for each of the QuotaHistoryYears years before it that has a beschut werk taakstelling in the
// dataset, the report at 31 December; and a forecast of QuotaForecastYears years from the end of
// q's year with the default exit rate and need weeks.
func MakeQuotaInput(ds *domain.Dataset, q quota.Query) (QuotaInput, error) {
	r, err := quota.Quota(ds, q)
	if err != nil {
		return QuotaInput{}, err
	}
	in := QuotaInput{Report: r}
	for y := q.Year - QuotaHistoryYears; y < q.Year; y++ {
		if !slices.ContainsFunc(ds.Taakstellingen, func(t domain.Taakstelling) bool {
			return t.Year == y && t.Regeling == domain.Beschut
		}) || quota.CheckYear("year", y) != nil {
			continue
		}
		h, err := quota.Quota(ds, quota.Query{Year: y})
		if err != nil {
			return QuotaInput{}, err
		}
		in.History = append(in.History, h)
	}
	in.Forecast, err = quota.MakeForecast(ds, quota.ForecastOptions{BaseYear: q.Year, Years: QuotaForecastYears,
		Rate: quota.DefaultRate, NeedWeeks: quota.DefaultNeedWeeks})
	if err != nil {
		return QuotaInput{}, err
	}
	return in, nil
}

// QuotaPDF writes the quota report: per gemeente (and for the region when the report has it) a
// section with the gemeente, CBS code, peildatum and what each unit means; beschut werk target
// against realised with difference, percentage and status per year; the month-end trend as a chart
// with its data table beside it; the Wsw arbeidsjaren and headcount; and the forecast in short.
// meta.Version names the data the figures come from; the report has no plan and no status.
func QuotaPDF(w io.Writer, in QuotaInput, meta Meta) error {
	r := in.Report
	if r == nil {
		return fmt.Errorf("geen rapport om af te drukken")
	}
	d := newDocFrom("P", fmt.Sprintf("Taakstelling beschut werk en Wsw %d", r.Year), meta, "gegevens versie "+meta.VersionText())
	sections := slices.Clone(r.Gemeenten)
	if r.Regio != nil {
		sections = append(sections, *r.Regio)
	}
	var codes []string
	for _, g := range r.Gemeenten {
		codes = append(codes, g.Code)
	}
	for _, g := range sections {
		d.quotaSection(in, g, codes)
	}
	return d.output(w)
}

// quotaRow is one year of the beschut werk table.
type quotaRow struct {
	year      int
	peildatum domain.Date
	b         quota.Beschut
}

// find returns the figures of code (or the region) in r.
func find(r *quota.Report, code string) (quota.GemeenteQuota, bool) {
	if code == quota.RegioCode {
		if r.Regio == nil {
			return quota.GemeenteQuota{}, false
		}
		return *r.Regio, true
	}
	for _, g := range r.Gemeenten {
		if g.Code == code {
			return g, true
		}
	}
	return quota.GemeenteQuota{}, false
}

func (d *doc) quotaSection(in QuotaInput, g quota.GemeenteQuota, codes []string) {
	pdf := d.pdf
	r := in.Report
	region := g.Code == quota.RegioCode
	name := g.Name
	if name == "" {
		name = g.Code
	}
	first := true
	header := func() {
		title := "Taakstelling beschut werk en Wsw · " + name
		if !first {
			title += " (vervolg)"
		}
		t, size := d.fitShrink("B", title, d.width(), 15)
		d.font("B", size)
		pdf.CellFormat(d.width(), 8, t, "", 1, "L", false, 0, "")
		d.font("", 10)
		code := "CBS-code " + g.Code
		if region {
			code = "CBS-codes " + strings.Join(codes, ", ")
		}
		pdf.CellFormat(d.width(), 5.5, d.fit(fmt.Sprintf("%s  ·  jaar %d  ·  peildatum %s", code, r.Year, dateWords(r.Peildatum)), d.width()), "", 1, "L", false, 0, "")
		pdf.SetLineWidth(0.4)
		pdf.Line(margin, pdf.GetY()+1, margin+d.width(), pdf.GetY()+1)
		pdf.SetLineWidth(0.2)
		pdf.SetY(pdf.GetY() + 3)
		if first {
			d.quotaUnits(r)
		}
		first = false
	}
	d.newPage(header)

	// Beschut werk per year.
	var rows []quotaRow
	for _, h := range in.History {
		if hg, ok := find(h, g.Code); ok {
			rows = append(rows, quotaRow{h.Year, h.Peildatum, hg.Beschut})
		}
	}
	rows = append(rows, quotaRow{r.Year, r.Peildatum, g.Beschut})
	d.quotaYears(rows, r)

	// The trend of the year.
	d.quotaTrend(g.Beschut, r)

	// Wsw.
	d.quotaWsw(g.Wsw, r)

	// The forecast.
	if in.Forecast != nil {
		var fg *quota.GemeenteForecast
		if region {
			fg = &in.Forecast.Regio
		} else {
			for i := range in.Forecast.Gemeenten {
				if in.Forecast.Gemeenten[i].Code == g.Code {
					fg = &in.Forecast.Gemeenten[i]
				}
			}
		}
		if fg != nil {
			d.quotaForecast(in.Forecast, fg, region)
		}
	}
	if region && len(r.Warnings) > 0 {
		d.quotaNotes(r.Warnings)
	}
}

// quotaUnits says what each figure counts, so the report can be read without this program.
func (d *doc) quotaUnits(r *quota.Report) {
	text := fmt.Sprintf("Wat de getallen betekenen. Beschut werk: het aantal dienstbetrekkingen beschut werk "+
		"(personen, ongeacht hun uren) op de peildatum, bij de gemeente die verantwoordelijk was bij de plaatsing "+
		"(Participatiewet art. 10b). De taakstelling geldt voor het einde van het jaar (ultimo); vóór 31 december "+
		"zegt de prognose of ze binnen bereik is. Wsw-arbeidsjaren: het gemiddelde van de twaalf maandeindes van "+
		"contracturen gedeeld door voltijd (%s uur); categorie ernstig telt × 1,25 (Besluit uitvoering sociale "+
		"werkvoorziening art. 15), per woongemeente. Wsw-personen: het aantal met een Wsw-dienstbetrekking op de peildatum.",
		number(r.FullTimeHours, -1))
	d.font("", 8)
	d.pdf.MultiCell(d.width(), 3.7, text, "", "L", false)
	d.pdf.SetY(d.pdf.GetY() + 2.5)
}

// blockTitle prints a section heading, keeping room for at least need mm under it.
func (d *doc) blockTitle(title string, need float64) {
	pdf := d.pdf
	d.ensure(8 + need)
	d.font("B", 11.5)
	pdf.CellFormat(d.width(), 7, title, "", 1, "L", false, 0, "")
}

// statusWord returns the status of a beschut werk figure in words.
func statusWord(s quota.Status) string { return string(s) }

func (d *doc) quotaYears(rows []quotaRow, r *quota.Report) {
	pdf := d.pdf
	const rowH = 5.5
	d.blockTitle("Beschut werk: taakstelling en gerealiseerd per jaar", rowH*float64(len(rows)+2)+6)
	cols := []column{{"Jaar", 16, "L"}, {"Peildatum", 26, "L"}, {"Taakstelling\n(ultimo)", 26, "R"}, {"Gerealiseerd\n(peildatum)", 28, "R"},
		{"Verschil", 22, "R"}, {"%\ngerealiseerd", 27, "R"}, {"", 5, "L"}, {"Status", 0, "L"}}
	used := 0.0
	for _, c := range cols[:len(cols)-1] {
		used += c.w
	}
	cols[len(cols)-1].w = d.width() - used
	d.tableHead(cols)
	for i, row := range rows {
		b := row.b
		cells := []string{strconv.Itoa(row.year), shortDate(row.peildatum), optNumber(b.Target, -1), strconv.Itoa(b.Realised),
			signed(b.Difference), optPercent(b.Percentage), "", statusWord(b.Status)}
		style := ""
		if i == len(rows)-1 {
			style = "B"
		}
		d.font(style, 9.5)
		y := pdf.GetY()
		x := margin
		for c, col := range cols {
			pdf.SetXY(x, y)
			pdf.CellFormat(col.w, rowH, d.fit(cells[c], col.w), "", 0, col.align, false, 0, "")
			x += col.w
		}
		pdf.Line(margin, y+rowH, margin+d.width(), y+rowH)
		pdf.SetXY(margin, y+rowH)
	}
	b := rows[len(rows)-1].b
	d.font("", 9)
	var notes []string
	if r.Peildatum != domain.NewDate(r.Year, 12, 31) {
		notes = append(notes, fmt.Sprintf("Prognose 31 december %d: %d (%d nog te beginnen, %d aflopend), uit de contracten die nu bekend zijn.",
			r.Year, b.Projection, b.Starts, b.Ends))
	}
	if b.Note != "" {
		notes = append(notes, "Let op: "+b.Note+".")
	}
	for _, n := range notes {
		pdf.MultiCell(d.width(), 4.5, n, "", "L", false)
	}
	pdf.SetY(pdf.GetY() + 3)
}

// quotaTrend draws the month-end counts of the year as a line chart (filled squares, solid line)
// against the taakstelling (dashed), with the projection to 31 December as an open circle, and
// prints the same figures as a table beside it. Shapes and line styles, not colour, tell them apart.
func (d *doc) quotaTrend(b quota.Beschut, r *quota.Report) {
	pdf := d.pdf
	const chartH, tableRowH = 46.0, 3.6
	d.blockTitle(fmt.Sprintf("Beschut werk: verloop per maandeinde %d", r.Year), chartH+16)
	top := pdf.GetY() + 4.5
	left := margin + 12 // room for the axis labels
	const chartW = 112.0
	bottom := top + chartH
	// The scale: a round step so that at most six lines are needed.
	hi := 1.0
	for _, c := range b.MonthEnds {
		hi = max(hi, float64(c.Count))
	}
	if b.Target != nil {
		hi = max(hi, *b.Target)
	}
	hi = max(hi, float64(b.Projection))
	step := niceStep(hi / 5)
	top2 := math.Ceil(hi/step) * step
	yOf := func(v float64) float64 { return bottom - v/top2*chartH }
	xOf := func(month int) float64 { return left + (float64(month)+0.5)*chartW/12 } // month 0 = January
	d.font("", 7.5)
	pdf.SetLineWidth(0.1)
	pdf.SetDrawColor(170, 170, 170)
	for v := 0.0; v <= top2+step/2; v += step {
		y := yOf(v)
		pdf.Line(left, y, left+chartW, y)
		pdf.SetXY(margin, y-2)
		pdf.CellFormat(11, 4, number(v, -1), "", 0, "R", false, 0, "")
	}
	pdf.SetDrawColor(0, 0, 0)
	pdf.SetXY(left+1, top-4)
	pdf.CellFormat(60, 3.5, "dienstbetrekkingen beschut werk", "", 0, "L", false, 0, "")
	pdf.SetLineWidth(0.3)
	pdf.Line(left, top, left, bottom)
	pdf.Line(left, bottom, left+chartW, bottom)
	for m := range 12 {
		pdf.SetXY(xOf(m)-4.5, bottom+0.5)
		pdf.CellFormat(9, 4, monthShort[m], "", 0, "C", false, 0, "")
	}
	if b.Target != nil {
		y := yOf(*b.Target)
		pdf.SetLineWidth(0.5)
		pdf.SetDashPattern([]float64{2, 1.5}, 0)
		pdf.Line(left, y, left+chartW, y)
		pdf.SetDashPattern([]float64{}, 0)
	}
	pdf.SetLineWidth(0.6)
	for i := 1; i < len(b.MonthEnds); i++ {
		pdf.Line(xOf(i-1), yOf(float64(b.MonthEnds[i-1].Count)), xOf(i), yOf(float64(b.MonthEnds[i].Count)))
	}
	pdf.SetFillColor(0, 0, 0)
	for i, c := range b.MonthEnds {
		pdf.Rect(xOf(i)-0.9, yOf(float64(c.Count))-0.9, 1.8, 1.8, "F")
	}
	projecting := len(b.MonthEnds) > 0 && len(b.MonthEnds) < 12
	if projecting {
		last := len(b.MonthEnds) - 1
		pdf.SetLineWidth(0.3)
		pdf.SetDashPattern([]float64{0.6, 0.8}, 0)
		pdf.Line(xOf(last), yOf(float64(b.MonthEnds[last].Count)), xOf(11), yOf(float64(b.Projection)))
		pdf.SetDashPattern([]float64{}, 0)
		pdf.SetFillColor(255, 255, 255)
		pdf.Circle(xOf(11), yOf(float64(b.Projection)), 1.2, "FD")
	}
	pdf.SetLineWidth(0.2)
	// The legend under the chart, in words and the same shapes.
	ly := bottom + 5
	pdf.SetFillColor(0, 0, 0)
	lx := left
	pdf.SetLineWidth(0.6)
	pdf.Line(lx, ly+2, lx+7, ly+2)
	pdf.Rect(lx+2.6, ly+1.1, 1.8, 1.8, "F")
	d.font("", 7.5)
	pdf.SetXY(lx+8, ly)
	pdf.CellFormat(32, 4, "gerealiseerd", "", 0, "L", false, 0, "")
	lx += 34
	if b.Target != nil {
		pdf.SetLineWidth(0.5)
		pdf.SetDashPattern([]float64{2, 1.5}, 0)
		pdf.Line(lx, ly+2, lx+7, ly+2)
		pdf.SetDashPattern([]float64{}, 0)
		pdf.SetXY(lx+8, ly)
		pdf.CellFormat(30, 4, "taakstelling "+number(*b.Target, -1), "", 0, "L", false, 0, "")
		lx += 38
	}
	if projecting {
		pdf.SetLineWidth(0.3)
		pdf.SetFillColor(255, 255, 255)
		pdf.Circle(lx+3.5, ly+2, 1.2, "FD")
		pdf.SetXY(lx+8, ly)
		pdf.CellFormat(36, 4, "prognose 31 december", "", 0, "L", false, 0, "")
	}
	pdf.SetLineWidth(0.2)

	// The data table beside the chart.
	tx := left + chartW + 8
	tw := margin + d.width() - tx
	d.font("B", 8.5)
	pdf.SetXY(tx, top-1)
	pdf.CellFormat(tw*0.55, tableRowH, "Maandeinde", "", 0, "L", false, 0, "")
	pdf.CellFormat(tw*0.45, tableRowH, "Aantal", "", 0, "R", false, 0, "")
	pdf.Line(tx, top-1+tableRowH, tx+tw, top-1+tableRowH)
	y := top - 0.4 + tableRowH
	d.font("", 8.5)
	for m := range 12 {
		pdf.SetXY(tx, y)
		pdf.CellFormat(tw*0.55, tableRowH, dayMonthShort(domain.NewDate(r.Year, 1, 1).AddMonths(0, m+1).AddDays(-1)), "", 0, "L", false, 0, "")
		val := ""
		if m < len(b.MonthEnds) {
			val = strconv.Itoa(b.MonthEnds[m].Count)
		} else if m == 11 && projecting {
			val = strconv.Itoa(b.Projection) + " (prognose)"
		}
		pdf.CellFormat(tw*0.45, tableRowH, val, "", 0, "R", false, 0, "")
		y += tableRowH
	}
	if b.Target != nil {
		pdf.Line(tx, y, tx+tw, y)
		d.font("B", 8.5)
		pdf.SetXY(tx, y)
		pdf.CellFormat(tw*0.55, tableRowH, "Taakstelling", "", 0, "L", false, 0, "")
		pdf.CellFormat(tw*0.45, tableRowH, number(*b.Target, -1), "", 0, "R", false, 0, "")
	}
	pdf.SetXY(margin, max(ly+6, y+tableRowH+2))
}

var monthShort = [12]string{"jan", "feb", "mrt", "apr", "mei", "jun", "jul", "aug", "sep", "okt", "nov", "dec"}

// dayMonthShort formats d as "31 jan".
func dayMonthShort(d domain.Date) string {
	_, m, day := d.Civil()
	return fmt.Sprintf("%d %s", day, monthShort[m-1])
}

// niceStep rounds x up to 1, 2 or 5 times a power of ten.
func niceStep(x float64) float64 {
	if x <= 1 {
		return 1
	}
	p := math.Pow(10, math.Floor(math.Log10(x)))
	for _, f := range []float64{1, 2, 5, 10} {
		if f*p >= x {
			return f * p
		}
	}
	return 10 * p
}

func (d *doc) quotaWsw(w quota.Wsw, r *quota.Report) {
	pdf := d.pdf
	d.blockTitle("Wsw: arbeidsjaren en personen", 40)
	d.font("B", 10)
	line := fmt.Sprintf("Arbeidsjaren %d: %s", r.Year, number(w.Arbeidsjaren, 2))
	if w.Target != nil {
		line += fmt.Sprintf("   (taakstelling %s arbeidsjaren)", number(*w.Target, 2))
	}
	pdf.CellFormat(d.width(), 5.5, line, "", 1, "L", false, 0, "")
	d.font("", 10)
	pdf.CellFormat(d.width(), 5.5, fmt.Sprintf("Personen met een Wsw-dienstbetrekking op %s: %d", dateWords(r.Peildatum), w.Headcount), "", 1, "L", false, 0, "")
	if w.Provisional {
		d.font("", 8.5)
		pdf.MultiCell(d.width(), 4, "Voorlopig: de maandeindes na de peildatum zijn geteld uit de contracten die nu bekend zijn.", "", "L", false)
	}
	if len(w.MonthEnds) == 0 {
		pdf.SetY(pdf.GetY() + 4)
		return
	}
	// The twelve month ends in two rows.
	const labelW, rowH = 34.0, 4.5
	cw := (d.width() - labelW) / 12
	y := pdf.GetY() + 1.5
	d.font("B", 8)
	pdf.SetXY(margin, y)
	pdf.CellFormat(labelW, rowH, "Maandeinde", "", 0, "L", false, 0, "")
	for m := range 12 {
		pdf.CellFormat(cw, rowH, monthShort[m], "", 0, "R", false, 0, "")
	}
	pdf.Line(margin, y+rowH, margin+d.width(), y+rowH)
	d.font("", 8)
	for i, label := range []string{"Personen", "Voltijd (ernstig × 1,25)"} {
		yy := y + rowH*float64(i+1)
		pdf.SetXY(margin, yy)
		pdf.CellFormat(labelW, rowH, label, "", 0, "L", false, 0, "")
		for m := range 12 {
			val := ""
			if m < len(w.MonthEnds) {
				if i == 0 {
					val = strconv.Itoa(w.MonthEnds[m].Headcount)
				} else {
					val = number(w.MonthEnds[m].FullTime, 2)
				}
			}
			pdf.CellFormat(cw, rowH, val, "", 0, "R", false, 0, "")
		}
	}
	pdf.SetXY(margin, y+3*rowH+3.5)
}

func (d *doc) quotaForecast(f *quota.Forecast, g *quota.GemeenteForecast, region bool) {
	pdf := d.pdf
	const rowH = 4.8
	notes := []string{fmt.Sprintf("Verwacht op 31 december. Wsw: uitstroom op de AOW-datum en aan het einde van contracten, "+
		"plus %s %% per jaar om andere redenen; geen instroom. Beschut werk: lopende contracten tegen de taakstelling.", number(f.Rate*100, 1))}
	if slices.ContainsFunc(g.Years, func(y quota.YearForecast) bool { return y.BeschutTargetHeld && y.BeschutTarget != nil }) {
		notes = append(notes, "* Geen taakstelling bekend voor dat jaar: de laatst bekende is aangehouden.")
	}
	if c := f.Capacity; region && c.Need > 0 {
		if c.FirstShortYear != nil {
			notes = append(notes, fmt.Sprintf("Alle werkplekken samen vragen nu ongeveer %s mensen per dag; met de verwachte bezetting is dat er vanaf %d niet meer.",
				number(c.Need, 0), *c.FirstShortYear))
		} else {
			notes = append(notes, fmt.Sprintf("Alle werkplekken samen vragen nu ongeveer %s mensen per dag; de verwachte bezetting blijft daar tot en met %d boven.",
				number(c.Need, 0), f.BaseYear+f.Years))
		}
	}
	const noteH = 3.6
	d.font("", 7.5)
	notesH := 1.0
	for _, n := range notes {
		notesH += float64(len(pdf.SplitText(n, d.width()))) * noteH
	}
	// The block stays together: title, table and notes.
	d.blockTitle("Prognose in het kort", 10+rowH*float64(len(g.Years))+notesH)
	cols := []column{{"Jaar", 26, "L"}, {"Wsw\npersonen", 26, "R"}, {"Wsw\narbeidsjaren", 28, "R"}, {"Wsw uitstroom\nop AOW-datum", 30, "R"},
		{"Beschut\ntaakstelling", 28, "R"}, {"Beschut\nlopend", 22, "R"}, {"Beschut\nnog nodig", 0, "R"}}
	used := 0.0
	for _, c := range cols[:len(cols)-1] {
		used += c.w
	}
	cols[len(cols)-1].w = d.width() - used
	d.tableHead(cols)
	d.font("", 9)
	for _, y := range g.Years {
		year := strconv.Itoa(y.Year)
		if y.Base {
			year += " (stand)"
		}
		target := optNumber(y.BeschutTarget, -1)
		if y.BeschutTargetHeld && y.BeschutTarget != nil {
			target += "*"
		}
		cells := []string{year, number(y.WswHeadcount, 1), number(y.WswArbeidsjaren, 2), number(y.AOWExits, 1),
			target, number(y.BeschutCurrent, 1), number(y.BeschutNeeded, 1)}
		row := pdf.GetY()
		x := margin
		for c, col := range cols {
			pdf.SetXY(x, row)
			pdf.CellFormat(col.w, rowH, cells[c], "", 0, col.align, false, 0, "")
			x += col.w
		}
		pdf.Line(margin, row+rowH, margin+d.width(), row+rowH)
		pdf.SetXY(margin, row+rowH)
	}
	d.font("", 7.5)
	pdf.SetY(pdf.GetY() + 1)
	for _, n := range notes {
		pdf.MultiCell(d.width(), noteH, n, "", "L", false)
	}
	pdf.SetY(pdf.GetY() + 3)
}

func (d *doc) quotaNotes(warnings []string) {
	pdf := d.pdf
	d.font("", 8.5)
	text := "Let op: " + strings.Join(warnings, "; ") + "."
	d.ensure(float64(len(pdf.SplitText(text, d.width())))*4 + 2)
	pdf.MultiCell(d.width(), 4, text, "", "L", false)
}

// number formats x the Dutch way: thousands with a dot, decimals with a comma; decimals < 0 means
// as many as needed (up to two).
func number(x float64, decimals int) string {
	var s string
	if decimals < 0 {
		s = strconv.FormatFloat(math.Round(x*100)/100, 'f', -1, 64)
	} else {
		s = strconv.FormatFloat(x, 'f', decimals, 64)
	}
	neg := strings.HasPrefix(s, "-")
	s = strings.TrimPrefix(s, "-")
	whole, frac, _ := strings.Cut(s, ".")
	var b strings.Builder
	for i, r := range whole {
		if i > 0 && (len(whole)-i)%3 == 0 {
			b.WriteByte('.')
		}
		b.WriteRune(r)
	}
	out := b.String()
	if frac != "" {
		out += "," + frac
	}
	if neg && strings.Trim(out, "0.,") != "" {
		out = "−" + out
	}
	return out
}

func optNumber(x *float64, decimals int) string {
	if x == nil {
		return "–"
	}
	return number(*x, decimals)
}

func signed(x *float64) string {
	if x == nil {
		return "–"
	}
	if *x > 0 {
		return "+" + number(*x, -1)
	}
	return number(*x, -1)
}

func optPercent(x *float64) string {
	if x == nil {
		return "–"
	}
	return number(*x, 1) + " %"
}

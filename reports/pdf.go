package reports

import (
	_ "embed"
	"fmt"
	"io"
	"strings"

	"codeberg.org/go-pdf/fpdf"

	"ploeg/domain"
)

// DejaVu Sans (free licence, fonts/LICENSE): it has every Latin letter Dutch, Turkish, Polish and
// German names need, which the PDF core fonts lack.
var (
	//go:embed fonts/DejaVuSans.ttf
	fontRegular []byte
	//go:embed fonts/DejaVuSans-Bold.ttf
	fontBold []byte
)

const (
	family      = "dejavu"
	margin      = 12.0 // mm on every side
	footerH     = 9.0  // mm reserved above the bottom margin for the footer
	nbAlias     = "{nb}"
	metaFontPt  = 8.0
	lineFactor  = 0.3528 * 1.25 // mm per point, with 25 % leading
	ellipsis    = "…"
	minFontSize = 6.0
)

// doc is a PDF under construction with Ploeg's page furniture: the layout's own header on every
// page and a footer with print time, plan version and status, and page X of Y.
type doc struct {
	pdf    *fpdf.Fpdf
	meta   Meta
	plan   *domain.Plan
	header func() // draws the current section's header; must end with SetY below it
	pageW  float64
	pageH  float64
}

// newDoc starts a PDF in A4, portrait ("P") or landscape ("L").
func newDoc(orientation, title string, meta Meta, plan *domain.Plan) *doc {
	pdf := fpdf.New(orientation, "mm", "A4", "")
	pdf.SetCatalogSort(true) // resources in a fixed order: the same input gives the same bytes
	pdf.SetCreationDate(meta.PrintedAt)
	pdf.SetModificationDate(meta.PrintedAt)
	pdf.SetTitle(title, true)
	pdf.SetCreator("Ploeg", true)
	pdf.SetProducer("Ploeg", true)
	pdf.SetLang("nl-NL")
	pdf.AddUTF8FontFromBytes(family, "", fontRegular)
	pdf.AddUTF8FontFromBytes(family, "B", fontBold)
	pdf.SetMargins(margin, margin, margin)
	pdf.SetAutoPageBreak(false, 0) // layouts break pages themselves, never inside a row
	pdf.AliasNbPages(nbAlias)
	pdf.SetDrawColor(0, 0, 0)
	pdf.SetTextColor(0, 0, 0)
	d := &doc{pdf: pdf, meta: meta, plan: plan}
	d.pageW, d.pageH = pdf.GetPageSize()
	pdf.SetHeaderFuncMode(func() {
		pdf.SetY(margin)
		if d.header != nil {
			d.header()
		}
	}, false)
	pdf.SetFooterFunc(d.footer)
	return d
}

// bottom is the lowest y content may reach.
func (d *doc) bottom() float64 { return d.pageH - margin - footerH }

// width is the width between the margins.
func (d *doc) width() float64 { return d.pageW - 2*margin }

// newPage starts a page with header h.
func (d *doc) newPage(h func()) {
	d.header = h
	d.pdf.AddPage()
}

// ensure starts a new page (with the same header) unless h mm still fit on this one.
func (d *doc) ensure(h float64) bool {
	if d.pdf.GetY()+h <= d.bottom() {
		return false
	}
	d.pdf.AddPage()
	return true
}

// footer prints when, from which plan and which page: a printed roster goes stale, and the reader
// must be able to see how stale.
func (d *doc) footer() {
	pdf := d.pdf
	y := d.pageH - margin - footerH + 3
	pdf.SetLineWidth(0.2)
	pdf.Line(margin, y, d.pageW-margin, y)
	left := fmt.Sprintf("Afgedrukt %s · plan %s t/m %s · versie %s · %s", stamp(d.meta.PrintedAt),
		shortDate(d.plan.From), shortDate(d.plan.To), d.meta.VersionText(), strings.ToUpper(d.meta.StatusText()))
	const pageBox = 28.0
	left, size := d.fitShrink("", left, d.width()-pageBox, metaFontPt)
	d.font("", size)
	pdf.SetXY(margin, y+1)
	pdf.CellFormat(d.width()-pageBox, 5, left, "", 0, "L", false, 0, "")
	// The page count is filled in at the end, so its width is unknown here: left-aligned in a fixed box.
	d.font("", metaFontPt)
	pdf.SetXY(d.pageW-margin-pageBox+2, y+1)
	pdf.CellFormat(pageBox-2, 5, fmt.Sprintf("pagina %d van %s", pdf.PageNo(), nbAlias), "", 0, "L", false, 0, "")
}

// statusMark prints "CONCEPT" in a box at the top right of a page of a draft plan.
func (d *doc) statusMark() {
	if d.meta.Published() {
		return
	}
	pdf := d.pdf
	x, y := pdf.GetXY()
	d.font("B", 11)
	const w = 30.0
	pdf.SetLineWidth(0.6)
	pdf.SetXY(d.pageW-margin-w, margin)
	pdf.CellFormat(w, 8, "CONCEPT", "1", 0, "C", false, 0, "")
	pdf.SetLineWidth(0.2)
	pdf.SetXY(x, y)
}

// font sets the family's style ("" or "B") and size in points.
func (d *doc) font(style string, size float64) { d.pdf.SetFont(family, style, size) }

// lineH returns a comfortable line height in mm for the current font size.
func (d *doc) lineH() float64 {
	pt, _ := d.pdf.GetFontSize()
	return pt * lineFactor
}

// fit returns s shortened with an ellipsis so that it fits in w mm at the current font.
func (d *doc) fit(s string, w float64) string {
	const pad = 2 // the cell's inner margins
	if d.pdf.GetStringWidth(s) <= w-pad {
		return s
	}
	r := []rune(s)
	for len(r) > 0 && d.pdf.GetStringWidth(string(r)+ellipsis) > w-pad {
		r = r[:len(r)-1]
	}
	return strings.TrimRight(string(r), " ") + ellipsis
}

// fitShrink prints nothing: it returns the largest size ≤ size (down to minFontSize) at which s fits
// in w mm, and s itself, shortened with an ellipsis only when even the smallest size is too wide.
func (d *doc) fitShrink(style string, s string, w, size float64) (string, float64) {
	for sz := size; sz >= minFontSize; sz -= 0.5 {
		d.font(style, sz)
		if d.pdf.GetStringWidth(s) <= w-2 {
			return s, sz
		}
	}
	d.font(style, minFontSize)
	return d.fit(s, w), minFontSize
}

// balancedBreaks says before which rows a new page starts, each page having room mm. A greedy
// fill finds the number of pages the rows need; then the smallest page height that still needs no
// more pages (found by bisection) is used for the fill, so the rows spread evenly over the pages
// and no page carries a lonely last row.
func balancedBreaks(heights []float64, room float64) []bool {
	fill := func(capacity float64) ([]bool, int) {
		breaks := make([]bool, len(heights))
		pages, left := 1, capacity
		for i, h := range heights {
			if h > left+1e-9 && i > 0 {
				breaks[i] = true
				pages++
				left = capacity
			}
			left -= h
		}
		return breaks, pages
	}
	breaks, pages := fill(room)
	if pages == 1 {
		return breaks
	}
	lo := 0.0
	for _, h := range heights {
		lo = max(lo, h)
	}
	hi := room
	for range 40 {
		mid := (lo + hi) / 2
		if _, p := fill(mid); p <= pages {
			hi = mid
		} else {
			lo = mid
		}
	}
	breaks, _ = fill(hi)
	return breaks
}

// output writes the finished PDF.
func (d *doc) output(w io.Writer) error {
	if d.pdf.PageNo() == 0 {
		return fmt.Errorf("er is niets af te drukken")
	}
	if err := d.pdf.Error(); err != nil {
		return fmt.Errorf("PDF maken mislukt: %w", err)
	}
	return d.pdf.Output(w)
}

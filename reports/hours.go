package reports

import (
	"encoding/csv"
	"fmt"
	"io"
	"math"
	"slices"
	"strconv"
	"strings"

	"ploeg/domain"
)

// HourRow is one employee's paid hours on one date, in minutes per hour type.
type HourRow struct {
	Employee      string
	Name          string
	Date          domain.Date
	Workplace     string // the shift's werkplek (a cost centre for payroll); empty on a day of absence
	Gewerkt       int    // worked: real elapsed shift time minus the break (Europe/Amsterdam, clock changes counted)
	Verlof        int
	Ziek          int
	Therapeutisch int
	Overig        int // absence of kind overig
}

// key identifies a row for the exported ledger.
func (r HourRow) key() personDay { return personDay{r.Employee, r.Date} }

// sameHours reports whether two rows pay the same hours.
func (r HourRow) sameHours(o HourRow) bool {
	return r.Gewerkt == o.Gewerkt && r.Verlof == o.Verlof && r.Ziek == o.Ziek &&
		r.Therapeutisch == o.Therapeutisch && r.Overig == o.Overig && r.Workplace == o.Workplace
}

// Hours returns the hours of every employee on every date of the plan, one row per employee and
// date with any hours, ordered by employee id and date. Worked hours come from the plan's
// assignments. A day of absence on one of the person's workdays, within the contract and before the
// AOW date, counts the contract hours spread evenly over the workdays (32 hours on four days: 8 per
// day), whatever the shift would have been. Werkleiders are staff, not in the plan, and not here.
func Hours(ds *domain.Dataset, p *domain.Plan) ([]HourRow, error) {
	ix, err := newIndex(ds, p)
	if err != nil {
		return nil, err
	}
	var rows []HourRow
	for i := range ds.Employees {
		e := &ds.Employees[i]
		perDay := 0
		if n := len(e.Workdays); n > 0 {
			perDay = int(math.Round(e.ContractHours * 60 / float64(n)))
		}
		for _, d := range ix.dates {
			day := ix.dayOf(e, d)
			r := HourRow{Employee: e.ID, Name: e.Name, Date: d}
			switch day.kind {
			case dayWork:
				r.Gewerkt, r.Workplace = day.shift.WorkedMinutes(), day.workplace.ID
			case dayAbsent:
				switch day.absence {
				case domain.Verlof:
					r.Verlof = perDay
				case domain.Ziek:
					r.Ziek = perDay
				case domain.Therapeutisch:
					r.Therapeutisch = perDay
				default:
					r.Overig = perDay
				}
			default:
				continue
			}
			rows = append(rows, r)
		}
	}
	slices.SortFunc(rows, func(a, b HourRow) int {
		if c := strings.Compare(a.Employee, b.Employee); c != 0 {
			return c
		}
		return int(a.Date) - int(b.Date)
	})
	return rows, nil
}

// The hours CSV: semicolons and decimal commas, as Dutch spreadsheets and payroll imports expect.
var hoursHeader = []string{"medewerker", "naam", "datum", "werkplek", "gewerkt", "verlof", "ziek", "therapeutisch", "overig", "geexporteerd"}

// The values of the geexporteerd column.
const (
	ExportedNo      = "nee"       // not in any earlier export
	ExportedYes     = "ja"        // exported before with the same hours: do not pay again
	ExportedChanged = "gewijzigd" // exported before with other hours: a correction
)

// Ledger is what earlier exports sent: the last row per employee and date.
type Ledger map[personDay]HourRow

// NewLedger builds a ledger from earlier rows; a later row for the same employee and date wins.
func NewLedger(rows []HourRow) Ledger {
	l := Ledger{}
	for _, r := range rows {
		l[r.key()] = r
	}
	return l
}

// State returns the geexporteerd value of r: nee, ja or gewijzigd.
func (l Ledger) State(r HourRow) string {
	old, ok := l[r.key()]
	switch {
	case !ok:
		return ExportedNo
	case old.sameHours(r):
		return ExportedYes
	}
	return ExportedChanged
}

// WriteHoursCSV writes rows with a header; the geexporteerd column says for each row whether the
// ledger (earlier exports) already held it with the same hours (ja), with other hours (gewijzigd),
// or not (nee). A nil ledger marks every row nee.
func WriteHoursCSV(w io.Writer, rows []HourRow, ledger Ledger) error {
	cw := csv.NewWriter(w)
	cw.Comma = ';'
	if err := cw.Write(hoursHeader); err != nil {
		return err
	}
	for _, r := range rows {
		if err := cw.Write(hourFields(r, ledger.State(r))); err != nil {
			return err
		}
	}
	cw.Flush()
	return cw.Error()
}

// WriteLedgerRows appends rows to a ledger file in the same format, marked ja; header says whether
// the file is new and needs the header line first.
func WriteLedgerRows(w io.Writer, rows []HourRow, header bool) error {
	cw := csv.NewWriter(w)
	cw.Comma = ';'
	if header {
		if err := cw.Write(hoursHeader); err != nil {
			return err
		}
	}
	for _, r := range rows {
		if err := cw.Write(hourFields(r, ExportedYes)); err != nil {
			return err
		}
	}
	cw.Flush()
	return cw.Error()
}

func hourFields(r HourRow, state string) []string {
	return []string{r.Employee, r.Name, r.Date.String(), r.Workplace, decimalHours(r.Gewerkt), decimalHours(r.Verlof),
		decimalHours(r.Ziek), decimalHours(r.Therapeutisch), decimalHours(r.Overig), state}
}

// decimalHours formats minutes as hours with two decimals and a decimal comma: 450 → "7,50".
func decimalHours(minutes int) string {
	return strings.Replace(strconv.FormatFloat(float64(minutes)/60, 'f', 2, 64), ".", ",", 1)
}

// parseDecimalHours reads "7,50" (or "7.50") back into minutes.
func parseDecimalHours(s string) (int, error) {
	f, err := strconv.ParseFloat(strings.Replace(strings.TrimSpace(s), ",", ".", 1), 64)
	if err != nil || f < 0 || f > 24 {
		return 0, fmt.Errorf("%q is geen aantal uren tussen 0 en 24", s)
	}
	return int(math.Round(f * 60)), nil
}

// ReadHoursCSV reads an earlier export or a ledger in the format WriteHoursCSV writes; header lines
// (also repeated ones, from files put together) are skipped.
func ReadHoursCSV(r io.Reader) ([]HourRow, error) {
	cr := csv.NewReader(r)
	cr.Comma = ';'
	cr.FieldsPerRecord = len(hoursHeader)
	var rows []HourRow
	for line := 1; ; line++ {
		rec, err := cr.Read()
		if err == io.EOF {
			return rows, nil
		}
		if err != nil {
			return nil, fmt.Errorf("regel %d: %w; verwacht %d kolommen gescheiden door ;: %s", line, err, len(hoursHeader), strings.Join(hoursHeader, ";"))
		}
		if rec[0] == hoursHeader[0] {
			continue
		}
		d, err := domain.ParseDate(rec[2])
		if err != nil {
			return nil, fmt.Errorf("regel %d, kolom datum: %w", line, err)
		}
		row := HourRow{Employee: rec[0], Name: rec[1], Date: d, Workplace: rec[3]}
		for i, dst := range []*int{&row.Gewerkt, &row.Verlof, &row.Ziek, &row.Therapeutisch, &row.Overig} {
			if *dst, err = parseDecimalHours(rec[4+i]); err != nil {
				return nil, fmt.Errorf("regel %d, kolom %s: %w", line, hoursHeader[4+i], err)
			}
		}
		rows = append(rows, row)
	}
}

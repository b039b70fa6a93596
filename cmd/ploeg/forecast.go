package main

import (
	"context"
	"fmt"
	"io"
	"strconv"

	"ploeg/domain"
	"ploeg/quota"
)

func (a *App) forecast(ctx context.Context, args []string) error {
	def := quota.DefaultForecastOptions(a.today())
	fs := a.flags("forecast", "[opties]", "Prognose vanaf 31 december van het basisjaar: per gemeente en voor de regio het verwachte\n"+
		"aantal Wsw-medewerkers en hun arbeidsjaren (uitstroom op de AOW-datum en daarnaast een vast\n"+
		"percentage per jaar, als verwachtingswaarde), beschut werk langs het pad van de taakstelling,\n"+
		"en per werkplek hoeveel geschikte medewerkers (vaardigheden, beperkingen) er over zijn tegen\n"+
		"wat de werkplek nu per geplande dag nodig heeft, met het eerste jaar van tekort.\n"+
		"Uit --dataset of de opslag.")
	tf := a.addTableFlags(fs)
	base := fs.Int("base", def.BaseYear, "het `JAAR` met de laatst bekende cijfers; de prognose begint op 31 december daarvan")
	years := fs.Int("years", def.Years, "`AANTAL` jaren vooruit (1 tot en met 50)")
	rate := fs.Float64("rate", def.Rate, "`FRACTIE` die elk jaar om andere redenen dan de AOW vertrekt (0 tot 1; 0.03 is 3 %)")
	weeks := fs.Int("need-weeks", def.NeedWeeks, "de behoefte van een werkplek komt uit de laatste `AANTAL` geplande weken")
	table := fs.String("table", "gemeenten", "welke `TABEL` als csv: gemeenten of werkplekken (json bevat beide)")
	if err := tf.parse(fs, args); err != nil {
		return err
	}
	if *table != "gemeenten" && *table != "werkplekken" {
		return usagef("--table: %q bestaat niet; kies gemeenten of werkplekken", *table)
	}
	o := quota.ForecastOptions{BaseYear: *base, Years: *years, Rate: *rate, NeedWeeks: *weeks}
	if err := quota.CheckForecastOptions(o); err != nil {
		return flagError(err, true)
	}
	var f *quota.Forecast
	err := a.onDataset(ctx, tf, func(ds *domain.Dataset) (err error) {
		f, err = quota.MakeForecast(ds, o)
		return err
	})
	if err != nil {
		return err
	}
	a.forecastSummary(f)
	return tf.write(a, f, func(w io.Writer) error {
		if *table == "werkplekken" {
			return writeWorkplacesCSV(w, f)
		}
		return writeForecastCSV(w, f)
	})
}

// forecastSummary prints the headline on standard error: the Wsw at the start and the end, and the
// workplaces that fall short.
func (a *App) forecastSummary(f *quota.Forecast) {
	first, last := f.Regio.Years[0], f.Regio.Years[len(f.Regio.Years)-1]
	short, earliest := 0, 0
	for _, w := range f.Workplaces {
		if w.FirstShortYear != nil {
			short++
			if earliest == 0 || *w.FirstShortYear < earliest {
				earliest = *w.FirstShortYear
			}
		}
	}
	fmt.Fprintf(a.Stderr, "Wsw in de regio: %s personen eind %d, verwacht %s eind %d (%s arbeidsjaren → %s); overige uitstroom %s %% per jaar.\n",
		decimal(first.WswHeadcount, -1), first.Year, decimal(last.WswHeadcount, -1), last.Year,
		decimal(first.WswArbeidsjaren, 2), decimal(last.WswArbeidsjaren, 2), decimal(f.Rate*100, -1))
	switch {
	case short == 0:
		fmt.Fprintf(a.Stderr, "Geen werkplek heeft op zichzelf tot en met %d te weinig geschikte medewerkers.\n", last.Year)
	default:
		fmt.Fprintf(a.Stderr, "%d van de %d werkplekken %s op zichzelf tot en met %d te weinig geschikte medewerkers, de eerste in %d (zie --table werkplekken).\n",
			short, len(f.Workplaces), plural(short, "heeft", "hebben"), last.Year, earliest)
	}
	c := f.Capacity
	fmt.Fprintf(a.Stderr, "Alle werkplekken samen vragen %s mensen per geplande dag: %s, %s.\n", decimal(c.Need, -1),
		shortNote(c.FirstShortYear, "met de huidige medewerkers", last.Year),
		shortNote(c.FirstShortYearOnPath, "met beschut werk op het niveau van de taakstelling", last.Year))
}

// shortNote says when the region falls short under an assumption.
func shortNote(year *int, assumption string, last int) string {
	if year == nil {
		return fmt.Sprintf("%s genoeg mensen tot en met %d", assumption, last)
	}
	return fmt.Sprintf("%s te weinig vanaf %d", assumption, *year)
}

// writeForecastCSV writes one row per gemeente (and the region) per year.
func writeForecastCSV(w io.Writer, f *quota.Forecast) error {
	header := []string{"jaar", "gemeente", "naam", "basisjaar", "wsw personen 31 december", "wsw arbeidsjaren",
		"uitstroom aow", "overige uitstroom", "einde contract",
		"taakstelling beschut werk", "taakstelling aangehouden", "beschut werk lopend", "beschut werk nog nodig"}
	var rows [][]string
	for _, g := range append(f.Gemeenten[:len(f.Gemeenten):len(f.Gemeenten)], f.Regio) {
		for _, y := range g.Years {
			rows = append(rows, []string{strconv.Itoa(y.Year), g.Code, g.Name, yesNo(y.Base),
				decimal(y.WswHeadcount, 2), decimal(y.WswArbeidsjaren, 2),
				decimal(y.AOWExits, 2), decimal(y.OtherExits, 2), decimal(y.ContractEnds, 2),
				optDecimal(y.BeschutTarget, -1), yesNo(y.BeschutTargetHeld), decimal(y.BeschutCurrent, 2), decimal(y.BeschutNeeded, 2)})
		}
	}
	return writeCSV(w, header, rows)
}

// writeWorkplacesCSV writes one row per workplace with its need and the eligible people per year.
func writeWorkplacesCSV(w io.Writer, f *quota.Forecast) error {
	header := []string{"werkplek", "naam", "soort", "locatie", "nodig per geplande dag", "geplande dagen"}
	for j := 0; j <= f.Years; j++ {
		header = append(header, fmt.Sprintf("geschikt eind %d", f.BaseYear+j))
	}
	header = append(header, "eerste jaar tekort")
	rows := make([][]string, 0, len(f.Workplaces)+1)
	for _, wp := range f.Workplaces {
		rows = append(rows, shortRow([]string{wp.ID, wp.Name, string(wp.Kind), wp.Location, decimal(wp.Need, 2), strconv.Itoa(wp.PlannedDays)},
			wp.Eligible, wp.FirstShortYear))
	}
	// The region: all workplaces' need against everyone expected (Wsw and current beschut werk).
	c := f.Capacity
	rows = append(rows, shortRow([]string{quota.RegioCode, "alle werkplekken samen", "", "", decimal(c.Need, 2), ""}, c.People, c.FirstShortYear))
	return writeCSV(w, header, rows)
}

// shortRow returns the row: the leading cells, the people per year, the first year short.
func shortRow(cells []string, people []float64, firstShort *int) []string {
	for _, p := range people {
		cells = append(cells, decimal(p, 2))
	}
	short := ""
	if firstShort != nil {
		short = strconv.Itoa(*firstShort)
	}
	return append(cells, short)
}

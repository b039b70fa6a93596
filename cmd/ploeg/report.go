package main

import (
	"context"
	"flag"
	"fmt"
	"io"
	"sort"
	"strconv"

	"ploeg/domain"
	"ploeg/quota"
)

// reportCommands are the reports of `ploeg report`.
var reportCommands = map[string]command{
	"quota": {"taakstelling beschut werk en Wsw-arbeidsjaren per gemeente en voor de regio", (*App).reportQuota},
}

// listCommands prints the commands with their summaries, by name.
func listCommands(w io.Writer, cmds map[string]command) {
	names := make([]string, 0, len(cmds))
	for n := range cmds {
		names = append(names, n)
	}
	sort.Strings(names)
	for _, n := range names {
		fmt.Fprintf(w, "  %-9s %s\n", n, cmds[n].summary)
	}
}

// subcommands are the verbs with sub-verbs, so that messages name both ("ploeg report quota: …").
var subcommands = map[string]map[string]command{"report": reportCommands}

// at returns args[i], or "" when there is none.
func at(args []string, i int) string {
	if i < len(args) {
		return args[i]
	}
	return ""
}

func (a *App) report(ctx context.Context, args []string) error {
	if len(args) == 0 || args[0] == "--help" || args[0] == "-h" || args[0] == "-help" || args[0] == "help" {
		w := a.Stdout
		if len(args) == 0 {
			w = a.Stderr
		}
		fmt.Fprintln(w, "Gebruik: ploeg report <rapport> [opties]\n\nRapporten:")
		listCommands(w, reportCommands)
		fmt.Fprintln(w, "\nElk rapport kent --help, bijvoorbeeld 'ploeg report quota --help'.")
		if len(args) == 0 {
			return usagef("noem het rapport, bijvoorbeeld 'ploeg report quota --year 2026'")
		}
		return flag.ErrHelp
	}
	sub, ok := reportCommands[args[0]]
	if !ok {
		return usagef("onbekend rapport %q; kies uit quota", args[0])
	}
	return sub.run(a, ctx, args[1:])
}

// tableFlags are the options of a command that reads a dataset (a file or the store) and writes
// a table: --dataset, --format csv|json, --out and the store's options.
type tableFlags struct {
	store                *storeFlags
	dataset, format, out *string
}

func (a *App) addTableFlags(fs *flag.FlagSet) *tableFlags {
	return &tableFlags{
		store:   a.addStoreFlags(fs),
		dataset: fs.String("dataset", "", "gebruik de dataset in `BESTAND` in plaats van de opslag"),
		format:  fs.String("format", "csv", "`FORMAAT` van de uitvoer: csv (voor Excel: puntkomma's, decimale komma, UTF-8) of json"),
		out:     fs.String("out", "", "schrijf naar `BESTAND` in plaats van naar standaarduitvoer"),
	}
}

// parse parses the command line, which takes no positional arguments, and checks --format.
func (tf *tableFlags) parse(fs *flag.FlagSet, args []string) error {
	if pos, err := parse(fs, args); err != nil {
		return err
	} else if len(pos) > 0 {
		return usagef("onverwacht argument %q", pos[0])
	}
	if f := *tf.format; f != "csv" && f != "json" {
		return usagef("--format: %q bestaat niet; kies csv of json", f)
	}
	return nil
}

// write writes the output as JSON or, through csv, as CSV.
func (tf *tableFlags) write(a *App, v any, csv func(io.Writer) error) error {
	return a.writeOutput(*tf.out, func(w io.Writer) error {
		if *tf.format == "json" {
			return writeJSON(w, v)
		}
		return csv(w)
	})
}

// flagNames maps the fields of quota's errors to the command-line options.
var flagNames = map[string]string{"baseYear": "base", "needWeeks": "need-weeks"}

// flagError words an invalid-input error of package quota as a problem with an option: a usage
// error (exit 2) when usage is true, else a failure of the input (exit 1).
func flagError(err error, usage bool) error {
	fe := domain.FieldErrors(err)
	if len(fe) != 1 {
		return err
	}
	name := fe[0].Field
	if n, ok := flagNames[name]; ok {
		name = n
	}
	if usage {
		return usagef("--%s: %s", name, fe[0].Message)
	}
	return fmt.Errorf("--%s: %s", name, fe[0].Message)
}

func (a *App) reportQuota(ctx context.Context, args []string) error {
	fs := a.flags("report quota", "[opties]", "Per gemeente de beschut werk dienstbetrekkingen tegen de taakstelling (gerealiseerd op de\n"+
		"peildatum, verschil, percentage, status, stand per maandeinde en prognose tot 31 december) en\n"+
		"de Wsw-arbeidsjaren zoals de wet ze telt, met de regio (alle gemeenten) als totaal.\n"+
		"Status: gehaald (op de peildatum bereikt), op koers (de prognose tot 31 december haalt het),\n"+
		"achter (geen van beide). Uit --dataset of de opslag.")
	tf := a.addTableFlags(fs)
	year := fs.Int("year", a.today().Year(), "het `JAAR` van het rapport")
	gemeente := fs.String("gemeente", "", "alleen deze gemeente (`CODE`, bv. GM0392) in plaats van alle gemeenten en de regio")
	peil := fs.String("peildatum", "", "tel op deze `DATUM` (JJJJ-MM-DD) in plaats van 31 december van het jaar")
	if err := tf.parse(fs, args); err != nil {
		return err
	}
	q := quota.Query{Year: *year, Gemeente: *gemeente}
	if *peil != "" {
		d, err := domain.ParseDate(*peil)
		if err != nil {
			return usagef("--peildatum: %s", err)
		}
		q.Peildatum = d
		if !flagSet(fs, "year") {
			q.Year = d.Year()
		}
		if d.Year() != q.Year {
			return usagef("--peildatum: %s ligt niet in %d; kies een datum in dat jaar of laat --year weg", d, q.Year)
		}
	}
	if err := quota.CheckYear("year", q.Year); err != nil {
		return flagError(err, true)
	}
	var r *quota.Report
	err := a.onDataset(ctx, tf, func(ds *domain.Dataset) (err error) {
		r, err = quota.Quota(ds, q)
		return err
	})
	if err != nil {
		return err
	}
	for _, w := range r.Warnings {
		fmt.Fprintf(a.Stderr, "Let op: %s.\n", w)
	}
	return tf.write(a, r, func(w io.Writer) error { return writeQuotaCSV(w, r) })
}

// onDataset runs work on the dataset of --dataset, or of the store without it, and closes the
// store after. An invalid-input error of work names the option it concerns (exit 1: the command
// line was well-formed, the dataset does not have what it asks).
func (a *App) onDataset(ctx context.Context, tf *tableFlags, work func(*domain.Dataset) error) error {
	ds, store, err := a.loadDataset(ctx, tf.store, *tf.dataset)
	if err != nil {
		return err
	}
	if store != nil {
		defer store.Close()
	}
	if err := work(ds); err != nil {
		return flagError(err, false)
	}
	return nil
}

// flagSet reports whether the option name was given on the command line.
func flagSet(fs *flag.FlagSet, name string) bool {
	set := false
	fs.Visit(func(f *flag.Flag) { set = set || f.Name == name })
	return set
}

var monthNames = [12]string{"jan", "feb", "mrt", "apr", "mei", "jun", "jul", "aug", "sep", "okt", "nov", "dec"}

// writeQuotaCSV writes one row per gemeente and one for the region: the beschut werk columns, the
// Wsw columns, then the beschut werk count at every month end up to the peildatum.
func writeQuotaCSV(w io.Writer, r *quota.Report) error {
	header := []string{"jaar", "peildatum", "gemeente", "naam",
		"taakstelling beschut werk", "gerealiseerd", "verschil", "percentage", "status",
		"prognose 31 december", "instroom rest van het jaar", "uitstroom rest van het jaar",
		"wsw personen", "wsw arbeidsjaren", "wsw voorlopig", "wsw taakstelling arbeidsjaren"}
	for _, m := range monthNames {
		header = append(header, "beschut werk eind "+m)
	}
	rows := make([][]string, 0, len(r.Gemeenten)+1)
	all := r.Gemeenten
	if r.Regio != nil {
		all = append(all[:len(all):len(all)], *r.Regio)
	}
	for _, g := range all {
		b, wsw := g.Beschut, g.Wsw
		row := []string{strconv.Itoa(r.Year), r.Peildatum.String(), g.Code, g.Name,
			optDecimal(b.Target, -1), strconv.Itoa(b.Realised), optDecimal(b.Difference, -1), optDecimal(b.Percentage, 1), string(b.Status),
			strconv.Itoa(b.Projection), strconv.Itoa(b.Starts), strconv.Itoa(b.Ends),
			strconv.Itoa(wsw.Headcount), decimal(wsw.Arbeidsjaren, 2), yesNo(wsw.Provisional), optDecimal(wsw.Target, -1)}
		for m := range 12 {
			cell := ""
			if m < len(b.MonthEnds) {
				cell = strconv.Itoa(b.MonthEnds[m].Count)
			}
			row = append(row, cell)
		}
		rows = append(rows, row)
	}
	return writeCSV(w, header, rows)
}

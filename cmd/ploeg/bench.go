package main

import (
	"context"
	"fmt"
	"text/tabwriter"
	"time"

	"ploeg/domain"
	"ploeg/scheduler"
	"ploeg/scheduler/gen"
	"ploeg/scheduler/mip"
)

func (a *App) bench(ctx context.Context, args []string) error {
	if len(args) > 0 && args[0] == "curtois" {
		return a.benchCurtois(ctx, args[1:])
	}
	if len(args) == 0 || args[0] != "cbc" {
		if len(args) > 0 && (args[0] == "--help" || args[0] == "-h") {
			fmt.Fprintln(a.Stdout, "Gebruik: ploeg bench cbc|curtois [opties]\n\n"+
				"cbc:     vergelijkt Ploeg met de exacte MIP-oplosser CBC op dezelfde problemen (ploeg bench cbc --help).\n"+
				"curtois: lost instanties van de benchmark van Curtois en Qu op (ploeg bench curtois --help).")
			return nil
		}
		return usagef("kies een vergelijking: ploeg bench cbc of ploeg bench curtois")
	}
	fs := a.flags("bench cbc", "[opties]", "Lost dezelfde problemen op met Ploeg en met CBC (de MIP die scheduler/mip schrijft) en zet\n"+
		"de doelwaarden naast elkaar. Zonder --dataset: willekeurige instanties (scheduler/gen) die CBC\n"+
		"optimaal kan bewijzen. Met --dataset: dat bestand voor --from t/m --to. CBC moet geïnstalleerd zijn\n"+
		"(apt-get install coinor-cbc).")
	dataset := fs.String("dataset", "", "vergelijk op de dataset in `BESTAND`")
	fromS := fs.String("from", "", "eerste `DATUM` bij --dataset")
	toS := fs.String("to", "", "laatste `DATUM` bij --dataset")
	n := fs.Int("instances", 10, "`AANTAL` willekeurige instanties")
	cbcLimit := fs.Duration("cbc-time-limit", 60*time.Second, "tijdslimiet van CBC per instantie (`DUUR`)")
	ploegLimit := fs.Duration("time-limit", 0, "tijdslimiet van Ploeg per instantie (`DUUR`; 0: tot de zoektocht zelf stopt)")
	effort := fs.Float64("effort", 1, "`FACTOR` voor het aantal zoekstappen van Ploeg")
	seed := fs.Uint64("seed", 1, "`GETAL` waarmee Ploeg zijn zoektocht begint")
	noStart := fs.Bool("cbc-no-start", false, "CBC zonder startplan en met voorbewerking (sterkere grens, maar op grote instanties soms geen plan)")
	if pos, err := parse(fs, args[1:]); err != nil {
		return err
	} else if len(pos) > 0 {
		return usagef("onverwacht argument %q", pos[0])
	}
	type instance struct {
		name     string
		ds       *domain.Dataset
		from, to domain.Date
	}
	var insts []instance
	if *dataset != "" {
		from, to, err := dateRange(*fromS, *toS)
		if err != nil {
			return err
		}
		ds, err := a.decodeFile(*dataset)
		if err != nil {
			return err
		}
		insts = append(insts, instance{*dataset, ds, from, to})
	} else {
		for i := 1; i <= *n; i++ {
			size := benchSize(i)
			ds := gen.Random(uint64(i), size)
			from, to := gen.Range(ds)
			insts = append(insts, instance{fmt.Sprintf("gen-%02d (%d p, %d d)", i, size.Employees, size.Days), ds, from, to})
		}
	}
	tw := tabwriter.NewWriter(a.Stdout, 0, 0, 2, ' ', tabwriter.AlignRight)
	fmt.Fprintln(tw, "instantie\tPloeg\ttijd\tCBC\tgrens CBC\tstatus CBC\ttijd CBC\tPloeg−CBC\tgap t.o.v. grens\t")
	var equal, within1, proven int
	for _, in := range insts {
		began := time.Now()
		p, err := scheduler.Plan(ctx, in.ds, in.from, in.to, scheduler.Options{Seed: *seed, TimeLimit: *ploegLimit, Effort: *effort})
		if err != nil {
			return fmt.Errorf("%s: %w", in.name, err)
		}
		pt := time.Since(began)
		res, err := mip.Solve(ctx, in.ds, in.from, in.to, mip.Options{TimeLimit: *cbcLimit, NoStart: *noStart})
		if err != nil {
			return fmt.Errorf("%s: CBC: %w", in.name, err)
		}
		gap := 0.0
		if res.BestBound > 0 {
			gap = (p.Score.Total - res.BestBound) / res.BestBound * 100
		}
		if res.Optimal {
			proven++
			if p.Score.Total <= res.Objective+0.001 {
				equal++
			}
			if p.Score.Total <= res.Objective*1.01+0.001 {
				within1++
			}
		}
		fmt.Fprintf(tw, "%s\t%g\t%s\t%g\t%g\t%s\t%s\t%+g\t%.2f %%\t\n", in.name, p.Score.Total, pt.Round(time.Millisecond),
			res.Objective, res.BestBound, res.Status, res.Elapsed.Round(time.Millisecond), p.Score.Total-res.Objective, gap)
	}
	if err := tw.Flush(); err != nil {
		return err
	}
	if proven > 0 {
		fmt.Fprintf(a.Stdout, "\nOp %d instanties die CBC optimaal bewees: Ploeg gelijk aan het optimum op %d, binnen 1 %% op %d.\n", proven, equal, within1)
	}
	return nil
}

// benchSize gives the i-th random instance its size: up to 80 people and 1–5 days.
func benchSize(i int) gen.Size {
	sizes := []gen.Size{
		{Employees: 20, Days: 1}, {Employees: 30, Days: 2}, {Employees: 40, Days: 1}, {Employees: 25, Days: 5},
		{Employees: 50, Days: 3}, {Employees: 60, Days: 2}, {Employees: 35, Days: 5}, {Employees: 80, Days: 1},
		{Employees: 45, Days: 4}, {Employees: 70, Days: 2},
	}
	return sizes[(i-1)%len(sizes)]
}

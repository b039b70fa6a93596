package main

import (
	"context"
	"encoding/json"
	"fmt"
	"io"
	"os"
	"time"

	"ploeg/domain"
	"ploeg/scheduler"
)

func (a *App) plan(ctx context.Context, args []string) error {
	fs := a.flags("plan", "[opties] --from DATUM --to DATUM", "Maakt een plan voor de diensten van --from tot en met --to dat elke harde regel houdt en zo\n"+
		"weinig mogelijk tekort, leegloop en werk buiten de eigen werkplek heeft. Met --dataset uit een\n"+
		"bestand; anders uit de opslag, waar het plan dan ook als concept wordt bewaard.")
	sf := a.addStoreFlags(fs)
	dataset := fs.String("dataset", "", "plan met de dataset in `BESTAND` in plaats van de opslag")
	fromS := fs.String("from", "", "eerste `DATUM` van het plan (JJJJ-MM-DD)")
	toS := fs.String("to", "", "laatste `DATUM` van het plan (JJJJ-MM-DD)")
	limit := fs.Duration("time-limit", 10*time.Second, "stop na deze `DUUR` met het beste plan tot dan")
	seed := fs.Uint64("seed", 1, "`GETAL` voor de zoektocht: zelfde seed en invoer geven hetzelfde plan")
	effort := fs.Float64("effort", 1, "`FACTOR` voor het aantal zoekstappen: hoger zoekt langer en vaak beter (bv. 10)")
	out := fs.String("out", "", "schrijf het plan naar `BESTAND` in plaats van naar standaarduitvoer")
	if pos, err := parse(fs, args); err != nil {
		return err
	} else if len(pos) > 0 {
		return usagef("onverwacht argument %q", pos[0])
	}
	from, to, err := dateRange(*fromS, *toS)
	if err != nil {
		return err
	}
	ds, store, err := a.loadDataset(ctx, sf, *dataset)
	if err != nil {
		return err
	}
	if store != nil {
		defer store.Close()
	}
	prog := a.progress()
	p, stats, err := scheduler.PlanWithStats(ctx, ds, from, to, scheduler.Options{TimeLimit: *limit, Seed: *seed, Effort: *effort, Progress: prog.report})
	prog.done()
	if err != nil {
		return err
	}
	if store != nil {
		if err := savePlan(domain.WithActor(ctx, domain.Actor{Name: "cli", Reason: "ploeg plan"}), store, p); err != nil {
			return err
		}
	}
	fmt.Fprintf(a.Stderr, "Plan %s t/m %s: %d %s; %d %s tekort, %d keer iemand zonder werk, %d buiten de eigen werkplek; totaal %g%s in %s.\n",
		p.From, p.To, len(p.Assignments), plural(len(p.Assignments), "toewijzing", "toewijzingen"), p.Score.Understaffed, plural(p.Score.Understaffed, "plaats", "plaatsen"),
		p.Score.Idle, p.Score.Continuity, p.Score.Total, boundNote(stats), stats.Elapsed.Round(time.Millisecond))
	return a.writeOutput(*out, func(w io.Writer) error { return writeJSON(w, p) })
}

// boundNote says how the total compares with the lower bound, when one was computed (a region of
// thousands gets none: 0 is then no information).
func boundNote(s scheduler.Stats) string {
	switch {
	case s.Optimal:
		return fmt.Sprintf(" (gelijk aan de ondergrens %g, dus optimaal)", s.LowerBound)
	case s.LowerBound > 0:
		return fmt.Sprintf(" (ondergrens %g)", s.LowerBound)
	}
	return ""
}

func dateRange(fromS, toS string) (domain.Date, domain.Date, error) {
	if fromS == "" || toS == "" {
		return 0, 0, usagef("geef --from en --to, bijvoorbeeld --from 2026-11-23 --to 2026-11-27")
	}
	from, err := domain.ParseDate(fromS)
	if err != nil {
		return 0, 0, usagef("--from: %s", err)
	}
	to, err := domain.ParseDate(toS)
	if err != nil {
		return 0, 0, usagef("--to: %s", err)
	}
	if to < from {
		return 0, 0, usagef("--to (%s) ligt vóór --from (%s)", to, from)
	}
	return from, to, nil
}

// loadDataset reads the dataset from a file when one is named, else from the store (which it
// returns open, for the caller to close).
func (a *App) loadDataset(ctx context.Context, sf *storeFlags, file string) (*domain.Dataset, domain.Store, error) {
	if file != "" {
		ds, err := a.decodeFile(file)
		return ds, nil, err
	}
	store, _, err := sf.open(ctx, a.Now)
	if err != nil {
		return nil, nil, err
	}
	ds, err := domain.LoadDataset(ctx, store)
	if err != nil {
		store.Close()
		return nil, nil, err
	}
	return ds, store, nil
}

// savePlan stores p as the plan of its range, replacing an earlier one.
func savePlan(ctx context.Context, store domain.Store, p domain.Plan) error {
	plans := domain.Plans(store)
	old, err := plans.Get(ctx, p.Key())
	switch domain.ErrorCode(err) {
	case "":
		_, err = plans.Update(ctx, p, old.Version)
	case domain.CodeNotFound:
		_, err = plans.Create(ctx, p)
	}
	return err
}

func writeJSON(w io.Writer, v any) error {
	enc := json.NewEncoder(w)
	enc.SetIndent("", "  ")
	enc.SetEscapeHTML(false)
	return enc.Encode(v)
}

func (a *App) check(ctx context.Context, args []string) error {
	fs := a.flags("check", "--dataset BESTAND --plan BESTAND", "Controleert een plan tegen de harde regels H1–H10 van DATASET.md en berekent de score.\n"+
		"Sluit af met code 1 als het plan een regel breekt.")
	dataset := fs.String("dataset", "", "de dataset in `BESTAND`")
	planFile := fs.String("plan", "", "het plan in `BESTAND`")
	asJSON := fs.Bool("json", false, "schrijf het resultaat als JSON")
	if pos, err := parse(fs, args); err != nil {
		return err
	} else if len(pos) > 0 {
		return usagef("onverwacht argument %q", pos[0])
	}
	if *dataset == "" || *planFile == "" {
		return usagef("geef --dataset en --plan")
	}
	ds, err := a.decodeFile(*dataset)
	if err != nil {
		return err
	}
	b, err := os.ReadFile(*planFile)
	if err != nil {
		return fmt.Errorf("kan %s niet lezen: %w", *planFile, err)
	}
	var p domain.Plan
	if err := domain.DecodeStrict(b, &p); err != nil {
		return fmt.Errorf("%s is geen geldig plan: %w", *planFile, err)
	}
	r, err := scheduler.Check(ds, &p)
	if err != nil {
		return err
	}
	if *asJSON {
		if err := writeJSON(a.Stdout, r); err != nil {
			return err
		}
	} else {
		for _, v := range r.Violations {
			fmt.Fprintln(a.Stdout, v)
		}
		sc := r.Score
		fmt.Fprintf(a.Stdout, "Score: tekort %d, zonder werk %d, buiten eigen werkplek %d; totaal %g\n", sc.Understaffed, sc.Idle, sc.Continuity, sc.Total)
		if p.Score != sc {
			fmt.Fprintf(a.Stdout, "Let op: het plan zelf meldt een andere score (totaal %g).\n", p.Score.Total)
		}
	}
	if !r.Valid() {
		return fmt.Errorf("het plan breekt %d %s", len(r.Violations), plural(len(r.Violations), "harde regel", "harde regels"))
	}
	if !*asJSON {
		fmt.Fprintln(a.Stdout, "Het plan houdt alle harde regels.")
	}
	return nil
}

// progress prints a progress line on a terminal once a run takes more than a second.
type progressLine struct {
	w       io.Writer
	enabled bool
	shown   bool
	last    time.Time
}

func (a *App) progress() *progressLine {
	p := &progressLine{w: a.Stderr}
	if f, ok := a.Stderr.(*os.File); ok {
		if fi, err := f.Stat(); err == nil && fi.Mode()&os.ModeCharDevice != 0 {
			p.enabled = true
		}
	}
	return p
}

func (p *progressLine) report(pr scheduler.Progress) {
	if !p.enabled || pr.Elapsed < time.Second || time.Since(p.last) < 250*time.Millisecond {
		return
	}
	p.last, p.shown = time.Now(), true
	bound := ""
	if pr.LowerBound > 0 {
		bound = fmt.Sprintf(" (ondergrens %g)", pr.LowerBound)
	}
	fmt.Fprintf(p.w, "\rplannen… %4.1f s, beste totaal %g%s   ", pr.Elapsed.Seconds(), pr.Best, bound)
}

func (p *progressLine) done() {
	if p.shown {
		fmt.Fprint(p.w, "\r\033[K")
	}
}

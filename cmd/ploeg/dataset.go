package main

import (
	"context"
	"fmt"
	"io"

	"ploeg/demo"
	"ploeg/domain"
)

func (a *App) importCmd(ctx context.Context, args []string) error {
	fs := a.flags("import", "[opties] BESTAND", "Leest een dataset (JSON, formaat DATASET.md) en vervangt daarmee de hele opgeslagen\n"+
		"dataset, in één keer: bij één fout wordt niets opgeslagen. BESTAND - leest van standaardinvoer.")
	sf := a.addStoreFlags(fs)
	pos, err := parse(fs, args)
	if err != nil {
		return err
	}
	if len(pos) != 1 {
		return usagef("geef precies één bestand om te importeren")
	}
	ds, err := a.decodeFile(pos[0])
	if err != nil {
		return err
	}
	store, where, err := sf.open(ctx, a.Now)
	if err != nil {
		return err
	}
	defer store.Close()
	ctx = domain.WithActor(ctx, domain.Actor{Name: "cli", Reason: "ploeg import " + pos[0]})
	fmt.Fprintf(a.Stdout, "%s is geldig; opslaan in %s …\n", pos[0], where)
	if err := domain.ImportDataset(ctx, store, ds); err != nil {
		return err
	}
	fmt.Fprintf(a.Stdout, "Geïmporteerd: %s.\n", ds.Counts().Dutch())
	return nil
}

// decodeFile reads and checks a dataset file; its error lists every problem with its path.
func (a *App) decodeFile(name string) (*domain.Dataset, error) {
	r, err := a.readInput(name)
	if err != nil {
		return nil, err
	}
	defer r.Close()
	ds, err := domain.DecodeDataset(r)
	if err != nil {
		n := len(domain.FieldErrors(err))
		if n > 0 {
			return nil, fmt.Errorf("%s bevat %d %s; er is niets opgeslagen.\n%w", name, n, plural(n, "fout", "fouten"), err)
		}
		return nil, fmt.Errorf("%s: %w", name, err)
	}
	return ds, nil
}

func plural(n int, one, more string) string {
	if n == 1 {
		return one
	}
	return more
}

func (a *App) export(ctx context.Context, args []string) error {
	fs := a.flags("export", "[opties]", "Schrijft de opgeslagen dataset als JSON (formaat DATASET.md).\n"+
		"Uren en agenda's van een plan: zie ploeg export hours --help en ploeg export ics --help.")
	sf := a.addStoreFlags(fs)
	out := fs.String("out", "", "schrijf naar `BESTAND` in plaats van naar standaarduitvoer")
	if pos, err := parse(fs, args); err != nil {
		return err
	} else if len(pos) > 0 {
		return usagef("onverwacht argument %q; gebruik --out BESTAND", pos[0])
	}
	store, _, err := sf.open(ctx, a.Now)
	if err != nil {
		return err
	}
	defer store.Close()
	ds, err := domain.LoadDataset(ctx, store)
	if err != nil {
		return err
	}
	return a.writeOutput(*out, func(w io.Writer) error { return domain.EncodeDataset(w, ds) })
}

func (a *App) validate(ctx context.Context, args []string) error {
	fs := a.flags("validate", "BESTAND", "Controleert een dataset en meldt alle fouten met hun plaats; slaat niets op.")
	pos, err := parse(fs, args)
	if err != nil {
		return err
	}
	if len(pos) != 1 {
		return usagef("geef precies één bestand om te controleren")
	}
	ds, err := a.decodeFile(pos[0])
	if err != nil {
		return err
	}
	fmt.Fprintf(a.Stdout, "%s is geldig: %s.\n", pos[0], ds.Counts().Dutch())
	return nil
}

func (a *App) demo(ctx context.Context, args []string) error {
	def := demo.DefaultOptions(a.today())
	fs := a.flags("demo", "[opties]", "Schrijft een demodataset: de regio van Paswerk (Haarlem, Zandvoort, Heemstede,\n"+
		"Bloemendaal) met werkplekken, werkleiders, medewerkers en diensten. Zelfde seed, zelfde dataset.")
	out := fs.String("out", "", "schrijf naar `BESTAND` in plaats van naar standaarduitvoer")
	n := fs.Int("employees", def.Employees, "`AANTAL` Wsw-medewerkers (beschut werk komt erbij)")
	days := fs.Int("days", def.Days, "`AANTAL` werkdagen met diensten (zaterdagen komen erbij)")
	seed := fs.Uint64("seed", def.Seed, "`GETAL` waarmee de toevalsgenerator begint")
	start := fs.String("start", def.Start.String(), "eerste `DATUM` met diensten (JJJJ-MM-DD)")
	if pos, err := parse(fs, args); err != nil {
		return err
	} else if len(pos) > 0 {
		return usagef("onverwacht argument %q; gebruik --out BESTAND", pos[0])
	}
	opts := def
	var err error
	if opts.Start, err = domain.ParseDate(*start); err != nil {
		return usagef("--start: %s", err)
	}
	if *n < 1 || *n > 100000 {
		return usagef("--employees moet tussen 1 en 100000 liggen, niet %d", *n)
	}
	if *days < 1 || *days > 366 {
		return usagef("--days moet tussen 1 en 366 liggen, niet %d", *days)
	}
	opts.Employees, opts.Days, opts.Seed = *n, *days, *seed
	ds := demo.Generate(opts)
	return a.writeOutput(*out, func(w io.Writer) error { return domain.EncodeDataset(w, ds) })
}

package main

import (
	"context"
	"errors"
	"fmt"
	"io"
	"os"
	"path/filepath"
	"regexp"
	"time"

	"ploeg/reports"
)

// exportAny dispatches export: "export hours" and "export ics" export a plan; anything else is the
// dataset export it has always been.
func (a *App) exportAny(ctx context.Context, args []string) error {
	if len(args) > 0 {
		switch args[0] {
		case "hours":
			return a.exportHours(ctx, args[1:])
		case "ics":
			return a.exportICS(ctx, args[1:])
		}
	}
	return a.export(ctx, args)
}

func (a *App) exportHours(ctx context.Context, args []string) error {
	fs := a.flags("export hours", "[opties]", "Schrijft de uren van een plan voor de salarisadministratie als CSV (; en decimale komma):\n"+
		"per medewerker en dag gewerkt, verlof, ziek, therapeutisch en overig. Gewerkt = eind − begin − pauze\n"+
		"in echte tijd (Europe/Amsterdam); een dag afwezigheid telt de contracturen gedeeld door het aantal\n"+
		"werkdagen. Met --exported BESTAND zegt de kolom geexporteerd per regel of een eerdere export hem al\n"+
		"had (ja), met andere uren (gewijzigd) of niet (nee); --mark voegt de nieuwe en gewijzigde regels\n"+
		"daarna aan dat bestand toe.")
	pf := a.addPlanFlags(fs)
	exported := fs.String("exported", "", "`BESTAND` met wat eerder is geëxporteerd (een eerdere export of het bestand van --mark)")
	mark := fs.Bool("mark", false, "voeg de regels die nog niet (zo) geëxporteerd waren toe aan --exported")
	out := fs.String("out", "", "schrijf naar `BESTAND` in plaats van naar standaarduitvoer")
	if pos, err := parse(fs, args); err != nil {
		return err
	} else if len(pos) > 0 {
		return usagef("onverwacht argument %q", pos[0])
	}
	if *mark && *exported == "" {
		return usagef("--mark heeft --exported BESTAND nodig: daar wordt bijgehouden wat geëxporteerd is")
	}
	l, err := a.load(ctx, pf)
	if err != nil {
		return err
	}
	rows, err := reports.Hours(l.ds, l.plan)
	if err != nil {
		return err
	}
	var ledger reports.Ledger
	ledgerExists := false
	if *exported != "" {
		f, err := os.Open(*exported)
		switch {
		case errors.Is(err, os.ErrNotExist) && *mark:
			// The first marked export starts the file.
		case err != nil:
			return fmt.Errorf("kan %s niet openen: %w", *exported, errors.Unwrap(err))
		default:
			ledgerExists = true
			sent, err := reports.ReadHoursCSV(f)
			f.Close()
			if err != nil {
				return fmt.Errorf("%s: %w", *exported, err)
			}
			ledger = reports.NewLedger(sent)
		}
	}
	if err := a.writeOutput(*out, func(w io.Writer) error { return reports.WriteHoursCSV(w, rows, ledger) }); err != nil {
		return err
	}
	var fresh []reports.HourRow
	for _, r := range rows {
		if ledger.State(r) != reports.ExportedYes {
			fresh = append(fresh, r)
		}
	}
	if *mark {
		f, err := os.OpenFile(*exported, os.O_WRONLY|os.O_APPEND|os.O_CREATE, 0o644)
		if err != nil {
			return fmt.Errorf("kan %s niet bijwerken: %w", *exported, errors.Unwrap(err))
		}
		err = reports.WriteLedgerRows(f, fresh, !ledgerExists)
		if cerr := f.Close(); err == nil {
			err = cerr
		}
		if err != nil {
			return fmt.Errorf("kan %s niet bijwerken: %w", *exported, err)
		}
		fmt.Fprintf(a.Stderr, "%d %s als geëxporteerd gemarkeerd in %s.\n", len(fresh), plural(len(fresh), "regel", "regels"), *exported)
	}
	fmt.Fprintf(a.Stderr, "%d %s uren (%d nieuw of gewijzigd), plan %s t/m %s, versie %s, %s.\n", len(rows), plural(len(rows), "regel", "regels"),
		len(fresh), l.plan.From, l.plan.To, l.meta.VersionText(), l.meta.StatusText())
	return nil
}

func (a *App) exportICS(ctx context.Context, args []string) error {
	fs := a.flags("export ics", "[opties] (--employee ID --out BESTAND.ics | --out-dir MAP)", "Schrijft per medewerker een agenda (iCalendar, RFC 5545) met de diensten van het plan, in\n"+
		"Europe/Amsterdam-tijd. Elke dienst houdt dezelfde UID, dus een nieuwe export vervangt de oude\n"+
		"afspraken; diensten uit de vorige publicatie (--previous) die er niet meer zijn, komen erin als\n"+
		"vervallen. Een conceptplan geeft voorlopige afspraken (TENTATIVE), een gepubliceerd plan vaste.")
	pf := a.addPlanFlags(fs)
	employee := fs.String("employee", "", "de agenda van medewerker `ID` (met --out)")
	out := fs.String("out", "", "schrijf de agenda van --employee naar `BESTAND`")
	outDir := fs.String("out-dir", "", "schrijf een agenda per medewerker (ID.ics) in `MAP`")
	previous := fs.String("previous", "", "het vorige gepubliceerde plan in `BESTAND`: wat daaruit verdwenen is, wordt vervallen")
	previousDS := fs.String("previous-dataset", "", "de dataset van het vorige plan in `BESTAND`, voor diensten die niet meer in de dataset staan")
	uidDomain := fs.String("uid-domain", "", "`DOMEIN` achter elke UID; blijf hetzelfde gebruiken (standaard: de organisatienaam + .ploeg)")
	sequence := fs.Int64("sequence", -1, "`GETAL` SEQUENCE van de afspraken; moet bij elke publicatie groeien (standaard: de versie\n        van het opgeslagen plan, of bij --plan BESTAND de minuten sinds 2020 op het afdrukmoment)")
	if pos, err := parse(fs, args); err != nil {
		return err
	} else if len(pos) > 0 {
		return usagef("onverwacht argument %q", pos[0])
	}
	switch {
	case *employee != "" && *out == "":
		return usagef("geef --out BESTAND.ics voor de agenda van %s", *employee)
	case *employee == "" && *outDir == "":
		return usagef("geef --employee ID met --out BESTAND, of --out-dir MAP voor iedereen")
	case *employee != "" && *outDir != "":
		return usagef("--out-dir schrijft iedereen; laat --employee weg, of gebruik --out")
	case *employee == "" && *out != "":
		return usagef("--out hoort bij --employee; voor iedereen: --out-dir MAP")
	}
	if *previousDS != "" && *previous == "" {
		return usagef("--previous-dataset hoort bij --previous")
	}
	l, err := a.load(ctx, pf)
	if err != nil {
		return err
	}
	opts := reports.ICSOptions{UIDDomain: *uidDomain, Sequence: *sequence}
	if opts.UIDDomain == "" {
		opts.UIDDomain = reports.UIDDomain(l.ds.Organisation.Name)
	}
	if opts.Sequence < 0 {
		opts.Sequence = defaultSequence(l.meta)
	}
	if *previous != "" {
		prev, _, err := readPlanFile(*previous)
		if err != nil {
			return err
		}
		opts.Previous = prev
		if *previousDS != "" {
			pds, err := a.decodeFile(*previousDS)
			if err != nil {
				return err
			}
			opts.PreviousShifts = pds.Shifts
		}
	}
	if *employee != "" {
		opts.Employee = *employee
		return a.writeOutput(*out, func(w io.Writer) error { return reports.ICS(w, l.ds, l.plan, l.meta, opts) })
	}
	if err := os.MkdirAll(*outDir, 0o755); err != nil {
		return fmt.Errorf("kan map %s niet maken: %w", *outDir, errors.Unwrap(err))
	}
	n := 0
	for _, e := range l.ds.Employees {
		if e.ContractEnd != nil && *e.ContractEnd < l.plan.From || e.ContractStart > l.plan.To {
			continue
		}
		opts.Employee = e.ID
		if err := a.writeOutput(filepath.Join(*outDir, safeFileName(e.ID)+".ics"), func(w io.Writer) error {
			return reports.ICS(w, l.ds, l.plan, l.meta, opts)
		}); err != nil {
			return err
		}
		n++
	}
	fmt.Fprintf(a.Stderr, "%d %s geschreven in %s (plan %s t/m %s, versie %s, %s).\n", n, plural(n, "agenda", "agenda's"), *outDir,
		l.plan.From, l.plan.To, l.meta.VersionText(), l.meta.StatusText())
	return nil
}

// defaultSequence is the stored plan's version, or for a plan from a file the minutes since
// 2020-01-01 UTC at the print time: either grows from one publication to the next.
func defaultSequence(m reports.Meta) int64 {
	var v int64
	if _, err := fmt.Sscanf(m.Version, "%d", &v); err == nil && fmt.Sprint(v) == m.Version {
		return v
	}
	return int64(m.PrintedAt.Sub(time.Date(2020, 1, 1, 0, 0, 0, 0, time.UTC)) / time.Minute)
}

var notFileChar = regexp.MustCompile(`[^A-Za-z0-9._-]+`)

// safeFileName keeps an id usable as a file name.
func safeFileName(id string) string {
	s := notFileChar.ReplaceAllString(id, "_")
	if s == "" || s[0] == '.' {
		s = "_" + s
	}
	return s
}

package main

import (
	"context"
	"crypto/sha256"
	"encoding/csv"
	"encoding/hex"
	"errors"
	"flag"
	"fmt"
	"io"
	"os"
	"strconv"
	"strings"
	"time"

	"ploeg/domain"
	"ploeg/reports"
)

// planFlags are the options of every verb that prints or exports a plan: on files (--dataset and
// --plan) or on the store (the stored plan of --from..--to, or the only stored plan).
type planFlags struct {
	store         *storeFlags
	dataset, plan string
	from, to      string
}

func (a *App) addPlanFlags(fs *flag.FlagSet) *planFlags {
	pf := &planFlags{store: a.addStoreFlags(fs)}
	fs.StringVar(&pf.dataset, "dataset", "", "de dataset in `BESTAND` in plaats van de opslag (samen met --plan)")
	fs.StringVar(&pf.plan, "plan", "", "het plan in `BESTAND` in plaats van de opslag (samen met --dataset)")
	fs.StringVar(&pf.from, "from", "", "in de opslag: het plan dat op deze `DATUM` begint (nodig als er meer plannen zijn)")
	fs.StringVar(&pf.to, "to", "", "in de opslag: het plan dat op deze `DATUM` eindigt")
	return pf
}

// loaded is a dataset and plan with what a printout says about them.
type loaded struct {
	ds   *domain.Dataset
	plan *domain.Plan
	meta reports.Meta
}

// load reads the dataset and plan from files or from the store.
func (a *App) load(ctx context.Context, pf *planFlags) (loaded, error) {
	now, err := a.printTime()
	if err != nil {
		return loaded{}, err
	}
	switch {
	case pf.dataset != "" && pf.plan != "":
		if pf.from != "" || pf.to != "" {
			return loaded{}, usagef("--from en --to kiezen een plan in de opslag; laat ze weg bij --plan BESTAND")
		}
		ds, err := a.decodeFile(pf.dataset)
		if err != nil {
			return loaded{}, err
		}
		p, digest, err := readPlanFile(pf.plan)
		if err != nil {
			return loaded{}, err
		}
		return loaded{ds, p, reports.Meta{PrintedAt: now, Version: "bestand " + digest, Status: p.Status}}, nil
	case pf.dataset != "" || pf.plan != "":
		return loaded{}, usagef("geef --dataset en --plan samen (bestanden), of geen van beide (de opslag)")
	}
	store, _, err := pf.store.open(ctx, a.Now)
	if err != nil {
		return loaded{}, err
	}
	defer store.Close()
	ds, err := domain.LoadDataset(ctx, store)
	if err != nil {
		return loaded{}, err
	}
	stored, err := a.storedPlan(ctx, store, pf.from, pf.to)
	if err != nil {
		return loaded{}, err
	}
	p := stored.Value
	return loaded{ds, &p, reports.Meta{PrintedAt: now, Version: strconv.FormatInt(stored.Version, 10), Status: p.Status}}, nil
}

// storedPlan returns the stored plan of from..to, or the only stored plan when neither is given.
func (a *App) storedPlan(ctx context.Context, store domain.Store, fromS, toS string) (domain.Versioned[domain.Plan], error) {
	plans := domain.Plans(store)
	if fromS != "" || toS != "" {
		from, to, err := dateRange(fromS, toS)
		if err != nil {
			return domain.Versioned[domain.Plan]{}, err
		}
		v, err := plans.Get(ctx, domain.PlanKey(from, to))
		if domain.ErrorCode(err) == domain.CodeNotFound {
			return v, fmt.Errorf("er is geen plan van %s t/m %s opgeslagen; maak het met ploeg plan --from %s --to %s", from, to, from, to)
		}
		return v, err
	}
	all, err := plans.List(ctx, domain.ListOptions{})
	if err != nil {
		return domain.Versioned[domain.Plan]{}, err
	}
	switch len(all) {
	case 0:
		return domain.Versioned[domain.Plan]{}, errors.New("er is nog geen plan opgeslagen; maak er een met ploeg plan --from DATUM --to DATUM, of geef --dataset en --plan")
	case 1:
		return all[0], nil
	}
	var names []string
	for _, v := range all {
		names = append(names, fmt.Sprintf("--from %s --to %s", v.Value.From, v.Value.To))
	}
	return domain.Versioned[domain.Plan]{}, usagef("er zijn %d plannen opgeslagen; kies er een met %s", len(all), strings.Join(names, " of "))
}

// readPlanFile reads a plan file and returns it with a short digest of its bytes, the version a
// printout of a plan that was never stored shows.
func readPlanFile(name string) (*domain.Plan, string, error) {
	b, err := os.ReadFile(name)
	if err != nil {
		return nil, "", fmt.Errorf("kan %s niet lezen: %w", name, errors.Unwrap(err))
	}
	var p domain.Plan
	if err := domain.DecodeStrict(b, &p); err != nil {
		return nil, "", fmt.Errorf("%s is geen geldig plan: %w", name, err)
	}
	sum := sha256.Sum256(b)
	return &p, hex.EncodeToString(sum[:4]), nil
}

// printTime is the moment a printout states: SOURCE_DATE_EPOCH when set (reproducible output, as in
// reproducible builds), else now.
func (a *App) printTime() (time.Time, error) {
	if s := a.Getenv("SOURCE_DATE_EPOCH"); s != "" {
		sec, err := strconv.ParseInt(s, 10, 64)
		if err != nil {
			return time.Time{}, usagef("SOURCE_DATE_EPOCH %q is geen getal (seconden sinds 1970-01-01 UTC)", s)
		}
		return time.Unix(sec, 0).UTC(), nil
	}
	return a.Now(), nil
}

func (a *App) roster(ctx context.Context, args []string) error {
	fs := a.flags("roster", "--kind dagstaat|week|persoon|makkelijk [opties] --out BESTAND.pdf",
		"Drukt roosters af als PDF (A4), uit bestanden (--dataset en --plan) of uit de opslag:\n"+
			"  dagstaat   per werkplek en dag: wie wanneer, met aftekenvak, opmerkingen en handtekening\n"+
			"  week       weekrooster per locatie of werkplek: mensen × dagen met codes en legenda (liggend)\n"+
			"  persoon    persoonlijk weekoverzicht, één blad per persoon, eventueel met adres voor een vensterenvelop\n"+
			"  makkelijk  'Mijn week' in makkelijke taal: één dag per regel, grote letters, geen codes\n"+
			"Zonder --werkplek of --employee komen alle werkplekken of mensen na elkaar. Elke pagina noemt\n"+
			"het tijdstip van afdrukken, de versie en status van het plan en 'pagina X van Y'.")
	pf := a.addPlanFlags(fs)
	kind := fs.String("kind", "", "soort rooster: `SOORT` dagstaat, week, persoon of makkelijk")
	var workplaces, employees, dates listFlag
	fs.Var(&workplaces, "werkplek", "alleen werkplek `ID` (mag vaker)")
	fs.Var(&employees, "employee", "alleen medewerker `ID` (mag vaker; persoon en makkelijk)")
	fs.Var(&dates, "date", "alleen `DATUM` (dagstaat; mag vaker)")
	group := fs.String("group", "locatie", "weekrooster per `INDELING` locatie of werkplek (het eigen team plus wie er die week werkt)")
	location := fs.String("location", "", "weekrooster: alleen `LOCATIE`, bv. Cruquius")
	hide := fs.Bool("hide-reasons", false, "weekrooster: elke afwezigheid als A (afwezig), zonder verlof of ziek, voor een openbaar prikbord")
	fontSize := fs.Float64("font-size", 16, "makkelijk: letter`GROOTTE` in punten, 16 of groter (20 voor wie slecht ziet)")
	addresses := fs.String("addresses", "", "persoon: adressen uit `BESTAND` (CSV: medewerker-id;regel 1;regel 2;…) voor een vensterenvelop")
	out := fs.String("out", "", "schrijf de PDF naar `BESTAND`")
	if pos, err := parse(fs, args); err != nil {
		return err
	} else if len(pos) > 0 {
		return usagef("onverwacht argument %q", pos[0])
	}
	if *out == "" {
		return usagef("geef --out BESTAND.pdf")
	}
	var ds []domain.Date
	for _, s := range dates {
		d, err := domain.ParseDate(s)
		if err != nil {
			return usagef("--date: %s", err)
		}
		ds = append(ds, d)
	}
	var render func(io.Writer, loaded) error
	switch *kind {
	case "dagstaat":
		if len(employees) > 0 {
			return usagef("--employee hoort niet bij een dagstaat; gebruik --werkplek")
		}
		render = func(w io.Writer, l loaded) error {
			return reports.Dagstaat(w, l.ds, l.plan, l.meta, reports.DagstaatOptions{Workplaces: workplaces, Dates: ds})
		}
	case "week":
		g := reports.ByLocation
		switch *group {
		case "locatie":
		case "werkplek":
			g = reports.ByWorkplace
		default:
			return usagef("--group %q: kies locatie of werkplek", *group)
		}
		render = func(w io.Writer, l loaded) error {
			return reports.WeekRoster(w, l.ds, l.plan, l.meta, reports.WeekOptions{Group: g, Location: *location, Workplaces: workplaces, HideAbsenceReasons: *hide})
		}
	case "persoon", "makkelijk":
		if len(workplaces) > 0 || len(dates) > 0 {
			return usagef("--werkplek en --date horen niet bij %s; kies mensen met --employee", *kind)
		}
		if *kind == "makkelijk" && (*fontSize < 16 || *fontSize > 28) {
			return usagef("--font-size %g: kies 16 tot 28 punten (makkelijk lezen vraagt minstens 16)", *fontSize)
		}
		var addr map[string][]string
		if *addresses != "" {
			if *kind != "persoon" {
				return usagef("--addresses hoort bij --kind persoon")
			}
			var err error
			if addr, err = a.readAddresses(*addresses); err != nil {
				return err
			}
		}
		k := *kind
		render = func(w io.Writer, l loaded) error {
			if k == "persoon" {
				return reports.PersonalWeek(w, l.ds, l.plan, l.meta, reports.PersonOptions{Employees: employees, Addresses: addr})
			}
			return reports.EasyWeek(w, l.ds, l.plan, l.meta, reports.EasyOptions{Employees: employees, FontSize: *fontSize})
		}
	case "":
		return usagef("geef --kind: dagstaat, week, persoon of makkelijk")
	default:
		return usagef("--kind %q bestaat niet; kies dagstaat, week, persoon of makkelijk", *kind)
	}
	l, err := a.load(ctx, pf)
	if err != nil {
		return err
	}
	if err := a.writeOutput(*out, func(w io.Writer) error { return render(w, l) }); err != nil {
		return err
	}
	fmt.Fprintf(a.Stderr, "%s geschreven (plan %s t/m %s, versie %s, %s).\n", *out, l.plan.From, l.plan.To, l.meta.VersionText(), l.meta.StatusText())
	return nil
}

// readAddresses reads a CSV of employee id and address lines, separated by ; or ,.
func (a *App) readAddresses(name string) (map[string][]string, error) {
	r, err := a.readInput(name)
	if err != nil {
		return nil, err
	}
	defer r.Close()
	b, err := io.ReadAll(r)
	if err != nil {
		return nil, fmt.Errorf("kan %s niet lezen: %w", name, err)
	}
	cr := csv.NewReader(strings.NewReader(string(b)))
	cr.FieldsPerRecord = -1
	first, _, _ := strings.Cut(string(b), "\n")
	if strings.Count(first, ";") >= strings.Count(first, ",") {
		cr.Comma = ';'
	}
	recs, err := cr.ReadAll()
	if err != nil {
		return nil, fmt.Errorf("%s is geen geldige CSV: %w", name, err)
	}
	out := map[string][]string{}
	for i, rec := range recs {
		if len(rec) < 2 || strings.TrimSpace(rec[0]) == "" {
			return nil, fmt.Errorf("%s regel %d: geef medewerker-id en minstens één adresregel", name, i+1)
		}
		id := strings.TrimSpace(rec[0])
		if i == 0 && strings.EqualFold(id, "medewerker") {
			continue // a header
		}
		var lines []string
		for _, l := range rec[1:] {
			if l = strings.TrimSpace(l); l != "" {
				lines = append(lines, l)
			}
		}
		if len(lines) > 5 {
			return nil, fmt.Errorf("%s regel %d: %d adresregels; een venster heeft plaats voor ten hoogste 5", name, i+1, len(lines))
		}
		out[id] = lines
	}
	return out, nil
}

// listFlag is a flag that may be given more than once; a comma also separates values.
type listFlag []string

func (l *listFlag) String() string { return strings.Join(*l, ",") }

func (l *listFlag) Set(s string) error {
	for _, v := range strings.Split(s, ",") {
		if v = strings.TrimSpace(v); v != "" {
			*l = append(*l, v)
		}
	}
	return nil
}

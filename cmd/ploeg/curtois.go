package main

import (
	"bufio"
	"context"
	"errors"
	"fmt"
	"io"
	"os"
	"path/filepath"
	"regexp"
	"strconv"
	"strings"
	"text/tabwriter"
	"time"

	"ploeg/scheduler/curtois"
)

// benchCurtois solves instances of the Curtois–Qu shift scheduling benchmark, or checks a roster
// against one (--check).
func (a *App) benchCurtois(ctx context.Context, args []string) error {
	fs := a.flags("bench curtois", "BESTAND... | --check INSTANTIE ROOSTER",
		"Lost instanties van de benchmark van Curtois en Qu op (het formaat van shared/benchmarks/curtois)\n"+
			"en toont per instantie de doelwaarde, de overtreden harde regels (hoort 0 te zijn), de tijd tot\n"+
			"het beste rooster, een ondergrens (geen rooster kan lager uitkomen; gelijk aan de doelwaarde: bewezen\n"+
			"optimaal), de best bekende waarde (uit de tabel in README.md naast de instantie) en het\n"+
			"verschil. Met --out schrijft het elk rooster als INSTANTIE.roster. Met --check beoordeelt het\n"+
			"een bestaand rooster onafhankelijk van de oplosser.")
	limit := fs.Duration("time-limit", 60*time.Second, "tijdslimiet per instantie (`DUUR`): bepaalt het werkbudget (zonder --steps) en is daarnaast een harde grens op de klok")
	seed := fs.Uint64("seed", 1, "`GETAL` voor de zoektocht: dezelfde seed geeft hetzelfde rooster")
	steps := fs.Int("steps", 0, "werkbudget per zoektocht in cellen (`AANTAL`; 0: naar de tijdslimiet, 50 miljoen per seconde)")
	workers := fs.Int("workers", 2, "`AANTAL` onafhankelijke zoektochten tegelijk (de beste telt)")
	out := fs.String("out", "", "schrijf de roosters in `MAP`")
	check := fs.Bool("check", false, "beoordeel ROOSTER tegen INSTANTIE in plaats van op te lossen")
	withCBC := fs.Bool("cbc", false, "los elke instantie ook op met CBC (de MIP van scheduler/curtois, één thread, dezelfde tijdslimiet) en zet beide naast elkaar")
	files, err := parse(fs, args)
	if err != nil {
		return err
	}
	if *check {
		if len(files) != 2 {
			return usagef("--check verwacht twee bestanden: de instantie en het rooster")
		}
		return a.checkCurtois(files[0], files[1])
	}
	if len(files) == 0 {
		return usagef("geef minstens één instantiebestand, bijvoorbeeld ../shared/benchmarks/curtois/Instance1.txt")
	}
	if *out != "" {
		if err := os.MkdirAll(*out, 0o755); err != nil {
			return fmt.Errorf("kan de map %s niet maken: %w; kies met --out een map waarin u mag schrijven", *out, errors.Unwrap(err))
		}
	}
	tw := tabwriter.NewWriter(a.Stdout, 0, 0, 2, ' ', tabwriter.AlignRight)
	header := "instantie\tdoelwaarde\tharde overtredingen\ttijd tot beste\ttijd\tondergrens\tbest bekend\tverschil\t"
	if *withCBC {
		header += "CBC\tgrens CBC\tstatus CBC\ttijd CBC\t"
	}
	fmt.Fprintln(tw, header)
	for _, f := range files {
		in, err := readInstance(f)
		if err != nil {
			return err
		}
		began := time.Now()
		res := curtois.Solve(ctx, in, curtois.Options{TimeLimit: *limit, Seed: *seed, Steps: *steps, Workers: *workers})
		took := time.Since(began)
		ev := curtois.Evaluate(in, res.Roster)
		name := strings.TrimSuffix(filepath.Base(f), filepath.Ext(f))
		if *out != "" {
			if err := a.writeOutput(filepath.Join(*out, name+".roster"), func(w io.Writer) error {
				return curtois.WriteRoster(w, in, res.Roster)
			}); err != nil {
				return err
			}
		}
		best, gap := "—", "—"
		if b, ok := bestKnown(f); ok {
			best = strconv.Itoa(b)
			gap = fmt.Sprintf("%+.2f %%", float64(ev.Objective-b)/float64(b)*100)
		}
		bound := "—"
		if res.HasBound {
			bound = strconv.Itoa(res.Bound)
			if res.Optimal && ev.Objective == res.Objective {
				bound += " (optimaal)"
			}
		}
		fmt.Fprintf(tw, "%s\t%d\t%d\t%s\t%s\t%s\t%s\t%s\t", name, ev.Objective, len(ev.Violations),
			res.TimeToBest.Round(time.Millisecond), took.Round(time.Millisecond), bound, best, gap)
		if *withCBC {
			m, err := curtois.SolveMIP(ctx, in, *limit)
			if err != nil {
				return fmt.Errorf("%s: CBC: %w", name, err)
			}
			obj := "—"
			if m.Roster != nil {
				obj = strconv.Itoa(m.Objective)
			}
			fmt.Fprintf(tw, "%s\t%.1f\t%s\t%s\t", obj, m.Bound, m.Status, m.Elapsed.Round(time.Millisecond))
		}
		fmt.Fprintln(tw)
	}
	return tw.Flush()
}

func readInstance(path string) (*curtois.Instance, error) {
	f, err := os.Open(path)
	if err != nil {
		return nil, fmt.Errorf("%s kan niet geopend worden: %w", path, err)
	}
	defer f.Close()
	in, err := curtois.Parse(f)
	if err != nil {
		return nil, fmt.Errorf("%s: %w", path, err)
	}
	return in, nil
}

func (a *App) checkCurtois(instPath, rosterPath string) error {
	in, err := readInstance(instPath)
	if err != nil {
		return err
	}
	f, err := os.Open(rosterPath)
	if err != nil {
		return fmt.Errorf("%s kan niet geopend worden: %w", rosterPath, err)
	}
	defer f.Close()
	r, err := curtois.ReadRoster(f, in)
	if err != nil {
		return fmt.Errorf("%s: %w", rosterPath, err)
	}
	ev := curtois.Evaluate(in, r)
	for _, v := range ev.Violations {
		fmt.Fprintln(a.Stdout, "overtreding:", v)
	}
	fmt.Fprintf(a.Stdout, "doelwaarde %d (verzoeken %d, onderbezetting %d, overbezetting %d)\n", ev.Objective, ev.Requests, ev.Under, ev.Over)
	if !ev.Valid() {
		return fmt.Errorf("het rooster overtreedt %d harde regel(s)", len(ev.Violations))
	}
	return nil
}

// bestRow matches a row of the best-known table in the benchmark's README: "| 3 | 1001 | | 9 | 439 |".
var bestRow = regexp.MustCompile(`\|\s*(\d+)\s*\|\s*(\d+)[^|]*\|`)

// bestKnown looks up the best-known value of an instance file InstanceN.txt in the README.md beside
// it. It is only printed; nothing in the solver depends on it.
func bestKnown(path string) (int, bool) {
	num := strings.TrimPrefix(strings.TrimSuffix(filepath.Base(path), filepath.Ext(path)), "Instance")
	f, err := os.Open(filepath.Join(filepath.Dir(path), "README.md"))
	if err != nil {
		return 0, false
	}
	defer f.Close()
	sc := bufio.NewScanner(f)
	for sc.Scan() {
		for _, m := range bestRow.FindAllStringSubmatch(sc.Text(), -1) {
			if m[1] == num {
				v, _ := strconv.Atoi(m[2])
				return v, true
			}
		}
	}
	return 0, false
}

package main

import (
	"context"
	"errors"
	"flag"
	"fmt"
	"io"
	"log/slog"
	"os"
	"path/filepath"
	"strings"
	"time"

	"ploeg/domain"
	"ploeg/store/bolt"
	"ploeg/store/redis"
)

// App is the ploeg command with its surroundings injected, so tests run it in-process.
type App struct {
	Stdin  io.Reader
	Stdout io.Writer
	Stderr io.Writer
	Getenv func(string) string
	Now    func() time.Time
}

// The exit codes.
const (
	exitOK      = 0
	exitFailure = 1 // invalid input, or the work failed
	exitUsage   = 2 // the command line itself was wrong
)

// usageError is a mistake in the command line; it exits with exitUsage.
type usageError struct{ msg string }

func (e usageError) Error() string { return e.msg }

func usagef(format string, args ...any) error { return usageError{fmt.Sprintf(format, args...)} }

type command struct {
	summary string
	run     func(a *App, ctx context.Context, args []string) error
}

var commands = map[string]command{
	"serve":    {"start de webserver (met --demo: laad eerst de demoregio)", (*App).serve},
	"import":   {"lees een dataset in en vervang daarmee de opgeslagen dataset", (*App).importCmd},
	"export":   {"schrijf de dataset als JSON, of uren (export hours) of agenda's (export ics)", (*App).exportAny},
	"validate": {"controleer een datasetbestand zonder iets op te slaan", (*App).validate},
	"demo":     {"schrijf een demodataset (regio Paswerk) als JSON", (*App).demo},
	"plan":     {"maak een plan voor een reeks dagen (uit een bestand of de opslag)", (*App).plan},
	"check":    {"controleer een plan tegen de harde regels en bereken de score", (*App).check},
	"bench":    {"vergelijk Ploeg met de exacte oplosser CBC (ploeg bench cbc)", (*App).bench},
	"user":     {"maak een gebruiker met een rol (ploeg user add NAAM --role ROL)", (*App).user},
	"token":    {"maak een API-token met een rol (ploeg token create --role ROL)", (*App).token},
	"roster":   {"druk roosters af als PDF: dagstaat, weekrooster, persoonlijk, makkelijk lezen", (*App).roster},
	"report":   {"rapporten: ploeg report quota (taakstelling beschut werk, Wsw-arbeidsjaren)", (*App).report},
	"forecast": {"prognose van Wsw, beschut werk en geschikte medewerkers per werkplek", (*App).forecast},
}

// Run executes the command line args and returns the exit code.
func (a *App) Run(ctx context.Context, args []string) int {
	if len(args) == 0 || args[0] == "help" || args[0] == "-h" || args[0] == "--help" || args[0] == "-help" {
		if len(args) > 1 {
			if _, ok := commands[args[1]]; ok {
				return a.Run(ctx, []string{args[1], "--help"})
			}
		}
		a.usage(a.Stdout)
		return exitOK
	}
	cmd, ok := commands[args[0]]
	if !ok {
		fmt.Fprintf(a.Stderr, "ploeg: onbekend commando %q\n\n", args[0])
		a.usage(a.Stderr)
		return exitUsage
	}
	err := cmd.run(a, ctx, args[1:])
	name := args[0]
	if _, ok := subcommands[name][at(args, 1)]; ok {
		name += " " + args[1] // e.g. "report quota"
	}
	var ue usageError
	switch {
	case err == nil:
		return exitOK
	case errors.Is(err, flag.ErrHelp):
		return exitOK
	case errors.As(err, &ue):
		fmt.Fprintf(a.Stderr, "ploeg %s: %s\nZie 'ploeg %s --help'.\n", name, ue.msg, name)
		return exitUsage
	default:
		fmt.Fprintf(a.Stderr, "ploeg %s: %s\n", name, err)
		return exitFailure
	}
}

func (a *App) usage(w io.Writer) {
	fmt.Fprintln(w, "Ploeg plant de medewerkers van een sociaal werkbedrijf.")
	fmt.Fprintln(w, "\nGebruik: ploeg <commando> [opties]")
	fmt.Fprintln(w, "\nCommando's:")
	listCommands(w, commands)
	fmt.Fprintln(w, "\nElk commando kent --help. Opslag: --data PAD (standaard ploeg.db, of PLOEG_DATA)")
	fmt.Fprintln(w, "of --redis URL (of REDIS_URL) met --redis-prefix (of PLOEG_REDIS_PREFIX).")
}

// flags returns a flag set for verb that prints its usage on --help.
func (a *App) flags(verb, args, about string) *flag.FlagSet {
	fs := flag.NewFlagSet(verb, flag.ContinueOnError)
	fs.SetOutput(io.Discard)
	fs.Usage = func() {
		fmt.Fprintf(a.Stdout, "Gebruik: ploeg %s %s\n\n%s\n\nOpties:\n", verb, args, about)
		fs.VisitAll(func(f *flag.Flag) {
			name, usage := flag.UnquoteUsage(f)
			fmt.Fprintf(a.Stdout, "  --%s", f.Name)
			if name != "" {
				fmt.Fprintf(a.Stdout, " %s", strings.ToUpper(name))
			}
			fmt.Fprintf(a.Stdout, "\n        %s", usage)
			if f.DefValue != "" && f.DefValue != "false" {
				fmt.Fprintf(a.Stdout, " (standaard %s)", f.DefValue)
			}
			fmt.Fprintln(a.Stdout)
		})
		fmt.Fprintln(a.Stdout, "  --help\n        deze uitleg")
	}
	return fs
}

// parse parses flags that may stand before, between or after the positional arguments.
func parse(fs *flag.FlagSet, args []string) ([]string, error) {
	var positional []string
	for {
		if err := fs.Parse(args); err != nil {
			if errors.Is(err, flag.ErrHelp) {
				return nil, err // the flag set has printed its usage
			}
			return nil, usageError{err.Error()}
		}
		args = fs.Args()
		if len(args) == 0 {
			return positional, nil
		}
		positional = append(positional, args[0])
		args = args[1:]
	}
}

// storeFlags are the options every verb that uses the store takes.
type storeFlags struct {
	data, redisURL, prefix string
}

func (a *App) addStoreFlags(fs *flag.FlagSet) *storeFlags {
	sf := &storeFlags{}
	fs.StringVar(&sf.data, "data", envOr(a.Getenv, "PLOEG_DATA", "ploeg.db"), "`PAD` van het gegevensbestand van de ingebouwde opslag (PLOEG_DATA)")
	fs.StringVar(&sf.redisURL, "redis", a.Getenv("REDIS_URL"), "gebruik Redis op deze `URL` in plaats van het bestand, bv. redis://127.0.0.1:6379/0 (REDIS_URL)")
	fs.StringVar(&sf.prefix, "redis-prefix", envOr(a.Getenv, "PLOEG_REDIS_PREFIX", "ploeg"), "`VOORVOEGSEL` van de sleutels in Redis, één per organisatie (PLOEG_REDIS_PREFIX)")
	return sf
}

func envOr(getenv func(string) string, key, def string) string {
	if v := getenv(key); v != "" {
		return v
	}
	return def
}

// open opens the store the flags name and describes it for people.
func (sf *storeFlags) open(ctx context.Context, now func() time.Time) (domain.Store, string, error) {
	if sf.redisURL != "" {
		s, err := redis.Open(ctx, sf.redisURL, redis.Options{Prefix: sf.prefix, Now: now})
		if err != nil {
			return nil, "", err
		}
		return s, fmt.Sprintf("Redis %s, voorvoegsel %q", redactURL(sf.redisURL), sf.prefix), nil
	}
	s, err := bolt.Open(sf.data, bolt.Options{Now: now})
	if err != nil {
		return nil, "", err
	}
	abs, _ := filepath.Abs(sf.data)
	return s, "bestand " + abs, nil
}

// redactURL hides a password in a Redis URL before it is printed.
func redactURL(u string) string {
	scheme, rest, ok := strings.Cut(u, "://")
	if !ok {
		return u
	}
	userinfo, host, ok := strings.Cut(rest, "@")
	if !ok {
		return u
	}
	if user, _, hasPass := strings.Cut(userinfo, ":"); hasPass {
		return scheme + "://" + user + ":***@" + host
	}
	return u
}

// logger logs to standard error at the level PLOEG_LOG_LEVEL names (debug, info, warn or error;
// info when unset or unknown). At info every HTTP request gets an access log line.
func (a *App) logger() *slog.Logger {
	var level slog.Level
	if err := level.UnmarshalText([]byte(a.Getenv("PLOEG_LOG_LEVEL"))); err != nil {
		level = slog.LevelInfo
	}
	return slog.New(slog.NewTextHandler(a.Stderr, &slog.HandlerOptions{Level: level}))
}

// today returns today's date in Amsterdam.
func (a *App) today() domain.Date { return domain.DateOf(a.Now().In(domain.Amsterdam)) }

// readInput opens a file, or standard input for "-".
func (a *App) readInput(name string) (io.ReadCloser, error) {
	if name == "-" {
		return io.NopCloser(a.Stdin), nil
	}
	f, err := os.Open(name)
	if err != nil {
		return nil, fmt.Errorf("kan %s niet openen: %w", name, errors.Unwrap(err))
	}
	return f, nil
}

// writeOutput writes to standard output for "" or "-", else to a file that appears whole or not at
// all: the content goes to a temporary file beside it that is renamed into place when complete.
func (a *App) writeOutput(name string, write func(io.Writer) error) error {
	if name == "" || name == "-" {
		return write(a.Stdout)
	}
	dir := filepath.Dir(name)
	tmp, err := os.CreateTemp(dir, "."+filepath.Base(name)+".*.tmp")
	if err != nil {
		return fmt.Errorf("kan niet schrijven in %s: %w", dir, errors.Unwrap(err))
	}
	defer os.Remove(tmp.Name()) // a no-op once renamed
	if err := write(tmp); err != nil {
		tmp.Close()
		return err
	}
	if err := tmp.Sync(); err != nil {
		tmp.Close()
		return fmt.Errorf("schrijven naar %s mislukt: %w", name, err)
	}
	if err := tmp.Close(); err != nil {
		return fmt.Errorf("schrijven naar %s mislukt: %w", name, err)
	}
	if err := os.Chmod(tmp.Name(), 0o644); err != nil {
		return err
	}
	if err := os.Rename(tmp.Name(), name); err != nil {
		return fmt.Errorf("kan %s niet aanmaken: %w", name, errors.Unwrap(err))
	}
	return nil
}

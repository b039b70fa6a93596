package main

import (
	"bufio"
	"context"
	"fmt"
	"os"
	"strings"

	"ploeg/auth"
	"ploeg/domain"
)

// grantFlags are the options that say what a user or token may do.
type grantFlags struct{ role, gemeente, employee *string }

func (a *App) addGrantFlags(fs interface {
	String(name, value, usage string) *string
}) grantFlags {
	return grantFlags{
		role:     fs.String("role", "", "`ROL`: admin, planner, hr, gemeente of medewerker"),
		gemeente: fs.String("gemeente", "", "CBS-`CODE` van de gemeente, voor de rol gemeente (bv. GM0473)"),
		employee: fs.String("employee", "", "`ID` van de medewerker, voor de rol medewerker"),
	}
}

func (g grantFlags) grant() (domain.Grant, error) {
	gr := domain.Grant{Role: domain.Role(*g.role), Gemeente: *g.gemeente, Employee: *g.employee}
	if *g.role == "" {
		return gr, usagef("geef --role: admin, planner, hr, gemeente of medewerker")
	}
	if err := gr.Validate(); err != nil {
		return gr, usagef("%s", strings.ReplaceAll(err.Error(), "\n  ", "; --"))
	}
	return gr, nil
}

// subcommand returns the arguments after the one sub-verb a verb has; --help asks for its help.
func subcommand(args []string, verb, usage string) ([]string, error) {
	switch {
	case len(args) > 0 && args[0] == verb:
		return args[1:], nil
	case len(args) > 0 && (args[0] == "--help" || args[0] == "-h"):
		return []string{"--help"}, nil
	}
	return nil, usagef("%s", usage)
}

// user manages users: ploeg user add NAME --role R.
func (a *App) user(ctx context.Context, args []string) error {
	args, err := subcommand(args, "add", "gebruik: ploeg user add NAAM --role ROL [--gemeente GM....] [--employee ID]")
	if err != nil {
		return err
	}
	fs := a.flags("user add", "NAAM --role ROL [--gemeente CODE] [--employee ID] [--password-file BESTAND]",
		"Maakt een gebruiker die zich met naam en wachtwoord aanmeldt (HTTP basic). Het wachtwoord komt uit\n"+
			"--password-file of, zonder die optie, van de eerste regel van standaardinvoer. Alleen een\n"+
			"bcrypt-hash ervan wordt bewaard.")
	sf := a.addStoreFlags(fs)
	gf := a.addGrantFlags(fs)
	pwFile := fs.String("password-file", "", "lees het wachtwoord uit `BESTAND` (eerste regel)")
	pos, err := parse(fs, args)
	if err != nil {
		return err
	}
	if len(pos) != 1 {
		return usagef("geef precies één gebruikersnaam")
	}
	g, err := gf.grant()
	if err != nil {
		return err
	}
	pw, err := a.readPassword(*pwFile)
	if err != nil {
		return err
	}
	store, _, err := sf.open(ctx, a.Now)
	if err != nil {
		return err
	}
	defer store.Close()
	ctx = domain.WithActor(ctx, domain.Actor{Name: "cli", Reason: "ploeg user add"})
	if err := (auth.Service{Store: store, Now: a.Now}).AddUser(ctx, pos[0], g, pw); err != nil {
		return err
	}
	fmt.Fprintf(a.Stdout, "Gebruiker %s aangemaakt met rol %s.\n", pos[0], g.Role)
	return nil
}

func (a *App) readPassword(file string) (string, error) {
	var line string
	if file != "" {
		b, err := os.ReadFile(file)
		if err != nil {
			return "", fmt.Errorf("kan %s niet lezen: %w", file, err)
		}
		line, _, _ = strings.Cut(string(b), "\n")
	} else {
		sc := bufio.NewScanner(a.Stdin)
		if sc.Scan() {
			line = sc.Text()
		}
	}
	line = strings.TrimRight(line, "\r")
	if line == "" {
		return "", usagef("geen wachtwoord: geef het op standaardinvoer of met --password-file")
	}
	return line, nil
}

// token manages API tokens: ploeg token create --role R.
func (a *App) token(ctx context.Context, args []string) error {
	args, err := subcommand(args, "create", "gebruik: ploeg token create --role ROL [--gemeente GM....] [--employee ID] [--name NAAM]")
	if err != nil {
		return err
	}
	fs := a.flags("token create", "--role ROL [--gemeente CODE] [--employee ID] [--name NAAM]",
		"Maakt een API-token (Authorization: Bearer …). Het token staat op de laatste regel van de uitvoer en\n"+
			"wordt alleen nu getoond: Ploeg bewaart er alleen een SHA-256-hash van.")
	sf := a.addStoreFlags(fs)
	gf := a.addGrantFlags(fs)
	name := fs.String("name", "", "`NAAM` van het token, voor het auditlog (bv. roosterkoppeling)")
	pos, err := parse(fs, args)
	if err != nil {
		return err
	}
	if len(pos) > 0 {
		return usagef("onverwacht argument %q", pos[0])
	}
	g, err := gf.grant()
	if err != nil {
		return err
	}
	store, _, err := sf.open(ctx, a.Now)
	if err != nil {
		return err
	}
	defer store.Close()
	ctx = domain.WithActor(ctx, domain.Actor{Name: "cli", Reason: "ploeg token create"})
	tok, err := (auth.Service{Store: store, Now: a.Now}).CreateToken(ctx, *name, g)
	if err != nil {
		return err
	}
	fmt.Fprintf(a.Stdout, "Token met rol %s aangemaakt. Bewaar het goed; het wordt niet nog eens getoond:\n%s\n", g.Role, tok)
	return nil
}

package main

import (
	"context"
	"crypto/rand"
	"fmt"

	"ploeg/auth"
	"ploeg/domain"
)

// demoUsers makes one web user per role with a fresh password and prints the names and passwords,
// so a newcomer can look around at once. A user that exists already gets a new password.
func (a *App) demoUsers(ctx context.Context, store domain.Store) error {
	emps, err := domain.Employees(store).List(ctx, domain.ListOptions{Limit: 1})
	if err != nil {
		return err
	}
	gemeente := "GM0392"
	if gs, err := domain.Gemeenten(store).List(ctx, domain.ListOptions{Limit: 1}); err == nil && len(gs) > 0 {
		if _, err := domain.Gemeenten(store).Get(ctx, gemeente); err != nil {
			gemeente = gs[0].Value.Code
		}
	}
	users := []struct {
		name  string
		grant domain.Grant
		what  string
	}{
		{"beheerder", domain.Grant{Role: domain.RoleAdmin}, "alles"},
		{"planner", domain.Grant{Role: domain.RolePlanner}, "werkleider: het planbord"},
		{"hr", domain.Grant{Role: domain.RoleHR}, "medewerkers, afwezigheid, beperkingen"},
		{"gemeente", domain.Grant{Role: domain.RoleGemeente, Gemeente: gemeente}, "dashboard van " + gemeente},
	}
	if len(emps) > 0 {
		users = append(users, struct {
			name  string
			grant domain.Grant
			what  string
		}{"medewerker", domain.Grant{Role: domain.RoleMedewerker, Employee: emps[0].Value.ID}, "eigen rooster van " + emps[0].Value.ID})
	}
	svc := auth.Service{Store: store, Now: a.Now}
	fmt.Fprintln(a.Stdout, "Demogebruikers voor de webapp (alleen nu getoond):")
	for _, u := range users {
		pw := demoPassword()
		if old, err := domain.Users(store).Get(ctx, u.name); err == nil {
			if err := domain.Users(store).Delete(ctx, u.name, old.Version); err != nil {
				return fmt.Errorf("demogebruiker %s vervangen: %w", u.name, err)
			}
		}
		if err := svc.AddUser(ctx, u.name, u.grant, pw); err != nil {
			return fmt.Errorf("demogebruiker %s maken: %w", u.name, err)
		}
		fmt.Fprintf(a.Stdout, "  %-10s  wachtwoord %s  (%s: %s)\n", u.name, pw, u.grant.Role, u.what)
	}
	return nil
}

// demoPassword returns 16 random letters and digits without look-alikes.
func demoPassword() string {
	const alphabet = "abcdefghjkmnpqrstuvwxyz23456789"
	var b [16]byte
	_, _ = rand.Read(b[:])
	for i := range b {
		b[i] = alphabet[int(b[i])%len(alphabet)]
	}
	return string(b[:])
}

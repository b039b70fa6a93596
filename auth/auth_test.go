package auth

import (
	"path/filepath"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"ploeg/domain"
	"ploeg/store/bolt"
)

func newService(t *testing.T) Service {
	s, err := bolt.Open(filepath.Join(t.TempDir(), "auth.db"), bolt.Options{})
	require.NoError(t, err)
	t.Cleanup(func() { s.Close() })
	return Service{Store: s, Cost: 4}
}

func TestUsers(t *testing.T) {
	svc := newService(t)
	ctx := t.Context()
	require.NoError(t, svc.AddUser(ctx, "anja", domain.Grant{Role: domain.RolePlanner}, "geheim-wachtwoord"))
	u, err := domain.Users(svc.Store).Get(ctx, "anja")
	require.NoError(t, err)
	assert.NotContains(t, u.Value.PasswordHash, "geheim", "only a bcrypt hash is kept")
	assert.Contains(t, u.Value.PasswordHash, "$2a$")

	p, err := svc.Basic(ctx, "anja", "geheim-wachtwoord")
	require.NoError(t, err)
	assert.Equal(t, domain.RolePlanner, p.Role)
	assert.Equal(t, "gebruiker anja (planner)", p.Actor())

	for _, c := range []struct{ name, pw string }{{"anja", "fout-wachtwoord"}, {"niemand", "geheim-wachtwoord"}} {
		_, err := svc.Basic(ctx, c.name, c.pw)
		assert.Equal(t, domain.CodeUnauthorized, domain.ErrorCode(err), c.name)
	}
	assert.Equal(t, domain.CodeConflict, domain.ErrorCode(svc.AddUser(ctx, "anja", domain.Grant{Role: domain.RoleHR}, "nog-een-wachtwoord")))
	assert.Equal(t, domain.CodeInvalid, domain.ErrorCode(svc.AddUser(ctx, "kort", domain.Grant{Role: domain.RoleHR}, "kort")))

	// A disabled user cannot sign in, with the right password too, and is told no more than anyone.
	u.Value.Disabled = true
	_, err = domain.Users(svc.Store).Update(ctx, u.Value, u.Version)
	require.NoError(t, err)
	_, err = svc.Basic(ctx, "anja", "geheim-wachtwoord")
	assert.Equal(t, domain.CodeUnauthorized, domain.ErrorCode(err))
	assert.ErrorContains(t, err, "onbekende gebruiker, verkeerd wachtwoord")
}

func TestGrants(t *testing.T) {
	svc := newService(t)
	cases := []struct {
		g      domain.Grant
		fields []string
	}{
		{domain.Grant{Role: domain.RoleAdmin}, nil},
		{domain.Grant{Role: domain.RoleGemeente, Gemeente: "GM0473"}, nil},
		{domain.Grant{Role: domain.RoleMedewerker, Employee: "e0001"}, nil},
		{domain.Grant{Role: "baas"}, []string{"role"}},
		{domain.Grant{Role: domain.RoleGemeente}, []string{"gemeente"}},
		{domain.Grant{Role: domain.RoleGemeente, Gemeente: "Haarlem"}, []string{"gemeente"}},
		{domain.Grant{Role: domain.RoleMedewerker}, []string{"employee"}},
		{domain.Grant{Role: domain.RoleHR, Gemeente: "GM0473", Employee: "e1"}, []string{"gemeente", "employee"}},
	}
	for _, c := range cases {
		_, err := svc.CreateToken(t.Context(), "", c.g)
		var got []string
		for _, f := range domain.FieldErrors(err) {
			got = append(got, f.Field)
		}
		assert.ElementsMatch(t, c.fields, got, "%+v", c.g)
	}
}

func TestTokens(t *testing.T) {
	svc := newService(t)
	ctx := t.Context()
	tok, err := svc.CreateToken(ctx, "koppeling", domain.Grant{Role: domain.RoleGemeente, Gemeente: "GM0473"})
	require.NoError(t, err)
	assert.Regexp(t, `^plg_[A-Za-z0-9_-]{43}$`, tok)
	_, err = domain.Tokens(svc.Store).Get(ctx, HashToken(tok))
	require.NoError(t, err, "stored under its hash")
	recs, err := svc.Store.List(ctx, domain.KindToken, domain.ListOptions{})
	require.NoError(t, err)
	for _, r := range recs {
		assert.NotContains(t, string(r.Data), tok, "the token itself is never stored")
	}
	p, err := svc.Bearer(ctx, tok)
	require.NoError(t, err)
	assert.Equal(t, domain.Grant{Role: domain.RoleGemeente, Gemeente: "GM0473"}, p.Grant)
	for _, bad := range []string{"", "plg_", tok + "x", "abc"} {
		_, err := svc.Bearer(ctx, bad)
		assert.Equal(t, domain.CodeUnauthorized, domain.ErrorCode(err), bad)
	}
	other, err := svc.CreateToken(ctx, "", domain.Grant{Role: domain.RoleAdmin})
	require.NoError(t, err)
	assert.NotEqual(t, tok, other)
}

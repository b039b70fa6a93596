package main

import (
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"ploeg/auth"
	"ploeg/domain"
	"ploeg/store/bolt"
)

func TestUserAddAndTokenCreate(t *testing.T) {
	db := filepath.Join(t.TempDir(), "ploeg.db")
	env := map[string]string{"PLOEG_DATA": db}
	pw := filepath.Join(t.TempDir(), "pw")
	require.NoError(t, os.WriteFile(pw, []byte("een-lang-wachtwoord\n"), 0o600))

	code, out, stderr := run(t, env, "user", "add", "anja", "--role", "planner", "--password-file", pw)
	require.Equal(t, exitOK, code, stderr)
	assert.Contains(t, out, "anja")

	code, out, stderr = run(t, env, "token", "create", "--role", "gemeente", "--gemeente", "GM0473", "--name", "zandvoort")
	require.Equal(t, exitOK, code, stderr)
	lines := strings.Split(strings.TrimSpace(out), "\n")
	tok := lines[len(lines)-1]
	assert.True(t, strings.HasPrefix(tok, auth.TokenPrefix), "the token is on the last line: %q", out)

	s, err := bolt.Open(db, bolt.Options{})
	require.NoError(t, err)
	defer s.Close()
	svc := auth.Service{Store: s}
	p, err := svc.Bearer(t.Context(), tok)
	require.NoError(t, err)
	assert.Equal(t, domain.Grant{Role: domain.RoleGemeente, Gemeente: "GM0473"}, p.Grant)
	p, err = svc.Basic(t.Context(), "anja", "een-lang-wachtwoord")
	require.NoError(t, err)
	assert.Equal(t, domain.RolePlanner, p.Role)
}

func TestAccessUsageErrors(t *testing.T) {
	db := filepath.Join(t.TempDir(), "ploeg.db")
	env := map[string]string{"PLOEG_DATA": db}
	cases := []struct {
		args []string
		want string
	}{
		{[]string{"token", "create"}, "geef --role"},
		{[]string{"token", "create", "--role", "gemeente"}, "gemeente"},
		{[]string{"token", "create", "--role", "baas"}, "geen rol"},
		{[]string{"token"}, "ploeg token create"},
		{[]string{"user", "add", "--role", "hr"}, "gebruikersnaam"},
		{[]string{"user", "add", "piet", "--role", "hr"}, "geen wachtwoord"},
	}
	for _, c := range cases {
		code, _, stderr := run(t, env, c.args...)
		assert.Equal(t, exitUsage, code, "%v: %s", c.args, stderr)
		assert.Contains(t, stderr, c.want, c.args)
	}
}

package main

import (
	"bytes"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

// filePlan writes a plan of the small dataset's week and returns its path.
func filePlan(t *testing.T) string {
	t.Helper()
	planFile := filepath.Join(t.TempDir(), "plan.json")
	code, _, stderr := run(t, nil, "plan", "--dataset", "testdata/small.json", "--from", "2026-11-23", "--to", "2026-11-27", "--out", planFile)
	require.Equal(t, exitOK, code, stderr)
	return planFile
}

func TestRosterOnFiles(t *testing.T) {
	planFile := filePlan(t)
	env := map[string]string{"SOURCE_DATE_EPOCH": "1795000000"}
	for _, kind := range [][]string{{"dagstaat"}, {"week"}, {"week", "--group", "werkplek"}, {"persoon"}, {"makkelijk", "--font-size", "20"}} {
		t.Run(strings.Join(kind, " "), func(t *testing.T) {
			out := filepath.Join(t.TempDir(), "r.pdf")
			args := append([]string{"roster", "--dataset", "testdata/small.json", "--plan", planFile, "--out", out, "--kind"}, kind...)
			code, _, stderr := run(t, env, args...)
			require.Equal(t, exitOK, code, stderr)
			assert.Contains(t, stderr, "versie bestand ")
			assert.Contains(t, stderr, "concept")
			b, err := os.ReadFile(out)
			require.NoError(t, err)
			assert.True(t, bytes.HasPrefix(b, []byte("%PDF-")))
			// SOURCE_DATE_EPOCH fixes the print time: the same command gives the same file.
			code, _, stderr = run(t, env, args...)
			require.Equal(t, exitOK, code, stderr)
			again, err := os.ReadFile(out)
			require.NoError(t, err)
			assert.Equal(t, b, again)
		})
	}
}

func TestRosterAndExportsOnTheStore(t *testing.T) {
	dir := t.TempDir()
	db := filepath.Join(dir, "p.db")
	code, _, stderr := run(t, nil, "import", "testdata/small.json", "--data", db)
	require.Equal(t, exitOK, code, stderr)

	code, _, stderr = run(t, nil, "roster", "--data", db, "--kind", "week", "--out", filepath.Join(dir, "w.pdf"))
	assert.Equal(t, exitFailure, code)
	assert.Contains(t, stderr, "er is nog geen plan opgeslagen")

	code, _, stderr = run(t, nil, "plan", "--data", db, "--from", "2026-11-23", "--to", "2026-11-27", "--out", filepath.Join(dir, "p.json"))
	require.Equal(t, exitOK, code, stderr)
	code, _, stderr = run(t, nil, "roster", "--data", db, "--kind", "dagstaat", "--werkplek", "verpakken-a", "--date", "2026-11-23", "--out", filepath.Join(dir, "d.pdf"))
	require.Equal(t, exitOK, code, stderr)
	assert.Regexp(t, `versie \d+, concept`, stderr)

	// A second stored plan: now the range must be chosen.
	code, _, stderr = run(t, nil, "plan", "--data", db, "--from", "2026-11-23", "--to", "2026-11-24", "--out", filepath.Join(dir, "p2.json"))
	require.Equal(t, exitOK, code, stderr)
	code, _, stderr = run(t, nil, "roster", "--data", db, "--kind", "week", "--out", filepath.Join(dir, "w.pdf"))
	assert.Equal(t, exitUsage, code)
	assert.Contains(t, stderr, "er zijn 2 plannen opgeslagen; kies er een met --from 2026-11-23 --to 2026-11-24 of --from 2026-11-23 --to 2026-11-27")
	code, _, stderr = run(t, nil, "roster", "--data", db, "--kind", "week", "--from", "2026-11-23", "--to", "2026-11-27", "--out", filepath.Join(dir, "w.pdf"))
	require.Equal(t, exitOK, code, stderr)

	// Hours, marked as exported: the second export says every row was sent already.
	ledger := filepath.Join(dir, "geexporteerd.csv")
	args := []string{"export", "hours", "--data", db, "--from", "2026-11-23", "--to", "2026-11-27", "--exported", ledger, "--mark"}
	code, first, stderr := run(t, nil, args...)
	require.Equal(t, exitOK, code, stderr)
	assert.Contains(t, first, "medewerker;naam;datum;werkplek;gewerkt;verlof;ziek;therapeutisch;overig;geexporteerd\n")
	assert.Contains(t, first, ";nee\n")
	assert.NotContains(t, first, ";ja\n")
	code, second, stderr := run(t, nil, args...)
	require.Equal(t, exitOK, code, stderr)
	assert.NotContains(t, second, ";nee\n")
	assert.Contains(t, stderr, "0 nieuw of gewijzigd")

	// A calendar per person.
	code, _, stderr = run(t, nil, "export", "ics", "--data", db, "--from", "2026-11-23", "--to", "2026-11-27", "--employee", "e0002", "--out", filepath.Join(dir, "zoe.ics"))
	require.Equal(t, exitOK, code, stderr)
	ics, err := os.ReadFile(filepath.Join(dir, "zoe.ics"))
	require.NoError(t, err)
	assert.Contains(t, string(ics), "X-WR-CALNAME:Rooster Zoë Çelik\r\n")
	assert.Contains(t, string(ics), "@paswerk.ploeg\r\n")
	code, _, stderr = run(t, nil, "export", "ics", "--data", db, "--from", "2026-11-23", "--to", "2026-11-27", "--out-dir", filepath.Join(dir, "ics"))
	require.Equal(t, exitOK, code, stderr)
	files, err := os.ReadDir(filepath.Join(dir, "ics"))
	require.NoError(t, err)
	assert.Len(t, files, 3)

	// The dataset export works as before.
	code, out, stderr := run(t, nil, "export", "--data", db)
	require.Equal(t, exitOK, code, stderr)
	assert.Contains(t, out, `"version": 1`)
}

func TestRosterAndExportRefusals(t *testing.T) {
	planFile := filePlan(t)
	out := filepath.Join(t.TempDir(), "x.pdf")
	files := []string{"--dataset", "testdata/small.json", "--plan", planFile}
	cases := []struct {
		args []string
		code int
		want string
	}{
		{[]string{"roster", "--out", out}, exitUsage, "geef --kind"},
		{[]string{"roster", "--kind", "muur", "--out", out}, exitUsage, `--kind "muur" bestaat niet`},
		{[]string{"roster", "--kind", "week"}, exitUsage, "geef --out"},
		{[]string{"roster", "--kind", "week", "--dataset", "testdata/small.json", "--out", out}, exitUsage, "geef --dataset en --plan samen"},
		{[]string{"roster", "--kind", "week", "--group", "team", "--out", out}, exitUsage, "kies locatie of werkplek"},
		{[]string{"roster", "--kind", "makkelijk", "--font-size", "12", "--out", out}, exitUsage, "minstens 16"},
		{[]string{"roster", "--kind", "dagstaat", "--date", "23-11-2026", "--out", out}, exitUsage, "--date"},
		{append([]string{"roster", "--kind", "dagstaat", "--werkplek", "nergens", "--out", out}, files...), exitFailure, `werkplek "nergens" staat niet in de dataset`},
		{append([]string{"roster", "--kind", "persoon", "--employee", "e9", "--out", out}, files...), exitFailure, `medewerker "e9" staat niet in de dataset`},
		{append([]string{"export", "hours", "--mark"}, files...), exitUsage, "--mark heeft --exported BESTAND nodig"},
		{append([]string{"export", "ics"}, files...), exitUsage, "geef --employee ID met --out BESTAND, of --out-dir MAP"},
		{append([]string{"export", "ics", "--employee", "e0002"}, files...), exitUsage, "geef --out BESTAND.ics"},
	}
	for _, c := range cases {
		code, _, stderr := run(t, nil, c.args...)
		assert.Equal(t, c.code, code, c.args)
		assert.Contains(t, stderr, c.want, c.args)
	}
	for _, help := range [][]string{{"roster", "--help"}, {"export", "hours", "--help"}, {"export", "ics", "--help"}} {
		code, stdout, _ := run(t, nil, help...)
		assert.Equal(t, exitOK, code, help)
		assert.Contains(t, stdout, "Gebruik: ploeg "+strings.Join(help[:len(help)-1], " "), help)
	}
}

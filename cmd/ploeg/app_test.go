package main

import (
	"bytes"
	"context"
	"encoding/json"
	"os"
	"path/filepath"
	"slices"
	"strings"
	"testing"
	"time"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"ploeg/domain"
	"ploeg/store/bolt"
)

// run runs the command in-process with a clean environment and returns exit code, stdout, stderr.
func run(t *testing.T, env map[string]string, args ...string) (int, string, string) {
	t.Helper()
	var out, errb bytes.Buffer
	app := &App{
		Stdin: strings.NewReader(""), Stdout: &out, Stderr: &errb,
		Getenv: func(k string) string { return env[k] },
		Now:    func() time.Time { return time.Date(2026, 11, 23, 9, 0, 0, 0, domain.Amsterdam) },
	}
	code := app.Run(context.Background(), args)
	return code, out.String(), errb.String()
}

func snapshot(t *testing.T, path string) []domain.Record {
	t.Helper()
	s, err := bolt.Open(path, bolt.Options{})
	require.NoError(t, err)
	defer s.Close()
	recs, err := s.Snapshot(context.Background())
	require.NoError(t, err)
	return recs
}

func TestImportExportRoundTrip(t *testing.T) {
	db := filepath.Join(t.TempDir(), "p.db")
	code, out, stderr := run(t, nil, "import", "testdata/small.json", "--data", db)
	require.Equal(t, exitOK, code, stderr)
	assert.Contains(t, out, "3 medewerkers")

	exported := filepath.Join(t.TempDir(), "out.json")
	code, _, stderr = run(t, nil, "export", "--data", db, "--out", exported)
	require.Equal(t, exitOK, code, stderr)

	want, err := domain.DecodeDataset(mustOpen(t, "testdata/small.json"))
	require.NoError(t, err)
	got, err := domain.DecodeDataset(mustOpen(t, exported))
	require.NoError(t, err)
	sortByKey(want)
	assert.Equal(t, want, got)

	// Importing the export and exporting again gives the same bytes.
	db2 := filepath.Join(t.TempDir(), "p2.db")
	code, _, stderr = run(t, map[string]string{"PLOEG_DATA": db2}, "import", exported)
	require.Equal(t, exitOK, code, stderr)
	code, again, _ := run(t, map[string]string{"PLOEG_DATA": db2}, "export")
	require.Equal(t, exitOK, code)
	first, err := os.ReadFile(exported)
	require.NoError(t, err)
	assert.Equal(t, string(first), again)
}

func TestImportWithThreeMistakesChangesNothing(t *testing.T) {
	db := filepath.Join(t.TempDir(), "p.db")
	code, _, stderr := run(t, nil, "import", "testdata/small.json", "--data", db)
	require.Equal(t, exitOK, code, stderr)
	before := snapshot(t, db)

	code, out, stderr := run(t, nil, "import", "--data", db, "testdata/three-mistakes.json")
	assert.Equal(t, exitFailure, code)
	assert.Empty(t, out)
	assert.Contains(t, stderr, "bevat 3 fouten; er is niets opgeslagen")
	assert.Contains(t, stderr, `employees[2].gemeente: onbekende gemeente "GM9999"`)
	assert.Contains(t, stderr, `shifts[0].workplace: onbekende werkplek "verpakken-z"`)
	assert.Contains(t, stderr, `werkleiders[0].capaciteit: onbekend veld "capaciteit"`)
	assert.Equal(t, before, snapshot(t, db), "the store is unchanged")
}

func TestValidate(t *testing.T) {
	code, out, _ := run(t, nil, "validate", "testdata/small.json")
	assert.Equal(t, exitOK, code)
	assert.Contains(t, out, "is geldig")
	code, _, stderr := run(t, nil, "validate", "testdata/three-mistakes.json")
	assert.Equal(t, exitFailure, code)
	assert.Contains(t, stderr, "3 fouten")
	code, _, stderr = run(t, nil, "validate", "testdata/bestaat-niet.json")
	assert.Equal(t, exitFailure, code)
	assert.Contains(t, stderr, "kan testdata/bestaat-niet.json niet openen")
}

func TestUsage(t *testing.T) {
	cases := []struct {
		args   []string
		code   int
		stream string // "out" or "err"
		want   string
	}{
		{nil, exitOK, "out", "Commando's:"},
		{[]string{"help"}, exitOK, "out", "serve"},
		{[]string{"bestaatniet"}, exitUsage, "err", `onbekend commando "bestaatniet"`},
		{[]string{"import"}, exitUsage, "err", "geef precies één bestand"},
		{[]string{"import", "--help"}, exitOK, "out", "--data"},
		{[]string{"help", "export"}, exitOK, "out", "--out"},
		{[]string{"serve", "--help"}, exitOK, "out", "--addr"},
		{[]string{"demo", "--employees", "0"}, exitUsage, "err", "--employees moet tussen"},
		{[]string{"demo", "--start", "morgen"}, exitUsage, "err", "geen datum"},
		{[]string{"export", "--nope"}, exitUsage, "err", "flag provided but not defined"},
		{[]string{"validate", "a", "b"}, exitUsage, "err", "precies één bestand"},
	}
	for _, c := range cases {
		t.Run(strings.Join(c.args, " "), func(t *testing.T) {
			code, out, stderr := run(t, nil, c.args...)
			assert.Equal(t, c.code, code)
			if c.stream == "out" {
				assert.Contains(t, out, c.want)
			} else {
				assert.Contains(t, stderr, c.want)
			}
		})
	}
}

func TestDemoIsDeterministicAndValid(t *testing.T) {
	dir := t.TempDir()
	a, b := filepath.Join(dir, "a.json"), filepath.Join(dir, "b.json")
	for _, f := range []string{a, b} {
		code, _, stderr := run(t, nil, "demo", "--employees", "300", "--days", "5", "--seed", "7", "--out", f)
		require.Equal(t, exitOK, code, stderr)
	}
	ab, err := os.ReadFile(a)
	require.NoError(t, err)
	bb, err := os.ReadFile(b)
	require.NoError(t, err)
	assert.Equal(t, ab, bb)
	code, out, stderr := run(t, nil, "validate", a)
	require.Equal(t, exitOK, code, stderr)
	assert.Contains(t, out, "is geldig")
	entries, err := os.ReadDir(dir)
	require.NoError(t, err)
	assert.Len(t, entries, 2, "no temporary files left behind")
}

func TestRedactURL(t *testing.T) {
	assert.Equal(t, "redis://u:***@h:6379/0", redactURL("redis://u:geheim@h:6379/0"))
	assert.Equal(t, "redis://h:6379/0", redactURL("redis://h:6379/0"))
}

func mustOpen(t *testing.T, name string) *os.File {
	f, err := os.Open(name)
	require.NoError(t, err)
	t.Cleanup(func() { f.Close() })
	return f
}

// sortByKey orders each list of ds by record key, the order a store exports in.
func sortByKey(ds *domain.Dataset) {
	recs, err := ds.Records()
	if err != nil {
		panic(err)
	}
	byKind := map[domain.Kind][]domain.Record{}
	for _, r := range recs {
		byKind[r.Kind] = append(byKind[r.Kind], r)
	}
	var sorted []domain.Record
	for _, k := range domain.DatasetKinds {
		list := byKind[k]
		slices.SortFunc(list, func(a, b domain.Record) int { return strings.Compare(a.ID, b.ID) })
		sorted = append(sorted, list...)
	}
	out, err := domain.DatasetFromRecords(sorted)
	if err != nil {
		panic(err)
	}
	*ds = *out
}

func TestPlanAndCheck(t *testing.T) {
	dir := t.TempDir()
	planFile := filepath.Join(dir, "plan.json")
	code, _, stderr := run(t, nil, "plan", "--dataset", "testdata/small.json", "--from", "2026-11-23", "--to", "2026-11-27", "--out", planFile)
	require.Equal(t, exitOK, code, stderr)
	assert.Contains(t, stderr, "Plan 2026-11-23 t/m 2026-11-27")

	code, out, stderr := run(t, nil, "check", "--dataset", "testdata/small.json", "--plan", planFile)
	require.Equal(t, exitOK, code, stderr)
	assert.Contains(t, out, "Het plan houdt alle harde regels.")

	// Break H1: one person twice on one day.
	var p domain.Plan
	b, err := os.ReadFile(planFile)
	require.NoError(t, err)
	require.NoError(t, json.Unmarshal(b, &p))
	require.NotEmpty(t, p.Assignments)
	p.Assignments = append(p.Assignments, domain.Assignment{Employee: p.Assignments[0].Employee, Shift: "school-conc-2026-11-23"})
	bad := filepath.Join(dir, "bad.json")
	b, err = json.Marshal(p)
	require.NoError(t, err)
	require.NoError(t, os.WriteFile(bad, b, 0o644))
	code, out, stderr = run(t, nil, "check", "--dataset", "testdata/small.json", "--plan", bad)
	assert.Equal(t, exitFailure, code)
	assert.Contains(t, out, "H1: ")
	assert.Contains(t, stderr, "het plan breekt")
}

func TestPlanOnTheStoreSavesTheConcept(t *testing.T) {
	db := filepath.Join(t.TempDir(), "p.db")
	code, _, stderr := run(t, nil, "import", "testdata/small.json", "--data", db)
	require.Equal(t, exitOK, code, stderr)
	code, out, stderr := run(t, nil, "plan", "--data", db, "--from", "2026-11-23", "--to", "2026-11-24")
	require.Equal(t, exitOK, code, stderr)
	var printed domain.Plan
	require.NoError(t, json.Unmarshal([]byte(out), &printed))

	s, err := bolt.Open(db, bolt.Options{})
	require.NoError(t, err)
	defer s.Close()
	stored, err := domain.Plans(s).Get(context.Background(), domain.PlanKey(printed.From, printed.To))
	require.NoError(t, err)
	assert.Equal(t, printed, stored.Value)
	assert.Equal(t, domain.Concept, stored.Value.Status)
}

func TestPlanRefusals(t *testing.T) {
	cases := []struct {
		args []string
		code int
		want string
	}{
		{[]string{"plan", "--dataset", "testdata/small.json"}, exitUsage, "geef --from en --to"},
		{[]string{"plan", "--dataset", "testdata/small.json", "--from", "2026-11-27", "--to", "2026-11-23"}, exitUsage, "ligt vóór --from"},
		{[]string{"plan", "--dataset", "testdata/three-mistakes.json", "--from", "2026-11-23", "--to", "2026-11-23"}, exitFailure, "bevat 3 fouten"},
		{[]string{"check", "--dataset", "testdata/small.json"}, exitUsage, "geef --dataset en --plan"},
		{[]string{"check", "--dataset", "testdata/small.json", "--plan", "testdata/small.json"}, exitFailure, "is geen geldig plan"},
	}
	for _, c := range cases {
		code, _, stderr := run(t, nil, c.args...)
		assert.Equal(t, c.code, code, c.args)
		assert.Contains(t, stderr, c.want, c.args)
	}
}

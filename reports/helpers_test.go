package reports_test

import (
	"bytes"
	"context"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/stretchr/testify/require"

	"ploeg/demo"
	"ploeg/domain"
	"ploeg/reports"
	"ploeg/scheduler"
)

var monday = domain.NewDate(2026, 11, 23)

// printedAt is the fixed print time of the tests.
var printedAt = time.Date(2026, 11, 20, 14, 5, 0, 0, domain.Amsterdam)

func testMeta() reports.Meta {
	return reports.Meta{PrintedAt: printedAt, Version: "7", Status: domain.Concept}
}

// small returns the fixture: seven people (Zoë Çelik, Ömer Yılmaz, Kacper Brüggemann, a very long
// name …), three workplaces of each kind, a week with sickness, leave and therapy, and its plan.
func small(t testing.TB) (*domain.Dataset, *domain.Plan) {
	t.Helper()
	f, err := os.Open("testdata/small.json")
	require.NoError(t, err)
	defer f.Close()
	ds, err := domain.DecodeDataset(f)
	require.NoError(t, err)
	b, err := os.ReadFile("testdata/small-plan.json")
	require.NoError(t, err)
	var p domain.Plan
	require.NoError(t, domain.DecodeStrict(b, &p))
	return ds, &p
}

var (
	paswerkOnce sync.Once
	paswerkDS   *domain.Dataset
	paswerkPlan domain.Plan
	paswerkErr  error
)

// paswerk returns the demo region at real size (about 650 people, 25 workplaces) with a plan for
// one week, made once per test binary. Validity does not depend on the search's length, so a
// short search keeps this fast.
func paswerk(t testing.TB) (*domain.Dataset, *domain.Plan) {
	t.Helper()
	paswerkOnce.Do(func() {
		paswerkDS = demo.Generate(demo.Options{Seed: demo.DefaultSeed, Employees: 600, Days: 5, Start: monday})
		paswerkPlan, paswerkErr = scheduler.Plan(context.Background(), paswerkDS, monday, monday.AddDays(4), scheduler.Options{Seed: 1, Effort: 0.02})
	})
	require.NoError(t, paswerkErr)
	p := paswerkPlan
	return paswerkDS, &p
}

// needTool skips the test when an external program is missing; CI installs them all (.ci/run) and
// fails on any skip.
func needTool(t testing.TB, name string) {
	t.Helper()
	if _, err := exec.LookPath(name); err != nil {
		t.Skipf("%s ontbreekt (apt-get install %s)", name, map[string]string{"qpdf": "qpdf", "pdftotext": "poppler-utils", "pdfinfo": "poppler-utils"}[name])
	}
}

// writeTemp writes b to a file in a fresh temporary directory.
func writeTemp(t testing.TB, name string, b []byte) string {
	t.Helper()
	path := filepath.Join(t.TempDir(), name)
	require.NoError(t, os.WriteFile(path, b, 0o644))
	return path
}

// qpdfCheck fails the test unless qpdf finds the PDF sound.
func qpdfCheck(t testing.TB, pdf []byte) {
	t.Helper()
	needTool(t, "qpdf")
	out, err := exec.Command("qpdf", "--check", writeTemp(t, "check.pdf", pdf)).CombinedOutput()
	require.NoError(t, err, "qpdf --check: %s", out)
	require.Contains(t, string(out), "No syntax or stream encoding errors found")
}

// pages returns the text of every page (pdftotext -layout).
func pages(t testing.TB, pdf []byte) []string {
	t.Helper()
	needTool(t, "pdftotext")
	out, err := exec.Command("pdftotext", "-layout", "-enc", "UTF-8", writeTemp(t, "text.pdf", pdf), "-").Output()
	require.NoError(t, err)
	texts := strings.Split(string(out), "\f")
	if n := len(texts); n > 0 && strings.TrimSpace(texts[n-1]) == "" {
		texts = texts[:n-1] // pdftotext ends every page with a form feed
	}
	return texts
}

// render runs a renderer into a buffer.
func render(t testing.TB, f func(*bytes.Buffer) error) []byte {
	t.Helper()
	var buf bytes.Buffer
	require.NoError(t, f(&buf))
	return buf.Bytes()
}

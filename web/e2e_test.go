package web

import (
	"os"
	"os/exec"
	"path/filepath"
	"testing"

	"github.com/stretchr/testify/require"
)

// TestBrowser runs the browser tests of web/e2e (playwright-core driving Debian's Chromium, axe-core
// for WCAG 2.1 AA). They take about a minute, so they run when PLOEG_E2E=1 (which .ci/run sets) and
// need node, npm and /usr/bin/chromium (or $CHROMIUM); without them the test is skipped, which
// .ci/run counts as a failure. Screenshots go to web/e2e/artefacts (or $ARTEFACTS).
func TestBrowser(t *testing.T) {
	if os.Getenv("PLOEG_E2E") != "1" {
		t.Skip("browsertests draaien met PLOEG_E2E=1 (.ci/run zet dat)")
	}
	chromium := os.Getenv("CHROMIUM")
	if chromium == "" {
		chromium = "/usr/bin/chromium"
	}
	if _, err := os.Stat(chromium); err != nil {
		t.Skipf("geen Chromium op %s: apt-get install chromium (of zet CHROMIUM)", chromium)
	}
	node, err := exec.LookPath("node")
	if err != nil {
		t.Skip("geen node: installeer Node.js om de browsertests te draaien")
	}
	dir, err := filepath.Abs("e2e")
	require.NoError(t, err)
	if _, err := os.Stat(filepath.Join(dir, "node_modules", "playwright-core")); err != nil {
		npm, err := exec.LookPath("npm")
		if err != nil {
			t.Skip("geen npm: installeer npm om playwright-core en axe-core te halen")
		}
		cmd := exec.CommandContext(t.Context(), npm, "ci", "--no-audit", "--no-fund")
		cmd.Dir = dir
		out, err := cmd.CombinedOutput()
		require.NoError(t, err, "npm ci in web/e2e:\n%s", out)
	}
	cmd := exec.CommandContext(t.Context(), node, "run.mjs")
	cmd.Dir = dir
	cmd.Env = append(os.Environ(), "CHROMIUM="+chromium)
	out, err := cmd.CombinedOutput()
	t.Logf("node run.mjs:\n%s", out)
	require.NoError(t, err, "de browsertests faalden; zie hierboven en de schermafdrukken in web/e2e/artefacts")
}

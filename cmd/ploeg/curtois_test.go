package main

import (
	"os"
	"path/filepath"
	"regexp"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

// bench curtois solves, prints the table with the bound, writes the roster, and --check judges it.
func TestBenchCurtoisAndCheck(t *testing.T) {
	dir := filepath.Join(t.TempDir(), "roosters") // --out makes the map
	inst := filepath.Join("..", "..", "scheduler", "curtois", "testdata", "tiny.txt")
	code, out, stderr := run(t, nil, "bench", "curtois", "--seed", "3", "--steps", "4000000", "--out", dir, inst)
	require.Equal(t, exitOK, code, stderr)
	assert.Contains(t, out, "ondergrens")
	// tiny: objective, 0 hard violations, …, the bound equal to it and called optimal.
	m := regexp.MustCompile(`tiny\s+(\d+)\s+0\s+\S+\s+\S+\s+(\d+) \(optimaal\)`).FindStringSubmatch(out)
	require.NotNil(t, m, out)
	assert.Equal(t, m[1], m[2])

	roster := filepath.Join(dir, "tiny.roster")
	code, out, stderr = run(t, nil, "bench", "curtois", "--check", inst, roster)
	require.Equal(t, exitOK, code, stderr)
	assert.Contains(t, out, "doelwaarde "+m[1])

	b, err := os.ReadFile(roster)
	require.NoError(t, err)
	bad := filepath.Join(dir, "bad.roster")
	require.NoError(t, os.WriteFile(bad, b[:len(b)/2], 0o644))
	code, _, stderr = run(t, nil, "bench", "curtois", "--check", inst, bad)
	assert.Equal(t, exitFailure, code)
	assert.Contains(t, stderr, "bad.roster")
}

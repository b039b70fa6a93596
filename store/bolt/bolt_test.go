package bolt

import (
	"bufio"
	"bytes"
	"context"
	"encoding/json"
	"fmt"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"ploeg/domain"
	"ploeg/store/storetest"
)

func open(t *testing.T, path string, opts Options) *Store {
	t.Helper()
	s, err := Open(path, opts)
	require.NoError(t, err)
	t.Cleanup(func() { assert.NoError(t, s.Close()) })
	return s
}

func TestConformance(t *testing.T) {
	storetest.Run(t, func(t *testing.T) domain.Store {
		return open(t, filepath.Join(t.TempDir(), "ploeg.db"), Options{})
	})
}

func TestReopenKeepsData(t *testing.T) {
	ctx := t.Context()
	path := filepath.Join(t.TempDir(), "ploeg.db")
	s, err := Open(path, Options{})
	require.NoError(t, err)
	rec, err := s.Create(ctx, domain.Record{Kind: domain.KindEmployee, ID: "e1", Data: json.RawMessage(`{"n":1}`)})
	require.NoError(t, err)
	require.NoError(t, s.ReplaceDataset(ctx, []domain.Record{{Kind: domain.KindShift, ID: "s1", Data: json.RawMessage(`{}`)}}))
	plan, err := s.Create(ctx, domain.Record{Kind: domain.KindPlan, ID: "p1", Data: json.RawMessage(`{"n":2}`)})
	require.NoError(t, err)
	snap, err := s.Snapshot(ctx)
	require.NoError(t, err)
	audit, err := s.Audit(ctx, domain.AuditQuery{})
	require.NoError(t, err)
	require.NoError(t, s.Close())

	s = open(t, path, Options{})
	got, err := s.Snapshot(ctx)
	require.NoError(t, err)
	assert.Equal(t, snap, got)
	gotPlan, err := s.Get(ctx, domain.KindPlan, "p1")
	require.NoError(t, err)
	assert.Equal(t, plan, gotPlan)
	gotAudit, err := s.Audit(ctx, domain.AuditQuery{})
	require.NoError(t, err)
	assert.Equal(t, audit, gotAudit)

	// The counters go on where they were: no version or sequence number is given twice.
	next, err := s.Create(ctx, rec)
	require.NoError(t, err)
	assert.Greater(t, next.Version, plan.Version)
	entries, err := s.Audit(ctx, domain.AuditQuery{AfterSeq: audit[len(audit)-1].Seq})
	require.NoError(t, err)
	require.Len(t, entries, 1)
	assert.Equal(t, audit[len(audit)-1].Seq+1, entries[0].Seq)
}

func TestAuditTimeFromClock(t *testing.T) {
	at := time.Date(2026, 11, 23, 8, 30, 0, 0, domain.Amsterdam)
	storetest.CheckClock(t, open(t, filepath.Join(t.TempDir(), "ploeg.db"), Options{Now: func() time.Time { return at }}), at)
}

func TestOpenLockedFile(t *testing.T) {
	path := filepath.Join(t.TempDir(), "ploeg.db")
	open(t, path, Options{})
	start := time.Now()
	_, err := Open(path, Options{LockTimeout: 100 * time.Millisecond})
	assert.Equal(t, domain.CodeInternal, domain.ErrorCode(err))
	assert.ErrorContains(t, err, "is in gebruik door een ander proces")
	assert.ErrorContains(t, err, path)
	assert.Less(t, time.Since(start), 5*time.Second, "Open must give up after the lock timeout")
}

func TestOpenBadPath(t *testing.T) {
	_, err := Open(filepath.Join(t.TempDir(), "missing", "ploeg.db"), Options{})
	assert.Equal(t, domain.CodeInternal, domain.ErrorCode(err))
	assert.ErrorContains(t, err, "missing")
}

// importGeneration returns n records that all carry generation g.
func importGeneration(n, g int) []domain.Record {
	recs := make([]domain.Record, n)
	for i := range recs {
		recs[i] = domain.Record{Kind: domain.KindEmployee, ID: fmt.Sprintf("e%05d", i), Data: json.RawMessage(fmt.Sprintf(`{"g":%d,"pad":"%0200d"}`, g, 0))}
	}
	return recs
}

const (
	childEnv     = "PLOEG_BOLT_IMPORT_CHILD"
	importSize   = 5000
	childStarted = "imported"
)

// TestKillDuringImport kills a process with kill -9 while it imports dataset after dataset: the file
// must then hold exactly one whole import.
func TestKillDuringImport(t *testing.T) {
	if path := os.Getenv(childEnv); path != "" {
		runImporter(path)
		return
	}
	if testing.Short() {
		t.Skip("starts a process")
	}
	path := filepath.Join(t.TempDir(), "ploeg.db")
	for round := range 3 {
		cmd := exec.Command(os.Args[0], "-test.run=^TestKillDuringImport$")
		cmd.Env = append(os.Environ(), childEnv+"="+path)
		var stderr bytes.Buffer
		cmd.Stderr = &stderr
		out, err := cmd.StdoutPipe()
		require.NoError(t, err)
		require.NoError(t, cmd.Start())
		t.Cleanup(func() { _ = cmd.Process.Kill(); _ = cmd.Wait() }) // never leave an importer running
		// The child reports how long its first import took; kill it at another point of a later
		// import each round.
		lines := bufio.NewScanner(out)
		var took time.Duration
		for lines.Scan() {
			if d, ok := strings.CutPrefix(lines.Text(), childStarted+" "); ok {
				took, err = time.ParseDuration(d)
				require.NoError(t, err)
				break
			}
		}
		if took == 0 {
			_ = cmd.Wait()
			t.Fatalf("the child did not import: %s", &stderr)
		}
		time.Sleep(took * time.Duration(2*round+1) / 2)
		require.NoError(t, cmd.Process.Kill())
		_ = cmd.Wait() // the exit status is that of the kill

		s, err := Open(path, Options{})
		require.NoError(t, err)
		snap, err := s.Snapshot(t.Context())
		require.NoError(t, err)
		require.Len(t, snap, importSize, "round %d: the file holds a partial import", round)
		var first struct{ G int }
		require.NoError(t, json.Unmarshal(snap[0].Data, &first))
		for _, rec := range snap {
			var got struct{ G int }
			require.NoError(t, json.Unmarshal(rec.Data, &got))
			require.Equal(t, first.G, got.G, "round %d: %s is from another import", round, rec.ID)
		}
		entries, err := s.Audit(t.Context(), domain.AuditQuery{})
		require.NoError(t, err)
		t.Logf("round %d: an import took %s; killed with %d imports in the audit log, the file holds import %d of this round", round, took, len(entries), first.G)
		require.NoError(t, s.Close())
	}
}

// runImporter is the child of TestKillDuringImport: it imports until it is killed.
func runImporter(path string) {
	s, err := Open(path, Options{LockTimeout: 10 * time.Second})
	if err != nil {
		fmt.Fprintln(os.Stderr, err)
		os.Exit(2)
	}
	ctx := domain.WithActor(context.Background(), domain.Actor{Name: "kind"})
	for g := 0; ; g++ {
		start := time.Now()
		if err := s.ReplaceDataset(ctx, importGeneration(importSize, g)); err != nil {
			fmt.Fprintln(os.Stderr, err)
			os.Exit(2)
		}
		if g == 0 {
			fmt.Println(childStarted, time.Since(start))
		}
	}
}

package main

import (
	"bufio"
	"context"
	"encoding/json"
	"fmt"
	"io"
	"math/rand/v2"
	"net/http"
	"os"
	"os/exec"
	"path/filepath"
	"regexp"
	"strings"
	"syscall"
	"testing"
	"time"

	"github.com/alicebob/miniredis/v2"
	goredis "github.com/redis/go-redis/v9"
	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"ploeg/domain"
	"ploeg/store/redis"
)

// binary is the ploeg command built once for the tests that need a real process.
var binary string

func TestMain(m *testing.M) {
	dir, err := os.MkdirTemp("", "ploeg-bin")
	if err != nil {
		panic(err)
	}
	binary = filepath.Join(dir, "ploeg")
	if out, err := exec.Command("go", "build", "-o", binary, ".").CombinedOutput(); err != nil {
		fmt.Fprintf(os.Stderr, "building ploeg: %v\n%s", err, out)
		os.Exit(1)
	}
	code := m.Run()
	os.RemoveAll(dir)
	os.Exit(code)
}

// ploegCmd returns the ploeg binary with args and an environment without store settings.
func ploegCmd(args ...string) *exec.Cmd {
	cmd := exec.Command(binary, args...)
	for _, kv := range os.Environ() {
		if !strings.HasPrefix(kv, "REDIS_URL=") && !strings.HasPrefix(kv, "PLOEG_") {
			cmd.Env = append(cmd.Env, kv)
		}
	}
	return cmd
}

var (
	servingLine = regexp.MustCompile(`Ploeg draait op (http://\S+/)`)
	tokenLine   = regexp.MustCompile(`^plg_\S+$`)
)

// demoToken is the admin token the last `serve --demo` printed.
var demoToken string

// startServe starts `ploeg serve` on a free port and returns its base URL once it listens. With
// --demo it keeps the admin token it prints in demoToken.
func startServe(t *testing.T, args ...string) (*exec.Cmd, string) {
	t.Helper()
	cmd := ploegCmd(append([]string{"serve", "--addr", "127.0.0.1:0"}, args...)...)
	stdout, err := cmd.StdoutPipe()
	require.NoError(t, err)
	cmd.Stderr = os.Stderr
	require.NoError(t, cmd.Start())
	t.Cleanup(func() { _ = cmd.Process.Kill(); _ = cmd.Wait() })
	lines := bufio.NewScanner(stdout)
	for lines.Scan() {
		if tokenLine.MatchString(lines.Text()) {
			demoToken = lines.Text()
		}
		if m := servingLine.FindStringSubmatch(lines.Text()); m != nil {
			go func() { _, _ = io.Copy(io.Discard, stdout) }()
			return cmd, strings.TrimSuffix(m[1], "/")
		}
	}
	t.Fatalf("serve stopped before it listened: %v", lines.Err())
	return nil, ""
}

func get(t *testing.T, url string) (int, []byte) {
	t.Helper()
	req, err := http.NewRequest(http.MethodGet, url, nil)
	require.NoError(t, err)
	req.Header.Set("Authorization", "Bearer "+demoToken)
	resp, err := http.DefaultClient.Do(req)
	require.NoError(t, err)
	defer resp.Body.Close()
	b, err := io.ReadAll(resp.Body)
	require.NoError(t, err)
	return resp.StatusCode, b
}

func stop(t *testing.T, cmd *exec.Cmd) {
	t.Helper()
	require.NoError(t, cmd.Process.Signal(syscall.SIGTERM))
	require.NoError(t, cmd.Wait(), "serve stops cleanly on SIGTERM")
}

// From a fresh store: serve --demo answers /healthz and keeps its data across a restart; a bad
// import over HTTP is refused with every problem and changes nothing.
func TestServeDemoSurvivesRestart(t *testing.T) {
	db := filepath.Join(t.TempDir(), "ploeg.db")
	cmd, base := startServe(t, "--demo", "--data", db)
	code, body := get(t, base+"/healthz")
	require.Equal(t, http.StatusOK, code)
	assert.Equal(t, "ok\n", string(body))
	code, before := get(t, base+"/api/v1/dataset")
	require.Equal(t, http.StatusOK, code)
	ds, err := domain.DecodeDataset(strings.NewReader(string(before)))
	require.NoError(t, err)
	assert.Greater(t, len(ds.Employees), 500, "the demo region is loaded")

	bad, err := os.ReadFile("testdata/three-mistakes.json")
	require.NoError(t, err)
	req, err := http.NewRequest(http.MethodPut, base+"/api/v1/dataset", strings.NewReader(string(bad)))
	require.NoError(t, err)
	req.Header.Set("Content-Type", "application/json")
	req.Header.Set("Authorization", "Bearer "+demoToken)
	resp, err := http.DefaultClient.Do(req)
	require.NoError(t, err)
	var problem struct {
		Status int
		Code   string
		Errors []domain.FieldError
	}
	require.NoError(t, json.NewDecoder(resp.Body).Decode(&problem))
	resp.Body.Close()
	assert.Equal(t, http.StatusBadRequest, resp.StatusCode)
	assert.Equal(t, "application/problem+json", resp.Header.Get("Content-Type"))
	assert.Equal(t, "invalid", problem.Code)
	fields := []string{}
	for _, f := range problem.Errors {
		fields = append(fields, f.Field)
	}
	assert.ElementsMatch(t, []string{"employees[2].gemeente", "shifts[0].workplace", "werkleiders[0].capaciteit"}, fields)
	stop(t, cmd)

	cmd, base = startServe(t, "--data", db)
	code, after := get(t, base+"/api/v1/dataset")
	require.Equal(t, http.StatusOK, code)
	assert.Equal(t, string(before), string(after), "same data after a restart, and the bad import left no trace")
	stop(t, cmd)
}

// A kill -9 in the middle of an import leaves the old dataset or the new one, never a mix.
func TestKillDuringImportIsAllOrNothing(t *testing.T) {
	dir := t.TempDir()
	big := filepath.Join(dir, "big.json")
	out, err := ploegCmd("demo", "--employees", "8000", "--days", "20", "--seed", "3", "--out", big).CombinedOutput()
	require.NoError(t, err, string(out))
	bigDS, err := domain.DecodeDataset(mustOpen(t, big))
	require.NoError(t, err)
	smallDS, err := domain.DecodeDataset(mustOpen(t, "testdata/small.json"))
	require.NoError(t, err)

	type backend struct {
		name  string
		flags func(t *testing.T) []string
		count func(t *testing.T, flags []string) domain.Counts
	}
	backends := []backend{
		{"bolt", func(t *testing.T) []string { return []string{"--data", filepath.Join(t.TempDir(), "p.db")} },
			func(t *testing.T, flags []string) domain.Counts { return countsOf(t, snapshot(t, flags[1])) }},
		{"miniredis", func(t *testing.T) []string {
			return []string{"--redis", "redis://" + miniredis.RunT(t).Addr() + "/0", "--redis-prefix", "kill"}
		}, redisCounts},
	}
	if url := os.Getenv("REDIS_URL"); url != "" {
		backends = append(backends, backend{"redis", func(t *testing.T) []string {
			prefix := fmt.Sprintf("killtest-%d", rand.Int64())
			t.Cleanup(func() { deletePrefix(t, url, prefix) })
			return []string{"--redis", url, "--redis-prefix", prefix}
		}, redisCounts})
	}
	for _, b := range backends {
		t.Run(b.name, func(t *testing.T) {
			flags := b.flags(t)
			out, err := ploegCmd(append([]string{"import", "testdata/small.json"}, flags...)...).CombinedOutput()
			require.NoError(t, err, string(out))

			// How long the write phase of a big import takes here, to aim the kills inside it.
			timing := b.flags(t)
			cmd, _ := startImport(t, big, timing)
			began := time.Now()
			require.NoError(t, cmd.Wait())
			window := time.Since(began)
			require.Equal(t, bigDS.Counts(), b.count(t, timing))

			outcomes := map[string]int{}
			r := rand.New(rand.NewPCG(1, 2))
			for i := range 8 {
				cmd, _ := startImport(t, big, flags)
				time.Sleep(time.Duration(float64(window) * 1.2 * r.Float64()))
				_ = cmd.Process.Signal(syscall.SIGKILL)
				_ = cmd.Wait()
				switch got := b.count(t, flags); got {
				case smallDS.Counts():
					outcomes["old"]++
				case bigDS.Counts():
					outcomes["new"]++
					out, err := ploegCmd(append([]string{"import", "testdata/small.json"}, flags...)...).CombinedOutput()
					require.NoError(t, err, string(out))
				default:
					t.Fatalf("kill %d left a mix: %+v", i, got)
				}
			}
			t.Logf("write phase %v; after kill -9: %v", window.Round(time.Millisecond), outcomes)
		})
	}
}

func countsOf(t *testing.T, recs []domain.Record) domain.Counts {
	ds, err := domain.DatasetFromRecords(recs)
	require.NoError(t, err)
	return ds.Counts()
}

func redisCounts(t *testing.T, flags []string) domain.Counts {
	s, err := redis.Open(context.Background(), flags[1], redis.Options{Prefix: flags[3]})
	require.NoError(t, err)
	defer s.Close()
	recs, err := s.Snapshot(context.Background())
	require.NoError(t, err)
	return countsOf(t, recs)
}

// deletePrefix removes the keys a test wrote to a real Redis.
func deletePrefix(t *testing.T, url, prefix string) {
	opts, err := goredis.ParseURL(url)
	require.NoError(t, err)
	c := goredis.NewClient(opts)
	defer c.Close()
	ctx := context.Background()
	iter := c.Scan(ctx, 0, prefix+":*", 1000).Iterator()
	for iter.Next(ctx) {
		c.Del(ctx, iter.Val())
	}
	require.NoError(t, iter.Err())
}

// startImport starts `ploeg import file` and returns once the dataset is read and checked and the
// write to the store begins.
func startImport(t *testing.T, file string, flags []string) (*exec.Cmd, string) {
	t.Helper()
	cmd := ploegCmd(append([]string{"import", file}, flags...)...)
	stdout, err := cmd.StdoutPipe()
	require.NoError(t, err)
	require.NoError(t, cmd.Start())
	lines := bufio.NewScanner(stdout)
	for lines.Scan() {
		if strings.Contains(lines.Text(), "opslaan in") {
			go func() { _, _ = io.Copy(io.Discard, stdout) }()
			return cmd, lines.Text()
		}
	}
	_ = cmd.Wait()
	t.Fatalf("import never reached the write phase: %v", lines.Err())
	return nil, ""
}

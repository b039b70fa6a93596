package api

import (
	"context"
	"crypto/rand"
	"encoding/json"
	"io"
	"log/slog"
	"net/http"
	"net/http/httptest"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/alicebob/miniredis/v2"
	goredis "github.com/redis/go-redis/v9"
	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"ploeg/domain"
	"ploeg/store/bolt"
	"ploeg/store/redis"
)

// env is a server on a store with the small dataset and one token per role.
type env struct {
	t      testing.TB
	srv    *Server
	store  domain.Store
	tokens map[domain.Role]string
}

// storeKinds are the stores the API tests run against: bbolt, miniredis, and a real Redis when
// REDIS_URL is set.
func storeKinds() []string {
	kinds := []string{"bolt", "miniredis"}
	if os.Getenv("REDIS_URL") != "" {
		kinds = append(kinds, "redis")
	}
	return kinds
}

// openStore opens a new empty store of kind.
func openStore(t testing.TB, kind string) domain.Store {
	t.Helper()
	var s domain.Store
	var err error
	switch kind {
	case "bolt":
		s, err = bolt.Open(filepath.Join(t.TempDir(), "api.db"), bolt.Options{})
	case "miniredis":
		mr := miniredis.RunT(t)
		s, err = redis.Open(t.Context(), "redis://"+mr.Addr()+"/0", redis.Options{})
	case "redis":
		prefix := "ploeg-apitest-" + rand.Text()
		s, err = redis.Open(t.Context(), os.Getenv("REDIS_URL"), redis.Options{Prefix: prefix})
		dropPrefix(t, prefix)
	}
	require.NoError(t, err)
	t.Cleanup(func() { s.Close() })
	return s
}

// dropPrefix deletes every key under prefix in the real Redis at REDIS_URL when the test ends.
func dropPrefix(t testing.TB, prefix string) {
	t.Cleanup(func() {
		ctx := context.Background() // t.Context() is done by now
		o, err := goredis.ParseURL(os.Getenv("REDIS_URL"))
		require.NoError(t, err)
		c := goredis.NewClient(o)
		defer c.Close()
		iter := c.Scan(ctx, 0, prefix+":*", 500).Iterator()
		for iter.Next(ctx) {
			assert.NoError(t, c.Del(ctx, iter.Val()).Err())
		}
		assert.NoError(t, iter.Err())
	})
}

func newEnvOn(t testing.TB, store domain.Store) *env {
	t.Helper()
	srv := NewWith(Config{Store: store, Log: slog.New(slog.NewTextHandler(io.Discard, nil)), BcryptCost: 4})
	e := &env{t: t, srv: srv, store: store, tokens: map[domain.Role]string{}}
	for _, g := range []domain.Grant{
		{Role: domain.RoleAdmin}, {Role: domain.RolePlanner}, {Role: domain.RoleHR},
		{Role: domain.RoleGemeente, Gemeente: "GM0473"}, {Role: domain.RoleMedewerker, Employee: "e0002"},
	} {
		e.tokens[g.Role] = token(t, store, g)
	}
	b, err := os.ReadFile(filepath.Join("..", "domain", "testdata", "small.json"))
	require.NoError(t, err)
	r := e.do(domain.RoleAdmin, http.MethodPut, "/api/v1/dataset", string(b), nil)
	require.Equal(t, http.StatusOK, r.Code, r.Body.String())
	return e
}

func newEnv(t testing.TB, kind string) *env { return newEnvOn(t, openStore(t, kind)) }

// do sends a request as role ("" for nobody) with extra headers.
func (e *env) do(role domain.Role, method, path, body string, headers map[string]string) *httptest.ResponseRecorder {
	e.t.Helper()
	return send(e.srv, e.tokens[role], method, path, body, headers)
}

func send(h http.Handler, tok, method, path, body string, headers map[string]string) *httptest.ResponseRecorder {
	req := httptest.NewRequest(method, path, strings.NewReader(body))
	if body != "" {
		req.Header.Set("Content-Type", "application/json")
	}
	if tok != "" {
		req.Header.Set("Authorization", "Bearer "+tok)
	}
	for k, v := range headers {
		req.Header.Set(k, v)
	}
	rec := httptest.NewRecorder()
	h.ServeHTTP(rec, req)
	return rec
}

// json decodes a response body.
func decodeJSON[T any](t testing.TB, rec *httptest.ResponseRecorder) T {
	t.Helper()
	var v T
	require.NoError(t, json.Unmarshal(rec.Body.Bytes(), &v), rec.Body.String())
	return v
}

func match(tag string) map[string]string { return map[string]string{"If-Match": tag} }

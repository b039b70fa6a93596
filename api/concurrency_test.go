package api

import (
	"crypto/rand"
	"fmt"
	"net/http"
	"os"
	"sync"
	"sync/atomic"
	"testing"

	"github.com/alicebob/miniredis/v2"
	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"ploeg/domain"
	"ploeg/store/redis"
)

// Many writers change one record through the HTTP layer, each reading, changing and writing with
// If-Match and trying again on 412. Afterwards every successful write is there: none was lost.
func TestNoLostUpdatesThroughHTTP(t *testing.T) {
	for _, kind := range storeKinds() {
		t.Run(kind, func(t *testing.T) {
			e := newEnv(t, kind)
			const writers, each = 20, 10
			var ok, stale atomic.Int64
			var wg sync.WaitGroup
			for w := range writers {
				wg.Go(func() {
					for i := 0; i < each; {
						cur := e.do(domain.RoleHR, http.MethodGet, "/api/v1/werkleiders/wl-01", "", nil)
						if !assert.Equal(t, http.StatusOK, cur.Code) {
							return
						}
						wl := decodeJSON[domain.Werkleider](t, cur)
						wl.Capacity++
						body := fmt.Sprintf(`{"id":"wl-01","name":"w%d-%d","workplaces":["verpakken-a"],"workdays":["ma","di","wo","do","vr"],"capacity":%g}`, w, i, wl.Capacity)
						rec := e.do(domain.RoleHR, http.MethodPut, "/api/v1/werkleiders/wl-01", body, match(cur.Header().Get("ETag")))
						switch rec.Code {
						case http.StatusOK:
							ok.Add(1)
							i++
						case http.StatusPreconditionFailed:
							stale.Add(1)
						default:
							t.Errorf("unexpected %d: %s", rec.Code, rec.Body.String())
							return
						}
					}
				})
			}
			wg.Wait()
			final, err := domain.Werkleiders(e.store).Get(t.Context(), "wl-01")
			require.NoError(t, err)
			assert.Equal(t, int64(writers*each), ok.Load())
			assert.Equal(t, float64(12+writers*each), final.Value.Capacity, "every successful write counts: no update lost")
			t.Logf("%d writes, %d answered 412 and were retried", ok.Load(), stale.Load())
		})
	}
}

// twoInstances returns two servers on one Redis, as two `ploeg serve` processes would be.
func twoInstances(t *testing.T, url string, prefix string) (*env, *env) {
	open := func() domain.Store {
		s, err := redis.Open(t.Context(), url, redis.Options{Prefix: prefix})
		require.NoError(t, err)
		t.Cleanup(func() { s.Close() })
		return s
	}
	a := open()
	if prefix != "" {
		dropPrefix(t, prefix)
	}
	first := newEnvOn(t, a)
	second := &env{t: t, srv: NewWith(Config{Store: open(), Log: first.srv.log}), tokens: first.tokens}
	second.store = second.srv.store
	return first, second
}

// Two instances on one Redis behave as one service: a change through one is read through the other
// at once, and of two conflicting changes exactly one wins while the other gets 412.
func TestTwoInstancesOneRedis(t *testing.T) {
	urls := map[string]string{"miniredis": "redis://" + miniredis.RunT(t).Addr() + "/0"}
	if u := os.Getenv("REDIS_URL"); u != "" {
		urls["redis"] = u
	}
	for name, url := range urls {
		t.Run(name, func(t *testing.T) {
			prefix := ""
			if name == "redis" {
				prefix = "ploeg-apitest-two-" + rand.Text()
			}
			a, b := twoInstances(t, url, prefix)
			rec := a.do(domain.RoleAdmin, http.MethodPost, "/api/v1/gemeenten", newGemeente, nil)
			require.Equal(t, http.StatusCreated, rec.Code)
			tag := rec.Header().Get("ETag")
			rec = b.do(domain.RoleHR, http.MethodGet, "/api/v1/gemeenten/GM0397", "", nil)
			require.Equal(t, http.StatusOK, rec.Code, "written through one, read through the other")
			assert.Equal(t, tag, rec.Header().Get("ETag"))

			tag = makePlan(t, a)
			var codes [2]int
			var wg sync.WaitGroup
			for i, inst := range []*env{a, b} {
				wg.Go(func() {
					codes[i] = inst.do(domain.RolePlanner, http.MethodPost, "/api/v1/plans/"+planID+"/publish", "", match(tag)).Code
				})
			}
			wg.Wait()
			assert.ElementsMatch(t, []int{http.StatusOK, http.StatusPreconditionFailed}, codes[:], "exactly one wins")
			fromB := b.do(domain.RolePlanner, http.MethodGet, "/api/v1/plans/"+planID, "", nil)
			assert.NotEqual(t, tag, fromB.Header().Get("ETag"), "the winner is visible through both")
		})
	}
}

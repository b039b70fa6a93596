// Package redis is a domain.Store in Redis, for several organisations sharing one server under
// different key prefixes. Under the prefix p it keeps:
//
//	p:rec:KIND:ID  one string per record: 8-byte big-endian version, then the JSON data
//	p:ids:KIND     a sorted set of the ids of a kind, all with score 0, for listing in id order
//	p:meta         a hash with the store-wide version counter and the last audit sequence number
//	p:audit        a list of audit entries as JSON; entry n is at index n-1
//	p:lock:KIND:ID a short-lived advisory lock of a record that Patch takes (see lockRecord)
//
// Every write WATCHes p:meta, reads, and then applies its changes together with new counters in one
// MULTI/EXEC, so a write that raced another is retried, and a client that dies before EXEC changes
// nothing. Reads of more than one key do the same without changes, so they see one moment.
package redis

import (
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"math/rand/v2"
	"strconv"
	"strings"
	"time"

	goredis "github.com/redis/go-redis/v9"

	"ploeg/domain"
	"ploeg/store/internal/storekit"
)

// Options tune a Store; the zero value is ready to use.
type Options struct {
	// Prefix starts every key, so several organisations can share one Redis; "" means "ploeg".
	Prefix string
	// Now gives the time of audit entries; nil means time.Now.
	Now func() time.Time
	// Attempts bounds how often a transaction is tried when other writes keep racing it; 0 means 200.
	Attempts int
	// LockWait bounds how long Patch waits for another instance's Patch of the same record before it
	// goes ahead without the advisory lock; 0 means 5 s.
	LockWait time.Duration
}

// Store is a domain.Store in Redis. It is safe for concurrent use.
type Store struct {
	client   *goredis.Client
	prefix   string
	attempts int
	lockWait time.Duration
	w        storekit.Writer
}

var _ domain.Store = (*Store)(nil)

// Open connects to the Redis at url (redis://[user:password@]host:port/db) and checks that it answers.
func Open(ctx context.Context, url string, opts Options) (*Store, error) {
	o, err := goredis.ParseURL(url)
	if err != nil {
		return nil, &domain.Error{
			Code:    domain.CodeInvalid,
			Message: "het Redis-adres is ongeldig; gebruik de vorm redis://host:6379/0",
			Err:     err,
		}
	}
	if !strings.Contains(url, "pool_size=") {
		// Every API request reads Redis (its token, a record's version): go-redis's default of ten
		// connections per CPU made requests wait for a connection under 50 concurrent readers.
		o.PoolSize = max(o.PoolSize, 128)
	}
	client := goredis.NewClient(o)
	if err := client.Ping(ctx).Err(); err != nil {
		_ = client.Close()
		return nil, &domain.Error{
			Code:    domain.CodeInternal,
			Message: fmt.Sprintf("Redis op %s antwoordt niet (%v); start Redis of controleer het adres", o.Addr, err),
			Err:     err,
		}
	}
	s := &Store{client: client, prefix: opts.Prefix, attempts: opts.Attempts}
	if s.prefix == "" {
		s.prefix = "ploeg"
	}
	if s.attempts <= 0 {
		s.attempts = 200
	}
	if s.lockWait = opts.LockWait; s.lockWait <= 0 {
		s.lockWait = 5 * time.Second
	}
	s.w = storekit.NewWriter(func(ctx context.Context, fn func(tx storekit.Txn) error) error {
		return s.atomic(ctx, func(t *txn) error { return fn(t) })
	}, opts.Now)
	return s, nil
}

func (s *Store) metaKey() string                { return s.prefix + ":meta" }
func (s *Store) auditKey() string               { return s.prefix + ":audit" }
func (s *Store) idsKey(kind domain.Kind) string { return s.prefix + ":ids:" + string(kind) }
func (s *Store) recordKey(kind domain.Kind, id string) string {
	return s.prefix + ":rec:" + string(kind) + ":" + id
}

// txn is one optimistic transaction and a storekit.Txn: it reads straight from Redis on the
// connection that WATCHes the meta key, and queues its writes, the new counters and its audit entries
// for one MULTI/EXEC.
type txn struct {
	s            *Store
	ctx          context.Context
	r            goredis.Cmdable // *goredis.Tx in a transaction
	version, seq int64
	writes       []func(goredis.Pipeliner)
	entries      []any
	torn         error // what a read found inconsistent; an error only if EXEC succeeds all the same
}

// Get returns the record kind/id and whether it exists.
func (t *txn) Get(kind domain.Kind, id string) (domain.Record, bool, error) {
	v, err := t.r.Get(t.ctx, t.s.recordKey(kind, id)).Bytes()
	if errors.Is(err, goredis.Nil) {
		return domain.Record{}, false, nil
	}
	if err != nil {
		return domain.Record{}, false, err
	}
	rec, err := storekit.Decode(kind, id, v)
	return rec, err == nil, err
}

// Put queues the writes that store rec.
func (t *txn) Put(rec domain.Record) error {
	t.writes = append(t.writes, func(pipe goredis.Pipeliner) {
		pipe.Set(t.ctx, t.s.recordKey(rec.Kind, rec.ID), storekit.Encode(rec.Version, rec.Data), 0)
		pipe.ZAdd(t.ctx, t.s.idsKey(rec.Kind), goredis.Z{Member: rec.ID})
	})
	return nil
}

// Delete queues the writes that remove the record kind/id.
func (t *txn) Delete(kind domain.Kind, id string) error {
	t.writes = append(t.writes, func(pipe goredis.Pipeliner) {
		pipe.Del(t.ctx, t.s.recordKey(kind, id))
		pipe.ZRem(t.ctx, t.s.idsKey(kind), id)
	})
	return nil
}

// Clear queues the removal of every record of kind and returns how many there are.
func (t *txn) Clear(kind domain.Kind) (int, error) {
	ids, err := t.r.ZRange(t.ctx, t.s.idsKey(kind), 0, -1).Result()
	if err != nil {
		return 0, err
	}
	keys := []string{t.s.idsKey(kind)}
	for _, id := range ids {
		keys = append(keys, t.s.recordKey(kind, id))
	}
	t.writes = append(t.writes, func(pipe goredis.Pipeliner) {
		for len(keys) > 0 {
			n := min(len(keys), 500)
			pipe.Del(t.ctx, keys[:n]...)
			keys = keys[n:]
		}
	})
	return len(ids), nil
}

// NextVersion takes the next number of the store-wide version counter.
func (t *txn) NextVersion() (int64, error) {
	t.version++
	return t.version, nil
}

// Log queues e for the audit log under the next sequence number.
func (t *txn) Log(e domain.AuditEntry) error {
	t.seq++
	e.Seq = t.seq
	b, err := json.Marshal(e)
	if err != nil {
		return domain.Internal("auditregel maken", err)
	}
	t.entries = append(t.entries, b)
	return nil
}

// records appends the records kind/ids to recs, in the order of ids. A record that is gone was
// deleted by a write between the two reads, so the EXEC that ends this read will fail and atomic
// will read again; it is noted in t.torn in case EXEC succeeds all the same.
func (t *txn) records(kind domain.Kind, ids []string, recs []domain.Record) ([]domain.Record, error) {
	if len(ids) == 0 {
		return recs, nil
	}
	keys := make([]string, len(ids))
	for i, id := range ids {
		keys[i] = t.s.recordKey(kind, id)
	}
	vals, err := t.r.MGet(t.ctx, keys...).Result()
	if err != nil {
		return recs, err
	}
	for i, v := range vals {
		str, ok := v.(string)
		if !ok {
			t.torn = fmt.Errorf("%s staat in %s maar heeft geen waarde", keys[i], t.s.idsKey(kind))
			continue
		}
		rec, err := storekit.Decode(kind, ids[i], []byte(str))
		if err != nil {
			return recs, err
		}
		recs = append(recs, rec)
	}
	return recs, nil
}

// atomic runs fn in one optimistic transaction. Under a WATCH of the meta key, which every write
// changes, fn reads through t and queues its writes; they are applied in one MULTI/EXEC with the new
// counters and audit entries. A read-only fn still ends in an EXEC, to check that nothing changed
// while it read. If any write came in between, EXEC fails and all is tried again.
func (s *Store) atomic(ctx context.Context, fn func(t *txn) error) error {
	for attempt := range s.attempts {
		if err := storekit.ContextErr(ctx); err != nil {
			return err
		}
		err := s.client.Watch(ctx, func(tx *goredis.Tx) error {
			t := &txn{s: s, ctx: ctx, r: tx}
			counters, err := tx.HMGet(ctx, s.metaKey(), "version", "seq").Result()
			if err != nil {
				return err
			}
			if t.version, err = counter(counters[0]); err != nil {
				return err
			}
			if t.seq, err = counter(counters[1]); err != nil {
				return err
			}
			if err := fn(t); err != nil {
				return err
			}
			_, err = tx.TxPipelined(ctx, func(pipe goredis.Pipeliner) error {
				if len(t.entries) == 0 { // a read: EXEC needs a command
					pipe.Exists(ctx, s.metaKey())
					return nil
				}
				for _, write := range t.writes {
					write(pipe)
				}
				pipe.HSet(ctx, s.metaKey(), "version", t.version, "seq", t.seq)
				pipe.RPush(ctx, s.auditKey(), t.entries...)
				return nil
			})
			if err == nil && t.torn != nil {
				err = domain.Internal("Redis lezen", t.torn)
			}
			return err
		}, s.metaKey())
		if !errors.Is(err, goredis.TxFailedErr) {
			return storekit.Wrap("Redis-opdracht", err)
		}
		// Another write won the race: wait a little, longer after each loss, then read again.
		time.Sleep(time.Duration(rand.Int64N(int64(min(attempt+1, 20)) * int64(100*time.Microsecond))))
	}
	return domain.Errorf(domain.CodeConflict, "Redis is bezet door te veel gelijktijdige wijzigingen; probeer het zo nog eens")
}

// counter parses a field of the meta hash; a missing field counts as 0.
func counter(v any) (int64, error) {
	if v == nil {
		return 0, nil
	}
	str, ok := v.(string)
	if !ok {
		return 0, fmt.Errorf("teller heeft type %T", v)
	}
	return strconv.ParseInt(str, 10, 64)
}

// Get returns the record kind/id.
func (s *Store) Get(ctx context.Context, kind domain.Kind, id string) (domain.Record, error) {
	if err := storekit.CheckKind(kind); err != nil {
		return domain.Record{}, err
	}
	if err := storekit.ContextErr(ctx); err != nil {
		return domain.Record{}, err
	}
	rec, found, err := (&txn{s: s, ctx: ctx, r: s.client}).Get(kind, id)
	switch {
	case err != nil:
		return domain.Record{}, storekit.Wrap("Redis-opdracht", err)
	case !found:
		return domain.Record{}, storekit.NotFound(kind, id)
	}
	return rec, nil
}

// Version returns the version of the record kind/id: the first 8 bytes of its value (GETRANGE).
func (s *Store) Version(ctx context.Context, kind domain.Kind, id string) (int64, error) {
	if err := storekit.CheckKind(kind); err != nil {
		return 0, err
	}
	if err := storekit.ContextErr(ctx); err != nil {
		return 0, err
	}
	b, err := s.client.GetRange(ctx, s.recordKey(kind, id), 0, 7).Bytes()
	switch {
	case err != nil:
		return 0, storekit.Wrap("Redis-opdracht", err)
	case len(b) == 0:
		return 0, storekit.NotFound(kind, id)
	}
	return storekit.DecodeVersion(kind, id, b)
}

// LastAuditSeq returns the sequence number of the last audit entry, from the meta hash.
func (s *Store) LastAuditSeq(ctx context.Context) (int64, error) {
	if err := storekit.ContextErr(ctx); err != nil {
		return 0, err
	}
	seq, err := s.client.HGet(ctx, s.metaKey(), "seq").Int64()
	if errors.Is(err, goredis.Nil) {
		return 0, nil
	}
	return seq, storekit.Wrap("Redis-opdracht", err)
}

// List returns the records of a kind in id order.
func (s *Store) List(ctx context.Context, kind domain.Kind, opts domain.ListOptions) ([]domain.Record, error) {
	if err := storekit.CheckList(kind, opts); err != nil {
		return nil, err
	}
	var recs []domain.Record
	err := s.atomic(ctx, func(t *txn) error {
		from := "-"
		if opts.After != "" {
			from = "(" + opts.After
		}
		ids, err := t.r.ZRangeByLex(ctx, s.idsKey(kind), &goredis.ZRangeBy{Min: from, Max: "+", Count: int64(opts.Limit)}).Result()
		if err != nil {
			return err
		}
		recs, err = t.records(kind, ids, recs[:0])
		return err
	})
	return recs, err
}

// Create stores a new record and returns it with its version; rec.Version is ignored.
func (s *Store) Create(ctx context.Context, rec domain.Record) (domain.Record, error) {
	return s.w.Create(ctx, rec)
}

// Update replaces a record whose current version is rec.Version and returns it with its new version.
func (s *Store) Update(ctx context.Context, rec domain.Record) (domain.Record, error) {
	return s.w.Update(ctx, rec)
}

// Patch changes the record kind/id in one atomic write made by fn (domain.Store). Patches of one
// record take turns across instances under an advisory lock (lockRecord).
func (s *Store) Patch(ctx context.Context, kind domain.Kind, id string, fn func(cur domain.Record, next int64) (domain.Patch, error)) (domain.Record, error) {
	if err := storekit.CheckKind(kind); err != nil {
		return domain.Record{}, err
	}
	defer s.lockRecord(ctx, kind, id)()
	return s.w.Patch(ctx, kind, id, fn)
}

// unlockScript deletes a lock only if it is still the caller's.
var unlockScript = goredis.NewScript(`if redis.call("get", KEYS[1]) == ARGV[1] then return redis.call("del", KEYS[1]) end return 0`)

// lockRecord takes the advisory lock of one record and returns its release. Two instances that
// each gather many changes of one plan into a Patch would otherwise keep failing each other's
// transactions (every write changes the meta key both WATCH), and the one with the larger batch
// would seldom win. The lock only makes them take turns: correctness is the transaction's, so when
// the lock cannot be had (another holder past LockWait, Redis refusing) Patch goes ahead without
// it, and a lock left by a crashed instance expires after 10 s.
func (s *Store) lockRecord(ctx context.Context, kind domain.Kind, id string) func() {
	key := s.prefix + ":lock:" + string(kind) + ":" + id
	token := strconv.FormatUint(rand.Uint64(), 36)
	deadline := time.Now().Add(s.lockWait)
	for {
		ok, err := s.client.SetNX(ctx, key, token, 10*time.Second).Result()
		if err != nil {
			return func() {}
		}
		if ok {
			return func() { _ = unlockScript.Run(context.WithoutCancel(ctx), s.client, []string{key}, token).Err() }
		}
		if time.Now().After(deadline) || ctx.Err() != nil {
			return func() {}
		}
		time.Sleep(time.Duration(500+rand.Int64N(1000)) * time.Microsecond)
	}
}

// Delete removes a record whose current version is version.
func (s *Store) Delete(ctx context.Context, kind domain.Kind, id string, version int64) error {
	return s.w.Delete(ctx, kind, id, version)
}

// ReplaceDataset replaces every record of the DatasetKinds with recs in one MULTI/EXEC.
func (s *Store) ReplaceDataset(ctx context.Context, recs []domain.Record) error {
	return s.w.ReplaceDataset(ctx, recs)
}

// Snapshot returns every record of the DatasetKinds as of one moment: it reads in one transaction,
// which is tried again if a write came in between.
func (s *Store) Snapshot(ctx context.Context) ([]domain.Record, error) {
	var recs []domain.Record
	err := s.atomic(ctx, func(t *txn) error {
		cmds := make([]*goredis.StringSliceCmd, len(domain.DatasetKinds))
		_, err := t.r.Pipelined(ctx, func(pipe goredis.Pipeliner) error {
			for i, kind := range domain.DatasetKinds {
				cmds[i] = pipe.ZRange(ctx, s.idsKey(kind), 0, -1)
			}
			return nil
		})
		if err != nil {
			return err
		}
		recs = recs[:0]
		for i, kind := range domain.DatasetKinds {
			if recs, err = t.records(kind, cmds[i].Val(), recs); err != nil {
				return err
			}
		}
		return nil
	})
	return recs, err
}

// Audit returns audit entries, oldest first.
func (s *Store) Audit(ctx context.Context, q domain.AuditQuery) ([]domain.AuditEntry, error) {
	if err := storekit.CheckLimit(q.Limit); err != nil {
		return nil, err
	}
	if err := storekit.ContextErr(ctx); err != nil {
		return nil, err
	}
	// Entry n is at index n-1, so the entries after AfterSeq start at index AfterSeq.
	start := max(q.AfterSeq, 0)
	stop := int64(-1)
	if q.Limit > 0 {
		stop = start + int64(q.Limit) - 1
	}
	vals, err := s.client.LRange(ctx, s.auditKey(), start, stop).Result()
	if err != nil {
		return nil, storekit.Wrap("Redis-opdracht", err)
	}
	entries := make([]domain.AuditEntry, len(vals))
	for i, v := range vals {
		if err := json.Unmarshal([]byte(v), &entries[i]); err != nil {
			return nil, domain.Internal(fmt.Sprintf("auditregel %d lezen", start+int64(i)+1), err)
		}
	}
	return entries, nil
}

// Ping reports whether Redis answers.
func (s *Store) Ping(ctx context.Context) error {
	if err := storekit.ContextErr(ctx); err != nil {
		return err
	}
	return storekit.Wrap("Redis-opdracht", s.client.Ping(ctx).Err())
}

// Close closes the connections to Redis.
func (s *Store) Close() error {
	return storekit.Wrap("Redis sluiten", s.client.Close())
}

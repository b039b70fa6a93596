// Package bolt is a domain.Store in one bbolt file: a bucket per kind, the version counter in a meta
// bucket and the audit log in a bucket keyed by big-endian sequence number. Every write is one bolt
// transaction, so a crash in the middle of it, even of a whole-dataset import, leaves all or nothing.
package bolt

import (
	"bytes"
	"context"
	"encoding/binary"
	"encoding/json"
	"errors"
	"fmt"
	"time"

	bbolt "go.etcd.io/bbolt"
	bolterrors "go.etcd.io/bbolt/errors"

	"ploeg/domain"
	"ploeg/store/internal/storekit"
)

// Options tune a Store; the zero value is ready to use.
type Options struct {
	// Now gives the time of audit entries; nil means time.Now.
	Now func() time.Time
	// LockTimeout is how long Open waits for another process to release the file; 0 means 1s.
	LockTimeout time.Duration
}

// Store is a domain.Store backed by a bbolt file. It is safe for concurrent use.
type Store struct {
	db *bbolt.DB
	w  storekit.Writer
}

var _ domain.Store = (*Store)(nil)

var (
	metaBucket  = []byte("meta")
	auditBucket = []byte("audit")
	versionKey  = []byte("version")
)

func recordBucket(kind domain.Kind) []byte { return []byte("rec:" + kind) }

// Open opens or creates the store in the file at path. It fails with a clear message when another
// process has the file open.
func Open(path string, opts Options) (*Store, error) {
	timeout := opts.LockTimeout
	if timeout <= 0 {
		timeout = time.Second
	}
	db, err := bbolt.Open(path, 0o600, &bbolt.Options{Timeout: timeout})
	if errors.Is(err, bolterrors.ErrTimeout) {
		return nil, &domain.Error{
			Code:    domain.CodeInternal,
			Message: fmt.Sprintf("het gegevensbestand %s is in gebruik door een ander proces; stop dat eerst of kies een ander bestand", path),
			Err:     err,
		}
	}
	if err != nil {
		return nil, domain.Internal(fmt.Sprintf("gegevensbestand %s openen", path), err)
	}
	err = db.Update(func(tx *bbolt.Tx) error {
		for _, name := range [][]byte{metaBucket, auditBucket} {
			if _, err := tx.CreateBucketIfNotExists(name); err != nil {
				return err
			}
		}
		for _, kind := range storekit.Kinds() {
			if _, err := tx.CreateBucketIfNotExists(recordBucket(kind)); err != nil {
				return err
			}
		}
		return nil
	})
	if err != nil {
		_ = db.Close()
		return nil, domain.Internal(fmt.Sprintf("gegevensbestand %s inrichten", path), err)
	}
	s := &Store{db: db}
	s.w = storekit.NewWriter(s.update, opts.Now)
	return s, nil
}

// view runs fn in a read transaction.
func (s *Store) view(ctx context.Context, fn func(tx *bbolt.Tx) error) error {
	if err := storekit.ContextErr(ctx); err != nil {
		return err
	}
	return storekit.Wrap("gegevensbestand lezen", s.db.View(fn))
}

// update runs fn in a write transaction, which it commits only if fn succeeds and ctx is still live.
func (s *Store) update(ctx context.Context, fn func(tx storekit.Txn) error) error {
	if err := storekit.ContextErr(ctx); err != nil {
		return err
	}
	return storekit.Wrap("gegevensbestand schrijven", s.db.Update(func(tx *bbolt.Tx) error {
		if err := fn(txn{tx}); err != nil {
			return err
		}
		return storekit.ContextErr(ctx)
	}))
}

// txn is a bolt write transaction as a storekit.Txn.
type txn struct{ tx *bbolt.Tx }

// Get returns the record kind/id and whether it exists.
func (t txn) Get(kind domain.Kind, id string) (domain.Record, bool, error) {
	v := t.tx.Bucket(recordBucket(kind)).Get([]byte(id))
	if v == nil {
		return domain.Record{}, false, nil
	}
	rec, err := storekit.Decode(kind, id, v)
	return rec, err == nil, err
}

// Put stores rec with its version.
func (t txn) Put(rec domain.Record) error {
	return t.tx.Bucket(recordBucket(rec.Kind)).Put([]byte(rec.ID), storekit.Encode(rec.Version, rec.Data))
}

// Delete removes the record kind/id.
func (t txn) Delete(kind domain.Kind, id string) error {
	return t.tx.Bucket(recordBucket(kind)).Delete([]byte(id))
}

// Clear empties the bucket of kind by making it anew.
func (t txn) Clear(kind domain.Kind) (int, error) {
	name := recordBucket(kind)
	n := 0
	c := t.tx.Bucket(name).Cursor()
	for k, _ := c.First(); k != nil; k, _ = c.Next() {
		n++
	}
	if err := t.tx.DeleteBucket(name); err != nil {
		return 0, err
	}
	_, err := t.tx.CreateBucket(name)
	return n, err
}

// NextVersion takes the next number of the version counter in the meta bucket.
func (t txn) NextVersion() (int64, error) {
	meta := t.tx.Bucket(metaBucket)
	var version int64 = 1
	if v := meta.Get(versionKey); v != nil {
		version = int64(binary.BigEndian.Uint64(v)) + 1
	}
	return version, meta.Put(versionKey, binary.BigEndian.AppendUint64(nil, uint64(version)))
}

// Log appends e to the audit bucket under the bucket's next sequence number.
func (t txn) Log(e domain.AuditEntry) error {
	b := t.tx.Bucket(auditBucket)
	seq, err := b.NextSequence()
	if err != nil {
		return err
	}
	e.Seq = int64(seq)
	v, err := json.Marshal(e)
	if err != nil {
		return err
	}
	return b.Put(binary.BigEndian.AppendUint64(nil, seq), v)
}

// Get returns the record kind/id.
func (s *Store) Get(ctx context.Context, kind domain.Kind, id string) (domain.Record, error) {
	if err := storekit.CheckKind(kind); err != nil {
		return domain.Record{}, err
	}
	var rec domain.Record
	err := s.view(ctx, func(tx *bbolt.Tx) error {
		var found bool
		var err error
		if rec, found, err = (txn{tx}).Get(kind, id); err == nil && !found {
			err = storekit.NotFound(kind, id)
		}
		return err
	})
	return rec, err
}

// Version returns the version of the record kind/id without copying its data.
func (s *Store) Version(ctx context.Context, kind domain.Kind, id string) (int64, error) {
	if err := storekit.CheckKind(kind); err != nil {
		return 0, err
	}
	var version int64
	err := s.view(ctx, func(tx *bbolt.Tx) error {
		v := tx.Bucket(recordBucket(kind)).Get([]byte(id))
		if v == nil {
			return storekit.NotFound(kind, id)
		}
		var err error
		version, err = storekit.DecodeVersion(kind, id, v)
		return err
	})
	return version, err
}

// List returns the records of a kind in id order.
func (s *Store) List(ctx context.Context, kind domain.Kind, opts domain.ListOptions) ([]domain.Record, error) {
	if err := storekit.CheckList(kind, opts); err != nil {
		return nil, err
	}
	var recs []domain.Record
	err := s.view(ctx, func(tx *bbolt.Tx) error {
		c := tx.Bucket(recordBucket(kind)).Cursor()
		k, v := c.Seek([]byte(opts.After))
		if k != nil && opts.After != "" && string(k) == opts.After {
			k, v = c.Next()
		}
		for ; k != nil && (opts.Limit == 0 || len(recs) < opts.Limit); k, v = c.Next() {
			rec, err := storekit.Decode(kind, string(k), v)
			if err != nil {
				return err
			}
			recs = append(recs, rec)
		}
		return nil
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

// Patch changes the record kind/id in one atomic write made by fn (domain.Store).
func (s *Store) Patch(ctx context.Context, kind domain.Kind, id string, fn func(cur domain.Record, next int64) (domain.Patch, error)) (domain.Record, error) {
	return s.w.Patch(ctx, kind, id, fn)
}

// Delete removes a record whose current version is version.
func (s *Store) Delete(ctx context.Context, kind domain.Kind, id string, version int64) error {
	return s.w.Delete(ctx, kind, id, version)
}

// ReplaceDataset replaces every record of the DatasetKinds with recs in one bolt transaction.
func (s *Store) ReplaceDataset(ctx context.Context, recs []domain.Record) error {
	return s.w.ReplaceDataset(ctx, recs)
}

// Snapshot returns every record of the DatasetKinds from one read transaction.
func (s *Store) Snapshot(ctx context.Context) ([]domain.Record, error) {
	var recs []domain.Record
	err := s.view(ctx, func(tx *bbolt.Tx) error {
		for _, kind := range domain.DatasetKinds {
			err := tx.Bucket(recordBucket(kind)).ForEach(func(k, v []byte) error {
				rec, err := storekit.Decode(kind, string(k), v)
				recs = append(recs, rec)
				return err
			})
			if err != nil {
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
	var entries []domain.AuditEntry
	err := s.view(ctx, func(tx *bbolt.Tx) error {
		c := tx.Bucket(auditBucket).Cursor()
		start := binary.BigEndian.AppendUint64(nil, uint64(max(q.AfterSeq, 0)))
		k, v := c.Seek(start)
		if bytes.Equal(k, start) {
			k, v = c.Next()
		}
		for ; k != nil && (q.Limit == 0 || len(entries) < q.Limit); k, v = c.Next() {
			var e domain.AuditEntry
			if err := json.Unmarshal(v, &e); err != nil {
				return domain.Internal(fmt.Sprintf("auditregel %d lezen", binary.BigEndian.Uint64(k)), err)
			}
			entries = append(entries, e)
		}
		return nil
	})
	return entries, err
}

// LastAuditSeq returns the sequence number of the last audit entry.
func (s *Store) LastAuditSeq(ctx context.Context) (int64, error) {
	var seq int64
	err := s.view(ctx, func(tx *bbolt.Tx) error {
		seq = int64(tx.Bucket(auditBucket).Sequence())
		return nil
	})
	return seq, err
}

// Ping reports whether the file is open.
func (s *Store) Ping(ctx context.Context) error {
	return s.view(ctx, func(*bbolt.Tx) error { return nil })
}

// Close closes the file.
func (s *Store) Close() error {
	return storekit.Wrap("gegevensbestand sluiten", s.db.Close())
}

package storekit

import (
	"context"
	"encoding/json"
	"errors"
	"time"

	"ploeg/domain"
)

// Txn is what a store offers inside one atomic write. Writer never reads what it wrote in the same
// transaction, so a store may queue the writes and apply them at commit.
type Txn interface {
	// Get returns the record kind/id and whether it exists.
	Get(kind domain.Kind, id string) (domain.Record, bool, error)
	// Put stores rec with its Version.
	Put(rec domain.Record) error
	// Delete removes the record kind/id.
	Delete(kind domain.Kind, id string) error
	// Clear removes every record of kind and returns how many there were.
	Clear(kind domain.Kind) (int, error)
	// NextVersion takes the next number of the store-wide version counter.
	NextVersion() (int64, error)
	// Log appends e to the audit log under the next sequence number, which it sets.
	Log(e domain.AuditEntry) error
}

// Writer implements the writes of domain.Store on top of a store's transactions: the version checks,
// the store-wide versions and the audit entries are the same for every store.
type Writer struct {
	run func(ctx context.Context, fn func(tx Txn) error) error
	now func() time.Time
}

// NewWriter returns a Writer that runs each write by run, which must call fn in one atomic transaction
// and commit only if fn succeeds. Audit entries get the time now returns; nil means time.Now.
func NewWriter(run func(ctx context.Context, fn func(tx Txn) error) error, now func() time.Time) Writer {
	if now == nil {
		now = time.Now
	}
	return Writer{run: run, now: now}
}

// Create stores rec as a new record and returns it with its version.
func (w Writer) Create(ctx context.Context, rec domain.Record) (domain.Record, error) {
	return w.put(ctx, domain.ActionCreate, rec)
}

// Update replaces the record rec.Kind/rec.ID, which must be at rec.Version, and returns it with its
// new version.
func (w Writer) Update(ctx context.Context, rec domain.Record) (domain.Record, error) {
	return w.put(ctx, domain.ActionUpdate, rec)
}

// put stores rec under a new version, after checking that it is new (create) or at the version it
// names (update), and logs the change.
func (w Writer) put(ctx context.Context, action string, rec domain.Record) (domain.Record, error) {
	if err := checkRecord(rec); err != nil {
		return domain.Record{}, err
	}
	var out domain.Record
	err := w.run(ctx, func(tx Txn) error {
		var old json.RawMessage
		if action == domain.ActionCreate {
			_, found, err := tx.Get(rec.Kind, rec.ID)
			if err != nil {
				return err
			}
			if found {
				return exists(rec.Kind, rec.ID)
			}
		} else {
			cur, err := current(tx, rec.Kind, rec.ID, rec.Version)
			if err != nil {
				return err
			}
			old = cur.Data
		}
		out = rec
		var err error
		if out.Version, err = tx.NextVersion(); err != nil {
			return err
		}
		if err := tx.Put(out); err != nil {
			return err
		}
		return tx.Log(entry(ctx, w.now(), action, rec.Kind, rec.ID, old, rec.Data))
	})
	if err != nil {
		return domain.Record{}, err
	}
	return out, nil
}

// Delete removes the record kind/id, which must be at version.
func (w Writer) Delete(ctx context.Context, kind domain.Kind, id string, version int64) error {
	if err := CheckKind(kind); err != nil {
		return err
	}
	return w.run(ctx, func(tx Txn) error {
		old, err := current(tx, kind, id, version)
		if err != nil {
			return err
		}
		if err := tx.Delete(kind, id); err != nil {
			return err
		}
		return tx.Log(entry(ctx, w.now(), domain.ActionDelete, kind, id, old.Data, nil))
	})
}

// ReplaceDataset replaces every record of the DatasetKinds with recs, each under its own new version
// in Snapshot order, and logs one import entry whose Old and New count the records of each kind.
func (w Writer) ReplaceDataset(ctx context.Context, recs []domain.Record) error {
	if err := checkDataset(recs); err != nil {
		return err
	}
	recs = sortDataset(recs)
	return w.run(ctx, func(tx Txn) error {
		old, new := map[domain.Kind]int{}, map[domain.Kind]int{}
		for _, kind := range domain.DatasetKinds {
			n, err := tx.Clear(kind)
			if err != nil {
				return err
			}
			if n > 0 {
				old[kind] = n
			}
		}
		for i, rec := range recs {
			if i%1000 == 0 {
				if err := ContextErr(ctx); err != nil {
					return err
				}
			}
			var err error
			if rec.Version, err = tx.NextVersion(); err != nil {
				return err
			}
			if err := tx.Put(rec); err != nil {
				return err
			}
			new[rec.Kind]++
		}
		o, err := json.Marshal(old)
		if err != nil {
			return domain.Internal("auditregel maken", err)
		}
		n, err := json.Marshal(new)
		if err != nil {
			return domain.Internal("auditregel maken", err)
		}
		return tx.Log(entry(ctx, w.now(), domain.ActionImport, domain.KindDatasetImport, "", o, n))
	})
}

// current returns the record kind/id if it is at version.
func current(tx Txn, kind domain.Kind, id string, version int64) (domain.Record, error) {
	old, found, err := tx.Get(kind, id)
	switch {
	case err != nil:
		return domain.Record{}, err
	case !found:
		return domain.Record{}, NotFound(kind, id)
	case old.Version != version:
		return domain.Record{}, stale(kind, id, version, old.Version)
	}
	return old, nil
}

// entry returns the audit entry of one change made under ctx at now; Txn.Log sets Seq.
func entry(ctx context.Context, now time.Time, action string, kind domain.Kind, id string, old, new json.RawMessage) domain.AuditEntry {
	actor := domain.ActorFrom(ctx)
	return domain.AuditEntry{
		Time: now.UTC(), Actor: actor.Name, Action: action, Kind: kind, ID: id,
		Old: old, New: new, Reason: actor.Reason,
	}
}

// errNoPatch ends a Patch transaction whose function had nothing to write, so nothing is committed.
var errNoPatch = errors.New("niets te schrijven")

// Patch changes the record kind/id in one transaction: fn gets the current record and the version the
// write will get, and returns the new data and the audit entries to log (each with its own actor and
// reason, at one time). A Patch without data commits nothing and returns the current record.
func (w Writer) Patch(ctx context.Context, kind domain.Kind, id string, fn func(cur domain.Record, next int64) (domain.Patch, error)) (domain.Record, error) {
	if err := CheckKind(kind); err != nil {
		return domain.Record{}, err
	}
	var out domain.Record
	err := w.run(ctx, func(tx Txn) error {
		cur, found, err := tx.Get(kind, id)
		switch {
		case err != nil:
			return err
		case !found:
			return NotFound(kind, id)
		}
		next, err := tx.NextVersion()
		if err != nil {
			return err
		}
		p, err := fn(cur, next)
		if err != nil {
			return err
		}
		if p.Data == nil {
			out = cur
			return errNoPatch
		}
		out = domain.Record{Kind: kind, ID: id, Version: next, Data: p.Data}
		if err := checkRecord(out); err != nil {
			return err
		}
		if err := tx.Put(out); err != nil {
			return err
		}
		now := w.now().UTC()
		for _, a := range p.Audit {
			e := domain.AuditEntry{Time: now, Actor: a.Actor, Action: a.Action, Kind: kind, ID: id, Old: a.Old, New: a.New, Reason: a.Reason}
			if e.Actor == "" {
				e.Actor = domain.ActorFrom(ctx).Name
			}
			if e.Action == "" {
				e.Action = domain.ActionUpdate
			}
			if err := tx.Log(e); err != nil {
				return err
			}
		}
		if len(p.Audit) == 0 {
			return tx.Log(entry(ctx, now, domain.ActionUpdate, kind, id, cur.Data, p.Data))
		}
		return nil
	})
	if errors.Is(err, errNoPatch) {
		return out, nil
	}
	if err != nil {
		return domain.Record{}, err
	}
	return out, nil
}

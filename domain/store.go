package domain

import (
	"context"
	"encoding/json"
	"time"
)

// Kind names a collection of records in a store.
type Kind string

// The kinds of record. The dataset kinds together make one Dataset; plans are kept beside them.
const (
	KindOrganisation  Kind = "organisation" // one record, id OrganisationID
	KindGemeente      Kind = "gemeenten"
	KindWorkplace     Kind = "workplaces"
	KindWerkleider    Kind = "werkleiders"
	KindEmployee      Kind = "employees"
	KindShift         Kind = "shifts"
	KindAbsence       Kind = "absences"
	KindPin           Kind = "pinned"
	KindTaakstelling  Kind = "taakstellingen"
	KindPlan          Kind = "plans"
	KindDatasetImport Kind = "dataset" // used only in audit entries of a whole-dataset import
)

// OrganisationID is the id of the single organisation record.
const OrganisationID = "organisation"

// DatasetKinds are the kinds a whole-dataset import replaces, in dataset order.
var DatasetKinds = []Kind{
	KindOrganisation, KindGemeente, KindWorkplace, KindWerkleider, KindEmployee,
	KindShift, KindAbsence, KindPin, KindTaakstelling,
}

// Record is one stored entity: its JSON and its version. Versions come from one store-wide counter,
// so a record that is deleted and created again never gets an old version back.
type Record struct {
	Kind    Kind            `json:"kind"`
	ID      string          `json:"id"`
	Version int64           `json:"version"`
	Data    json.RawMessage `json:"data"`
}

// ListOptions pages through a kind in id order.
type ListOptions struct {
	After string // only ids greater than After
	Limit int    // at most Limit records; 0 means all
}

// AuditEntry records one change: who, when, what, old → new, and why.
type AuditEntry struct {
	Seq    int64           `json:"seq"`
	Time   time.Time       `json:"time"`
	Actor  string          `json:"actor"`
	Action string          `json:"action"` // create, update, delete or import
	Kind   Kind            `json:"kind"`
	ID     string          `json:"id"`
	Old    json.RawMessage `json:"old,omitempty"`
	New    json.RawMessage `json:"new,omitempty"`
	Reason string          `json:"reason,omitempty"`
}

// The audit actions.
const (
	ActionCreate = "create"
	ActionUpdate = "update"
	ActionDelete = "delete"
	ActionImport = "import"
)

// Patch is what a Store.Patch function returns: the record's new data and the audit entries of the
// change, each with its own actor and reason (a patch may gather the changes of several callers).
type Patch struct {
	Data  json.RawMessage
	Audit []AuditChange
}

// AuditChange is one audit entry of a Patch; the store adds the sequence number, time, kind and id.
type AuditChange struct {
	Actor  string
	Action string
	Old    json.RawMessage
	New    json.RawMessage
	Reason string
}

// ActionAssign is the audit action of one assignment changed in a plan: Old and New hold that
// person's day (employee, date, shift, werkleider), not the whole plan.
const ActionAssign = "assign"

// AuditQuery pages through the audit log, oldest first.
type AuditQuery struct {
	AfterSeq int64 // only entries with a greater Seq
	Limit    int   // at most Limit entries; 0 means all
}

// Store keeps records with optimistic concurrency. Every write is atomic and appends an audit entry
// in the same transaction, with the actor and reason taken from the context (WithActor).
//
// Errors are *Error values: CodeNotFound for a missing record, CodeConflict for a create of an existing
// id or a write that names a version other than the current one, CodeInternal for storage failures.
type Store interface {
	// Get returns the record kind/id.
	Get(ctx context.Context, kind Kind, id string) (Record, error)
	// List returns the records of a kind in id order.
	List(ctx context.Context, kind Kind, opts ListOptions) ([]Record, error)
	// Create stores a new record and returns it with its version; rec.Version is ignored.
	Create(ctx context.Context, rec Record) (Record, error)
	// Update replaces a record whose current version is rec.Version and returns it with its new version.
	Update(ctx context.Context, rec Record) (Record, error)
	// Delete removes a record whose current version is version.
	Delete(ctx context.Context, kind Kind, id string, version int64) error
	// ReplaceDataset replaces every record of the DatasetKinds with recs, all or nothing.
	ReplaceDataset(ctx context.Context, recs []Record) error
	// Snapshot returns every record of the DatasetKinds as of one moment, in DatasetKinds then id order.
	Snapshot(ctx context.Context) ([]Record, error)
	// Audit returns audit entries, oldest first.
	Audit(ctx context.Context, q AuditQuery) ([]AuditEntry, error)
	// Patch changes the record kind/id in one atomic write: fn gets the current record and the
	// version the write will get, and returns the new data with the audit entries to log for it.
	// A Patch without Data writes nothing and returns the record as it is. fn may be called more
	// than once (a store that retries a raced transaction calls it again with the fresh record), so
	// it must not keep what it made from an earlier call. Patch returns the record as stored.
	Patch(ctx context.Context, kind Kind, id string, fn func(cur Record, next int64) (Patch, error)) (Record, error)
	// Ping reports whether the store answers.
	Ping(ctx context.Context) error
	// Close releases the store.
	Close() error
}

// VersionReader is what a Store may offer besides: the version of one record without reading its
// data, so a reader can serve a cached copy of a large record (a plan) when it has not changed.
// It fails like Get for a record that does not exist.
type VersionReader interface {
	Version(ctx context.Context, kind Kind, id string) (int64, error)
}

// AuditSeqReader is what a Store may offer besides: the sequence number of the last audit entry (0
// for none). Every write appends an entry, so an unchanged number means nothing was written.
type AuditSeqReader interface {
	LastAuditSeq(ctx context.Context) (int64, error)
}

type actorKey struct{}

// Actor says who makes a change and why, for the audit log.
type Actor struct {
	Name   string
	Reason string
}

// WithActor returns a context whose writes are audit-logged under a.
func WithActor(ctx context.Context, a Actor) context.Context {
	return context.WithValue(ctx, actorKey{}, a)
}

// ActorFrom returns the actor of ctx, or "systeem" when none was set.
func ActorFrom(ctx context.Context) Actor {
	if a, ok := ctx.Value(actorKey{}).(Actor); ok && a.Name != "" {
		return a
	}
	return Actor{Name: "systeem"}
}

package api

import (
	"context"
	"slices"
	"sync"

	"ploeg/domain"
)

// snapshotCache keeps the last dataset snapshot with the audit sequence number it is known to be
// current at. Every write to the store appends an audit entry, so while the store's last entry is
// still that number, nothing has changed and the snapshot is reused; when newer entries are all of
// records outside the dataset (plans, users, tokens, sessions: the plan changes themselves), it
// is still current and is reused too. Reading and decoding a region's dataset is most of the cost
// of a plan change otherwise.
type snapshotCache struct {
	mu  sync.Mutex
	ds  *domain.Dataset
	seq int64
	// loading lets one caller read the dataset at a time; the others then find it read.
	loading sync.Mutex
}

// maxAuditLookBack bounds the audit entries read to tell that a snapshot is still current; beyond
// it the dataset is read again.
const maxAuditLookBack = 2000

// sharedDataset returns the store's dataset and the audit sequence number it is current at (-1
// when the store cannot tell). The dataset may be shared with other requests: callers only read it.
func (s *Server) sharedDataset(ctx context.Context) (*domain.Dataset, int64, error) {
	ar, ok := s.store.(domain.AuditSeqReader)
	if !ok {
		ds, err := domain.LoadDataset(ctx, s.store)
		return ds, -1, err
	}
	seq, err := ar.LastAuditSeq(ctx)
	if err != nil {
		return nil, -1, err
	}
	c := &s.snapshot
	c.mu.Lock()
	ds, at := c.ds, c.seq
	c.mu.Unlock()
	if ds != nil && at == seq {
		return ds, seq, nil
	}
	if ds != nil && at < seq && seq-at <= maxAuditLookBack && s.outsideDataset(ctx, at, seq) {
		c.mu.Lock()
		if c.ds == ds && c.seq < seq {
			c.seq = seq
		}
		c.mu.Unlock()
		return ds, seq, nil
	}
	c.loading.Lock()
	defer c.loading.Unlock()
	c.mu.Lock()
	ds, at = c.ds, c.seq
	c.mu.Unlock()
	if ds != nil && at >= seq {
		return ds, at, nil // read by the caller before
	}
	// The snapshot is read after seq, so it holds at least everything up to seq; a write in between
	// makes the store's number larger than seq, and the next caller looks again.
	ds, err = domain.LoadDataset(ctx, s.store)
	if err != nil {
		return nil, -1, err
	}
	c.mu.Lock()
	if c.seq <= seq {
		c.ds, c.seq = ds, seq
	}
	c.mu.Unlock()
	return ds, seq, nil
}

// outsideDataset reports whether every audit entry after seq from up to to is of a record outside
// the dataset.
func (s *Server) outsideDataset(ctx context.Context, from, to int64) bool {
	entries, err := s.store.Audit(ctx, domain.AuditQuery{AfterSeq: from, Limit: int(to - from)})
	if err != nil || int64(len(entries)) < to-from {
		return false
	}
	for _, e := range entries {
		if e.Kind == domain.KindDatasetImport || slices.Contains(domain.DatasetKinds, e.Kind) {
			return false
		}
	}
	return true
}

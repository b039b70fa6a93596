package api

import (
	"context"
	"sync"

	"ploeg/domain"
)

// snapshotCache keeps the last dataset snapshot with the audit sequence number it is known to be
// current at. Every write to the store appends an audit entry, so while the store's last entry is
// still that number, nothing has changed and the snapshot is reused: reading and decoding a
// region's dataset is most of the cost of a plan change.
type snapshotCache struct {
	mu  sync.Mutex
	ds  *domain.Dataset
	seq int64
}

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
	if c.ds != nil && c.seq == seq {
		ds := c.ds
		c.mu.Unlock()
		return ds, seq, nil
	}
	c.mu.Unlock()
	// The snapshot is read after seq, so it holds at least everything up to seq; a write in between
	// makes the store's number larger than seq, and the next caller reads again.
	ds, err := domain.LoadDataset(ctx, s.store)
	if err != nil {
		return nil, -1, err
	}
	c.mu.Lock()
	c.ds, c.seq = ds, seq
	c.mu.Unlock()
	return ds, seq, nil
}

// ownWrite tells the cache that the caller, having read ds at seq, has since written exactly one
// record that is not part of the dataset (a plan) with one audit entry.
func (s *Server) ownWrite(ctx context.Context, ds *domain.Dataset, seq int64) {
	s.ownWrites(ctx, ds, seq, 1)
}

// ownWrites tells the cache that the caller, having read ds at seq, has since written one record
// that is not part of the dataset (a plan) with n audit entries. When the store's last entry is
// seq+n that write was the only one, so ds is still current.
func (s *Server) ownWrites(ctx context.Context, ds *domain.Dataset, seq, n int64) {
	ar, ok := s.store.(domain.AuditSeqReader)
	if !ok || seq < 0 {
		return
	}
	now, err := ar.LastAuditSeq(ctx)
	if err != nil || now != seq+n {
		return
	}
	c := &s.snapshot
	c.mu.Lock()
	if c.ds == ds && c.seq == seq {
		c.seq = now
	}
	c.mu.Unlock()
}

package main

import (
	"context"
	"crypto/sha256"
	"encoding/hex"
	"errors"
	"fmt"
	"io"
	"os"

	"ploeg/domain"
	"ploeg/quota"
	"ploeg/reports"
)

// reportQuotaPDF prints the quota report of q as a PDF: per gemeente and for the region.
func (a *App) reportQuotaPDF(ctx context.Context, tf *tableFlags, q quota.Query) error {
	if *tf.out == "" || *tf.out == "-" {
		return usagef("een PDF gaat naar een bestand: geef --out BESTAND.pdf")
	}
	now, err := a.printTime()
	if err != nil {
		return err
	}
	ds, version, err := a.loadDatasetVersion(ctx, tf.store, *tf.dataset)
	if err != nil {
		return err
	}
	in, err := reports.MakeQuotaInput(ds, q)
	if err != nil {
		return flagError(err, false)
	}
	for _, w := range in.Report.Warnings {
		fmt.Fprintf(a.Stderr, "Let op: %s.\n", w)
	}
	meta := reports.Meta{PrintedAt: now, Version: version}
	if err := a.writeOutput(*tf.out, func(w io.Writer) error { return reports.QuotaPDF(w, in, meta) }); err != nil {
		return err
	}
	fmt.Fprintf(a.Stderr, "%s geschreven (%d, peildatum %s, gegevens versie %s).\n", *tf.out, in.Report.Year, in.Report.Peildatum, version)
	return nil
}

// loadDatasetVersion reads the dataset of a file or the store with the version a printout names:
// for a file "bestand" and the first 8 hex digits of its SHA-256, for the store the highest record
// version of the snapshot (every write raises it).
func (a *App) loadDatasetVersion(ctx context.Context, sf *storeFlags, file string) (*domain.Dataset, string, error) {
	if file != "" {
		b, err := os.ReadFile(file)
		if err != nil {
			return nil, "", fmt.Errorf("kan %s niet lezen: %w", file, errors.Unwrap(err))
		}
		ds, err := a.decodeFile(file)
		if err != nil {
			return nil, "", err
		}
		sum := sha256.Sum256(b)
		return ds, "bestand " + hex.EncodeToString(sum[:4]), nil
	}
	store, _, err := sf.open(ctx, a.Now)
	if err != nil {
		return nil, "", err
	}
	defer store.Close()
	recs, err := store.Snapshot(ctx)
	if err != nil {
		return nil, "", err
	}
	var top int64
	for _, r := range recs {
		top = max(top, r.Version)
	}
	ds, err := domain.DatasetFromRecords(recs)
	if err != nil {
		return nil, "", err
	}
	return ds, fmt.Sprintf("opslag %d", top), nil
}

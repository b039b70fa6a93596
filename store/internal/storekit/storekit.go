// Package storekit holds what the store implementations share: the logic of every write (input
// checks, version checks, store-wide versions, audit entries) on top of a store's transactions, the
// Dutch errors, and the stored form of a record.
package storekit

import (
	"context"
	"encoding/binary"
	"encoding/json"
	"errors"
	"fmt"
	"slices"
	"strings"

	"ploeg/domain"
)

// nouns are the Dutch names of one record of each kind, for error messages.
var nouns = map[domain.Kind]string{
	domain.KindOrganisation: "organisatie",
	domain.KindGemeente:     "gemeente",
	domain.KindWorkplace:    "werkplek",
	domain.KindWerkleider:   "werkleider",
	domain.KindEmployee:     "medewerker",
	domain.KindShift:        "dienst",
	domain.KindAbsence:      "afwezigheid",
	domain.KindPin:          "vastgezette toewijzing",
	domain.KindTaakstelling: "taakstelling",
	domain.KindPlan:         "plan",
	domain.KindUser:         "gebruiker",
	domain.KindToken:        "token",
	domain.KindSession:      "sessie",
	domain.KindTemplate:     "sjabloon",
}

// Kinds returns every kind a store keeps records of: the dataset kinds, then plans, users, tokens,
// web sessions and the basisrooster's templates.
func Kinds() []domain.Kind {
	return append(slices.Clip(domain.DatasetKinds), domain.KindPlan, domain.KindUser, domain.KindToken, domain.KindSession, domain.KindTemplate)
}

// noun returns the Dutch name of one record of kind k, e.g. "medewerker".
func noun(k domain.Kind) string {
	if n, ok := nouns[k]; ok {
		return n
	}
	return "record van soort " + string(k)
}

// NotFound is the error for a record that does not exist.
func NotFound(kind domain.Kind, id string) error {
	return domain.Errorf(domain.CodeNotFound, "%s %q bestaat niet; controleer de id of maak het record eerst aan", noun(kind), id)
}

// exists is the error for a create of an id that is taken.
func exists(kind domain.Kind, id string) error {
	return domain.Errorf(domain.CodeConflict, "%s %q bestaat al; werk het bestaande record bij of kies een andere id", noun(kind), id)
}

// stale is the error for a write that names version given while the record is at current.
func stale(kind domain.Kind, id string, given, current int64) error {
	what := "is verouderd"
	if given > current {
		what = "bestaat niet"
	}
	return domain.Errorf(domain.CodeConflict, "%s %q: versie %d %s; de huidige versie is %d: lees het record opnieuw en probeer het nog eens",
		noun(kind), id, given, what, current)
}

// ContextErr returns nil while ctx is live, else an error that wraps ctx.Err().
func ContextErr(ctx context.Context) error {
	err := ctx.Err()
	if err == nil {
		return nil
	}
	msg := "de bewerking is afgebroken"
	if errors.Is(err, context.DeadlineExceeded) {
		msg = "de bewerking duurde te lang en is afgebroken"
	}
	return &domain.Error{Code: domain.CodeInternal, Message: msg + "; er is niets veranderd", Err: err}
}

// Wrap returns err unchanged if it is a *domain.Error, else an internal error for op.
func Wrap(op string, err error) error {
	var de *domain.Error
	if err == nil || errors.As(err, &de) {
		return err
	}
	return domain.Internal(op, err)
}

// CheckKind refuses a kind that is not stored: only the dataset kinds and plans are.
func CheckKind(kind domain.Kind) error {
	if _, ok := nouns[kind]; ok {
		return nil
	}
	var p domain.Problems
	addUnknownKind(&p, "kind", kind)
	return p.Err("onbekende soort record")
}

func addUnknownKind(p *domain.Problems, field string, kind domain.Kind) {
	names := make([]string, 0, len(nouns))
	for _, k := range Kinds() {
		names = append(names, string(k))
	}
	p.Add(field, "enum", "%q is geen soort record; kies uit %s", kind, strings.Join(names, ", "))
}

// checkRecord refuses a record that cannot be stored: an unknown kind, no id or data that is not JSON.
func checkRecord(rec domain.Record) error {
	var p domain.Problems
	addRecordProblems(&p, "", rec, false)
	return p.Err("het record kan niet worden opgeslagen; er is niets veranderd")
}

// addRecordProblems adds what is wrong with rec to p, its fields under prefix. With datasetOnly,
// only the dataset kinds are allowed.
func addRecordProblems(p *domain.Problems, prefix string, rec domain.Record, datasetOnly bool) {
	switch _, known := nouns[rec.Kind]; {
	case !known:
		addUnknownKind(p, prefix+"kind", rec.Kind)
	case datasetOnly && !slices.Contains(domain.DatasetKinds, rec.Kind):
		p.Add(prefix+"kind", "enum", "een %s hoort niet bij de dataset; sla het apart op", noun(rec.Kind))
	}
	if rec.ID == "" {
		p.Add(prefix+"id", "required", "ontbreekt; geef elk record een id")
	}
	if !json.Valid(rec.Data) {
		p.Add(prefix+"data", "format", "is geen geldige JSON; geef de gegevens van het record als JSON-object")
	}
}

// checkDataset refuses records for ReplaceDataset with a problem: a kind outside the dataset, no id,
// data that is not JSON, or the same kind and id twice. It lists every problem found.
func checkDataset(recs []domain.Record) error {
	var p domain.Problems
	first := make(map[domain.Kind]map[string]int)
	for i, rec := range recs {
		prefix := fmt.Sprintf("records[%d].", i)
		addRecordProblems(&p, prefix, rec, true)
		ids := first[rec.Kind]
		if ids == nil {
			ids = make(map[string]int)
			first[rec.Kind] = ids
		}
		if j, dup := ids[rec.ID]; dup && rec.ID != "" {
			p.Add(prefix+"id", "duplicate", "%s %q staat er al eerder in (records[%d]); noem elk record één keer", noun(rec.Kind), rec.ID, j)
			continue
		}
		ids[rec.ID] = i
	}
	return p.Err("de dataset kan niet worden ingelezen; er is niets veranderd")
}

// sortDataset returns a copy of recs in DatasetKinds order, then id order: the order of Snapshot.
func sortDataset(recs []domain.Record) []domain.Record {
	sorted := slices.Clone(recs)
	slices.SortStableFunc(sorted, func(a, b domain.Record) int {
		if c := slices.Index(domain.DatasetKinds, a.Kind) - slices.Index(domain.DatasetKinds, b.Kind); c != 0 {
			return c
		}
		return strings.Compare(a.ID, b.ID)
	})
	return sorted
}

// CheckList refuses to list a kind that is not stored, or with a negative limit.
func CheckList(kind domain.Kind, opts domain.ListOptions) error {
	if err := CheckKind(kind); err != nil {
		return err
	}
	return CheckLimit(opts.Limit)
}

// CheckLimit refuses a negative page size.
func CheckLimit(limit int) error {
	if limit >= 0 {
		return nil
	}
	var p domain.Problems
	p.Add("limit", "range", "mag niet negatief zijn, nu %d; gebruik 0 voor alles", limit)
	return p.Err("ongeldige vraag")
}

// Encode returns the stored form of a record's version and data.
func Encode(version int64, data []byte) []byte {
	b := make([]byte, 8, 8+len(data))
	binary.BigEndian.PutUint64(b, uint64(version))
	return append(b, data...)
}

// Decode returns the record kind/id from its stored form b, which it copies.
func Decode(kind domain.Kind, id string, b []byte) (domain.Record, error) {
	if len(b) < 8 {
		return domain.Record{}, domain.Internal(fmt.Sprintf("%s %q lezen", noun(kind), id), fmt.Errorf("opgeslagen waarde van %d bytes is te kort", len(b)))
	}
	data := make(json.RawMessage, len(b)-8)
	copy(data, b[8:])
	return domain.Record{Kind: kind, ID: id, Version: int64(binary.BigEndian.Uint64(b)), Data: data}, nil
}

// DecodeVersion returns the version from the stored form b (only its first 8 bytes are needed).
func DecodeVersion(kind domain.Kind, id string, b []byte) (int64, error) {
	if len(b) < 8 {
		return 0, domain.Internal(fmt.Sprintf("%s %q lezen", noun(kind), id), fmt.Errorf("opgeslagen waarde van %d bytes is te kort", len(b)))
	}
	return int64(binary.BigEndian.Uint64(b)), nil
}

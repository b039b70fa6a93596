package domain

import (
	"context"
	"encoding/json"
	"fmt"
	"strconv"
)

// Entity is a record type of the dataset that can be stored on its own.
type Entity interface {
	// Key is the record's id in the store: the entity's id, or for records without one a key made of
	// the fields that must be unique (Absence: person/from, Pin: employee/shift, Taakstelling:
	// gemeente/year/regeling).
	Key() string
	// Validate checks the record on its own.
	Validate() error
}

// Key returns the gemeente's CBS code.
func (g Gemeente) Key() string { return g.Code }

// Key returns the workplace id.
func (w Workplace) Key() string { return w.ID }

// Key returns the werkleider id.
func (w Werkleider) Key() string { return w.ID }

// Key returns the employee id.
func (e Employee) Key() string { return e.ID }

// Key returns the shift id.
func (s Shift) Key() string { return s.ID }

// Key returns person~from: one person has at most one absence starting on a date.
func (a Absence) Key() string { return a.Person + "~" + a.From.String() }

// Key returns employee~shift.
func (pn Pin) Key() string { return pn.Employee + "~" + pn.Shift }

// Key returns gemeente~year~regeling.
func (t Taakstelling) Key() string {
	return t.Gemeente + "~" + strconv.Itoa(t.Year) + "~" + string(t.Regeling)
}

// Key returns OrganisationID.
func (o Organisation) Key() string { return OrganisationID }

// Key returns from~to: one stored plan per date range.
func (p Plan) Key() string { return PlanKey(p.From, p.To) }

// PlanKey returns the store id of the plan for from..to.
func PlanKey(from, to Date) string { return from.String() + "~" + to.String() }

// Validate checks the plan's range; the hard rules need the dataset and live in the scheduler.
func (p Plan) Validate() error {
	var pr Problems
	if p.To < p.From {
		pr.Add("to", "range", "%s ligt vóór from %s", p.To, p.From)
	}
	if p.Status != "" && p.Status != Concept && p.Status != Gepubliceerd {
		pr.Add("status", "enum", "%q is geen geldige status; kies concept of gepubliceerd", p.Status)
	}
	return pr.Err("ongeldig plan")
}

// Versioned is a value with the version of its stored record.
type Versioned[T any] struct {
	Value   T
	Version int64
}

// Repo gives typed access to one kind of record in a Store.
type Repo[T Entity] struct {
	Store Store
	Kind  Kind
}

// Repositories for each kind.
func Organisations(s Store) Repo[Organisation] { return Repo[Organisation]{s, KindOrganisation} }

// Gemeenten returns the repository of gemeenten.
func Gemeenten(s Store) Repo[Gemeente] { return Repo[Gemeente]{s, KindGemeente} }

// Workplaces returns the repository of workplaces.
func Workplaces(s Store) Repo[Workplace] { return Repo[Workplace]{s, KindWorkplace} }

// Werkleiders returns the repository of werkleiders.
func Werkleiders(s Store) Repo[Werkleider] { return Repo[Werkleider]{s, KindWerkleider} }

// Employees returns the repository of employees.
func Employees(s Store) Repo[Employee] { return Repo[Employee]{s, KindEmployee} }

// Shifts returns the repository of shifts.
func Shifts(s Store) Repo[Shift] { return Repo[Shift]{s, KindShift} }

// Absences returns the repository of absences.
func Absences(s Store) Repo[Absence] { return Repo[Absence]{s, KindAbsence} }

// Pins returns the repository of pinned assignments.
func Pins(s Store) Repo[Pin] { return Repo[Pin]{s, KindPin} }

// Taakstellingen returns the repository of taakstellingen.
func Taakstellingen(s Store) Repo[Taakstelling] { return Repo[Taakstelling]{s, KindTaakstelling} }

// Plans returns the repository of plans.
func Plans(s Store) Repo[Plan] { return Repo[Plan]{s, KindPlan} }

// Get returns the entity with key id and its version.
func (r Repo[T]) Get(ctx context.Context, id string) (Versioned[T], error) {
	rec, err := r.Store.Get(ctx, r.Kind, id)
	if err != nil {
		return Versioned[T]{}, err
	}
	return decodeRecord[T](rec)
}

// List returns the entities in key order.
func (r Repo[T]) List(ctx context.Context, opts ListOptions) ([]Versioned[T], error) {
	recs, err := r.Store.List(ctx, r.Kind, opts)
	if err != nil {
		return nil, err
	}
	out := make([]Versioned[T], len(recs))
	for i, rec := range recs {
		if out[i], err = decodeRecord[T](rec); err != nil {
			return nil, err
		}
	}
	return out, nil
}

// Create validates v and stores it as a new record.
func (r Repo[T]) Create(ctx context.Context, v T) (int64, error) {
	rec, err := r.record(v, 0)
	if err != nil {
		return 0, err
	}
	rec, err = r.Store.Create(ctx, rec)
	return rec.Version, err
}

// Update validates v and replaces the stored record, which must still be at version.
func (r Repo[T]) Update(ctx context.Context, v T, version int64) (int64, error) {
	rec, err := r.record(v, version)
	if err != nil {
		return 0, err
	}
	rec, err = r.Store.Update(ctx, rec)
	return rec.Version, err
}

// Delete removes the record with key id, which must still be at version.
func (r Repo[T]) Delete(ctx context.Context, id string, version int64) error {
	return r.Store.Delete(ctx, r.Kind, id, version)
}

func (r Repo[T]) record(v T, version int64) (Record, error) {
	if err := v.Validate(); err != nil {
		return Record{}, err
	}
	data, err := json.Marshal(v)
	if err != nil {
		return Record{}, Internal("coderen", err)
	}
	return Record{Kind: r.Kind, ID: v.Key(), Version: version, Data: data}, nil
}

func decodeRecord[T any](rec Record) (Versioned[T], error) {
	var v T
	if err := json.Unmarshal(rec.Data, &v); err != nil {
		return Versioned[T]{}, Internal(fmt.Sprintf("record %s/%s lezen", rec.Kind, rec.ID), err)
	}
	return Versioned[T]{Value: v, Version: rec.Version}, nil
}

// Records turns a dataset into store records, one per entity, in dataset order.
func (ds *Dataset) Records() ([]Record, error) {
	var recs []Record
	add := func(kind Kind, e Entity) error {
		data, err := json.Marshal(e)
		if err != nil {
			return Internal("coderen", err)
		}
		recs = append(recs, Record{Kind: kind, ID: e.Key(), Data: data})
		return nil
	}
	if err := add(KindOrganisation, ds.Organisation); err != nil {
		return nil, err
	}
	for _, lists := range []struct {
		kind Kind
		n    int
		at   func(int) Entity
	}{
		{KindGemeente, len(ds.Gemeenten), func(i int) Entity { return ds.Gemeenten[i] }},
		{KindWorkplace, len(ds.Workplaces), func(i int) Entity { return ds.Workplaces[i] }},
		{KindWerkleider, len(ds.Werkleiders), func(i int) Entity { return ds.Werkleiders[i] }},
		{KindEmployee, len(ds.Employees), func(i int) Entity { return ds.Employees[i] }},
		{KindShift, len(ds.Shifts), func(i int) Entity { return ds.Shifts[i] }},
		{KindAbsence, len(ds.Absences), func(i int) Entity { return ds.Absences[i] }},
		{KindPin, len(ds.Pinned), func(i int) Entity { return ds.Pinned[i] }},
		{KindTaakstelling, len(ds.Taakstellingen), func(i int) Entity { return ds.Taakstellingen[i] }},
	} {
		for i := range lists.n {
			if err := add(lists.kind, lists.at(i)); err != nil {
				return nil, err
			}
		}
	}
	return recs, nil
}

// DatasetFromRecords builds a dataset from store records (as Snapshot returns them). A store without
// an organisation record gets the default organisation.
func DatasetFromRecords(recs []Record) (*Dataset, error) {
	ds := NewDataset()
	for _, rec := range recs {
		var err error
		switch rec.Kind {
		case KindOrganisation:
			err = json.Unmarshal(rec.Data, &ds.Organisation)
		case KindGemeente:
			ds.Gemeenten, err = appendDecoded(ds.Gemeenten, rec.Data)
		case KindWorkplace:
			ds.Workplaces, err = appendDecoded(ds.Workplaces, rec.Data)
		case KindWerkleider:
			ds.Werkleiders, err = appendDecoded(ds.Werkleiders, rec.Data)
		case KindEmployee:
			ds.Employees, err = appendDecoded(ds.Employees, rec.Data)
		case KindShift:
			ds.Shifts, err = appendDecoded(ds.Shifts, rec.Data)
		case KindAbsence:
			ds.Absences, err = appendDecoded(ds.Absences, rec.Data)
		case KindPin:
			ds.Pinned, err = appendDecoded(ds.Pinned, rec.Data)
		case KindTaakstelling:
			ds.Taakstellingen, err = appendDecoded(ds.Taakstellingen, rec.Data)
		default:
			err = fmt.Errorf("onverwachte soort %q", rec.Kind)
		}
		if err != nil {
			return nil, Internal(fmt.Sprintf("record %s/%s lezen", rec.Kind, rec.ID), err)
		}
	}
	return ds, nil
}

func appendDecoded[T any](list []T, data []byte) ([]T, error) {
	var v T
	if err := json.Unmarshal(data, &v); err != nil {
		return list, err
	}
	return append(list, v), nil
}

// ImportDataset validates ds and replaces the store's dataset with it, all or nothing.
func ImportDataset(ctx context.Context, s Store, ds *Dataset) error {
	if err := ds.Validate(); err != nil {
		return err
	}
	recs, err := ds.Records()
	if err != nil {
		return err
	}
	return s.ReplaceDataset(ctx, recs)
}

// LoadDataset reads the store's dataset as of one moment.
func LoadDataset(ctx context.Context, s Store) (*Dataset, error) {
	recs, err := s.Snapshot(ctx)
	if err != nil {
		return nil, err
	}
	return DatasetFromRecords(recs)
}

// Counts is how many records of each kind a dataset holds.
type Counts struct {
	Gemeenten      int `json:"gemeenten"`
	Workplaces     int `json:"workplaces"`
	Werkleiders    int `json:"werkleiders"`
	Employees      int `json:"employees"`
	Shifts         int `json:"shifts"`
	Absences       int `json:"absences"`
	Pinned         int `json:"pinned"`
	Taakstellingen int `json:"taakstellingen"`
}

// Counts returns the number of records of each kind.
func (ds *Dataset) Counts() Counts {
	return Counts{len(ds.Gemeenten), len(ds.Workplaces), len(ds.Werkleiders), len(ds.Employees),
		len(ds.Shifts), len(ds.Absences), len(ds.Pinned), len(ds.Taakstellingen)}
}

// Dutch describes the counts in a sentence for people.
func (c Counts) Dutch() string {
	return fmt.Sprintf("%d gemeenten, %d werkplekken, %d werkleiders, %d medewerkers, %d diensten, %d afwezigheden, %d vastgezette toewijzingen, %d taakstellingen",
		c.Gemeenten, c.Workplaces, c.Werkleiders, c.Employees, c.Shifts, c.Absences, c.Pinned, c.Taakstellingen)
}

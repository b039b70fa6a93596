package quota

import (
	"fmt"
	"testing"

	"github.com/stretchr/testify/require"

	"ploeg/domain"
)

func d(s string) domain.Date {
	v, err := domain.ParseDate(s)
	if err != nil {
		panic(err)
	}
	return v
}

func ptr[T any](v T) *T { return &v }

// region returns a valid dataset of the four Paswerk gemeenten with employees es and taakstellingen
// ts, full time 36 hours.
func region(t testing.TB, es []domain.Employee, ts ...domain.Taakstelling) *domain.Dataset {
	ds := domain.NewDataset()
	ds.Gemeenten = []domain.Gemeente{
		{Code: "GM0392", Name: "Haarlem"}, {Code: "GM0473", Name: "Zandvoort"},
		{Code: "GM0397", Name: "Heemstede"}, {Code: "GM0377", Name: "Bloemendaal"},
	}
	ds.Employees = es
	ds.Taakstellingen = append(ds.Taakstellingen, ts...)
	require.NoError(t, ds.Validate())
	return ds
}

// employee returns a valid employee born in 1970 (AOW long after 2026).
func employee(id, gemeente string, r domain.Regeling, hours float64, start string, end string) domain.Employee {
	e := domain.Employee{
		ID: id, BirthDate: d("1970-06-01"), Gemeente: gemeente, Regeling: r, ContractHours: hours,
		ContractStart: d(start), Workdays: []domain.Weekday{domain.Maandag}, Skills: []string{}, Restrictions: []string{},
		Begeleiding: domain.BegeleidingLaag,
	}
	if r == domain.Wsw {
		e.WswCategorie = domain.Matig
	}
	if end != "" {
		e.ContractEnd = ptr(d(end))
	}
	return e
}

func wsw(id, gemeente string, hours float64, start, end string) domain.Employee {
	return employee(id, gemeente, domain.Wsw, hours, start, end)
}

func beschut(id, gemeente, start, end string) domain.Employee {
	return employee(id, gemeente, domain.Beschut, 32, start, end)
}

func target(gemeente string, year int, n float64) domain.Taakstelling {
	return domain.Taakstelling{Gemeente: gemeente, Year: year, Regeling: domain.Beschut, Target: n}
}

// row returns the report's row of gemeente code.
func row(t testing.TB, r *Report, code string) GemeenteQuota {
	for _, g := range r.Gemeenten {
		if g.Code == code {
			return g
		}
	}
	require.FailNow(t, fmt.Sprintf("no row %s", code))
	return GemeenteQuota{}
}

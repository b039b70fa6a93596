package domain

import (
	"bytes"
	"strings"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

func hours(h float64) *float64 { return &h }

// The value on a date comes from the first entry whose until is on or after it and that names the
// field; after the last such entry the employee's own (current) value holds.
func TestHistoryValueOn(t *testing.T) {
	e := Employee{
		ID: "e1", Gemeente: "GM0473", Regeling: Wsw, WswCategorie: Ernstig, ContractHours: 24,
		ContractStart: d("2004-03-01"),
		History: []HistoryEntry{
			{Until: d("2020-12-31"), ContractHours: hours(36)},
			{Until: d("2024-06-30"), Gemeente: "GM0392", ContractHours: hours(32)},
			{Until: d("2026-06-30"), WswCategorie: Matig},
		},
	}
	cases := []struct {
		on       string
		gemeente string
		cat      WswCategorie
		hours    float64
	}{
		{"2004-03-01", "GM0392", Matig, 36},
		{"2020-12-31", "GM0392", Matig, 36}, // until is inclusive
		{"2021-01-01", "GM0392", Matig, 32},
		{"2024-06-30", "GM0392", Matig, 32},
		{"2024-07-01", "GM0473", Matig, 24}, // moved on 1 July 2024
		{"2026-06-30", "GM0473", Matig, 24},
		{"2026-07-01", "GM0473", Ernstig, 24}, // the current values
		{"2040-01-01", "GM0473", Ernstig, 24},
	}
	for _, c := range cases {
		assert.Equal(t, c.gemeente, e.GemeenteOn(d(c.on)), c.on)
		assert.Equal(t, c.cat, e.WswCategorieOn(d(c.on)), c.on)
		assert.Equal(t, c.hours, e.ContractHoursOn(d(c.on)), c.on)
	}
	none := Employee{Gemeente: "GM0392", WswCategorie: Matig, ContractHours: 32}
	assert.Equal(t, "GM0392", none.GemeenteOn(d("1999-01-01")))
	assert.Equal(t, 32.0, none.ContractHoursOn(d("1999-01-01")))
}

const historySrc = `{"version":1,"gemeenten":[{"code":"GM0392"},{"code":"GM0473"}],"workplaces":[],"werkleiders":[],
 "employees":[{"id":"e1","birthDate":"1970-01-01","gemeente":"GM0473","regeling":"wsw","wswCategorie":"ernstig",
  "contractHours":24,"contractStart":"2004-03-01","contractEnd":null,"workdays":["ma"],"skills":[],"restrictions":[],
  "begeleiding":"laag","seniorConsent":false,
  "history":[{"until":"2024-06-30","gemeente":"GM0392","contractHours":32},{"until":"2026-06-30","wswCategorie":"matig"}]}],
 "shifts":[],"absences":[],"pinned":[],"taakstellingen":[]}`

func TestDecodeHistory(t *testing.T) {
	ds, err := DecodeDataset(strings.NewReader(historySrc))
	require.NoError(t, err)
	e := ds.Employees[0]
	require.Len(t, e.History, 2)
	assert.Equal(t, HistoryEntry{Until: d("2024-06-30"), Gemeente: "GM0392", ContractHours: hours(32)}, e.History[0])
	assert.Equal(t, HistoryEntry{Until: d("2026-06-30"), WswCategorie: Matig}, e.History[1])

	var buf bytes.Buffer
	require.NoError(t, EncodeDataset(&buf, ds))
	assert.Contains(t, buf.String(), `"until": "2024-06-30"`)
	again, err := DecodeDataset(&buf)
	require.NoError(t, err)
	assert.Equal(t, ds, again)

	// Without history nothing is written, so files of before the addition stay byte for byte the same.
	ds.Employees[0].History = nil
	buf.Reset()
	require.NoError(t, EncodeDataset(&buf, ds))
	assert.NotContains(t, buf.String(), "history")

	// An empty list reads back as none.
	ds, err = DecodeDataset(strings.NewReader(withHistory(`[]`)))
	require.NoError(t, err)
	assert.Nil(t, ds.Employees[0].History)
}

// withHistory returns historySrc with its employee's history replaced by h (JSON).
func withHistory(h string) string {
	i := strings.Index(historySrc, `"history":`)
	j := strings.Index(historySrc[i:], `]}]`)
	return historySrc[:i] + `"history":` + h + historySrc[i+j+1:]
}

func TestDecodeHistoryProblems(t *testing.T) {
	cases := []struct {
		name    string
		history string
		want    []problem
	}{
		{"empty entry", `[{"until":"2020-01-01"}]`, []problem{{"employees[0].history[0]", "required"}}},
		{"missing until", `[{"contractHours":30}]`, []problem{{"employees[0].history[0].until", "required"}}},
		{"bad date", `[{"until":"2020-13-01","contractHours":30}]`, []problem{{"employees[0].history[0].until", "format"}}},
		{"unknown field", `[{"until":"2020-01-01","uren":30}]`, []problem{
			{"employees[0].history[0].uren", "unknown_field"}, {"employees[0].history[0]", "required"}}},
		{"unknown gemeente", `[{"until":"2020-01-01","gemeente":"GM9999"}]`, []problem{{"employees[0].history[0].gemeente", "reference"}}},
		{"bad gemeente code", `[{"until":"2020-01-01","gemeente":"Haarlem"}]`, []problem{{"employees[0].history[0].gemeente", "format"}}},
		{"bad category", `[{"until":"2020-01-01","wswCategorie":"licht"}]`, []problem{{"employees[0].history[0].wswCategorie", "enum"}}},
		{"hours out of range", `[{"until":"2020-01-01","contractHours":0}]`, []problem{{"employees[0].history[0].contractHours", "range"}}},
		{"before the contract", `[{"until":"2004-02-29","contractHours":30}]`, []problem{{"employees[0].history[0].until", "range"}}},
		{"out of order", `[{"until":"2020-01-01","contractHours":30},{"until":"2019-01-01","contractHours":32}]`,
			[]problem{{"employees[0].history[1].until", "rule"}}},
		{"same date twice", `[{"until":"2020-01-01","contractHours":30},{"until":"2020-01-01","gemeente":"GM0392"}]`,
			[]problem{{"employees[0].history[1].until", "rule"}}},
		{"null", `null`, []problem{{"employees[0].history", "type"}}},
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			ds, err := DecodeDataset(strings.NewReader(withHistory(c.history)))
			require.Error(t, err)
			assert.Nil(t, ds)
			assert.ElementsMatch(t, c.want, problemsOf(err), err.Error())
		})
	}
}

func TestHistoryRules(t *testing.T) {
	end := d("2026-12-31")
	beschut := Employee{ID: "b", BirthDate: d("1990-01-01"), Gemeente: "GM0392", Regeling: Beschut, ContractHours: 24,
		ContractStart: d("2020-01-01"), ContractEnd: &end, Begeleiding: BegeleidingLaag, Workdays: []Weekday{Maandag},
		History: []HistoryEntry{{Until: d("2022-01-01"), WswCategorie: Matig}, {Until: d("2026-12-31"), ContractHours: hours(20)}}}
	err := beschut.Validate()
	require.Error(t, err)
	assert.ElementsMatch(t, []problem{{"history[0].wswCategorie", "rule"}, {"history[1].until", "range"}}, problemsOf(err), err.Error())
	for _, f := range FieldErrors(err) {
		assert.NotEmpty(t, f.Message)
	}
}

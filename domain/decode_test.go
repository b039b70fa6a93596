package domain

import (
	"bytes"
	"encoding/json"
	"os"
	"strings"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

func readSmall(t testing.TB) []byte {
	b, err := os.ReadFile("testdata/small.json")
	require.NoError(t, err)
	return b
}

func TestDecodeSmall(t *testing.T) {
	ds, err := DecodeDataset(bytes.NewReader(readSmall(t)))
	require.NoError(t, err)
	assert.Len(t, ds.Employees, 3)
	assert.Equal(t, "Zoë Çelik", ds.Employees[1].Name)
	assert.Nil(t, ds.Employees[0].ContractEnd)
	require.NotNil(t, ds.Employees[1].ContractEnd)
	assert.Equal(t, d("2027-05-31"), *ds.Employees[1].ContractEnd)
	assert.Equal(t, Clock(8*60), *ds.Employees[0].EarliestStart)
	assert.Equal(t, 7.5, *ds.Employees[0].MaxHoursPerDay)
	assert.Equal(t, []Weekday{Maandag, Woensdag, Vrijdag}, ds.Employees[1].Workdays)
}

// Export then import gives the same dataset back, and the bytes are stable.
func TestEncodeDecodeRoundTrip(t *testing.T) {
	ds, err := DecodeDataset(bytes.NewReader(readSmall(t)))
	require.NoError(t, err)
	var first bytes.Buffer
	require.NoError(t, EncodeDataset(&first, ds))
	again, err := DecodeDataset(bytes.NewReader(first.Bytes()))
	require.NoError(t, err)
	assert.Equal(t, ds, again)
	var second bytes.Buffer
	require.NoError(t, EncodeDataset(&second, again))
	assert.Equal(t, first.String(), second.String())
	assert.Contains(t, first.String(), `"contractEnd": null`, "null stays explicit as in the contract")
	assert.Contains(t, first.String(), "Ömer Yılmaz", "no escaping of non-ASCII names")
}

func TestDefaults(t *testing.T) {
	src := `{"version":1,"organisation":{"weights":{"idle":5},"begeleidingWeights":{"hoog":3}},
	 "gemeenten":[],"workplaces":[{"id":"w","kind":"detachering","location":"X","skills":[],"conditions":[]}],
	 "werkleiders":[],"employees":[],
	 "shifts":[{"id":"s","workplace":"w","date":"2026-11-23","start":"22:00","end":"06:00","min":0,"max":1}],
	 "absences":[],"pinned":[],"taakstellingen":[]}`
	ds, err := DecodeDataset(strings.NewReader(src))
	require.NoError(t, err)
	assert.Equal(t, Weights{Understaffed: 1000, Idle: 5, Continuity: 10}, ds.Organisation.Weights)
	assert.Equal(t, BegeleidingWeights{Laag: 1, Midden: 1.5, Hoog: 3}, ds.Organisation.BegeleidingWeights)
	assert.Equal(t, 36.0, ds.Organisation.FullTimeHours)
	assert.Equal(t, 1, ds.Shifts[0].Priority)
	assert.Equal(t, 0, ds.Shifts[0].BreakMinutes)
	assert.Equal(t, 8*60, ds.Shifts[0].WallMinutes(), "over midnight")

	noOrg := strings.Replace(src, `"organisation":{"weights":{"idle":5},"begeleidingWeights":{"hoog":3}},`, "", 1)
	ds, err = DecodeDataset(strings.NewReader(noOrg))
	require.NoError(t, err)
	assert.Equal(t, DefaultOrganisation(), ds.Organisation)
}

type problem struct{ field, rule string }

func problemsOf(err error) []problem {
	var out []problem
	for _, f := range FieldErrors(err) {
		out = append(out, problem{f.Field, f.Rule})
	}
	return out
}

// edit applies a change to the small dataset as generic JSON.
func edit(t *testing.T, change func(m map[string]any)) []byte {
	var m map[string]any
	require.NoError(t, json.Unmarshal(readSmall(t), &m))
	change(m)
	b, err := json.Marshal(m)
	require.NoError(t, err)
	return b
}

func at(m map[string]any, list string, i int) map[string]any {
	return m[list].([]any)[i].(map[string]any)
}

func TestDecodeReportsEveryProblemWithItsPath(t *testing.T) {
	cases := []struct {
		name   string
		change func(m map[string]any)
		want   []problem
	}{
		{"unknown gemeente", func(m map[string]any) { at(m, "employees", 2)["gemeente"] = "GM9999" },
			[]problem{{"employees[2].gemeente", "reference"}}},
		{"unknown field", func(m map[string]any) { at(m, "shifts", 1)["pauze"] = 30 },
			[]problem{{"shifts[1].pauze", "unknown_field"}}},
		{"unknown top-level field", func(m map[string]any) { m["extra"] = true },
			[]problem{{"extra", "unknown_field"}}},
		{"missing required", func(m map[string]any) { delete(at(m, "employees", 0), "contractHours") },
			[]problem{{"employees[0].contractHours", "required"}}},
		{"missing list", func(m map[string]any) { delete(m, "absences") },
			[]problem{{"absences", "required"}}},
		{"wrong type", func(m map[string]any) { at(m, "shifts", 0)["min"] = "1" },
			[]problem{{"shifts[0].min", "type"}}},
		{"fraction for whole number", func(m map[string]any) { at(m, "shifts", 0)["max"] = 2.5 },
			[]problem{{"shifts[0].max", "type"}}},
		{"bad date", func(m map[string]any) { at(m, "employees", 1)["birthDate"] = "1990-02-30" },
			[]problem{{"employees[1].birthDate", "format"}}},
		{"bad time", func(m map[string]any) { at(m, "shifts", 0)["start"] = "8:00" },
			[]problem{{"shifts[0].start", "format"}}},
		{"bad weekday", func(m map[string]any) { at(m, "employees", 0)["workdays"] = []any{"ma", "mo"} },
			[]problem{{"employees[0].workdays[1]", "format"}}},
		{"enum", func(m map[string]any) { at(m, "workplaces", 0)["kind"] = "fabriek" },
			[]problem{{"workplaces[0].kind", "enum"}}},
		{"wsw without categorie", func(m map[string]any) { delete(at(m, "employees", 0), "wswCategorie") },
			[]problem{{"employees[0].wswCategorie", "required"}}},
		{"beschut with categorie", func(m map[string]any) { at(m, "employees", 1)["wswCategorie"] = "matig" },
			[]problem{{"employees[1].wswCategorie", "rule"}}},
		{"min over max", func(m map[string]any) { at(m, "shifts", 0)["min"] = 4 },
			[]problem{{"shifts[0].max", "range"}}},
		{"priority zero", func(m map[string]any) { at(m, "shifts", 0)["priority"] = 0 },
			[]problem{{"shifts[0].priority", "range"}}},
		{"duplicate shift", func(m map[string]any) { at(m, "shifts", 1)["id"] = "verpakken-a-2026-11-23" },
			[]problem{{"shifts[1].id", "duplicate"}}},
		{"employee id equals werkleider id", func(m map[string]any) { at(m, "employees", 0)["id"] = "wl-01" },
			[]problem{{"employees[0].id", "duplicate"}, {"employees[0].id", "format"}}[:1]},
		{"pin to unknown shift", func(m map[string]any) { at(m, "pinned", 0)["shift"] = "nope" },
			[]problem{{"pinned[0].shift", "reference"}}},
		{"absence of unknown person", func(m map[string]any) { at(m, "absences", 0)["person"] = "e9999" },
			[]problem{{"absences[0].person", "reference"}}},
		{"werkleider workplace unknown", func(m map[string]any) { at(m, "werkleiders", 1)["workplaces"] = []any{"groen-9"} },
			[]problem{{"werkleiders[1].workplaces[0]", "reference"}}},
		{"home workplace unknown", func(m map[string]any) { at(m, "employees", 2)["homeWorkplace"] = "x" },
			[]problem{{"employees[2].homeWorkplace", "reference"}}},
		{"taakstelling gemeente unknown", func(m map[string]any) { at(m, "taakstellingen", 0)["gemeente"] = "GM0377" },
			[]problem{{"taakstellingen[0].gemeente", "reference"}}},
		{"version", func(m map[string]any) { m["version"] = 2 },
			[]problem{{"version", "enum"}}},
		{"null list", func(m map[string]any) { m["pinned"] = nil },
			[]problem{{"pinned", "type"}}},
		{"contract end before start", func(m map[string]any) { at(m, "employees", 1)["contractEnd"] = "2019-01-01" },
			[]problem{{"employees[1].contractEnd", "range"}}},
		{"weights negative", func(m map[string]any) {
			m["organisation"].(map[string]any)["weights"] = map[string]any{"idle": -1}
		}, []problem{{"organisation.weights.idle", "range"}}},
		{"element of wrong type", func(m map[string]any) { m["employees"].([]any)[1] = "e0002" },
			// The other employee's reference to nothing stays quiet: the element itself is reported.
			[]problem{{"employees[1]", "type"}, {"pinned[0].employee", "reference"}}},
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			ds, err := DecodeDataset(bytes.NewReader(edit(t, c.change)))
			require.Error(t, err)
			assert.Nil(t, ds, "nothing half-read")
			assert.Equal(t, CodeInvalid, ErrorCode(err))
			assert.ElementsMatch(t, c.want, problemsOf(err), err.Error())
			for _, f := range FieldErrors(err) {
				assert.NotEmpty(t, f.Message)
			}
		})
	}
}

// The import scenario of the issue: three mistakes of three sorts, all reported at once.
func TestDecodeThreeMistakesAtOnce(t *testing.T) {
	b := edit(t, func(m map[string]any) {
		at(m, "employees", 2)["gemeente"] = "GM9999"
		at(m, "shifts", 0)["workplace"] = "verpakken-z"
		at(m, "werkleiders", 0)["capaciteit"] = 12
	})
	_, err := DecodeDataset(bytes.NewReader(b))
	require.Error(t, err)
	msg := err.Error()
	assert.Contains(t, msg, `employees[2].gemeente: onbekende gemeente "GM9999"`)
	assert.Contains(t, msg, `shifts[0].workplace: onbekende werkplek "verpakken-z"`)
	assert.Contains(t, msg, `werkleiders[0].capaciteit: onbekend veld "capaciteit"`)
	assert.Len(t, FieldErrors(err), 3)
}

func TestDecodeSyntaxErrors(t *testing.T) {
	cases := map[string]string{
		"":                          "leeg",
		"{":                         "halverwege",
		"{\n  \"version\": 1,\n  x": "regel 3",
		`{"version":1} {}`:          "precies één document",
		`[]`:                        "verwacht een object",
	}
	for in, want := range cases {
		_, err := DecodeDataset(strings.NewReader(in))
		require.Error(t, err, in)
		assert.Contains(t, err.Error(), want, in)
		assert.Equal(t, CodeInvalid, ErrorCode(err))
	}
}

func TestCaseHint(t *testing.T) {
	b := edit(t, func(m map[string]any) {
		a := at(m, "absences", 0)
		a["Person"] = a["person"]
		delete(a, "person")
	})
	_, err := DecodeDataset(bytes.NewReader(b))
	require.Error(t, err)
	assert.Contains(t, err.Error(), `bedoelt u "person"?`)
}

// FuzzDecodeDataset: any input either decodes into a dataset that validates and survives a round
// trip, or is refused with an invalid error; never a panic.
func FuzzDecodeDataset(f *testing.F) {
	f.Add(readSmall(f))
	f.Add([]byte(`{"version":1}`))
	f.Add([]byte(`{"version":1,"gemeenten":[{"code":"GM0392"}],"employees":[null]}`))
	f.Add([]byte(`[1,2,{"a":null}]`))
	f.Add([]byte(historySrc))
	f.Add([]byte(withHistory(`[]`)))
	f.Add([]byte(withHistory(`[{"until":"2010-01-01","contractHours":36.5},{"until":"2010-01-01"}]`)))
	f.Add([]byte(`{"version":1,"organisation":{"aowAges":[]},"gemeenten":[],"workplaces":[],"werkleiders":[],"employees":[],` +
		`"shifts":[],"absences":[],"pinned":[],"taakstellingen":[]}`))
	f.Fuzz(func(t *testing.T, b []byte) {
		ds, err := DecodeDataset(bytes.NewReader(b))
		if err != nil {
			require.Nil(t, ds)
			require.Equal(t, CodeInvalid, ErrorCode(err), err.Error())
			return
		}
		require.NoError(t, ds.Validate())
		var buf bytes.Buffer
		require.NoError(t, EncodeDataset(&buf, ds))
		again, err := DecodeDataset(&buf)
		require.NoError(t, err)
		require.Equal(t, ds, again)
	})
}

// A break is measured against real elapsed time: in the spring clock change a night is an hour
// shorter, so a break that fits on the wall clock can leave no work.
func TestBreakAgainstElapsedTime(t *testing.T) {
	s := Shift{ID: "n", Workplace: "w", Date: d("2026-03-28"), Start: 22 * 60, End: 3 * 60, BreakMinutes: 250, Min: 0, Max: 1, Priority: 1}
	require.Equal(t, 300, s.WallMinutes())
	require.Equal(t, 240-250, s.WorkedMinutes())
	err := s.Validate()
	require.Error(t, err)
	assert.Equal(t, "breakMinutes", FieldErrors(err)[0].Field)
	s.BreakMinutes = 230
	assert.NoError(t, s.Validate())
}

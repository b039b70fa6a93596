package domain

import (
	"encoding/json"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

// A plan lists its last MaxPlanChanges changes and counts the rest; the list it was given is left
// as it was.
func TestAddChangeKeepsTheLast(t *testing.T) {
	var p Plan
	for i := range MaxPlanChanges + 7 {
		p.AddChange(PlanChange{Actor: "a", Version: int64(i + 1)})
	}
	require.Len(t, p.Changes, MaxPlanChanges)
	assert.Equal(t, 7, p.EarlierChanges)
	assert.Equal(t, MaxPlanChanges+7, p.ChangeCount())
	assert.Equal(t, int64(8), p.Changes[0].Version, "the oldest are dropped")
	assert.Equal(t, int64(MaxPlanChanges+7), p.Changes[len(p.Changes)-1].Version)

	shared := p
	p.AddChange(PlanChange{Version: 1000})
	assert.Equal(t, int64(MaxPlanChanges+7), shared.Changes[len(shared.Changes)-1].Version, "the shared list is not changed")
	assert.Equal(t, 7, shared.EarlierChanges)
}

func TestAssignmentVersion(t *testing.T) {
	d, err := ParseDate("2026-11-30")
	require.NoError(t, err)
	for _, tc := range []struct {
		name     string
		plan     Plan
		employee string
		want     int64
	}{
		{"written whole: the plan's version", Plan{DayVersions: map[string]int64{"e1~2026-11-30": 7}}, "e1", 40},
		{"a day changed since", Plan{AssignmentsSince: 30, DayVersions: map[string]int64{"e1~2026-11-30": 35}}, "e1", 35},
		{"a day not changed since", Plan{AssignmentsSince: 30, DayVersions: map[string]int64{"e1~2026-11-30": 35}}, "e2", 30},
	} {
		t.Run(tc.name, func(t *testing.T) {
			assert.Equal(t, tc.want, tc.plan.AssignmentVersion(40, tc.employee, d))
		})
	}
}

// A template makes a shift on each of its weekdays in the period, with the id workplace-date.
func TestShiftTemplateExpand(t *testing.T) {
	from, err := ParseDate("2026-11-28") // a Saturday
	require.NoError(t, err)
	tpl := ShiftTemplate{ID: "t", Workplace: "verpakken-a", Weekdays: []Weekday{Maandag, Woensdag}, Start: 8 * 60, End: 16 * 60, Min: 1, Max: 3}
	require.NoError(t, tpl.Validate())
	var got []string
	for _, sh := range tpl.Expand(from, from+9) {
		got = append(got, sh.ID)
		assert.Equal(t, 1, sh.Priority, "priority defaults to 1")
		require.NoError(t, sh.Validate())
	}
	assert.Equal(t, []string{"verpakken-a-2026-11-30", "verpakken-a-2026-12-02", "verpakken-a-2026-12-07"}, got)
}

// A stored plan with the API's additions (day versions, change versions, earlier changes) is read
// back by the strict decoder as it was written, so `ploeg check` and the exports take it.
func TestPlanAdditionsRoundTrip(t *testing.T) {
	d, err := ParseDate("2026-11-30")
	require.NoError(t, err)
	p := Plan{From: d, To: d, Assignments: []Assignment{}, Supervision: []Supervision{}, Unfilled: []Unfilled{}, Idle: []Idle{},
		AssignmentsSince: 5, DayVersions: map[string]int64{DayKey("e1", d): 7}, EarlierChanges: 3,
		Changes: []PlanChange{{Actor: "a", Action: "assign", Employee: "e1", Date: &d, Version: 7}}}
	b, err := json.Marshal(p)
	require.NoError(t, err)
	var back Plan
	require.NoError(t, DecodeStrict(b, &back))
	assert.Equal(t, p, back)
}

package domain

import (
	"encoding/json"
	"slices"
	"time"
)

// DatasetVersion is the version of the exchange format this code reads and writes.
const DatasetVersion = 1

// Dataset is everything Ploeg plans with: the exchange format of docs/DATASET.md, version 1.
// Struct tags `ploeg:"optional"` mark the fields a file may leave out.
type Dataset struct {
	Version        int            `json:"version"`
	Organisation   Organisation   `json:"organisation" ploeg:"optional"`
	Gemeenten      []Gemeente     `json:"gemeenten"`
	Workplaces     []Workplace    `json:"workplaces"`
	Werkleiders    []Werkleider   `json:"werkleiders"`
	Employees      []Employee     `json:"employees"`
	Shifts         []Shift        `json:"shifts"`
	Absences       []Absence      `json:"absences"`
	Pinned         []Pin          `json:"pinned"`
	Taakstellingen []Taakstelling `json:"taakstellingen"`
}

// NewDataset returns an empty dataset of the current version with the default organisation.
func NewDataset() *Dataset {
	return &Dataset{
		Version: DatasetVersion, Organisation: DefaultOrganisation(),
		Gemeenten: []Gemeente{}, Workplaces: []Workplace{}, Werkleiders: []Werkleider{},
		Employees: []Employee{}, Shifts: []Shift{}, Absences: []Absence{}, Pinned: []Pin{},
		Taakstellingen: []Taakstelling{},
	}
}

// UnmarshalJSON gives a dataset without an organisation the default one.
func (ds *Dataset) UnmarshalJSON(b []byte) error {
	type plain Dataset
	p := plain{Organisation: DefaultOrganisation()}
	if err := json.Unmarshal(b, &p); err != nil {
		return err
	}
	*ds = Dataset(p)
	return nil
}

// Organisation holds the settings of the sociaal werkbedrijf. Every field is optional.
type Organisation struct {
	Name               string             `json:"name" ploeg:"optional"`
	FullTimeHours      float64            `json:"fullTimeHours" ploeg:"optional"`
	BegeleidingWeights BegeleidingWeights `json:"begeleidingWeights" ploeg:"optional"`
	Weights            Weights            `json:"weights" ploeg:"optional"`
	// AOWAges extends the AOW table (DOMAIN.md) from a year on; Ploeg's own addition.
	AOWAges []AOWAge `json:"aowAges,omitempty" ploeg:"optional"`
}

// DefaultOrganisation returns the organisation with every default of docs/DATASET.md.
func DefaultOrganisation() Organisation {
	return Organisation{
		FullTimeHours:      36,
		BegeleidingWeights: DefaultBegeleidingWeights(),
		Weights:            DefaultWeights(),
	}
}

// UnmarshalJSON fills the defaults for every key the input leaves out.
func (o *Organisation) UnmarshalJSON(b []byte) error {
	type plain Organisation
	p := plain(DefaultOrganisation())
	if err := json.Unmarshal(b, &p); err != nil {
		return err
	}
	if len(p.AOWAges) == 0 {
		p.AOWAges = nil // an export leaves an empty list out; read it back equal
	}
	*o = Organisation(p)
	return nil
}

// BegeleidingWeights is how much of a werkleider's capacity one person of each begeleiding level takes.
type BegeleidingWeights struct {
	Laag   float64 `json:"laag" ploeg:"optional"`
	Midden float64 `json:"midden" ploeg:"optional"`
	Hoog   float64 `json:"hoog" ploeg:"optional"`
}

// DefaultBegeleidingWeights returns laag 1, midden 1.5, hoog 2.
func DefaultBegeleidingWeights() BegeleidingWeights {
	return BegeleidingWeights{Laag: 1, Midden: 1.5, Hoog: 2}
}

// Of returns the weight of level b.
func (w BegeleidingWeights) Of(b Begeleiding) float64 {
	switch b {
	case BegeleidingMidden:
		return w.Midden
	case BegeleidingHoog:
		return w.Hoog
	}
	return w.Laag
}

// UnmarshalJSON fills the default for every level the input leaves out.
func (w *BegeleidingWeights) UnmarshalJSON(b []byte) error {
	type plain BegeleidingWeights
	p := plain(DefaultBegeleidingWeights())
	if err := json.Unmarshal(b, &p); err != nil {
		return err
	}
	*w = BegeleidingWeights(p)
	return nil
}

// Weights are the objective's weights (docs/DATASET.md, Objective).
type Weights struct {
	Understaffed float64 `json:"understaffed" ploeg:"optional"`
	Idle         float64 `json:"idle" ploeg:"optional"`
	Continuity   float64 `json:"continuity" ploeg:"optional"`
}

// DefaultWeights returns understaffed 1000, idle 100, continuity 10.
func DefaultWeights() Weights { return Weights{Understaffed: 1000, Idle: 100, Continuity: 10} }

// UnmarshalJSON fills the default for every weight the input leaves out.
func (w *Weights) UnmarshalJSON(b []byte) error {
	type plain Weights
	p := plain(DefaultWeights())
	if err := json.Unmarshal(b, &p); err != nil {
		return err
	}
	*w = Weights(p)
	return nil
}

// Gemeente is a municipality by its CBS code (GMxxxx).
type Gemeente struct {
	Code string `json:"code"`
	Name string `json:"name" ploeg:"optional"`
}

// WorkplaceKind says who supervises the work at a workplace.
type WorkplaceKind string

// The workplace kinds.
const (
	Bedrijfsactiviteit WorkplaceKind = "bedrijfsactiviteit" // in-house business activity, under a werkleider
	Uitbesteed         WorkplaceKind = "uitbesteed"         // contract work for a client, under a werkleider
	Detachering        WorkplaceKind = "detachering"        // at a client who supervises: no werkleider
)

// NeedsWerkleider reports whether shifts at this kind of workplace need a werkleider (H9).
func (k WorkplaceKind) NeedsWerkleider() bool { return k != Detachering }

// Workplace is a werkplek: a place where a team does one kind of work.
type Workplace struct {
	ID         string        `json:"id"`
	Name       string        `json:"name" ploeg:"optional"`
	Kind       WorkplaceKind `json:"kind"`
	Location   string        `json:"location"`
	Client     string        `json:"client" ploeg:"optional"`
	Skills     []string      `json:"skills"`
	Conditions []string      `json:"conditions"`
}

// Werkleider supervises employees at the workplaces they list, on their workdays.
type Werkleider struct {
	ID         string    `json:"id"`
	Name       string    `json:"name" ploeg:"optional"`
	Workplaces []string  `json:"workplaces"`
	Workdays   []Weekday `json:"workdays"`
	Capacity   float64   `json:"capacity"`
}

// Regeling is the law an employee works under.
type Regeling string

// The regelingen.
const (
	Wsw     Regeling = "wsw"
	Beschut Regeling = "beschut"
)

// WswCategorie is the Wsw handicap category; ernstig counts 1.25 arbeidsjaar.
type WswCategorie string

// The Wsw categories.
const (
	Matig   WswCategorie = "matig"
	Ernstig WswCategorie = "ernstig"
)

// Begeleiding is the level of supervision a person needs.
type Begeleiding string

// The begeleiding levels.
const (
	BegeleidingLaag   Begeleiding = "laag"
	BegeleidingMidden Begeleiding = "midden"
	BegeleidingHoog   Begeleiding = "hoog"
)

// Employee is a medewerker under the Wsw or beschut werk. Restrictions are work-condition tags,
// never medical data.
type Employee struct {
	ID             string       `json:"id"`
	Name           string       `json:"name" ploeg:"optional"`
	BirthDate      Date         `json:"birthDate"`
	Gemeente       string       `json:"gemeente"`
	Regeling       Regeling     `json:"regeling"`
	WswCategorie   WswCategorie `json:"wswCategorie,omitempty" ploeg:"optional"`
	ContractHours  float64      `json:"contractHours"`
	ContractStart  Date         `json:"contractStart"`
	ContractEnd    *Date        `json:"contractEnd" ploeg:"optional"`
	Workdays       []Weekday    `json:"workdays"`
	Skills         []string     `json:"skills"`
	Restrictions   []string     `json:"restrictions"`
	Begeleiding    Begeleiding  `json:"begeleiding"`
	HomeWorkplace  string       `json:"homeWorkplace,omitempty" ploeg:"optional"`
	EarliestStart  *Clock       `json:"earliestStart,omitempty" ploeg:"optional"`
	LatestEnd      *Clock       `json:"latestEnd,omitempty" ploeg:"optional"`
	MaxHoursPerDay *float64     `json:"maxHoursPerDay,omitempty" ploeg:"optional"`
	SeniorConsent  bool         `json:"seniorConsent"`
	// History holds earlier gemeenten, Wsw categories and contract hours, oldest first; Ploeg's
	// own addition (see HistoryEntry).
	History []HistoryEntry `json:"history,omitempty" ploeg:"optional"`
}

// Shift is a dienst: a workplace needs between Min and Max people from Start to End on Date.
// End before Start means the shift ends the next day.
type Shift struct {
	ID           string `json:"id"`
	Workplace    string `json:"workplace"`
	Date         Date   `json:"date"`
	Start        Clock  `json:"start"`
	End          Clock  `json:"end"`
	BreakMinutes int    `json:"breakMinutes" ploeg:"optional"`
	Min          int    `json:"min"`
	Max          int    `json:"max"`
	Priority     int    `json:"priority" ploeg:"optional"`
}

// UnmarshalJSON gives priority its default of 1 when the input leaves it out.
func (s *Shift) UnmarshalJSON(b []byte) error {
	type plain Shift
	p := plain{Priority: 1}
	if err := json.Unmarshal(b, &p); err != nil {
		return err
	}
	*s = Shift(p)
	return nil
}

// AbsenceKind is the reason someone is away.
type AbsenceKind string

// The absence kinds.
const (
	Ziek          AbsenceKind = "ziek"
	Verlof        AbsenceKind = "verlof"
	Therapeutisch AbsenceKind = "therapeutisch"
	Overig        AbsenceKind = "overig"
)

// Absence is a period (From..To, both included) in which an employee or werkleider does not work.
type Absence struct {
	Person string      `json:"person"`
	From   Date        `json:"from"`
	To     Date        `json:"to"`
	Kind   AbsenceKind `json:"kind"`
}

// Covers reports whether the absence includes date d.
func (a Absence) Covers(d Date) bool { return a.From <= d && d <= a.To }

// Pin is an assignment the planner fixed: every plan must keep it (H10).
type Pin struct {
	Employee string `json:"employee"`
	Shift    string `json:"shift"`
}

// Taakstelling is the number of places a gemeente must realise under a regeling in a year.
type Taakstelling struct {
	Gemeente string   `json:"gemeente"`
	Year     int      `json:"year"`
	Regeling Regeling `json:"regeling"`
	Target   float64  `json:"target"`
}

// Plan assigns employees and werkleiders to the shifts dated From..To.
type Plan struct {
	From        Date          `json:"from"`
	To          Date          `json:"to"`
	Assignments []Assignment  `json:"assignments"`
	Supervision []Supervision `json:"supervision"`
	Score       Score         `json:"score"`
	Unfilled    []Unfilled    `json:"unfilled"`
	Idle        []Idle        `json:"idle"`
	// Status is concept or gepubliceerd; Ploeg's own addition.
	Status PlanStatus `json:"status,omitempty" ploeg:"optional"`
	// Published counts how often the plan was published (its published version); 0 for a plan
	// never published. Ploeg's own addition.
	Published int `json:"published,omitempty" ploeg:"optional"`
	// Changes lists what was changed by hand after the plan was made, oldest first. Ploeg's own
	// addition.
	Changes []PlanChange `json:"changes,omitempty" ploeg:"optional"`
	// EarlierChanges counts the changes no longer listed in Changes: the plan keeps the last
	// MaxPlanChanges, the audit log all of them. Ploeg's own addition.
	EarlierChanges int `json:"earlierChanges,omitempty" ploeg:"optional"`
	// AssignmentsSince is the plan version from which each person's day has a version of its own
	// (the ETag of GET /api/v1/plans/{id}/assignments/{employee}~{date}): a day changed since has its
	// version in DayVersions, any other day this one. 0 means the plan was last written whole (made,
	// repaired, published, a pin set or taken off), so every day has the plan's own version. Ploeg's
	// own addition.
	AssignmentsSince int64 `json:"assignmentsSince,omitempty" ploeg:"optional"`
	// DayVersions holds, by employee~date, the version under which that day last changed since
	// AssignmentsSince. Ploeg's own addition.
	DayVersions map[string]int64 `json:"dayVersions,omitempty" ploeg:"optional"`
}

// MaxPlanChanges is how many changes a stored plan lists; older ones are counted in
// EarlierChanges and kept in the audit log, so a plan changed all day stays small.
const MaxPlanChanges = 500

// AddChange appends c to p's changes, dropping the oldest beyond MaxPlanChanges. The list is
// copied, so a plan shared with others is left as it was.
func (p *Plan) AddChange(c PlanChange) {
	drop := max(0, len(p.Changes)+1-MaxPlanChanges)
	p.Changes = append(slices.Clip(p.Changes[drop:]), c)
	p.EarlierChanges += drop
}

// ChangeCount is the number of changes ever made to p.
func (p *Plan) ChangeCount() int { return p.EarlierChanges + len(p.Changes) }

// DayKey is the key of employee's day d in DayVersions.
func DayKey(employee string, d Date) string { return employee + "~" + d.String() }

// AssignmentVersion returns the version of employee's day d in p, whose record is at version
// current: the version under which that day last changed since AssignmentsSince, else
// AssignmentsSince, or current when the plan was last written whole.
func (p *Plan) AssignmentVersion(current int64, employee string, d Date) int64 {
	if p.AssignmentsSince == 0 {
		return current
	}
	if v, ok := p.DayVersions[DayKey(employee, d)]; ok {
		return v
	}
	return p.AssignmentsSince
}

// PlanChange is one change to a stored plan: an assignment changed by hand, a pin, a repair or a
// publication.
type PlanChange struct {
	Time     time.Time `json:"time"`
	Actor    string    `json:"actor"`
	Action   string    `json:"action"` // assign, pin, unpin, repair or publish
	Employee string    `json:"employee,omitempty" ploeg:"optional"`
	Date     *Date     `json:"date,omitempty" ploeg:"optional"`
	From     string    `json:"from,omitempty" ploeg:"optional"` // the shift before ("" for none)
	To       string    `json:"to,omitempty" ploeg:"optional"`   // the shift after ("" for none)
	Reason   string    `json:"reason,omitempty" ploeg:"optional"`
	Warnings []string  `json:"warnings,omitempty" ploeg:"optional"`
	// AfterPublication marks a change made to a plan that was already published.
	AfterPublication bool `json:"naPublicatie,omitempty" ploeg:"optional"`
	// Version is the plan version the change was stored under (assignment changes; several changes
	// stored in one write share it).
	Version int64 `json:"version,omitempty" ploeg:"optional"`
}

// PlanStatus says whether a plan is still a draft.
type PlanStatus string

// The plan statuses.
const (
	Concept      PlanStatus = "concept"
	Gepubliceerd PlanStatus = "gepubliceerd"
)

// Assignment puts an employee on a shift.
type Assignment struct {
	Employee string `json:"employee"`
	Shift    string `json:"shift"`
}

// Supervision puts a werkleider on a shift.
type Supervision struct {
	Werkleider string `json:"werkleider"`
	Shift      string `json:"shift"`
}

// Score is the objective of docs/DATASET.md: lower is better.
type Score struct {
	Understaffed int     `json:"understaffed"`
	Idle         int     `json:"idle"`
	Continuity   int     `json:"continuity"`
	Total        float64 `json:"total"`
}

// Unfilled explains why a shift has fewer people than its minimum.
type Unfilled struct {
	Shift   string   `json:"shift"`
	Missing int      `json:"missing"`
	Reasons []string `json:"reasons"`
}

// Idle explains why an available employee has no shift on a date.
type Idle struct {
	Employee string   `json:"employee"`
	Date     Date     `json:"date"`
	Reasons  []string `json:"reasons"`
}

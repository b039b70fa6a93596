package scheduler

import (
	"fmt"
	"slices"
	"sort"
	"strings"

	"ploeg/domain"
)

// The engine's general core: people, shifts, eligibility, coverage (min/max with a priority),
// sequence rules (one shift a day, rest between shifts, hours per week) and a supervision resource.
// Everything is indexed by small integers so the search works on slices, not maps.

type mShift struct {
	id        string
	day       int // index into the plan's days
	wp        int // workplace index
	loc       int // location index
	min, max  int
	prio      int
	needsWL   bool
	start     int64   // real instant in minutes since the epoch
	end       int64   // real instant in minutes since the epoch
	work      float64 // worked minutes
	werkleids []int32 // werkleiders who list the workplace and are available that day
	wallStart int     // start, minutes after midnight
	wallEnd   int     // end, minutes after midnight of the shift's date (over 1440 when it ends the next day)
	weekend   bool
}

type mEmp struct {
	id        string
	weight    float64 // begeleiding weight
	home      int     // workplace index, or -1
	contract  float64 // contract minutes per ISO week
	avail     []bool  // per day: available (contract, workday, absence, AOW)
	elig      [][]int32
	homeElig  [][]int32               // per day: the eligible shifts at the home workplace
	unavail   []domain.Unavailability // per day, why not available
	emp       *domain.Employee
	pinnedDay []int32 // per day: the pinned shift, or -1
}

type mWL struct {
	id    string
	cap   float64
	avail []bool
	wl    *domain.Werkleider
}

type model struct {
	ds      *domain.Dataset
	cal     *domain.Calendar
	from    domain.Date
	days    int
	week    []int // per day: ISO week index (0-based, in order)
	weeks   int
	w       domain.Weights
	shifts  []mShift
	byDay   [][]int32   // shifts per day
	byDayWp [][][]int32 // shifts per day per workplace
	emps    []mEmp
	wls     []mWL
	wps     []*domain.Workplace
	locs    []string
	shiftIx map[string]int
	empIx   map[string]int
	wlIx    map[string]int
	eligFor [][]int32 // per shift: the employees eligible for it
	// pinLeader is, for shifts with pins, a werkleider that can lead all pins of its day together.
	pinLeader map[int32]int32
}

// restMinutes is the minimum rest between two shifts of one person (H8).
const restMinutes = 11 * 60

func newModel(ds *domain.Dataset, from, to domain.Date) (*model, error) {
	cal, err := domain.NewCalendar(ds)
	if err != nil {
		return nil, err
	}
	m := &model{ds: ds, cal: cal, from: from, days: int(to-from) + 1, w: ds.Organisation.Weights,
		shiftIx: map[string]int{}, empIx: map[string]int{}, wlIx: map[string]int{}}
	if m.days < 0 {
		m.days = 0
	}
	prevWeek := -1
	for d := range m.days {
		k := from.AddDays(d).ISOWeekKey()
		if k != prevWeek {
			m.weeks++
			prevWeek = k
		}
		m.week = append(m.week, m.weeks-1)
	}
	wpIx := map[string]int{}
	locIx := map[string]int{}
	for i := range ds.Workplaces {
		wp := &ds.Workplaces[i]
		wpIx[wp.ID] = i
		m.wps = append(m.wps, wp)
		if _, ok := locIx[wp.Location]; !ok {
			locIx[wp.Location] = len(m.locs)
			m.locs = append(m.locs, wp.Location)
		}
	}
	for i := range ds.Werkleiders {
		w := &ds.Werkleiders[i]
		mw := mWL{id: w.ID, cap: w.Capacity, wl: w, avail: make([]bool, m.days)}
		for d := range m.days {
			mw.avail[d] = cal.WerkleiderOn(w, from.AddDays(d)) == domain.Available
		}
		m.wlIx[w.ID] = len(m.wls)
		m.wls = append(m.wls, mw)
	}
	m.byDay = make([][]int32, m.days)
	for i := range ds.Shifts {
		s := &ds.Shifts[i]
		if s.Date < from || s.Date > to {
			continue
		}
		wp := wpIx[s.Workplace]
		start, end := s.Interval()
		ms := mShift{id: s.ID, day: int(s.Date - from), wp: wp, loc: locIx[m.wps[wp].Location],
			min: s.Min, max: s.Max, prio: s.Priority, needsWL: m.wps[wp].Kind.NeedsWerkleider(),
			start: start.Unix() / 60, end: end.Unix() / 60, work: float64(s.WorkedMinutes()),
			wallStart: s.Start.Minutes(), wallEnd: s.End.Minutes(), weekend: s.Date.Weekday().Weekend()}
		if s.End <= s.Start {
			ms.wallEnd += 24 * 60
		}
		if ms.needsWL {
			for wi := range m.wls {
				if m.wls[wi].avail[ms.day] && slices.Contains(m.wls[wi].wl.Workplaces, s.Workplace) {
					ms.werkleids = append(ms.werkleids, int32(wi))
				}
			}
		}
		m.shiftIx[s.ID] = len(m.shifts)
		m.byDay[ms.day] = append(m.byDay[ms.day], int32(len(m.shifts)))
		m.shifts = append(m.shifts, ms)
	}
	for i := range ds.Employees {
		m.addEmployee(&ds.Employees[i], wpIx)
	}
	m.eligFor = make([][]int32, len(m.shifts))
	for e := range m.emps {
		for _, list := range m.emps[e].elig {
			for _, s := range list {
				m.eligFor[s] = append(m.eligFor[s], int32(e))
			}
		}
	}
	if err := m.applyPins(); err != nil {
		return nil, err
	}
	return m, nil
}

func (m *model) addEmployee(e *domain.Employee, wpIx map[string]int) {
	me := mEmp{id: e.ID, weight: m.ds.Organisation.BegeleidingWeights.Of(e.Begeleiding), home: -1,
		contract: e.ContractHours * 60, emp: e,
		avail: make([]bool, m.days), elig: make([][]int32, m.days), homeElig: make([][]int32, m.days),
		unavail: make([]domain.Unavailability, m.days), pinnedDay: make([]int32, m.days)}
	if e.HomeWorkplace != "" {
		me.home = wpIx[e.HomeWorkplace]
	}
	// Skills and restrictions depend only on the workplace: decide them once per workplace.
	fits := make([]bool, len(m.wps))
	for i, wp := range m.wps {
		fits[i] = fitsWorkplace(e, wp)
	}
	for d := range m.days {
		me.pinnedDay[d] = -1
		date := m.from.AddDays(d)
		me.unavail[d] = m.cal.EmployeeOn(e, date)
		me.avail[d] = me.unavail[d] == domain.Available
		if !me.avail[d] {
			continue
		}
		age := domain.AgeOn(e.BirthDate, date)
		for _, si := range m.fittingShifts(d, fits) {
			s := &m.shifts[si]
			if (!s.needsWL || len(s.werkleids) > 0) && s.timesFit(e, age) == "" && s.work <= me.contract+eps {
				me.elig[d] = append(me.elig[d], si)
				if s.wp == me.home {
					me.homeElig[d] = append(me.homeElig[d], si)
				}
			}
		}
	}
	m.empIx[e.ID] = len(m.emps)
	m.emps = append(m.emps, me)
}

// fittingShifts returns day d's shifts at the workplaces marked in fits, in shift order.
// eligible reports whether shift s is among e's eligible shifts of day d (a sorted list: a scan
// when it is short, a binary search when it is long, as in regions of thousands).
func (m *model) eligible(e, d int, s int32) bool {
	list := m.emps[e].elig[d]
	if len(list) <= 32 {
		return contains(list, s)
	}
	_, ok := slices.BinarySearch(list, s)
	return ok
}

func (m *model) fittingShifts(d int, fits []bool) []int32 {
	if m.byDayWp == nil {
		m.byDayWp = make([][][]int32, m.days)
		for dd := range m.days {
			m.byDayWp[dd] = make([][]int32, len(m.wps))
			for _, si := range m.byDay[dd] {
				wp := m.shifts[si].wp
				m.byDayWp[dd][wp] = append(m.byDayWp[dd][wp], si)
			}
		}
	}
	var out []int32
	for wp, ok := range fits {
		if ok {
			out = append(out, m.byDayWp[d][wp]...)
		}
	}
	slices.Sort(out)
	return out
}

// fitsWorkplace checks H3 (skills) and H4 (restrictions).
func fitsWorkplace(e *domain.Employee, wp *domain.Workplace) bool {
	for _, s := range wp.Skills {
		if !slices.Contains(e.Skills, s) {
			return false
		}
	}
	for _, r := range e.Restrictions {
		if slices.Contains(wp.Conditions, r) {
			return false
		}
	}
	return true
}

// timesFit checks H6 for one shift and someone of age on its date; it returns "" or the reason.
func (s *mShift) timesFit(e *domain.Employee, age int) string {
	if e.EarliestStart != nil && s.wallStart < e.EarliestStart.Minutes() {
		return fmt.Sprintf("begint pas om %s", *e.EarliestStart)
	}
	if e.LatestEnd != nil && s.wallEnd > e.LatestEnd.Minutes() {
		return fmt.Sprintf("werkt tot uiterlijk %s", *e.LatestEnd)
	}
	h := s.work / 60
	if e.MaxHoursPerDay != nil && h > *e.MaxHoursPerDay+eps {
		return fmt.Sprintf("werkt hoogstens %g uur per dag", *e.MaxHoursPerDay)
	}
	if h > 12+eps || (age < 18 && h > 9+eps) {
		return "dienst te lang volgens de Arbeidstijdenwet"
	}
	if age >= 55 && !e.SeniorConsent && (s.wallStart < 8*60 || s.wallEnd > 18*60 || s.weekend) {
		return "55+: niet vóór 08:00, na 18:00 of in het weekend (CAO SW)"
	}
	return ""
}

// applyPins records pins dated in range and refuses those that break a rule alone or together.
func (m *model) applyPins() error {
	var p domain.Problems
	count := map[int]int{}
	for i, pin := range m.ds.Pinned {
		si, ok := m.shiftIx[pin.Shift]
		if !ok {
			continue // dated outside the range: not required
		}
		ei := m.empIx[pin.Employee]
		e, s := &m.emps[ei], &m.shifts[si]
		path := fmt.Sprintf("pinned[%d]", i)
		name := who(e.emp)
		switch {
		case !e.avail[s.day]:
			p.Add(path, "H2", "%s kan niet vast op %s: op %s %s", name, s.id, m.from.AddDays(s.day), e.unavail[s.day].Dutch())
			continue
		case !hasAll(e.emp.Skills, m.wps[s.wp].Skills):
			p.Add(path, "H3", "%s kan niet vast op %s: mist een vaardigheid voor werkplek %s (nodig: %s)", name, s.id, m.wps[s.wp].ID, strings.Join(m.wps[s.wp].Skills, ", "))
			continue
		case !fitsWorkplace(e.emp, m.wps[s.wp]):
			p.Add(path, "H4", "%s kan niet vast op %s: niet geschikt voor werkplek %s", name, s.id, m.wps[s.wp].ID)
			continue
		}
		if why := s.timesFit(e.emp, domain.AgeOn(e.emp.BirthDate, m.from.AddDays(s.day))); why != "" {
			p.Add(path, "H6", "%s kan niet vast op %s: %s", name, s.id, why)
			continue
		}
		if prev := e.pinnedDay[s.day]; prev >= 0 {
			p.Add(path, "H1", "%s staat op %s al vast op %s; één dienst per dag", name, m.from.AddDays(s.day), m.shifts[prev].id)
			continue
		}
		e.pinnedDay[s.day] = int32(si)
		count[si]++
		if count[si] > s.max {
			p.Add(path, "H5", "dienst %s heeft meer vastgezette medewerkers dan het maximum %d", s.id, s.max)
		}
	}
	// Pins of one person together: weekly hours and rest.
	for ei := range m.emps {
		e := &m.emps[ei]
		week := make([]float64, m.weeks)
		var prev int32 = -1
		for d := range m.days {
			si := e.pinnedDay[d]
			if si < 0 {
				continue
			}
			week[m.week[d]] += m.shifts[si].work
			if week[m.week[d]] > e.contract+eps {
				p.Add("pinned", "H7", "de vastgezette diensten van %s in de week van %s zijn samen meer dan %g contracturen", who(e.emp), m.from.AddDays(d), e.emp.ContractHours)
			}
			if prev >= 0 && !restOK(&m.shifts[prev], &m.shifts[si]) {
				p.Add("pinned", "H8", "tussen de vastgezette diensten %s en %s van %s zit minder dan 11 uur rust", m.shifts[prev].id, m.shifts[si].id, who(e.emp))
			}
			prev = si
		}
	}
	if err := p.Err("vastgezette toewijzingen breken een harde regel; pas ze aan vóór het plannen"); err != nil {
		return err
	}
	return m.checkPinSupervision()
}

// checkPinSupervision refuses pins whose shifts no set of werkleiders can lead within capacity and
// location (H9): an exact check by backtracking over the few pinned shifts of each day.
func (m *model) checkPinSupervision() error {
	var p domain.Problems
	for d := range m.days {
		load := map[int32]float64{}
		for ei := range m.emps {
			if si := m.emps[ei].pinnedDay[d]; si >= 0 && m.shifts[si].needsWL {
				load[si] += m.emps[ei].weight
			}
		}
		if len(load) == 0 {
			continue
		}
		shifts := make([]int32, 0, len(load))
		for si := range load {
			shifts = append(shifts, si)
		}
		sort.Slice(shifts, func(i, j int) bool { // heaviest first; by index among equals, so the packing is the same every time
			if load[shifts[i]] != load[shifts[j]] {
				return load[shifts[i]] > load[shifts[j]]
			}
			return shifts[i] < shifts[j]
		})
		wlLoad := map[int32]float64{}
		wlLoc := map[int32]int{}
		chosen := map[int32]int32{}
		var place func(i int) bool
		place = func(i int) bool {
			if i == len(shifts) {
				return true
			}
			s := &m.shifts[shifts[i]]
			for _, w := range s.werkleids {
				if loc, ok := wlLoc[w]; ok && loc != s.loc {
					continue
				}
				if wlLoad[w]+load[shifts[i]] > m.wls[w].cap+eps {
					continue
				}
				_, had := wlLoc[w]
				wlLoc[w] = s.loc
				wlLoad[w] += load[shifts[i]]
				chosen[shifts[i]] = w
				if place(i + 1) {
					return true
				}
				wlLoad[w] -= load[shifts[i]]
				if !had {
					delete(wlLoc, w)
				}
			}
			return false
		}
		if !place(0) {
			ids := make([]string, len(shifts))
			for i, si := range shifts {
				ids[i] = m.shifts[si].id
			}
			sort.Strings(ids)
			p.Add("pinned", "H9", "op %s kunnen geen werkleiders alle vastgezette medewerkers begeleiden (diensten %v): capaciteit, locatie of beschikbaarheid schiet tekort", m.from.AddDays(d), ids)
			continue
		}
		if m.pinLeader == nil {
			m.pinLeader = map[int32]int32{}
		}
		for _, si := range shifts {
			m.pinLeader[si] = chosen[si]
		}
	}
	return p.Err("vastgezette toewijzingen breken een harde regel; pas ze aan vóór het plannen")
}

// restOK reports whether two shifts of one person leave 11 hours of rest between them (H8).
func restOK(a, b *mShift) bool {
	if a.end <= b.start {
		return b.start-a.end >= restMinutes
	}
	if b.end <= a.start {
		return a.start-b.end >= restMinutes
	}
	return false
}

package gen

import (
	"slices"

	"ploeg/domain"
)

// pinSpacing is how many days apart two pins of one person are at least: more than a shift and
// 11 hours of rest can span, so H1 and H8 hold between them.
const pinSpacing = 3

// pins fixes about one employee in ten on a shift so that the pins can be kept together: each pin
// is eligible by itself (Ineligible), a shift gets no more pins than its max, a person gets at most
// one pin per ISO week (H7) and none within pinSpacing days of another, and every pinned shift that
// needs a werkleider gets one who lists the workplace, is available, leads at one location that
// date and stays within capacity with all the pinned people they lead.
func (g *generator) pins() {
	cal, err := domain.NewCalendar(g.ds)
	if err != nil {
		panic(err) // the default AOW table is always valid
	}
	p := &pinner{g: g, cal: cal, wp: map[string]*domain.Workplace{}, leader: map[int]int{},
		location: map[leadKey]string{}, load: map[leadKey]float64{}, perShift: map[int]int{}, dates: map[int][]domain.Date{}}
	for i := range g.ds.Workplaces {
		p.wp[g.ds.Workplaces[i].ID] = &g.ds.Workplaces[i]
	}
	want := max(1, g.size.Employees/10)
	for try := 0; len(g.ds.Pinned) < want && try < 60*want; try++ {
		ei, si := g.rng.IntN(len(g.ds.Employees)), g.rng.IntN(len(g.ds.Shifts))
		if p.fits(ei, si) {
			g.ds.Pinned = append(g.ds.Pinned, domain.Pin{Employee: g.ds.Employees[ei].ID, Shift: g.ds.Shifts[si].ID})
		}
	}
}

// leadKey is a werkleider on a date.
type leadKey struct {
	w    int
	date domain.Date
}

// pinner tracks what the pins so far take up.
type pinner struct {
	g        *generator
	cal      *domain.Calendar
	wp       map[string]*domain.Workplace
	leader   map[int]int           // pinned shift → the werkleider leading it
	location map[leadKey]string    // where a werkleider leads that date
	load     map[leadKey]float64   // the pinned weight a werkleider carries that date
	perShift map[int]int           // pins per shift
	dates    map[int][]domain.Date // pinned dates per employee
}

// fits reports whether employee ei can be pinned on shift si next to the pins so far, and if so
// books the pin.
func (p *pinner) fits(ei, si int) bool {
	e, s := &p.g.ds.Employees[ei], &p.g.ds.Shifts[si]
	wp := p.wp[s.Workplace]
	if p.perShift[si] >= s.Max {
		return false
	}
	if rule, _ := Ineligible(p.cal, e, s, wp); rule != "" {
		return false
	}
	if slices.ContainsFunc(p.dates[ei], func(d domain.Date) bool {
		return d.ISOWeekKey() == s.Date.ISOWeekKey() || max(d-s.Date, s.Date-d) < pinSpacing
	}) {
		return false
	}
	if wp.Kind.NeedsWerkleider() && !p.lead(si, p.g.ds.Organisation.BegeleidingWeights.Of(e.Begeleiding)) {
		return false
	}
	p.perShift[si]++
	p.dates[ei] = append(p.dates[ei], s.Date)
	return true
}

// lead finds a werkleider for pinned shift si who can carry weight more, keeping the one already
// leading it, and books the weight.
func (p *pinner) lead(si int, weight float64) bool {
	s := &p.g.ds.Shifts[si]
	loc := p.wp[s.Workplace].Location
	try := func(wi int) bool {
		k := leadKey{w: wi, date: s.Date}
		if at, ok := p.location[k]; (ok && at != loc) || p.load[k]+weight > p.g.ds.Werkleiders[wi].Capacity {
			return false
		}
		p.location[k] = loc
		p.load[k] += weight
		p.leader[si] = wi
		return true
	}
	if wi, ok := p.leader[si]; ok {
		return try(wi)
	}
	for _, wi := range p.g.rng.Perm(len(p.g.ds.Werkleiders)) {
		w := &p.g.ds.Werkleiders[wi]
		if slices.Contains(w.Workplaces, s.Workplace) && p.cal.WerkleiderOn(w, s.Date) == domain.Available && try(wi) {
			return true
		}
	}
	return false
}

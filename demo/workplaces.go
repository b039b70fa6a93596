package demo

import (
	"fmt"
	"math"
	"slices"
	"strings"

	"ploeg/domain"
)

// The Paswerk gemeenten with their CBS codes and the share of the employees living there (roughly by
// population, Haarlem a little above its share because the Wsw population is more urban).
var gemeenten = []struct {
	code, name string
	share      float64
}{
	{"GM0392", "Haarlem", 0.72},
	{"GM0473", "Zandvoort", 0.08},
	{"GM0397", "Heemstede", 0.11},
	{"GM0377", "Bloemendaal", 0.09},
}

func (g *generator) addGemeenten() {
	for _, gm := range gemeenten {
		g.ds.Gemeenten = append(g.ds.Gemeenten, domain.Gemeente{Code: gm.code, Name: gm.name})
	}
}

// drawGemeente picks a woongemeente by share.
func (g *generator) drawGemeente() string {
	return gemeenten[drawIndex(g.rng, len(gemeenten), func(i int) float64 { return gemeenten[i].share })].code
}

// gemeenteOf returns the gemeente a location lies in, or "" outside the region.
func gemeenteOf(location string) string {
	switch location {
	case "Heemstede":
		return "GM0397"
	case "Zandvoort":
		return "GM0473"
	case "Bloemendaal", "Overveen":
		return "GM0377"
	case "Cruquius", "Waarderpolder", "Schalkwijk", "Haarlem-Noord", "Haarlem-Zuid", "Haarlem-Centrum", "Spaarndam":
		return "GM0392"
	}
	return ""
}

// slot is the daily time of a workplace's shifts. Every full day is 7 worked hours, so that five days
// fit the 36-hour week (H7); the short ones (5.5 h) suit part-timers with a maxHoursPerDay.
type slot struct {
	start, end   domain.Clock
	breakMinutes int
}

func clock(h, m int) domain.Clock { return domain.Clock(h*60 + m) }

var (
	slotDag     = slot{clock(8, 0), clock(15, 30), 30}
	slotLaat    = slot{clock(8, 30), clock(16, 0), 30}
	slotVroeg   = slot{clock(7, 30), clock(15, 0), 30} // 55+ only with seniorConsent
	slotWinkel  = slot{clock(9, 30), clock(17, 0), 30}
	slotKort    = slot{clock(8, 30), clock(14, 30), 30}
	slotKantine = slot{clock(10, 0), clock(15, 30), 0}
)

// worked returns the worked hours of the slot (it never crosses midnight).
func (s slot) worked() float64 { return float64(s.end.Minutes()-s.start.Minutes()-s.breakMinutes) / 60 }

// template describes a workplace of the catalogue. Templates with a family are repeated, at other
// locations, when the region is larger than the default.
type template struct {
	id, name   string
	kind       domain.WorkplaceKind
	location   string
	client     string
	skills     []string
	conditions []string
	size       float64 // relative size of the home team (about the number of people at the default size)
	slot       slot
	saturday   bool // open on Saturday too
	priority   int
	family     string // name stem of repeated teams; "" when not repeated
	clientForm string // client of repeated teams, with %s for an invented name
}

// catalogue is the region at its default size: 25 workplaces. The first ones come first when the region
// is smaller, so even a tiny demo has all three kinds. Every client is invented.
var catalogue = []template{
	{id: "verpakken-a", name: "Verpakken hal A", kind: domain.Bedrijfsactiviteit, location: "Cruquius", skills: []string{"verpakken"}, conditions: []string{"tillen", "staand"}, size: 40, slot: slotDag, priority: 1, family: "Verpakken"},
	{id: "groen-noord", name: "Groenteam Haarlem-Noord", kind: domain.Uitbesteed, location: "Haarlem-Noord", client: "Woonstichting Kennemer Erf", skills: []string{"groen"}, conditions: []string{"buiten", "tillen"}, size: 24, slot: slotVroeg, priority: 3, family: "Groenteam", clientForm: "Hoveniersbedrijf %s"},
	{id: "montage", name: "Montage en assemblage", kind: domain.Bedrijfsactiviteit, location: "Cruquius", skills: []string{"montage"}, conditions: []string{"lawaai"}, size: 30, slot: slotLaat, priority: 1, family: "Montage"},
	{id: "conciergedienst-duinrand", name: "Conciërgedienst Scholengemeenschap De Duinrand", kind: domain.Detachering, location: "Haarlem-Zuid", client: "Scholengemeenschap De Duinrand", skills: []string{"schoonmaak"}, conditions: []string{"trappen", "klantcontact"}, size: 6, slot: slotDag, priority: 3},
	{id: "kringloop-heemstede", name: "Kringloopwinkel Heemstede", kind: domain.Bedrijfsactiviteit, location: "Heemstede", skills: []string{"kassa"}, conditions: []string{"klantcontact", "staand"}, size: 18, slot: slotWinkel, saturday: true, priority: 2, family: "Kringloopwinkel"},
	{id: "verpakken-b", name: "Verpakken hal B", kind: domain.Bedrijfsactiviteit, location: "Cruquius", skills: []string{"verpakken"}, conditions: []string{"staand", "lawaai"}, size: 36, slot: slotDag, priority: 1},
	{id: "textiel", name: "Textielsortering", kind: domain.Bedrijfsactiviteit, location: "Waarderpolder", skills: []string{"textiel"}, conditions: []string{"stof", "staand"}, size: 30, slot: slotDag, priority: 1, family: "Textielsortering"},
	{id: "bollen-vanderzee", name: "Bloembollen tellen en verpakken", kind: domain.Uitbesteed, location: "Cruquius", client: "Bloembollenkwekerij Van der Zee", skills: []string{"verpakken"}, conditions: []string{"stof", "staand"}, size: 24, slot: slotDag, priority: 4, family: "Bloembollen verpakken", clientForm: "Bloembollenkwekerij %s"},
	{id: "kringloop-schalkwijk", name: "Kringloopwinkel Schalkwijk", kind: domain.Bedrijfsactiviteit, location: "Schalkwijk", skills: []string{"kassa"}, conditions: []string{"klantcontact", "staand", "tillen"}, size: 18, slot: slotWinkel, saturday: true, priority: 2},
	{id: "expeditie", name: "Expeditie en magazijn", kind: domain.Bedrijfsactiviteit, location: "Cruquius", skills: []string{"verpakken", "heftruck"}, conditions: []string{"tillen", "lawaai"}, size: 12, slot: slotVroeg, priority: 2},
	{id: "schoonmaak-houtplein", name: "Schoonmaak kantoorpark Houtplein", kind: domain.Uitbesteed, location: "Haarlem-Centrum", client: "Kantorenbeheer Houtplein B.V.", skills: []string{"schoonmaak"}, conditions: []string{"staand", "trappen"}, size: 20, slot: slotVroeg, priority: 3, family: "Schoonmaak", clientForm: "Facilitair bedrijf %s"},
	{id: "kabelbomen", name: "Kabelbomen en elektromontage", kind: domain.Uitbesteed, location: "Cruquius", client: "Elektrotechniek Kennemerland B.V.", skills: []string{"montage"}, conditions: []string{"staand"}, size: 22, slot: slotLaat, priority: 5, family: "Elektromontage", clientForm: "Elektrotechniek %s B.V."},
	{id: "postkamer", name: "Postkamer en repro", kind: domain.Bedrijfsactiviteit, location: "Cruquius", skills: []string{"post"}, conditions: []string{}, size: 12, slot: slotKort, priority: 2},
	{id: "kantine", name: "Kantine en catering", kind: domain.Bedrijfsactiviteit, location: "Cruquius", skills: []string{"catering"}, conditions: []string{"staand", "klantcontact"}, size: 12, slot: slotKantine, priority: 1},
	{id: "groen-heemstede", name: "Groenteam eigen terreinen en kwekerij", kind: domain.Bedrijfsactiviteit, location: "Heemstede", skills: []string{"groen"}, conditions: []string{"buiten"}, size: 20, slot: slotDag, priority: 1, family: "Kwekerij"},
	{id: "publiekshal-heemstede", name: "Postbezorging en ontvangst raadhuis Heemstede", kind: domain.Detachering, location: "Heemstede", client: "Gemeente Heemstede", skills: []string{"post"}, conditions: []string{"klantcontact"}, size: 8, slot: slotDag, priority: 3},
	{id: "mailings-houtvaart", name: "Mailings en lettershop", kind: domain.Uitbesteed, location: "Waarderpolder", client: "Drukkerij De Houtvaart", skills: []string{"post"}, conditions: []string{}, size: 16, slot: slotKort, priority: 3, family: "Lettershop", clientForm: "Drukkerij %s"},
	{id: "fietsenwerkplaats", name: "Fietsenwerkplaats", kind: domain.Bedrijfsactiviteit, location: "Schalkwijk", skills: []string{"montage"}, conditions: []string{"staand"}, size: 14, slot: slotLaat, priority: 1, family: "Fietsenwerkplaats"},
	{id: "groen-zandvoort", name: "Groenteam Zandvoort", kind: domain.Uitbesteed, location: "Zandvoort", client: "Recreatiepark Zeeduin", skills: []string{"groen"}, conditions: []string{"buiten", "tillen"}, size: 16, slot: slotDag, priority: 3},
	{id: "landgoed-duinvliet", name: "Groepsdetachering groen Landgoed Duinvliet", kind: domain.Detachering, location: "Bloemendaal", client: "Stichting Landgoed Duinvliet", skills: []string{"groen"}, conditions: []string{"buiten", "tillen"}, size: 14, slot: slotDag, priority: 3, family: "Groepsdetachering groen", clientForm: "Stichting Landgoed %s"},
	{id: "cosmetica-zeepziederij", name: "Verpakken cosmetica", kind: domain.Uitbesteed, location: "Waarderpolder", client: "Zandvoortse Zeepziederij", skills: []string{"verpakken"}, conditions: []string{"staand"}, size: 18, slot: slotDag, priority: 4, family: "Verpakken cosmetica", clientForm: "Cosmeticafabriek %s"},
	{id: "inname-kringloop", name: "Inname en sortering kringloop", kind: domain.Bedrijfsactiviteit, location: "Waarderpolder", skills: []string{}, conditions: []string{"tillen", "stof"}, size: 20, slot: slotKort, priority: 1, family: "Inname kringloop"},
	{id: "schoonmaak-intern", name: "Schoonmaak eigen gebouwen", kind: domain.Bedrijfsactiviteit, location: "Cruquius", skills: []string{"schoonmaak"}, conditions: []string{"trappen"}, size: 10, slot: slotVroeg, priority: 1},
	{id: "duinhuis-facilitair", name: "Detachering facilitair zorgcentrum Het Duinhuis", kind: domain.Detachering, location: "Bloemendaal", client: "Zorgcentrum Het Duinhuis", skills: []string{"catering"}, conditions: []string{"klantcontact", "staand"}, size: 10, slot: slotDag, priority: 3, family: "Detachering zorgcentrum", clientForm: "Zorgcentrum %s"},
	{id: "displays-spaarndam", name: "Assemblage winkeldisplays", kind: domain.Uitbesteed, location: "Spaarndam", client: "Displaybouw Spaarndam B.V.", skills: []string{"montage"}, conditions: []string{"staand", "tillen"}, size: 18, slot: slotDag, priority: 4, family: "Displaybouw", clientForm: "Displaybouw %s B.V."},
}

// replicaLocations are where the teams of a larger region work.
var replicaLocations = []string{
	"Cruquius", "Waarderpolder", "Schalkwijk", "Heemstede", "Zandvoort", "Bloemendaal", "Haarlem-Noord",
	"Spaarndam", "Overveen", "Hoofddorp", "IJmuiden", "Velserbroek", "Beverwijk", "Nieuw-Vennep", "Hillegom", "Lisse",
}

// clientNames complete the invented client names of repeated teams.
var clientNames = []string{
	"Van der Zee", "Zwetsloot", "Ruigrok", "Duinvliet", "Kennemerhof", "Spaarnezicht", "Hogervorst", "De Zilk",
	"Meerman", "Warmerdam", "Van Schie", "Bol", "Zeeduin", "Houtrust", "Ter Kleef", "Van Duijn", "Ooms", "Brederode",
}

const (
	peoplePerWorkplace = 24 // Wsw employees per workplace: 25 workplaces at the default 600
	minWorkplaces      = 4
)

// site is a workplace with what the generator needs to know about it.
type site struct {
	wp          domain.Workplace
	gemeente    string // the gemeente of its location, "" outside the region
	slot        slot
	saturday    bool
	priority    int
	size        float64
	conditions  tagMask
	independent bool // no hoog begeleiding: detachering (the client supervises) and heftruck work

	target      float64   // home team size aimed for
	homes       []int     // employees (index in ds.Employees) with this homeWorkplace
	demand      [6]demand // per weekday ma..za
	werkleiders []int     // werkleiders (index in g.werkleiders) listing this workplace
}

func newSite(t template) *site {
	return &site{
		wp: domain.Workplace{
			ID: t.id, Name: t.name, Kind: t.kind, Location: t.location, Client: t.client,
			Skills: slices.Clone(t.skills), Conditions: slices.Clone(t.conditions),
		},
		gemeente:    gemeenteOf(t.location),
		slot:        t.slot,
		saturday:    t.saturday,
		priority:    t.priority,
		size:        t.size,
		conditions:  maskOf(t.conditions),
		independent: t.kind == domain.Detachering || slices.Contains(t.skills, "heftruck"),
	}
}

// open reports whether the workplace has shifts on weekday wd.
func (s *site) open(wd domain.Weekday) bool {
	return wd < domain.Zaterdag || (wd == domain.Zaterdag && s.saturday)
}

// addWorkplaces adds about one workplace per peoplePerWorkplace Wsw employees: the catalogue first,
// then repeated teams of its families at other locations.
func (g *generator) addWorkplaces() {
	n := max(minWorkplaces, int(math.Round(float64(g.opts.Employees)/peoplePerWorkplace)))
	var families []template
	for _, t := range catalogue {
		if t.family != "" {
			families = append(families, t)
		}
	}
	used := map[string]bool{}
	for i := range n {
		var t template
		if i < len(catalogue) {
			t = catalogue[i]
		} else {
			t = g.replica(families[(i-len(catalogue))%len(families)], used)
		}
		used[t.id] = true
		g.sites = append(g.sites, newSite(t))
	}
	for _, s := range g.sites {
		g.ds.Workplaces = append(g.ds.Workplaces, s.wp)
	}
	g.skillPool = skillPool(g.sites)
}

// replica returns another team of t's family at a random location, with an unused id.
func (g *generator) replica(t template, used map[string]bool) template {
	t.location = replicaLocations[g.rng.IntN(len(replicaLocations))]
	base := slug(t.family) + "-" + slug(t.location)
	t.id, t.name = base, t.family+" "+t.location
	for k := 2; used[t.id]; k++ {
		t.id, t.name = fmt.Sprintf("%s-%d", base, k), fmt.Sprintf("%s %s %d", t.family, t.location, k)
	}
	if t.clientForm != "" {
		t.client = fmt.Sprintf(t.clientForm, clientNames[g.rng.IntN(len(clientNames))])
	}
	return t
}

// slug turns a name into an id part: lower case, words joined by '-'.
func slug(s string) string { return strings.ReplaceAll(strings.ToLower(s), " ", "-") }

// skills are every skill a workplace can ask for.
var skills = []string{"verpakken", "montage", "heftruck", "textiel", "kassa", "groen", "schoonmaak", "catering", "post"}

// skillPool weighs each skill (heftruck aside: that takes a certificate) by the size of the teams
// that need it, for the extra skills people have beyond their home workplace's.
func skillPool(sites []*site) []weighted[string] {
	var pool []weighted[string]
	for _, sk := range skills {
		if sk == "heftruck" {
			continue
		}
		w := 0.0
		for _, s := range sites {
			if slices.Contains(s.wp.Skills, sk) {
				w += s.size
			}
		}
		if w > 0 {
			pool = append(pool, weighted[string]{sk, w})
		}
	}
	return pool
}

// conditionTags are the work conditions; restrictions use the same tags, never medical words.
var conditionTags = []string{"tillen", "staand", "buiten", "lawaai", "stof", "klantcontact", "trappen"}

// tagMask is a set of conditionTags.
type tagMask uint16

func maskOf(tags []string) tagMask {
	var m tagMask
	for _, t := range tags {
		if i := slices.Index(conditionTags, t); i >= 0 {
			m |= 1 << i
		}
	}
	return m
}

package reports

import (
	"time"

	"ploeg/domain"
)

// Meta says what a printout was made from and when. It is printed on every page, so a sheet on the
// wall shows how old it is and which plan it shows.
type Meta struct {
	// PrintedAt is the moment of printing; it is also the PDF's creation date, so the same Meta
	// gives the same bytes. Shown in Europe/Amsterdam.
	PrintedAt time.Time
	// Version names the plan's version as people compare it: the stored record version ("17"), or
	// for a plan from a file a short digest of its content. Empty prints as "onbekend".
	Version string
	// Status is the plan's status; empty counts as concept (a plan nobody published is a draft).
	Status domain.PlanStatus
}

// Published reports whether the plan was published.
func (m Meta) Published() bool { return m.Status == domain.Gepubliceerd }

// StatusText returns the status as printed.
func (m Meta) StatusText() string {
	if m.Published() {
		return "gepubliceerd"
	}
	return "concept"
}

// VersionText returns the version as printed.
func (m Meta) VersionText() string {
	if m.Version == "" {
		return "onbekend"
	}
	return m.Version
}

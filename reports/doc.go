// Package reports renders plans and datasets for people and other systems: printed rosters (PDF),
// hours for payroll (CSV) and calendar feeds (iCalendar). Every function is a pure renderer: domain
// values in, bytes to an io.Writer out; nothing here reads a store, the clock or the network, so the
// CLI and the API fill the same inputs and the same inputs give the same bytes.
//
// All text a person reads (PDF, CSV headers, calendar events) is Dutch.
package reports

// Package quota computes what gemeenten and management ask of the Wsw and beschut werk: the beschut
// werk taakstelling per gemeente (realised, difference, percentage, status, month-end trend and a
// projection to 31 December), the Wsw arbeidsjaren per gemeente and year as the law counts them,
// and a forecast of both with, per workplace, the people still eligible against the work it needs.
//
// Every function takes values and returns values: no clock, no storage, no I/O. The CLI, the PDF
// reports and the web dashboard share these calculations. The rules, with their sources
// (docs/DOMAIN.md, docs/research-domain.md):
//
//   - A person counts at a date d when their dienstbetrekking includes d (contractStart ≤ d ≤
//     contractEnd, both inclusive: a contract that starts or ends on 31 December counts at
//     31 December) and d lies before their AOW date. For the Wsw the indicatie lapses on the AOW
//     date (Wsw art. 12 lid 2); for beschut werk Ploeg uses the same cut-off as its availability
//     rule (docs/DATASET.md).
//   - Beschut werk counts dienstbetrekkingen: persons, whatever their hours (Participatiewet
//     art. 10b lid 4; the yearly Regeling vaststelling aantallen beschut werk sets the number
//     "ultimo <jaar>", so the default peildatum is 31 December). A person counts for the gemeente
//     responsible at placement: their gemeente on contractStart (docs/DOMAIN.md), also after a move.
//   - Wsw arbeidsjaren (Wsw art. 1; Besluit uitvoering sociale werkvoorziening art. 15): the
//     average of the twelve month-end counts of contract hours ÷ full-time hours, category ernstig
//     × 1.25; sickness and leave with wage continued still count (art. 15 a), so absences never
//     lower the count; totals to hundredths, 0.005 rounding up (art. 15 d). A person counts for the
//     gemeente they live in at each month end: the law counts the arbeidsjaren of a gemeente's
//     "geïndiceerde ingezetenen" (Wsw art. 1, Besluit art. 16), so after a move the month ends count
//     for the new gemeente. Gemeente, category and hours at a month end come from the employee's
//     history (domain.HistoryEntry).
package quota

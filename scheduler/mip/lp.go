package mip

import (
	"bufio"
	"io"
	"strconv"
)

// termsPerLine keeps the LP file's lines short; LP readers limit line length.
const termsPerLine = 8

// writeLP writes the model in CPLEX LP format, as CBC (CoinLpIO) reads it. Every column appears in
// the objective, with cost 0 if need be, so that no reader drops it.
func (m *Model) writeLP(w io.Writer) error {
	bw := bufio.NewWriter(w)
	bw.WriteString("\\ Ploeg reference model (scheduler/mip), " + m.String() + "\n")
	bw.WriteString("\\ the objective includes the constant " + num(m.Offset) + " as the cost of column k = 1\n")
	bw.WriteString("Minimize\n obj:")
	obj := make([]term, len(m.cols))
	for i, c := range m.cols {
		obj[i] = term{col: i, coef: c.cost}
	}
	m.writeTerms(bw, obj)
	bw.WriteString("\nSubject To\n")
	for _, r := range m.rows {
		bw.WriteString(" " + r.name + ":")
		m.writeTerms(bw, r.terms)
		bw.WriteString(" " + r.sense + " " + num(r.rhs) + "\n")
	}
	bw.WriteString("Bounds\n k = 1\nBinaries\n")
	n := 0
	for _, c := range m.cols {
		if !c.kind.binary() {
			continue
		}
		bw.WriteString(" " + c.name)
		if n++; n%termsPerLine == 0 {
			bw.WriteString("\n")
		}
	}
	bw.WriteString("\nEnd\n")
	return bw.Flush()
}

func (m *Model) writeTerms(bw *bufio.Writer, ts []term) {
	for i, t := range ts {
		if i > 0 && i%termsPerLine == 0 {
			bw.WriteString("\n  ")
		}
		sign, coef := " + ", t.coef
		switch {
		case coef < 0:
			sign, coef = " - ", -coef
		case i == 0:
			sign = " "
		}
		bw.WriteString(sign)
		if coef != 1 {
			bw.WriteString(num(coef) + " ")
		}
		bw.WriteString(m.cols[t.col].name)
	}
}

// num formats a number exactly, without an exponent (and 0 for −0).
func num(v float64) string {
	if v == 0 {
		return "0"
	}
	return strconv.FormatFloat(v, 'f', -1, 64)
}

package main

import (
	"encoding/csv"
	"io"
	"strconv"
	"strings"
)

// CSV for Dutch Excel: UTF-8 with a byte-order mark (without it Excel reads UTF-8 as Windows-1252
// and garbles ë and é), semicolons between fields and a decimal comma (the list and decimal
// separators of the Dutch locale, so a double-click opens the columns as numbers), one header row.

// utf8BOM makes Excel read the file as UTF-8.
const utf8BOM = "\uFEFF"

// newCSV writes the byte-order mark and returns a semicolon-separated writer on w.
func newCSV(w io.Writer) (*csv.Writer, error) {
	if _, err := io.WriteString(w, utf8BOM); err != nil {
		return nil, err
	}
	cw := csv.NewWriter(w)
	cw.Comma = ';'
	return cw, nil
}

// writeCSV writes a header and rows and flushes.
func writeCSV(w io.Writer, header []string, rows [][]string) error {
	cw, err := newCSV(w)
	if err != nil {
		return err
	}
	if err := cw.Write(header); err != nil {
		return err
	}
	if err := cw.WriteAll(rows); err != nil { // WriteAll flushes
		return err
	}
	return cw.Error()
}

// decimal formats x with a decimal comma and the given number of decimals (-1: as few as needed).
func decimal(x float64, decimals int) string {
	return strings.Replace(strconv.FormatFloat(x, 'f', decimals, 64), ".", ",", 1)
}

// optDecimal formats *x like decimal, and nil as an empty field.
func optDecimal(x *float64, decimals int) string {
	if x == nil {
		return ""
	}
	return decimal(*x, decimals)
}

// yesNo returns "ja" or "nee".
func yesNo(b bool) string {
	if b {
		return "ja"
	}
	return "nee"
}

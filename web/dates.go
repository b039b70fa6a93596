package web

import (
	"fmt"
	"html/template"
	"regexp"
	"strconv"
	"strings"

	"ploeg/domain"
)

// Dates the Dutch way. A native date field (<input type="date">) shows its value in the browser's
// own locale (mm/dd/yyyy in an English Chromium), whatever the page's lang says; so date fields are
// text fields that take dd-mm-jjjj (also with / or ., and the ISO form), with the date in words
// ("ma 30 nov 2026") beside them, written by the server and kept up to date by the script.

var dutchDate = regexp.MustCompile(`^(\d{1,2})[-/.](\d{1,2})[-/.](\d{4})$`)

// parseDay reads a date as a person types it: 30-11-2026, 30/11/2026, 30.11.2026 or 2026-11-30.
func parseDay(s string) (domain.Date, error) {
	s = strings.TrimSpace(s)
	if m := dutchDate.FindStringSubmatch(s); m != nil {
		d, _ := strconv.Atoi(m[1])
		mo, _ := strconv.Atoi(m[2])
		s = fmt.Sprintf("%s-%02d-%02d", m[3], mo, d)
	}
	return domain.ParseDate(s)
}

// dayInput writes a date as a date field shows it: 30-11-2026.
func dayInput(v any) string {
	d, ok := asDate(v)
	if !ok {
		return fmt.Sprint(v)
	}
	y, m, day := d.Civil()
	return fmt.Sprintf("%02d-%02d-%d", day, m, y)
}

func asDate(v any) (domain.Date, bool) {
	switch x := v.(type) {
	case domain.Date:
		return x, true
	case string:
		d, err := domain.ParseDate(x)
		return d, err == nil
	}
	return 0, false
}

// dayField is the HTML of a Dutch date field: label, text input, the date in words and the hint.
func dayField(id, name, label string, value any, required bool) template.HTML {
	req := ""
	if required {
		req = ` required aria-required="true"`
	}
	e := template.HTMLEscapeString
	return template.HTML(fmt.Sprintf(`<label for="%[1]s">%[3]s</label><span class="datefield"><input id="%[1]s" name="%[2]s" value="%[4]s" lang="nl" inputmode="numeric" autocomplete="off" size="10" pattern="\d{1,2}[\-\/.]\d{1,2}[\-\/.]\d{4}|\d{4}-\d{2}-\d{2}" aria-describedby="%[1]s-hint %[1]s-word" data-date%[6]s> <span class="dateword" id="%[1]s-word">%[5]s</span></span><span class="help" id="%[1]s-hint">dag-maand-jaar, bijvoorbeeld 30-11-2026</span>`,
		e(id), e(name), e(label), e(dayInput(value)), e(dayShort(value)), req))
}

package web

import (
	"encoding/json"
	"fmt"
	"html"
	"net/http"
	"net/url"
	"strconv"
	"strings"

	"ploeg/domain"
	"ploeg/quota"
)

// gemeenteIndex sends a gemeente user to their own dashboard and lists the gemeenten for others.
func (h *Handler) gemeenteIndex(w http.ResponseWriter, r *http.Request, c *call) {
	if c.p.Role == domain.RoleGemeente {
		http.Redirect(w, r, "/gemeente/"+c.p.Gemeente, http.StatusSeeOther)
		return
	}
	gs, err := domain.Gemeenten(h.cfg.Store).List(r.Context(), domain.ListOptions{})
	if err != nil {
		h.serverError(w, r, c, err)
		return
	}
	var list []domain.Gemeente
	for _, g := range gs {
		list = append(list, g.Value)
	}
	h.render(w, r, c, http.StatusOK, "gemeenten", map[string]any{"Title": "Gemeenten", "Gemeenten": list})
}

// yearRow is the taakstelling against the realised beschut werk places in one year.
type yearRow struct {
	Year     int
	Target   *float64
	Realised int
	Pct      *float64
	Status   string
	Current  bool
}

// gemeente shows one gemeente's dashboard: taakstelling against realised per year, the month trend
// as an SVG chart with its table, the Wsw arbeidsjaren and the forecast. The API decides what the
// user may see: a gemeente user gets only their own gemeente (403 for any other).
func (h *Handler) gemeente(w http.ResponseWriter, r *http.Request, c *call) {
	code := r.PathValue("code")
	if c.p.Role == domain.RoleGemeente && code != c.p.Gemeente {
		h.fail(w, r, c, http.StatusForbidden, "Geen toegang", "U ziet alleen de cijfers van uw eigen gemeente "+c.p.Gemeente+".")
		return
	}
	year := h.today().Year()
	if y, err := strconv.Atoi(r.URL.Query().Get("jaar")); err == nil && y > 2000 && y < 2100 {
		year = y
	}
	cur, status, detail := h.quota(r, c, code, year)
	if cur == nil && status == http.StatusBadRequest {
		// No taakstelling that year, or an unknown gemeente: the page says so and offers other years.
		h.render(w, r, c, http.StatusOK, "gemeente", map[string]any{"Title": "Dashboard " + code, "Code": code,
			"Year": year, "Prev": year - 1, "Next": year + 1, "Missing": strings.TrimPrefix(detail, "year: ")})
		return
	}
	if cur == nil {
		h.fail(w, r, c, status, "Cijfers niet beschikbaar", detail)
		return
	}
	if len(cur.Gemeenten) == 0 {
		h.fail(w, r, c, http.StatusNotFound, "Onbekende gemeente", "Deze gemeente staat niet in Ploeg.")
		return
	}
	g := cur.Gemeenten[0]
	var years []yearRow
	for y := year - 4; y <= year; y++ {
		rep := cur
		if y != year {
			if rep, _, _ = h.quota(r, c, code, y); rep == nil || len(rep.Gemeenten) == 0 {
				continue
			}
		}
		b := rep.Gemeenten[0].Beschut
		years = append(years, yearRow{Year: y, Target: b.Target, Realised: b.Realised, Pct: b.Percentage, Status: string(b.Status), Current: y == year})
	}
	var fc []quota.YearForecast
	res, prob, err := h.apiCall(r.Context(), c, http.MethodGet, "/api/v1/forecast?gemeente="+url.QueryEscape(code), nil, 0)
	if err == nil && prob == nil {
		var f struct {
			Gemeenten []quota.GemeenteForecast `json:"gemeenten"`
		}
		if json.Unmarshal(res.Body, &f) == nil && len(f.Gemeenten) > 0 {
			fc = f.Gemeenten[0].Years
		}
	}
	var target float64
	if g.Beschut.Target != nil {
		target = *g.Beschut.Target
	}
	chart := trendChart(g.Name, year, g.Beschut.MonthEnds, target)
	h.render(w, r, c, http.StatusOK, "gemeente", map[string]any{
		"Title": "Dashboard " + g.Name + " (" + g.Code + ")", "G": g, "Year": year, "Years": years,
		"Chart": chart, "Months": monthRows(g.Beschut.MonthEnds), "Forecast": fc, "Peildatum": dayLabel(cur.Peildatum),
		"Prev": year - 1, "Next": year + 1, "Warnings": cur.Warnings,
	})
}

// quota asks the API for one gemeente's figures of year; nil with the status and reason when refused.
func (h *Handler) quota(r *http.Request, c *call, code string, year int) (*quota.Report, int, string) {
	res, prob, err := h.apiCall(r.Context(), c, http.MethodGet, fmt.Sprintf("/api/v1/quota?year=%d&gemeente=%s", year, url.QueryEscape(code)), nil, 0)
	if err != nil {
		return nil, http.StatusInternalServerError, "Er ging iets mis."
	}
	if prob != nil {
		return nil, prob.Status, prob.Detail
	}
	var rep quota.Report
	if err := json.Unmarshal(res.Body, &rep); err != nil {
		return nil, http.StatusInternalServerError, "Er ging iets mis."
	}
	return &rep, http.StatusOK, ""
}

type monthRow struct {
	Month string
	Count int
}

func monthRows(ms []quota.Count) []monthRow {
	out := make([]monthRow, len(ms))
	for i, m := range ms {
		_, mo, _ := m.Date.Civil()
		out[i] = monthRow{Month: months[mo-1], Count: m.Count}
	}
	return out
}

// trendChart draws the month-end counts of beschut werk as an SVG line chart with the taakstelling
// as a dashed line, server-side, with a title and description for screen readers. The data table
// beside it on the page holds the same figures.
func trendChart(name string, year int, ms []quota.Count, target float64) string {
	const wd, ht, left, right, top, bottom = 640, 300, 48, 16, 16, 40
	maxV := target
	for _, m := range ms {
		maxV = max(maxV, float64(m.Count))
	}
	maxV = niceCeil(max(1, maxV*1.05))
	x := func(i int) float64 { return left + float64(i)*(wd-left-right)/11 }
	y := func(v float64) float64 { return top + (ht-top-bottom)*(1-v/maxV) }
	var b strings.Builder
	fmt.Fprintf(&b, `<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 %d %d" role="img" aria-labelledby="chart-title chart-desc" class="chart">`, wd, ht)
	fmt.Fprintf(&b, `<title id="chart-title">Beschut werk %s %d: plaatsen per maandeinde</title>`, html.EscapeString(name), year)
	var desc []string
	for _, m := range ms {
		_, mo, _ := m.Date.Civil()
		desc = append(desc, fmt.Sprintf("%s %d", months[mo-1], m.Count))
	}
	fmt.Fprintf(&b, `<desc id="chart-desc">Gerealiseerde plaatsen per maandeinde: %s. Taakstelling %s. Dezelfde cijfers staan in de tabel naast de grafiek.</desc>`,
		html.EscapeString(strings.Join(desc, ", ")), strconv.FormatFloat(target, 'f', -1, 64))
	// grid and axis labels
	for i := 0; i <= 4; i++ {
		v := maxV * float64(i) / 4
		fmt.Fprintf(&b, `<line x1="%d" x2="%d" y1="%.1f" y2="%.1f" class="grid"/><text x="%d" y="%.1f" class="axis" text-anchor="end">%.0f</text>`,
			left, wd-right, y(v), y(v), left-6, y(v)+4, v)
	}
	for i := range 12 {
		fmt.Fprintf(&b, `<text x="%.1f" y="%d" class="axis" text-anchor="middle">%s</text>`, x(i), ht-bottom+18, months[i][:3])
	}
	if target > 0 {
		fmt.Fprintf(&b, `<line x1="%d" x2="%d" y1="%.1f" y2="%.1f" class="target"/><text x="%d" y="%.1f" class="axis">taakstelling %s</text>`,
			left, wd-right, y(target), y(target), left+4, y(target)-6, strconv.FormatFloat(target, 'f', -1, 64))
	}
	var pts []string
	for i, m := range ms {
		pts = append(pts, fmt.Sprintf("%.1f,%.1f", x(i), y(float64(m.Count))))
	}
	if len(pts) > 0 {
		fmt.Fprintf(&b, `<polyline points="%s" class="line"/>`, strings.Join(pts, " "))
		for i, m := range ms {
			fmt.Fprintf(&b, `<rect x="%.1f" y="%.1f" width="7" height="7" class="dot"/>`, x(i)-3.5, y(float64(m.Count))-3.5)
		}
	}
	b.WriteString(`</svg>`)
	return b.String()
}

// niceCeil rounds v up to four equal steps of 1, 2, 2.5 or 5 times a power of ten, for axis labels.
func niceCeil(v float64) float64 {
	step := v / 4
	unit := 1.0
	for unit*10 <= step {
		unit *= 10
	}
	for _, m := range []float64{1, 2, 2.5, 5, 10} {
		if unit*m >= step {
			return unit * m * 4
		}
	}
	return v
}

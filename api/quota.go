package api

import (
	"net/http"
	"net/url"
	"slices"
	"strconv"
	"strings"

	"ploeg/domain"
	"ploeg/quota"
)

// queryParams reads the query parameters named in ints, floats and dates; any other parameter,
// or a value that does not parse, is refused with its path.
type queryParams struct {
	q  url.Values
	pr domain.Problems
}

func newQueryParams(q url.Values, allowed ...string) *queryParams {
	qp := &queryParams{q: q}
	for key := range q {
		if !slices.Contains(allowed, key) {
			qp.pr.Add("query."+key, "unknown_field", "onbekende zoekparameter %q; gebruik %s", key, strings.Join(allowed, ", "))
		}
	}
	return qp
}

func (qp *queryParams) int(key string, def int) int {
	v := qp.q.Get(key)
	if v == "" {
		return def
	}
	n, err := strconv.Atoi(v)
	if err != nil {
		qp.pr.Add("query."+key, "type", "%q is geen geheel getal", v)
	}
	return n
}

func (qp *queryParams) float(key string, def float64) float64 {
	v := qp.q.Get(key)
	if v == "" {
		return def
	}
	f, err := strconv.ParseFloat(v, 64)
	if err != nil {
		qp.pr.Add("query."+key, "type", "%q is geen getal (gebruik een punt, bv. 0.03)", v)
	}
	return f
}

func (qp *queryParams) date(key string) domain.Date {
	v := qp.q.Get(key)
	if v == "" {
		return 0
	}
	d, err := domain.ParseDate(v)
	if err != nil {
		qp.pr.Add("query."+key, "format", "%s", err)
	}
	return d
}

func (qp *queryParams) err() error { return qp.pr.Err("ongeldige zoekvraag") }

// queryField puts "query." before the fields of a quota refusal, which name the query's fields.
func queryField(err error) error {
	fs := domain.FieldErrors(err)
	if len(fs) == 0 {
		return err
	}
	var p domain.Problems
	p.AddAll("query", fs)
	return p.Err(err.(*domain.Error).Message)
}

// gemeenteScope returns the gemeente a request may see figures of: a gemeente user only their own
// (asking for another is forbidden), others what they ask for ("" for all).
func gemeenteScope(r *http.Request) (string, error) {
	p, asked := principalFrom(r.Context()), r.URL.Query().Get("gemeente")
	if p.Role != domain.RoleGemeente {
		return asked, nil
	}
	if asked != "" && asked != p.Gemeente {
		return "", domain.Errorf(domain.CodeForbidden, "u ziet alleen de cijfers van uw eigen gemeente %s", p.Gemeente)
	}
	return p.Gemeente, nil
}

// quotaReport answers GET /api/v1/quota: the beschut werk taakstelling and the Wsw arbeidsjaren.
func (s *Server) quotaReport(w http.ResponseWriter, r *http.Request) {
	qp := newQueryParams(r.URL.Query(), "year", "gemeente", "peildatum")
	today := domain.DateOf(s.cfg.Now().In(domain.Amsterdam))
	q := quota.Query{Year: qp.int("year", today.Year()), Peildatum: qp.date("peildatum")}
	if err := qp.err(); err != nil {
		writeProblem(w, r, s.log, err)
		return
	}
	g, err := gemeenteScope(r)
	if err != nil {
		writeProblem(w, r, s.log, err)
		return
	}
	q.Gemeente = g
	ds, err := domain.LoadDataset(r.Context(), s.store)
	if err != nil {
		writeProblem(w, r, s.log, err)
		return
	}
	rep, err := quota.Quota(ds, q)
	if err != nil {
		writeProblem(w, r, s.log, queryField(err))
		return
	}
	writeJSON(w, http.StatusOK, rep)
}

// forecast answers GET /api/v1/forecast. A gemeente user gets their own gemeente's lines only:
// the region, the workplaces and the capacity draw on every gemeente's residents.
func (s *Server) forecast(w http.ResponseWriter, r *http.Request) {
	today := domain.DateOf(s.cfg.Now().In(domain.Amsterdam))
	def := quota.DefaultForecastOptions(today)
	qp := newQueryParams(r.URL.Query(), "baseYear", "years", "rate", "needWeeks", "gemeente")
	o := quota.ForecastOptions{BaseYear: qp.int("baseYear", def.BaseYear), Years: qp.int("years", def.Years),
		Rate: qp.float("rate", def.Rate), NeedWeeks: qp.int("needWeeks", def.NeedWeeks)}
	if err := qp.err(); err != nil {
		writeProblem(w, r, s.log, err)
		return
	}
	if err := quota.CheckForecastOptions(o); err != nil {
		writeProblem(w, r, s.log, queryField(err))
		return
	}
	g, err := gemeenteScope(r)
	if err != nil {
		writeProblem(w, r, s.log, err)
		return
	}
	ds, err := domain.LoadDataset(r.Context(), s.store)
	if err != nil {
		writeProblem(w, r, s.log, err)
		return
	}
	if g != "" && !slices.ContainsFunc(ds.Gemeenten, func(x domain.Gemeente) bool { return x.Code == g }) {
		var p domain.Problems
		p.Add("query.gemeente", "reference", "onbekende gemeente %q", g)
		writeProblem(w, r, s.log, p.Err("ongeldige zoekvraag"))
		return
	}
	f, err := quota.MakeForecast(ds, o)
	if err != nil {
		writeProblem(w, r, s.log, queryField(err))
		return
	}
	if g == "" {
		writeJSON(w, http.StatusOK, f)
		return
	}
	own := slices.DeleteFunc(f.Gemeenten, func(x quota.GemeenteForecast) bool { return x.Code != g })
	writeJSON(w, http.StatusOK, map[string]any{"baseYear": f.BaseYear, "years": f.Years, "rate": f.Rate,
		"fullTimeHours": f.FullTimeHours, "gemeenten": own})
}

package web

import (
	"bytes"
	"fmt"
	"html/template"
	"io/fs"
	"net/http"
	"strings"

	"ploeg/domain"
)

// view is what every template gets: the signed-in user, the menu, the CSRF token and the page's
// own data in D.
type view struct {
	Title  string
	User   string
	Role   string
	CSRF   string
	Nav    []navItem
	Active string
	D      map[string]any
}

type navItem struct{ Href, Label string }

func navFor(c *call) []navItem {
	switch c.p.Role {
	case domain.RoleAdmin:
		return []navItem{{"/planbord", "Planbord"}, {"/week/" + "vandaag", "Week"}, {"/medewerkers", "Medewerkers"}, {"/gemeente", "Gemeenten"}}
	case domain.RolePlanner:
		return []navItem{{"/planbord", "Planbord"}, {"/week/vandaag", "Week"}, {"/medewerkers", "Medewerkers"}}
	case domain.RoleHR:
		return []navItem{{"/medewerkers", "Medewerkers"}, {"/planbord", "Planbord"}, {"/week/vandaag", "Week"}, {"/gemeente", "Gemeenten"}}
	case domain.RoleGemeente:
		return []navItem{{"/gemeente/" + c.p.Gemeente, "Dashboard " + c.p.Gemeente}}
	case domain.RoleMedewerker:
		return []navItem{{"/mijn-rooster", "Mijn rooster"}}
	}
	return nil
}

var funcs = template.FuncMap{
	"join": strings.Join,
	"add":  func(a, b int) int { return a + b },
	"pct": func(p *float64) string {
		if p == nil {
			return "–"
		}
		return strings.Replace(fmt.Sprintf("%.1f %%", *p), ".", ",", 1)
	},
	"num": func(f float64) string { return strings.Replace(fmt.Sprintf("%.2f", f), ".", ",", 1) },
	"num1": func(f float64) string {
		return strings.Replace(fmt.Sprintf("%.1f", f), ".", ",", 1)
	},
	"optnum": func(f *float64) string {
		if f == nil {
			return "–"
		}
		return strings.TrimSuffix(strings.TrimSuffix(strings.Replace(fmt.Sprintf("%.2f", *f), ".", ",", 1), "00"), ",")
	},
	"dagnaam":   dayLabel,
	"dagkort":   dayShort,
	"datumveld": dayField,
	"list3":     func() []string { return []string{"laag", "midden", "hoog"} },
	"planLabel": planLabel,
	"aantal": func(n int, one, many string) string {
		if n == 1 {
			return "1 " + one
		}
		return fmt.Sprintf("%d %s", n, many)
	},
	"safeSVG": func(s string) template.HTML { return template.HTML(s) }, // only for SVG built by chart.go from numbers and escaped text
}

func parseTemplates() map[string]*template.Template {
	out := map[string]*template.Template{}
	names, err := fs.Glob(templateFS, "templates/*.html")
	if err != nil {
		panic(err)
	}
	for _, n := range names {
		base := strings.TrimSuffix(strings.TrimPrefix(n, "templates/"), ".html")
		if base == "layout" {
			continue
		}
		out[base] = template.Must(template.New(base).Funcs(funcs).ParseFS(templateFS, "templates/layout.html", n))
	}
	return out
}

// render writes page name with data d in the layout, buffered so that a template error becomes a
// clean 500.
func (h *Handler) render(w http.ResponseWriter, r *http.Request, c *call, status int, name string, d map[string]any) {
	t, ok := h.tmpl[name]
	if !ok {
		panic("web: no template " + name)
	}
	v := view{CSRF: c.csrf, Nav: navFor(c), D: d, Active: r.URL.Path}
	if title, ok := d["Title"].(string); ok {
		v.Title = title
	}
	if c.signedIn() {
		v.User, v.Role = c.user, roleName(c.p.Role)
	}
	var buf bytes.Buffer
	if err := t.ExecuteTemplate(&buf, "layout", v); err != nil {
		h.cfg.Log.ErrorContext(r.Context(), "sjabloon mislukt", "template", name, "err", err)
		http.Error(w, "Er ging iets mis bij het maken van deze pagina.", http.StatusInternalServerError)
		return
	}
	w.Header().Set("Content-Type", "text/html; charset=utf-8")
	w.Header().Set("Cache-Control", "no-store")
	w.WriteHeader(status)
	_, _ = w.Write(buf.Bytes())
}

// fail shows an error page with status.
func (h *Handler) fail(w http.ResponseWriter, r *http.Request, c *call, status int, title, msg string) {
	h.render(w, r, c, status, "error", map[string]any{"Title": title, "Message": msg, "Status": status})
}

func (h *Handler) serverError(w http.ResponseWriter, r *http.Request, c *call, err error) {
	h.cfg.Log.ErrorContext(r.Context(), "webpagina mislukt", "path", r.URL.Path, "err", err)
	h.fail(w, r, c, http.StatusInternalServerError, "Er ging iets mis", "Probeer het over een paar minuten opnieuw. Blijft het misgaan, meld het dan bij de beheerder.")
}

var weekdays = [...]string{"maandag", "dinsdag", "woensdag", "donderdag", "vrijdag", "zaterdag", "zondag"}
var months = [...]string{"januari", "februari", "maart", "april", "mei", "juni", "juli", "augustus", "september", "oktober", "november", "december"}

// dayLabel writes a date the Dutch way: "maandag 30 november 2026".
func dayLabel(d domain.Date) string {
	y, m, day := d.Civil()
	return fmt.Sprintf("%s %d %s %d", weekdays[mondayIndex(d)], day, months[m-1], y)
}

// dayShort writes a date short and Dutch, with the year: "ma 30 nov 2026". It takes a Date or its
// ISO text (what templates have).
func dayShort(v any) string {
	d, ok := asDate(v)
	if !ok {
		return fmt.Sprint(v)
	}
	y, _, _ := d.Civil()
	return fmt.Sprintf("%s %d", shortDay(d), y)
}

func shortDay(d domain.Date) string {
	_, m, day := d.Civil()
	return fmt.Sprintf("%s %d %s", weekdays[mondayIndex(d)][:2], day, months[m-1][:3])
}

// mondayIndex is 0 for Monday … 6 for Sunday.
func mondayIndex(d domain.Date) int { return int((d.Time().Weekday() + 6) % 7) }

// planLabel names a plan by its id (from~to) in Dutch: "dagplan maandag 30 november 2026" or
// "plan maandag 30 november 2026 t/m vrijdag 4 december 2026".
func planLabel(id string) string {
	f, t, ok := strings.Cut(id, "~")
	from, err1 := domain.ParseDate(f)
	to, err2 := domain.ParseDate(t)
	if !ok || err1 != nil || err2 != nil {
		return "plan " + id
	}
	if from == to {
		return "dagplan " + dayLabel(from)
	}
	return "plan " + dayLabel(from) + " t/m " + dayLabel(to)
}

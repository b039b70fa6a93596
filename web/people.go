package web

import (
	"cmp"
	"encoding/json"
	"net/http"
	"net/url"
	"slices"
	"strconv"
	"strings"

	"ploeg/api"
	"ploeg/domain"
)

// employeeJSON is an employee as the API shows it to the caller: with restrictions for HR and the
// beheerder, with only the unsuitable werkplekken for everyone else.
type employeeJSON struct {
	domain.Employee
	NietGeschikt []string `json:"nietGeschikt"`
}

// UnmarshalJSON reads both parts: domain.Employee has its own decoder, which would otherwise take
// over the whole value and drop nietGeschikt.
func (e *employeeJSON) UnmarshalJSON(b []byte) error {
	if err := json.Unmarshal(b, &e.Employee); err != nil {
		return err
	}
	var extra struct {
		NietGeschikt []string `json:"nietGeschikt"`
	}
	if err := json.Unmarshal(b, &extra); err != nil {
		return err
	}
	e.NietGeschikt = extra.NietGeschikt
	return nil
}

func canSeeRestrictions(c *call) bool {
	return c.p.Role == domain.RoleHR || c.p.Role == domain.RoleAdmin
}

// employees lists and searches the medewerkers.
func (h *Handler) employees(w http.ResponseWriter, r *http.Request, c *call) {
	q := strings.TrimSpace(r.URL.Query().Get("q"))
	path := "/api/v1/employees?limit=50"
	if q != "" {
		path += "&q=" + url.QueryEscape(q)
	}
	res, prob, err := h.apiCall(r.Context(), c, http.MethodGet, path, nil, 0)
	if err != nil {
		h.serverError(w, r, c, err)
		return
	}
	if prob != nil {
		h.fail(w, r, c, prob.Status, "Zoeken lukte niet", prob.Detail)
		return
	}
	var list struct {
		Items []struct {
			Value employeeJSON `json:"value"`
		} `json:"items"`
		Total int `json:"total"`
	}
	if err := json.Unmarshal(res.Body, &list); err != nil {
		h.serverError(w, r, c, err)
		return
	}
	items := make([]employeeJSON, len(list.Items))
	for i, it := range list.Items {
		items[i] = it.Value
	}
	h.render(w, r, c, http.StatusOK, "medewerkers", map[string]any{"Title": "Medewerkers", "Q": q, "Items": items, "Total": list.Total})
}

// employee shows one medewerker with their absences; HR and the beheerder may edit.
func (h *Handler) employee(w http.ResponseWriter, r *http.Request, c *call) {
	h.showEmployee(w, r, c, http.StatusOK, "", nil)
}

func (h *Handler) showEmployee(w http.ResponseWriter, r *http.Request, c *call, status int, msg string, proposals any) {
	h.showEmployeeMsg(w, r, c, status, msg, false, proposals)
}

// showEmployeeMsg shows the employee page with a message: done (green, ✔) or a problem (⚠).
func (h *Handler) showEmployeeMsg(w http.ResponseWriter, r *http.Request, c *call, status int, msg string, done bool, proposals any) {
	id := r.PathValue("id")
	res, prob, err := h.apiCall(r.Context(), c, http.MethodGet, "/api/v1/employees/"+url.PathEscape(id), nil, 0)
	if err != nil {
		h.serverError(w, r, c, err)
		return
	}
	if prob != nil {
		h.fail(w, r, c, prob.Status, "Medewerker niet gevonden", prob.Detail)
		return
	}
	var e employeeJSON
	if err := json.Unmarshal(res.Body, &e); err != nil {
		h.serverError(w, r, c, err)
		return
	}
	version := strings.Trim(res.Header.Get("ETag"), `"`)
	abs, err := domain.Absences(h.cfg.Store).List(r.Context(), domain.ListOptions{})
	if err != nil {
		h.serverError(w, r, c, err)
		return
	}
	var mine []domain.Absence
	for _, a := range abs {
		if a.Value.Person == id {
			mine = append(mine, a.Value)
		}
	}
	slices.SortFunc(mine, func(a, b domain.Absence) int { return cmp.Compare(b.From, a.From) })
	h.render(w, r, c, status, "medewerker", map[string]any{
		"Title": cmp.Or(e.Name, e.ID), "E": e, "Version": version, "Absences": mine,
		"Restrictions": canSeeRestrictions(c), "CanEdit": canSeeRestrictions(c), "Message": msg,
		"Proposals": proposals, "Today": h.today().String(), "Done": done,
		"Kinds": []string{string(domain.Ziek), string(domain.Verlof), string(domain.Therapeutisch), string(domain.Overig)},
		"OK":    r.URL.Query().Get("ok") == "opgeslagen",
	})
}

// editEmployee changes name, contract hours, begeleiding, skills and (HR only) restrictions with a
// JSON merge patch through the API, naming the version that was shown.
func (h *Handler) editEmployee(w http.ResponseWriter, r *http.Request, c *call) {
	id := r.PathValue("id")
	version, _ := strconv.ParseInt(r.PostFormValue("version"), 10, 64)
	patch := map[string]any{
		"name":        strings.TrimSpace(r.PostFormValue("name")),
		"begeleiding": r.PostFormValue("begeleiding"),
		"skills":      splitList(r.PostFormValue("skills")),
	}
	if hrs, err := strconv.ParseFloat(strings.Replace(r.PostFormValue("contractHours"), ",", ".", 1), 64); err == nil {
		patch["contractHours"] = hrs
	} else {
		h.showEmployee(w, r, c, http.StatusBadRequest, "Contracturen: vul een getal in, bijvoorbeeld 32 of 27,5.", nil)
		return
	}
	if canSeeRestrictions(c) {
		patch["restrictions"] = splitList(r.PostFormValue("restrictions"))
	}
	raw, _ := json.Marshal(patch)
	hdr := http.Header{"Content-Type": {"application/merge-patch+json"}, "If-Match": {`"` + strconv.FormatInt(version, 10) + `"`}}
	res, err := h.cfg.API.Call(r.Context(), c.p, http.MethodPatch, "/api/v1/employees/"+url.PathEscape(id), raw, hdr)
	if err != nil {
		h.serverError(w, r, c, err)
		return
	}
	if res.Status >= 400 {
		h.showEmployee(w, r, c, res.Status, problemText(res), nil)
		return
	}
	http.Redirect(w, r, "/medewerkers/"+url.PathEscape(id)+"?ok=opgeslagen", http.StatusSeeOther)
}

// problemText turns an API refusal into one Dutch sentence for the page.
func problemText(res *api.Response) string {
	var p api.Problem
	if json.Unmarshal(res.Body, &p) != nil {
		return "De wijziging is niet opgeslagen."
	}
	if p.Code == "stale" {
		return "Iemand anders heeft deze medewerker intussen gewijzigd. Hieronder staat de nieuwe versie; uw invoer is niet opgeslagen, vul hem opnieuw in."
	}
	msg := p.Detail
	for _, f := range p.Errors {
		msg += " " + f.Field + ": " + f.Message + "."
	}
	return "Niet opgeslagen: " + msg
}

func splitList(s string) []string {
	out := []string{}
	for _, part := range strings.FieldsFunc(s, func(r rune) bool { return r == ',' || r == '\n' }) {
		if p := strings.TrimSpace(part); p != "" {
			out = append(out, p)
		}
	}
	return out
}

// addAbsence records an absence; a ziekmelding comes back with a repair proposal per plan.
func (h *Handler) addAbsence(w http.ResponseWriter, r *http.Request, c *call) {
	id := r.PathValue("id")
	body := map[string]any{"person": id, "from": r.PostFormValue("from"), "to": cmp.Or(r.PostFormValue("to"), r.PostFormValue("from")), "kind": r.PostFormValue("kind")}
	res, prob, err := h.apiCall(r.Context(), c, http.MethodPost, "/api/v1/absences", body, 0)
	if err != nil {
		h.serverError(w, r, c, err)
		return
	}
	if prob != nil {
		msg := "Niet opgeslagen: " + prob.Detail
		for _, f := range prob.Errors {
			msg += " " + f.Field + ": " + f.Message + "."
		}
		h.showEmployee(w, r, c, prob.Status, msg, nil)
		return
	}
	var out struct {
		RepairProposals []struct {
			Plan        string `json:"plan"`
			PlanVersion int64  `json:"planVersion"`
			Diff        struct {
				Removed []domain.Assignment `json:"removed"`
				Added   []domain.Assignment `json:"added"`
			} `json:"diff"`
		} `json:"repairProposals"`
	}
	_ = json.Unmarshal(res.Body, &out)
	msg := "De afwezigheid is vastgelegd."
	if len(out.RepairProposals) > 0 {
		msg += " Deze medewerker stond ingepland: hieronder staat wat herplannen zou veranderen. Kies op het planbord ‘Herplan na ziekmelding’ om het door te voeren."
	}
	h.showEmployeeMsg(w, r, c, http.StatusOK, msg, true, out.RepairProposals)
}

// myRoster shows the medewerker's own published shifts.
func (h *Handler) myRoster(w http.ResponseWriter, r *http.Request, c *call) {
	res, prob, err := h.apiCall(r.Context(), c, http.MethodGet, "/api/v1/me/roster", nil, 0)
	if err != nil {
		h.serverError(w, r, c, err)
		return
	}
	if prob != nil {
		h.fail(w, r, c, prob.Status, "Rooster niet beschikbaar", prob.Detail)
		return
	}
	var out struct {
		Items []struct {
			Date      domain.Date  `json:"date"`
			Start     domain.Clock `json:"start"`
			End       domain.Clock `json:"end"`
			Workplace string       `json:"workplace"`
			Location  string       `json:"location"`
		} `json:"shifts"`
	}
	_ = json.Unmarshal(res.Body, &out)
	type line struct{ Day, Time, Where string }
	var lines []line
	for _, it := range out.Items {
		lines = append(lines, line{Day: dayLabel(it.Date), Time: it.Start.String() + "–" + it.End.String(), Where: it.Workplace + ", " + it.Location})
	}
	h.render(w, r, c, http.StatusOK, "mijnrooster", map[string]any{"Title": "Mijn rooster", "Lines": lines})
}

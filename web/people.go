package web

import (
	"cmp"
	"context"
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

func (h *Handler) showEmployee(w http.ResponseWriter, r *http.Request, c *call, status int, msg string, proposals []repairProposal) {
	h.showEmployeeMsg(w, r, c, status, msg, false, proposals, nil)
}

// repairOffer is a stored plan that an absence change touches, offered for "Herplan na ziekmelding".
type repairOffer struct {
	PlanID  string
	Version int64
	// Date is the first day of the change inside the plan: the planbord to go back to.
	Date string
}

// repairProposal is what the API answers a ziekmelding with, per plan the person works in.
type repairProposal struct {
	Plan        string `json:"plan"`
	PlanVersion int64  `json:"planVersion"`
	Diff        struct {
		Removed []domain.Assignment `json:"removed"`
		Added   []domain.Assignment `json:"added"`
	} `json:"diff"`
}

// absenceRow is one absence on the employee page, with the version its forms name.
type absenceRow struct {
	domain.Absence
	Version int64
}

// showEmployeeMsg shows the employee page with a message: done (green, ✔) or a problem (⚠), the
// repair proposals of a ziekmelding and the plans to offer "Herplan na ziekmelding" for.
func (h *Handler) showEmployeeMsg(w http.ResponseWriter, r *http.Request, c *call, status int, msg string, done bool, proposals []repairProposal, offers []repairOffer) {
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
	var mine []absenceRow
	for _, a := range abs {
		if a.Value.Person == id {
			mine = append(mine, absenceRow{Absence: a.Value, Version: a.Version})
		}
	}
	slices.SortFunc(mine, func(a, b absenceRow) int { return cmp.Compare(b.From, a.From) })
	if offers == nil {
		// The plans of the days of a change just made (?van=&tot=, also for a deleted absence), and
		// of every absence that has not ended.
		ranges := [][2]domain.Date{}
		from, err1 := domain.ParseDate(r.URL.Query().Get("van"))
		to, err2 := domain.ParseDate(r.URL.Query().Get("tot"))
		if err1 == nil && err2 == nil {
			ranges = append(ranges, [2]domain.Date{from, to})
		}
		for _, a := range mine {
			if a.To >= h.today() {
				ranges = append(ranges, [2]domain.Date{max(a.From, h.today()), a.To})
			}
		}
		if offers, err = h.plansOverlapping(r.Context(), ranges...); err != nil {
			h.serverError(w, r, c, err)
			return
		}
	}
	h.render(w, r, c, status, "medewerker", map[string]any{
		"Title": cmp.Or(e.Name, e.ID), "E": e, "Version": version, "Absences": mine,
		"Restrictions": canSeeRestrictions(c), "CanEdit": canSeeRestrictions(c), "Message": msg,
		"Proposals": proposals, "Today": h.today().String(), "Done": done,
		"Kinds": []string{string(domain.Ziek), string(domain.Verlof), string(domain.Therapeutisch), string(domain.Overig)},
		"OK":    employeeOK[r.URL.Query().Get("ok")], "Offers": offers,
		"CanRepair": slices.Contains(planners, c.p.Role), "CanAbsence": slices.Contains(planAndHR, c.p.Role),
	})
}

// employeeOK are the confirmations of the employee page (?ok=…).
var employeeOK = map[string]string{
	"opgeslagen":             "Opgeslagen.",
	"afwezigheid-gewijzigd":  "De afwezigheid is gewijzigd.",
	"afwezigheid-verwijderd": "De afwezigheid is verwijderd.",
}

// plansOverlapping are the stored plans with a day in one of the ranges (from, to), each once with
// the first such day.
func (h *Handler) plansOverlapping(ctx context.Context, ranges ...[2]domain.Date) ([]repairOffer, error) {
	if len(ranges) == 0 {
		return nil, nil
	}
	plans, err := domain.Plans(h.cfg.Store).List(ctx, domain.ListOptions{})
	if err != nil {
		return nil, err
	}
	var out []repairOffer
	for _, p := range plans {
		var first domain.Date
		found := false
		for _, rg := range ranges {
			if d := max(rg[0], p.Value.From); p.Value.From <= rg[1] && rg[0] <= p.Value.To && (!found || d < first) {
				first, found = d, true
			}
		}
		if found {
			out = append(out, repairOffer{PlanID: p.Value.Key(), Version: p.Version, Date: first.String()})
		}
	}
	return out, nil
}

// absenceForm reads the path's absence (person~from) and the form's version and reason.
func absenceForm(r *http.Request) (key string, from domain.Date, version int64, reason string, ok bool) {
	from, err := domain.ParseDate(r.PathValue("from"))
	version, _ = strconv.ParseInt(r.PostFormValue("version"), 10, 64)
	return r.PathValue("id") + "~" + from.String(), from, version, strings.TrimSpace(r.PostFormValue("reason")), err == nil
}

// editAbsence changes the end date and kind of an absence through the API (a merge patch naming
// the version shown); its start is its key, so a new start is a new absence.
func (h *Handler) editAbsence(w http.ResponseWriter, r *http.Request, c *call) {
	key, from, version, reason, ok := absenceForm(r)
	to, err := parseDay(cmp.Or(r.PostFormValue("to"), from.String()))
	if !ok || err != nil {
		h.showEmployee(w, r, c, http.StatusBadRequest, "Niet opgeslagen: vul bij “Tot en met” een datum in als 30-11-2026.", nil)
		return
	}
	old, _ := domain.Absences(h.cfg.Store).Get(r.Context(), key)
	patch := map[string]any{"to": to.String(), "kind": r.PostFormValue("kind")}
	res, prob, err := h.apiCallPatch(r.Context(), c, "/api/v1/absences/"+url.PathEscape(key), patch, version, reason)
	h.absenceDone(w, r, c, res, prob, err, "afwezigheid-gewijzigd", from, max(to, old.Value.To))
}

// deleteAbsence removes an absence through the API, naming the version shown.
func (h *Handler) deleteAbsence(w http.ResponseWriter, r *http.Request, c *call) {
	key, from, version, reason, ok := absenceForm(r)
	if !ok {
		h.fail(w, r, c, http.StatusNotFound, "Onbekende afwezigheid", "Deze afwezigheid bestaat niet (meer).")
		return
	}
	old, _ := domain.Absences(h.cfg.Store).Get(r.Context(), key)
	res, prob, err := h.apiCallReason(r.Context(), c, http.MethodDelete, "/api/v1/absences/"+url.PathEscape(key), nil, version, reason)
	h.absenceDone(w, r, c, res, prob, err, "afwezigheid-verwijderd", from, max(from, old.Value.To))
}

// absenceDone goes back to the employee page after a change of an absence: with the plans of the
// days it touched (to offer "Herplan na ziekmelding"), or with why it was not done.
func (h *Handler) absenceDone(w http.ResponseWriter, r *http.Request, c *call, res *api.Response, prob *api.Problem, err error, ok string, from, to domain.Date) {
	if err != nil {
		h.serverError(w, r, c, err)
		return
	}
	if prob != nil {
		h.showEmployee(w, r, c, prob.Status, problemText(res), nil)
		return
	}
	http.Redirect(w, r, "/medewerkers/"+url.PathEscape(r.PathValue("id"))+"?ok="+ok+"&van="+from.String()+"&tot="+to.String()+"#afw-h", http.StatusSeeOther)
}

// repairFromEmployee runs "Herplan na ziekmelding" on one plan from the employee page and shows
// the planbord of the day.
func (h *Handler) repairFromEmployee(w http.ResponseWriter, r *http.Request, c *call) {
	date, err := domain.ParseDate(r.PostFormValue("date"))
	if err != nil {
		h.fail(w, r, c, http.StatusBadRequest, "Onbekende datum", "Het formulier mist de dag van het plan. Laad de pagina opnieuw.")
		return
	}
	h.planActionOn(w, r, c, date, http.MethodPost, "/repair", nil, "hersteld")
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
	res, _, err := h.apiCallPatch(r.Context(), c, "/api/v1/employees/"+url.PathEscape(id), patch, version, "")
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
		return "Iemand anders heeft dit intussen gewijzigd. Hieronder staat de nieuwe versie; uw invoer is niet opgeslagen, vul hem opnieuw in."
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
	from, err1 := parseDay(r.PostFormValue("from"))
	to, err2 := parseDay(cmp.Or(r.PostFormValue("to"), r.PostFormValue("from")))
	if err1 != nil || err2 != nil {
		h.showEmployee(w, r, c, http.StatusBadRequest, "Niet opgeslagen: vul bij “Van” en “Tot en met” een datum in als 30-11-2026.", nil)
		return
	}
	body := map[string]any{"person": id, "from": from.String(), "to": to.String(), "kind": r.PostFormValue("kind")}
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
		RepairProposals []repairProposal `json:"repairProposals"`
	}
	_ = json.Unmarshal(res.Body, &out)
	msg := "De afwezigheid is vastgelegd."
	if len(out.RepairProposals) > 0 {
		msg += " Deze medewerker stond ingepland: hieronder staat wat herplannen zou veranderen."
	}
	offers, err := h.plansOverlapping(r.Context(), [2]domain.Date{from, to})
	if err != nil {
		h.serverError(w, r, c, err)
		return
	}
	h.showEmployeeMsg(w, r, c, http.StatusOK, msg, true, out.RepairProposals, offers)
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

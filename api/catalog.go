package api

import (
	"context"
	"fmt"
	"slices"
	"strconv"
	"strings"

	"ploeg/auth"
	"ploeg/domain"
)

// resourceRoutes returns the routes of the seven dataset resources.
func (s *Server) resourceRoutes() []route {
	var rs []route
	rs = append(rs, resource[domain.Gemeente]{
		kind: domain.KindGemeente, noun: "gemeente", repo: domain.Gemeenten,
		slice:    func(ds *domain.Dataset) *[]domain.Gemeente { return &ds.Gemeenten },
		filters:  map[string]func(domain.Gemeente, string) (bool, error){"q": func(g domain.Gemeente, q string) (bool, error) { return contains(g.Name+" "+g.Code, q), nil }},
		gemeente: func(g domain.Gemeente) string { return g.Code },
		read:     figures, write: admins,
	}.routes(s)...)
	rs = append(rs, resource[domain.Workplace]{
		kind: domain.KindWorkplace, noun: "werkplek", repo: domain.Workplaces,
		slice: func(ds *domain.Dataset) *[]domain.Workplace { return &ds.Workplaces },
		filters: map[string]func(domain.Workplace, string) (bool, error){
			"q": func(w domain.Workplace, q string) (bool, error) {
				return contains(w.ID+" "+w.Name+" "+w.Client, q), nil
			},
			"kind":     func(w domain.Workplace, k string) (bool, error) { return string(w.Kind) == k, nil },
			"location": func(w domain.Workplace, l string) (bool, error) { return strings.EqualFold(w.Location, l), nil },
		},
		read: staff, write: admins,
	}.routes(s)...)
	rs = append(rs, resource[domain.Werkleider]{
		kind: domain.KindWerkleider, noun: "werkleider", repo: domain.Werkleiders,
		slice: func(ds *domain.Dataset) *[]domain.Werkleider { return &ds.Werkleiders },
		filters: map[string]func(domain.Werkleider, string) (bool, error){
			"q":         func(w domain.Werkleider, q string) (bool, error) { return contains(w.ID+" "+w.Name, q), nil },
			"workplace": func(w domain.Werkleider, id string) (bool, error) { return slices.Contains(w.Workplaces, id), nil },
		},
		read: staff, write: people,
	}.routes(s)...)
	rs = append(rs, resource[domain.Employee]{
		kind: domain.KindEmployee, noun: "medewerker", repo: domain.Employees,
		slice: func(ds *domain.Dataset) *[]domain.Employee { return &ds.Employees },
		filters: map[string]func(domain.Employee, string) (bool, error){
			"q":         func(e domain.Employee, q string) (bool, error) { return contains(e.ID+" "+e.Name, q), nil },
			"gemeente":  func(e domain.Employee, g string) (bool, error) { return e.Gemeente == g, nil },
			"workplace": func(e domain.Employee, w string) (bool, error) { return e.HomeWorkplace == w, nil },
			"regeling":  func(e domain.Employee, r string) (bool, error) { return string(e.Regeling) == r, nil },
			"skill":     func(e domain.Employee, sk string) (bool, error) { return slices.Contains(e.Skills, sk), nil },
		},
		read: staff, write: people, view: employeeView,
	}.routes(s)...)
	rs = append(rs, resource[domain.Shift]{
		kind: domain.KindShift, noun: "dienst", repo: domain.Shifts,
		slice: func(ds *domain.Dataset) *[]domain.Shift { return &ds.Shifts },
		filters: map[string]func(domain.Shift, string) (bool, error){
			"workplace": func(sh domain.Shift, w string) (bool, error) { return sh.Workplace == w, nil },
			"date":      dateFilter(func(sh domain.Shift, d domain.Date) bool { return sh.Date == d }),
			"from":      dateFilter(func(sh domain.Shift, d domain.Date) bool { return sh.Date >= d }),
			"to":        dateFilter(func(sh domain.Shift, d domain.Date) bool { return sh.Date <= d }),
		},
		read: staff, write: planners,
	}.routes(s)...)
	rs = append(rs, resource[domain.Absence]{
		kind: domain.KindAbsence, noun: "afwezigheid", repo: domain.Absences,
		slice: func(ds *domain.Dataset) *[]domain.Absence { return &ds.Absences },
		filters: map[string]func(domain.Absence, string) (bool, error){
			"person": func(a domain.Absence, p string) (bool, error) { return a.Person == p, nil },
			"kind":   func(a domain.Absence, k string) (bool, error) { return string(a.Kind) == k, nil },
			"date":   dateFilter(func(a domain.Absence, d domain.Date) bool { return a.Covers(d) }),
			"from":   dateFilter(func(a domain.Absence, d domain.Date) bool { return a.To >= d }),
			"to":     dateFilter(func(a domain.Absence, d domain.Date) bool { return a.From <= d }),
		},
		read: staff, write: staff, created: ziekmelding,
	}.routes(s)...)
	rs = append(rs, resource[domain.Taakstelling]{
		kind: domain.KindTaakstelling, noun: "taakstelling", repo: domain.Taakstellingen,
		slice: func(ds *domain.Dataset) *[]domain.Taakstelling { return &ds.Taakstellingen },
		filters: map[string]func(domain.Taakstelling, string) (bool, error){
			"gemeente": func(t domain.Taakstelling, g string) (bool, error) { return t.Gemeente == g, nil },
			"regeling": func(t domain.Taakstelling, r string) (bool, error) { return string(t.Regeling) == r, nil },
			"year": func(t domain.Taakstelling, y string) (bool, error) {
				n, err := strconv.Atoi(y)
				if err != nil {
					return false, fmt.Errorf("%q is geen jaartal", y)
				}
				return t.Year == n, nil
			},
		},
		gemeente: func(t domain.Taakstelling) string { return t.Gemeente },
		read:     figures, write: admins,
	}.routes(s)...)
	return rs
}

func contains(hay, needle string) bool {
	return strings.Contains(strings.ToLower(hay), strings.ToLower(needle))
}

func dateFilter[T any](f func(T, domain.Date) bool) func(T, string) (bool, error) {
	return func(v T, arg string) (bool, error) {
		d, err := domain.ParseDate(arg)
		if err != nil {
			return false, err
		}
		return f(v, d), nil
	}
}

// EmployeeView is an employee as a planner sees them: no restrictions, only the workplaces where
// they are "niet geschikt" (DOMAIN.md: never why).
type EmployeeView struct {
	domain.Employee
	Restrictions []string `json:"restrictions,omitempty"`
	NietGeschikt []string `json:"nietGeschikt"`
}

// employeeView shows restrictions to hr and admin only; others see the unsuitable workplaces.
func employeeView(s *Server, ctx context.Context, p auth.Principal, es []domain.Employee) ([]any, error) {
	out := make([]any, len(es))
	if p.Role == domain.RoleAdmin || p.Role == domain.RoleHR {
		for i, e := range es {
			out[i] = e
		}
		return out, nil
	}
	wps, err := domain.Workplaces(s.store).List(ctx, domain.ListOptions{})
	if err != nil {
		return nil, err
	}
	for i, e := range es {
		v := EmployeeView{Employee: e, NietGeschikt: []string{}}
		v.Employee.Restrictions = nil
		for _, wp := range wps {
			if slices.ContainsFunc(wp.Value.Conditions, func(c string) bool { return slices.Contains(e.Restrictions, c) }) {
				v.NietGeschikt = append(v.NietGeschikt, wp.Value.ID)
			}
		}
		out[i] = v
	}
	return out, nil
}

package api

import (
	"context"
	"encoding/json"
	"fmt"
	"net/http"
	"net/url"
	"reflect"
	"slices"
	"strconv"
	"strings"

	"github.com/gorilla/mux"

	"ploeg/auth"
	"ploeg/domain"
)

// resource describes one collection of dataset records served with list, read, create, replace,
// patch and delete.
type resource[T domain.Entity] struct {
	kind  domain.Kind // also the path segment and the dataset field
	noun  string      // Dutch, for messages
	repo  func(domain.Store) domain.Repo[T]
	slice func(*domain.Dataset) *[]T
	// filters are the query parameters a list takes, each a test of one record.
	filters map[string]func(v T, arg string) (bool, error)
	// gemeente returns the gemeente a record belongs to, for records a gemeente user may see.
	gemeente func(T) string
	read     []domain.Role
	write    []domain.Role
	// view turns a record into what the caller may see; nil shows it whole.
	view func(s *Server, ctx context.Context, p auth.Principal, vs []T) ([]any, error)
	// created runs after a create, with the dataset as it was before; its result joins the answer.
	created func(s *Server, ctx context.Context, before *domain.Dataset, v T) (map[string]any, error)
}

// Paging bounds.
const (
	defaultLimit = 100
	maxLimit     = 1000
	// maxBodyBytes bounds the body of one record or one change.
	maxBodyBytes = 1 << 20
)

func (res resource[T]) routes(s *Server) []route {
	base := "/api/v1/" + string(res.kind)
	t := reflect.TypeFor[T]()
	return []route{
		{method: http.MethodGet, path: base, roles: res.read, summary: res.noun + ": lijst met filters en paginering", handler: res.list(s)},
		{method: http.MethodPost, path: base, roles: res.write, summary: res.noun + ": nieuw record", body: t, answer: t, handler: res.create(s)},
		{method: http.MethodGet, path: base + "/{id}", roles: res.read, summary: res.noun + ": één record (met ETag)", answer: t, handler: res.get(s)},
		{method: http.MethodPut, path: base + "/{id}", roles: res.write, summary: res.noun + ": vervangen (If-Match vereist)", body: t, answer: t, handler: res.replace(s)},
		{method: http.MethodPatch, path: base + "/{id}", roles: res.write, summary: res.noun + ": deels wijzigen met JSON merge patch (If-Match vereist)", answer: t, handler: res.patch(s)},
		{method: http.MethodDelete, path: base + "/{id}", roles: res.write, summary: res.noun + ": verwijderen (If-Match vereist)", handler: res.delete(s)},
	}
}

// visible reports whether p may see v: a gemeente user sees only records of their own gemeente.
func (res resource[T]) visible(p auth.Principal, v T) bool {
	if p.Role != domain.RoleGemeente {
		return true
	}
	return res.gemeente != nil && res.gemeente(v) == p.Gemeente
}

func (res resource[T]) show(s *Server, ctx context.Context, p auth.Principal, vs []T) ([]any, error) {
	if res.view != nil {
		return res.view(s, ctx, p, vs)
	}
	out := make([]any, len(vs))
	for i, v := range vs {
		out[i] = v
	}
	return out, nil
}

// listItem is one record in a list: its id, its version (the ETag without quotes) and its value.
type listItem struct {
	ID      string `json:"id"`
	Version int64  `json:"version"`
	Value   any    `json:"value"`
}

// listPage is the answer of a list route.
type listPage struct {
	Items  []listItem `json:"items"`
	Total  int        `json:"total"`
	Limit  int        `json:"limit"`
	Offset int        `json:"offset"`
}

func (res resource[T]) list(s *Server) http.HandlerFunc {
	return func(w http.ResponseWriter, r *http.Request) {
		ctx, p := r.Context(), principalFrom(r.Context())
		q := r.URL.Query()
		limit, offset, err := paging(q)
		var pr domain.Problems
		if err != nil {
			pr.AddAll("", domain.FieldErrors(err))
		}
		for key := range q {
			if key == "limit" || key == "offset" {
				continue
			}
			if _, ok := res.filters[key]; !ok {
				pr.Add("query."+key, "unknown_field", "onbekende zoekparameter %q; gebruik %s", key, strings.Join(filterNames(res.filters), ", "))
			}
		}
		if err := pr.Err("ongeldige zoekvraag"); err != nil {
			writeProblem(w, r, s.log, err)
			return
		}
		all, err := res.repo(s.store).List(ctx, domain.ListOptions{})
		if err != nil {
			writeProblem(w, r, s.log, err)
			return
		}
		var kept []domain.Versioned[T]
		for _, v := range all {
			ok := res.visible(p, v.Value)
			for key, f := range res.filters {
				if !ok {
					break
				}
				if arg := q.Get(key); arg != "" {
					if ok, err = f(v.Value, arg); err != nil {
						var fp domain.Problems
						fp.Add("query."+key, "format", "%s", err)
						writeProblem(w, r, s.log, fp.Err("ongeldige zoekvraag"))
						return
					}
				}
			}
			if ok {
				kept = append(kept, v)
			}
		}
		page := listPage{Items: []listItem{}, Total: len(kept), Limit: limit, Offset: offset}
		end := min(offset+limit, len(kept))
		if offset < end {
			vals := make([]T, 0, end-offset)
			for _, v := range kept[offset:end] {
				vals = append(vals, v.Value)
			}
			shown, err := res.show(s, ctx, p, vals)
			if err != nil {
				writeProblem(w, r, s.log, err)
				return
			}
			for i, v := range kept[offset:end] {
				page.Items = append(page.Items, listItem{ID: v.Value.Key(), Version: v.Version, Value: shown[i]})
			}
		}
		if end < len(kept) {
			next := *r.URL
			nq := next.Query()
			nq.Set("offset", strconv.Itoa(end))
			nq.Set("limit", strconv.Itoa(limit))
			next.RawQuery = nq.Encode()
			w.Header().Set("Link", fmt.Sprintf("<%s>; rel=\"next\"", next.RequestURI()))
		}
		w.Header().Set("X-Total-Count", strconv.Itoa(len(kept)))
		writeJSON(w, http.StatusOK, page)
	}
}

func filterNames[T any](m map[string]T) []string {
	names := []string{"limit", "offset"}
	for k := range m {
		names = append(names, k)
	}
	slices.Sort(names)
	return names
}

// paging reads ?limit= and ?offset=.
func paging(q url.Values) (limit, offset int, err error) {
	var p domain.Problems
	limit, offset = defaultLimit, 0
	if v := q.Get("limit"); v != "" {
		n, e := strconv.Atoi(v)
		if e != nil || n < 1 || n > maxLimit {
			p.Add("query.limit", "range", "%q: geef een geheel getal van 1 tot en met %d", v, maxLimit)
		} else {
			limit = n
		}
	}
	if v := q.Get("offset"); v != "" {
		n, e := strconv.Atoi(v)
		if e != nil || n < 0 {
			p.Add("query.offset", "range", "%q: geef een geheel getal van 0 of meer", v)
		} else {
			offset = n
		}
	}
	return limit, offset, p.Err("ongeldige paginering")
}

func (res resource[T]) get(s *Server) http.HandlerFunc {
	return func(w http.ResponseWriter, r *http.Request) {
		ctx, p := r.Context(), principalFrom(r.Context())
		v, err := res.repo(s.store).Get(ctx, mux.Vars(r)["id"])
		if err != nil {
			writeProblem(w, r, s.log, err)
			return
		}
		if !res.visible(p, v.Value) {
			writeProblem(w, r, s.log, domain.Errorf(domain.CodeForbidden, "deze %s hoort niet bij uw gemeente %s", res.noun, p.Gemeente))
			return
		}
		res.answer(s, w, r, http.StatusOK, v, nil)
	}
}

// answer writes v with its ETag, as the caller may see it, with extra fields beside it when given.
func (res resource[T]) answer(s *Server, w http.ResponseWriter, r *http.Request, status int, v domain.Versioned[T], extra map[string]any) {
	shown, err := res.show(s, r.Context(), principalFrom(r.Context()), []T{v.Value})
	if err != nil {
		writeProblem(w, r, s.log, err)
		return
	}
	setETag(w, v.Version)
	if status == http.StatusCreated {
		w.Header().Set("Location", "/api/v1/"+string(res.kind)+"/"+url.PathEscape(v.Value.Key()))
	}
	if extra == nil {
		writeJSON(w, status, shown[0])
		return
	}
	extra[singular(res.kind)] = shown[0]
	extra["version"] = v.Version
	writeJSON(w, status, extra)
}

func singular(k domain.Kind) string {
	switch k {
	case domain.KindGemeente:
		return "gemeente"
	case domain.KindTaakstelling:
		return "taakstelling"
	}
	return strings.TrimSuffix(string(k), "s")
}

// decode reads one record from the body: strict (unknown fields, types, required fields) and
// validated on its own, every problem with its field path.
func decode[T any](w http.ResponseWriter, r *http.Request, v *T) error {
	if err := checkJSON(r); err != nil {
		return err
	}
	b, err := readBody(w, r, maxBodyBytes)
	if err != nil {
		return err
	}
	return domain.DecodeStrict(b, v)
}

func (res resource[T]) create(s *Server) http.HandlerFunc {
	return func(w http.ResponseWriter, r *http.Request) {
		ctx := r.Context()
		var v T
		if err := decode(w, r, &v); err != nil {
			writeProblem(w, r, s.log, err)
			return
		}
		if !res.visible(principalFrom(ctx), v) {
			writeProblem(w, r, s.log, domain.Errorf(domain.CodeForbidden, "u mag alleen records van uw eigen gemeente maken"))
			return
		}
		before, err := res.checkReferences(ctx, s, v.Key(), &v)
		if err != nil {
			writeProblem(w, r, s.log, err)
			return
		}
		version, err := res.repo(s.store).Create(ctx, v)
		if err != nil {
			writeProblem(w, r, s.log, err)
			return
		}
		var extra map[string]any
		if res.created != nil {
			if extra, err = res.created(s, ctx, before, v); err != nil {
				s.log.WarnContext(ctx, "na het aanmaken", "kind", res.kind, "err", err)
				extra = map[string]any{"warning": "het record is opgeslagen, maar het herstelvoorstel kon niet worden gemaakt: " + problemFor(err).Detail}
			}
		}
		res.answer(s, w, r, http.StatusCreated, domain.Versioned[T]{Value: v, Version: version}, extra)
	}
}

func (res resource[T]) replace(s *Server) http.HandlerFunc {
	return func(w http.ResponseWriter, r *http.Request) {
		version, err := ifMatch(r)
		if err != nil {
			writeProblem(w, r, s.log, err)
			return
		}
		var v T
		if err := decode(w, r, &v); err != nil {
			writeProblem(w, r, s.log, err)
			return
		}
		res.update(s, w, r, v, version)
	}
}

func (res resource[T]) patch(s *Server) http.HandlerFunc {
	return func(w http.ResponseWriter, r *http.Request) {
		ctx := r.Context()
		version, err := ifMatch(r)
		if err != nil {
			writeProblem(w, r, s.log, err)
			return
		}
		if ct := r.Header.Get("Content-Type"); ct != "" && !strings.HasPrefix(ct, "application/merge-patch+json") && !strings.HasPrefix(ct, "application/json") {
			writeProblem(w, r, s.log, unsupported(ct, "application/merge-patch+json"))
			return
		}
		b, err := readBody(w, r, maxBodyBytes)
		if err != nil {
			writeProblem(w, r, s.log, err)
			return
		}
		cur, err := res.repo(s.store).Get(ctx, mux.Vars(r)["id"])
		if err != nil {
			writeProblem(w, r, s.log, err)
			return
		}
		merged, err := mergePatch(cur.Value, b)
		if err != nil {
			writeProblem(w, r, s.log, err)
			return
		}
		var v T
		if err := domain.DecodeStrict(merged, &v); err != nil {
			writeProblem(w, r, s.log, err)
			return
		}
		res.update(s, w, r, v, version)
	}
}

// update stores v over the record named in the path, which must be at version.
func (res resource[T]) update(s *Server, w http.ResponseWriter, r *http.Request, v T, version int64) {
	ctx, p := r.Context(), principalFrom(r.Context())
	id := mux.Vars(r)["id"]
	if v.Key() != id {
		var pr domain.Problems
		pr.Add(keyField(res.kind), "rule", "de sleutel %q past niet bij het adres %q; een sleutel verander je door het record te verwijderen en opnieuw te maken", v.Key(), id)
		writeProblem(w, r, s.log, pr.Err("sleutel en adres verschillen"))
		return
	}
	repo := res.repo(s.store)
	cur, err := repo.Get(ctx, id)
	if err != nil {
		writeProblem(w, r, s.log, err)
		return
	}
	if !res.visible(p, cur.Value) || !res.visible(p, v) {
		writeProblem(w, r, s.log, domain.Errorf(domain.CodeForbidden, "deze %s hoort niet bij uw gemeente", res.noun))
		return
	}
	if cur.Version != version {
		writeStale(w, r, s, res.noun, id, version, cur.Version)
		return
	}
	if _, err := res.checkReferences(ctx, s, id, &v); err != nil {
		writeProblem(w, r, s.log, err)
		return
	}
	next, err := repo.Update(ctx, v, version)
	if err != nil {
		s.writeWriteError(w, r, res.kind, res.noun, id, version, err)
		return
	}
	res.answer(s, w, r, http.StatusOK, domain.Versioned[T]{Value: v, Version: next}, nil)
}

func (res resource[T]) delete(s *Server) http.HandlerFunc {
	return func(w http.ResponseWriter, r *http.Request) {
		ctx, p := r.Context(), principalFrom(r.Context())
		version, err := ifMatch(r)
		if err != nil {
			writeProblem(w, r, s.log, err)
			return
		}
		id := mux.Vars(r)["id"]
		repo := res.repo(s.store)
		cur, err := repo.Get(ctx, id)
		if err != nil {
			writeProblem(w, r, s.log, err)
			return
		}
		if !res.visible(p, cur.Value) {
			writeProblem(w, r, s.log, domain.Errorf(domain.CodeForbidden, "deze %s hoort niet bij uw gemeente", res.noun))
			return
		}
		if cur.Version != version {
			writeStale(w, r, s, res.noun, id, version, cur.Version)
			return
		}
		if _, err := res.checkReferences(ctx, s, id, nil); err != nil {
			writeProblem(w, r, s.log, err)
			return
		}
		if err := repo.Delete(ctx, id, version); err != nil {
			s.writeWriteError(w, r, res.kind, res.noun, id, version, err)
			return
		}
		w.WriteHeader(http.StatusNoContent)
	}
}

// checkReferences applies the change (v nil: a delete of key) to a snapshot of the dataset and
// validates the whole: a record that names what does not exist, or a delete of something still in
// use, is refused with the places. Problems the stored dataset had already are not blamed on the
// change. It returns the snapshot as it was before the change.
//
// The snapshot and the write are two steps: a concurrent change in between is not seen (the store
// keeps each record's version safe, not references across records).
func (res resource[T]) checkReferences(ctx context.Context, s *Server, key string, v *T) (*domain.Dataset, error) {
	before, err := domain.LoadDataset(ctx, s.store)
	if err != nil {
		return nil, err
	}
	after := *before
	list := res.slice(&after)
	items := slices.Clone(*list)
	at := slices.IndexFunc(items, func(x T) bool { return x.Key() == key })
	switch {
	case v == nil && at >= 0:
		items = slices.Delete(items, at, at+1)
	case v != nil && at >= 0:
		items[at] = *v
	case v != nil:
		items = append(items, *v)
		at = len(items) - 1
	}
	*list = items
	problems := domain.FieldErrors(after.Validate())
	if len(problems) == 0 {
		return before, nil
	}
	known := map[string]int{}
	for _, f := range domain.FieldErrors(before.Validate()) {
		known[f.Rule+"\x00"+f.Message]++
	}
	own := fmt.Sprintf("%s[%d]", res.kind, at)
	var pr domain.Problems
	for _, f := range problems {
		if k := f.Rule + "\x00" + f.Message; known[k] > 0 {
			known[k]--
			continue
		}
		if v != nil && (f.Field == own || strings.HasPrefix(f.Field, own+".") || strings.HasPrefix(f.Field, own+"[")) {
			f.Field = strings.TrimPrefix(strings.TrimPrefix(f.Field, own), ".")
		}
		pr.AddAll("", []domain.FieldError{f})
	}
	if pr.Len() == 0 {
		return before, nil
	}
	if v == nil {
		e := pr.Err("").(*domain.Error)
		e.Code = domain.CodeConflict
		e.Message = fmt.Sprintf("%s %q is nog in gebruik; pas eerst de records aan die ernaar verwijzen", res.noun, key)
		return nil, e
	}
	return nil, pr.Err(fmt.Sprintf("de %s verwijst naar iets dat niet bestaat of botst met andere records", res.noun))
}

// keyField is the field that holds a record's key, for messages.
func keyField(k domain.Kind) string {
	switch k {
	case domain.KindGemeente:
		return "code"
	case domain.KindAbsence:
		return "person"
	case domain.KindTaakstelling:
		return "gemeente"
	}
	return "id"
}

// mergePatch applies an RFC 7396 JSON merge patch to the JSON of cur.
func mergePatch(cur any, patch []byte) ([]byte, error) {
	var p any
	if err := json.Unmarshal(patch, &p); err != nil {
		return nil, domain.Errorf(domain.CodeInvalid, "de patch is geen geldige JSON: %s", err)
	}
	if _, ok := p.(map[string]any); !ok {
		return nil, domain.Errorf(domain.CodeInvalid, "een merge patch is een JSON-object met de velden die veranderen")
	}
	b, err := json.Marshal(cur)
	if err != nil {
		return nil, domain.Internal("coderen", err)
	}
	var doc any
	if err := json.Unmarshal(b, &doc); err != nil {
		return nil, domain.Internal("coderen", err)
	}
	return json.Marshal(applyMerge(doc, p))
}

func applyMerge(doc, patch any) any {
	pm, ok := patch.(map[string]any)
	if !ok {
		return patch
	}
	dm, ok := doc.(map[string]any)
	if !ok {
		dm = map[string]any{}
	}
	for k, v := range pm {
		if v == nil {
			delete(dm, k)
			continue
		}
		dm[k] = applyMerge(dm[k], v)
	}
	return dm
}

package api

import (
	"net/http"
	"reflect"
	"strings"
	"time"

	"github.com/gorilla/mux"

	"ploeg/auth"
	"ploeg/domain"
)

// User and token management for the beheerder: list, create and disable users; list, create and
// revoke API tokens. Every change is a store write with its audit entry (hashes masked when the
// audit log is read); a revoked token or a disabled user is refused at the next request.

// userView is a user as the API shows it: never the password hash.
type userView struct {
	Name     string      `json:"name"`
	Role     domain.Role `json:"role"`
	Gemeente string      `json:"gemeente,omitempty"`
	Employee string      `json:"employee,omitempty"`
	Created  time.Time   `json:"created"`
	Disabled bool        `json:"disabled"`
	Version  int64       `json:"version"`
}

func viewUser(u domain.Versioned[domain.User]) userView {
	v := u.Value
	return userView{Name: v.Name, Role: v.Role, Gemeente: v.Gemeente, Employee: v.Employee, Created: v.Created, Disabled: v.Disabled, Version: u.Version}
}

// userList is the answer of the user list.
type userList struct {
	Items []userView `json:"items"`
	Total int        `json:"total"`
}

// tokenList is the answer of the token list.
type tokenList struct {
	Items []tokenView `json:"items"`
	Total int         `json:"total"`
}

// newUser asks for a user.
type newUser struct {
	Name     string      `json:"name"`
	Role     domain.Role `json:"role"`
	Gemeente string      `json:"gemeente" ploeg:"optional"`
	Employee string      `json:"employee" ploeg:"optional"`
	Password string      `json:"password"`
}

// Validate checks the name and the grant; the password's length is the auth package's.
func (q newUser) Validate() error {
	return domain.User{Name: q.Name, Grant: q.grant(), PasswordHash: "-"}.Validate()
}

func (q newUser) grant() domain.Grant {
	return domain.Grant{Role: q.Role, Gemeente: q.Gemeente, Employee: q.Employee}
}

// tokenIDLength is how many hex digits of a token's hash name it in the API: enough to tell the
// tokens apart, not the hash itself.
const tokenIDLength = 16

// tokenView is a token as the API shows it: never the token, and of its hash only the first digits.
type tokenView struct {
	ID       string      `json:"id"`
	Name     string      `json:"name"`
	Role     domain.Role `json:"role"`
	Gemeente string      `json:"gemeente,omitempty"`
	Employee string      `json:"employee,omitempty"`
	Created  time.Time   `json:"created"`
	Version  int64       `json:"version"`
}

func viewToken(t domain.Versioned[domain.Token]) tokenView {
	v := t.Value
	return tokenView{ID: v.Hash[:tokenIDLength], Name: v.Name, Role: v.Role, Gemeente: v.Gemeente, Employee: v.Employee, Created: v.Created, Version: t.Version}
}

// newToken asks for an API token.
type newToken struct {
	Name     string      `json:"name" ploeg:"optional"`
	Role     domain.Role `json:"role"`
	Gemeente string      `json:"gemeente" ploeg:"optional"`
	Employee string      `json:"employee" ploeg:"optional"`
}

// Validate checks the grant.
func (q newToken) Validate() error {
	return domain.Grant{Role: q.Role, Gemeente: q.Gemeente, Employee: q.Employee}.Validate()
}

// createdToken is the answer to a new token: the token itself, shown only this once.
type createdToken struct {
	Token string `json:"token"`
	tokenView
}

func (s *Server) adminRoutes() []route {
	return []route{
		{method: http.MethodGet, path: "/api/v1/users", roles: admins, answer: reflect.TypeFor[userList](), summary: "gebruikers (zonder wachtwoord)", handler: s.listUsers},
		{method: http.MethodPost, path: "/api/v1/users", roles: admins, body: reflect.TypeFor[newUser](), answer: reflect.TypeFor[userView](), summary: "nieuwe gebruiker met rol en wachtwoord (minstens 10 tekens)", handler: s.createUser},
		{method: http.MethodGet, path: "/api/v1/users/{name}", roles: admins, answer: reflect.TypeFor[userView](), summary: "één gebruiker (met ETag)", handler: s.getUser},
		{method: http.MethodPost, ifMatch: true, path: "/api/v1/users/{name}/disable", roles: admins, answer: reflect.TypeFor[userView](), summary: "gebruiker uitschakelen: kan niet meer aanmelden (If-Match vereist)", handler: s.setUserDisabled(true)},
		{method: http.MethodPost, ifMatch: true, path: "/api/v1/users/{name}/enable", roles: admins, answer: reflect.TypeFor[userView](), summary: "gebruiker weer inschakelen (If-Match vereist)", handler: s.setUserDisabled(false)},
		{method: http.MethodGet, path: "/api/v1/tokens", roles: admins, answer: reflect.TypeFor[tokenList](), summary: "API-tokens (zonder het token zelf)", handler: s.listTokens},
		{method: http.MethodPost, path: "/api/v1/tokens", roles: admins, body: reflect.TypeFor[newToken](), answer: reflect.TypeFor[createdToken](), summary: "nieuw API-token; het token staat alleen in dit antwoord", handler: s.createToken},
		{method: http.MethodDelete, path: "/api/v1/tokens/{id}", roles: admins, summary: "API-token intrekken: werkt direct niet meer (If-Match vereist)", handler: s.revokeToken},
	}
}

func (s *Server) listUsers(w http.ResponseWriter, r *http.Request) {
	users, err := domain.Users(s.store).List(r.Context(), domain.ListOptions{})
	if err != nil {
		writeProblem(w, r, s.log, err)
		return
	}
	out := []userView{}
	for _, u := range users {
		out = append(out, viewUser(u))
	}
	writeJSON(w, http.StatusOK, userList{Items: out, Total: len(out)})
}

func (s *Server) getUser(w http.ResponseWriter, r *http.Request) {
	u, err := domain.Users(s.store).Get(r.Context(), mux.Vars(r)["name"])
	if err != nil {
		writeProblem(w, r, s.log, err)
		return
	}
	setETag(w, u.Version)
	writeJSON(w, http.StatusOK, viewUser(u))
}

func (s *Server) createUser(w http.ResponseWriter, r *http.Request) {
	var q newUser
	if err := decode(w, r, &q); err != nil {
		writeProblem(w, r, s.log, err)
		return
	}
	if err := s.auth.AddUser(r.Context(), q.Name, q.grant(), q.Password); err != nil {
		writeProblem(w, r, s.log, err)
		return
	}
	u, err := domain.Users(s.store).Get(r.Context(), q.Name)
	if err != nil {
		writeProblem(w, r, s.log, err)
		return
	}
	setETag(w, u.Version)
	w.Header().Set("Location", "/api/v1/users/"+q.Name)
	writeJSON(w, http.StatusCreated, viewUser(u))
}

// setUserDisabled disables or enables a user, at the version named in If-Match.
func (s *Server) setUserDisabled(disabled bool) http.HandlerFunc {
	return func(w http.ResponseWriter, r *http.Request) {
		version, err := ifMatch(r)
		if err != nil {
			writeProblem(w, r, s.log, err)
			return
		}
		name := mux.Vars(r)["name"]
		users := domain.Users(s.store)
		u, err := users.Get(r.Context(), name)
		if err != nil {
			writeProblem(w, r, s.log, err)
			return
		}
		if u.Version != version {
			writeStale(w, r, s, "gebruiker", name, version, u.Version)
			return
		}
		if disabled && principalFrom(r.Context()).Name == "gebruiker "+name {
			writeProblem(w, r, s.log, domain.Errorf(domain.CodeConflict, "u kunt uzelf niet uitschakelen; laat een andere beheerder dat doen"))
			return
		}
		u.Value.Disabled = disabled
		next, err := users.Update(r.Context(), u.Value, version)
		if err != nil {
			s.writeWriteError(w, r, domain.KindUser, "gebruiker", name, version, err)
			return
		}
		u.Version = next
		setETag(w, next)
		writeJSON(w, http.StatusOK, viewUser(u))
	}
}

func (s *Server) listTokens(w http.ResponseWriter, r *http.Request) {
	tokens, err := domain.Tokens(s.store).List(r.Context(), domain.ListOptions{})
	if err != nil {
		writeProblem(w, r, s.log, err)
		return
	}
	out := []tokenView{}
	for _, t := range tokens {
		out = append(out, viewToken(t))
	}
	writeJSON(w, http.StatusOK, tokenList{Items: out, Total: len(out)})
}

func (s *Server) createToken(w http.ResponseWriter, r *http.Request) {
	var q newToken
	if err := decode(w, r, &q); err != nil {
		writeProblem(w, r, s.log, err)
		return
	}
	tok, err := s.auth.CreateToken(r.Context(), q.Name, domain.Grant{Role: q.Role, Gemeente: q.Gemeente, Employee: q.Employee})
	if err != nil {
		writeProblem(w, r, s.log, err)
		return
	}
	t, err := domain.Tokens(s.store).Get(r.Context(), auth.HashToken(tok))
	if err != nil {
		writeProblem(w, r, s.log, err)
		return
	}
	v := viewToken(t)
	setETag(w, t.Version)
	w.Header().Set("Cache-Control", "no-store")
	w.Header().Set("Location", "/api/v1/tokens/"+v.ID)
	writeJSON(w, http.StatusCreated, createdToken{Token: tok, tokenView: v})
}

// revokeToken deletes the token whose hash starts with the id of the path.
func (s *Server) revokeToken(w http.ResponseWriter, r *http.Request) {
	version, err := ifMatch(r)
	if err != nil {
		writeProblem(w, r, s.log, err)
		return
	}
	id := mux.Vars(r)["id"]
	tokens := domain.Tokens(s.store)
	all, err := tokens.List(r.Context(), domain.ListOptions{})
	if err != nil {
		writeProblem(w, r, s.log, err)
		return
	}
	var hash string
	for _, t := range all {
		if len(id) == tokenIDLength && strings.HasPrefix(t.Value.Hash, id) {
			hash = t.Value.Hash
		}
	}
	if hash == "" {
		writeProblem(w, r, s.log, domain.Errorf(domain.CodeNotFound, "token %q bestaat niet (meer); zie GET /api/v1/tokens", id))
		return
	}
	if err := tokens.Delete(r.Context(), hash, version); err != nil {
		if rec, gerr := s.store.Get(r.Context(), domain.KindToken, hash); gerr == nil && rec.Version != version {
			writeStale(w, r, s, "token", id, version, rec.Version)
			return
		}
		writeProblem(w, r, s.log, err)
		return
	}
	w.WriteHeader(http.StatusNoContent)
}

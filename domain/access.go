package domain

import (
	"strings"
	"time"
)

// The kinds of record that hold who may use Ploeg. They are not DatasetKinds: an import or export of
// the dataset never touches them.
const (
	KindUser  Kind = "users"
	KindToken Kind = "tokens"
	// KindSession holds the web UI's sign-in sessions, by the SHA-256 of the session cookie.
	KindSession Kind = "sessions"
)

// Role is what a user or token may do; the API keeps one table of which role may use which route.
type Role string

// The roles.
const (
	RoleAdmin      Role = "admin"      // everything, including users and the dataset
	RolePlanner    Role = "planner"    // a werkleider: plans, shifts, absences; restrictions only as "niet geschikt"
	RoleHR         Role = "hr"         // people, absences, rosters, audit
	RoleGemeente   Role = "gemeente"   // one gemeente's aggregated figures only
	RoleMedewerker Role = "medewerker" // one employee's own roster
)

// Roles lists every role.
var Roles = []Role{RoleAdmin, RolePlanner, RoleHR, RoleGemeente, RoleMedewerker}

// Grant is what a user or token is allowed: a role, bound to a gemeente for the gemeente role and to
// an employee for the medewerker role.
type Grant struct {
	Role     Role   `json:"role"`
	Gemeente string `json:"gemeente,omitempty" ploeg:"optional"`
	Employee string `json:"employee,omitempty" ploeg:"optional"`
}

// Validate checks that the role exists and has exactly the binding it needs.
func (g Grant) Validate() error {
	var p Problems
	g.addProblems(&p)
	return p.Err("ongeldige rol")
}

func (g Grant) addProblems(p *Problems) {
	names := make([]string, len(Roles))
	for i, r := range Roles {
		names[i] = string(r)
	}
	known := false
	for _, r := range Roles {
		known = known || g.Role == r
	}
	if !known {
		p.Add("role", "enum", "%q is geen rol; kies uit %s", g.Role, strings.Join(names, ", "))
	}
	switch {
	case g.Role == RoleGemeente && g.Gemeente == "":
		p.Add("gemeente", "required", "de rol gemeente hoort bij één gemeente; geef de CBS-code, bijvoorbeeld GM0473")
	case g.Role == RoleGemeente:
		checkGemeenteCode(p, "gemeente", g.Gemeente)
	case g.Gemeente != "":
		p.Add("gemeente", "rule", "alleen de rol gemeente hoort bij een gemeente; laat dit veld weg")
	}
	switch {
	case g.Role == RoleMedewerker && g.Employee == "":
		p.Add("employee", "required", "de rol medewerker hoort bij één medewerker; geef de id, bijvoorbeeld e0001")
	case g.Role == RoleMedewerker:
		checkID(p, "employee", g.Employee)
	case g.Employee != "":
		p.Add("employee", "rule", "alleen de rol medewerker hoort bij een medewerker; laat dit veld weg")
	}
}

// User is a person who signs in with a name and password (HTTP basic). Only the bcrypt hash of the
// password is kept.
type User struct {
	Name string `json:"name"`
	Grant
	PasswordHash string    `json:"passwordHash"`
	Created      time.Time `json:"created"`
	// Disabled users cannot sign in; the record stays, for the audit log.
	Disabled bool `json:"disabled,omitempty"`
}

// Key returns the user name.
func (u User) Key() string { return u.Name }

// Validate checks the name, the role and that a password hash is present.
func (u User) Validate() error {
	var p Problems
	checkID(&p, "name", u.Name)
	u.Grant.addProblems(&p)
	if u.PasswordHash == "" {
		p.Add("passwordHash", "required", "ontbreekt; een gebruiker heeft een wachtwoord")
	}
	return p.Err("ongeldige gebruiker")
}

// Token is an API token (Authorization: Bearer). Only its SHA-256 hash is kept, and is its key.
type Token struct {
	Hash string `json:"hash"`
	Name string `json:"name"`
	Grant
	Created time.Time `json:"created"`
}

// Key returns the token's hash.
func (t Token) Key() string { return t.Hash }

// Validate checks the hash and the role.
func (t Token) Validate() error {
	var p Problems
	if len(t.Hash) != 64 {
		p.Add("hash", "format", "is geen SHA-256-hash van 64 hexadecimale tekens")
	}
	t.Grant.addProblems(&p)
	return p.Err("ongeldig token")
}

// Users returns the repository of users.
func Users(s Store) Repo[User] { return Repo[User]{s, KindUser} }

// Tokens returns the repository of API tokens.
func Tokens(s Store) Repo[Token] { return Repo[Token]{s, KindToken} }

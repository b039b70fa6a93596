// Package auth manages who may use Ploeg: users with bcrypt passwords, API tokens kept only as their
// SHA-256 hash, and the principal a request acts as.
package auth

import (
	"context"
	"crypto/rand"
	"crypto/sha256"
	"crypto/subtle"
	"encoding/base64"
	"encoding/hex"
	"strings"
	"sync"
	"time"

	"golang.org/x/crypto/bcrypt"

	"ploeg/domain"
)

// TokenPrefix starts every API token, so a leaked one is easy to recognise in logs and scanners.
const TokenPrefix = "plg_"

// MinPasswordLength is the shortest password a user may have.
const MinPasswordLength = 10

// Principal is who a request acts as: a user or a token, with its grant.
type Principal struct {
	Name string
	domain.Grant
}

// Actor returns the audit actor for p, e.g. "gebruiker anja (planner)".
func (p Principal) Actor() string {
	return p.Name + " (" + string(p.Role) + ")"
}

// Service keeps users and tokens in a store.
type Service struct {
	Store domain.Store
	// Now gives the creation time of users and tokens; nil means time.Now.
	Now func() time.Time
	// Cost is the bcrypt cost; 0 means bcrypt.DefaultCost.
	Cost int
}

func (s Service) now() time.Time {
	if s.Now == nil {
		return time.Now()
	}
	return s.Now()
}

// AddUser stores a new user with the bcrypt hash of password.
func (s Service) AddUser(ctx context.Context, name string, g domain.Grant, password string) error {
	if len([]rune(password)) < MinPasswordLength {
		var p domain.Problems
		p.Add("password", "range", "is te kort; kies een wachtwoord van minstens %d tekens", MinPasswordLength)
		return p.Err("ongeldig wachtwoord")
	}
	cost := s.Cost
	if cost == 0 {
		cost = bcrypt.DefaultCost
	}
	hash, err := bcrypt.GenerateFromPassword([]byte(password), cost)
	if err != nil {
		var p domain.Problems
		p.Add("password", "format", "kan niet worden gebruikt: %s", err)
		return p.Err("ongeldig wachtwoord")
	}
	_, err = domain.Users(s.Store).Create(ctx, domain.User{Name: name, Grant: g, PasswordHash: string(hash), Created: s.now().UTC()})
	return err
}

// CreateToken stores a new random token with grant g and returns the token itself, which is shown
// only this once.
func (s Service) CreateToken(ctx context.Context, name string, g domain.Grant) (string, error) {
	var raw [32]byte
	if _, err := rand.Read(raw[:]); err != nil {
		return "", domain.Internal("token maken", err)
	}
	tok := TokenPrefix + base64.RawURLEncoding.EncodeToString(raw[:])
	if name == "" {
		name = "token-" + HashToken(tok)[:8]
	}
	_, err := domain.Tokens(s.Store).Create(ctx, domain.Token{Hash: HashToken(tok), Name: name, Grant: g, Created: s.now().UTC()})
	if err != nil {
		return "", err
	}
	return tok, nil
}

// HashToken returns the hex SHA-256 of a token: its key in the store.
func HashToken(tok string) string {
	sum := sha256.Sum256([]byte(tok))
	return hex.EncodeToString(sum[:])
}

// errUnknown is the one answer for every failed sign-in, so it does not tell which part was wrong.
func errUnknown() error {
	return domain.Errorf(domain.CodeUnauthorized, "onbekende gebruiker, verkeerd wachtwoord of ongeldig token; meld u opnieuw aan")
}

// Bearer returns the principal of an API token.
func (s Service) Bearer(ctx context.Context, tok string) (Principal, error) {
	if !strings.HasPrefix(tok, TokenPrefix) {
		return Principal{}, errUnknown()
	}
	hash := HashToken(tok)
	t, err := domain.Tokens(s.Store).Get(ctx, hash)
	if domain.ErrorCode(err) == domain.CodeNotFound {
		return Principal{}, errUnknown()
	}
	if err != nil {
		return Principal{}, err
	}
	// The lookup is by hash already; the comparison guards against a store that matches loosely.
	if subtle.ConstantTimeCompare([]byte(t.Value.Hash), []byte(hash)) != 1 {
		return Principal{}, errUnknown()
	}
	return Principal{Name: "token " + t.Value.Name, Grant: t.Value.Grant}, nil
}

// dummyHash is compared against when a user does not exist, so a wrong name costs as long as a
// wrong password.
var dummyHash = sync.OnceValue(func() []byte {
	h, _ := bcrypt.GenerateFromPassword([]byte("ploeg-geen-gebruiker"), bcrypt.DefaultCost)
	return h
})

// Basic returns the principal of a user who signs in with name and password.
func (s Service) Basic(ctx context.Context, name, password string) (Principal, error) {
	u, err := domain.Users(s.Store).Get(ctx, name)
	switch domain.ErrorCode(err) {
	case "":
	case domain.CodeNotFound, domain.CodeInvalid:
		_ = bcrypt.CompareHashAndPassword(dummyHash(), []byte(password))
		return Principal{}, errUnknown()
	default:
		return Principal{}, err
	}
	if bcrypt.CompareHashAndPassword([]byte(u.Value.PasswordHash), []byte(password)) != nil || u.Value.Disabled {
		return Principal{}, errUnknown()
	}
	return Principal{Name: "gebruiker " + u.Value.Name, Grant: u.Value.Grant}, nil
}

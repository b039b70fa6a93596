package web

import (
	"context"
	"crypto/hmac"
	"crypto/rand"
	"crypto/sha256"
	"crypto/subtle"
	"encoding/base64"
	"encoding/hex"
	"encoding/json"
	"fmt"
	"net/http"
	"net/url"
	"strconv"
	"strings"
	"time"

	"ploeg/auth"
	"ploeg/domain"
)

// The cookies of the web UI.
const (
	sessionCookie = "ploeg_sessie"
	// loginCookie carries the double-submit CSRF token of the sign-in form, before any session.
	loginCookie = "ploeg_login"
)

// sessionRecord is a sign-in kept in the store (kind sessions) under the SHA-256 of the cookie
// value, so two instances on one Redis share it and a leaked store does not leak live cookies.
type sessionRecord struct {
	User    string       `json:"user"`
	Grant   domain.Grant `json:"grant"`
	Created time.Time    `json:"created"`
	Expires time.Time    `json:"expires"`

	csrf string
}

func (s sessionRecord) principal() auth.Principal {
	return auth.Principal{Name: "gebruiker " + s.User, Grant: s.Grant}
}

// csrfFor derives the CSRF token of a session from its secret cookie value: it is never stored and
// cannot be made without the cookie.
func csrfFor(secret string) string {
	m := hmac.New(sha256.New, []byte(secret))
	m.Write([]byte("ploeg csrf"))
	return base64.RawURLEncoding.EncodeToString(m.Sum(nil))
}

func randomToken() string {
	var b [32]byte
	_, _ = rand.Read(b[:])
	return base64.RawURLEncoding.EncodeToString(b[:])
}

func sessionID(secret string) string {
	sum := sha256.Sum256([]byte(secret))
	return hex.EncodeToString(sum[:])
}

// session returns the signed-in session of r, if any and not expired.
func (h *Handler) session(r *http.Request) (sessionRecord, bool) {
	ck, err := r.Cookie(sessionCookie)
	if err != nil || ck.Value == "" || len(ck.Value) > 100 {
		return sessionRecord{}, false
	}
	rec, err := h.cfg.Store.Get(r.Context(), domain.KindSession, sessionID(ck.Value))
	if err != nil {
		return sessionRecord{}, false
	}
	var s sessionRecord
	if json.Unmarshal(rec.Data, &s) != nil {
		return sessionRecord{}, false
	}
	if !h.cfg.Now().Before(s.Expires) {
		// Expired: gone from the store at its first use after the end.
		h.dropSession(r.Context(), rec, "sessie verlopen")
		return sessionRecord{}, false
	}
	// The user as they are now: a disabled or removed user is signed out at once, and a changed
	// role holds from the next request.
	u, err := domain.Users(h.cfg.Store).Get(r.Context(), s.User)
	if err != nil || u.Value.Disabled {
		if err == nil || domain.ErrorCode(err) == domain.CodeNotFound {
			h.dropSession(r.Context(), rec, "gebruiker uitgeschakeld of verwijderd")
		}
		return sessionRecord{}, false
	}
	s.Grant = u.Value.Grant
	s.csrf = csrfFor(ck.Value)
	return s, true
}

// sessionSweepEvery is how often a sign-in also removes every expired session from the store
// (besides each expired session being removed when its cookie comes back).
const sessionSweepEvery = 10 * time.Minute

// dropSession removes a session record that no longer signs anyone in, for reason (in the audit
// log); a failure only leaves it for the next sweep.
func (h *Handler) dropSession(ctx context.Context, rec domain.Record, reason string) {
	ctx = domain.WithActor(ctx, domain.Actor{Name: "ploeg", Reason: reason})
	if err := h.cfg.Store.Delete(ctx, domain.KindSession, rec.ID, rec.Version); err != nil && domain.ErrorCode(err) != domain.CodeNotFound {
		h.cfg.Log.WarnContext(ctx, "verlopen sessie niet verwijderd", "err", err)
	}
}

// sweepSessions removes the expired sessions from the store, at most once per sessionSweepEvery;
// it returns how many it removed.
func (h *Handler) sweepSessions(ctx context.Context) (int, error) {
	now := h.cfg.Now()
	h.sweepMu.Lock()
	if !h.lastSweep.IsZero() && now.Sub(h.lastSweep) < sessionSweepEvery {
		h.sweepMu.Unlock()
		return 0, nil
	}
	h.lastSweep = now
	h.sweepMu.Unlock()
	recs, err := h.cfg.Store.List(ctx, domain.KindSession, domain.ListOptions{})
	if err != nil {
		return 0, err
	}
	n := 0
	for _, rec := range recs {
		var s sessionRecord
		if json.Unmarshal(rec.Data, &s) == nil && now.Before(s.Expires) {
			continue
		}
		h.dropSession(ctx, rec, "sessie verlopen")
		n++
	}
	return n, nil
}

// startSession stores a new session for the user and sets its cookie.
func (h *Handler) startSession(ctx context.Context, w http.ResponseWriter, r *http.Request, user string, g domain.Grant) error {
	secret := randomToken()
	now := h.cfg.Now().UTC()
	data, _ := json.Marshal(sessionRecord{User: user, Grant: g, Created: now, Expires: now.Add(h.cfg.SessionTTL)})
	ctx = domain.WithActor(ctx, domain.Actor{Name: "gebruiker " + user, Reason: "aangemeld in de webapp"})
	if _, err := h.cfg.Store.Create(ctx, domain.Record{Kind: domain.KindSession, ID: sessionID(secret), Data: data}); err != nil {
		return err
	}
	http.SetCookie(w, &http.Cookie{Name: sessionCookie, Value: secret, Path: "/", HttpOnly: true,
		SameSite: http.SameSiteLaxMode, Secure: r.TLS != nil, MaxAge: int(h.cfg.SessionTTL.Seconds())})
	return nil
}

// checkCSRF checks the token of a POST: the session's token, or before sign-in the double-submit
// cookie of the sign-in form. A form sends it as field csrf, a script as header X-CSRF-Token.
func (h *Handler) checkCSRF(r *http.Request, c *call) bool {
	got := r.Header.Get("X-CSRF-Token")
	if got == "" {
		got = r.PostFormValue("csrf")
	}
	want := c.csrf
	if !c.signedIn() {
		ck, err := r.Cookie(loginCookie)
		if err != nil {
			return false
		}
		want = ck.Value
	}
	return got != "" && want != "" && subtle.ConstantTimeCompare([]byte(got), []byte(want)) == 1
}

// loginForm shows the sign-in form with a fresh double-submit token.
func (h *Handler) loginForm(w http.ResponseWriter, r *http.Request, c *call) {
	if c.signedIn() {
		http.Redirect(w, r, startPage(c.p), http.StatusSeeOther)
		return
	}
	h.renderLogin(w, r, http.StatusOK, "", r.URL.Query().Get("terug"))
}

func (h *Handler) renderLogin(w http.ResponseWriter, r *http.Request, status int, msg, back string) {
	tok := randomToken()
	http.SetCookie(w, &http.Cookie{Name: loginCookie, Value: tok, Path: "/inloggen", HttpOnly: true,
		SameSite: http.SameSiteStrictMode, Secure: r.TLS != nil, MaxAge: 3600})
	h.render(w, r, &call{csrf: tok}, status, "login", map[string]any{"Title": "Aanmelden", "Error": msg, "Back": safeBack(back)})
}

// safeBack keeps a return address only when it is a path on this site.
func safeBack(back string) string {
	if strings.HasPrefix(back, "/") && !strings.HasPrefix(back, "//") && !strings.Contains(back, "\\") {
		return back
	}
	return ""
}

// tooMany answers a sign-in that is locked: 429 with Retry-After and the sign-in form saying so.
func (h *Handler) tooMany(w http.ResponseWriter, r *http.Request, wait time.Duration, msg string) {
	secs := int((wait + time.Second - 1) / time.Second)
	w.Header().Set("Retry-After", strconv.Itoa(secs))
	h.renderLogin(w, r, http.StatusTooManyRequests, msg+fmt.Sprintf(" Wacht %d seconden en probeer het dan opnieuw.", secs), r.PostFormValue("terug"))
}

func (h *Handler) login(w http.ResponseWriter, r *http.Request, _ *call) {
	name := strings.TrimSpace(r.PostFormValue("naam"))
	keys, now := loginKeys(name, r), h.cfg.Now()
	if wait := h.limiter.locked(now, keys); wait > 0 {
		h.cfg.Log.WarnContext(r.Context(), "aanmelden geweigerd: te veel mislukte pogingen", "user", name, "addr", keys[1])
		h.tooMany(w, r, wait, "Te veel mislukte aanmeldpogingen voor deze naam of vanaf deze computer.")
		return
	}
	p, err := h.auth.Basic(r.Context(), name, r.PostFormValue("wachtwoord"))
	if err != nil {
		h.cfg.Log.InfoContext(r.Context(), "aanmelden mislukt", "user", name)
		if wait := h.limiter.fail(now, keys); wait > 0 {
			h.tooMany(w, r, wait, fmt.Sprintf("Onbekende naam of verkeerd wachtwoord, %d keer achter elkaar.", loginMaxFailures))
			return
		}
		h.renderLogin(w, r, http.StatusUnauthorized, "Onbekende naam of verkeerd wachtwoord. Probeer het opnieuw.", r.PostFormValue("terug"))
		return
	}
	h.limiter.succeed(keys)
	if _, err := h.sweepSessions(r.Context()); err != nil {
		h.cfg.Log.WarnContext(r.Context(), "verlopen sessies opruimen mislukt", "err", err)
	}
	if err := h.startSession(r.Context(), w, r, name, p.Grant); err != nil {
		h.serverError(w, r, &call{}, err)
		return
	}
	http.SetCookie(w, &http.Cookie{Name: loginCookie, Path: "/inloggen", MaxAge: -1})
	to := safeBack(r.PostFormValue("terug"))
	if to == "" {
		to = startPage(p)
	}
	http.Redirect(w, r, to, http.StatusSeeOther)
}

func (h *Handler) logout(w http.ResponseWriter, r *http.Request, c *call) {
	if ck, err := r.Cookie(sessionCookie); err == nil {
		id := sessionID(ck.Value)
		if rec, err := h.cfg.Store.Get(r.Context(), domain.KindSession, id); err == nil {
			ctx := domain.WithActor(r.Context(), domain.Actor{Name: c.actor(), Reason: "afgemeld in de webapp"})
			_ = h.cfg.Store.Delete(ctx, domain.KindSession, id, rec.Version)
		}
	}
	http.SetCookie(w, &http.Cookie{Name: sessionCookie, Path: "/", MaxAge: -1, HttpOnly: true, SameSite: http.SameSiteLaxMode})
	http.Redirect(w, r, "/inloggen", http.StatusSeeOther)
}

func urlQueryEscape(s string) string { return url.QueryEscape(s) }

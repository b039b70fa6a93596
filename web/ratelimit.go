package web

import (
	"net"
	"net/http"
	"strings"
	"sync"
	"time"
)

// The sign-in limits: after loginMaxFailures failed sign-ins within loginLock for one user name, or
// from one client address, that name or address may not sign in for loginLock.
const (
	loginMaxFailures = 5
	loginLock        = time.Minute
)

// loginLimiter counts failed sign-ins per key (a user name, a client address) in memory, per
// instance: with several instances behind one address each counts its own. While a key is locked
// the password is not even checked, so guessing costs a minute per five tries.
type loginLimiter struct {
	mu    sync.Mutex
	fails map[string]*failures
}

type failures struct {
	n     int
	first time.Time // of the failures counted
	until time.Time // locked until then
}

// loginKeys are the keys a sign-in is counted under: the user name (case and spaces ignored) and
// the client address (the connection's, never a header a client can set).
func loginKeys(name string, r *http.Request) []string {
	host, _, err := net.SplitHostPort(r.RemoteAddr)
	if err != nil {
		host = r.RemoteAddr
	}
	return []string{"naam:" + strings.ToLower(strings.TrimSpace(name)), "adres:" + host}
}

// locked returns how long the longest lock of keys still lasts (0: none).
func (l *loginLimiter) locked(now time.Time, keys []string) time.Duration {
	l.mu.Lock()
	defer l.mu.Unlock()
	var wait time.Duration
	for _, k := range keys {
		if f := l.fails[k]; f != nil && now.Before(f.until) {
			wait = max(wait, f.until.Sub(now))
		}
	}
	return wait
}

// fail counts a failed sign-in for keys and returns the lock it starts (0: none yet).
func (l *loginLimiter) fail(now time.Time, keys []string) time.Duration {
	l.mu.Lock()
	defer l.mu.Unlock()
	if l.fails == nil {
		l.fails = map[string]*failures{}
	}
	if len(l.fails) > 10000 {
		l.prune(now)
	}
	var wait time.Duration
	for _, k := range keys {
		f := l.fails[k]
		if f == nil || now.Sub(f.first) >= loginLock {
			f = &failures{first: now}
			l.fails[k] = f
		}
		f.n++
		if f.n >= loginMaxFailures {
			f.until, f.n, f.first = now.Add(loginLock), 0, now
			wait = loginLock
		}
	}
	return wait
}

// succeed forgets the failures of the user name (not of the address: one good account must not
// clear the count of an address that guesses others).
func (l *loginLimiter) succeed(keys []string) {
	l.mu.Lock()
	defer l.mu.Unlock()
	delete(l.fails, keys[0])
}

// prune drops what no longer counts; the caller holds mu.
func (l *loginLimiter) prune(now time.Time) {
	for k, f := range l.fails {
		if now.Sub(f.first) >= loginLock && !now.Before(f.until) {
			delete(l.fails, k)
		}
	}
}

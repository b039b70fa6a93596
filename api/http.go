package api

import (
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"net/http"
	"strconv"
	"strings"

	"ploeg/domain"
)

// writeJSON writes v as JSON with status.
func writeJSON(w http.ResponseWriter, status int, v any) {
	w.Header().Set("Content-Type", "application/json")
	w.WriteHeader(status)
	enc := json.NewEncoder(w)
	enc.SetEscapeHTML(false)
	_ = enc.Encode(v)
}

// etag is the ETag of a record version: the version number, quoted.
func etag(version int64) string { return `"` + strconv.FormatInt(version, 10) + `"` }

func setETag(w http.ResponseWriter, version int64) { w.Header().Set("ETag", etag(version)) }

// ifMatch returns the version a write names in If-Match. Without the header the write is refused
// with 428 Precondition Required: every change must say which version it changes.
func ifMatch(r *http.Request) (int64, error) {
	h := strings.TrimSpace(r.Header.Get("If-Match"))
	if h == "" {
		return 0, &httpError{status: http.StatusPreconditionRequired, code: "precondition_required",
			title: "Versie ontbreekt", detail: "stuur If-Match met de ETag van de versie die u wijzigt (lees het record eerst met GET)"}
	}
	v, err := parseETag(h)
	if err != nil {
		var p domain.Problems
		p.Add("header.If-Match", "format", "%q is geen ETag van Ploeg; gebruik de ETag uit het antwoord van GET, bv. \"42\"", h)
		return 0, p.Err("ongeldige If-Match")
	}
	return v, nil
}

func parseETag(h string) (int64, error) {
	h = strings.TrimPrefix(strings.TrimSpace(h), "W/")
	if len(h) < 3 || h[0] != '"' || h[len(h)-1] != '"' {
		return 0, errors.New("not quoted")
	}
	return strconv.ParseInt(strings.TrimSuffix(h[1:len(h)-1], "-gzip"), 10, 64)
}

// writeStale answers a write that named an old version: 412 with the current version in the body
// and the ETag header.
func writeStale(w http.ResponseWriter, r *http.Request, s *Server, noun, id string, given, current int64) {
	setETag(w, current)
	writeProblemDoc(w, Problem{Type: "urn:ploeg:problem:stale", Title: "Verouderde versie",
		Status: http.StatusPreconditionFailed, Code: "stale", CurrentVersion: current,
		Detail: fmt.Sprintf("%s %q is intussen gewijzigd: u stuurde versie %d, de huidige is %d; lees opnieuw en probeer het nog eens", noun, id, given, current)})
}

// httpError is an error with its own HTTP status, for the statuses the domain codes do not name
// (413, 415, 428).
type httpError struct {
	status int
	code   domain.Code
	title  string
	detail string
}

func (e *httpError) Error() string { return e.detail }

func unsupported(ct, want string) error {
	return &httpError{status: http.StatusUnsupportedMediaType, code: "unsupported_media_type", title: "Verkeerd formaat",
		detail: fmt.Sprintf("stuur %s, niet %s", want, ct)}
}

func tooLarge(limit int64) error {
	return &httpError{status: http.StatusRequestEntityTooLarge, code: "too_large", title: "Te groot",
		detail: fmt.Sprintf("de invoer is groter dan %s; stuur minder tegelijk", size(limit))}
}

func size(n int64) string {
	if n >= 1<<20 {
		return fmt.Sprintf("%d MiB", n>>20)
	}
	return fmt.Sprintf("%d KiB", n>>10)
}

// checkJSON refuses a body that says it is not JSON.
func checkJSON(r *http.Request) error {
	if ct := r.Header.Get("Content-Type"); ct != "" && !strings.HasPrefix(ct, "application/json") {
		return unsupported(ct, "application/json")
	}
	return nil
}

// readBody reads at most limit bytes of the body; more is refused with 413.
func readBody(w http.ResponseWriter, r *http.Request, limit int64) ([]byte, error) {
	b, err := io.ReadAll(http.MaxBytesReader(w, r.Body, limit))
	var tb *http.MaxBytesError
	if errors.As(err, &tb) {
		return nil, tooLarge(limit)
	}
	if err != nil {
		return nil, domain.Errorf(domain.CodeInvalid, "de invoer kon niet worden gelezen: %s", err)
	}
	return b, nil
}

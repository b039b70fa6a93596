package api

import (
	"encoding/json"
	"errors"
	"log/slog"
	"net/http"

	"ploeg/domain"
)

// Problem is an RFC 9457 problem document (application/problem+json).
type Problem struct {
	Type   string              `json:"type"`
	Title  string              `json:"title"`
	Status int                 `json:"status"`
	Detail string              `json:"detail,omitempty"`
	Code   domain.Code         `json:"code"`
	Errors []domain.FieldError `json:"errors,omitempty"`
	// CurrentVersion is the record's version now, on 412 Precondition Failed.
	CurrentVersion int64 `json:"currentVersion,omitempty"`
	// Warnings are the soft matters of a plan change that need a reason (422).
	Warnings []Warning `json:"warnings,omitempty"`
	// Violations are the hard rules a refused plan change would break (409).
	Violations []Violation `json:"violations,omitempty"`
}

// statusOf maps each error code to its HTTP status, in one place.
var statusOf = map[domain.Code]int{
	domain.CodeInvalid:      http.StatusBadRequest,
	domain.CodeNotFound:     http.StatusNotFound,
	domain.CodeConflict:     http.StatusConflict,
	domain.CodeUnauthorized: http.StatusUnauthorized,
	domain.CodeForbidden:    http.StatusForbidden,
	domain.CodeInternal:     http.StatusInternalServerError,
}

var titleOf = map[domain.Code]string{
	domain.CodeInvalid:      "Ongeldige invoer",
	domain.CodeNotFound:     "Niet gevonden",
	domain.CodeConflict:     "Conflict",
	domain.CodeUnauthorized: "Niet aangemeld",
	domain.CodeForbidden:    "Geen toegang",
	domain.CodeInternal:     "Interne fout",
}

// problemFor turns an error into a problem document. Internal errors keep their cause out of the
// response: it is logged instead.
func problemFor(err error) Problem {
	var he *httpError
	if errors.As(err, &he) {
		return Problem{Type: "urn:ploeg:problem:" + string(he.code), Title: he.title, Status: he.status, Code: he.code, Detail: he.detail}
	}
	code := domain.ErrorCode(err)
	p := Problem{Type: "urn:ploeg:problem:" + string(code), Title: titleOf[code], Status: statusOf[code], Code: code}
	var e *domain.Error
	if errors.As(err, &e) && code != domain.CodeInternal {
		p.Detail = e.Message
		p.Errors = e.Fields
	} else {
		p.Detail = "Er ging iets mis in Ploeg. Probeer het opnieuw; blijft het misgaan, meld het dan aan de beheerder."
	}
	return p
}

func writeProblem(w http.ResponseWriter, r *http.Request, log *slog.Logger, err error) {
	p := problemFor(err)
	if p.Status >= 500 {
		log.ErrorContext(r.Context(), "verzoek mislukt", "method", r.Method, "path", r.URL.Path, "err", err)
	}
	writeProblemDoc(w, p)
}

func writeProblemDoc(w http.ResponseWriter, p Problem) {
	w.Header().Set("Content-Type", "application/problem+json")
	w.Header().Set("X-Content-Type-Options", "nosniff")
	w.WriteHeader(p.Status)
	enc := json.NewEncoder(w)
	enc.SetEscapeHTML(false)
	_ = enc.Encode(p)
}

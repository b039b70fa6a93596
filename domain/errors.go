package domain

import (
	"errors"
	"fmt"
	"strings"
)

// Code classifies an error for programs; its values are stable and part of the API.
type Code string

// The error codes.
const (
	CodeInvalid      Code = "invalid"      // the input breaks a rule; Fields says where
	CodeNotFound     Code = "not_found"    // the record does not exist
	CodeConflict     Code = "conflict"     // the record exists already, or changed since it was read
	CodeUnauthorized Code = "unauthorized" // who is asking is not known
	CodeForbidden    Code = "forbidden"    // the asker may not do this
	CodeInternal     Code = "internal"     // a fault of Ploeg or its store, not of the input
)

// FieldError is one problem with one field of the input.
type FieldError struct {
	// Field is the path of the field, e.g. employees[17].gemeente.
	Field string `json:"field"`
	// Rule is a stable name of what is wrong: required, unknown_field, type, format, enum,
	// range, duplicate, reference or rule.
	Rule string `json:"rule"`
	// Message says in Dutch what is wrong and how to put it right.
	Message string `json:"message"`
}

func (f FieldError) String() string {
	if f.Field == "" {
		return f.Message
	}
	return f.Field + ": " + f.Message
}

// Error is Ploeg's error: a stable code, a Dutch message for people, and for invalid input the list of
// every problem found.
type Error struct {
	Code    Code
	Message string
	Fields  []FieldError
	Err     error // the underlying cause, if any
}

// Error returns the message followed by every field problem, one per line.
func (e *Error) Error() string {
	var b strings.Builder
	b.WriteString(e.Message)
	if e.Err != nil && e.Message == "" {
		b.WriteString(e.Err.Error())
	}
	for _, f := range e.Fields {
		b.WriteString("\n  ")
		b.WriteString(f.String())
	}
	return b.String()
}

// Unwrap returns the cause.
func (e *Error) Unwrap() error { return e.Err }

// Errorf returns an *Error with code c and a formatted message.
func Errorf(c Code, format string, args ...any) *Error {
	return &Error{Code: c, Message: fmt.Sprintf(format, args...)}
}

// Internal wraps an unexpected failure (storage, encoding) as an internal error.
func Internal(op string, err error) *Error {
	return &Error{Code: CodeInternal, Message: op + ": " + err.Error(), Err: err}
}

// ErrorCode returns the code of err: CodeInternal for errors that are not an *Error, "" for nil.
func ErrorCode(err error) Code {
	if err == nil {
		return ""
	}
	var e *Error
	if errors.As(err, &e) {
		return e.Code
	}
	return CodeInternal
}

// FieldErrors returns the field problems of err, if it is an *Error.
func FieldErrors(err error) []FieldError {
	var e *Error
	if errors.As(err, &e) {
		return e.Fields
	}
	return nil
}

// Problems collects field problems under a path prefix; its zero value is ready to use.
type Problems struct {
	list []FieldError
}

// Add records a problem at field with a stable rule and a Dutch message.
func (p *Problems) Add(field, rule, format string, args ...any) {
	p.list = append(p.list, FieldError{Field: field, Rule: rule, Message: fmt.Sprintf(format, args...)})
}

// AddAll records problems found elsewhere, with prefix put in front of their fields.
func (p *Problems) AddAll(prefix string, fs []FieldError) {
	for _, f := range fs {
		switch {
		case f.Field == "":
			f.Field = prefix
		case prefix != "" && f.Field[0] != '[':
			f.Field = prefix + "." + f.Field
		default:
			f.Field = prefix + f.Field
		}
		p.list = append(p.list, f)
	}
}

// Len returns the number of problems.
func (p *Problems) Len() int { return len(p.list) }

// Err returns nil without problems, else an invalid *Error that lists them all under message.
func (p *Problems) Err(message string) error {
	if len(p.list) == 0 {
		return nil
	}
	return &Error{Code: CodeInvalid, Message: message, Fields: p.list}
}

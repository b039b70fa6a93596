package domain

import (
	"bytes"
	"encoding"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"math"
	"reflect"
	"sort"
	"strings"
)

// MaxDatasetBytes bounds a dataset read by DecodeDataset (64 MiB: a region of 10,000 people with
// months of shifts stays well below it).
const MaxDatasetBytes = 64 << 20

// DecodeDataset reads a dataset in the exchange format, checks its shape (unknown fields, missing
// required fields, wrong types) and its content (Validate), and returns every problem at once.
// It returns either a valid dataset or an *Error with code invalid; never a partly read dataset.
func DecodeDataset(r io.Reader) (*Dataset, error) {
	b, err := io.ReadAll(io.LimitReader(r, MaxDatasetBytes+1))
	if err != nil {
		return nil, Internal("dataset lezen", err)
	}
	if len(b) > MaxDatasetBytes {
		return nil, Errorf(CodeInvalid, "de dataset is groter dan %d MiB; splits hem of neem contact op met de beheerder", MaxDatasetBytes>>20)
	}
	var ds Dataset
	if err := DecodeStrict(b, &ds); err != nil {
		return nil, err
	}
	return &ds, nil
}

// EncodeDataset writes ds in the exchange format, indented, with a trailing newline.
func EncodeDataset(w io.Writer, ds *Dataset) error {
	enc := json.NewEncoder(w)
	enc.SetIndent("", "  ")
	enc.SetEscapeHTML(false)
	return enc.Encode(ds)
}

// DecodeStrict decodes JSON into v (a pointer to a struct) the way the exchange format demands:
// fields not in v's type are refused, fields without `ploeg:"optional"` are required, and values must
// have the right type and format. When v has a Validate method its problems are added too. All
// problems are reported at once, each with its path; on error v must not be used.
func DecodeStrict(b []byte, v any) error {
	var raw any
	dec := json.NewDecoder(bytes.NewReader(b))
	dec.UseNumber()
	if err := dec.Decode(&raw); err != nil {
		return syntaxError(b, err)
	}
	if _, err := dec.Token(); err != io.EOF {
		return Errorf(CodeInvalid, "na het JSON-document volgt nog meer tekst; een bestand bevat precies één document")
	}
	var p Problems
	clean, ok := checkShape(&p, "", raw, reflect.TypeOf(v).Elem())
	if !ok {
		return p.Err("de invoer heeft niet de juiste vorm")
	}
	if p.Len() > 0 {
		// Decode what is well-formed so the content checks below can report their problems too.
		if b, err := json.Marshal(clean); err == nil {
			_ = json.Unmarshal(b, v)
		}
	} else if err := json.Unmarshal(b, v); err != nil {
		return &Error{Code: CodeInvalid, Message: "de invoer kon niet worden gelezen: " + err.Error(), Err: err}
	}
	if val, ok := v.(interface{ Validate() error }); ok {
		shapeFields := p.list
		for _, f := range FieldErrors(val.Validate()) {
			if !coveredBy(f.Field, shapeFields) {
				p.list = append(p.list, f)
			}
		}
	}
	return p.Err("de invoer klopt niet")
}

// coveredBy reports whether a content problem at field concerns a field already reported as
// malformed (the content check saw the cleaned value, not what the user wrote).
func coveredBy(field string, shape []FieldError) bool {
	for _, s := range shape {
		if field == s.Field || strings.HasPrefix(field, s.Field+".") || strings.HasPrefix(field, s.Field+"[") {
			return true
		}
	}
	return false
}

func syntaxError(b []byte, err error) error {
	var se *json.SyntaxError
	if errors.As(err, &se) {
		line, col := position(b, se.Offset)
		return Errorf(CodeInvalid, "geen geldige JSON op regel %d, kolom %d: %s", line, col, se.Error())
	}
	if err == io.EOF {
		return Errorf(CodeInvalid, "de invoer is leeg; verwacht een JSON-object")
	}
	if err == io.ErrUnexpectedEOF {
		return Errorf(CodeInvalid, "de JSON houdt halverwege op; is het bestand volledig?")
	}
	return Errorf(CodeInvalid, "geen geldige JSON: %s", err)
}

func position(b []byte, offset int64) (line, col int) {
	if offset > int64(len(b)) {
		offset = int64(len(b))
	}
	line = 1 + bytes.Count(b[:offset], []byte("\n"))
	col = int(offset) - bytes.LastIndexByte(b[:offset], '\n')
	return line, col
}

var textUnmarshaler = reflect.TypeFor[encoding.TextUnmarshaler]()

func join(path, key string) string {
	if path == "" {
		return key
	}
	return path + "." + key
}

func describe(v any) string {
	switch v.(type) {
	case nil:
		return "null"
	case bool:
		return "true/false"
	case json.Number:
		return "een getal"
	case string:
		return "tekst"
	case []any:
		return "een lijst"
	case map[string]any:
		return "een object"
	}
	return fmt.Sprintf("%T", v)
}

// checkShape compares a decoded JSON value with Go type t and records every mismatch. It returns the
// value with every malformed part left out, and false when the value itself is malformed.
func checkShape(p *Problems, path string, v any, t reflect.Type) (any, bool) {
	if t.Kind() == reflect.Pointer {
		if v == nil {
			return nil, true // null is how the format says "not set" for optional values
		}
		t = t.Elem()
	}
	if reflect.PointerTo(t).Implements(textUnmarshaler) {
		s, ok := v.(string)
		if !ok {
			p.Add(path, "type", "verwacht tekst, maar kreeg %s", describe(v))
			return nil, false
		}
		if err := reflect.New(t).Interface().(encoding.TextUnmarshaler).UnmarshalText([]byte(s)); err != nil {
			p.Add(path, "format", "%s", err)
			return nil, false
		}
		return v, true
	}
	switch t.Kind() {
	case reflect.Struct:
		obj, ok := v.(map[string]any)
		if !ok {
			p.Add(path, "type", "verwacht een object, maar kreeg %s", describe(v))
			return nil, false
		}
		clean := make(map[string]any, len(obj))
		known := map[string]string{}
		for i := range t.NumField() {
			f := t.Field(i)
			name, _, _ := strings.Cut(f.Tag.Get("json"), ",")
			if name == "-" || !f.IsExported() {
				continue
			}
			known[name] = name
			known[strings.ToLower(name)] = name
			val, present := obj[name]
			switch {
			case !present && f.Tag.Get("ploeg") != "optional":
				p.Add(join(path, name), "required", "ontbreekt; dit veld is verplicht")
			case present:
				if c, ok := checkShape(p, join(path, name), val, f.Type); ok {
					clean[name] = c
				}
			}
		}
		var unknown []string
		for k := range obj {
			if known[k] != k {
				unknown = append(unknown, k)
			}
		}
		sort.Strings(unknown)
		for _, k := range unknown {
			if alt, ok := known[strings.ToLower(k)]; ok {
				p.Add(join(path, k), "unknown_field", "onbekend veld %q; bedoelt u %q? (hoofdletters tellen)", k, alt)
			} else {
				p.Add(join(path, k), "unknown_field", "onbekend veld %q; controleer de spelling of laat het weg", k)
			}
		}
		return clean, true
	case reflect.Slice:
		arr, ok := v.([]any)
		if !ok {
			if v == nil {
				p.Add(path, "type", "verwacht een lijst, maar kreeg null; geef een lege lijst [] als er niets is")
			} else {
				p.Add(path, "type", "verwacht een lijst, maar kreeg %s", describe(v))
			}
			return nil, false
		}
		clean := make([]any, 0, len(arr))
		for i, el := range arr {
			c, ok := checkShape(p, fmt.Sprintf("%s[%d]", path, i), el, t.Elem())
			if !ok {
				c = reflect.Zero(t.Elem()).Interface() // keep the positions of later elements
			}
			clean = append(clean, c)
		}
		return clean, true
	case reflect.Map:
		obj, ok := v.(map[string]any)
		if !ok {
			p.Add(path, "type", "verwacht een object, maar kreeg %s", describe(v))
			return nil, false
		}
		clean := make(map[string]any, len(obj))
		for k, el := range obj {
			if c, ok := checkShape(p, join(path, k), el, t.Elem()); ok {
				clean[k] = c
			}
		}
		return clean, true
	case reflect.String:
		if _, ok := v.(string); !ok {
			p.Add(path, "type", "verwacht tekst, maar kreeg %s", describe(v))
			return nil, false
		}
	case reflect.Bool:
		if _, ok := v.(bool); !ok {
			p.Add(path, "type", "verwacht true of false, maar kreeg %s", describe(v))
			return nil, false
		}
	case reflect.Int, reflect.Int8, reflect.Int16, reflect.Int32, reflect.Int64:
		n, ok := v.(json.Number)
		if !ok {
			p.Add(path, "type", "verwacht een geheel getal, maar kreeg %s", describe(v))
			return nil, false
		}
		if i, err := n.Int64(); err != nil || reflect.New(t).Elem().OverflowInt(i) {
			p.Add(path, "type", "verwacht een geheel getal, maar kreeg %s", n)
			return nil, false
		}
	case reflect.Float32, reflect.Float64:
		n, ok := v.(json.Number)
		if !ok {
			p.Add(path, "type", "verwacht een getal, maar kreeg %s", describe(v))
			return nil, false
		}
		if f, err := n.Float64(); err != nil || math.IsInf(f, 0) {
			p.Add(path, "type", "%s is geen bruikbaar getal", n)
			return nil, false
		}
	default:
		p.Add(path, "type", "kan type %s niet lezen", t)
		return nil, false
	}
	return v, true
}

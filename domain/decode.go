package domain

import (
	"bytes"
	"encoding"
	"encoding/json"
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
// required fields, wrong types) and then its content (Validate), and returns every problem at once.
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
	if err := ds.Validate(); err != nil {
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
// have the right type and format. All problems are reported, each with its path.
func DecodeStrict(b []byte, v any) error {
	var raw any
	dec := json.NewDecoder(bytes.NewReader(b))
	dec.UseNumber()
	if err := dec.Decode(&raw); err != nil {
		return syntaxError(b, err)
	}
	if dec.More() {
		return Errorf(CodeInvalid, "na het JSON-document volgt nog meer tekst; een bestand bevat precies één document")
	}
	var p Problems
	checkShape(&p, "", raw, reflect.TypeOf(v).Elem())
	if err := p.Err("de invoer heeft niet de juiste vorm"); err != nil {
		return err
	}
	if err := json.Unmarshal(b, v); err != nil {
		// The shape check should have caught this; report it rather than continue half-decoded.
		return &Error{Code: CodeInvalid, Message: "de invoer kon niet worden gelezen: " + err.Error(), Err: err}
	}
	return nil
}

func syntaxError(b []byte, err error) error {
	var se *json.SyntaxError
	if ok := asSyntax(err, &se); ok {
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

func asSyntax(err error, target **json.SyntaxError) bool {
	se, ok := err.(*json.SyntaxError)
	if ok {
		*target = se
	}
	return ok
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

// checkShape compares a decoded JSON value with Go type t and records every mismatch.
func checkShape(p *Problems, path string, v any, t reflect.Type) {
	if t.Kind() == reflect.Pointer {
		if v == nil {
			return // null is how the format says "not set" for optional values
		}
		t = t.Elem()
	}
	if reflect.PointerTo(t).Implements(textUnmarshaler) {
		s, ok := v.(string)
		if !ok {
			p.Add(path, "type", "verwacht tekst, maar kreeg %s", describe(v))
			return
		}
		if err := reflect.New(t).Interface().(encoding.TextUnmarshaler).UnmarshalText([]byte(s)); err != nil {
			p.Add(path, "format", "%s", err)
		}
		return
	}
	switch t.Kind() {
	case reflect.Struct:
		obj, ok := v.(map[string]any)
		if !ok {
			p.Add(path, "type", "verwacht een object, maar kreeg %s", describe(v))
			return
		}
		known := map[string]bool{}
		for i := range t.NumField() {
			f := t.Field(i)
			name, _, _ := strings.Cut(f.Tag.Get("json"), ",")
			if name == "-" || !f.IsExported() {
				continue
			}
			known[name] = true
			val, present := obj[name]
			switch {
			case !present && f.Tag.Get("ploeg") != "optional":
				p.Add(join(path, name), "required", "ontbreekt; dit veld is verplicht")
			case present:
				checkShape(p, join(path, name), val, f.Type)
			}
		}
		var unknown []string
		for k := range obj {
			if !known[k] {
				unknown = append(unknown, k)
			}
		}
		sort.Strings(unknown)
		for _, k := range unknown {
			p.Add(join(path, k), "unknown_field", "onbekend veld %q; controleer de spelling (hoofdletters tellen) of laat het weg", k)
		}
	case reflect.Slice:
		arr, ok := v.([]any)
		if !ok {
			if v == nil {
				p.Add(path, "type", "verwacht een lijst, maar kreeg null; geef een lege lijst [] als er niets is")
			} else {
				p.Add(path, "type", "verwacht een lijst, maar kreeg %s", describe(v))
			}
			return
		}
		for i, el := range arr {
			checkShape(p, fmt.Sprintf("%s[%d]", path, i), el, t.Elem())
		}
	case reflect.Map:
		obj, ok := v.(map[string]any)
		if !ok {
			p.Add(path, "type", "verwacht een object, maar kreeg %s", describe(v))
			return
		}
		for k, el := range obj {
			checkShape(p, join(path, k), el, t.Elem())
		}
	case reflect.String:
		if _, ok := v.(string); !ok {
			p.Add(path, "type", "verwacht tekst, maar kreeg %s", describe(v))
		}
	case reflect.Bool:
		if _, ok := v.(bool); !ok {
			p.Add(path, "type", "verwacht true of false, maar kreeg %s", describe(v))
		}
	case reflect.Int, reflect.Int8, reflect.Int16, reflect.Int32, reflect.Int64:
		n, ok := v.(json.Number)
		if !ok {
			p.Add(path, "type", "verwacht een geheel getal, maar kreeg %s", describe(v))
			return
		}
		i, err := n.Int64()
		if err != nil || reflect.New(t).Elem().OverflowInt(i) {
			p.Add(path, "type", "verwacht een geheel getal, maar kreeg %s", n)
		}
	case reflect.Float32, reflect.Float64:
		n, ok := v.(json.Number)
		if !ok {
			p.Add(path, "type", "verwacht een getal, maar kreeg %s", describe(v))
			return
		}
		if f, err := n.Float64(); err != nil || math.IsInf(f, 0) {
			p.Add(path, "type", "%s is geen bruikbaar getal", n)
		}
	default:
		p.Add(path, "type", "kan type %s niet lezen", t)
	}
}

package api

import (
	"encoding"
	"reflect"
	"strings"
	"time"

	"ploeg/domain"
)

// schemas collects JSON Schemas (OpenAPI 3.1) of Go types by reflection, the way the strict decoder
// reads them: json names, `ploeg:"optional"` for what may be left out, dates, times and weekdays as
// their text forms.
type schemas map[string]any

var textMarshaler = reflect.TypeFor[encoding.TextMarshaler]()

// ref returns a reference to the schema of t, adding it (and what it uses) to the components.
func (sc schemas) ref(t reflect.Type) map[string]any {
	for t.Kind() == reflect.Pointer {
		t = t.Elem()
	}
	if t.Kind() != reflect.Struct || t == reflect.TypeFor[time.Time]() {
		return sc.of(t)
	}
	name := t.Name()
	if _, ok := sc[name]; !ok {
		sc[name] = map[string]any{} // placeholder against recursion
		sc[name] = sc.object(t)
	}
	return map[string]any{"$ref": "#/components/schemas/" + name}
}

func (sc schemas) of(t reflect.Type) map[string]any {
	if t.Kind() == reflect.Pointer { // null is how the format says "not set"
		return map[string]any{"oneOf": []any{sc.of(t.Elem()), map[string]any{"type": "null"}}}
	}
	switch t {
	case reflect.TypeFor[domain.Date]():
		return map[string]any{"type": "string", "format": "date"}
	case reflect.TypeFor[domain.Clock]():
		return map[string]any{"type": "string", "pattern": "^[0-2][0-9]:[0-5][0-9]$"}
	case reflect.TypeFor[domain.Weekday]():
		return map[string]any{"type": "string", "enum": []string{"ma", "di", "wo", "do", "vr", "za", "zo"}}
	case reflect.TypeFor[time.Time]():
		return map[string]any{"type": "string", "format": "date-time"}
	}
	if t.Implements(textMarshaler) || reflect.PointerTo(t).Implements(textMarshaler) {
		return map[string]any{"type": "string"}
	}
	switch t.Kind() {
	case reflect.Struct:
		return sc.ref(t)
	case reflect.Slice:
		return map[string]any{"type": "array", "items": sc.ref(t.Elem())}
	case reflect.Map:
		return map[string]any{"type": "object", "additionalProperties": sc.ref(t.Elem())}
	case reflect.String:
		return map[string]any{"type": "string"}
	case reflect.Bool:
		return map[string]any{"type": "boolean"}
	case reflect.Int, reflect.Int8, reflect.Int16, reflect.Int32, reflect.Int64, reflect.Uint64:
		return map[string]any{"type": "integer"}
	case reflect.Float32, reflect.Float64:
		return map[string]any{"type": "number"}
	}
	return map[string]any{}
}

// object is the schema of a struct: its json fields, embedded structs' fields promoted.
func (sc schemas) object(t reflect.Type) map[string]any {
	props := map[string]any{}
	var required []string
	var walk func(t reflect.Type)
	walk = func(t reflect.Type) {
		for i := range t.NumField() {
			f := t.Field(i)
			name, _, _ := strings.Cut(f.Tag.Get("json"), ",")
			if f.Anonymous && name == "" {
				walk(f.Type)
				continue
			}
			if name == "-" || !f.IsExported() {
				continue
			}
			if name == "" {
				name = f.Name
			}
			props[name] = sc.of(f.Type)
			if f.Tag.Get("ploeg") != "optional" {
				required = append(required, name)
			}
		}
	}
	walk(t)
	out := map[string]any{"type": "object", "properties": props, "additionalProperties": false}
	if len(required) > 0 {
		out["required"] = required
	}
	return out
}

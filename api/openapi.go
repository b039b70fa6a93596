package api

import (
	"net/http"
	"regexp"
	"strings"
)

var pathParam = regexp.MustCompile(`\{([a-zA-Z]+)\}`)

// openAPIDoc builds the OpenAPI 3.1 document from the rule table: every route with its summary, its
// parameters, who may use it, and the answers it can give.
func (s *Server) openAPIDoc() map[string]any {
	paths := map[string]map[string]any{}
	sc := schemas{}
	for _, rt := range s.routes {
		item := paths[rt.path]
		if item == nil {
			item = map[string]any{}
			paths[rt.path] = item
		}
		var params []any
		for _, m := range pathParam.FindAllStringSubmatch(rt.path, -1) {
			params = append(params, map[string]any{"name": m[1], "in": "path", "required": true, "schema": map[string]any{"type": "string"}})
		}
		ok := map[string]any{"description": "gelukt"}
		if rt.answer != nil {
			ok["content"] = map[string]any{"application/json": map[string]any{"schema": sc.ref(rt.answer)}}
		}
		responses := map[string]any{"200": ok}
		problem := map[string]any{"description": "probleem", "content": map[string]any{"application/problem+json": map[string]any{"schema": map[string]any{"$ref": "#/components/schemas/Problem"}}}}
		op := map[string]any{
			"operationId": operationID(rt),
			"summary":     rt.summary,
			"responses":   responses,
		}
		if rt.public {
			op["security"] = []any{}
		} else {
			roles := make([]string, len(rt.roles))
			for i, r := range rt.roles {
				roles[i] = string(r)
			}
			op["x-roles"] = roles
			responses["401"] = problem
			responses["403"] = problem
		}
		if rt.method != http.MethodGet {
			responses["400"] = problem
			if rt.method != http.MethodDelete {
				schema := map[string]any{"type": "object"}
				if rt.body != nil {
					schema = sc.ref(rt.body)
				}
				op["requestBody"] = map[string]any{"content": map[string]any{"application/json": map[string]any{"schema": schema}}}
				responses["413"] = problem
			}
		}
		if rt.method == http.MethodPut || rt.method == http.MethodPatch || rt.method == http.MethodDelete || rt.ifMatch {
			params = append(params, map[string]any{"name": "If-Match", "in": "header", "required": true, "schema": map[string]any{"type": "string"},
				"description": "de ETag van de versie die u wijzigt; zonder: 428, verouderd: 412"})
			responses["412"] = problem
			responses["428"] = problem
		}
		if len(params) > 0 {
			op["parameters"] = params
		}
		item[strings.ToLower(rt.method)] = op
	}
	return map[string]any{
		"openapi": "3.1.0",
		"info": map[string]any{"title": "Ploeg", "version": "1",
			"description": "Planning van Wsw- en beschut-werkmedewerkers. Elke route noemt in x-roles welke rollen haar mogen gebruiken."},
		"paths": paths,
		"components": map[string]any{
			"securitySchemes": map[string]any{
				"bearer": map[string]any{"type": "http", "scheme": "bearer"},
				"basic":  map[string]any{"type": "http", "scheme": "basic"},
			},
			"schemas": sc.with("Problem", map[string]any{"type": "object",
				"required": []string{"type", "title", "status", "code"},
				"properties": map[string]any{
					"type": map[string]any{"type": "string"}, "title": map[string]any{"type": "string"},
					"status": map[string]any{"type": "integer"}, "detail": map[string]any{"type": "string"},
					"code": map[string]any{"type": "string"}, "currentVersion": map[string]any{"type": "integer"},
					"errors": map[string]any{"type": "array", "items": map[string]any{"type": "object",
						"properties": map[string]any{"field": map[string]any{"type": "string"}, "rule": map[string]any{"type": "string"}, "message": map[string]any{"type": "string"}}}},
				}}),
		},
		"security": []any{map[string]any{"bearer": []any{}}, map[string]any{"basic": []any{}}},
	}
}

// with adds a hand-written schema under name and returns the components.
func (sc schemas) with(name string, schema map[string]any) schemas {
	sc[name] = schema
	return sc
}

func operationID(rt route) string {
	p := pathParam.ReplaceAllString(rt.path, "by-$1")
	p = strings.NewReplacer("/api/v1", "", "/", "-", ".", "-").Replace(p)
	return strings.ToLower(rt.method) + strings.TrimSuffix(p, "-")
}

func (s *Server) openapi(w http.ResponseWriter, r *http.Request) {
	writeJSON(w, http.StatusOK, s.openAPIDoc())
}

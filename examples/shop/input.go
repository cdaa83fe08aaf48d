package main

import (
	"bytes"
	"encoding/json"
	"errors"
	"fmt"
	"net/http"
	"reflect"
	"regexp"
	"strings"
)

// decode reads a JSON body into v, refusing unknown fields and trailing
// data. A value of the wrong type for its field is a 400 naming the field.
func decode(r *http.Request, v any) error {
	dec := json.NewDecoder(http.MaxBytesReader(nil, r.Body, 1<<20))
	dec.DisallowUnknownFields()
	if err := dec.Decode(v); err != nil {
		return badBody(err)
	}
	if dec.More() {
		return fail(http.StatusBadRequest, "bad request body: more than one JSON value")
	}
	return nil
}

// badBody is the 400 for a body that does not decode, naming the field
// when the decoder says which.
func badBody(err error) *apiError {
	var te *json.UnmarshalTypeError
	switch {
	case errors.As(err, &te) && te.Field != "":
		return &apiError{status: http.StatusBadRequest, Message: "bad request body: " + te.Field + " " + wants(te.Type),
			Fields: []fieldError{{Field: te.Field, Rule: "type", Message: wants(te.Type)}}}
	case strings.HasPrefix(err.Error(), "json: unknown field "):
		name := strings.Trim(strings.TrimPrefix(err.Error(), "json: unknown field "), `"`)
		return &apiError{status: http.StatusBadRequest, Message: fmt.Sprintf("bad request body: unknown field %q", name),
			Fields: []fieldError{{Field: name, Rule: "unknown", Message: "is not a field of this request"}}}
	}
	return fail(http.StatusBadRequest, "bad request body: %v", err)
}

// wants says what a field of type t takes.
func wants(t reflect.Type) string {
	for t != nil && t.Kind() == reflect.Pointer {
		t = t.Elem()
	}
	switch {
	case t == nil:
		return "has the wrong type"
	case t == reflect.TypeFor[decimal]():
		return "must be a decimal number such as 12.50 (NaN, infinities and hexadecimal are not accepted)"
	case t.Kind() == reflect.String:
		return "must be a string"
	case t.Kind() >= reflect.Int && t.Kind() <= reflect.Int64:
		return fmt.Sprintf("must be a whole number that fits in %d bits", t.Bits())
	}
	return "must be a " + t.Kind().String()
}

// decimal is a price or total given as a JSON number (12.5) or a string
// holding one ("12.50"). Only JSON's number syntax is a number: NaN,
// Infinity, hexadecimal or 1_000, which strconv.ParseFloat would read,
// are refused as the field's type error.
type decimal string

// decimalSyntax is JSON's number grammar.
var decimalSyntax = regexp.MustCompile(`^-?(?:0|[1-9][0-9]*)(?:\.[0-9]+)?(?:[eE][+-]?[0-9]+)?$`)

// UnmarshalJSON implements json.Unmarshaler.
func (d *decimal) UnmarshalJSON(b []byte) error {
	b = bytes.TrimSpace(b)
	s := string(b)
	if len(b) > 0 && b[0] == '"' {
		if err := json.Unmarshal(b, &s); err != nil {
			return err
		}
	}
	if !decimalSyntax.MatchString(s) {
		return &json.UnmarshalTypeError{Value: abbreviated(string(b)), Type: reflect.TypeFor[decimal]()}
	}
	*d = decimal(s)
	return nil
}

func abbreviated(s string) string {
	if len(s) > 40 {
		return s[:37] + "..."
	}
	return s
}

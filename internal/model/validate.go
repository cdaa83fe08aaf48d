package model

import (
	"database/sql/driver"
	"fmt"
	"net/mail"
	"net/url"
	"reflect"
	"slices"
	"strconv"
	"strings"
	"unicode/utf8"
	"unsafe"
)

// Rule is one validation of a field, declared in its `validate:"…"` tag:
//
//	required      not the zero value (not nil for a pointer)
//	notnull       not NULL (from the strata tag's notnull on a nullable type)
//	len=a..b      length in characters (or elements) between a and b;
//	              len=n exactly n, len=..b at most b, len=a.. at least a
//	min=x, max=x  a number at least / at most x
//	email         an e-mail address
//	url           an absolute URL
//	oneof=a|b|c   one of the listed values
//
// A NULL value (nil pointer, invalid sql.Null*) passes every rule but
// required and notnull, as in Sequelize. Whether a value fits its column
// type is checked too, by rules of its own (range, scale, len …; see
// "Values that do not fit their column" and Model.Fit).
type Rule struct {
	Name string // e.g. "len"
	Arg  string // e.g. "1..100"
	// check returns a message when v (the field, dereferenced) fails.
	check func(v reflect.Value) string
}

// FieldError is one failed rule of one field.
type FieldError struct {
	Field   string // the Go field name
	Column  string // the column name
	Rule    string // the rule's name: "required", "len", "email", … "custom", or what the column type refused ("range", "scale", "number", "len", "text", …; see Model.Fit)
	Message string // what is wrong, e.g. "must be at most 100 characters long"
}

func (e FieldError) Error() string {
	return fmt.Sprintf("%s %s (%s)", e.Field, e.Message, e.Rule)
}

func notNullRule() Rule { return Rule{Name: "notnull"} }

// Validate runs the rules of the given fields (every field when only is
// nil) of the struct at base and returns one FieldError per failure.
func (m *Model) Validate(base unsafe.Pointer, only func(*Field) bool) []FieldError {
	var errs []FieldError
	for _, f := range m.Fields {
		if len(f.Rules) == 0 || (only != nil && !only(f)) {
			continue
		}
		v := f.Reflect(base)
		null := isNull(v)
		for _, r := range f.Rules {
			var msg string
			switch r.Name {
			case "notnull":
				if null {
					msg = "cannot be null"
				}
			case "required":
				if null || v.IsZero() {
					msg = "is required"
				}
			default:
				if !null {
					msg = r.check(deref(v))
				}
			}
			if msg != "" {
				errs = append(errs, FieldError{Field: f.Name, Column: f.Column, Rule: r.Name, Message: msg})
				if r.Name == "required" || r.Name == "notnull" {
					break // the other rules have nothing to check
				}
			}
		}
	}
	return errs
}

func isNull(v reflect.Value) bool {
	if v.Kind() == reflect.Pointer {
		return v.IsNil()
	}
	if dv, ok := v.Interface().(driver.Valuer); ok {
		x, err := dv.Value()
		return err == nil && x == nil
	}
	return false
}

// deref returns the value a pointer points at, or what a driver.Valuer
// (sql.NullString …) stands for.
func deref(v reflect.Value) reflect.Value {
	if v.Kind() == reflect.Pointer {
		v = v.Elem()
	}
	if dv, ok := v.Interface().(driver.Valuer); ok {
		if x, err := dv.Value(); err == nil && x != nil {
			return reflect.ValueOf(x)
		}
	}
	return v
}

var ruleNames = []string{"required", "len", "min", "max", "email", "url", "oneof"}

func parseRules(model string, sf reflect.StructField, f *Field) ([]Rule, error) {
	tag := sf.Tag.Get("validate")
	if tag == "" {
		return nil, nil
	}
	bad := func(format string, args ...any) error {
		return &Error{Model: model, Field: sf.Name, Msg: fmt.Sprintf("validate tag: "+format, args...)}
	}
	elem := sf.Type
	if elem.Kind() == reflect.Pointer {
		elem = elem.Elem()
	}
	if elem.Kind() == reflect.Struct && elem.PkgPath() == "database/sql" {
		if v, ok := elem.FieldByName("V"); ok {
			elem = v.Type // sql.Null[T]
		} else if elem.NumField() > 0 {
			elem = elem.Field(0).Type // sql.NullString.String, …
		}
	}
	var rules []Rule
	for _, part := range strings.Split(tag, ",") {
		name, arg, _ := strings.Cut(strings.TrimSpace(part), "=")
		r := Rule{Name: name, Arg: arg}
		switch name {
		case "":
			continue
		case "required":
		case "len":
			lo, hi, err := parseRange(arg)
			if err != nil {
				return nil, bad("len=%s: %v", arg, err)
			}
			if !hasLen(elem) {
				return nil, bad("len applies to strings, slices and maps, not %v", elem)
			}
			r.check = func(v reflect.Value) string {
				n := v.Len()
				if v.Kind() == reflect.String {
					n = utf8.RuneCountInString(v.String())
				}
				switch {
				case lo == hi && n != lo:
					return fmt.Sprintf("must be exactly %d long", lo)
				case n < lo:
					return fmt.Sprintf("must be at least %d long", lo)
				case hi >= 0 && n > hi:
					return fmt.Sprintf("must be at most %d long", hi)
				}
				return ""
			}
		case "min", "max":
			x, err := strconv.ParseFloat(arg, 64)
			if err != nil {
				return nil, bad("%s=%s: need a number", name, arg)
			}
			if !isNumber(elem) {
				return nil, bad("%s applies to numbers, not %v (use len for strings)", name, elem)
			}
			isMin := name == "min"
			r.check = func(v reflect.Value) string {
				n := toFloat(v)
				if isMin && n < x {
					return "must be at least " + arg
				}
				if !isMin && n > x {
					return "must be at most " + arg
				}
				return ""
			}
		case "email":
			if elem.Kind() != reflect.String {
				return nil, bad("email applies to strings, not %v", elem)
			}
			r.check = func(v reflect.Value) string {
				a, err := mail.ParseAddress(v.String())
				if err != nil || a.Address != v.String() {
					return "must be an e-mail address"
				}
				return ""
			}
		case "url":
			if elem.Kind() != reflect.String {
				return nil, bad("url applies to strings, not %v", elem)
			}
			r.check = func(v reflect.Value) string {
				u, err := url.ParseRequestURI(v.String())
				if err != nil || u.Scheme == "" || u.Host == "" {
					return "must be an absolute URL"
				}
				return ""
			}
		case "oneof":
			vals := strings.Split(arg, "|")
			if arg == "" {
				return nil, bad("oneof needs values: oneof=a|b|c")
			}
			r.check = func(v reflect.Value) string {
				if !slices.Contains(vals, fmt.Sprint(v.Interface())) {
					return "must be one of " + strings.Join(vals, ", ")
				}
				return ""
			}
		default:
			return nil, bad("unknown rule %q (known: %s)", name, strings.Join(ruleNames, ", "))
		}
		rules = append(rules, r)
	}
	return rules, nil
}

func parseRange(s string) (lo, hi int, err error) {
	a, b, isRange := strings.Cut(s, "..")
	if !isRange {
		n, err := strconv.Atoi(s)
		if err != nil || n < 0 {
			return 0, 0, fmt.Errorf("need n, a..b, ..b or a.. (e.g. len=1..100)")
		}
		return n, n, nil
	}
	lo, hi = 0, -1
	if a != "" {
		if lo, err = strconv.Atoi(a); err != nil || lo < 0 {
			return 0, 0, fmt.Errorf("bad lower bound %q", a)
		}
	}
	if b != "" {
		if hi, err = strconv.Atoi(b); err != nil || hi < lo {
			return 0, 0, fmt.Errorf("bad upper bound %q", b)
		}
	}
	if a == "" && b == "" {
		return 0, 0, fmt.Errorf("need a bound")
	}
	return lo, hi, nil
}

func hasLen(t reflect.Type) bool {
	switch t.Kind() {
	case reflect.String, reflect.Slice, reflect.Map, reflect.Array:
		return true
	}
	return false
}

func isNumber(t reflect.Type) bool {
	switch t.Kind() {
	case reflect.Int, reflect.Int8, reflect.Int16, reflect.Int32, reflect.Int64,
		reflect.Uint, reflect.Uint8, reflect.Uint16, reflect.Uint32, reflect.Uint64,
		reflect.Float32, reflect.Float64:
		return true
	}
	return false
}

func toFloat(v reflect.Value) float64 {
	switch v.Kind() {
	case reflect.Int, reflect.Int8, reflect.Int16, reflect.Int32, reflect.Int64:
		return float64(v.Int())
	case reflect.Uint, reflect.Uint8, reflect.Uint16, reflect.Uint32, reflect.Uint64:
		return float64(v.Uint())
	case reflect.Float32, reflect.Float64:
		return v.Float()
	}
	return 0
}

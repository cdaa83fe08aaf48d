package model

import (
	"database/sql/driver"
	"encoding/json"
	"fmt"
	"math"
	"math/big"
	"reflect"
	"slices"
	"strconv"
	"strings"
	"time"

	"github.com/strata-orm/strata/internal/query"
	"github.com/strata-orm/strata/schema"
)

var (
	_ query.Operands = (*Model)(nil)
	_ query.Patterns = (*Model)(nil)
)

// Operand implements query.Operands: it converts a value compared with
// column col in a condition to what the column holds, so that the
// comparison means the same on every database (see "Values that do not
// fit their column"). A value of another kind than the column's is
// converted only where that is exact, else it is an error naming the
// column and what to compare it with; so a where decoded from JSON
// (float64, bool, string, json.Number) never widens a query:
//
//   - with an integer column, a whole number (of any Go type, or text such
//     as "42" or "4e1") is compared as an integer: within 64 bits by the
//     database (the live column may be wider than the model's type;
//     PostgreSQL gets it as a BIGINT, see query.Builder.BindOperand), one
//     beyond 64 bits is Below or Above every value any integer column
//     holds; a fraction (1.5), text that is no number, a bool, a time or
//     bytes is an error (PostgreSQL rounds 1.5 to 2, MySQL reads "abc" as
//     0);
//   - with a FLOAT, DOUBLE or DECIMAL column, a number or a number as text;
//     NaN, ±Inf, other text, a bool, a time or bytes is an error; a float64
//     compared with a FLOAT is rounded to single precision, as it is
//     written;
//   - with a text column (STRING, CHAR, TEXT) only text (or bytes that are
//     UTF-8): a number is an error, never its decimal text (MySQL compares
//     'abc' = 0 as true), as are a bool, a time, and text with NUL or
//     invalid UTF-8, which no database compares alike;
//   - with a UUID column text, compared in lower case; text that is no
//     UUID is Apart from every value, as is a value an ENUM does not list
//     (PostgreSQL refuses both); any other kind is an error;
//   - with a BOOLEAN column true and false, or the numbers 0 and 1;
//   - with a DATE or DATEONLY column a time.Time, or a time as text in
//     RFC 3339 (2006-01-02T15:04:05Z; without a zone, or a date alone, in
//     UTC), compared as that time;
//   - with a TIME column hh:mm:ss text, or a time.Time as its time of day
//     in UTC;
//   - with a BLOB column a []byte;
//   - a JSON or JSONB column compares with nothing but NULL (each database
//     compares JSON differently): use Raw with the database's JSON
//     functions.
//
// A driver.Valuer giving NULL is returned as it is, and so is any value of
// a column strata has no type for (an ARRAY).
func (m *Model) Operand(col string, v any) (any, query.Place, error) {
	f, ok := m.byName[col]
	if !ok || f.typeErr != nil {
		return v, query.Inside, nil
	}
	t := f.sqlType
	if v == nil {
		if t.Kind == schema.KindJSON || t.Kind == schema.KindJSONB {
			// A nil in an In list: PostgreSQL has no = for JSON at all.
			return nil, query.Inside, &query.ValueError{Column: col, Value: v, Why: fmt.Sprintf("column %s is %s: use nil by Eq or IsNull alone, not in a list", col, t)}
		}
		return v, query.Inside, nil
	}
	if k := t.Kind; k == schema.KindSmallInt || k == schema.KindInteger || k == schema.KindBigInt {
		// The usual case, without boxing: a key of a Go integer type,
		// which any integer column may hold.
		switch v.(type) {
		case int, int64, int32:
			return v, query.Inside, nil
		}
	}
	_, jsonNum := v.(json.Number)
	x := plain(v)
	if _, isValuer := x.(driver.Valuer); isValuer {
		return v, query.Inside, nil // a Valuer giving NULL (or failing when bound)
	}
	bad := func(want string) (any, query.Place, error) {
		return nil, query.Inside, &query.ValueError{Column: col, Value: v, Why: fmt.Sprintf("column %s is %s: %s, not %s", col, t, want, kindOf(x, jsonNum))}
	}
	switch t.Kind {
	case schema.KindSmallInt, schema.KindInteger, schema.KindBigInt:
		n, out, why, isNum := wholeNumber(x)
		switch {
		case !isNum:
			return bad("use a whole number (or one as text, \"42\")")
		case why != "":
			return nil, query.Inside, &query.ValueError{Column: col, Value: v, Why: fmt.Sprintf("column %s is %s: %s", col, t, why)}
		case out < 0:
			return nil, query.Below, nil
		case out > 0:
			return nil, query.Above, nil
		}
		// Within 64 bits the database compares: the live column may be
		// wider than the model's type says (a BIGINT the model reads into
		// an int), so only a value beyond every integer column's range is
		// settled here.
		if _, same := v.(int64); same {
			return v, query.Inside, nil
		}
		return n, query.Inside, nil
	case schema.KindFloat, schema.KindDouble, schema.KindDecimal:
		return numberOperand(t, v, x, bad)
	case schema.KindString, schema.KindChar, schema.KindText, schema.KindEnum, schema.KindUUID:
		return textOperand(t, v, x, jsonNum, bad)
	case schema.KindBoolean:
		if n, isNum := v.(json.Number); isNum {
			switch r, ok := new(big.Rat).SetString(string(n)); {
			case ok && r.Sign() == 0:
				return false, query.Inside, nil
			case ok && r.Cmp(big.NewRat(1, 1)) == 0:
				return true, query.Inside, nil
			}
			return bad("use true or false (or 0 or 1)")
		}
		switch y := x.(type) {
		case bool:
			return v, query.Inside, nil
		case int64, uint64, float64:
			switch y {
			case int64(0), uint64(0), float64(0):
				return false, query.Inside, nil
			case int64(1), uint64(1), float64(1):
				return true, query.Inside, nil
			}
		}
		return bad("use true or false (or 0 or 1)")
	case schema.KindDate, schema.KindDateOnly:
		tm, isTime := dateOf(x)
		if !isTime || jsonNum {
			return bad("use a time.Time or a time as RFC 3339 text (\"2006-01-02T15:04:05Z\", \"2006-01-02\")")
		}
		if _, already := x.(time.Time); !already {
			v = tm // text: compared as the instant it names
		}
		if u := tm.UTC(); t.Kind == schema.KindDateOnly && u != u.Truncate(24*time.Hour) {
			// PostgreSQL would compare the date alone, MySQL and
			// SQLite the time too.
			return nil, query.Inside, &query.ValueError{Column: col, Value: v, Why: fmt.Sprintf("column %s is DATEONLY: use a date (midnight UTC, or text such as \"2006-01-02\"), not a time of day", col)}
		}
		return v, query.Inside, nil
	case schema.KindTime:
		switch y := x.(type) {
		case time.Time:
			return y.UTC().Format("15:04:05"), query.Inside, nil
		case string:
			if !jsonNum && isTimeOfDay(y) {
				return v, query.Inside, nil
			}
		}
		return bad("use a time of day as hh:mm:ss text (00:00:00 to 23:59:59) or a time.Time")
	case schema.KindBlob:
		if _, isBytes := x.([]byte); isBytes {
			return v, query.Inside, nil
		}
		return bad("use a []byte")
	case schema.KindJSON, schema.KindJSONB:
		return bad("a JSON column compares only with nil (IS NULL), as each database compares JSON differently; use Raw with the database's JSON functions")
	}
	return v, query.Inside, nil
}

// Assigned converts a value a Fields map sets field f to (a query-level
// Update or Increment, often decoded from JSON) by the rules conditions
// use (Operand): a value of another kind than the column's is converted
// where that is exact (1.0 or "42" into an integer column, 0 and 1 into a
// BOOLEAN, RFC 3339 text into a DATE), else it is a FieldError of rule
// "type" (a number into a text column, which MySQL would store as its
// digits and PostgreSQL refuse). A JSON column takes its text as it is,
// and nil is NULL; Fits checks what is returned.
func (m *Model) Assigned(f *Field, v any) (any, FieldError, bool) {
	if v == nil || f.typeErr != nil {
		return v, FieldError{}, false
	}
	if k := f.sqlType.Kind; k == schema.KindJSON || k == schema.KindJSONB {
		return v, FieldError{}, false
	}
	x, p, err := m.Operand(f.Column, v)
	if err != nil {
		msg := err.Error()
		if ve, ok := err.(*query.ValueError); ok {
			msg = ve.Why
		}
		return nil, FieldError{Field: f.Name, Column: f.Column, Rule: "type", Message: msg}, true
	}
	if p != query.Inside {
		return v, FieldError{}, false // beyond the column: Fits says how
	}
	return x, FieldError{}, false
}

// numberOperand is Operand for a FLOAT, DOUBLE or DECIMAL column.
func numberOperand(t schema.Type, v, x any, bad func(string) (any, query.Place, error)) (any, query.Place, error) {
	switch y := x.(type) {
	case int64, uint64:
		return v, query.Inside, nil
	case float64:
		if math.IsNaN(y) || math.IsInf(y, 0) {
			return bad("use a finite number")
		}
		if t.Kind == schema.KindFloat && math.Abs(y) <= math.MaxFloat32 {
			return float64(float32(y)), query.Inside, nil
		}
		return v, query.Inside, nil
	case string:
		d, isNum := parseDecimal(y)
		if !isNum {
			break
		}
		// Text beyond what the database reads it as (a DOUBLE, a DECIMAL
		// of MySQL's 65 digits) is an error there: refused everywhere.
		if f, _ := strconv.ParseFloat(y, 64); t.Kind != schema.KindDecimal && math.IsInf(f, 0) {
			return bad("use a number within a DOUBLE's range")
		}
		if t.Kind == schema.KindDecimal && d.int > max(65, t.Precision-t.Scale) {
			return bad(fmt.Sprintf("use a number of at most %d digits before the point", max(65, t.Precision-t.Scale)))
		}
		return v, query.Inside, nil
	}
	return bad("use a finite number (or one as text, \"1.5\")")
}

// textWanted says what a text column's condition takes.
func textWanted(t schema.Type) string {
	switch t.Kind {
	case schema.KindUUID:
		return "use a UUID as a string"
	case schema.KindEnum:
		return "use one of " + strings.Join(t.Values, ", ") + " as a string"
	}
	return "use a string (write a number as text, \"0\", if you mean its digits)"
}

// textOperand is Operand for a STRING, CHAR, TEXT, ENUM or UUID column.
func textOperand(t schema.Type, v, x any, jsonNum bool, bad func(string) (any, query.Place, error)) (any, query.Place, error) {
	var s string
	switch y := x.(type) {
	case string:
		s = y
	case []byte:
		s = string(y)
	default:
		return bad(textWanted(t))
	}
	if jsonNum {
		return bad(textWanted(t))
	}
	if rule, _ := fitText(s); rule != "" {
		return bad("use valid UTF-8 text without NUL characters")
	}
	switch t.Kind {
	case schema.KindUUID:
		if !isUUID(s) {
			return nil, query.Apart, nil
		}
		s = strings.ToLower(s)
	case schema.KindEnum:
		if !slices.Contains(t.Values, s) {
			return nil, query.Apart, nil
		}
	}
	if y, same := v.(string); same && y == s {
		return v, query.Inside, nil
	}
	return s, query.Inside, nil
}

// kindOf names the kind of a value as plain gives it, for errors.
func kindOf(x any, jsonNum bool) string {
	if jsonNum {
		return "a number (json.Number)"
	}
	switch x.(type) {
	case int64, uint64, float64:
		return fmt.Sprintf("the number %v", x)
	case string:
		return "this text"
	case bool:
		return "a bool"
	case time.Time:
		return "a time.Time"
	case []byte:
		return "bytes"
	}
	return fmt.Sprintf("a %T", x)
}

// Pattern implements query.Patterns: a LIKE pattern for column col must
// be text (valid UTF-8 without NUL), and the column a text column (STRING,
// CHAR or TEXT; a CHAR is compared without its trailing spaces); LIKE on
// any other column, or with a number, a bool … as the pattern, is an
// error (PostgreSQL has no LIKE for numbers, UUIDs or ENUMs; MySQL would
// compare 'abc' LIKE 0 as text).
func (m *Model) Pattern(col string, p any) (any, bool, error) {
	f, ok := m.byName[col]
	if !ok || f.typeErr != nil {
		return p, false, nil
	}
	t := f.sqlType
	switch t.Kind {
	case schema.KindString, schema.KindChar, schema.KindText:
	default:
		return nil, false, &query.ValueError{Column: col, Value: p, Why: fmt.Sprintf("column %s is %s: LIKE compares text columns only; use Eq, In or Between", col, t)}
	}
	_, jsonNum := p.(json.Number)
	x := plain(p)
	s, isText := x.(string)
	if !isText || jsonNum {
		return nil, false, &query.ValueError{Column: col, Value: p, Why: fmt.Sprintf("column %s is %s: a LIKE pattern is a string, not %s", col, t, kindOf(x, jsonNum))}
	}
	if rule, _ := fitText(s); rule != "" {
		return nil, false, &query.ValueError{Column: col, Value: p, Why: fmt.Sprintf("column %s is %s: a LIKE pattern must be valid UTF-8 text without NUL characters", col, t)}
	}
	return s, t.Kind == schema.KindChar, nil
}

var _ query.IntRanges = (*Model)(nil)

// IntRange implements query.IntRanges: the range of column col when it is
// an integer column.
func (m *Model) IntRange(col string) (lo, hi int64, ok bool) {
	f, found := m.byName[col]
	if !found || f.typeErr != nil {
		return 0, 0, false
	}
	switch f.sqlType.Kind {
	case schema.KindSmallInt, schema.KindInteger, schema.KindBigInt:
		lo, hi = intRange(f.sqlType.Kind)
		return lo, hi, true
	}
	return 0, 0, false
}

// nullish says a value plain left as it is stands for NULL: a
// driver.Valuer giving nil (or failing, when bound) or a nil pointer.
func nullish(x any) bool {
	if _, isValuer := x.(driver.Valuer); isValuer {
		return true
	}
	rv := reflect.ValueOf(x)
	return rv.Kind() == reflect.Pointer && rv.IsNil()
}

// plain returns v as one of int64, uint64, float64, string, bool or
// time.Time when it is a number, text, a bool or a time of any Go type (a
// pointer to one, a named type, a driver.Valuer giving one), else v.
func plain(v any) any {
	switch x := v.(type) {
	case int64, uint64, float64, string, bool, time.Time, []byte:
		return v
	case int:
		return int64(x)
	case int32:
		return int64(x)
	case driver.Valuer:
		if dv, err := x.Value(); err == nil && dv != nil {
			return plain(dv)
		}
		return v
	}
	rv := reflect.ValueOf(v)
	for rv.Kind() == reflect.Pointer {
		if rv.IsNil() {
			return v
		}
		rv = rv.Elem()
	}
	switch {
	case rv.CanInt():
		return rv.Int()
	case rv.CanUint():
		return rv.Uint()
	case rv.CanFloat():
		return rv.Float()
	case rv.Kind() == reflect.String:
		return rv.String()
	case rv.Kind() == reflect.Bool:
		return rv.Bool()
	case rv.Type() == timeType:
		return rv.Interface()
	}
	return v
}

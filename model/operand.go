package model

import (
	"database/sql/driver"
	"fmt"
	"math"
	"reflect"
	"strconv"
	"strings"
	"time"

	"github.com/strata-orm/strata/query"
	"github.com/strata-orm/strata/schema"
)

var _ query.Operands = (*Model)(nil)

// Operand implements query.Operands: it converts a value compared with
// column col in a condition to what the column holds, so that the
// comparison means the same on every database (see "Values that do not
// fit their column"):
//
//   - with an integer column, a whole number (of any Go type, or a string
//     such as "42" or "4e1") is compared as an integer: within 64 bits by
//     the database (the live column may be wider than the model's type;
//     PostgreSQL gets it as a BIGINT, see query.Builder.BindOperand), one
//     beyond 64 bits is Below or Above every value any integer column
//     holds; a fraction, a string that is no number or a bool is an error
//     (PostgreSQL rounds 1.5 to 2, MySQL reads "abc" as 0);
//   - with a FLOAT, DOUBLE or DECIMAL column, NaN, ±Inf and a string that
//     is no number are errors; a float64 compared with a FLOAT is rounded
//     to single precision, as it is written;
//   - with a text column a number is compared as its decimal text (MySQL
//     would compare the column as a number: '5abc' = 5); a bool is an
//     error;
//   - with a UUID column a string is compared in lower case, and one that
//     is no UUID is Apart from every value, as is a value an ENUM does not
//     list (PostgreSQL refuses both);
//   - with a BOOLEAN column 0 and 1 are false and true;
//   - a time.Time compared with a TIME column is its time of day in UTC.
//
// Any other value, and any value of a column strata has no type for, is
// returned as it is.
func (m *Model) Operand(col string, v any) (any, query.Place, error) {
	f, ok := m.byName[col]
	if !ok || f.typeErr != nil || v == nil {
		return v, query.Inside, nil
	}
	t := f.sqlType
	if k := t.Kind; k == schema.KindSmallInt || k == schema.KindInteger || k == schema.KindBigInt {
		// The usual case, without boxing: a key of a Go integer type,
		// which any integer column may hold.
		switch v.(type) {
		case int, int64, int32:
			return v, query.Inside, nil
		}
	}
	x := plain(v)
	bad := func(why string) (any, query.Place, error) {
		return nil, query.Inside, &query.ValueError{Column: col, Value: v, Why: fmt.Sprintf("column %s is %s: %s", col, t, why)}
	}
	switch t.Kind {
	case schema.KindSmallInt, schema.KindInteger, schema.KindBigInt:
		if _, isBool := x.(bool); isBool {
			return bad("compare it with a whole number, not a bool")
		}
		n, out, why, isNum := wholeNumber(x)
		switch {
		case !isNum:
			return v, query.Inside, nil
		case why != "":
			return bad(why)
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
		switch y := x.(type) {
		case bool:
			return bad("compare it with a number, not a bool")
		case float64:
			if math.IsNaN(y) || math.IsInf(y, 0) {
				return bad("compare it with a finite number, not NaN or ±Inf")
			}
			if t.Kind == schema.KindFloat && math.Abs(y) <= math.MaxFloat32 {
				return float64(float32(y)), query.Inside, nil
			}
		case string:
			if _, isNum := parseDecimal(strings.TrimSpace(y)); !isNum {
				return bad("compare it with a number")
			}
		}
		return v, query.Inside, nil
	case schema.KindString, schema.KindChar, schema.KindText, schema.KindEnum, schema.KindUUID:
		var s string
		switch y := x.(type) {
		case string:
			s = y
		case int64:
			s = strconv.FormatInt(y, 10)
		case uint64:
			s = strconv.FormatUint(y, 10)
		case float64:
			s = strconv.FormatFloat(y, 'g', -1, 64)
		case bool:
			return bad("compare it with text, not a bool")
		default:
			return v, query.Inside, nil
		}
		switch t.Kind {
		case schema.KindUUID:
			if !isUUID(s) {
				return nil, query.Apart, nil
			}
			s = strings.ToLower(s)
		case schema.KindEnum:
			listed := false
			for _, e := range t.Values {
				listed = listed || e == s
			}
			if !listed {
				return nil, query.Apart, nil
			}
		}
		if y, same := v.(string); same && y == s {
			return v, query.Inside, nil
		}
		return s, query.Inside, nil
	case schema.KindBoolean:
		if n, isInt := x.(int64); isInt {
			switch n {
			case 0:
				return false, query.Inside, nil
			case 1:
				return true, query.Inside, nil
			}
			return bad("compare it with true or false (or 0 or 1)")
		}
	case schema.KindTime:
		if tm, isTime := x.(time.Time); isTime {
			return tm.UTC().Format("15:04:05"), query.Inside, nil
		}
	}
	return v, query.Inside, nil
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

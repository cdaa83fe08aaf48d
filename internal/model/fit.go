package model

import (
	"encoding/json"
	"fmt"
	"math"
	"strconv"
	"strings"
	"time"
	"unicode/utf8"
	"unsafe"

	"github.com/strata-orm/strata/schema"
)

// Capacity is what a database holds of the types where it holds less than
// their definition says on others (strata passes its dialect's).
type Capacity struct {
	// DecimalDigits is how many significant digits a DECIMAL keeps
	// exactly; 0 means its precision. SQLite: 15.
	DecimalDigits int
	// TextBytes and BlobBytes are the most bytes a TEXT and a BLOB hold;
	// 0 means no limit strata checks. MySQL: 65,535 each.
	TextBytes, BlobBytes int
}

// Fit checks the values of the given fields (every field when only is
// nil) of the struct at base against their column types and returns one
// FieldError for each value that does not fit. A zero CreatedAt or
// UpdatedAt is skipped: strata stamps it before writing.
func (m *Model) Fit(base unsafe.Pointer, only func(*Field) bool, c Capacity) []FieldError {
	var errs []FieldError
	for _, f := range m.Fields {
		if only != nil && !only(f) {
			continue
		}
		if (f == m.CreatedAt || f == m.UpdatedAt) && f.IsZero(base) {
			continue
		}
		rule, msg, done := f.fitDirect(base, c)
		if !done {
			fe, _ := f.Fits(f.value(base), c) // before Value converts it
			rule, msg = fe.Rule, fe.Message
		}
		if rule != "" {
			errs = append(errs, FieldError{Field: f.Name, Column: f.Column, Rule: rule, Message: msg})
		}
	}
	return errs
}

// fitDirect is Fits for the usual fields without boxing their values
// (integers, strings, floats, times and bools into their own column
// types); done is false for the others.
func (f *Field) fitDirect(base unsafe.Pointer, c Capacity) (rule, msg string, done bool) {
	a := &f.acc
	if f.typeErr != nil || a.conv == convTimeOfDay {
		return "", "", false
	}
	p := f.Ptr(base)
	if a.ptr {
		if p = *(*unsafe.Pointer)(p); p == nil {
			return "", "", true // NULL fits
		}
	}
	t := f.sqlType
	switch t.Kind {
	case schema.KindSmallInt, schema.KindInteger, schema.KindBigInt:
		var n int64
		switch a.kind {
		case aInt:
			n = int64(*(*int)(p))
		case aInt64:
			n = *(*int64)(p)
		case aInt32:
			n = int64(*(*int32)(p))
		case aInt16:
			n = int64(*(*int16)(p))
		case aInt8:
			n = int64(*(*int8)(p))
		default:
			return "", "", false
		}
		rule, msg = fitIntRange(t, n, 0)
		return rule, msg, true
	case schema.KindDate, schema.KindDateOnly:
		if a.kind == aTime {
			rule, msg = fitTime(t, *(*time.Time)(p))
			return rule, msg, true
		}
	case schema.KindFloat, schema.KindDouble:
		if a.kind == aFloat64 {
			rule, msg = fitFloatValue(t, *(*float64)(p), false)
			return rule, msg, true
		}
	case schema.KindBoolean:
		return "", "", a.kind == aBool
	}
	if a.kind == aString {
		rule, msg, done = fitString(t, *(*string)(p), c)
		return rule, msg, done
	}
	return "", "", false
}

// Fits checks one value to be written to the field's column (as
// Field.Value gives it, or a value of a Fields map: a number, text, bool,
// time of any Go type, or a pointer to one) and returns the FieldError
// when it does not fit.
func (f *Field) Fits(v any, c Capacity) (FieldError, bool) {
	if f.typeErr != nil || v == nil {
		return FieldError{}, false
	}
	x := plain(v)
	if nullish(x) {
		return FieldError{}, false // NULL: the column's nullability is the database's to check
	}
	rule, msg := fitMessage(f.sqlType, x, c)
	if rule == "" {
		return FieldError{}, false
	}
	return FieldError{Field: f.Name, Column: f.Column, Rule: rule, Message: msg}, true
}

// fitMessage returns the rule and message of v not fitting t, or "".
func fitMessage(t schema.Type, v any, c Capacity) (rule, msg string) {
	if s, ok := v.(string); ok {
		if rule, msg, done := fitString(t, s, c); done {
			return rule, msg
		}
	}
	switch t.Kind {
	case schema.KindSmallInt, schema.KindInteger, schema.KindBigInt:
		return fitInteger(t, v)
	case schema.KindFloat, schema.KindDouble:
		switch x := v.(type) {
		case float64:
			return fitFloatValue(t, x, false)
		case string:
			return fitFloatString(t, x)
		}
	case schema.KindDecimal:
		return fitDecimal(t, v, c)
	case schema.KindString, schema.KindChar, schema.KindText, schema.KindUUID, schema.KindEnum, schema.KindJSON, schema.KindJSONB:
		if b, ok := v.([]byte); ok {
			rule, msg, _ := fitString(t, string(b), c)
			return rule, msg
		}
	case schema.KindBlob:
		if b, ok := v.([]byte); ok && c.BlobBytes > 0 && len(b) > c.BlobBytes {
			return "len", fmt.Sprintf("must be at most %d bytes long to fit BLOB on this database, not %d", c.BlobBytes, len(b))
		}
	case schema.KindDate, schema.KindDateOnly:
		tm, ok := dateOf(v)
		if !ok {
			return "date", dateForms(t)
		}
		return fitTime(t, tm)
	case schema.KindTime:
		switch tm := v.(type) {
		case time.Time:
			if tm.Nanosecond() != 0 {
				return "time", "must be a time of day in whole seconds: TIME keeps no fraction of a second on MySQL"
			}
		case []byte:
			if !isTimeOfDay(string(tm)) {
				return "time", "must be a time of day in whole seconds, hh:mm:ss from 00:00:00 to 23:59:59"
			}
		default:
			return "time", "must be a time of day: a time.Time or text hh:mm:ss"
		}
	}
	return "", ""
}

// fitString is fitMessage for a string; done is false for a column type
// whose strings it does not check here (an integer or float column's).
func fitString(t schema.Type, s string, c Capacity) (rule, msg string, done bool) {
	switch t.Kind {
	case schema.KindString, schema.KindChar:
		if rule, msg = fitText(s); rule == "" {
			if n := utf8.RuneCountInString(s); n > t.Size {
				rule, msg = "len", fmt.Sprintf("must be at most %d characters long to fit %s, not %d", t.Size, t, n)
			}
		}
	case schema.KindText:
		if rule, msg = fitText(s); rule == "" && c.TextBytes > 0 && len(s) > c.TextBytes {
			rule, msg = "len", fmt.Sprintf("must be at most %d bytes long to fit TEXT on this database, not %d", c.TextBytes, len(s))
		}
	case schema.KindUUID:
		if !isUUID(s) {
			rule, msg = "uuid", "must be a UUID (32 hex digits as 8-4-4-4-12)"
		}
	case schema.KindEnum:
		rule, msg = "oneof", "must be one of "+strings.Join(t.Values, ", ")
		for _, x := range t.Values {
			if s == x {
				rule, msg = "", ""
			}
		}
	case schema.KindJSON, schema.KindJSONB:
		switch rule, msg = fitText(s); {
		case rule != "":
		case !json.Valid([]byte(s)):
			rule, msg = "json", "must be valid JSON"
		case t.Kind == schema.KindJSONB && hasNULEscape(s):
			rule, msg = "json", `must not hold \u0000, which JSONB cannot store`
		}
	case schema.KindDecimal:
		rule, msg = fitDecimalString(t, s, c)
	case schema.KindTime:
		if !isTimeOfDay(s) {
			rule, msg = "time", "must be a time of day in whole seconds, hh:mm:ss from 00:00:00 to 23:59:59"
		}
	default:
		return "", "", false
	}
	return rule, msg, true
}

// fitTime is fitMessage for a time.Time into a DATE or DATEONLY.
func fitTime(t schema.Type, tm time.Time) (rule, msg string) {
	u := tm.UTC()
	if y := u.Year(); y < 1 || y > 9999 {
		return "range", "must be in the years 1 to 9999 (UTC)"
	}
	if t.Kind == schema.KindDateOnly && (u.Hour() != 0 || u.Minute() != 0 || u.Second() != 0 || u.Nanosecond() != 0) {
		return "date", "must be a date at midnight UTC: DATEONLY keeps no time of day"
	}
	return "", ""
}

// Written returns a value given for the field (a value of a Fields map)
// as Value would write it: a float64 for a FLOAT rounded to single
// precision, a UUID in lower case, a time.Time for a TIME as its time of
// day, a time or the text of one for a DATE or DATEONLY as a time.Time in
// UTC at microseconds (NormalizeTime).
func (f *Field) Written(v any) any {
	if v == nil || f.typeErr != nil {
		return v
	}
	if k := f.sqlType.Kind; k == schema.KindDate || k == schema.KindDateOnly {
		return convDate.convert(plain(v))
	}
	if f.acc.conv == convNone {
		return v
	}
	return f.acc.conv.convert(plain(v))
}

func fitText(s string) (rule, msg string) {
	if !utf8.ValidString(s) || strings.IndexByte(s, 0) >= 0 {
		return "text", "must be valid UTF-8 text without NUL characters"
	}
	return "", ""
}

func fitInteger(t schema.Type, v any) (rule, msg string) {
	n, out, bad, ok := wholeNumber(v)
	if !ok {
		return "", ""
	}
	if bad != "" {
		return "number", bad + " to fit " + t.String()
	}
	return fitIntRange(t, n, out)
}

// fitIntRange checks n (or a whole number beyond every int64: out is -1 or
// +1) against an integer column's range.
func fitIntRange(t schema.Type, n int64, out int) (rule, msg string) {
	lo, hi := intRange(t.Kind)
	if out != 0 || n < lo || n > hi {
		msg := fmt.Sprintf("must be between %d and %d to fit %s", lo, hi, t)
		if t.Kind == schema.KindInteger && out == 0 {
			msg += " (for a BIGINT column, make the field an int64 or tag it type=BIGINT)"
		}
		return "range", msg
	}
	return "", ""
}

// fitFloatString is fitFloatValue for a number given as text.
func fitFloatString(t schema.Type, s string) (rule, msg string) {
	if _, isNum := parseDecimal(s); !isNum {
		if isNaNOrInf(s) {
			return "number", "must be a finite number (not NaN or ±Inf) to fit " + t.String()
		}
		return "number", "must be a number to fit " + t.String()
	}
	x, _ := strconv.ParseFloat(s, 64) // ±Inf when beyond a float64
	return fitFloatValue(t, x, true)
}

// fitFloatValue checks x for a FLOAT or DOUBLE; fromText says an infinite x
// was a finite number too large for a float64.
func fitFloatValue(t schema.Type, x float64, fromText bool) (rule, msg string) {
	switch {
	case math.IsInf(x, 0) && fromText:
		return "range", "must be between -1.7976931348623157e308 and 1.7976931348623157e308 to fit " + t.String()
	case math.IsNaN(x) || math.IsInf(x, 0):
		return "number", "must be a finite number (not NaN or ±Inf) to fit " + t.String()
	case t.Kind != schema.KindFloat:
	case math.Abs(x) > math.MaxFloat32:
		return "range", "must be between -3.4028235e38 and 3.4028235e38 to fit FLOAT"
	case x != 0 && float32(x) == 0:
		return "range", "is too close to zero for FLOAT, which would store 0"
	}
	return "", ""
}

func fitDecimal(t schema.Type, v any, c Capacity) (rule, msg string) {
	switch x := v.(type) {
	case int64:
		d, _ := parseDecimal(strconv.FormatInt(x, 10))
		return fitDigits(t, d, true, c)
	case uint64:
		d, _ := parseDecimal(strconv.FormatUint(x, 10))
		return fitDigits(t, d, true, c)
	case float64:
		if math.IsNaN(x) || math.IsInf(x, 0) {
			return "number", "must be a finite number (not NaN or ±Inf) to fit " + t.String()
		}
		d, _ := parseDecimal(strconv.FormatFloat(x, 'f', -1, 64))
		return fitDigits(t, d, false, c)
	case string:
		return fitDecimalString(t, x, c)
	}
	return "", ""
}

// fitDecimalString is fitDecimal for a number given as text.
func fitDecimalString(t schema.Type, s string, c Capacity) (rule, msg string) {
	d, ok := parseDecimal(s)
	if !ok {
		if isNaNOrInf(s) {
			return "number", "must be a finite number (not NaN or ±Inf) to fit " + t.String()
		}
		return "number", "must be a number to fit " + t.String()
	}
	_, err := strconv.ParseInt(s, 10, 64)
	return fitDigits(t, d, err == nil, c)
}

// fitDigits checks a decimal number against DECIMAL(p,s) and the digits
// the database keeps; intLiteral says it is written as an integer that
// fits an int64, which SQLite keeps exactly.
func fitDigits(t schema.Type, d decimal, intLiteral bool, c Capacity) (rule, msg string) {
	switch {
	case d.int > t.Precision-t.Scale:
		return "range", fmt.Sprintf("must have at most %d digits before the point to fit %s", t.Precision-t.Scale, t)
	case d.frac > t.Scale:
		return "scale", fmt.Sprintf("must have at most %d digits after the point to fit %s: round it first", t.Scale, t)
	case c.DecimalDigits > 0 && d.sig > c.DecimalDigits && !intLiteral:
		return "precision", fmt.Sprintf("must have at most %d significant digits: a DECIMAL on this database keeps no more", c.DecimalDigits)
	}
	return "", ""
}

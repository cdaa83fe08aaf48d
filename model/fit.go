package model

import (
	"encoding/json"
	"fmt"
	"math"
	"math/big"
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
		if fe, bad := f.Fits(f.value(base), c); bad { // before Value converts it
			errs = append(errs, fe)
		}
	}
	return errs
}

// Fits checks one value to be written to the field's column (as
// Field.Value gives it, or a value of a Fields map: a number, text, bool,
// time of any Go type, or a pointer to one) and returns the FieldError
// when it does not fit.
func (f *Field) Fits(v any, c Capacity) (FieldError, bool) {
	if f.typeErr != nil || v == nil {
		return FieldError{}, false
	}
	rule, msg := fitMessage(f.sqlType, plain(v), c)
	if rule == "" {
		return FieldError{}, false
	}
	return FieldError{Field: f.Name, Column: f.Column, Rule: rule, Message: msg}, true
}

// fitMessage returns the rule and message of v not fitting t, or "".
func fitMessage(t schema.Type, v any, c Capacity) (rule, msg string) {
	switch t.Kind {
	case schema.KindSmallInt, schema.KindInteger, schema.KindBigInt:
		return fitInteger(t, v)
	case schema.KindFloat, schema.KindDouble:
		return fitFloat(t, v)
	case schema.KindDecimal:
		return fitDecimal(t, v, c)
	case schema.KindString, schema.KindChar:
		s, ok := text(v)
		if !ok {
			return "", ""
		}
		if r, m := fitText(s); r != "" {
			return r, m
		}
		if n := utf8.RuneCountInString(s); n > t.Size {
			return "len", fmt.Sprintf("must be at most %d characters long to fit %s, not %d", t.Size, t, n)
		}
	case schema.KindText:
		s, ok := text(v)
		if !ok {
			return "", ""
		}
		if r, m := fitText(s); r != "" {
			return r, m
		}
		if c.TextBytes > 0 && len(s) > c.TextBytes {
			return "len", fmt.Sprintf("must be at most %d bytes long to fit TEXT on this database, not %d", c.TextBytes, len(s))
		}
	case schema.KindBlob:
		if b, ok := v.([]byte); ok && c.BlobBytes > 0 && len(b) > c.BlobBytes {
			return "len", fmt.Sprintf("must be at most %d bytes long to fit BLOB on this database, not %d", c.BlobBytes, len(b))
		}
	case schema.KindUUID:
		if s, ok := text(v); ok && !isUUID(s) {
			return "uuid", "must be a UUID (32 hex digits as 8-4-4-4-12)"
		}
	case schema.KindEnum:
		s, ok := text(v)
		if !ok {
			return "", ""
		}
		for _, x := range t.Values {
			if s == x {
				return "", ""
			}
		}
		return "oneof", "must be one of " + strings.Join(t.Values, ", ")
	case schema.KindJSON, schema.KindJSONB:
		s, ok := text(v)
		if !ok {
			return "", ""
		}
		if r, m := fitText(s); r != "" {
			return r, m
		}
		if !json.Valid([]byte(s)) {
			return "json", "must be valid JSON"
		}
		if t.Kind == schema.KindJSONB && hasNULEscape(s) {
			return "json", `must not hold \u0000, which JSONB cannot store`
		}
	case schema.KindDate, schema.KindDateOnly:
		tm, ok := v.(time.Time)
		if !ok {
			return "", ""
		}
		if tm.IsZero() {
			return "range", "is the zero time.Time, which MySQL cannot store: set it, or make the field a *time.Time for NULL"
		}
		if y := tm.UTC().Year(); y < 1 || y > 9999 {
			return "range", "must be in the years 1 to 9999 (UTC)"
		}
		if t.Kind == schema.KindDateOnly && tm.UTC() != tm.UTC().Truncate(24*time.Hour) {
			return "date", "must be a date at midnight UTC: DATEONLY keeps no time of day"
		}
	case schema.KindTime:
		switch x := v.(type) {
		case string:
			if !isTimeOfDay(x) {
				return "time", "must be a time of day in whole seconds, hh:mm:ss from 00:00:00 to 23:59:59"
			}
		case time.Time:
			if x.Nanosecond() != 0 {
				return "time", "must be a time of day in whole seconds: TIME keeps no fraction of a second on MySQL"
			}
		}
	}
	return "", ""
}

// Written returns a value given for the field (a value of a Fields map)
// as Value would write it: a float64 for a FLOAT rounded to single
// precision, a UUID in lower case, a time.Time for a TIME as its time of
// day.
func (f *Field) Written(v any) any {
	if f.acc.conv == convNone || v == nil {
		return v
	}
	return f.acc.conv.convert(plain(v))
}

// text returns v as a string when it is one (or bytes).
func text(v any) (string, bool) {
	switch x := v.(type) {
	case string:
		return x, true
	case []byte:
		return string(x), true
	}
	return "", false
}

func fitText(s string) (rule, msg string) {
	if !utf8.ValidString(s) || strings.IndexByte(s, 0) >= 0 {
		return "text", "must be valid UTF-8 text without NUL characters"
	}
	return "", ""
}

// intRange is the range of an integer column kind.
func intRange(k schema.Kind) (lo, hi int64) {
	switch k {
	case schema.KindSmallInt:
		return math.MinInt16, math.MaxInt16
	case schema.KindInteger:
		return math.MinInt32, math.MaxInt32
	}
	return math.MinInt64, math.MaxInt64
}

// wholeNumber reads v as a whole number: n when it fits an int64, else
// out = -1 or +1 for a whole number below or above every int64. bad is a
// message when v is no whole number; ok is false when v is not a number
// or a string at all.
func wholeNumber(v any) (n int64, out int, bad string, ok bool) {
	switch x := v.(type) {
	case int64:
		return x, 0, "", true
	case uint64:
		if x > math.MaxInt64 {
			return 0, 1, "", true
		}
		return int64(x), 0, "", true
	case float64:
		switch {
		case math.IsNaN(x) || math.IsInf(x, 0):
			return 0, 0, "must be a finite number", true
		case x != math.Trunc(x):
			return 0, 0, "must be a whole number", true
		case x < math.MinInt64:
			return 0, -1, "", true
		case x >= math.MaxInt64:
			return 0, 1, "", true
		}
		return int64(x), 0, "", true
	case string:
		s := strings.TrimSpace(x)
		if n, err := strconv.ParseInt(s, 10, 64); err == nil {
			return n, 0, "", true
		}
		d, isNum := parseDecimal(s)
		if !isNum || d.frac > 0 {
			return 0, 0, "must be a whole number", true
		}
		if d.int > 19 { // beyond every int64, and too long to read exactly cheaply
			return 0, sign(d.neg), "", true
		}
		r, _ := new(big.Rat).SetString(s) // 1e3, 2.0, 12345678901234567890
		if r.Num().IsInt64() {
			return r.Num().Int64(), 0, "", true
		}
		return 0, sign(d.neg), "", true
	}
	return 0, 0, "", false
}

func sign(neg bool) int {
	if neg {
		return -1
	}
	return 1
}

func fitInteger(t schema.Type, v any) (rule, msg string) {
	n, out, bad, ok := wholeNumber(v)
	if !ok {
		return "", ""
	}
	if bad != "" {
		return "number", bad + " to fit " + t.String()
	}
	lo, hi := intRange(t.Kind)
	if out != 0 || n < lo || n > hi {
		return "range", fmt.Sprintf("must be between %d and %d to fit %s", lo, hi, t)
	}
	return "", ""
}

func fitFloat(t schema.Type, v any) (rule, msg string) {
	var x float64
	switch y := v.(type) {
	case float64:
		x = y
	case string:
		str := strings.TrimSpace(y)
		if _, isNum := parseDecimal(str); !isNum {
			switch strings.TrimLeft(strings.ToLower(str), "+-") {
			case "nan", "inf", "infinity":
				return "number", "must be a finite number (not NaN or ±Inf) to fit " + t.String()
			}
			return "number", "must be a number to fit " + t.String()
		}
		x, _ = strconv.ParseFloat(str, 64) // ±Inf when beyond a float64
	default:
		return "", ""
	}
	if math.IsNaN(x) {
		return "number", "must be a finite number (not NaN or ±Inf) to fit " + t.String()
	}
	if math.IsInf(x, 0) {
		if _, isStr := v.(string); isStr {
			return "range", "must be between -1.7976931348623157e308 and 1.7976931348623157e308 to fit " + t.String()
		}
		return "number", "must be a finite number (not NaN or ±Inf) to fit " + t.String()
	}
	if t.Kind == schema.KindFloat {
		if math.Abs(x) > math.MaxFloat32 {
			return "range", "must be between -3.4028235e38 and 3.4028235e38 to fit FLOAT"
		}
		if x != 0 && float32(x) == 0 {
			return "range", "is too close to zero for FLOAT, which would store 0"
		}
	}
	return "", ""
}

func fitDecimal(t schema.Type, v any, c Capacity) (rule, msg string) {
	var d decimal
	intLiteral := false
	switch x := v.(type) {
	case int64, uint64:
		d, _ = parseDecimal(fmt.Sprint(x))
		intLiteral = true
	case float64:
		if math.IsNaN(x) || math.IsInf(x, 0) {
			return "number", "must be a finite number (not NaN or ±Inf) to fit " + t.String()
		}
		d, _ = parseDecimal(strconv.FormatFloat(x, 'f', -1, 64))
	case string:
		var ok bool
		if d, ok = parseDecimal(strings.TrimSpace(x)); !ok {
			switch strings.TrimLeft(strings.ToLower(strings.TrimSpace(x)), "+-") {
			case "nan", "inf", "infinity":
				return "number", "must be a finite number (not NaN or ±Inf) to fit " + t.String()
			}
			return "number", "must be a number to fit " + t.String()
		}
		_, err := strconv.ParseInt(strings.TrimSpace(x), 10, 64)
		intLiteral = err == nil
	default:
		return "", ""
	}
	if d.int > t.Precision-t.Scale {
		return "range", fmt.Sprintf("must have at most %d digits before the point to fit %s", t.Precision-t.Scale, t)
	}
	if d.frac > t.Scale {
		return "scale", fmt.Sprintf("must have at most %d digits after the point to fit %s: round it first", t.Scale, t)
	}
	if c.DecimalDigits > 0 && d.sig > c.DecimalDigits && !intLiteral {
		return "precision", fmt.Sprintf("must have at most %d significant digits: a DECIMAL on this database keeps no more", c.DecimalDigits)
	}
	return "", ""
}

// decimal is what fitting a decimal number needs to know of it.
type decimal struct {
	neg  bool
	int  int // digits before the point, leading zeros dropped
	frac int // digits after the point, trailing zeros dropped
	sig  int // significant digits
}

// parseDecimal reads a decimal number: an optional sign, digits with at
// most one point (at least one digit) and an optional exponent. NaN and
// Infinity are not decimal numbers.
func parseDecimal(s string) (decimal, bool) {
	var d decimal
	if s != "" && (s[0] == '+' || s[0] == '-') {
		d.neg = s[0] == '-'
		s = s[1:]
	}
	mant, exp := s, ""
	if i := strings.IndexAny(s, "eE"); i >= 0 {
		mant, exp = s[:i], s[i+1:]
	}
	ip, fp, _ := strings.Cut(mant, ".")
	if ip+fp == "" || !allDigits(ip) || !allDigits(fp) {
		return d, false
	}
	e := 0
	if i := strings.IndexAny(s, "eE"); i >= 0 {
		n, err := strconv.Atoi(exp)
		if err != nil || exp == "" || exp[0] == ' ' {
			return d, false
		}
		e = max(min(n, 1<<20), -(1 << 20))
	}
	digits := strings.TrimLeft(ip+fp, "0")
	point := len(ip) + e - (len(ip+fp) - len(digits)) // digits before the point, after dropping leading zeros
	digits = strings.TrimRight(digits, "0")
	if digits == "" {
		return decimal{}, true
	}
	d.sig = len(digits)
	d.int = max(point, 0)
	d.frac = max(len(digits)-point, 0)
	return d, true
}

func allDigits(s string) bool {
	for i := 0; i < len(s); i++ {
		if s[i] < '0' || s[i] > '9' {
			return false
		}
	}
	return true
}

// isUUID reports 8-4-4-4-12 hex digits, in either case.
func isUUID(s string) bool {
	if len(s) != 36 {
		return false
	}
	for i := 0; i < 36; i++ {
		c := s[i]
		switch i {
		case 8, 13, 18, 23:
			if c != '-' {
				return false
			}
		default:
			if !('0' <= c && c <= '9' || 'a' <= c && c <= 'f' || 'A' <= c && c <= 'F') {
				return false
			}
		}
	}
	return true
}

// isTimeOfDay reports hh:mm:ss from 00:00:00 to 23:59:59.
func isTimeOfDay(s string) bool {
	if len(s) != 8 || s[2] != ':' || s[5] != ':' || !allDigits(s[:2]+s[3:5]+s[6:]) {
		return false
	}
	return s[:2] <= "23" && s[3:5] <= "59" && s[6:] <= "59"
}

// hasNULEscape reports a \u0000 escape in JSON text.
func hasNULEscape(s string) bool {
	for i := 0; i < len(s); i++ {
		if s[i] != '\\' {
			continue
		}
		if strings.HasPrefix(s[i+1:], "u0000") {
			return true
		}
		i++ // the escaped character
	}
	return false
}

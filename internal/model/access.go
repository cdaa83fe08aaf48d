package model

import (
	"database/sql"
	"database/sql/driver"
	"fmt"
	"math"
	"reflect"
	"strconv"
	"strings"
	"time"
	"unsafe"
)

// accKind is how a field is read and written without reflection.
type accKind uint8

const (
	aOther accKind = iota // through reflect and database/sql's conversions
	aString
	aBytes
	aBool
	aInt
	aInt8
	aInt16
	aInt32
	aInt64
	aUint
	aUint8
	aUint16
	aUint32
	aUint64
	aFloat32
	aFloat64
	aTime
	aScanner // *T is a sql.Scanner (and T or *T a driver.Valuer)
)

// accessor reads and writes one field's value at a pointer.
type accessor struct {
	kind     accKind
	ptr      bool         // the Go type is *E; kind describes E
	nullable bool         // the Go type can hold NULL (pointer, Valuer/Scanner)
	valuer   bool         // E implements driver.Valuer
	pvaluer  bool         // *E implements driver.Valuer
	typ      reflect.Type // the Go type
	elem     reflect.Type // E
	decimal  bool         // a DECIMAL column: a number read into a string is written with scale digits after the point
	scale    int          // the DECIMAL's scale
	conv     conv         // how a value is written for its column type (see Field.Value)
	trim     bool         // a CHAR column: trailing spaces are dropped on read
}

// conv is how Value turns a value into what its column type stores, the
// same on every database (see "Values that do not fit their column").
type conv uint8

const (
	convNone      conv = iota
	convFloat32        // FLOAT: a float64 rounded to single precision (SQLite would keep the double), -0 as 0
	convFloat64        // DOUBLE: -0 as 0 (MySQL and SQLite keep 0)
	convLower          // UUID: in lower case, as PostgreSQL keeps it
	convTimeOfDay      // TIME: a time.Time as its time of day in UTC, "15:04:05"
	convDate           // DATE, DATEONLY: the text of a time as a time.Time (NormalizeTime)
)

// convert applies c to a value Value produced.
func (c conv) convert(v any) any {
	switch x := v.(type) {
	case float64:
		if x == 0 && (c == convFloat32 || c == convFloat64) {
			return 0.0 // -0 as 0, which MySQL and SQLite store for it
		}
		if c == convFloat32 && math.Abs(x) <= math.MaxFloat32 {
			return float64(float32(x))
		}
	case string:
		if c == convLower {
			return strings.ToLower(x)
		}
	case time.Time:
		switch c {
		case convTimeOfDay:
			return x.UTC().Format("15:04:05")
		case convDate:
			return NormalizeTime(x)
		}
	}
	if c == convDate {
		if tm, ok := dateOf(v); ok {
			return NormalizeTime(tm)
		}
	}
	return v
}

func newAccessor(t reflect.Type) (accessor, error) {
	a := accessor{typ: t, elem: t}
	if t.Kind() == reflect.Pointer {
		a.ptr, a.nullable, a.elem = true, true, t.Elem()
		if a.elem.Kind() == reflect.Pointer {
			return a, fmt.Errorf("type %v: a pointer to a pointer cannot be a column", t)
		}
	}
	e := a.elem
	a.valuer = e.Implements(valuerType)
	a.pvaluer = !a.valuer && reflect.PointerTo(e).Implements(valuerType)
	if reflect.PointerTo(e).Implements(scannerType) {
		if !a.valuer && !a.pvaluer {
			return a, fmt.Errorf("type %v implements sql.Scanner but not driver.Valuer; implement both to store it", t)
		}
		a.kind = aScanner
		if e.Kind() == reflect.Struct {
			a.nullable = true // sql.NullString and friends
		}
		return a, nil
	}
	if a.valuer || a.pvaluer {
		return a, fmt.Errorf("type %v implements driver.Valuer but not sql.Scanner; implement both to read it back", t)
	}
	if e == timeType {
		a.kind = aTime
		return a, nil
	}
	switch e.Kind() {
	case reflect.String:
		a.kind = aString
	case reflect.Bool:
		a.kind = aBool
	case reflect.Int:
		a.kind = aInt
	case reflect.Int8:
		a.kind = aInt8
	case reflect.Int16:
		a.kind = aInt16
	case reflect.Int32:
		a.kind = aInt32
	case reflect.Int64:
		a.kind = aInt64
	case reflect.Uint:
		a.kind = aUint
	case reflect.Uint8:
		a.kind = aUint8
	case reflect.Uint16:
		a.kind = aUint16
	case reflect.Uint32:
		a.kind = aUint32
	case reflect.Uint64:
		a.kind = aUint64
	case reflect.Float32:
		a.kind = aFloat32
	case reflect.Float64:
		a.kind = aFloat64
	case reflect.Slice:
		if e.Elem().Kind() != reflect.Uint8 {
			return a, fmt.Errorf("type %v cannot be a column; tag it `strata:\"-\"` or use a type that implements sql.Scanner and driver.Valuer", t)
		}
		a.kind = aBytes
		a.nullable = true
	default:
		return a, fmt.Errorf("type %v cannot be a column; tag it `strata:\"-\"` or use a type that implements sql.Scanner and driver.Valuer", t)
	}
	return a, nil
}

// NormalizeTime is how strata writes every time: in UTC, truncated to the
// microsecond all three databases store, so that the value read back is
// the same instant and equality comparisons in SQL match.
func NormalizeTime(t time.Time) time.Time { return t.UTC().Truncate(time.Microsecond) }

// Value returns the field's value in the struct at base, ready to bind:
// nil for a nil pointer, times normalized (NormalizeTime), and what only
// some databases would change changed the same way for all (a float64
// for a FLOAT rounded to single precision, a UUID in lower case, a
// time.Time for a TIME as its time of day).
func (f *Field) Value(base unsafe.Pointer) any {
	if f.acc.conv != convNone {
		return f.acc.conv.convert(f.value(base))
	}
	return f.value(base)
}

func (f *Field) value(base unsafe.Pointer) any {
	p := f.Ptr(base)
	a := &f.acc
	if a.ptr {
		p = *(*unsafe.Pointer)(p)
		if p == nil {
			return nil
		}
	}
	switch a.kind {
	case aString:
		return *(*string)(p)
	case aBytes:
		if b := *(*[]byte)(p); b != nil {
			return b
		}
		return nil
	case aBool:
		return *(*bool)(p)
	case aInt:
		return int64(*(*int)(p))
	case aInt8:
		return int64(*(*int8)(p))
	case aInt16:
		return int64(*(*int16)(p))
	case aInt32:
		return int64(*(*int32)(p))
	case aInt64:
		return *(*int64)(p)
	case aUint:
		return uint64(*(*uint)(p))
	case aUint8:
		return int64(*(*uint8)(p))
	case aUint16:
		return int64(*(*uint16)(p))
	case aUint32:
		return int64(*(*uint32)(p))
	case aUint64:
		return *(*uint64)(p)
	case aFloat32:
		return float64(*(*float32)(p))
	case aFloat64:
		return *(*float64)(p)
	case aTime:
		return NormalizeTime(*(*time.Time)(p))
	case aScanner:
		var v any
		if a.pvaluer {
			v = reflect.NewAt(a.elem, p).Interface()
		} else {
			v = reflect.NewAt(a.elem, p).Elem().Interface()
		}
		dv, err := v.(driver.Valuer).Value()
		if err != nil {
			return v // the driver reports the error when it binds v
		}
		if t, ok := dv.(time.Time); ok {
			return NormalizeTime(t)
		}
		return dv
	}
	return reflect.NewAt(a.elem, p).Elem().Interface()
}

// IsZero reports whether the field holds its zero value (nil for a pointer).
func (f *Field) IsZero(base unsafe.Pointer) bool {
	p := f.Ptr(base)
	if f.acc.ptr {
		return *(*unsafe.Pointer)(p) == nil
	}
	switch f.acc.kind {
	case aString:
		return *(*string)(p) == ""
	case aInt:
		return *(*int)(p) == 0
	case aInt64:
		return *(*int64)(p) == 0
	case aTime:
		return (*time.Time)(p).IsZero()
	}
	return reflect.NewAt(f.Type, p).Elem().IsZero()
}

// IsNull reports whether the field would be written as NULL: a nil
// pointer or slice, or a driver.Valuer (sql.NullString, sql.Null[T] …)
// whose value is nil. An INSERT leaves such a field out, so the column's
// default applies ("not set", see Unset).
func (f *Field) IsNull(base unsafe.Pointer) bool {
	a := &f.acc
	switch {
	case a.ptr:
		if *(*unsafe.Pointer)(f.Ptr(base)) == nil {
			return true
		}
		if a.kind != aScanner {
			return false
		}
	case a.kind == aBytes:
		return *(*[]byte)(f.Ptr(base)) == nil
	case a.kind != aScanner:
		return false // a string, number, bool or time is never NULL
	}
	v := f.Value(base)
	if v == nil {
		return true
	}
	if dv, ok := v.(driver.Valuer); ok {
		x, err := dv.Value()
		return err == nil && x == nil
	}
	return false
}

// Unset reports whether an INSERT leaves the field out and reads it back:
// it holds NULL (IsNull), so the database's default applies, or it is a
// zero auto-increment key, which the database numbers. Every other value
// is written exactly as it is, zero included. This is strata's one rule
// for "not set", the same for every write path.
func (f *Field) Unset(base unsafe.Pointer) bool {
	if f.AutoIncrement {
		return f.IsZero(base)
	}
	return f.IsNull(base)
}

// Reflect returns the field of the struct at base as an addressable reflect.Value.
func (f *Field) Reflect(base unsafe.Pointer) reflect.Value {
	return reflect.NewAt(f.Type, f.Ptr(base)).Elem()
}

// Set stores v (a value of any type Scan accepts) in the field of the
// struct at base.
func (f *Field) Set(base unsafe.Pointer, v any) error { return f.Scan(base, v) }

// Scan stores a value read from the database in the field of the struct at
// base: NULL becomes nil for a pointer and the zero value otherwise;
// numbers, strings, bytes, booleans and times convert as database/sql
// would, times come back in UTC, and a value that does not fit (an int64
// into an int8, a fraction into an integer) is an error.
func (f *Field) Scan(base unsafe.Pointer, src any) error {
	if err := f.acc.scan(f.Ptr(base), src); err != nil {
		return fmt.Errorf("column %q into field %s (%v): %w", f.Column, f.Name, f.Type, err)
	}
	return nil
}

func (a *accessor) scan(p unsafe.Pointer, src any) error {
	if a.ptr {
		if src == nil {
			*(*unsafe.Pointer)(p) = nil
			return nil
		}
		np := *(*unsafe.Pointer)(p)
		if np == nil {
			np = reflect.New(a.elem).UnsafePointer()
		}
		if err := a.scanElem(np, src); err != nil {
			return err
		}
		*(*unsafe.Pointer)(p) = np
		return nil
	}
	return a.scanElem(p, src)
}

func (a *accessor) scanElem(p unsafe.Pointer, src any) error {
	switch a.kind {
	case aString:
		if a.decimal {
			switch x := src.(type) {
			case float64:
				*(*string)(p) = decimalText(x, a.scale)
				return nil
			case int64:
				*(*string)(p) = strconv.FormatInt(x, 10)
				if a.scale > 0 {
					*(*string)(p) += "." + strings.Repeat("0", a.scale)
				}
				return nil
			}
		}
		s, err := asString(src)
		if a.trim {
			s = strings.TrimRight(s, " ")
		}
		*(*string)(p) = s
		return err
	case aBytes:
		switch x := src.(type) {
		case nil:
			*(*[]byte)(p) = nil
		case []byte:
			// A copy, empty but not nil for an empty value: nil is NULL.
			*(*[]byte)(p) = append([]byte{}, x...)
		case string:
			*(*[]byte)(p) = []byte(x)
		default:
			return fmt.Errorf("cannot store %T in []byte", src)
		}
		return nil
	case aBool:
		b, err := asBool(src)
		*(*bool)(p) = b
		return err
	case aInt, aInt8, aInt16, aInt32, aInt64:
		n, err := asInt(src)
		if err != nil {
			return err
		}
		return setInt(a.kind, p, n)
	case aUint, aUint8, aUint16, aUint32, aUint64:
		n, err := asUint(src)
		if err != nil {
			return err
		}
		return setUint(a.kind, p, n)
	case aFloat32:
		x, err := asFloat(src)
		if err != nil {
			return err
		}
		return setFloat32(p, x)
	case aFloat64:
		x, err := asFloat(src)
		*(*float64)(p) = x
		return err
	case aTime:
		t, err := asTime(src)
		*(*time.Time)(p) = t
		return err
	case aScanner:
		if s, ok := src.([]byte); ok {
			src = append([]byte{}, s...) // an empty value stays non-nil, not NULL
		}
		return reflect.NewAt(a.elem, p).Interface().(sql.Scanner).Scan(src)
	}
	if src == nil {
		reflect.NewAt(a.elem, p).Elem().SetZero()
		return nil
	}
	sv := reflect.ValueOf(src)
	if !sv.Type().ConvertibleTo(a.elem) {
		return fmt.Errorf("cannot store %T in %v", src, a.elem)
	}
	reflect.NewAt(a.elem, p).Elem().Set(sv.Convert(a.elem))
	return nil
}

func asString(src any) (string, error) {
	switch x := src.(type) {
	case nil:
		return "", nil
	case string:
		return x, nil
	case []byte:
		return string(x), nil
	case int64:
		return strconv.FormatInt(x, 10), nil
	case float64:
		return strconv.FormatFloat(x, 'g', -1, 64), nil
	case float32:
		return strconv.FormatFloat(float64(x), 'g', -1, 32), nil
	case uint64:
		return strconv.FormatUint(x, 10), nil
	case bool:
		return strconv.FormatBool(x), nil
	case time.Time:
		return x.UTC().Format(time.RFC3339Nano), nil
	}
	return "", fmt.Errorf("cannot store %T in a string", src)
}

func asBool(src any) (bool, error) {
	switch x := src.(type) {
	case nil:
		return false, nil
	case bool:
		return x, nil
	case int64:
		return x != 0, nil
	case []byte:
		return strconv.ParseBool(string(x))
	case string:
		return strconv.ParseBool(x)
	}
	return false, fmt.Errorf("cannot store %T in a bool", src)
}

func asInt(src any) (int64, error) {
	switch x := src.(type) {
	case nil:
		return 0, nil
	case int64:
		return x, nil
	case uint64:
		if x > math.MaxInt64 {
			return 0, fmt.Errorf("%d overflows int64", x)
		}
		return int64(x), nil
	case float64:
		if x != math.Trunc(x) || x < math.MinInt64 || x >= math.MaxInt64 {
			return 0, fmt.Errorf("%v is not a whole number in range", x)
		}
		return int64(x), nil
	case float32:
		return asInt(float64(x))
	case bool:
		if x {
			return 1, nil
		}
		return 0, nil
	case []byte:
		return strconv.ParseInt(string(x), 10, 64)
	case string:
		return strconv.ParseInt(x, 10, 64)
	}
	return 0, fmt.Errorf("cannot store %T in an integer", src)
}

func asUint(src any) (uint64, error) {
	switch x := src.(type) {
	case nil:
		return 0, nil
	case int64:
		if x < 0 {
			return 0, fmt.Errorf("%d is negative", x)
		}
		return uint64(x), nil
	case uint64:
		return x, nil
	case float64:
		if x != math.Trunc(x) || x < 0 || x >= math.MaxUint64 {
			return 0, fmt.Errorf("%v is not a whole number in range", x)
		}
		return uint64(x), nil
	case float32:
		return asUint(float64(x))
	case []byte:
		return strconv.ParseUint(string(x), 10, 64)
	case string:
		return strconv.ParseUint(x, 10, 64)
	}
	return 0, fmt.Errorf("cannot store %T in an unsigned integer", src)
}

func asFloat(src any) (float64, error) {
	switch x := src.(type) {
	case nil:
		return 0, nil
	case float64:
		return x, nil
	case float32:
		// go-sql-driver/mysql reads a FLOAT column as a float32.
		return float64(x), nil
	case int64:
		return float64(x), nil
	case uint64:
		return float64(x), nil
	case []byte:
		return strconv.ParseFloat(string(x), 64)
	case string:
		return strconv.ParseFloat(x, 64)
	}
	return 0, fmt.Errorf("cannot store %T in a float", src)
}

// timeFormats are the text forms a database may return a time in (SQLite
// stores times as text; MySQL without parseTime returns text).
var timeFormats = []string{
	"2006-01-02 15:04:05.999999999-07:00",
	"2006-01-02T15:04:05.999999999-07:00",
	"2006-01-02 15:04:05.999999999 -0700 MST",
	"2006-01-02 15:04:05.999999999Z07:00",
	"2006-01-02 15:04:05.999999999",
	"2006-01-02T15:04:05.999999999",
	"2006-01-02 15:04",
	"2006-01-02T15:04",
	"2006-01-02",
	"15:04:05.999999999", // a TIME column: on 0000-01-01, as time.Parse gives a time of day
}

func asTime(src any) (time.Time, error) {
	switch x := src.(type) {
	case nil:
		return time.Time{}, nil
	case time.Time:
		return x.UTC(), nil
	case []byte:
		return parseTime(string(x))
	case string:
		return parseTime(x)
	case int64:
		return time.Unix(x, 0).UTC(), nil
	}
	return time.Time{}, fmt.Errorf("cannot store %T in a time.Time", src)
}

func parseTime(s string) (time.Time, error) {
	for _, f := range timeFormats {
		if t, err := time.Parse(f, s); err == nil {
			return t.UTC(), nil
		}
	}
	if t, ok := parseWideYear(s); ok {
		return t, nil
	}
	return time.Time{}, fmt.Errorf("cannot read %q as a time", s)
}

// parseWideYear reads a time whose year has more than four digits or a
// sign (10000-01-01 …, -0001-…), as Go writes such a time and SQLite
// keeps it: strata refuses those years before writing, but one written
// another way (raw SQL, a hook) must not make its table unreadable.
func parseWideYear(s string) (time.Time, bool) {
	start := 0
	if s != "" && (s[0] == '-' || s[0] == '+') {
		start = 1
	}
	i := strings.IndexByte(s[start:], '-') + start
	if i <= start || i-start < 4 || (start == 0 && i-start == 4) {
		return time.Time{}, false
	}
	year, err := strconv.Atoi(s[:i])
	if err != nil {
		return time.Time{}, false
	}
	for _, f := range timeFormats {
		if t, err := time.Parse(f, "2000"+s[i:]); err == nil { // 2000 is a leap year, as 10000 is
			return time.Date(year, t.Month(), t.Day(), t.Hour(), t.Minute(), t.Second(), t.Nanosecond(), t.Location()).UTC(), true
		}
	}
	return time.Time{}, false
}

func setInt(k accKind, p unsafe.Pointer, n int64) error {
	switch k {
	case aInt:
		if strconv.IntSize == 32 && (n < math.MinInt32 || n > math.MaxInt32) {
			return fmt.Errorf("%d overflows int", n)
		}
		*(*int)(p) = int(n)
	case aInt8:
		if n < math.MinInt8 || n > math.MaxInt8 {
			return fmt.Errorf("%d overflows int8", n)
		}
		*(*int8)(p) = int8(n)
	case aInt16:
		if n < math.MinInt16 || n > math.MaxInt16 {
			return fmt.Errorf("%d overflows int16", n)
		}
		*(*int16)(p) = int16(n)
	case aInt32:
		if n < math.MinInt32 || n > math.MaxInt32 {
			return fmt.Errorf("%d overflows int32", n)
		}
		*(*int32)(p) = int32(n)
	default:
		*(*int64)(p) = n
	}
	return nil
}

// setFloat32 stores x in a float32, refusing a finite x beyond the
// float32 range (which would become ±Inf).
func setFloat32(p unsafe.Pointer, x float64) error {
	if math.Abs(x) > math.MaxFloat32 && !math.IsInf(x, 0) {
		return fmt.Errorf("%v overflows float32", x)
	}
	*(*float32)(p) = float32(x)
	return nil
}

func setUint(k accKind, p unsafe.Pointer, n uint64) error {
	switch k {
	case aUint8:
		if n > math.MaxUint8 {
			return fmt.Errorf("%d overflows uint8", n)
		}
		*(*uint8)(p) = uint8(n)
	case aUint16:
		if n > math.MaxUint16 {
			return fmt.Errorf("%d overflows uint16", n)
		}
		*(*uint16)(p) = uint16(n)
	case aUint32:
		if n > math.MaxUint32 {
			return fmt.Errorf("%d overflows uint32", n)
		}
		*(*uint32)(p) = uint32(n)
	case aUint:
		*(*uint)(p) = uint(n)
	default:
		*(*uint64)(p) = n
	}
	return nil
}

// Assign stores a Go value (as a caller would write it: an int for an
// int64 field, a string for a named string type, a value for a pointer
// field) in the field of the struct at base; nil stores the zero value.
func (f *Field) Assign(base unsafe.Pointer, v any) error {
	rv := f.Reflect(base)
	if v == nil {
		rv.SetZero()
		return nil
	}
	x := reflect.ValueOf(v)
	if x.Kind() == reflect.Pointer && rv.Kind() != reflect.Pointer {
		if x.IsNil() {
			rv.SetZero()
			return nil
		}
		x = x.Elem()
	}
	if x.Type().AssignableTo(rv.Type()) {
		rv.Set(x)
		return nil
	}
	target := rv.Type()
	if target.Kind() == reflect.Pointer {
		target = target.Elem()
	}
	if sameFamily(x.Kind(), target.Kind()) && x.Type().ConvertibleTo(target) {
		if err := fitsKind(x, target); err != nil {
			return fmt.Errorf("field %s (%v): %w", f.Name, f.Type, err)
		}
		cv := x.Convert(target)
		if rv.Kind() == reflect.Pointer {
			p := reflect.New(target)
			p.Elem().Set(cv)
			rv.Set(p)
		} else {
			rv.Set(cv)
		}
		return nil
	}
	return f.Scan(base, v)
}

// fitsKind reports an error when converting the number x to type t
// would change it: an integer out of t's range, a fraction into an
// integer, a float beyond the float32 range. reflect's Convert would
// wrap or truncate silently.
func fitsKind(x reflect.Value, t reflect.Type) error {
	z := reflect.Zero(t)
	bad := false
	switch {
	case x.CanInt():
		n := x.Int()
		switch {
		case z.CanInt():
			bad = z.OverflowInt(n)
		case z.CanUint():
			bad = n < 0 || z.OverflowUint(uint64(n))
		}
	case x.CanUint():
		u := x.Uint()
		switch {
		case z.CanInt():
			bad = u > math.MaxInt64 || z.OverflowInt(int64(u))
		case z.CanUint():
			bad = z.OverflowUint(u)
		}
	case x.CanFloat():
		v := x.Float()
		switch {
		case z.CanInt():
			bad = v != math.Trunc(v) || v < math.MinInt64 || v >= math.MaxInt64 || z.OverflowInt(int64(v))
		case z.CanUint():
			bad = v != math.Trunc(v) || v < 0 || v >= math.MaxUint64 || z.OverflowUint(uint64(v))
		case z.CanFloat():
			bad = !math.IsInf(v, 0) && z.OverflowFloat(v)
		}
	default:
		return nil
	}
	if bad {
		return fmt.Errorf("%v does not fit %v", x.Interface(), t)
	}
	return nil
}

func family(k reflect.Kind) int {
	switch k {
	case reflect.Int, reflect.Int8, reflect.Int16, reflect.Int32, reflect.Int64,
		reflect.Uint, reflect.Uint8, reflect.Uint16, reflect.Uint32, reflect.Uint64,
		reflect.Float32, reflect.Float64:
		return 1
	case reflect.String:
		return 2
	case reflect.Bool:
		return 3
	}
	return 0
}

func sameFamily(a, b reflect.Kind) bool { return family(a) != 0 && family(a) == family(b) }

// Key is a key value in a comparable form, so that rows can be matched by
// key in a map whatever the Go types on each side: integers of any size
// compare as N, text as S, anything else as O.
type Key struct {
	N int64
	S string
	O any
}

// Key returns the field's value in the struct at base as a Key, without
// boxing for integer and string fields; ok is false when it is NULL.
func (f *Field) Key(base unsafe.Pointer) (k Key, ok bool) {
	p := f.Ptr(base)
	a := &f.acc
	if a.ptr {
		p = *(*unsafe.Pointer)(p)
		if p == nil {
			return Key{}, false
		}
	}
	switch a.kind {
	case aString:
		return Key{S: *(*string)(p)}, true
	case aInt:
		return Key{N: int64(*(*int)(p))}, true
	case aInt8:
		return Key{N: int64(*(*int8)(p))}, true
	case aInt16:
		return Key{N: int64(*(*int16)(p))}, true
	case aInt32:
		return Key{N: int64(*(*int32)(p))}, true
	case aInt64:
		return Key{N: *(*int64)(p)}, true
	case aUint:
		return Key{N: int64(*(*uint)(p))}, true
	case aUint8:
		return Key{N: int64(*(*uint8)(p))}, true
	case aUint16:
		return Key{N: int64(*(*uint16)(p))}, true
	case aUint32:
		return Key{N: int64(*(*uint32)(p))}, true
	case aUint64:
		return Key{N: int64(*(*uint64)(p))}, true
	}
	return KeyOf(f.Value(base))
}

// KeyOf returns a value as a Key (as Field.Key would for a field holding
// it); ok is false for nil.
func KeyOf(v any) (k Key, ok bool) {
	switch x := v.(type) {
	case nil:
		return Key{}, false
	case int64:
		return Key{N: x}, true
	case int:
		return Key{N: int64(x)}, true
	case int32:
		return Key{N: int64(x)}, true
	case int16:
		return Key{N: int64(x)}, true
	case int8:
		return Key{N: int64(x)}, true
	case uint64:
		return Key{N: int64(x)}, true
	case uint:
		return Key{N: int64(x)}, true
	case uint32:
		return Key{N: int64(x)}, true
	case uint16:
		return Key{N: int64(x)}, true
	case uint8:
		return Key{N: int64(x)}, true
	case string:
		return Key{S: x}, true
	case []byte:
		return Key{S: string(x)}, true
	}
	rv := reflect.ValueOf(v)
	if rv.Kind() == reflect.Pointer {
		if rv.IsNil() {
			return Key{}, false
		}
		return KeyOf(rv.Elem().Interface())
	}
	if !rv.Type().Comparable() {
		return Key{O: fmt.Sprint(v)}, true
	}
	return Key{O: v}, true
}

// HoldsNull reports whether the field's Go type can hold NULL (a pointer,
// a sql.Null type, a nil-able []byte), so that NULL is not read as zero.
func (f *Field) HoldsNull() bool { return f.acc.nullable }

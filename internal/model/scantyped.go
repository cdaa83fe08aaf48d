package model

import (
	"math"
	"reflect"
	"strconv"
	"strings"
	"time"
	"unsafe"
)

// Typed scanning: the same conversions as Scan, for a value whose Go type
// the caller knows (a dialect's direct path reads int64, string, float64,
// bool and time.Time columns without boxing them into an interface). Each
// stores exactly what Scan would store given the same value; the
// combinations without a fast path, and every error, go through Scan.

// at returns the address the field's value is stored at: p itself, or
// for a pointer field the value it points at (a new one when it is nil).
// Call it only once the value is known to fit.
func (a *accessor) at(p unsafe.Pointer) unsafe.Pointer {
	if !a.ptr {
		return p
	}
	np := *(*unsafe.Pointer)(p)
	if np == nil {
		np = reflect.New(a.elem).UnsafePointer()
		*(*unsafe.Pointer)(p) = np
	}
	return np
}

// ScanString stores a string read from the database, as Scan(base, s).
func (f *Field) ScanString(base unsafe.Pointer, s string) error {
	a := &f.acc
	switch a.kind {
	case aString:
		if a.trim {
			s = strings.TrimRight(s, " ")
		}
		*(*string)(a.at(f.Ptr(base))) = s
		return nil
	case aFloat64:
		if x, err := strconv.ParseFloat(s, 64); err == nil {
			*(*float64)(a.at(f.Ptr(base))) = x
			return nil
		}
	case aInt, aInt8, aInt16, aInt32, aInt64:
		if n, err := strconv.ParseInt(s, 10, 64); err == nil {
			return f.ScanInt64(base, n)
		}
	}
	return f.Scan(base, s)
}

// ScanInt64 stores an integer read from the database, as Scan(base, n).
func (f *Field) ScanInt64(base unsafe.Pointer, n int64) error {
	a := &f.acc
	switch a.kind {
	case aInt64:
		*(*int64)(a.at(f.Ptr(base))) = n
		return nil
	case aInt, aInt8, aInt16, aInt32:
		var probe int64
		if setInt(a.kind, unsafe.Pointer(&probe), n) == nil {
			return setInt(a.kind, a.at(f.Ptr(base)), n)
		}
	case aFloat64:
		*(*float64)(a.at(f.Ptr(base))) = float64(n)
		return nil
	case aBool:
		*(*bool)(a.at(f.Ptr(base))) = n != 0
		return nil
	}
	return f.Scan(base, n)
}

// ScanFloat64 stores a float read from the database, as Scan(base, x).
func (f *Field) ScanFloat64(base unsafe.Pointer, x float64) error {
	a := &f.acc
	switch a.kind {
	case aFloat64:
		*(*float64)(a.at(f.Ptr(base))) = x
		return nil
	case aFloat32:
		if math.Abs(x) <= math.MaxFloat32 || math.IsInf(x, 0) || math.IsNaN(x) {
			*(*float32)(a.at(f.Ptr(base))) = float32(x)
			return nil
		}
	}
	return f.Scan(base, x)
}

// ScanBool stores a boolean read from the database, as Scan(base, b).
func (f *Field) ScanBool(base unsafe.Pointer, b bool) error {
	if f.acc.kind == aBool {
		*(*bool)(f.acc.at(f.Ptr(base))) = b
		return nil
	}
	return f.Scan(base, b)
}

// ScanTime stores a time read from the database, as Scan(base, t): in
// UTC.
func (f *Field) ScanTime(base unsafe.Pointer, t time.Time) error {
	if f.acc.kind == aTime {
		*(*time.Time)(f.acc.at(f.Ptr(base))) = t.UTC()
		return nil
	}
	return f.Scan(base, t)
}

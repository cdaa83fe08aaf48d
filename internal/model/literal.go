package model

import (
	"math"
	"math/big"
	"strconv"
	"strings"

	"github.com/strata-orm/strata/schema"
)

// Reading the numbers, UUIDs and times of day that fitting a value to its
// column (fit.go) and converting a condition's value (operand.go) need.

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
		s := x // text with spaces around it is not a number: input is never quietly trimmed
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

func isNaNOrInf(s string) bool {
	switch strings.TrimLeft(strings.ToLower(s), "+-") {
	case "nan", "inf", "infinity":
		return true
	}
	return false
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

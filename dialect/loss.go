package dialect

import (
	"fmt"
	"math/big"
	"slices"
	"strings"
	"unicode/utf8"

	"github.com/strata-orm/strata/schema"
)

// LossKind is one way a value can fail to survive a change of its
// column's definition.
type LossKind int

// Kinds of loss. Each dialect renders each as a condition on one value.
const (
	// LossNull: NULL, in a column that becomes NOT NULL.
	LossNull LossKind = iota + 1
	// LossLength: text (or a value's text) longer than Size characters,
	// for STRING(Size), CHAR(Size) and UUID (36).
	LossLength
	// LossNotInteger: text that is not an integer literal (digits after an
	// optional sign, spaces around allowed), for an integer or BOOLEAN.
	LossNotInteger
	// LossNotNumber: text that is not a decimal literal (digits with at
	// most one point, after an optional sign), for DECIMAL, FLOAT, DOUBLE.
	LossNotNumber
	// LossRange: a number outside Min to Max, inclusive.
	LossRange
	// LossFraction: a number with more than Scale digits after the point,
	// which the new type would round.
	LossFraction
	// LossEnum: a value (as text) that is not one of Values.
	LossEnum
	// LossTimeOfDay: an instant whose time of day (in UTC) is not midnight,
	// for DATE to DATEONLY.
	LossTimeOfDay
	// LossUUID: text that is not a UUID: 8-4-4-4-12 hexadecimal digits.
	LossUUID
)

// Loss is one condition under which a value does not survive a change of
// its column: the new definition cannot hold it, and converting it would
// cut, round, clamp or replace it (or, on SQLite, keep it under a type
// that says otherwise).
type Loss struct {
	Kind   LossKind
	Size   int      // LossLength
	Min    string   // LossRange, a decimal literal
	Max    string   // LossRange, a decimal literal
	Scale  int      // LossFraction
	Values []string // LossEnum
	// Elem says the condition is on an element of an ARRAY (PostgreSQL).
	Elem bool
}

// String is the condition as it completes "a value that …".
func (l Loss) String() string {
	var s string
	switch l.Kind {
	case LossNull:
		s = "is NULL"
	case LossLength:
		s = fmt.Sprintf("is longer than %d characters", l.Size)
	case LossNotInteger:
		s = "is not a whole number"
	case LossNotNumber:
		s = "is not a number"
	case LossRange:
		s = fmt.Sprintf("is outside %s to %s", l.Min, l.Max)
	case LossFraction:
		switch l.Scale {
		case 0:
			s = "has digits after the decimal point"
		case 1:
			s = "has more than 1 digit after the decimal point"
		default:
			s = fmt.Sprintf("has more than %d digits after the decimal point", l.Scale)
		}
	case LossEnum:
		q := make([]string, len(l.Values))
		for i, v := range l.Values {
			q[i] = "'" + strings.ReplaceAll(v, "'", "''") + "'"
		}
		s = "is not one of " + strings.Join(q, ", ")
	case LossTimeOfDay:
		s = "has a time of day other than midnight (UTC)"
	case LossUUID:
		s = "is not a UUID"
	default:
		s = fmt.Sprintf("LossKind(%d)", int(l.Kind))
	}
	if l.Elem {
		return "has an element that " + s
	}
	return s
}

// Losses lists what changing a column from old to new can lose, so that a
// dialect can count the rows that hold such values before it changes the
// column (ChangeColumn). It is empty when every value of old fits new.
//
// What counts as a loss, the same on every database:
//
//   - NULL into a column that becomes NOT NULL;
//   - to STRING(n) or CHAR(n), from any type: a value whose text is longer
//     than n characters (skipped when the old type's text is never longer);
//   - to SMALLINT, INTEGER, BIGINT or BOOLEAN (0 or 1): from a number, a
//     value out of the new range or with a fraction; from text, text that
//     is not an integer literal or is out of range;
//   - to DECIMAL(p,s): a value with more than s digits after the point
//     (PostgreSQL and MySQL would round it) or more than p-s before it;
//     from text, text that is not a decimal literal too;
//   - to FLOAT: a value beyond single precision's range (rounding to single
//     precision is what FLOAT means, and is no loss); from text, text that
//     is not a decimal literal; to DOUBLE from text, the same;
//   - to ENUM: a value that is not one of the new values (from an ENUM,
//     only when values go);
//   - to DATEONLY from DATE: an instant whose time of day in UTC is not
//     midnight;
//   - to UUID from text: text that is not 8-4-4-4-12 hexadecimal digits;
//   - ARRAY to ARRAY (PostgreSQL): any of the above for an element.
//
// Other changes (text to a date, a time or JSON; a date to a number) are
// converted by the database, which refuses a value it cannot convert.
func Losses(old, new schema.Column) []Loss {
	var out []Loss
	if (new.NotNull || new.AutoIncrement) && !old.NotNull && !old.AutoIncrement {
		out = append(out, Loss{Kind: LossNull})
	}
	if old.Type.Equal(new.Type) {
		return out
	}
	return append(out, typeLosses(old.Type, new.Type)...)
}

func typeLosses(from, to schema.Type) []Loss {
	if from.Kind == schema.KindArray && to.Kind == schema.KindArray && from.Elem != nil && to.Elem != nil {
		out := typeLosses(*from.Elem, *to.Elem)
		for i := range out {
			out[i].Elem = true
		}
		return out
	}
	text, number := isText(from.Kind), isNumber(from.Kind)
	switch to.Kind {
	case schema.KindString, schema.KindChar:
		if n := maxTextLen(from); n < 0 || n > to.Size {
			return []Loss{{Kind: LossLength, Size: to.Size}}
		}
	case schema.KindEnum:
		if from.Kind != schema.KindEnum || !subset(from.Values, to.Values) {
			return []Loss{{Kind: LossEnum, Values: slices.Clone(to.Values)}}
		}
	case schema.KindSmallInt, schema.KindInteger, schema.KindBigInt, schema.KindBoolean:
		lo, hi := integerRange(to.Kind)
		rng := Loss{Kind: LossRange, Min: lo.String(), Max: hi.String()}
		switch {
		case text:
			return []Loss{{Kind: LossNotInteger}, rng}
		case number:
			var out []Loss
			if !within(from, new(big.Rat).SetInt(lo), new(big.Rat).SetInt(hi)) {
				out = append(out, rng)
			}
			if fractionDigits(from) != 0 {
				out = append(out, Loss{Kind: LossFraction, Scale: 0})
			}
			return out
		}
	case schema.KindDecimal:
		hi := decimalMax(to.Precision, to.Scale)
		rng := Loss{Kind: LossRange, Min: "-" + hi.FloatString(to.Scale), Max: hi.FloatString(to.Scale)}
		frac := Loss{Kind: LossFraction, Scale: to.Scale}
		switch {
		case text:
			return []Loss{{Kind: LossNotNumber}, rng, frac}
		case number:
			var out []Loss
			if !within(from, new(big.Rat).Neg(hi), hi) {
				out = append(out, rng)
			}
			if d := fractionDigits(from); d < 0 || d > to.Scale {
				out = append(out, frac)
			}
			return out
		}
	case schema.KindFloat:
		rng := Loss{Kind: LossRange, Min: "-" + maxFloat32, Max: maxFloat32}
		switch {
		case text:
			return []Loss{{Kind: LossNotNumber}, rng}
		case number:
			hi, _ := new(big.Rat).SetString(maxFloat32)
			if !within(from, new(big.Rat).Neg(hi), hi) {
				return []Loss{rng}
			}
		}
	case schema.KindDouble:
		if text {
			return []Loss{{Kind: LossNotNumber}}
		}
	case schema.KindDateOnly:
		if from.Kind == schema.KindDate {
			return []Loss{{Kind: LossTimeOfDay}}
		}
	case schema.KindUUID:
		if text {
			return []Loss{{Kind: LossUUID}}
		}
	}
	return nil
}

// maxFloat32 is the largest single-precision value, as a decimal literal.
const maxFloat32 = "3.4028234663852886e38"

func isText(k schema.Kind) bool {
	return k == schema.KindString || k == schema.KindChar || k == schema.KindText || k == schema.KindEnum
}

func isNumber(k schema.Kind) bool {
	switch k {
	case schema.KindSmallInt, schema.KindInteger, schema.KindBigInt, schema.KindBoolean,
		schema.KindDecimal, schema.KindFloat, schema.KindDouble:
		return true
	}
	return false
}

// maxTextLen is the most characters a value of t has as text, or -1 when
// there is no such bound (or it differs between databases).
func maxTextLen(t schema.Type) int {
	switch t.Kind {
	case schema.KindString, schema.KindChar:
		return t.Size
	case schema.KindEnum:
		n := 0
		for _, v := range t.Values {
			n = max(n, utf8.RuneCountInString(v))
		}
		return n
	case schema.KindUUID:
		return 36
	case schema.KindBoolean:
		return len("false")
	case schema.KindSmallInt:
		return len("-32768")
	case schema.KindInteger:
		return len("-2147483648")
	case schema.KindBigInt:
		return len("-9223372036854775808")
	case schema.KindDecimal:
		return t.Precision + 3 // sign, point, and a 0 before the point
	}
	return -1
}

func subset(a, b []string) bool {
	for _, v := range a {
		if !slices.Contains(b, v) {
			return false
		}
	}
	return true
}

// integerRange is the range of an integer kind; BOOLEAN is 0 to 1.
func integerRange(k schema.Kind) (lo, hi *big.Int) {
	bits := map[schema.Kind]uint{schema.KindSmallInt: 15, schema.KindInteger: 31, schema.KindBigInt: 63}[k]
	if k == schema.KindBoolean {
		return big.NewInt(0), big.NewInt(1)
	}
	hi = new(big.Int).Sub(new(big.Int).Lsh(big.NewInt(1), bits), big.NewInt(1))
	return new(big.Int).Neg(new(big.Int).Add(hi, big.NewInt(1))), hi
}

// decimalMax is the largest value of DECIMAL(p,s): 10^(p-s) - 10^-s.
func decimalMax(p, s int) *big.Rat {
	ten := big.NewInt(10)
	whole := new(big.Int).Exp(ten, big.NewInt(int64(p-s)), nil)
	unit := new(big.Rat).SetFrac(big.NewInt(1), new(big.Int).Exp(ten, big.NewInt(int64(s)), nil))
	return new(big.Rat).Sub(new(big.Rat).SetInt(whole), unit)
}

// within reports whether every value of the number type t lies in lo..hi.
func within(t schema.Type, lo, hi *big.Rat) bool {
	var tlo, thi *big.Rat
	switch t.Kind {
	case schema.KindSmallInt, schema.KindInteger, schema.KindBigInt, schema.KindBoolean:
		l, h := integerRange(t.Kind)
		tlo, thi = new(big.Rat).SetInt(l), new(big.Rat).SetInt(h)
	case schema.KindDecimal:
		thi = decimalMax(t.Precision, t.Scale)
		tlo = new(big.Rat).Neg(thi)
	case schema.KindFloat:
		thi, _ = new(big.Rat).SetString(maxFloat32)
		tlo = new(big.Rat).Neg(thi)
	default:
		return false // DOUBLE: beyond any range strata maps
	}
	return tlo.Cmp(lo) >= 0 && thi.Cmp(hi) <= 0
}

// fractionDigits is how many digits after the point a value of the number
// type t can have: 0 for integers, the scale of a DECIMAL, -1 (unbounded)
// for FLOAT and DOUBLE.
func fractionDigits(t schema.Type) int {
	switch t.Kind {
	case schema.KindDecimal:
		return t.Scale
	case schema.KindFloat, schema.KindDouble:
		return -1
	}
	return 0
}

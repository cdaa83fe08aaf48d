package strata

import (
	"database/sql/driver"
	"fmt"
	"strconv"
	"strings"
)

// Array is a PostgreSQL array column (Sequelize's ARRAY) as a Go slice:
// Array[string] for text[] or varchar(n)[], Array[int] for integer[] and so
// on. It travels in PostgreSQL's array text form, '{a,"b c"}', so it works
// through database/sql with any driver. A NULL column reads as a nil slice;
// NULL elements are refused, as a Go slice of T cannot hold them.
type Array[T string | int | int16 | int32 | int64 | float32 | float64 | bool] []T

// Value implements driver.Valuer.
func (a Array[T]) Value() (driver.Value, error) {
	if a == nil {
		return nil, nil
	}
	var b strings.Builder
	b.WriteByte('{')
	for i, v := range a {
		if i > 0 {
			b.WriteByte(',')
		}
		switch x := any(v).(type) {
		case string:
			if strings.ContainsRune(x, 0) {
				return nil, fmt.Errorf("strata.Array: element %d contains a NUL byte, which PostgreSQL cannot store", i)
			}
			b.WriteByte('"')
			b.WriteString(strings.NewReplacer(`\`, `\\`, `"`, `\"`).Replace(x))
			b.WriteByte('"')
		case bool:
			if x {
				b.WriteString("t")
			} else {
				b.WriteString("f")
			}
		default:
			fmt.Fprint(&b, x)
		}
	}
	b.WriteByte('}')
	return b.String(), nil
}

// Scan implements sql.Scanner.
func (a *Array[T]) Scan(src any) error {
	var s string
	switch v := src.(type) {
	case nil:
		*a = nil
		return nil
	case string:
		s = v
	case []byte:
		s = string(v)
	default:
		return fmt.Errorf("strata.Array: cannot scan %T; the column must be a PostgreSQL array", src)
	}
	elems, err := parseArray(s)
	if err != nil {
		return err
	}
	out := make(Array[T], len(elems))
	for i, e := range elems {
		if e == nil {
			return fmt.Errorf("strata.Array: element %d is NULL, which a slice of %T cannot hold", i, out[i])
		}
		if err := parseElem(&out[i], *e); err != nil {
			return fmt.Errorf("strata.Array: element %d: %w", i, err)
		}
	}
	*a = out
	return nil
}

func parseElem[T string | int | int16 | int32 | int64 | float32 | float64 | bool](dst *T, s string) error {
	switch p := any(dst).(type) {
	case *string:
		*p = s
	case *bool:
		*p = s == "t" || s == "true"
	case *float32:
		f, err := strconv.ParseFloat(s, 32)
		*p = float32(f)
		return err
	case *float64:
		f, err := strconv.ParseFloat(s, 64)
		*p = f
		return err
	case *int:
		n, err := strconv.ParseInt(s, 10, 64)
		*p = int(n)
		return err
	case *int16:
		n, err := strconv.ParseInt(s, 10, 16)
		*p = int16(n)
		return err
	case *int32:
		n, err := strconv.ParseInt(s, 10, 32)
		*p = int32(n)
		return err
	case *int64:
		n, err := strconv.ParseInt(s, 10, 64)
		*p = n
		return err
	}
	return nil
}

// parseArray reads a one-dimensional PostgreSQL array literal; a nil element
// is NULL.
func parseArray(s string) ([]*string, error) {
	if len(s) < 2 || s[0] != '{' || s[len(s)-1] != '}' {
		return nil, fmt.Errorf("strata.Array: %q is not an array literal", s)
	}
	body := s[1 : len(s)-1]
	var out []*string
	if body == "" {
		return []*string{}, nil
	}
	for i := 0; i <= len(body); {
		if i < len(body) && body[i] == '{' {
			return nil, fmt.Errorf("strata.Array: %q is a multi-dimensional array; only one dimension is supported", s)
		}
		var b strings.Builder
		quoted := i < len(body) && body[i] == '"'
		if quoted {
			i++
			for ; i < len(body) && body[i] != '"'; i++ {
				if body[i] == '\\' && i+1 < len(body) {
					i++
				}
				b.WriteByte(body[i])
			}
			if i >= len(body) {
				return nil, fmt.Errorf("strata.Array: unterminated quote in %q", s)
			}
			i++ // closing quote
		} else {
			for ; i < len(body) && body[i] != ','; i++ {
				b.WriteByte(body[i])
			}
		}
		v := b.String()
		if !quoted && strings.EqualFold(v, "NULL") {
			out = append(out, nil)
		} else {
			out = append(out, &v)
		}
		if i < len(body) && body[i] != ',' {
			return nil, fmt.Errorf("strata.Array: unexpected %q in %q", body[i], s)
		}
		i++
	}
	return out, nil
}

package schema

import (
	"fmt"
	"slices"
	"strconv"
	"strings"
)

// Kind is the family of a column type, named after Sequelize's DataTypes.
type Kind string

// The type kinds strata knows. Each dialect maps them to its own SQL types.
const (
	KindString   Kind = "STRING"   // VARCHAR(n)
	KindChar     Kind = "CHAR"     // CHAR(n)
	KindText     Kind = "TEXT"     // unbounded text
	KindInteger  Kind = "INTEGER"  // 32-bit integer
	KindBigInt   Kind = "BIGINT"   // 64-bit integer
	KindSmallInt Kind = "SMALLINT" // 16-bit integer
	KindFloat    Kind = "FLOAT"    // single precision
	KindDouble   Kind = "DOUBLE"   // double precision
	KindDecimal  Kind = "DECIMAL"  // exact numeric DECIMAL(p,s)
	KindBoolean  Kind = "BOOLEAN"  // true/false
	KindDate     Kind = "DATE"     // an instant: timestamp with time zone
	KindDateOnly Kind = "DATEONLY" // a calendar date
	KindTime     Kind = "TIME"     // a time of day
	KindUUID     Kind = "UUID"     // a UUID
	KindJSON     Kind = "JSON"     // JSON text
	KindJSONB    Kind = "JSONB"    // binary JSON (PostgreSQL); JSON elsewhere
	KindBlob     Kind = "BLOB"     // bytes
	KindEnum     Kind = "ENUM"     // one of Values
	KindArray    Kind = "ARRAY"    // array of Elem (PostgreSQL only)
	// KindNative is a type in one database's own spelling (Native), for
	// the types no portable kind renders exactly: PostgreSQL's tsvector or
	// timestamp without time zone, MySQL's INT UNSIGNED or YEAR, a SQLite
	// declared type outside strata's list. It renders on its Dialect only.
	KindNative Kind = "NATIVE"
)

// Type is a column type. The zero Type is invalid.
//
// Size is the length of STRING and CHAR; Precision and Scale belong to
// DECIMAL; Values to ENUM; Elem to ARRAY; Native and Dialect to NATIVE.
// Type values are built with the constructor functions (String, Integer,
// Enum, Native, …) or parsed with ParseType.
type Type struct {
	Kind      Kind     `json:"kind"`
	Size      int      `json:"size,omitempty"`
	Precision int      `json:"precision,omitempty"`
	Scale     int      `json:"scale,omitempty"`
	Values    []string `json:"values,omitempty"`
	Elem      *Type    `json:"elem,omitempty"`
	// Native is the type as Dialect spells it (KindNative only), e.g.
	// "timestamp(3) without time zone" or "int(10) unsigned zerofill".
	Native string `json:"native,omitempty"`
	// Dialect names the database whose spelling Native is, as
	// dialect.Dialect's Name gives it: "postgres", "mysql" or "sqlite".
	Dialect string `json:"dialect,omitempty"`
}

// DefaultStringSize is the length of STRING when none is given, as in Sequelize.
const DefaultStringSize = 255

// String is VARCHAR(size); a size of 0 means DefaultStringSize.
func String(size int) Type {
	if size == 0 {
		size = DefaultStringSize
	}
	return Type{Kind: KindString, Size: size}
}

// Char is CHAR(size); a size of 0 means DefaultStringSize.
func Char(size int) Type {
	if size == 0 {
		size = DefaultStringSize
	}
	return Type{Kind: KindChar, Size: size}
}

// Text is unbounded text.
func Text() Type { return Type{Kind: KindText} }

// Integer is a 32-bit signed integer.
func Integer() Type { return Type{Kind: KindInteger} }

// BigInt is a 64-bit signed integer.
func BigInt() Type { return Type{Kind: KindBigInt} }

// SmallInt is a 16-bit signed integer.
func SmallInt() Type { return Type{Kind: KindSmallInt} }

// Float is a single-precision floating point number.
func Float() Type { return Type{Kind: KindFloat} }

// Double is a double-precision floating point number.
func Double() Type { return Type{Kind: KindDouble} }

// Decimal is an exact number with precision digits, scale of them after the
// point. Decimal(0, 0) means DECIMAL(10,2): a bare DECIMAL is DECIMAL(10,0)
// on MySQL and silently rounds prices to whole units, so strata's default
// keeps cents on every database.
func Decimal(precision, scale int) Type {
	if precision == 0 {
		precision, scale = 10, 2
	}
	return Type{Kind: KindDecimal, Precision: precision, Scale: scale}
}

// Boolean is true or false.
func Boolean() Type { return Type{Kind: KindBoolean} }

// Date is an instant in time (Sequelize's DATE): TIMESTAMP WITH TIME ZONE on
// PostgreSQL, DATETIME(6) on MySQL, DATETIME on SQLite.
func Date() Type { return Type{Kind: KindDate} }

// DateOnly is a calendar date without a time.
func DateOnly() Type { return Type{Kind: KindDateOnly} }

// Time is a time of day.
func Time() Type { return Type{Kind: KindTime} }

// UUID is a universally unique identifier.
func UUID() Type { return Type{Kind: KindUUID} }

// JSON is a JSON document.
func JSON() Type { return Type{Kind: KindJSON} }

// JSONB is PostgreSQL's binary JSON; other dialects store JSON.
func JSONB() Type { return Type{Kind: KindJSONB} }

// Blob is a byte string.
func Blob() Type { return Type{Kind: KindBlob} }

// Enum is one of the given values.
func Enum(values ...string) Type {
	return Type{Kind: KindEnum, Values: append([]string(nil), values...)}
}

// Array is an array of elem (PostgreSQL only).
func Array(elem Type) Type {
	return Type{Kind: KindArray, Elem: &elem}
}

// Native is a type in the named dialect's own spelling ("postgres",
// "mysql" or "sqlite"), rendered on that dialect exactly as written and
// refused with an error by the others: schema.Native("postgres",
// "tsvector"), schema.Native("mysql", "int unsigned"). Inspect reads every
// type no portable kind renders exactly as one, so that it round-trips.
func Native(dialect, spelling string) Type {
	return Type{Kind: KindNative, Native: spelling, Dialect: dialect}
}

// Equal reports whether two types are the same.
func (t Type) Equal(u Type) bool {
	if t.Kind != u.Kind || t.Size != u.Size || t.Precision != u.Precision || t.Scale != u.Scale ||
		t.Native != u.Native || t.Dialect != u.Dialect {
		return false
	}
	if len(t.Values) != len(u.Values) {
		return false
	}
	for i := range t.Values {
		if t.Values[i] != u.Values[i] {
			return false
		}
	}
	if (t.Elem == nil) != (u.Elem == nil) {
		return false
	}
	return t.Elem == nil || t.Elem.Equal(*u.Elem)
}

// Validate reports a type that cannot be rendered on any dialect.
func (t Type) Validate() error {
	switch t.Kind {
	case KindString, KindChar:
		if t.Size <= 0 {
			return fmt.Errorf("type %s needs a positive length, got %d", t.Kind, t.Size)
		}
	case KindDecimal:
		if t.Precision <= 0 || t.Scale < 0 || t.Scale > t.Precision {
			return fmt.Errorf("type DECIMAL(%d,%d): precision must be positive and scale between 0 and the precision", t.Precision, t.Scale)
		}
	case KindEnum:
		if len(t.Values) == 0 {
			return fmt.Errorf("type ENUM needs at least one value")
		}
		seen := map[string]bool{}
		for _, v := range t.Values {
			if seen[v] {
				return fmt.Errorf("type ENUM lists %q twice", v)
			}
			seen[v] = true
		}
	case KindArray:
		if t.Elem == nil {
			return fmt.Errorf("type ARRAY needs an element type")
		}
		if t.Elem.Kind == KindArray {
			return fmt.Errorf("type ARRAY of ARRAY is not supported")
		}
		return t.Elem.Validate()
	case KindNative:
		if strings.TrimSpace(t.Native) == "" {
			return fmt.Errorf("type NATIVE needs the database's spelling of the type, e.g. schema.Native(\"postgres\", \"tsvector\")")
		}
		if !slices.Contains(NativeDialects, t.Dialect) {
			return fmt.Errorf("type NATIVE %q names dialect %q; use one of %s", t.Native, t.Dialect, strings.Join(NativeDialects, ", "))
		}
		if strings.ContainsAny(t.Native, ";") || strings.Contains(t.Native, "--") || strings.Contains(t.Native, "/*") {
			return fmt.Errorf("type NATIVE %q holds a statement separator or a comment; a type is one SQL type name with its modifiers", t.Native)
		}
	case KindText, KindInteger, KindBigInt, KindSmallInt, KindFloat, KindDouble, KindBoolean,
		KindDate, KindDateOnly, KindTime, KindUUID, KindJSON, KindJSONB, KindBlob:
	case "":
		return fmt.Errorf("column type is missing")
	default:
		return fmt.Errorf("unknown type %q (known: %s)", string(t.Kind), strings.Join(KindNames(), ", "))
	}
	return nil
}

// NativeDialects are the dialect names a NATIVE type may carry.
var NativeDialects = []string{"mysql", "postgres", "sqlite"}

// KindNames lists the known kinds in Sequelize's spelling.
func KindNames() []string {
	return []string{"STRING", "CHAR", "TEXT", "INTEGER", "BIGINT", "SMALLINT", "FLOAT", "DOUBLE",
		"DECIMAL", "BOOLEAN", "DATE", "DATEONLY", "TIME", "UUID", "JSON", "JSONB", "BLOB", "ENUM", "ARRAY"}
}

// String renders the type in Sequelize's notation, e.g. STRING(100),
// DECIMAL(10,2), ENUM('a','b'), ARRAY(INTEGER). ParseType reads it back.
func (t Type) String() string {
	switch t.Kind {
	case KindString, KindChar:
		return fmt.Sprintf("%s(%d)", t.Kind, t.Size)
	case KindDecimal:
		return fmt.Sprintf("DECIMAL(%d,%d)", t.Precision, t.Scale)
	case KindEnum:
		q := make([]string, len(t.Values))
		for i, v := range t.Values {
			q[i] = "'" + strings.ReplaceAll(v, "'", "''") + "'"
		}
		return "ENUM(" + strings.Join(q, ",") + ")"
	case KindArray:
		if t.Elem == nil {
			return "ARRAY"
		}
		return "ARRAY(" + t.Elem.String() + ")"
	case KindNative:
		return "NATIVE(" + t.Dialect + ",'" + strings.ReplaceAll(t.Native, "'", "''") + "')"
	}
	return string(t.Kind)
}

// ParseType reads a type in Sequelize's notation, case-insensitively:
// "string", "STRING(100)", "decimal(10,2)", "enum('a','b')", "array(integer)".
// Aliases: VARCHAR, INT, BOOL, DATETIME, TIMESTAMP, DOUBLE PRECISION, NUMERIC, REAL.
func ParseType(s string) (Type, error) {
	src := s
	s = strings.TrimSpace(s)
	name, args, hasArgs := s, "", false
	if i := strings.IndexByte(s, '('); i >= 0 {
		if !strings.HasSuffix(s, ")") {
			return Type{}, fmt.Errorf("type %q: missing closing parenthesis", src)
		}
		name, args, hasArgs = strings.TrimSpace(s[:i]), s[i+1:len(s)-1], true
	}
	upper := strings.ToUpper(name)
	ints := func(max int) ([]int, error) {
		if !hasArgs {
			return nil, nil
		}
		parts := strings.Split(args, ",")
		if len(parts) > max {
			return nil, fmt.Errorf("type %q takes at most %d arguments", src, max)
		}
		out := make([]int, len(parts))
		for i, p := range parts {
			n, err := strconv.Atoi(strings.TrimSpace(p))
			if err != nil || n < 0 {
				return nil, fmt.Errorf("type %q: %q is not a non-negative whole number", src, strings.TrimSpace(p))
			}
			out[i] = n
		}
		return out, nil
	}
	noArgs := func(t Type) (Type, error) {
		if hasArgs {
			return Type{}, fmt.Errorf("type %q takes no arguments", src)
		}
		return t, nil
	}
	switch upper {
	case "STRING", "VARCHAR", "CHARACTER VARYING":
		n, err := ints(1)
		if err != nil {
			return Type{}, err
		}
		if len(n) == 1 {
			return String(n[0]), nonZero(src, n[0])
		}
		return String(0), nil
	case "CHAR", "CHARACTER":
		n, err := ints(1)
		if err != nil {
			return Type{}, err
		}
		if len(n) == 1 {
			return Char(n[0]), nonZero(src, n[0])
		}
		return Char(0), nil
	case "DECIMAL", "NUMERIC":
		n, err := ints(2)
		if err != nil {
			return Type{}, err
		}
		switch len(n) {
		case 0:
			return Decimal(0, 0), nil
		case 1:
			return Decimal(n[0], 0), nonZero(src, n[0])
		}
		t := Decimal(n[0], n[1])
		return t, t.Validate()
	case "TEXT":
		return noArgs(Text())
	case "INTEGER", "INT":
		return noArgs(Integer())
	case "BIGINT":
		return noArgs(BigInt())
	case "SMALLINT":
		return noArgs(SmallInt())
	case "FLOAT", "REAL":
		return noArgs(Float())
	case "DOUBLE", "DOUBLE PRECISION":
		return noArgs(Double())
	case "BOOLEAN", "BOOL":
		return noArgs(Boolean())
	case "DATE", "DATETIME", "TIMESTAMP":
		return noArgs(Date())
	case "DATEONLY":
		return noArgs(DateOnly())
	case "TIME":
		return noArgs(Time())
	case "UUID":
		return noArgs(UUID())
	case "JSON":
		return noArgs(JSON())
	case "JSONB":
		return noArgs(JSONB())
	case "BLOB", "BYTEA":
		return noArgs(Blob())
	case "ENUM":
		vals, err := splitQuoted(args)
		if err != nil {
			return Type{}, fmt.Errorf("type %q: %w", src, err)
		}
		t := Enum(vals...)
		return t, t.Validate()
	case "NATIVE":
		vals, err := splitQuoted(args)
		if err != nil || len(vals) != 2 {
			return Type{}, fmt.Errorf("type %q: NATIVE takes a dialect and the type as it spells it, e.g. NATIVE(postgres,'tsvector')", src)
		}
		t := Native(strings.ToLower(vals[0]), vals[1])
		return t, t.Validate()
	case "ARRAY":
		if !hasArgs {
			return Type{}, fmt.Errorf("type %q: ARRAY needs an element type, e.g. ARRAY(INTEGER)", src)
		}
		elem, err := ParseType(args)
		if err != nil {
			return Type{}, err
		}
		t := Array(elem)
		return t, t.Validate()
	}
	return Type{}, fmt.Errorf("unknown type %q (known: %s)", name, strings.Join(KindNames(), ", "))
}

func nonZero(src string, n int) error {
	if n == 0 {
		return fmt.Errorf("type %q: length must be positive", src)
	}
	return nil
}

// splitQuoted splits 'a','b' (or unquoted a,b) into values.
func splitQuoted(s string) ([]string, error) {
	var out []string
	s = strings.TrimSpace(s)
	for s != "" {
		if s[0] == '\'' || s[0] == '"' {
			q := s[0]
			var b strings.Builder
			i := 1
			for ; i < len(s); i++ {
				if s[i] == q {
					if i+1 < len(s) && s[i+1] == q {
						b.WriteByte(q)
						i++
						continue
					}
					break
				}
				b.WriteByte(s[i])
			}
			if i >= len(s) {
				return nil, fmt.Errorf("unterminated quoted value")
			}
			out = append(out, b.String())
			s = strings.TrimSpace(s[i+1:])
		} else {
			j := strings.IndexByte(s, ',')
			if j < 0 {
				j = len(s)
			}
			out = append(out, strings.TrimSpace(s[:j]))
			s = s[j:]
		}
		if s == "" {
			break
		}
		if s[0] != ',' {
			return nil, fmt.Errorf("expected a comma between values near %q", s)
		}
		s = strings.TrimSpace(s[1:])
	}
	return out, nil
}

package pgdialect

import (
	"fmt"
	"strconv"
	"strings"

	"github.com/strata-orm/strata/dialect"
	"github.com/strata-orm/strata/schema"
)

// ColumnType implements dialect.Dialect with the mapping of ARCHITECTURE.md.
// An ENUM has no type of its own until a column owns it (the type is named
// after the table and column), so ColumnType refuses it; Render creates it.
func (*Dialect) ColumnType(t schema.Type) (string, error) {
	return columnType(t, "")
}

// enumTypeName is the name of the type an ENUM column of table gets, as
// Sequelize names it: enum_<table>_<column>, shortened with a hash when it
// is longer than PostgreSQL allows.
func enumTypeName(table, column string) string {
	return schema.DeriveName("enum", table, column)
}

// hasEnum reports whether a column of type t owns an enum type: an ENUM, or
// an ARRAY of ENUM.
func hasEnum(t schema.Type) bool {
	return t.Kind == schema.KindEnum || (t.Kind == schema.KindArray && t.Elem != nil && t.Elem.Kind == schema.KindEnum)
}

// enumValues returns the values of an ENUM or ARRAY of ENUM type.
func enumValues(t schema.Type) []string {
	if t.Kind == schema.KindArray && t.Elem != nil {
		return t.Elem.Values
	}
	return t.Values
}

// columnType is the SQL type for t; enumType is the name of the enum type
// an ENUM stands for ("" outside a column). A NATIVE type of PostgreSQL's
// renders as it is spelled; another dialect's is an error.
func columnType(t schema.Type, enumType string) (string, error) {
	if err := t.Validate(); err != nil {
		return "", err
	}
	switch t.Kind {
	case schema.KindNative:
		if t.Dialect != "postgres" {
			return "", fmt.Errorf("type %s is %s's own; on PostgreSQL use a portable type or schema.Native(\"postgres\", …)", t, dialectTitle(t.Dialect))
		}
		return t.Native, nil
	case schema.KindString:
		return fmt.Sprintf("VARCHAR(%d)", t.Size), nil
	case schema.KindChar:
		return fmt.Sprintf("CHAR(%d)", t.Size), nil
	case schema.KindText:
		return "TEXT", nil
	case schema.KindInteger:
		return "INTEGER", nil
	case schema.KindBigInt:
		return "BIGINT", nil
	case schema.KindSmallInt:
		return "SMALLINT", nil
	case schema.KindFloat:
		return "REAL", nil
	case schema.KindDouble:
		return "DOUBLE PRECISION", nil
	case schema.KindDecimal:
		return fmt.Sprintf("DECIMAL(%d,%d)", t.Precision, t.Scale), nil
	case schema.KindBoolean:
		return "BOOLEAN", nil
	case schema.KindDate:
		return "TIMESTAMP(6) WITH TIME ZONE", nil
	case schema.KindDateOnly:
		return "DATE", nil
	case schema.KindTime:
		return "TIME", nil
	case schema.KindUUID:
		return "UUID", nil
	case schema.KindJSON:
		return "JSON", nil
	case schema.KindJSONB:
		return "JSONB", nil
	case schema.KindBlob:
		return "BYTEA", nil
	case schema.KindEnum:
		if enumType == "" {
			return "", fmt.Errorf("type %s: PostgreSQL keeps the values of an ENUM in a type of its own, named after its table and column (enum_<table>_<column>); declare the column in a migration and render that", t)
		}
		return quoteIdent(enumType), nil
	case schema.KindArray:
		elem, err := columnType(*t.Elem, enumType)
		if err != nil {
			return "", err
		}
		return elem + "[]", nil
	}
	return "", fmt.Errorf("type %s has no PostgreSQL equivalent", t)
}

// dialectTitle is a dialect name as people write the database's.
func dialectTitle(name string) string {
	switch name {
	case "mysql":
		return "MySQL"
	case "sqlite":
		return "SQLite"
	case "postgres":
		return "PostgreSQL"
	}
	return name
}

// serialType is the SERIAL pseudo-type of an auto-increment integer column.
func serialType(t schema.Type) (string, error) {
	switch t.Kind {
	case schema.KindInteger:
		return "SERIAL", nil
	case schema.KindBigInt:
		return "BIGSERIAL", nil
	case schema.KindSmallInt:
		return "SMALLSERIAL", nil
	}
	return "", fmt.Errorf("type %s cannot auto-increment; use INTEGER, BIGINT or SMALLINT", t)
}

// parseType reads a type as format_type() prints it ("character
// varying(255)", "numeric(10,2)", "timestamp(6) with time zone",
// "integer[]", "\"enum_users_state\"") back into a schema.Type. enums maps
// the names of enum types, as format_type prints them, to their values.
//
// A portable kind comes back only when columnType renders it as exactly
// the type PostgreSQL holds; every other type (timestamp without time
// zone, bare numeric, unbounded character varying, inet, a domain, an
// array of any of those, a spelling it cannot read) is
// schema.Native("postgres", s) as format_type printed it, which renders
// back to the same type. parseType never fails.
func parseType(s string, enums map[string][]string) schema.Type {
	if t, ok := portableType(strings.TrimSpace(s), enums); ok {
		return t
	}
	return schema.Native("postgres", s)
}

// portableType is the portable kind format_type's spelling s stands for,
// when there is one strata renders exactly.
func portableType(s string, enums map[string][]string) (schema.Type, bool) {
	if base, ok := strings.CutSuffix(s, "[]"); ok {
		elem, ok := portableType(base, enums)
		if !ok || elem.Kind == schema.KindArray {
			return schema.Type{}, false
		}
		return schema.Array(elem), true
	}
	if vals, ok := enums[s]; ok {
		return schema.Enum(vals...), true
	}
	// Split "name(args) rest" into name+rest and args: the modifier of
	// timestamp(6) with time zone sits in the middle.
	name, args := s, ""
	if i := strings.IndexByte(s, '('); i >= 0 {
		j := strings.IndexByte(s[i:], ')')
		if j < 0 {
			return schema.Type{}, false
		}
		name, args = strings.Join(strings.Fields(s[:i]+" "+s[i+j+1:]), " "), s[i+1:i+j]
	}
	nums, err := typmods(args)
	if err != nil {
		return schema.Type{}, false
	}
	// The types that take no modifier.
	plain := map[string]schema.Type{
		"text": schema.Text(), "integer": schema.Integer(), "bigint": schema.BigInt(),
		"smallint": schema.SmallInt(), "real": schema.Float(), "double precision": schema.Double(),
		"boolean": schema.Boolean(), "date": schema.DateOnly(), "time without time zone": schema.Time(),
		"uuid": schema.UUID(), "json": schema.JSON(), "jsonb": schema.JSONB(), "bytea": schema.Blob(),
	}
	if t, ok := plain[name]; ok && len(nums) == 0 && args == "" {
		return t, true
	}
	switch {
	case name == "character varying" && len(nums) == 1 && nums[0] > 0:
		return schema.String(nums[0]), true
	case name == "character" && len(nums) == 1 && nums[0] > 0:
		return schema.Char(nums[0]), true
	case name == "numeric" && len(nums) == 1 && nums[0] > 0:
		return schema.Decimal(nums[0], 0), true
	case name == "numeric" && len(nums) == 2:
		if t := schema.Decimal(nums[0], nums[1]); nums[0] > 0 && t.Validate() == nil {
			return t, true
		}
	case name == "timestamp with time zone" && (args == "" || len(nums) == 1 && nums[0] == 6):
		// strata renders TIMESTAMP(6) WITH TIME ZONE; a bare one holds
		// microseconds all the same.
		return schema.Date(), true
	}
	return schema.Type{}, false
}

// typmods parses the comma-separated numbers of a type modifier.
func typmods(args string) ([]int, error) {
	if strings.TrimSpace(args) == "" {
		return nil, nil
	}
	var out []int
	for _, p := range strings.Split(args, ",") {
		n, err := strconv.Atoi(strings.TrimSpace(p))
		if err != nil {
			return nil, fmt.Errorf("modifier %q is not a number", strings.TrimSpace(p))
		}
		out = append(out, n)
	}
	return out, nil
}

var _ dialect.PortableTypes = (*Dialect)(nil)

// PortableOf implements dialect.PortableTypes: PostgreSQL spellings of a
// portable kind strata writes otherwise — unbounded character varying
// (TEXT), timestamp(n) with time zone (DATE), time(n) without time zone
// (TIME) — stand for that kind. timestamp without time zone, bare numeric
// and the types only PostgreSQL has stand for none.
func (*Dialect) PortableOf(t schema.Type) (schema.Type, bool) {
	if t.Kind != schema.KindNative || t.Dialect != "postgres" {
		return schema.Type{}, false
	}
	s := strings.TrimSpace(t.Native)
	switch {
	case s == "character varying":
		return schema.Text(), true
	case bareTimestamptz(t):
		return schema.Date(), true
	case strings.HasPrefix(s, "timestamp(") && strings.HasSuffix(s, ") with time zone"):
		return schema.Date(), true
	case strings.HasPrefix(s, "time(") && strings.HasSuffix(s, ") without time zone"):
		return schema.Time(), true
	}
	return schema.Type{}, false
}
